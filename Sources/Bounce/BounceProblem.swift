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
    public init(r: Double, phi: Double, dphi: Double) { self.r = r; self.phi = phi; self.dphi = dphi }
}

/// A converged bounce with its quality report.
public struct BounceSolution: Sendable {
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
    /// How well the shooting variable ln A is pinned: the final overshoot/undershoot bracket's width, or, where the
    /// last secant steps converged from one side, the last step.
    public let bracketWidth: Double
    /// Profile (r, φ, φ'), if requested.
    public let profile: [ProfilePoint]?

    /// A solution from another solver (or a stored one), e.g. to compare or to inject into a rate.
    public init(action: Double, kineticAction: Double, phi0: Double, log10Phi0Offset: Double, trueVacuum: Double, falseVacuum: Double,
                wallRadius: Double, wallThickness: Double, dimension: Double, shots: Int, bracketWidth: Double, profile: [ProfilePoint]?) {
        self.action = action; self.kineticAction = kineticAction; self.phi0 = phi0; self.log10Phi0Offset = log10Phi0Offset
        self.trueVacuum = trueVacuum; self.falseVacuum = falseVacuum; self.wallRadius = wallRadius; self.wallThickness = wallThickness
        self.dimension = dimension; self.shots = shots; self.bracketWidth = bracketWidth; self.profile = profile
    }

    /// S / S_kinetic: 1 for an exact bounce.
    public var derrickRatio: Double { action / kineticAction }
}

/// What the solver found.
public enum BounceOutcome: Sendable {
    case bounce(BounceSolution)
    /// The false vacuum is not separated from the true one by a barrier: it rolls, S = 0.
    case barrierVanished
    /// No tunnelling: degenerate or inverted vacua, or the "true" vacuum is not a minimum.
    case noTunnelling(NoTunnellingReason)
    /// The solver did not converge or a check failed: the reason, never a number.
    case failed(BounceFailure)

    public var bounce: BounceSolution? {
        if case .bounce(let b) = self { return b }
        return nil
    }

}

/// Why a tunnelling problem has no bounce (a physics answer, not a failure). Field values in the
/// potential's units (GeV for physics potentials), V in GeV⁴, V' in GeV³, V'' in GeV².
public enum NoTunnellingReason: Sendable, Equatable, Codable, CustomStringConvertible {
    case degenerateVacua(potential: Double)
    case invertedVacua(trueVacuumValue: Double, falseVacuumValue: Double)
    case trueVacuumNotMinimum(phi: Double, curvature: Double)
    case falseVacuumNotStationary(phi: Double, slope: Double)
    /// Thermal problems: at this temperature (GeV) no broken minimum lies below the symmetric phase.
    case noDeeperBrokenMinimum(temperature: Double)

    public var description: String {
        switch self {
        case .degenerateVacua(let v): return "degenerate vacua: V(true) = V(false) = \(v)"
        case .invertedVacua(let t, let f): return "inverted vacua: V(true) = \(t) > V(false) = \(f)"
        case .trueVacuumNotMinimum(let phi, let m2): return "the true vacuum φ = \(phi) is not a minimum (V'' = \(m2))"
        case .falseVacuumNotStationary(let phi, let slope): return "φ = \(phi) is not a stationary point of V (V' = \(slope))"
        case .noDeeperBrokenMinimum(let T): return "no broken minimum deeper than the symmetric phase at T = \(T) GeV (T ≥ T_c?)"
        }
    }
}

/// Why the solver gave no number where a bounce should exist, with the data to judge it.
public enum BounceFailure: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// Dimension outside [2, 10] or vacua that are not distinct finite numbers (bad input).
    case invalidProblem(String)
    /// V is not finite at a vacuum (or, thermal problems, at φ = 0 at this temperature in GeV).
    case potentialNotFinite(temperature: Double?)
    /// The false vacuum is a minimum but no barrier was found between the vacua on the solver's grids.
    case barrierNotResolved(falseVacuum: Double, trueVacuum: Double)
    /// The wall would be thinner than ln A = −10⁹ (the shooting variable's range).
    case wallTooThin
    /// The bisection in ln A did not converge within this many shots.
    case noConvergence(shots: Int)
    /// A trajectory ended short of the false vacuum without turning back (ψ where it stopped).
    case trajectoryStalled(lnA: Double, psi: Double)
    /// The start of the trajectory could not be placed on the linearised solution.
    case startNotPlaced(logF: Double)
    /// S or its kinetic part is not finite/positive.
    case nonFiniteAction
    /// |S/S_kin − 1| above the tolerance (Derrick's identity).
    case derrickViolated(deviation: Double, tolerance: Double, shots: Int, bracketWidth: Double)
    /// Thermal problems with full scalar loops: y = m²/T² below the J_B tables at this T (GeV).
    case belowThermalTables(temperature: Double)
    /// A GSL or other numerical error, in words.
    case numerical(String)

    public var description: String {
        switch self {
        case .invalidProblem(let why): return why
        case .potentialNotFinite(let T): return T.map { "V_eff is not finite at T = \($0) GeV" } ?? "potential is not finite at the vacua"
        case .barrierNotResolved(let f, let t):
            return "the false vacuum φ = \(f) is a minimum (V'' > 0) but no barrier was resolved between it and φ_true = \(t)"
        case .wallTooThin: return "no overshoot for ln A down to −10⁹: wall thinner than the solver resolves"
        case .noConvergence(let n): return "no convergence after \(n) shots"
        case .trajectoryStalled(let lnA, let psi):
            return "shot at ln A = \(lnA) ended at ψ = \(psi) short of the false vacuum without turning back (integration range too short)"
        case .startNotPlaced(let target): return "could not place the start of the trajectory (ln f = \(target))"
        case .nonFiniteAction: return "non-finite action"
        case .derrickViolated(let dev, let tol, let shots, let width):
            return "Derrick identity violated: S/S_kin − 1 = \(dev) > \(tol) after \(shots) shots (bracket width \(width) in ln A)"
        case .belowThermalTables(let T):
            return "at T = \(T) GeV a scalar's y = m²/T² lies below the J_B tables (−(96π)²): with --scalars full the bounce is not attempted at this T (use the default --scalars hightl)"
        case .numerical(let why): return "numerical error: \(why)"
        }
    }
}
