#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strongly supercooled transitions (α ≫ 1): GWs from bubble collisions and the highly relativistic fluid
/// shells the walls push (bulk flow), fitted by Lewicki & Vaskonen, arXiv:2208.11697 (Eur. Phys. J. C 83
/// (2023) 109), eqs. (24)–(28) and Table I, for sources whose stress-energy falls as T_rr ∝ R⁻³ after
/// collision; the LISA Cosmology WG (arXiv:2403.03723, sec. 2.1, "Template I") uses this fit, rounded, for
/// "bubble collisions and highly relativistic fluid shells in very strong phase transitions (α ≫ 1)":
///   h²Ω_GW(f) = 1.67×10⁻⁵ (100/g*)^{1/3} (H*/β)² (κα/(1+α))² S(f),
///   S(f) = A (a + b)^c / [b (f/f_p)^{−a/c} + a (f/f_p)^{b/c}]^c,
///   f_p = h* (β/H*) (ω_p/β)/(2π),  h* = 16.5 μHz (T*/100 GeV)(g*/100)^{1/6},
/// so S peaks at f_p with S(f_p) = A and goes as f^a below, f^{−b} above.
/// β/H* = (8π)^{1/3} v_w/(H*R*) (mean separation for exponential nucleation, as in `TurbulenceTemplate`);
/// κ = κ(α, v_w) of 1004.4187 (→ 1 for α ≫ 1): the fraction of the released energy in the sources.
public struct LewickiVaskonenTemplate: GWTemplate {
    /// Table I of 2208.11697, T_rr ∝ R⁻³: A, a, b, c, ω_p/β. Provenance (the paper could not be opened
    /// here): TransitionSolver (Athron et al., gws/analyser.py) uses these digits; the LISA CosWG template
    /// bank, PTPlot and BSMPT use them rounded (A = 0.05, a = b = 2.4, c = 4, ω_p/β = 0.7). The paper's
    /// other row (T_rr ∝ R⁻²) is not offered: no trustworthy copy of it was found.
    public static let fit = (amplitude: 5.13e-2, a: 2.41, b: 2.42, c: 4.08, peakOmegaOverBeta: 0.77)

    public let source: GWSource
    public var name: String { "bubble collisions / relativistic fluid shells, α ≫ 1 (Lewicki & Vaskonen 2208.11697)" }
    /// κ: fraction of the released vacuum energy carried by the sources.
    public let kappa: Double
    /// β/H* from H*R*.
    public let betaOverHubble: Double
    /// h²Ω_GW at the peak.
    public let peakAmplitude: Double
    public let peakFrequency: Double

    public init(source: GWSource) {
        self.source = source
        let fit = Self.fit
        kappa = EfficiencyFactor.kappa(alpha: source.alpha, wallVelocity: source.wallVelocity)
        betaOverHubble = pow(8 * Double.pi, 1.0 / 3) * source.wallVelocity / source.hubbleRadius
        let k = kappa * source.alpha / (1 + source.alpha)
        peakAmplitude = 1.67e-5 * pow(100 / source.degreesOfFreedom, 1.0 / 3) * k * k / (betaOverHubble * betaOverHubble) * fit.amplitude
        let hubbleToday = 1.65e-5 * (source.temperature / 100) * pow(source.degreesOfFreedom / 100, 1.0 / 6)
        peakFrequency = hubbleToday * betaOverHubble * fit.peakOmegaOverBeta / (2 * Double.pi)
    }

    public func energyDensity(frequency f: Double) -> Double {
        let fit = Self.fit
        let x = f / peakFrequency
        let shape = pow(fit.a + fit.b, fit.c) / pow(fit.b * pow(x, -fit.a / fit.c) + fit.a * pow(x, fit.b / fit.c), fit.c)
        return peakAmplitude * shape
    }
}
