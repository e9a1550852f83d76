import Foundation
import Bounce
import Cosmology
import EffectivePotential
import SupercoolNumerics

/// Everything `reproduce`, `point` and `completion` report for one model point (GeV unless said).
/// Optional fields are nil where the quantity does not exist (e.g. no percolation).
public struct TransitionResult: Sendable, Encodable {
    public var criticalTemperature: Double?
    public var nucleationTemperature: Double?
    public var percolationTemperature: Double?
    /// I(T_e) = 1.
    public var extendedVolumeUnityTemperature: Double?
    /// P_f(T_f) = 0.01 (by default).
    public var finalTemperature: Double?
    /// 3 + T dI/dT at T_p and T_f: negative when the physical false-vacuum volume shrinks.
    public var volumeSlopeAtPercolation: Double?
    public var volumeSlopeAtFinal: Double?
    public var bubbleNumberDensity: Double?
    /// R* = n_b^{−1/3} at T_p (GeV⁻¹).
    public var meanBubbleSeparation: Double?
    /// H(T_p) R* with R* = n_b^{−1/3}.
    public var hubbleRadiusNumberDensity: Double?
    /// H(T_p) R* with R* = (8π)^{1/3} v_w/β.
    public var hubbleRadiusBeta: Double?
    /// H*R* under the chosen `RadiusDefinition`.
    public var hubbleRadius: Double?
    /// β/H = T d(S3/T)/dT at T_p.
    public var betaOverH: Double?
    /// β_V/H = T √(d²(S3/T)/dT²) at the minimum of S3/T: the width of Gaussian nucleation, where β → 0
    /// (Athron et al. 2305.02357 §5; from d²lnΓ/dt² with dt = −dT/(TH)).
    public var betaVOverH: Double?
    /// α from the trace anomaly, Δθ/ρ_rad with θ = (ρ − 3p)/4, at T_p.
    public var alpha: Double?
    /// α = ΔV/ρ_rad at T_p.
    public var alphaVacuum: Double?
    public var reheatingTemperature: Double?
    /// GSL's estimated relative error of I(T_p) (asked for 1e-9; reported because QAGS may stop on round-off).
    public var percolationIntegralRelativeError: Double?
    /// g*_ρ of the true-vacuum plasma at T_reh (enters the GW redshift).
    public var gStarAtReheating: Double?
    public var minimumActionOverT: Double?
    /// Smallest sampled S4 when the O(4) rate is included.
    public var minimumVacuumAction: Double?
    /// With the O(4) rate asked for: whether it entered Γ (false: fewer than four temperatures had an O(4) bounce)
    /// and how many O(4) bounces failed. nil when it was not asked for.
    public var vacuumRateIncluded: Bool?
    public var failedVacuumBounces: Int?
    public var temperatureOfMinimum: Double?
    public var gStarAtPercolation: Double?
    public var hubbleAtPercolation: Double?
    public var vacuumEnergyAtPercolation: Double?
    /// T_0: below it the origin is a maximum (the barrier has vanished; only for g below g_roll); nil if the
    /// barrier survives to T = 0.
    public var barrierVanishingTemperature: Double?
    /// Number of S3/T samples and failed bounces (each failure with its temperature and reason).
    public var actionSamples: Int = 0
    public var bounceFailures: [ActionCurve.FailedSample] = []
    public var failedBounces: Int { bounceFailures.count }
    /// Whether S3/T reached the sampling resolution of `TransitionConventions` (false: the refinement budget
    /// ran out; the numbers are then less certain).
    public var actionCurveResolved: Bool = true
    /// What happened, as a type (its `code` and `description` are the JSON/CSV status and the sentence).
    public var status: TransitionOutcome = .noCriticalTemperature

    /// The walls at T_p (α_∞, α_eq, γ_eq, γ_*, regime, κ_col, κ_sw, α_eff; 1903.09642), when the transition percolates
    /// and the bounce at T_p gives R_0; nil otherwise (`wallDynamicsNote` says why).
    public var wallDynamics: WallDynamics?
    public var wallDynamicsNote: String?

    /// Percolates and completes (the false-vacuum volume shrinks, or the barrier vanishes after percolation).
    public var completes: Bool { status.completes }

    public init() {}
}

/// The outcome of a transition analysis: a physics answer, never a numerical failure (those are errors).
/// Temperatures in GeV.
public enum TransitionOutcome: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Percolates (I(T_p) = threshold), reaches P_f = `finalFalseVacuumFraction` at T_f, and the physical
    /// false-vacuum volume shrinks at T_p and T_f.
    case completes
    /// Percolates, but P_f does not reach the final fraction, or the volume does not shrink, above T_0; there the
    /// barrier vanishes and the false vacuum left rolls down (completes).
    case percolatesThenRolls(barrierVanishingTemperature: Double)
    /// The broken minimum never becomes degenerate with the symmetric one.
    case noCriticalTemperature
    /// The symmetric phase is the deeper one even at T = 0: ΔV0 = V(0) − V(v) ≤ 0 (GeV⁴), nothing to tunnel to
    /// (DarkU1: g above ≈ 2^{1/4} g_roll, where the Z' loop outweighs λv⁴/4).
    case symmetricPhaseDeeper(vacuumEnergyDifference: Double)
    /// The origin is already unstable at T_c: no barrier, not a first-order transition.
    case noBarrierAtCriticalTemperature(criticalTemperature: Double)
    /// S3/T stays below the resolved level up to within the sampling resolution of T_c (1e-9 relative, or 1e-6 of a narrower
    /// T_c − T_0 window; `ActionCurve.sampleActions`) and bubbles nucleate there (expected number
    /// `nucleatedBubbles` ≥ 1e-3 in that sliver): the transition starts at T_c, closer than double precision resolves.
    case nucleatesAtCriticalTemperature(criticalTemperature: Double, actionOverT: Double, nucleatedBubbles: Double)
    /// S3/T stays above `minimumActionOverT` at every sampled T (≥ `lowestTemperature`): no bubbles nucleate.
    case noNucleation(minimumActionOverT: Double, lowestTemperature: Double)
    /// The barrier vanishes at T_0 before bubbles percolate (I(T_0) below the threshold): the field rolls there.
    case rollsBeforePercolation(barrierVanishingTemperature: Double, extendedVolume: Double, threshold: Double)
    /// I stays below the threshold down to the lowest sampled temperature (the barrier survives there).
    case noPercolation(lowestTemperature: Double, extendedVolume: Double, threshold: Double, minimumActionOverT: Double)
    /// Percolates, but P_f does not fall to the final fraction above the lowest sampled temperature.
    case percolatesWithoutFinalTemperature(lowestTemperature: Double, finalFalseVacuumFraction: Double)
    /// Percolates, but the physical false-vacuum volume grows at T_p or T_f (3 + T dI/dT ≥ 0).
    case percolatesWithoutShrinking(volumeSlopeAtPercolation: Double, volumeSlopeAtFinal: Double?)

    public var completes: Bool { kind == .completes || kind == .percolatesThenRolls }

    /// The outcome without its data: a stable machine-readable code (JSON `status`, CSV, scan databases), listed once.
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case completes
        case percolatesThenRolls = "percolates_then_rolls"
        case noCriticalTemperature = "no_critical_temperature"
        case symmetricPhaseDeeper = "symmetric_phase_deeper"
        case noBarrierAtCriticalTemperature = "no_barrier_at_Tc"
        case nucleatesAtCriticalTemperature = "nucleates_at_Tc"
        case noNucleation = "no_nucleation"
        case rollsBeforePercolation = "rolls_before_percolation"
        case noPercolation = "no_percolation"
        case percolatesWithoutFinalTemperature = "percolates_without_Tf"
        case percolatesWithoutShrinking = "percolates_without_shrinking"
    }

    public var kind: Kind {
        switch self {
        case .completes: return .completes
        case .percolatesThenRolls: return .percolatesThenRolls
        case .noCriticalTemperature: return .noCriticalTemperature
        case .symmetricPhaseDeeper: return .symmetricPhaseDeeper
        case .noBarrierAtCriticalTemperature: return .noBarrierAtCriticalTemperature
        case .nucleatesAtCriticalTemperature: return .nucleatesAtCriticalTemperature
        case .noNucleation: return .noNucleation
        case .rollsBeforePercolation: return .rollsBeforePercolation
        case .noPercolation: return .noPercolation
        case .percolatesWithoutFinalTemperature: return .percolatesWithoutFinalTemperature
        case .percolatesWithoutShrinking: return .percolatesWithoutShrinking
        }
    }

    /// `kind`'s code.
    public var code: String { kind.rawValue }

    /// Every code, in declaration order (documentation, scan summaries).
    public static var allCodes: [String] { Kind.allCases.map(\.rawValue) }

    public var description: String {
        func g(_ x: Double) -> String { String(format: "%.4g", x) }
        switch self {
        case .completes: return "percolates and completes"
        case .percolatesThenRolls(let T0):
            return "percolates; the false vacuum left when the barrier vanishes at T_0 = \(g(T0)) GeV rolls down: completes"
        case .noCriticalTemperature:
            return "no first-order transition: the broken minimum never becomes degenerate with the symmetric one (no T_c)"
        case .symmetricPhaseDeeper(let dv):
            return "no transition: the symmetric phase is the deeper vacuum even at T = 0 (V(0) − V(v) = \(String(format: "%.4g", dv)) GeV⁴ ≤ 0)"
        case .noBarrierAtCriticalTemperature(let Tc):
            return "no barrier at T_c = \(g(Tc)) GeV: the symmetric phase is unstable there, or stable only within 1e-9 of T_c (below double precision): effectively not a first-order transition"
        case .nucleatesAtCriticalTemperature(let Tc, let s, let n):
            return "bubbles nucleate within the resolution (≤ 1e-9 relative) of T_c = \(g(Tc)) GeV (S3/T = \(String(format: "%.3g", s)) there, \(String(format: "%.2g", n)) bubbles per Hubble volume in that sliver): no supercooling, T_p = T_c to double precision"
        case .noNucleation(let s, let T):
            return "no nucleation: S3/T ≥ \(g(s)) at every sampled temperature down to \(g(T)) GeV, so Γ/H⁴ is negligible"
        case .rollsBeforePercolation(let T0, let I, let threshold):
            return "the barrier vanishes at T_0 = \(g(T0)) GeV before bubbles percolate (I = \(String(format: "%.3g", I)) < \(threshold) there): the field rolls (spinodal), no percolating bubbles"
        case .noPercolation(let T, let I, let threshold, let s):
            return "no percolation down to T = \(g(T)) GeV: I = \(String(format: "%.3g", I)) < \(threshold) there (min S3/T = \(String(format: "%.2f", s)))"
        case .percolatesWithoutFinalTemperature(let T, let fraction):
            return "percolates but does not reach P_f = \(fraction) above \(g(T)) GeV"
        case .percolatesWithoutShrinking:
            return "percolates, but the false-vacuum volume does not shrink (3 + T dI/dT ≥ 0): eternal-inflation risk, no completion"
        }
    }
}

/// A point the analysis could not answer (an internal error, with its data): the domain sweep counts these.
public enum TransitionAnalysisError: Error, Sendable, CustomStringConvertible {
    /// Fewer than four usable S3/T samples although S3/T reached below the resolved level (bounces failed).
    case unresolvedActionCurve(usableSamples: Int, minimumActionOverT: Double?, failures: [ActionCurve.FailedSample])
    /// The broken minimum was not found at a temperature below T_c (GeV).
    case brokenMinimumMissing(temperature: Double)
    /// `PreparedTransition.result(vev:)` at another v for a model that does not declare `ParticleModel.withVev`.
    case notScaleInvariant(model: String)

    public var description: String {
        switch self {
        case .unresolvedActionCurve(let n, let s, let failures):
            let first = failures.first.map { " (first failure at T = \($0.temperature) GeV: \($0.reason))" } ?? ""
            return "S3/T sampled at only \(n) usable temperatures (min \(s.map { String($0) } ?? "none"), \(failures.count) failed bounces)\(first)"
        case .brokenMinimumMissing(let T): return "the broken minimum was not found at T = \(T) GeV below T_c"
        case .notScaleInvariant(let m): return "\(m) does not declare its scale invariance (ParticleModel.withVev): its action curve cannot be reused at another v"
        }
    }
}

/// From model parameters alone to the transition history (physics.md §3–§5).
public struct TransitionAnalysis: Sendable {
    public let model: any ParticleModel
    public let potentialConventions: PotentialConventions
    public let conventions: TransitionConventions
    /// Where the SM g*(T) table comes from: read from the bundled data on each `run()`, or loaded once by the
    /// caller and shared (scans: the table is parsed once, not once per point).
    public let standardModel: StandardModelSource

    public enum StandardModelSource: Sendable {
        case resources(ProjectResources)
        case table(StandardModelDegreesOfFreedom)

        func load() throws -> StandardModelDegreesOfFreedom {
            switch self {
            case .resources(let r): return try StandardModelDegreesOfFreedom(resources: r)
            case .table(let t): return t
            }
        }
    }

    public init(model: any ParticleModel, potentialConventions: PotentialConventions = .default,
                conventions: TransitionConventions = .default, resources: ProjectResources) {
        self.init(model: model, potentialConventions: potentialConventions, conventions: conventions, standardModel: .resources(resources))
    }

    /// With the g*_SM(T) table already loaded (`StandardModelDegreesOfFreedom(resources:)`), for many points.
    public init(model: any ParticleModel, potentialConventions: PotentialConventions = .default,
                conventions: TransitionConventions = .default, standardModel: StandardModelSource) {
        self.model = model
        self.potentialConventions = potentialConventions
        self.conventions = conventions
        self.standardModel = standardModel
    }

    /// g*(T) of the false-vacuum plasma (during supercooling): the model's light dof on top of the SM.
    public var plasmaModel: DegreesOfFreedomModel {
        conventions.degreesOfFreedom ?? .standardModelPlusDark(dark: conventions.darkDegreesOfFreedomCount == .freeEnergy
                                                                ? model.freeEnergyDegreesOfFreedom : model.relativisticDegreesOfFreedom)
    }

    /// g*(T) of the true-vacuum plasma after reheating: the SM plus the broken phase's massive particles
    /// (a Z' heavier than T_reh no longer counts). A user-chosen g* model applies to both phases.
    public var reheatedPlasmaModel: DegreesOfFreedomModel {
        conventions.degreesOfFreedom ?? .standardModelPlusMassive(model.brokenPhaseParticles.map {
            MassiveSpecies(degreesOfFreedom: $0.degreesOfFreedom, mass: $0.mass, isFermion: $0.statistics == .fermion)
        })
    }

    /// The sampling conventions of S3/T.
    var sampling: ActionCurve.Sampling { ActionCurve.Sampling(conventions) }

    /// The sampled S3/T curve (exposed for plots and tests); nil without T_c.
    public func actionCurve() throws -> (curve: ActionCurve, criticalTemperature: Double)? {
        let potential = ThermalEffectivePotential(model: model, conventions: potentialConventions)
        let tunnelling = ThermalTunnelling(potential: potential)
        guard let Tc = try tunnelling.phases.criticalTemperature() else { return nil }
        let T0 = try tunnelling.phases.barrierDisappearanceTemperature(criticalTemperature: Tc)
        let set = ActionCurve.sampleActions(tunnelling: tunnelling, criticalTemperature: Tc, barrierVanishes: T0, sampling: sampling)
        return (try ActionCurve(set, cutoff: conventions.actionOverTemperatureCutoff), Tc)
    }

    /// The transition at the model's own v: `prepare()` (the bounces) then the history at v.
    public func run() throws -> TransitionResult {
        try prepare().result(vev: model.vev, standardModel: standardModel.load())
    }

    /// Everything that depends on the couplings only (T_c, T_0, S3/T(T), ΔV(T), the O(4) rate), computed at the model's
    /// v: the expensive part (bounces). `PreparedTransition.result(vev:standardModel:)` adds the history at any v.
    public func prepare() throws -> PreparedTransition {
        let potential = ThermalEffectivePotential(model: model, conventions: potentialConventions)
        let tunnelling = ThermalTunnelling(potential: potential)
        let phases = tunnelling.phases
        func early(_ e: PreparedTransition.Early) -> PreparedTransition { PreparedTransition(analysis: self, stage: .early(e)) }
        if let dv0 = try phases.vacuumEnergyDifference(at: 0), dv0 <= 0 { return early(.symmetricPhaseDeeper(vacuumEnergyDifference: dv0)) }
        guard let Tc = try phases.criticalTemperature() else { return early(.noCriticalTemperature) }
        // Below T_0 there is no metastable symmetric phase: S3/T is sampled (and the history integrated) above it.
        let T0 = try phases.barrierDisappearanceTemperature(criticalTemperature: Tc)
        if let T0, T0 >= Tc * (1 - 1e-9) { return early(.noBarrierAtCriticalTemperature(criticalTemperature: Tc, barrierVanishing: T0)) }
        let set = ActionCurve.sampleActions(tunnelling: tunnelling, criticalTemperature: Tc, barrierVanishes: T0, sampling: sampling)
        let cutoff = conventions.actionOverTemperatureCutoff
        // S3/T above the resolved level at every sampled T, and every failed bounce between samples above the cutoff
        // (S3/T cannot fall from > 3000 to < 1000 and back within one coarse step, the premise of the verdict): no nucleation.
        let failuresAmongIrrelevant = set.failures.allSatisfy { f in
            let below = set.samples.last { $0.temperature < f.temperature }, above = set.samples.first { $0.temperature > f.temperature }
            return [below, above].compactMap { $0 }.allSatisfy { $0.actionOverT >= cutoff } && (below != nil || above != nil)
        }
        if let lowest = set.minimum, lowest.actionOverT >= conventions.resolvedActionLevel, failuresAmongIrrelevant {
            return early(.noNucleation(criticalTemperature: Tc, barrierVanishing: T0, samples: set))
        }
        let usable = set.samples.filter { $0.actionOverT < cutoff }.count
        if usable < 4 {
            throw TransitionAnalysisError.unresolvedActionCurve(usableSamples: usable, minimumActionOverT: set.minimum?.actionOverT, failures: set.failures)
        }
        let curve = try ActionCurve(set, cutoff: cutoff)
        let minimum = try curve.minimum()
        let lowT = curve.temperatureRange.lowerBound
        // The history runs down to the bottom of the sampled range (T_0, or the lowest sampled fraction of T_c), not only to
        // the lowest sample with S3/T below the cutoff: no bubbles nucleate below it (the spline is held at its end value,
        // Γ ∝ e^{−S3/T} ≲ e^{−1000}), but those already there keep growing, so T_p, T_e, T_f can lie below it.
        let bottom = min(set.lowestTemperature, lowT)
        // ΔV(T) = V(0,T) − V(φ_b(T),T) on a log grid (cubic spline in ln T).
        var logTs = [Double](), depths = [Double]()
        let nDepth = 160
        let grid = (0...nDepth).map { k in bottom * 0.5 * pow(Tc / (bottom * 0.5), Double(k) / Double(nDepth)) }
        for (T, minimum) in try phases.trackBrokenMinimum(temperatures: grid.reversed()).reversed() {
            guard let minimum else { throw TransitionAnalysisError.brokenMinimumMissing(temperature: T) }
            // ΔV from the same smooth V − V(0) the bounce sees (the direct difference carries ~1e-3 noise in weak transitions).
            logTs.append(log(T)); depths.append(-potential.differenceFromOriginAndDerivative(minimum.phi, temperature: T).value)
        }
        let depth = try Interpolant(x: logTs, y: depths, kind: .cubic)
        var vacuum: PreparedTransition.VacuumRate?
        if conventions.includeVacuumTunnelling {
            let sampled = try VacuumRateCurve.sample(tunnelling: tunnelling, temperatures: curve.samples.map(\.temperature))
            vacuum = .init(curve: sampled.curve, failedBounces: sampled.failedBounces)
        }
        return PreparedTransition(analysis: self, stage: .curve(.init(
            tunnelling: tunnelling, criticalTemperature: Tc, barrierVanishing: T0, samples: set, curve: curve, minimum: minimum,
            bottom: bottom, depth: depth, vacuum: vacuum)))
    }
}

/// The scale-free part of a transition (`TransitionAnalysis.prepare()`), at the model's reference v. For a model that
/// declares `withVev` (its only scale is v), S3/T is a function of T/v and ΔV/v⁴ of T/v, so `result(vev:)` gives the
/// transition at any v from one set of bounces: temperatures scale with s = v'/v, energy densities with s⁴, R_0 with
/// 1/s; g*(T) and H(T) enter only the history integrals, which are redone at every v.
public struct PreparedTransition: Sendable {
    public let analysis: TransitionAnalysis
    let stage: Stage

    enum Early: Sendable {
        case symmetricPhaseDeeper(vacuumEnergyDifference: Double)
        case noCriticalTemperature
        case noBarrierAtCriticalTemperature(criticalTemperature: Double, barrierVanishing: Double?)
        case noNucleation(criticalTemperature: Double, barrierVanishing: Double?, samples: ActionCurve.SampleSet)
    }
    struct VacuumRate: Sendable { let curve: VacuumRateCurve?; let failedBounces: Int }
    struct Curve: Sendable {
        let tunnelling: ThermalTunnelling
        let criticalTemperature: Double
        let barrierVanishing: Double?
        let samples: ActionCurve.SampleSet
        let curve: ActionCurve
        let minimum: (temperature: Double, value: Double)
        /// The lowest temperature of the history (reference v): the bottom of the sampled range (see `prepare()`).
        let bottom: Double
        /// ΔV(T) = V(0, T) − V(φ_b(T), T) (GeV⁴), spline in ln T.
        let depth: Interpolant
        let vacuum: VacuumRate?
    }
    enum Stage: Sendable {
        case early(Early)
        case curve(Curve)
    }

    /// The model's reference vev (GeV): where the bounces were solved.
    public var referenceVev: Double { analysis.model.vev }

    /// Whether S3/T reaches the nucleation range at all (false: the outcome is decided for every v before any history).
    public var hasActionCurve: Bool { if case .curve = stage { return true } else { return false } }

    /// The transition at vev `v` (GeV) with the g*_SM(T) table given: at the reference v exactly `TransitionAnalysis.run()`;
    /// elsewhere through `ParticleModel.withVev` (throws `TransitionAnalysisError.notScaleInvariant` if the model does not declare it).
    public func result(vev v: Double, standardModel table: StandardModelDegreesOfFreedom) throws -> TransitionResult {
        try result(vev: v, standardModel: table, extras: .all)
    }

    /// What the history computes beyond T_n, T_p, T_f, α, β/H, H*R*, T_reh and the outcome.
    public struct Extras: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The walls (a bounce at T_p for R_0; `TransitionResult.wallDynamics`, the `budget` template's energy split).
        public static let walls = Extras(rawValue: 1)
        /// The independent quadrature of I(T_p) (`percolationIntegralRelativeError`).
        public static let percolationCheck = Extras(rawValue: 2)
        public static let all: Extras = [.walls, .percolationCheck]
    }

    /// As `result(vev:standardModel:)`, computing only the `extras` asked for (inference leaves out what its
    /// likelihood does not use: ~1 ms of walls and ~1 ms of quadrature per point).
    public func result(vev v: Double, standardModel table: StandardModelDegreesOfFreedom, extras: Extras) throws -> TransitionResult {
        let s = v / referenceVev
        let model: any ParticleModel
        if v == referenceVev {
            model = analysis.model
        } else {
            guard let moved = try analysis.model.withVev(v) else { throw TransitionAnalysisError.notScaleInvariant(model: analysis.model.name) }
            model = moved
        }
        let scaled = TransitionAnalysis(model: model, potentialConventions: analysis.potentialConventions,
                                        conventions: analysis.conventions, standardModel: .table(table))
        var result = TransitionResult()
        switch stage {
        case .early(.symmetricPhaseDeeper(let dv0)):
            result.status = .symmetricPhaseDeeper(vacuumEnergyDifference: dv0 * pow(s, 4))
            return result
        case .early(.noCriticalTemperature):
            result.status = .noCriticalTemperature
            return result
        case .early(.noBarrierAtCriticalTemperature(let Tc, let T0)):
            result.criticalTemperature = s * Tc
            result.barrierVanishingTemperature = T0.map { s * $0 }
            result.status = .noBarrierAtCriticalTemperature(criticalTemperature: s * Tc)
            return result
        case .early(.noNucleation(let Tc, let T0, let set)):
            result.criticalTemperature = s * Tc
            result.barrierVanishingTemperature = T0.map { s * $0 }
            result.actionSamples = set.samples.count
            result.bounceFailures = set.failures.map { $0.scaled(by: s) }
            result.actionCurveResolved = set.resolved
            result.minimumActionOverT = set.minimum?.actionOverT
            result.temperatureOfMinimum = set.minimum.map { s * $0.temperature }
            result.status = .noNucleation(minimumActionOverT: set.minimum!.actionOverT, lowestTemperature: s * set.lowestTemperature)
            return result
        case .curve(let c):
            return try c.history(scale: s, analysis: scaled, table: table, extras: extras)
        }
    }
}

extension PreparedTransition.Curve {
    /// The bounce at T_p serves only R_0 (γ_* = 2R*/(3R_0), which sets the wall regime by orders of magnitude): solved with
    /// tolerances 100× looser than S3/T needs (ODE 1e-9, miss 1e-5, Derrick 1e-3); R_0 (the half-way radius, on the cubic
    /// Hermite interpolant of each step) moves by ~1e-5 relative against the tight solver (BP1, BP2; the former chord
    /// interpolation was off by 2.5e-4), and a reused v costs ~4 ms instead of ~5.
    static func wallRadiusTunnelling(_ t: ThermalTunnelling) -> ThermalTunnelling {
        var solver = BounceSolver(integrator: AdaptiveODEIntegrator(stepper: .rk8pd, absoluteTolerance: 1e-11, relativeTolerance: 1e-9, maxSteps: 200_000),
                                  derrickTolerance: 1e-3)
        solver.missTolerance = 1e-10
        return ThermalTunnelling(potential: t.potential, solver: solver)
    }

    /// The history at scale s = v/v_ref (analysis: the model at v, the table loaded).
    func history(scale s: Double, analysis: TransitionAnalysis, table: StandardModelDegreesOfFreedom,
                 extras: PreparedTransition.Extras = .all) throws -> TransitionResult {
        let conventions = analysis.conventions
        var result = TransitionResult()
        let Tc = s * criticalTemperature, T0 = barrierVanishing.map { s * $0 }
        result.criticalTemperature = Tc
        result.barrierVanishingTemperature = T0
        result.bounceFailures = samples.failures.map { $0.scaled(by: s) }
        result.actionCurveResolved = samples.resolved
        result.actionSamples = curve.samples.count
        result.minimumActionOverT = minimum.value
        result.temperatureOfMinimum = s * minimum.temperature
        // S3/T(T) = S3/T(T/s) at the reference v; ΔV(T) = s⁴ ΔV(T/s).
        let curve = self.curve, depth = self.depth
        let actionOverT: @Sendable (Double) -> Double = { T in curve(T / s) }
        let lowT = s * bottom, highT = s * curve.temperatureRange.upperBound
        let s4 = pow(s, 4)
        let vacuumEnergy: @Sendable (Double) -> Double = { T in max(depth(log(T / s)), 0) * s4 }
        let plasma = Plasma(model: analysis.plasmaModel, standardModel: table)
        // H² = (ρ_rad + ΔV)/(3 M_Pl²): the false-vacuum energy dominates while supercooling (2306.17239).
        let hubble: @Sendable (Double) -> Double = { T in
            PhysicalConstants.hubbleRate(radiationEnergyDensity: plasma.radiationEnergyDensity(at: T), vacuumEnergy: vacuumEnergy(T))
        }
        let prefactor = conventions.ratePrefactor
        var vacuumCurve: VacuumRateCurve?
        if let vacuum {
            vacuumCurve = vacuum.curve
            result.minimumVacuumAction = vacuum.curve?.minimumAction
            result.failedVacuumBounces = vacuum.failedBounces
            result.vacuumRateIncluded = vacuum.curve != nil
        }
        let vacuumRate = vacuumCurve
        // Γ(T) = T⁴ (S3/(2πT))^{3/2} e^{−S3/T} (physics.md §4), or T⁴ e^{−S3/T}; plus Γ4(T) = s⁴ Γ4(T/s) if asked for.
        let rate: @Sendable (Double) -> Double = { T in
            let a = max(actionOverT(T), 0)
            // (x^{3/2} as x√x and T⁴ as (T²)²: pow is the costliest call of the history's inner loop.)
            let x = a / (2 * Double.pi)
            let p = prefactor == .thermal && a > 0 ? x * x.squareRoot() : 1
            let T2 = T * T
            return T2 * T2 * p * exp(-a) + (vacuumRate.map { $0(T / s) * s4 } ?? 0)
        }
        let integrals = try HistoryIntegrals(rate: rate, hubble: hubble, lowerTemperature: lowT, upperTemperature: highT,
                                             wallVelocity: conventions.wallVelocity)
        // N, I, dI/dT and n_b at every T in one ODE pass (HistoryTable; quadratures where it cannot converge); the
        // pointwise quadrature checks I(T_p) below.
        let history = HistoryEvaluator(integrals)
        if !samples.topResolved {
            // The spline ends within the sampling resolution (≤ 1e-9 relative) of T_c below the resolved level. Bubbles from that last sliver (at most the
            // top rate over its width; S3/T only grows towards T_c) must be negligible, else the transition starts
            // at T_c closer than double precision resolves.
            let sliver = rate(highT) / (highT * pow(hubble(highT), 4)) * (Tc - highT)
            if sliver >= 1e-3 {
                result.status = .nucleatesAtCriticalTemperature(criticalTemperature: Tc, actionOverT: actionOverT(highT), nucleatedBubbles: sliver)
                return result
            }
        }
        result.nucleationTemperature = try history.nucleationTemperature()
        // Sampling starts at T_0 when the barrier vanishes above the lowest sampled fraction of T_c.
        let rollsAtBottom = samples.startsAtBarrierVanishing
        guard let Tp = try history.temperature(extendedVolume: conventions.percolationThreshold) else {
            let Ilow = try history.extendedVolume(at: lowT)
            if rollsAtBottom, let T0 {
                result.status = .rollsBeforePercolation(barrierVanishingTemperature: T0, extendedVolume: Ilow, threshold: conventions.percolationThreshold)
            } else {
                result.status = .noPercolation(lowestTemperature: lowT, extendedVolume: Ilow, threshold: conventions.percolationThreshold,
                                               minimumActionOverT: minimum.value)
            }
            return result
        }
        result.percolationTemperature = Tp
        // Two independent evaluations of I(T_p): the ODE pass and adaptive quadrature (QAGS, its own error estimate).
        // The reported relative error is the larger of QAGS's estimate and their difference.
        if extras.contains(.percolationCheck) {
            let percolation = try integrals.extendedVolumeWithError(at: Tp)
            let scale = max(percolation.value, .leastNormalMagnitude)
            result.percolationIntegralRelativeError = max(percolation.error, abs(percolation.value - (try history.extendedVolume(at: Tp)))) / scale
        }
        result.extendedVolumeUnityTemperature = try history.temperature(extendedVolume: 1)
        result.finalTemperature = try history.temperature(extendedVolume: -log(conventions.finalFalseVacuumFraction))
        let slopeP = 3 + Tp * (try history.extendedVolumeDerivative(at: Tp))
        result.volumeSlopeAtPercolation = slopeP
        if let Tf = result.finalTemperature {
            result.volumeSlopeAtFinal = 3 + Tf * (try history.extendedVolumeDerivative(at: Tf))
        }

        let H = hubble(Tp)
        result.hubbleAtPercolation = H
        result.gStarAtPercolation = plasma.energyDegreesOfFreedom(at: Tp)
        let nb = try history.bubbleNumberDensity(at: Tp)
        result.bubbleNumberDensity = nb
        let separation = pow(nb, -1.0 / 3)
        result.meanBubbleSeparation = separation
        result.hubbleRadiusNumberDensity = H * separation
        // β/H = T d(S3/T)/dT: invariant under T → sT.
        let betaOverH = Tp / s * curve.derivative(Tp / s)
        result.betaOverH = betaOverH
        if betaOverH > 0 {
            result.hubbleRadiusBeta = pow(8 * Double.pi, 1.0 / 3) * conventions.wallVelocity / betaOverH
        }
        result.hubbleRadius = conventions.radiusDefinition == .numberDensity ? result.hubbleRadiusNumberDensity : result.hubbleRadiusBeta
        // β_V only for an interior minimum of S3/T (not where the barrier has vanished and S3/T = 0); T²d²/dT² is scale free.
        let curvature = curve.secondDerivative(minimum.temperature)
        if curvature > 0 && minimum.value > 0 && minimum.temperature > curve.temperatureRange.lowerBound * 1.0001 {
            result.betaVOverH = minimum.temperature * curvature.squareRoot()
        }

        // α: ΔV/ρ_rad and the trace-anomaly form Δθ/ρ_rad, θ = (ρ − 3p)/4 ⇒ Δθ = ΔV − (T/4) dΔV/dT
        // (Giese, Konstandin, van de Vis 2004.06995; physics.md §5). dΔV/dT = s⁴ ΔV'(T/s)/s.
        let dv = vacuumEnergy(Tp)
        let rho = plasma.radiationEnergyDensity(at: Tp)
        let dDepthdT = depth.derivative(log(Tp / s)) / Tp * pow(s, 4)
        result.vacuumEnergyAtPercolation = dv
        result.alphaVacuum = dv / rho
        result.alpha = (dv - Tp / 4 * dDepthdT) / rho
        // Reheating: energy conservation ρ_true(T_reh) = ρ_rad(T_p) + ΔV(T_p) (physics.md §5), with the
        // true-vacuum plasma's g*(T_reh) (its massive dark particles Boltzmann weighted).
        let target = rho + dv
        let reheated = Plasma(model: analysis.reheatedPlasmaModel, standardModel: table)
        let treh = try RootFinder(relativeTolerance: 1e-12).rootExpandingUpward(
            of: { reheated.radiationEnergyDensity(at: $0) - target }, from: Tp * 1e-3)
        result.reheatingTemperature = treh
        result.gStarAtReheating = reheated.energyDegreesOfFreedom(at: treh)

        // The walls: R_0 from the bounce at T_p (solved at T_p/s for the reference v: R_0 = R_0,ref/s), φ_b(T_p) = s φ_b,ref,
        // ρ_rad of the false-vacuum plasma (1903.09642 §2).
        var wallBounce: BounceOutcome = .failed(.invalidProblem("walls not asked for"))
        if extras.contains(.walls) {
            wallBounce = Self.wallRadiusTunnelling(tunnelling).bounce(temperature: Tp / s)
            if case .failed = wallBounce { wallBounce = tunnelling.bounce(temperature: Tp / s) }   // the tight solver as fallback
        }
        switch wallBounce {
        case _ where !extras.contains(.walls): result.wallDynamicsNote = "walls not computed (not asked for)"
        case .bounce(let b):
            if let broken = try tunnelling.phases.brokenMinimum(at: Tp / s), let a = result.alpha {
                let species = analysis.model.species
                result.wallDynamics = WallDynamics(alpha: a, temperature: Tp, radiationEnergyDensity: rho, brokenMinimum: s * broken.phi,
                                                   meanBubbleSeparation: separation, initialRadius: b.wallRadius / s, species: species)
                if !species.contains(where: { if case .gaugeBoson = $0.wallRole { return true } else { return false } }) {
                    result.wallDynamicsNote = "the model declares no gauge boson (Species.wallRole): α_eq = 0, no NLO friction"
                }
            } else {
                result.wallDynamicsNote = "no broken minimum at T_p"
            }
        case .barrierVanished: result.wallDynamicsNote = "no barrier at T_p: no bounce radius R_0"
        case .noTunnelling(let why): result.wallDynamicsNote = "no bounce at T_p: \(why.scaled(by: s))"
        case .failed(let why): result.wallDynamicsNote = "bounce at T_p failed: \(why.scaled(by: s))"
        }

        let shrinks = slopeP < 0 && (result.volumeSlopeAtFinal ?? 1) < 0
        if result.finalTemperature != nil, shrinks {
            result.status = .completes
        } else if rollsAtBottom, let T0 {
            // Whatever false vacuum is left when the barrier vanishes rolls down at T_0.
            result.status = .percolatesThenRolls(barrierVanishingTemperature: T0)
        } else if result.finalTemperature == nil {
            result.status = .percolatesWithoutFinalTemperature(lowestTemperature: lowT, finalFalseVacuumFraction: conventions.finalFalseVacuumFraction)
        } else {
            result.status = .percolatesWithoutShrinking(volumeSlopeAtPercolation: slopeP, volumeSlopeAtFinal: result.volumeSlopeAtFinal)
        }
        return result
    }
}

extension ActionCurve.FailedSample {
    /// The same failure seen at vev s·v: temperatures and fields × s, V × s⁴ (for `PreparedTransition`).
    func scaled(by s: Double) -> Self {
        guard s != 1 else { return self }
        switch reason {
        case .failed(let f): return .init(temperature: s * temperature, reason: .failed(f.scaled(by: s)))
        case .noTunnelling(let r): return .init(temperature: s * temperature, reason: .noTunnelling(r.scaled(by: s)))
        }
    }
}

extension BounceFailure {
    func scaled(by s: Double) -> Self {
        switch self {
        case .potentialNotFinite(let T): return .potentialNotFinite(temperature: T.map { s * $0 })
        case .barrierNotResolved(let a, let b): return .barrierNotResolved(falseVacuum: s * a, trueVacuum: s * b)
        case .belowThermalTables(let T): return .belowThermalTables(temperature: s * T)
        default: return self  // dimensionless data or words
        }
    }
}

extension NoTunnellingReason {
    func scaled(by s: Double) -> Self {
        switch self {
        case .degenerateVacua(let v): return .degenerateVacua(potential: pow(s, 4) * v)
        case .invertedVacua(let t, let f): return .invertedVacua(trueVacuumValue: pow(s, 4) * t, falseVacuumValue: pow(s, 4) * f)
        case .trueVacuumNotMinimum(let phi, let m2): return .trueVacuumNotMinimum(phi: s * phi, curvature: s * s * m2)
        case .falseVacuumNotStationary(let phi, let slope): return .falseVacuumNotStationary(phi: s * phi, slope: pow(s, 3) * slope)
        case .noDeeperBrokenMinimum(let T): return .noDeeperBrokenMinimum(temperature: s * T)
        }
    }
}
