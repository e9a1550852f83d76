import Cosmology

/// Every convention of the transition history, with its default, in one auditable place
/// (physics.md §3–§5). The potential's own conventions are `PotentialConventions`.
public struct TransitionConventions: Sendable, Equatable, Codable {
    /// Prefactor of the thermal rate Γ(T).
    public enum RatePrefactor: String, Sendable, Codable, CaseIterable {
        /// Γ = T⁴ (S3/(2πT))^{3/2} e^{−S3/T} (Linde 1983; physics.md §4).
        case thermal
        /// Γ = T⁴ e^{−S3/T} (a common simplification; physics.md §8: moves T_p by −24 … −49 %).
        case plainT4 = "T4"
    }

    /// Which R* is reported as H*R* (both are always computed).
    public enum RadiusDefinition: String, Sendable, Codable, CaseIterable {
        /// R* = n_b(T_p)^{−1/3}, the mean bubble separation (physics.md §5; default: β/H → 0 near the
        /// minimum of S3/T, so β-based radii are not meaningful there).
        case numberDensity = "nb"
        /// R* = (8π)^{1/3} v_w / β with β/H = T d(S3/T)/dT at T_p (Enqvist et al. 1992; 1910.13125).
        case beta
    }

    /// Bubble-wall velocity v_w (units of c). Default 1 (runaway/relativistic walls of a supercooled transition).
    public var wallVelocity: Double = 1
    /// I(T_p) defining percolation (0.34: Ellis, Lewicki, No 1809.08242 after Rintoul & Torquato).
    public var percolationThreshold: Double = 0.34
    /// False-vacuum fraction defining T_f (P_f(T_f) = 0.01).
    public var finalFalseVacuumFraction: Double = 0.01
    public var ratePrefactor: RatePrefactor = .thermal
    public var radiusDefinition: RadiusDefinition = .numberDensity
    /// Add the O(4) vacuum rate Γ4 = R0⁻⁴(S4/2π)² e^{−S4} to the thermal rate (physics.md §4; off by default:
    /// S4 ≥ 1160 for BP1–BP4, physics.md §8, and it doubles the bounce count).
    public var includeVacuumTunnelling: Bool = false
    /// g* of the plasma: nil means g*_SM(T) (Saikawa–Shirai) + the model's own light dark dof
    /// (`ParticleModel.relativisticDegreesOfFreedom`); otherwise the given model.
    public var degreesOfFreedom: DegreesOfFreedomModel? = nil

    /// How the false-vacuum dark plasma is counted in α and H when `degreesOfFreedom` is nil.
    public enum DarkDegreesOfFreedomCount: String, Sendable, Codable, CaseIterable {
        /// The model's physical light dof (`ParticleModel.relativisticDegreesOfFreedom`; 4 for DarkU1).
        case physical
        /// The one-loop free energy's own count at φ = 0 (`ParticleModel.freeEnergyDegreesOfFreedom`; 6.21 for DarkU1),
        /// what ELENA and the benchmark table's α use (`--gstar-dark free-energy`).
        case freeEnergy = "free-energy"
    }
    /// Default `physical`. Applies to the false vacuum only; the reheated plasma is the broken phase's massive particles.
    public var darkDegreesOfFreedomCount: DarkDegreesOfFreedomCount = .physical

    /// How S3/T(T) is sampled by bounces (`ActionCurve.sample`). These decide how low in T a "no
    /// percolation" verdict looks, so they are conventions too: the lowest sampled temperature as a fraction
    /// of T_c; the coarse logarithmic grid; the dense grid where S3/T is within `denseWindow` of its minimum.
    public var lowestSampledFraction: Double = 2e-3
    public var coarseSamples: Int = 36
    public var denseSamples: Int = 60
    public var denseWindow: Double = 60
    /// S3/T above this is left out of the spline: Γ ∝ e^{−3000} is irrelevant and would only stiffen it near T_c.
    public var actionOverTemperatureCutoff: Double = 3000
    /// Below this S3/T the sampled curve must be resolved (and the highest sample must reach it): Γ/H⁴ ≤
    /// (T/H)⁴ e^{−S3/T} < e^{−700} above it for any T/H < 10³², i.e. every v in the documented range.
    public var resolvedActionLevel: Double = 1000
    /// Where S3/T < `resolvedActionLevel`, neighbouring samples may differ by at most
    /// `refinementStep` + `refinementRelativeStep`·S3/T (else the interval is bisected in ln T) …
    public var refinementStep: Double = 10
    public var refinementRelativeStep: Double = 0.4
    /// … with at most this many extra bounces per point (the result says when it was not enough).
    public var maxRefinementBounces: Int = 80
    /// Where the barrier vanishes at T_0, bounces are not solved below this S3/T on the way down to T_0 (S3/T = 0
    /// there): Γ/H⁴ ≥ (T/H)⁴ e^{−1} ≫ 1 for any T ≪ M_Pl, so only the time left before T_0 matters, and the
    /// spline's error of ≲ 1 in S3/T moves Γ by at most a factor e there. These thick walls over a nearly massless
    /// false vacuum are also the bounce solver's slowest case (seconds instead of milliseconds).
    public var saturatedActionLevel: Double = 1

    public init() {}

    public static let `default` = TransitionConventions()
}
