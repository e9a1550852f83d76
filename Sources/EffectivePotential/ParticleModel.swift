/// Quantum statistics of a species, deciding J_B or J_F and the sign of its loops.
public enum Statistics: String, Sendable, Codable {
    case boson, fermion
}

/// A field-dependent mass squared of the renormalisable form m²(φ) = constant + quadratic·φ² (GeV²).
public struct FieldDependentMass: Sendable, Equatable {
    public let constant: Double
    public let quadratic: Double
    public init(constant: Double = 0, quadratic: Double) {
        self.constant = constant; self.quadratic = quadratic
    }
    @inline(__always) public func squared(at phi: Double) -> Double { constant + quadratic * phi * phi }
    /// d m²/dφ.
    @inline(__always) public func derivative(at phi: Double) -> Double { 2 * quadratic * phi }
}

/// Thermal (Debye) screening of some of a species' degrees of freedom: Π = coefficient · T².
public struct DebyeScreening: Sendable, Equatable {
    /// How many of the species' degrees of freedom are screened (e.g. 1: the longitudinal polarisation).
    public let screenedDegreesOfFreedom: Double
    /// Π/T².
    public let coefficient: Double
    public init(screenedDegreesOfFreedom: Double, coefficient: Double) {
        self.screenedDegreesOfFreedom = screenedDegreesOfFreedom; self.coefficient = coefficient
    }
}

/// One particle species running in the loops.
public struct Species: Sendable {
    public let name: String
    /// Degrees of freedom n_i (positive for fermions too; the statistics fixes the sign).
    public let degreesOfFreedom: Double
    public let statistics: Statistics
    public let mass: FieldDependentMass
    /// On-shell-like renormalisation (physics.md §2): the reference mass² M_i² inside the logarithm
    /// and M'_i² in the quadratic term of V_CW+ct = n/(64π²)[m⁴(ln|m²|/M² − 3/2) + 2m²M'²].
    public let logReferenceMassSquared: Double
    public let quadraticReferenceMassSquared: Double
    public let debye: DebyeScreening?
    /// Scalars are subject to the `ScalarThermalTreatment` option (full J_B, leading high-T term, none).
    public let isScalar: Bool
    /// Its role for the bubble wall (not for V_eff): a Landau-gauge Goldstone is eaten (no physical particle gains mass
    /// across the wall), and a gauge boson of coupling g radiates soft vectors (Bödeker–Moore 1703.08215).
    public let wallRole: WallRole

    public enum WallRole: Sendable, Equatable {
        case physical
        case goldstone
        case gaugeBoson(coupling: Double)
    }

    public init(name: String, degreesOfFreedom: Double, statistics: Statistics, mass: FieldDependentMass,
                logReferenceMassSquared: Double, quadraticReferenceMassSquared: Double,
                debye: DebyeScreening?, isScalar: Bool, wallRole: WallRole = .physical) {
        self.name = name; self.degreesOfFreedom = degreesOfFreedom; self.statistics = statistics
        self.mass = mass; self.logReferenceMassSquared = logReferenceMassSquared
        self.quadraticReferenceMassSquared = quadraticReferenceMassSquared
        self.debye = debye; self.isScalar = isScalar; self.wallRole = wallRole
    }
}

/// A single-background-field model: everything the effective potential needs.
/// A new model is one new file conforming to this protocol (see `DarkU1`).
public protocol ParticleModel: Sendable {
    /// Short human-readable name.
    var name: String { get }
    /// Zero-temperature vacuum expectation value of the background field (GeV).
    var vev: Double { get }
    /// Tree-level potential V0(φ) (GeV⁴) and its derivative.
    func treePotential(_ phi: Double) -> Double
    func treePotentialDerivative(_ phi: Double) -> Double
    /// Species in the one-loop and thermal corrections.
    var species: [Species] { get }
    /// Relativistic degrees of freedom the model adds to g* when all its species are light.
    var relativisticDegreesOfFreedom: Double { get }
    /// The physical particles of the broken phase (φ = v) with their T = 0 masses (GeV): what the plasma holds
    /// after the transition, when heavy ones are Boltzmann suppressed (used for T_reh and g*(T_reh)).
    var brokenPhaseParticles: [PhysicalParticle] { get }
    /// The model's inputs by name (GeV for v), for reports: default `[("v_GeV", vev)]`.
    var inputs: [(name: String, value: Double)] { get }
    /// Parameters the model derives from its inputs (e.g. a quartic fixed by V'(v) = 0), for reports: default none.
    var derivedParameters: [(name: String, value: Double)] { get }
    /// The same couplings with the vev moved to `vev` (GeV), for models whose only scale is v: V(sφ, sT) at vev s·v equals
    /// s⁴ V(φ, T) at v (dimensionless couplings, every reference mass ∝ v). Then S3/T depends on T/v alone and one action
    /// curve serves every v (`TransitionAnalysis.prepare()`). Default nil: the model does not declare it.
    func withVev(_ vev: Double) throws -> (any ParticleModel)?
    /// The tree potential split as V0 = ½ m0² φ² + rest(φ): m0² (GeV², the curvature at φ = 0), or nil (default) if
    /// the model does not declare it. With it, V_eff − V_eff(0) is summed as ½ c(T) φ² + higher orders, without the
    /// round-off of cancelling φ²-terms (`ThermalEffectivePotential.differenceFromOriginAndDerivative`).
    var treeMassSquaredAtOrigin: Double? { get }
    /// rest(φ) = V0(φ) − ½ m0² φ² and its derivative, computed without that subtraction (default: by subtraction). Any
    /// constant in it (V0(0) ≠ 0) drops out of V − V(0).
    func treePotentialBeyondQuadratic(_ phi: Double) -> (value: Double, derivative: Double)
    /// Whether V0(−φ) = V0(φ). The species' masses m² = a + bφ² are even by construction, so then V_eff(φ, T) is even
    /// too, and a bounce's tabulated potential is fitted on |φ| alone and mirrored (`ThermalTunnelling.tabulatedPotential`);
    /// otherwise V at φ < 0 (the last steps of an overshoot) is evaluated exactly. Default: V0(φ) == V0(−φ) (and the
    /// declared split `treePotentialBeyondQuadratic` alike), bit for bit, at φ/v = 1e-3, 0.1, 0.37, 1, 2.5; false for a
    /// zero or non-finite v. An odd term below half an ulp of V0 at all five points would pass unnoticed: declare it.
    var treePotentialIsEven: Bool { get }
}

extension ParticleModel {
    public var inputs: [(name: String, value: Double)] { [("v_GeV", vev)] }
    public var derivedParameters: [(name: String, value: Double)] { [] }
    public func withVev(_ vev: Double) throws -> (any ParticleModel)? { nil }
    public var treeMassSquaredAtOrigin: Double? { nil }
    public func treePotentialBeyondQuadratic(_ phi: Double) -> (value: Double, derivative: Double) {
        let m2 = treeMassSquaredAtOrigin ?? 0
        return (treePotential(phi) - 0.5 * m2 * phi * phi, treePotentialDerivative(phi) - m2 * phi)
    }
    public var treePotentialIsEven: Bool {
        guard vev.isFinite, vev != 0 else { return false }
        return [1e-3, 0.1, 0.37, 1, 2.5].allSatisfy { x in
            let phi = x * vev
            guard treePotential(phi) == treePotential(-phi) else { return false }
            return treeMassSquaredAtOrigin == nil || treePotentialBeyondQuadratic(phi).value == treePotentialBeyondQuadratic(-phi).value
        }
    }
}

/// A physical particle of a phase: dof, mass (GeV) and statistics.
public struct PhysicalParticle: Sendable, Equatable {
    public let name: String
    public let degreesOfFreedom: Double
    public let mass: Double
    public let statistics: Statistics
    public init(name: String, degreesOfFreedom: Double, mass: Double, statistics: Statistics) {
        self.name = name; self.degreesOfFreedom = degreesOfFreedom; self.mass = mass; self.statistics = statistics
    }
}
