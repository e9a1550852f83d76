#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Transition parameters that determine the GW signal.
public struct GWSource: Sendable, Equatable, Codable {
    /// Temperature at which the GWs are produced, after reheating (T* = T_reh, GeV).
    public var temperature: Double
    /// Effective relativistic dof g* at T* (energy density; used also for the redshift).
    public var degreesOfFreedom: Double
    /// Transition strength α.
    public var alpha: Double
    /// H* R* (mean bubble separation in Hubble units).
    public var hubbleRadius: Double
    /// Wall velocity v_w.
    public var wallVelocity: Double
    /// Where the released energy goes (walls vs plasma, 1903.09642 §2): from a computed point's `WallDynamics` or given by
    /// the user; nil when unknown. Only the `budget` template uses it.
    public var energySplit: EnergySplit?

    public init(temperature: Double, degreesOfFreedom: Double, alpha: Double, hubbleRadius: Double, wallVelocity: Double,
                energySplit: EnergySplit? = nil) {
        self.temperature = temperature; self.degreesOfFreedom = degreesOfFreedom; self.alpha = alpha
        self.hubbleRadius = hubbleRadius; self.wallVelocity = wallVelocity; self.energySplit = energySplit
    }

    public struct Invalid: Error, CustomStringConvertible { public let description: String }

    /// T* of a source given by (T_p, α) alone: T_reh from ρ_rad(T_reh) = (1 + α) ρ_rad(T_p) at constant g*, i.e.
    /// T_p (1 + α)^{1/4} (physics.md §5). The one definition of T* in direct mode (a computed transition has its own
    /// T_reh with the reheated plasma's g*).
    public static func reheatingTemperature(percolationTemperature: Double, alpha: Double) -> Double {
        percolationTemperature * pow(1 + alpha, 0.25)
    }

    /// Ranges in which the templates are evaluated without overflow (κ's ξ_J squares α) and where the
    /// inputs mean something: T* up to the Planck scale, g* up to 10⁴, α up to 10¹⁰.
    public static let temperatureRange = 0.0...1e19, degreesOfFreedomRange = 1.0...1e4, alphaRange = 0.0...1e10
    public static let hubbleRadiusRange = 0.0...10.0, wallVelocityRange = 0.0...1.0

    /// The source if every parameter is finite and inside its range (lower ends of T*, α, H*R*, v_w excluded).
    public func validated() throws -> GWSource {
        func check(_ x: Double, _ range: ClosedRange<Double>, openBelow: Bool, _ what: String) throws {
            guard x.isFinite, range.contains(x), !(openBelow && x == range.lowerBound) else {
                throw Invalid(description: "\(what) must be in \(openBelow ? "(" : "[")\(range.lowerBound), \(range.upperBound)], got \(x)")
            }
        }
        try check(temperature, Self.temperatureRange, openBelow: true, "T* (GeV)")
        try check(degreesOfFreedom, Self.degreesOfFreedomRange, openBelow: false, "g*")
        try check(alpha, Self.alphaRange, openBelow: true, "alpha")
        try check(hubbleRadius, Self.hubbleRadiusRange, openBelow: true, "H*R*")
        try check(wallVelocity, Self.wallVelocityRange, openBelow: true, "v_w")
        return self
    }
}

/// The sound-wave shape x³ [7/(4 + 3x²)]^{7/2} (1910.13125 eq. 30), evaluated as (x s^{7/6})³ with
/// s = 7/(4 + 3x²) so that neither factor overflows for large x.
@inline(__always)
func soundWaveShape(_ x: Double) -> Double {
    let y = x * pow(7 / (4 + 3 * x * x), 7.0 / 6)
    return y * y * y
}

/// A GW template: h²Ω_GW today at frequency f (Hz).
public protocol GWTemplate: Sendable {
    var name: String { get }
    func energyDensity(frequency f: Double) -> Double
    /// Peak frequency today (Hz).
    var peakFrequency: Double { get }
    /// The separate sources of a sum (empty for a single source), e.g. for plotting them.
    var components: [any GWTemplate] { get }
}

extension GWTemplate {
    public var components: [any GWTemplate] { [] }
}

/// Sound waves, Caprini et al. arXiv:1910.13125 eqs. (29)–(31) (their eq. 30 spectral shape and eq. 31
/// peak), with the finite source lifetime Υ = 1 − 1/√(1 + 2τ_sw H*), τ_sw = R*/Ū_f, Ū_f² = (3/4)κα/(1+α)
/// (Guo, Sinha, Vagie, White, arXiv:2007.08537 eq. 3.x) and κ(α, v_w) of 1004.4187:
///   h²Ω_sw = 4.13×10⁻⁷ (H*R*) Υ (κα/(1+α))² (100/g*)^{1/3} S_sw(f),
///   S_sw = (f/f_sw)³ [7/(4 + 3(f/f_sw)²)]^{7/2}, f_sw = 2.6×10⁻⁵ Hz (H*R*)⁻¹ (T*/100 GeV)(g*/100)^{1/6}.
public struct SoundWaveTemplate: GWTemplate {
    public let source: GWSource
    public var name: String { "sound waves (Caprini et al. 1910.13125, Υ of 2007.08537)" }
    public let kappa: Double
    public let rmsFluidVelocity: Double
    public let lifetimeSuppression: Double
    public let amplitude: Double
    public let peakFrequency: Double

    public init(source: GWSource) {
        self.source = source
        let a = source.alpha
        kappa = EfficiencyFactor.kappa(alpha: a, wallVelocity: source.wallVelocity)
        let k = kappa * a / (1 + a)
        rmsFluidVelocity = (0.75 * k).squareRoot()
        lifetimeSuppression = 1 - 1 / (1 + 2 * source.hubbleRadius / rmsFluidVelocity).squareRoot()
        amplitude = 4.13e-7 * source.hubbleRadius * lifetimeSuppression * k * k * pow(100 / source.degreesOfFreedom, 1.0 / 3)
        peakFrequency = 2.6e-5 / source.hubbleRadius * (source.temperature / 100) * pow(source.degreesOfFreedom / 100, 1.0 / 6)
    }

    public func energyDensity(frequency f: Double) -> Double {
        amplitude * soundWaveShape(f / peakFrequency)
    }
}

/// Sound waves in the form of Hindmarsh, Huber, Rummukainen, Weir arXiv:1704.05871 eq. (45) with its
/// erratum (PRD 101 (2020) 089902, eq. 2: the missing factor 3, Ω̃_gw = 0.012), without the finite-lifetime
/// factor (the source lasts a Hubble time):
///   h²Ω_sw = h² · 3 · 0.687 · F_gw,0 · Ω̃_gw · (100/g*)^{1/3} Γ² Ū_f⁴ (H*R*) C(f/f_p),
///   F_gw,0 = 3.57×10⁻⁵ (at h = 0.678, which cancels against Ω_γ h²), Ω̃_gw = 0.012, Γ = 4/3,
///   Ū_f² = κα/(Γ(1+α)), C(s) = s³ [7/(4 + 3s²)]^{7/2},
///   f_p = 26 μHz (H*R*)⁻¹ (z_p/10)(T*/100 GeV)(g*/100)^{1/6}, z_p = 10.
public struct Hindmarsh2017Template: GWTemplate {
    public let source: GWSource
    public var name: String { "sound waves (Hindmarsh et al. 1704.05871 + erratum)" }
    public let peakFrequency: Double
    let amplitude: Double
    static let adiabaticIndex = 4.0 / 3, littleH = 0.678, peakWavenumber = 10.0

    public init(source: GWSource) {
        self.source = source
        let k = EfficiencyFactor.kappa(alpha: source.alpha, wallVelocity: source.wallVelocity) * source.alpha / (1 + source.alpha)
        let uf2 = k / Self.adiabaticIndex
        amplitude = Self.littleH * Self.littleH * 3 * 0.687 * 3.57e-5 * 0.012 * pow(100 / source.degreesOfFreedom, 1.0 / 3)
            * Self.adiabaticIndex * Self.adiabaticIndex * uf2 * uf2 * source.hubbleRadius
        peakFrequency = 26e-6 / source.hubbleRadius * (Self.peakWavenumber / 10) * (source.temperature / 100)
            * pow(source.degreesOfFreedom / 100, 1.0 / 6)
    }

    public func energyDensity(frequency f: Double) -> Double {
        amplitude * soundWaveShape(f / peakFrequency)
    }
}

/// MHD turbulence, Caprini et al. (LISA CosWG) arXiv:1512.06239 eqs. (19)–(21):
///   h²Ω_turb = 3.35×10⁻⁴ (H*/β) (κ_turb α/(1+α))^{3/2} (100/g*)^{1/3} v_w S_turb(f),
///   S_turb = (f/f_turb)³ / [(1 + f/f_turb)^{11/3} (1 + 8πf/h*)], h* = 16.5 μHz (T*/100 GeV)(g*/100)^{1/6},
///   f_turb = 27 μHz (1/v_w)(β/H*)(T*/100 GeV)(g*/100)^{1/6},
/// with κ_turb = ε κ (ε = 0.05, the lower end of the 5–10 % quoted there) and β/H* = (8π)^{1/3} v_w/(H*R*).
/// f_turb is the shape's scale, not its maximum: `peakFrequency` is where S_turb peaks (``peakOverCharacteristic(dampingRatio:)``).
public struct TurbulenceTemplate: GWTemplate {
    public let source: GWSource
    public let turbulentFraction: Double
    public var name: String { "MHD turbulence (Caprini et al. 1512.06239, ε = \(turbulentFraction))" }
    /// f_turb of eq. (21) (Hz): the scale of S_turb.
    public let characteristicFrequency: Double
    /// Where h²Ω_turb is largest (Hz): x_peak f_turb, 1.2–4.5 f_turb.
    public let peakFrequency: Double
    let amplitude: Double
    let hubbleToday: Double

    public init(source: GWSource, turbulentFraction: Double = 0.05) {
        self.source = source
        self.turbulentFraction = turbulentFraction
        let betaOverH = pow(8 * Double.pi, 1.0 / 3) * source.wallVelocity / source.hubbleRadius
        let kappaTurb = turbulentFraction * EfficiencyFactor.kappa(alpha: source.alpha, wallVelocity: source.wallVelocity)
        let redshift = (source.temperature / 100) * pow(source.degreesOfFreedom / 100, 1.0 / 6)
        amplitude = 3.35e-4 / betaOverH * pow(kappaTurb * source.alpha / (1 + source.alpha), 1.5)
            * pow(100 / source.degreesOfFreedom, 1.0 / 3) * source.wallVelocity
        hubbleToday = 1.65e-5 * redshift
        characteristicFrequency = 2.7e-5 / source.wallVelocity * betaOverH * redshift
        peakFrequency = characteristicFrequency
            * Self.peakOverCharacteristic(dampingRatio: 8 * Double.pi * characteristicFrequency / hubbleToday)
    }

    /// x_peak = f_peak/f_turb, the maximum of x³(1+x)^{−11/3}/(1 + k x) with k = 8π f_turb/h* (1512.06239 eq. 20 in x).
    /// d ln S/d ln x = 3 − (11/3) x/(1+x) − kx/(1+kx) = 0 ⇔ 5k x² − (6k − 2) x − 9 = 0, whose roots have the product
    /// −9/(5k) < 0: one positive root, the maximum (the slope falls from 3 to −5/3). Written without cancellation:
    /// (b + D)/(10k) for b = 6k − 2 ≥ 0, else 18/(D − b), D = √(b² + 180k); k → 0 gives 4.5, k → ∞ gives 1.2.
    public static func peakOverCharacteristic(dampingRatio k: Double) -> Double {
        let b = 6 * k - 2, d = (b * b + 180 * k).squareRoot()
        return b >= 0 ? (b + d) / (10 * k) : 18 / (d - b)
    }

    public func energyDensity(frequency f: Double) -> Double {
        // x³/(1+x)^{11/3} written as (x/(1+x))³ (1+x)^{−2/3}: no inf/inf for large x.
        let x = f / characteristicFrequency, r = x / (1 + x)
        return amplitude * r * r * r * pow(1 + x, -2.0 / 3) / (1 + 8 * Double.pi * f / hubbleToday)
    }
}

/// Sound waves plus turbulence.
public struct CombinedTemplate: GWTemplate {
    public let parts: [any GWTemplate]
    public var name: String { parts.map(\.name).joined(separator: " + ") }
    public var peakFrequency: Double { parts.first?.peakFrequency ?? 0 }
    public var components: [any GWTemplate] { parts }
    public func energyDensity(frequency f: Double) -> Double { parts.reduce(0) { $0 + $1.energyDensity(frequency: f) } }
}

/// Available templates.
public enum TemplateKind: String, Sendable, CaseIterable, Codable {
    case soundWaves = "sw"
    case turbulence = "turb"
    case soundWavesAndTurbulence = "sw+turb"
    case hindmarsh2017 = "hh2017"
    case collision = "collision"
    case budget = "budget"

    /// Whether the template needs the source's energy split (`GWSource.energySplit`); without one `budget` assumes κ_col = 0.
    public var usesEnergySplit: Bool { self == .budget }

    public func template(for source: GWSource) -> any GWTemplate {
        switch self {
        case .soundWaves: return SoundWaveTemplate(source: source)
        case .turbulence: return TurbulenceTemplate(source: source)
        case .soundWavesAndTurbulence: return CombinedTemplate(parts: [SoundWaveTemplate(source: source), TurbulenceTemplate(source: source)])
        case .hindmarsh2017: return Hindmarsh2017Template(source: source)
        case .collision: return LewickiVaskonenTemplate(source: source)
        case .budget: return EnergyBudgetTemplate(source: source)
        }
    }
}
