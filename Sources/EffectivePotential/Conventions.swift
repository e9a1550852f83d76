/// Every convention of the thermal effective potential, with its default, in one auditable place.
/// physics.md §2 and §8 document the choices; the defaults are justified in README "Conventions".
public struct PotentialConventions: Sendable, Equatable, Codable {
    /// Resummation of the daisy (ring) diagrams.
    public enum Daisy: String, Sendable, Codable, CaseIterable {
        /// Arnold–Espinosa: V_daisy = −T/(12π) Σ_b n_b [(m_b² + Π_b)^{3/2} − (m_b²)^{3/2}]
        /// (Arnold & Espinosa, hep-ph/9212235), real parts (a negative base contributes 0).
        case arnoldEspinosa = "ae"
        /// Parwani: m² → m² + Π in the Coleman–Weinberg and thermal functions (Parwani, hep-ph/9204216).
        case parwani
        /// No resummation.
        case none
    }

    /// How the scalars' (h, G) thermal loops enter.
    public enum ScalarThermal: String, Sendable, Codable, CaseIterable {
        /// Full Re J_B(m²/T²), also for tachyonic m² < 0, and daisy-resummed like the gauge boson.
        case fullJB = "full"
        /// Only the leading high-T term T²m²/24 per dof (for DarkU1: λT²φ²/6), no scalar daisy.
        case leadingHighT = "hightl"
        /// No scalar thermal loops.
        case none
    }

    public var daisy: Daisy
    public var scalarThermal: ScalarThermal

    /// Defaults: AE daisy and the leading high-T scalar mass. This is variant (b) of physics.md §8, the
    /// only documented treatment that reaches the published T_p of BP1/BP2 within 2 %; it also avoids
    /// using Re J_B deep in the tachyonic region (y ≈ −15 near the origin), where the one-loop
    /// thermal function of an unstable mode is not a trustworthy free energy.
    public static let `default` = PotentialConventions(daisy: .arnoldEspinosa, scalarThermal: .leadingHighT)

    public init(daisy: Daisy, scalarThermal: ScalarThermal) {
        self.daisy = daisy; self.scalarThermal = scalarThermal
    }

    public var label: String { "daisy=\(daisy.rawValue), scalars=\(scalarThermal.rawValue)" }
}
