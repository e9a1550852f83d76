import Foundation
import Cosmology
import EffectivePotential
import GravitationalWaves
import NestedSampling
import PulsarTiming
import TransitionHistory

/// The dark U(1)'s couplings as the emulator's plane: (λ, g/g_roll(λ) − 1), with g_roll(λ) of `DarkU1.rollingCoupling`.
public enum DarkU1Plane {
    public static let name = "darku1 (lambda, g/g_roll - 1)"

    /// The model at (λ, g_rel) and v = 1 GeV.
    public static let family: ActionCurveEmulator.Family = { lambda, gRel in
        try DarkU1(vev: ActionCurveEmulator.referenceVev, lambda: lambda, gauge: DarkU1.rollingCoupling(lambda: lambda) * (1 + gRel))
    }

    /// Default grid: λ log-spaced over [1e-3, 3e-2] (the completion-window map's range); g_rel on an asinh axis of width
    /// 1e-4 over [−0.02, 0.025] (nodes dense where T_p varies fastest, within ~1e-3 of g_roll; the window's upper edge
    /// g_max lies between −1e-5 and +2.2e-2 over this λ range, README "Maps").
    public static func defaultAxes(lambdaNodes: Int = 16, gRelNodes: Int = 96) throws -> (ActionCurveEmulator.Axis, ActionCurveEmulator.Axis) {
        (try .even(name: "lambda", from: 1e-3, to: 3e-2, count: lambdaNodes, scale: .logarithmic),
         try .even(name: "g_rel", from: -0.02, to: 0.025, count: gRelNodes, scale: .asinh(width: 1e-4)))
    }
}

/// What a model point contributes to the PTA likelihood, by its transition's outcome (README "Inference over the
/// model's parameters"; the choice is ours, declared here once):
/// - a transition that percolates and completes (`completes`, `percolates_then_rolls`): its GW spectrum;
/// - no first-order transition with bubbles (no T_c, no barrier at T_c, nucleation at T_c, the field rolling at T_0
///   before percolation, the symmetric phase deeper at T = 0): no PT signal (SMBHB only, or noise);
/// - a barrier that survives to T = 0 and a false vacuum that never percolates or never shrinks (`no_nucleation`,
///   `no_percolation`, `percolates_without_Tf`, `percolates_without_shrinking` without T_0): the universe stays in
///   (eternal) vacuum-dominated expansion, excluded (ln L = −∞); with a T_0 the false vacuum left rolls there (no signal).
public enum ModelPointVerdict: Sendable, Equatable {
    case signal(GWSource)
    case noSignal(TransitionOutcome.Kind)
    case excluded(TransitionOutcome.Kind)
    /// The transition could not be computed (the error's description); scored as excluded and counted.
    case failed(String)

    public init(_ r: TransitionResult, wallVelocity: Double) {
        switch r.status.kind {
        case .completes, .percolatesThenRolls:
            if let source = r.gravitationalWaveSource(wallVelocity: wallVelocity) { self = .signal(source) } else { self = .excluded(r.status.kind) }
        case .noCriticalTemperature, .symmetricPhaseDeeper, .noBarrierAtCriticalTemperature, .nucleatesAtCriticalTemperature, .rollsBeforePercolation:
            self = .noSignal(r.status.kind)
        case .noNucleation, .noPercolation, .percolatesWithoutFinalTemperature, .percolatesWithoutShrinking:
            self = r.barrierVanishingTemperature == nil ? .excluded(r.status.kind) : .noSignal(r.status.kind)
        }
    }
}

/// Counts of how the likelihood's points went (thread-safe; read after the run).
public final class ModelPointTally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    public init() {}
    func add(_ key: String) { lock.lock(); counts[key, default: 0] += 1; lock.unlock() }
    public var snapshot: [String: Int] { lock.lock(); defer { lock.unlock() }; return counts }
}

/// The dark U(1)'s own parameters against PTA data: (log10 v_φ/GeV, log10 λ, g/g_roll(λ) − 1), optionally plus a
/// γ = 13/3 SMBHB power law (log10 A). Each likelihood is one transition history at v (`PreparedTransition.result(vev:)`)
/// from the emulated S3/T of (λ, g_rel) (`ActionCurveEmulator`; computed directly where its stencil is mixed), then the
/// GW template of the point (T* = T_reh, g*(T_reh), α and H*R* at T_p) by `ModelPointVerdict`.
/// Default priors: log10 v ∈ U[−2, 3], log10 λ ∈ U[−3, log10 0.03], g_rel ∈ U[−0.02, 0.025] (the default emulator's
/// grid; `DarkU1Plane.defaultAxes`).
public struct ModelParameterProblem: NestedSamplingProblem {
    public let likelihoods: [PTALikelihood]
    public let emulator: ActionCurveEmulator
    public let standardModel: StandardModelDegreesOfFreedom
    public let template: TemplateKind
    public let log10Vev: Prior
    public let log10Lambda: Prior
    public let gaugeRelative: Prior
    /// An added SMBHB background and its prior (γ = 13/3 with log10 A, or NANOGrav's 2-D Gaussian), or none.
    public let smbhb: SMBHBPrior?
    public let tally: ModelPointTally

    public static let defaultLog10Vev = Prior.uniform(lower: -2, upper: 3)
    public static let defaultLog10Lambda = Prior.uniform(lower: -3, upper: log10(0.03))
    public static let defaultGaugeRelative = Prior.uniform(lower: -0.02, upper: 0.025)

    public struct PriorOutsideEmulator: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public init(likelihoods: [PTALikelihood], emulator: ActionCurveEmulator, standardModel: StandardModelDegreesOfFreedom,
                template: TemplateKind = .soundWaves, log10Vev: Prior = defaultLog10Vev, log10Lambda: Prior = defaultLog10Lambda,
                gaugeRelative: Prior = defaultGaugeRelative, smbhb: SMBHBPrior? = nil) throws {
        try Self.checkPriors(log10Lambda: log10Lambda, gaugeRelative: gaugeRelative, within: emulator.first, emulator.second)
        self.likelihoods = likelihoods; self.emulator = emulator; self.standardModel = standardModel; self.template = template
        self.log10Vev = log10Vev; self.log10Lambda = log10Lambda; self.gaugeRelative = gaugeRelative
        self.smbhb = smbhb; self.tally = ModelPointTally()
    }

    /// The λ and g_rel priors must lie inside the emulator's grid (no extrapolation); checked before an emulator is built too.
    public static func checkPriors(log10Lambda: Prior, gaugeRelative: Prior, within first: ActionCurveEmulator.Axis,
                                   _ second: ActionCurveEmulator.Axis) throws {
        let lambdaRange = pow(10, log10Lambda.transform(0))...pow(10, log10Lambda.transform(1))
        guard first.range.lowerBound <= lambdaRange.lowerBound * (1 + 1e-12), lambdaRange.upperBound <= first.range.upperBound * (1 + 1e-12) else {
            throw PriorOutsideEmulator(description: "the λ prior [\(lambdaRange.lowerBound), \(lambdaRange.upperBound)] is not inside the emulator's grid \(first.range)")
        }
        let gRange = gaugeRelative.transform(0)...gaugeRelative.transform(1)
        guard second.range.lowerBound <= gRange.lowerBound + 1e-15, gRange.upperBound <= second.range.upperBound + 1e-15 else {
            throw PriorOutsideEmulator(description: "the g/g_roll − 1 prior [\(gRange.lowerBound), \(gRange.upperBound)] is not inside the emulator's grid \(second.range)")
        }
    }

    public var parameterNames: [String] {
        ["log10_v_GeV", "log10_lambda", "g_rel"] + (smbhb?.parameterNames(suffix: "_smbhb") ?? [])
    }
    public func transform(unitCube u: [Double]) -> [Double] {
        [log10Vev.transform(u[0]), log10Lambda.transform(u[1]), gaugeRelative.transform(u[2])] + (smbhb?.transform(u[3...]) ?? [])
    }

    /// The transition of a parameter vector (emulated where possible) and whether the emulator interpolated it.
    public func transition(_ p: [Double]) throws -> (result: TransitionResult, source: ActionCurveEmulator.Source) {
        let lambda = min(max(pow(10, p[1]), emulator.first.range.lowerBound), emulator.first.range.upperBound)
        let gRel = min(max(p[2], emulator.second.range.lowerBound), emulator.second.range.upperBound)
        let e = try emulator.prepared(first: lambda, second: gRel, model: try DarkU1Plane.family(lambda, gRel), standardModel: standardModel,
                                      vev: pow(10, p[0]))
        // Walls only where the template uses them (the budget's energy split); no I(T_p) cross-check (~2 ms per point).
        let extras: PreparedTransition.Extras = template == .budget ? [.walls] : []
        return (try e.prepared.result(vev: pow(10, p[0]), standardModel: standardModel, extras: extras), e.source)
    }

    /// What the point contributes, counted in `tally`. A point whose transition cannot be computed (a numerical failure,
    /// typed, never seen in the 2000-point domain sweep) is counted as `failed:<error>` and scored as excluded, so that one
    /// failure does not end a long run; the output reports the count (it must be 0 for a trustworthy posterior).
    public func verdict(_ p: [Double]) throws -> ModelPointVerdict {
        let t: (result: TransitionResult, source: ActionCurveEmulator.Source)
        do { t = try transition(p) } catch {
            tally.add("failed:\(type(of: error))")
            return .failed("\(error)")
        }
        switch t.source {
        case .emulated: tally.add("emulated")
        case .excludedByNodes:
            // Its status is a stand-in (no_nucleation); the count says what was decided.
            tally.add("excluded_by_nodes")
            return .excluded(.noNucleation)
        case .direct: tally.add("direct")
        }
        let v = ModelPointVerdict(t.result, wallVelocity: emulator.conventions.wallVelocity)
        switch v {
        case .signal: tally.add("signal")
        case .noSignal(let k): tally.add("no_signal:" + k.rawValue)
        case .excluded(let k): tally.add("excluded:" + k.rawValue)
        case .failed: break
        }
        return v
    }

    /// h²Ω_GW(f) of a parameter vector as a function of f (Hz): the transition computed once (plots of many frequencies).
    public func spectrum(_ p: [Double]) throws -> @Sendable (Double) -> Double {
        let background = smbhb.map { $0.powerLaw(p[3...]) }
        let template: (any GWTemplate)? = if case .signal(let source) = try verdict(p) { self.template.template(for: source) } else { nil }
        return { f in
            (template?.energyDensity(frequency: f) ?? 0)
                + (background.map { PowerLawProblem.energyDensity(log10A: $0.log10A, gamma: $0.gamma, frequency: f) } ?? 0)
        }
    }

    /// h²Ω_GW(f) of a parameter vector (0 without a PT signal; −∞ never: excluded points have none).
    public func energyDensity(_ p: [Double], frequency f: Double) throws -> Double {
        let background = smbhb.map { $0.powerLaw(p[3...]) }.map { PowerLawProblem.energyDensity(log10A: $0.log10A, gamma: $0.gamma, frequency: f) } ?? 0
        guard case .signal(let source) = try verdict(p) else { return background }
        return template.template(for: source).energyDensity(frequency: f) + background
    }

    public func logLikelihood(_ p: [Double]) throws -> Double {
        let background = smbhb.map { $0.powerLaw(p[3...]) }
        switch try verdict(p) {
        case .excluded, .failed: return -.infinity
        case .noSignal: return likelihoods.reduce(0) { $0 + $1.logLikelihood(spectrum: { _ in 0 }, smbhb: background) }
        case .signal(let source):
            let t = template.template(for: source)
            return likelihoods.reduce(0) { $0 + $1.logLikelihood(spectrum: { t.energyDensity(frequency: $0) }, smbhb: background) }
        }
    }
}
