import Foundation
import SupercoolNumerics

/// Standard Model g_*ρ(T) and g_*s(T) of Saikawa & Shirai (arXiv:1803.01038, 2020 tables), from the
/// resampled table `Data/gstar_sm.csv` (see Data/README.md), interpolated with Steffen's monotone
/// cubic in log10 T and held constant outside the table (T < 10 keV: after e± annihilation;
/// T > 1.4×10⁶ GeV: all SM species relativistic).
public struct StandardModelDegreesOfFreedom: Sendable {
    let energy: Interpolant
    let entropy: Interpolant
    public let temperatureRange: ClosedRange<Double>

    public init(resources: ProjectResources) throws {
        let rows = try resources.csvRows("gstar_sm.csv")
        guard let header = rows.first, header == ["T_GeV", "g_rho", "g_s"] else {
            throw ProjectResources.NotFound(description: "Data/gstar_sm.csv: unexpected header (expected T_GeV,g_rho,g_s)")
        }
        var logT = [Double](), gRho = [Double](), gS = [Double]()
        for row in rows.dropFirst() {
            guard row.count == 3, let t = Double(row[0]), let r = Double(row[1]), let s = Double(row[2]) else {
                throw ProjectResources.NotFound(description: "Data/gstar_sm.csv: malformed row \(row)")
            }
            logT.append(log10(t)); gRho.append(r); gS.append(s)
        }
        energy = try Interpolant(x: logT, y: gRho, kind: .steffen)
        entropy = try Interpolant(x: logT, y: gS, kind: .steffen)
        temperatureRange = pow(10, logT.first!)...pow(10, logT.last!)
    }

    /// g_*ρ(T) (T in GeV).
    public func energyDensity(at T: Double) -> Double { energy(log10(T)) }
    /// g_*s(T) (T in GeV).
    public func entropyDensity(at T: Double) -> Double { entropy(log10(T)) }
}

/// How g*(T) of the plasma is modelled: one temperature for the SM and the dark sector (physics.md §3).
public enum DegreesOfFreedomModel: Sendable, Equatable, Codable {
    /// g*(T) = g*_SM(T) (Saikawa–Shirai) + g*_dark, with g*_dark constant.
    case standardModelPlusDark(dark: Double)
    /// A constant g* (for comparison with papers that fix it).
    case constant(Double)
}

/// The plasma's g*(T) under a chosen model.
public struct Plasma: Sendable {
    public let model: DegreesOfFreedomModel
    let standardModel: StandardModelDegreesOfFreedom?

    public init(model: DegreesOfFreedomModel, resources: ProjectResources) throws {
        self.model = model
        switch model {
        case .standardModelPlusDark: standardModel = try StandardModelDegreesOfFreedom(resources: resources)
        case .constant: standardModel = nil
        }
    }

    /// g*_ρ(T) of the whole plasma.
    public func energyDegreesOfFreedom(at T: Double) -> Double {
        switch model {
        case .standardModelPlusDark(let dark): return standardModel!.energyDensity(at: T) + dark
        case .constant(let g): return g
        }
    }

    /// g*_s(T) of the whole plasma.
    public func entropyDegreesOfFreedom(at T: Double) -> Double {
        switch model {
        case .standardModelPlusDark(let dark): return standardModel!.entropyDensity(at: T) + dark
        case .constant(let g): return g
        }
    }

    /// ρ_rad = π²/30 g*(T) T⁴ (GeV⁴).
    public func radiationEnergyDensity(at T: Double) -> Double {
        Double.pi * Double.pi / 30 * energyDegreesOfFreedom(at: T) * pow(T, 4)
    }
}

/// Physical constants (GeV units unless said).
public enum PhysicalConstants {
    /// Reduced Planck mass M_Pl = (8πG)^{-1/2} = 2.435×10¹⁸ GeV (physics.md §3).
    public static let reducedPlanckMass = 2.435e18
    /// Hubble rate with false-vacuum energy: H² = (ρ_rad + ΔV)/(3 M_Pl²) (Athron et al. 2306.17239).
    public static func hubbleRate(radiationEnergyDensity rho: Double, vacuumEnergy deltaV: Double) -> Double {
        ((rho + max(deltaV, 0)) / (3 * reducedPlanckMass * reducedPlanckMass)).squareRoot()
    }
}
