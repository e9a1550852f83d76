import Foundation
import SupercoolNumerics

/// Standard Model g_*ρ(T) and g_*s(T) of Saikawa & Shirai (arXiv:1803.01038, 2020 tables), from the
/// resampled table `Data/gstar_sm.csv` (see Data/README.md), interpolated with Steffen's monotone
/// cubic in log10 T and held constant outside the table. Both extensions are physical limits, so the
/// table is validated to reach them (`coverage`, `lowLimits`, `highLimits`): below 10 keV e± annihilation
/// is over and g*_ρ = 3.38, g*_s = 3.93 (γ + 3 decoupled ν) stay constant; above 10⁶ GeV all SM species are
/// relativistic and g*_ρ ≈ 104.4 rises only towards the free-gas 106.75 (≤ 2.2 %, i.e. ≤ 0.6 % in T ∝ g*^{−1/4}).
/// A truncated, unsorted or implausible table is an error naming the file, never a silent clamp.
public struct StandardModelDegreesOfFreedom: Sendable {
    let energy: Interpolant
    let entropy: Interpolant
    public let temperatureRange: ClosedRange<Double>

    /// The table must span at least this range of T (GeV): the ends are where g* reaches its constant limits.
    public static let coverage = 1e-5...1e6
    /// Plausible (g*_ρ, g*_s) at the low end (after e± annihilation) and g*_ρ at the high end (all SM relativistic).
    static let lowLimits = (energy: 3.30...3.45, entropy: 3.85...4.00), highLimits = 100.0...106.75
    /// At most this spacing in log10 T, so that the QCD crossover stays resolved (the table has 0.01).
    static let maximumLogSpacing = 0.05

    public init(resources: ProjectResources) throws {
        let url = resources.dataDirectory.appendingPathComponent("gstar_sm.csv")
        func invalid(_ problem: String) -> ProjectResources.InvalidData { ProjectResources.InvalidData(file: url, problem) }
        let rows = try resources.csvRows("gstar_sm.csv")
        guard let header = rows.first, header == ["T_GeV", "g_rho", "g_s"] else {
            throw invalid("unexpected header (expected T_GeV,g_rho,g_s)")
        }
        var logT = [Double](), gRho = [Double](), gS = [Double]()
        for row in rows.dropFirst() {
            guard row.count == 3, let t = Double(row[0]), let r = Double(row[1]), let s = Double(row[2]) else {
                throw invalid("malformed row \(row.joined(separator: ","))")
            }
            guard t.isFinite, t > 0 else { throw invalid("T = \(row[0]) GeV is not a finite positive temperature") }
            guard (1.0...200.0).contains(r), (1.0...200.0).contains(s) else { throw invalid("g* at T = \(t) GeV outside [1, 200]: g_rho = \(row[1]), g_s = \(row[2])") }
            if let last = logT.last {
                guard log10(t) > last else { throw invalid("T is not strictly increasing at T = \(t) GeV") }
                guard log10(t) - last <= Self.maximumLogSpacing else { throw invalid("gap in T before \(t) GeV (more than \(Self.maximumLogSpacing) in log10 T)") }
            }
            logT.append(log10(t)); gRho.append(r); gS.append(s)
        }
        guard let first = logT.first, let last = logT.last, logT.count >= 2 else { throw invalid("no data rows") }
        // 1e-9 relative slack: the file prints T with 11 significant digits.
        guard pow(10, first) <= Self.coverage.lowerBound * (1 + 1e-9), pow(10, last) >= Self.coverage.upperBound * (1 - 1e-9) else {
            throw invalid("covers T = \(pow(10, first)) … \(pow(10, last)) GeV; it must span at least [1e-5, 1e6] GeV (g* is held constant only beyond these physical limits)")
        }
        guard Self.lowLimits.energy.contains(gRho[0]), Self.lowLimits.entropy.contains(gS[0]) else {
            throw invalid("g* at the lowest T (\(gRho[0]), \(gS[0])) is not the post-e± annihilation limit (3.38, 3.93)")
        }
        guard Self.highLimits.contains(gRho[gRho.count - 1]) else {
            throw invalid("g_rho at the highest T (\(gRho[gRho.count - 1])) is not in the all-relativistic SM range [100, 106.75]")
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

/// A massive species in equilibrium with the plasma: its contribution to g*_ρ and g*_s follows from the
/// ideal-gas integrals (Kolb & Turner, The Early Universe, eqs. 3.52–3.54; Husdal 1609.04979 eqs. 9–10):
///   g*_ρ = g (15/π⁴) ∫_x^∞ u² √(u² − x²)/(e^u ∓ 1) du,
///   g*_s = g (45/(4π⁴)) ∫_x^∞ [u² √(u² − x²) + (u² − x²)^{3/2}/3]/(e^u ∓ 1) du,   x = m/T,
/// normalised so that a massless boson counts 1 (a massless fermion 7/8).
public struct MassiveSpecies: Sendable, Equatable, Codable {
    public let degreesOfFreedom: Double
    public let mass: Double
    public let isFermion: Bool
    public init(degreesOfFreedom: Double, mass: Double, isFermion: Bool) {
        self.degreesOfFreedom = degreesOfFreedom; self.mass = mass; self.isFermion = isFermion
    }

    /// (g*_ρ, g*_s) of this species at temperature T (GeV).
    public func degreesOfFreedom(at T: Double) -> (energy: Double, entropy: Double) {
        let x = mass / T
        if x > 700 { return (0, 0) }   // e^{−x} below the smallest Double
        let sign = isFermion ? 1.0 : -1.0
        func integral(_ kernel: @escaping (Double, Double) -> Double) -> Double {
            // u = x + t: the integrand is smooth in t ≥ 0 (√t at t → 0); e^{−u} tail beyond t ≈ 750. A failed
            // quadrature gives NaN, which the callers reject (the T_reh root finder throws on non-finite values).
            (try? Quadrature(relativeTolerance: 1e-10).integrate({ t in
                let u = x + t, w = t * (t + 2 * x)
                return kernel(u, w) / (exp(u) + sign)
            }, from: 0).value) ?? .nan
        }
        let energy = integral { u, w in u * u * w.squareRoot() }
        let pressure = integral { _, w in w * w.squareRoot() }
        let pi4 = pow(Double.pi, 4)
        return (degreesOfFreedom * 15 / pi4 * energy, degreesOfFreedom * 45 / (4 * pi4) * (energy + pressure / 3))
    }

    /// g*_ρ alone (one quadrature instead of two: ρ_rad and the T_reh root need only the energy).
    public func energyDegreesOfFreedom(at T: Double) -> Double {
        let x = mass / T
        if x > 700 { return 0 }
        let sign = isFermion ? 1.0 : -1.0
        let energy = (try? Quadrature(relativeTolerance: 1e-10).integrate({ t in
            let u = x + t, w = t * (t + 2 * x)
            return u * u * w.squareRoot() / (exp(u) + sign)
        }, from: 0).value) ?? .nan
        return degreesOfFreedom * 15 / pow(Double.pi, 4) * energy
    }
}

/// How g*(T) of the plasma is modelled: one temperature for the SM and the dark sector (physics.md §3).
public enum DegreesOfFreedomModel: Sendable, Equatable, Codable {
    /// g*(T) = g*_SM(T) (Saikawa–Shirai) + g*_dark, with g*_dark constant.
    case standardModelPlusDark(dark: Double)
    /// g*(T) = g*_SM(T) + the dark sector's massive species (the broken phase after the transition).
    case standardModelPlusMassive([MassiveSpecies])
    /// A constant g* (for comparison with papers that fix it).
    case constant(Double)
}

/// The plasma's g*(T) under a chosen model.
public struct Plasma: Sendable {
    public let model: DegreesOfFreedomModel
    let standardModel: StandardModelDegreesOfFreedom?

    /// With the SM table loaded once by the caller (it is ignored for a constant g*).
    public init(model: DegreesOfFreedomModel, standardModel: StandardModelDegreesOfFreedom) {
        self.model = model
        switch model {
        case .standardModelPlusDark, .standardModelPlusMassive: self.standardModel = standardModel
        case .constant: self.standardModel = nil
        }
    }

    public init(model: DegreesOfFreedomModel, resources: ProjectResources) throws {
        self.model = model
        switch model {
        case .standardModelPlusDark, .standardModelPlusMassive: standardModel = try StandardModelDegreesOfFreedom(resources: resources)
        case .constant: standardModel = nil
        }
    }

    /// g*_ρ(T) of the whole plasma.
    public func energyDegreesOfFreedom(at T: Double) -> Double {
        switch model {
        case .standardModelPlusDark(let dark): return standardModel!.energyDensity(at: T) + dark
        case .standardModelPlusMassive(let species): return standardModel!.energyDensity(at: T) + species.reduce(0) { $0 + $1.energyDegreesOfFreedom(at: T) }
        case .constant(let g): return g
        }
    }

    /// g*_s(T) of the whole plasma.
    public func entropyDegreesOfFreedom(at T: Double) -> Double {
        switch model {
        case .standardModelPlusDark(let dark): return standardModel!.entropyDensity(at: T) + dark
        case .standardModelPlusMassive(let species): return standardModel!.entropyDensity(at: T) + species.reduce(0) { $0 + $1.degreesOfFreedom(at: T).entropy }
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
