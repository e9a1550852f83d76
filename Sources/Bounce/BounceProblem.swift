/// Tunnelling from `falseVacuum` to `trueVacuum` of a one-field potential in d Euclidean dimensions:
/// φ'' + (d−1)/r φ' = V'(φ), φ'(0) = 0, φ(∞) = φ_false (physics.md §4). d = 3 gives the thermal
/// O(3) action S3, d = 4 the vacuum O(4) action S4.
public struct BounceProblem: Sendable {
    public let potential: any BouncePotential
    public let falseVacuum: Double
    public let trueVacuum: Double
    public let dimension: Double

    public init(potential: any BouncePotential, falseVacuum: Double, trueVacuum: Double, dimension: Double) {
        self.potential = potential
        self.falseVacuum = falseVacuum
        self.trueVacuum = trueVacuum
        self.dimension = dimension
    }
}

/// One point of the bounce profile.
public struct ProfilePoint: Sendable, Equatable {
    /// Euclidean radius (1/GeV for physics potentials).
    public let r: Double
    public let phi: Double
    /// dφ/dr.
    public let dphi: Double
}

/// A converged bounce with its quality report.
public struct Bounce: Sendable {
    /// Euclidean action S_d = Ω_d ∫ r^{d−1} [½φ'² + V(φ) − V(φ_false)] dr.
    public let action: Double
    /// Action from the kinetic term alone, S = (2/d) Ω_d ∫ r^{d−1} ½φ'² dr (Derrick's identity).
    public let kineticAction: Double
    /// φ(r = 0).
    public let phi0: Double
    /// log10 |φ(0) − φ_true|: resolves thin walls where φ(0) equals φ_true in double precision.
    public let log10Phi0Offset: Double
    public let trueVacuum: Double
    public let falseVacuum: Double
    /// Radius where φ is half-way between the vacua.
    public let wallRadius: Double
    /// |φ_false − φ_true| / max|φ'|.
    public let wallThickness: Double
    public let dimension: Double
    /// Number of trajectories shot.
    public let shots: Int
    /// Final bracket width in ln A (the shooting variable).
    public let bracketWidth: Double
    /// Profile (r, φ, φ'), if requested.
    public let profile: [ProfilePoint]?

    /// S / S_kinetic: 1 for an exact bounce.
    public var derrickRatio: Double { action / kineticAction }
}

/// What the solver found.
public enum BounceOutcome: Sendable {
    case bounce(Bounce)
    /// The false vacuum is not separated from the true one by a barrier: it rolls, S = 0.
    case barrierVanished(String)
    /// No tunnelling: degenerate or inverted vacua, or the "true" vacuum is not a minimum.
    case noTunnelling(String)
    /// The solver did not converge or a check failed: the reason, never a number.
    case failed(String)

    public var bounce: Bounce? {
        if case .bounce(let b) = self { return b }
        return nil
    }
}
