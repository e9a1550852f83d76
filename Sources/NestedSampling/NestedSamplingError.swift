// Why a nested-sampling run cannot start or cannot finish: typed, with the numbers behind it.

/// Every way a run of ``NestedSampler`` can fail. Options and problems are checked before the first likelihood call
/// (``NestedSampler/init(problem:options:)``); the others end a run. Nothing in the module stops the process on user input.
public enum NestedSamplingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `parameterNames` is empty.
    case noParameters
    /// A parameter name is empty or occurs twice.
    case invalidParameterName(String)
    /// The live-point count is outside `allowed` (at least 2(d + 1), so that the points left after a batch
    /// still span the d dimensions).
    case liveCount(Int, allowed: ClosedRange<Int>)
    /// The number of points replaced per iteration is outside `allowed` (1 … half the live points).
    case batchSize(Int, allowed: ClosedRange<Int>)
    /// The number of concurrent likelihood evaluations is outside `allowed`.
    case jobs(Int, allowed: ClosedRange<Int>)
    /// The number of slice moves per new point is outside `allowed`.
    case slicesPerPoint(Int, allowed: ClosedRange<Int>)
    /// The stopping tolerance on Δln Z is not a positive finite number.
    case tolerance(Double)
    /// A ``Prior`` or ``MultivariateNormalPrior`` with impossible parameters (the message names them).
    case invalidPrior(String)
    /// A budget (`maxLikelihoodCalls` or `maxIterations`) is not positive.
    case budget(Int)
    /// The prior transform returned `got` coordinates instead of `expected` (the number of parameter names).
    case dimensionMismatch(expected: Int, got: Int, unitCube: [Double])
    /// The prior transform returned a non-finite parameter.
    case transformNotFinite(unitCube: [Double], parameters: [Double])
    /// The log-likelihood returned NaN at these parameters.
    case logLikelihoodIsNaN(parameters: [Double])
    /// The log-likelihood returned +∞ at these parameters (the evidence would be infinite).
    case logLikelihoodIsPlusInfinity(parameters: [Double])
    /// The log-likelihood threw at these parameters; `description` is the thrown error's description.
    case likelihoodFailed(parameters: [Double], description: String)
    /// The prior volume left, e^`logVolume`, fell below e^−`NestedSampler.minimumLogVolumeWithoutFiniteLikelihood`
    /// while every live point still had ln L = −∞: the region with a finite likelihood is (nearly) empty.
    case noFiniteLikelihood(logVolume: Double, likelihoodCalls: Int)
    /// A slice move failed to find a point inside the likelihood constraint after `shrinks` contractions
    /// (a likelihood that is not a deterministic function of its input, or a constraint region of zero width).
    case noProgress(iteration: Int, logLikelihoodThreshold: Double, shrinks: Int)
    /// A budget ran out before the stopping criterion was met: the state at that moment (ln Z counts the dead
    /// points only; `remainingDeltaLogEvidence` is ln(Z + X·L_max) − ln Z with the live points' largest L).
    case budgetExhausted(likelihoodCalls: Int, iterations: Int, logEvidence: Double, remainingDeltaLogEvidence: Double)
    /// The task running the sampler was cancelled (checked before each iteration).
    case cancelled(likelihoodCalls: Int, iterations: Int)

    public var description: String {
        switch self {
        case .noParameters: return "the problem has no parameters (parameterNames is empty)"
        case .invalidParameterName(let name): return "parameter name '\(name)' is empty or occurs twice"
        case .liveCount(let n, let r): return "live-point count \(n) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        case .batchSize(let k, let r): return "batch size \(k) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        case .jobs(let j, let r): return "jobs \(j) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        case .slicesPerPoint(let s, let r): return "slices per point \(s) outside the allowed range \(r.lowerBound)...\(r.upperBound)"
        case .tolerance(let t): return "stopping tolerance \(t) is not a positive finite number"
        case .invalidPrior(let message): return message
        case .budget(let b): return "budget \(b) is not positive"
        case .dimensionMismatch(let e, let g, let u):
            return "the prior transform returned \(g) parameters instead of \(e) (unit-cube point \(u))"
        case .transformNotFinite(let u, let p): return "the prior transform returned a non-finite parameter \(p) at unit-cube point \(u)"
        case .logLikelihoodIsNaN(let p): return "the log-likelihood is NaN at parameters \(p)"
        case .logLikelihoodIsPlusInfinity(let p): return "the log-likelihood is +infinity at parameters \(p)"
        case .likelihoodFailed(let p, let d): return "the log-likelihood failed at parameters \(p): \(d)"
        case .noFiniteLikelihood(let lnX, let calls):
            return "every live point still has ln L = -infinity at prior volume e^\(lnX) after \(calls) likelihood calls"
        case .noProgress(let i, let l, let s):
            return "iteration \(i): no point with ln L > \(l) found after \(s) slice contractions (is the likelihood deterministic?)"
        case .budgetExhausted(let calls, let it, let lnZ, let dlnZ):
            return "budget exhausted after \(calls) likelihood calls and \(it) iterations: ln Z = \(lnZ) so far, remaining Δln Z = \(dlnZ)"
        case .cancelled(let calls, let it): return "cancelled after \(calls) likelihood calls and \(it) iterations"
        }
    }
}
