// Nested sampling (J. Skilling, Bayesian Analysis 1, 833 (2006)) with whitened random-direction slice sampling in
// the unit cube (as dynesty's "rslice"; Handley et al., MNRAS 453, 4384 (2015) for PolyChord), replacing k points
// per iteration with k independent chains run concurrently. Bookkeeping, weights and the stopping rule are
// described in README.md and in the DocC catalog; the comments below say which formula each line implements.
import Foundation
import SupercoolNumerics

/// Settings of a run. Only ``jobs`` may change without changing the result: everything else is part of the
/// algorithm and, with ``seed``, fixes the output bit for bit.
public struct NestedSamplerOptions: Sendable, Equatable {
    /// n, the number of live points. At least 2(d + 1). ln Z's statistical error scales as √(H/n).
    public var liveCount: Int
    /// Seed of every random number the run draws (`SplitMix64` streams derived from it).
    public var seed: UInt64
    /// k, the number of worst points replaced per iteration (1 … n/2), each by its own slice chain. The k chains
    /// of an iteration are independent, so up to k likelihood evaluations run at once; the prior-volume
    /// bookkeeping is exact for any k (see ``NestedSampler``). Part of the algorithm: changing it changes the result.
    public var batchSize: Int
    /// How many likelihood evaluations may run concurrently (1 … 1024). Does not change the result.
    public var jobs: Int
    /// Slice moves per new point; nil means 2d + 3 (d the dimension). More moves decorrelate a new point from
    /// the live point it starts from; too few bias ln Z low in many dimensions.
    public var slicesPerPoint: Int?
    /// Stop when the live points could add at most this much to ln Z: ln(Z + X·L_max) − ln Z < tolerance.
    public var tolerance: Double
    /// Stop with ``NestedSamplingError/budgetExhausted(likelihoodCalls:iterations:logEvidence:remainingDeltaLogEvidence:)``
    /// when this many likelihood calls have been made (checked before each iteration).
    public var maxLikelihoodCalls: Int
    /// The same for iterations (batches of k replacements).
    public var maxIterations: Int

    public init(liveCount: Int = 400, seed: UInt64 = 1, batchSize: Int = 8,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, slicesPerPoint: Int? = nil,
                tolerance: Double = 0.01, maxLikelihoodCalls: Int = 100_000_000, maxIterations: Int = 10_000_000) {
        self.liveCount = liveCount
        self.seed = seed
        self.batchSize = batchSize
        self.jobs = jobs
        self.slicesPerPoint = slicesPerPoint
        self.tolerance = tolerance
        self.maxLikelihoodCalls = maxLikelihoodCalls
        self.maxIterations = maxIterations
    }
}

/// Nested sampling of a ``NestedSamplingProblem``: the evidence Z = ∫ L dπ with its error, and weighted posterior samples.
///
/// Each iteration removes the k = ``NestedSamplerOptions/batchSize`` live points of lowest likelihood and replaces
/// them by k points drawn from the prior inside the constraint L > L_k (L_k the highest removed), each by its own
/// chain of slice moves that starts from a randomly chosen surviving live point. Removing the k worst of n points
/// one at a time shrinks the expected ln X by 1/n, 1/(n − 1), …, 1/(n − k + 1) (the j-th removal is the largest of
/// n − j + 1 points uniform in the current volume), which is exact, not an approximation, for any k; for k ≪ n
/// this is the "k at a time" shrinkage k/n per batch.
///
/// Reproducibility: the chains of iteration i use generators seeded from (seed, i, chain index) only, their results are
/// put back in chain order, and no floating-point sum depends on which chain finished first, so the output is bit-for-bit
/// the same for any ``NestedSamplerOptions/jobs`` and any thread scheduling.
public struct NestedSampler<Problem: NestedSamplingProblem>: Sendable {
    public let problem: Problem
    public let options: NestedSamplerOptions
    /// d, the number of parameters.
    public let dimension: Int
    /// Slice moves per new point (the option, or its default 2d + 3).
    public let slicesPerPoint: Int

    /// ln X below which a run whose live points all still have ln L = −∞ gives up (``NestedSamplingError/noFiniteLikelihood(logVolume:likelihoodCalls:)``).
    public static var minimumLogVolumeWithoutFiniteLikelihood: Double { -230 }   // X = 1e-100
    /// Contractions of one slice after which a move is declared stuck (``NestedSamplingError/noProgress(iteration:logLikelihoodThreshold:shrinks:)``).
    public static var maximumShrinks: Int { 100 }
    /// Neal's stepping-out limit m: an initial slice interval grows by at most m − 1 widths in all.
    public static var maximumStepOut: Int { 50 }

    /// Checks the options against the problem (no likelihood call is made).
    public init(problem: Problem, options: NestedSamplerOptions = NestedSamplerOptions()) throws(NestedSamplingError) {
        let names = problem.parameterNames
        guard !names.isEmpty else { throw .noParameters }
        var seen = Set<String>()
        for name in names where name.isEmpty || !seen.insert(name).inserted { throw .invalidParameterName(name) }
        let d = names.count
        let liveRange = (2 * (d + 1))...10_000_000
        guard liveRange.contains(options.liveCount) else { throw .liveCount(options.liveCount, allowed: liveRange) }
        let batchRange = 1...(options.liveCount / 2)
        guard batchRange.contains(options.batchSize) else { throw .batchSize(options.batchSize, allowed: batchRange) }
        let jobsRange = 1...1024
        guard jobsRange.contains(options.jobs) else { throw .jobs(options.jobs, allowed: jobsRange) }
        let slices = options.slicesPerPoint ?? (2 * d + 3)
        let slicesRange = 1...100_000
        guard slicesRange.contains(slices) else { throw .slicesPerPoint(slices, allowed: slicesRange) }
        guard options.tolerance.isFinite, options.tolerance > 0 else { throw .tolerance(options.tolerance) }
        guard options.maxLikelihoodCalls > 0 else { throw .budget(options.maxLikelihoodCalls) }
        guard options.maxIterations > 0 else { throw .budget(options.maxIterations) }
        self.problem = problem
        self.options = options
        self.dimension = d
        self.slicesPerPoint = slices
    }

    /// Runs to the stopping criterion and returns the evidence and the weighted posterior samples.
    ///
    /// `progress`, if given, is called once before every iteration (on the task running `run`, never concurrently)
    /// with the state at that moment; it must be quick. Cancelling the task ends the run before the next iteration
    /// with ``NestedSamplingError/cancelled(likelihoodCalls:iterations:)``.
    public func run(progress: (@Sendable (NestedSamplingProgress) -> Void)? = nil) async throws(NestedSamplingError)
        -> NestedSamplingResult
    {
        let n = options.liveCount, k = options.batchSize, d = dimension
        var rng = SplitMix64(seed: options.seed)

        // The initial live points: n independent uniform points of the open cube, drawn in order from the main stream.
        var units: [[Double]] = []
        var labels: [Double] = []
        units.reserveCapacity(n)
        for _ in 0..<n {
            units.append((0..<d).map { _ in rng.openUnit() })
            labels.append(-log(rng.openUnit()))
        }
        let initialUnits = units, initialLabels = labels
        let initial = await concurrentMap(count: n) { i -> Result<LivePoint, NestedSamplingError> in
            do throws(NestedSamplingError) {
                let (parameters, logL) = try evaluate(initialUnits[i])
                return .success(LivePoint(unit: initialUnits[i], parameters: parameters, logL: logL, label: initialLabels[i]))
            } catch { return .failure(error) }
        }
        var live: [LivePoint] = []
        live.reserveCapacity(n)
        for r in initial { live.append(try r.get()) }
        var calls = n

        var dead: [WeightedSample] = []
        var logX = 0.0                    // ln X of the last removed point (0: the whole prior)
        var logZ = -Double.infinity       // running rectangle-rule estimate, only for the stopping rule
        var iteration = 0
        while true {
            let order = live.indices.sorted { live[$0].precedes(live[$1]) }
            let maxLogL = live[order[n - 1]].logL
            // ln(Z + X·L_max) − ln Z: at most this much evidence is left in the live points.
            let remaining = maxLogL == -.infinity ? 0 : (logZ == -.infinity ? .infinity : logAddExp(logZ, logX + maxLogL) - logZ)
            if maxLogL == -.infinity {
                if logX < Self.minimumLogVolumeWithoutFiniteLikelihood { throw .noFiniteLikelihood(logVolume: logX, likelihoodCalls: calls) }
            } else if remaining < options.tolerance {
                break   // the stopping rule
            }
            if calls >= options.maxLikelihoodCalls || iteration >= options.maxIterations {
                throw .budgetExhausted(likelihoodCalls: calls, iterations: iteration, logEvidence: logZ, remainingDeltaLogEvidence: remaining)
            }
            progress?(NestedSamplingProgress(iteration: iteration, likelihoodCalls: calls, logPriorVolume: logX, logEvidence: logZ,
                                             remainingDeltaLogEvidence: remaining, maxLogLikelihood: maxLogL))
            if Task.isCancelled { throw .cancelled(likelihoodCalls: calls, iterations: iteration) }
            iteration += 1

            // Remove the k worst, one at a time: the j-th removal (j = 0…k−1) shrinks ln X by 1/(n − j).
            let removed = Array(order.prefix(k))
            for (j, index) in removed.enumerated() {
                let step = 1.0 / Double(n - j)
                let point = live[index]
                // ln(X_old − X_new) = ln X_old + ln(1 − e^{−step})
                if point.logL > -.infinity { logZ = logAddExp(logZ, point.logL + logX + log(-expm1(-step))) }
                logX -= step
                dead.append(WeightedSample(unitCube: point.unit, parameters: point.parameters, logLikelihood: point.logL,
                                           logPriorVolume: logX, logWeight: -.infinity, weight: 0))
            }
            let threshold = live[removed[k - 1]]
            let survivors = Array(order.dropFirst(k))

            // Directions: whitened by the survivors' covariance in the cube (Cholesky factor, row-major lower triangle).
            let chol = choleskyOfCovariance(survivors.map { live[$0].unit }, dimension: d)
            let starts = (0..<k).map { _ in live[survivors[Int(rng.index(below: UInt64(survivors.count)))]] }
            let it = iteration
            let results = await concurrentMap(count: k) { j -> Result<(LivePoint, Int), NestedSamplingError> in
                var chainRNG = SplitMix64(seed: chainSeed(iteration: it, chain: j))
                do throws(NestedSamplingError) {
                    return .success(try sliceChain(from: starts[j], above: threshold, cholesky: chol, rng: &chainRNG, iteration: it))
                } catch { return .failure(error) }
            }
            for (j, r) in results.enumerated() {
                let (point, chainCalls) = try r.get()
                live[removed[j]] = point
                calls += chainCalls
            }
        }

        // The final live points, in increasing L, at the expected volumes of n uniform order statistics in [0, X]:
        // X_j = X (1 − j/(n + 1)), j = 1…n (the remaining evidence ≈ X·⟨L⟩ of the live points).
        let finalOrder = live.indices.sorted { live[$0].precedes(live[$1]) }
        for (j, index) in finalOrder.enumerated() {
            let point = live[index]
            dead.append(WeightedSample(unitCube: point.unit, parameters: point.parameters, logLikelihood: point.logL,
                                       logPriorVolume: logX + log1p(-Double(j + 1) / Double(n + 1)), logWeight: -.infinity, weight: 0))
        }
        return NestedSamplingResult(parameterNames: problem.parameterNames, samples: dead, liveCount: n,
                                    likelihoodCalls: calls, iterations: iteration, options: options, slicesPerPoint: slicesPerPoint)
    }

    // MARK: - Likelihood

    /// Transform and ln L of one cube point, with every check on the user's functions.
    func evaluate(_ unit: [Double]) throws(NestedSamplingError) -> (parameters: [Double], logL: Double) {
        let parameters = problem.transform(unitCube: unit)
        guard parameters.count == dimension else { throw .dimensionMismatch(expected: dimension, got: parameters.count, unitCube: unit) }
        guard parameters.allSatisfy(\.isFinite) else { throw .transformNotFinite(unitCube: unit, parameters: parameters) }
        let logL: Double
        do { logL = try problem.logLikelihood(parameters) } catch {
            throw .likelihoodFailed(parameters: parameters, description: String(describing: error))
        }
        if logL.isNaN { throw .logLikelihoodIsNaN(parameters: parameters) }
        if logL == .infinity { throw .logLikelihoodIsPlusInfinity(parameters: parameters) }
        return (parameters, logL)
    }

    // MARK: - Slice sampling

    /// A chain of `slicesPerPoint` random-direction slice moves (R. M. Neal, Ann. Statist. 31, 705 (2003): stepping
    /// out with limit m, then shrinkage) from `start`, staying inside {(L, label) > (L*, label*)}. Directions are
    /// C·ẑ with ẑ uniform on the unit sphere and C the Cholesky factor of the live points' covariance; the initial
    /// interval has width √(d + 2) along C·ẑ (the half-width of an ellipsoid whose uniform filling has that covariance).
    /// Returns the new point and the number of likelihood calls.
    func sliceChain(from start: LivePoint, above threshold: LivePoint, cholesky: [Double], rng: inout SplitMix64,
                    iteration: Int) throws(NestedSamplingError) -> (LivePoint, Int) {
        let d = dimension
        var current = start
        var calls = 0
        let width = (Double(d) + 2).squareRoot()
        // The tie-breaking label is held fixed during the moves (a Gibbs step on the cube coordinates), then redrawn.
        func inside(_ logL: Double) -> Bool {
            logL > threshold.logL || (logL == threshold.logL && current.label > threshold.label)
        }
        /// The point at u + t·dir if it is in the open cube and inside the constraint.
        func probe(_ t: Double, _ dir: [Double]) throws(NestedSamplingError) -> LivePoint? {
            var x = current.unit
            for i in 0..<d {
                x[i] += t * dir[i]
                if !(x[i] > 0 && x[i] < 1) { return nil }
            }
            calls += 1
            let (parameters, logL) = try evaluate(x)
            return inside(logL) ? LivePoint(unit: x, parameters: parameters, logL: logL, label: current.label) : nil
        }
        for _ in 0..<slicesPerPoint {
            // ẑ: d standard normals (Box–Muller), normalised; dir = C ẑ.
            var z = [Double](repeating: 0, count: d)
            var norm2 = 0.0
            repeat {
                norm2 = 0
                for i in 0..<d { z[i] = rng.normal(); norm2 += z[i] * z[i] }
            } while norm2 == 0
            let invNorm = 1 / norm2.squareRoot()
            var dir = [Double](repeating: 0, count: d)
            for i in 0..<d {
                var s = 0.0
                for j in 0...i { s += cholesky[i * d + j] * z[j] }
                dir[i] = s * invNorm * width
            }
            // Stepping out (Neal's procedure with limit m: J steps left, m − 1 − J right), t in units of dir.
            var left = -rng.unit()
            var right = left + 1
            var stepsLeft = Int(rng.unit() * Double(Self.maximumStepOut))
            var stepsRight = Self.maximumStepOut - 1 - stepsLeft
            while stepsLeft > 0, try probe(left, dir) != nil { left -= 1; stepsLeft -= 1 }
            while stepsRight > 0, try probe(right, dir) != nil { right += 1; stepsRight -= 1 }
            // Shrinkage towards the current point (t = 0, which is inside).
            var shrinks = 0
            while true {
                let t = left + rng.unit() * (right - left)
                if let next = try probe(t, dir) { current = next; break }
                if t < 0 { left = t } else { right = t }
                shrinks += 1
                if shrinks >= Self.maximumShrinks {
                    throw .noProgress(iteration: iteration, logLikelihoodThreshold: threshold.logL, shrinks: shrinks)
                }
            }
        }
        // The label's conditional given the point: Exp(1) above label* on a tie with L* (memoryless, so label* + Exp(1)),
        // Exp(1) otherwise. (A uniform label would run out of resolution: on a plateau the tied labels crowd towards
        // the top as e^{−1/n} per removal, and after ~37 n removals no double lies between label* and 1.)
        let draw = -log(rng.openUnit())
        current.label = current.logL == threshold.logL ? threshold.label + draw : draw
        return (current, calls)
    }

    // MARK: - Concurrency

    /// body(0) … body(count − 1), at most `jobs` at a time, results in index order. Serial when jobs = 1.
    func concurrentMap<T: Sendable>(count: Int, _ body: @escaping @Sendable (Int) -> Result<T, NestedSamplingError>) async
        -> [Result<T, NestedSamplingError>]
    {
        let jobs = min(options.jobs, count)
        if jobs <= 1 {
            var out: [Result<T, NestedSamplingError>] = []
            out.reserveCapacity(count)
            for i in 0..<count {
                let r = body(i)
                out.append(r)
                if case .failure = r { break }   // the lowest failing index, as in the concurrent branch
            }
            return out
        }
        return await withTaskGroup(of: (Int, Result<T, NestedSamplingError>).self) { group in
            var slots = [Result<T, NestedSamplingError>?](repeating: nil, count: count)
            var next = 0
            var failed = false
            while next < jobs { let i = next; group.addTask { (i, body(i)) }; next += 1 }
            while let (i, r) = await group.next() {
                slots[i] = r
                if case .failure = r { failed = true }
                // After a failure no new index starts; every lower index has started (indices start in order) and
                // is awaited, so the lowest failing index, the one reported, does not depend on timing.
                if !failed && next < count { let i = next; group.addTask { (i, body(i)) }; next += 1 }
            }
            var out: [Result<T, NestedSamplingError>] = []
            for s in slots {
                guard let s else { break }
                out.append(s)
                if case .failure = s { break }
            }
            return out
        }
    }

    /// The seed of chain `chain` of iteration `iteration`: SplitMix64's finaliser applied to (seed, iteration, chain).
    func chainSeed(iteration: Int, chain: Int) -> UInt64 {
        mix64(mix64(mix64(options.seed) ^ UInt64(iteration)) ^ (UInt64(chain) &* 0xD1B5_4A32_D192_ED03))
    }
}

/// The state of a run before an iteration (see ``NestedSampler/run(progress:)``).
public struct NestedSamplingProgress: Sendable, Equatable {
    /// Iterations completed.
    public let iteration: Int
    public let likelihoodCalls: Int
    /// ln X of the last removed point.
    public let logPriorVolume: Double
    /// ln Z of the dead points so far (rectangle rule; −∞ before the first finite likelihood).
    public let logEvidence: Double
    /// ln(Z + X·L_max) − ln Z, which the run drives below the tolerance (+∞ while Z = 0, 0 while every L is 0).
    public let remainingDeltaLogEvidence: Double
    /// The highest ln L among the live points.
    public let maxLogLikelihood: Double
}

/// A live point: cube coordinates, parameters, ln L and the tie-breaking label (ties in L, e.g. on plateaus or
/// among ln L = −∞ points, are ordered by an independent Exp(1) label, which keeps the shrinkage statistics exact:
/// the order is that of L + ε·label for an infinitesimal ε).
struct LivePoint: Sendable {
    var unit: [Double]
    var parameters: [Double]
    var logL: Double
    var label: Double
    func precedes(_ other: LivePoint) -> Bool {
        logL < other.logL || (logL == other.logL && label < other.label)
    }
}

// MARK: - Small numerics

@inline(__always) func mix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// ln(eᵃ + eᵇ), exact for −∞ arguments.
@inline(__always) func logAddExp(_ a: Double, _ b: Double) -> Double {
    let m = max(a, b)
    if m == -.infinity { return -.infinity }
    return m + log1p(exp(-abs(a - b)))
}

extension SplitMix64 {
    /// Uniform in [0, 1).
    @inline(__always) mutating func unit() -> Double { nextUnit() }
    /// Uniform in the open interval (0, 1): (m + ½)·2⁻⁵³ with m uniform in 0 ..< 2⁵³.
    @inline(__always) mutating func openUnit() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }
    /// A standard normal (Box–Muller, one of the pair).
    @inline(__always) mutating func normal() -> Double {
        let r = (-2 * log(openUnit())).squareRoot()
        return r * cos(2 * Double.pi * unit())
    }
    /// Uniform in 0 ..< bound (bound ≥ 1), unbiased (rejection of the first 2⁶⁴ mod bound outputs).
    mutating func index(below bound: UInt64) -> UInt64 {
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return r % bound }
        }
    }
}

/// The lower Cholesky factor (row-major d×d) of the sample covariance of `points`. A covariance that is not positive
/// definite (points in a lower-dimensional set, or too few) gets a growing diagonal jitter; a vanishing one becomes 10⁻¹²·I.
func choleskyOfCovariance(_ points: [[Double]], dimension d: Int) -> [Double] {
    let m = points.count
    var mean = [Double](repeating: 0, count: d)
    for p in points { for i in 0..<d { mean[i] += p[i] } }
    for i in 0..<d { mean[i] /= Double(m) }
    var cov = [Double](repeating: 0, count: d * d)
    for p in points {
        for i in 0..<d {
            let di = p[i] - mean[i]
            for j in 0...i { cov[i * d + j] += di * (p[j] - mean[j]) }
        }
    }
    let norm = 1 / Double(max(m - 1, 1))
    var trace = 0.0
    for i in 0..<d { for j in 0...i { cov[i * d + j] *= norm }; trace += cov[i * d + i] }
    let scale = trace > 0 && trace.isFinite ? trace / Double(d) : 1e-24
    var jitter = 0.0
    for _ in 0..<40 {
        if let l = cholesky(cov, d: d, jitter: jitter) { return l }
        jitter = jitter == 0 ? 1e-12 * scale : jitter * 10
    }
    var identity = [Double](repeating: 0, count: d * d)
    for i in 0..<d { identity[i * d + i] = 1e-12 }
    return identity
}

/// Cholesky–Banachiewicz on the lower triangle of `a` + jitter·I; nil unless every pivot is positive.
func cholesky(_ a: [Double], d: Int, jitter: Double) -> [Double]? {
    var l = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
        for j in 0...i {
            var s = a[i * d + j] + (i == j ? jitter : 0)
            for k in 0..<j { s -= l[i * d + k] * l[j * d + k] }
            if i == j {
                guard s > 0, s.isFinite else { return nil }
                l[i * d + i] = s.squareRoot()
            } else {
                l[i * d + j] = s / l[j * d + j]
            }
        }
    }
    return l
}
