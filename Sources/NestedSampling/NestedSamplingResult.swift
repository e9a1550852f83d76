// The output of a run: evidence, information, weighted samples, and the summaries computed from them.
import Foundation
import SupercoolNumerics

/// One dead (or final live) point with its posterior weight.
public struct WeightedSample: Sendable, Equatable {
    /// Coordinates in the unit cube.
    public var unitCube: [Double]
    /// The physical parameters (the prior transform of ``unitCube``).
    public var parameters: [Double]
    /// ln L.
    public var logLikelihood: Double
    /// ln X, the expected log prior volume with a higher likelihood when the point was removed.
    public var logPriorVolume: Double
    /// ln w, the point's (unnormalised) evidence contribution: ln L + ln((X_{i−1} − X_{i+1})/2).
    public var logWeight: Double
    /// The posterior weight w/Z (all weights add to 1).
    public var weight: Double
}

/// What a run of ``NestedSampler`` returns: ln Z, its error, the information H, and the weighted posterior samples,
/// with the usual summaries (weighted mean, covariance, quantiles, equal-weight resampling, CSV).
///
/// Weights (Skilling's trapezoid rule in X): w_i = L_i (X_{i−1} − X_{i+1})/2 with X_0 = 1 before the first point; the
/// last point (the best final live point) also takes the volume below it, w = L (X_{i−1} + X_i)/2. ln Z = ln Σ w_i,
/// H = Σ p_i ln L_i − ln Z (p_i = w_i/Z; the information, in nats), and the statistical error of ln Z is √(H/n).
public struct NestedSamplingResult: Sendable, Equatable {
    public let parameterNames: [String]
    /// Dead points in the order of removal, then the final live points in increasing L.
    public let samples: [WeightedSample]
    /// ln Z, the natural log of the evidence ∫ L dπ.
    public let logEvidence: Double
    /// √(H/n): the standard deviation of ln Z from the random prior-volume shrinkage.
    public let logEvidenceError: Double
    /// H, the information (Kullback–Leibler divergence of the posterior from the prior), in nats.
    public let information: Double
    /// Kish's effective sample size of the weights, 1/Σ p_i².
    public let effectiveSampleSize: Double
    /// Likelihood calls, including the n initial points (points outside the cube are never evaluated).
    public let likelihoodCalls: Int
    /// Iterations (batches of k replacements).
    public let iterations: Int
    /// The options of the run (and the resolved slice count), for the record.
    public let options: NestedSamplerOptions
    public let slicesPerPoint: Int

    init(parameterNames: [String], samples raw: [WeightedSample], liveCount n: Int, likelihoodCalls: Int, iterations: Int,
         options: NestedSamplerOptions, slicesPerPoint: Int) {
        var samples = raw
        let m = samples.count
        // ln((X_{i−1} − X_{i+1})/2), X_0 = 1, and the last point's (X_{i−1} + X_i)/2.
        var logZ = -Double.infinity
        for i in 0..<m {
            let prev = i == 0 ? 0.0 : samples[i - 1].logPriorVolume
            let logDX: Double
            if i == m - 1 {
                logDX = logAddExp(prev, samples[i].logPriorVolume) - M_LN2
            } else {
                let next = samples[i + 1].logPriorVolume
                logDX = prev + log(-expm1(next - prev)) - M_LN2
            }
            let lw = samples[i].logLikelihood == -.infinity ? -.infinity : samples[i].logLikelihood + logDX
            samples[i].logWeight = lw
            logZ = logAddExp(logZ, lw)
        }
        var h = 0.0, sumP2 = 0.0
        for i in 0..<m {
            let p = samples[i].logWeight == -.infinity ? 0 : exp(samples[i].logWeight - logZ)
            samples[i].weight = p
            if p > 0 { h += p * samples[i].logLikelihood; sumP2 += p * p }
        }
        h -= logZ
        h = max(h, 0)
        self.parameterNames = parameterNames
        self.samples = samples
        self.logEvidence = logZ
        self.information = h
        self.logEvidenceError = (h / Double(n)).squareRoot()
        self.effectiveSampleSize = sumP2 > 0 ? 1 / sumP2 : 0
        self.likelihoodCalls = likelihoodCalls
        self.iterations = iterations
        self.options = options
        self.slicesPerPoint = slicesPerPoint
    }

    /// Samples whose weights are already set (for tests of the summaries); run-level numbers are zero.
    init(parameterNames: [String], weightedSamples: [WeightedSample]) {
        self.parameterNames = parameterNames
        self.samples = weightedSamples
        logEvidence = 0; logEvidenceError = 0; information = 0
        effectiveSampleSize = 1 / weightedSamples.reduce(0) { $0 + $1.weight * $1.weight }
        likelihoodCalls = 0; iterations = 0
        options = NestedSamplerOptions(jobs: 1)
        slicesPerPoint = 0
    }

    /// The sample of highest likelihood (the best final live point).
    public var maximumLikelihoodSample: WeightedSample { samples.max { $0.logLikelihood < $1.logLikelihood }! }

    /// The weighted posterior mean of every parameter.
    public func mean() -> [Double] {
        var mu = [Double](repeating: 0, count: parameterNames.count)
        for s in samples where s.weight > 0 { for i in mu.indices { mu[i] += s.weight * s.parameters[i] } }
        return mu
    }

    /// The weighted posterior covariance, Σ p (x − μ)(x − μ)ᵀ / (1 − Σ p²) (unbiased for reliability weights).
    public func covariance() -> [[Double]] {
        let d = parameterNames.count
        let mu = mean()
        var c = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var sumP2 = 0.0
        for s in samples where s.weight > 0 {
            sumP2 += s.weight * s.weight
            for i in 0..<d { for j in 0..<d { c[i][j] += s.weight * (s.parameters[i] - mu[i]) * (s.parameters[j] - mu[j]) } }
        }
        let correction = sumP2 < 1 ? 1 / (1 - sumP2) : 1
        return c.map { $0.map { $0 * correction } }
    }

    /// The weighted q-quantile of every parameter (q clamped to [0, 1]). The weighted CDF of a parameter sorted
    /// ascending is taken at each sample's midpoint, F_i = Σ_{j<i} p_j + p_i/2, and interpolated linearly; below the
    /// first midpoint the smallest value, above the last the largest.
    public func quantiles(_ q: Double) -> [Double] {
        let q = min(max(q.isNaN ? 0.5 : q, 0), 1)
        return parameterNames.indices.map { i in
            let pts = samples.filter { $0.weight > 0 }.map { ($0.parameters[i], $0.weight) }.sorted { $0.0 < $1.0 }
            var cdf = 0.0
            var prev: (x: Double, f: Double)? = nil
            for (x, p) in pts {
                let f = cdf + p / 2
                cdf += p
                if f >= q {
                    guard let pr = prev, f > pr.f else { return x }
                    return pr.x + (x - pr.x) * (q - pr.f) / (f - pr.f)
                }
                prev = (x, f)
            }
            return pts.last?.0 ?? .nan
        }
    }

    /// The weighted median of every parameter.
    public func medians() -> [Double] { quantiles(0.5) }

    /// The central (equal-tailed) interval holding `probability` of the posterior, per parameter: the quantiles
    /// (1 − probability)/2 and (1 + probability)/2; 0.68 → (0.16, 0.84), 0.95 → (0.025, 0.975).
    public func intervals(probability: Double) -> [ClosedRange<Double>] {
        let lo = quantiles((1 - probability) / 2), hi = quantiles((1 + probability) / 2)
        return zip(lo, hi).map { min($0, $1)...max($0, $1) }
    }

    /// Per-parameter summary: mean, standard deviation, median, 68 % and 95 % central intervals, and the value at
    /// the maximum-likelihood sample.
    public func summary() -> [ParameterSummary] {
        let mu = mean(), cov = covariance(), med = medians()
        let i68 = intervals(probability: 0.68), i95 = intervals(probability: 0.95)
        let best = maximumLikelihoodSample.parameters
        return parameterNames.indices.map {
            ParameterSummary(name: parameterNames[$0], mean: mu[$0], standardDeviation: cov[$0][$0].squareRoot(), median: med[$0],
                             interval68: i68[$0], interval95: i95[$0], maximumLikelihood: best[$0])
        }
    }

    /// `count` equally weighted posterior draws by systematic resampling (one uniform offset from `seed`, then
    /// `count` evenly spaced positions through the cumulative weights), shuffled with the same generator.
    /// Each sample appears ⌊count·p⌋ or ⌈count·p⌉ times. `count` ≤ 0 gives no draws.
    public func equalWeightSamples(count: Int, seed: UInt64) -> [[Double]] {
        guard count > 0 else { return [] }
        var rng = SplitMix64(seed: seed)
        let offset = rng.unit()
        var out: [[Double]] = []
        out.reserveCapacity(count)
        var cdf = 0.0, i = 0
        for j in 0..<count {
            let position = (Double(j) + offset) / Double(count)
            while i < samples.count - 1 && cdf + samples[i].weight <= position { cdf += samples[i].weight; i += 1 }
            // Skip zero-weight points that a rounding shortfall of the cumulative sum could leave us on.
            var k = i
            while samples[k].weight == 0 && k > 0 { k -= 1 }
            out.append(samples[k].parameters)
        }
        for j in stride(from: count - 1, to: 0, by: -1) {   // Fisher–Yates
            let r = Int(rng.index(below: UInt64(j + 1)))
            out.swapAt(j, r)
        }
        return out
    }

    /// The samples as CSV: header `weight,log_likelihood,log_prior_volume,<parameter names>`, then one row per sample
    /// (dead points in order of removal, then the final live points), numbers as Swift prints a `Double`
    /// (shortest round-tripping form). `weight` is the normalised posterior weight; rows of weight 0 (ln L = −∞)
    /// are left out (they would print `-inf`). A name holding a comma, quote or line break is quoted (RFC 4180).
    public func csv() -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var text = (["weight", "log_likelihood", "log_prior_volume"] + parameterNames.map(field)).joined(separator: ",") + "\n"
        for s in samples where s.weight > 0 {
            text += ([s.weight, s.logLikelihood, s.logPriorVolume] + s.parameters).map { "\($0)" }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// Writes ``csv()`` to `path` (atomically: a temporary file, then a rename).
    public func writeCSV(to path: String) throws {
        try csv().write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Posterior summary of one parameter (see ``NestedSamplingResult/summary()``). Codable: the intervals encode as
/// `[lower, upper]`; every number is finite for a completed run.
public struct ParameterSummary: Sendable, Equatable, Codable {
    public let name: String
    public let mean: Double
    public let standardDeviation: Double
    public let median: Double
    /// The central 68 % interval (quantiles 0.16 and 0.84).
    public let interval68: ClosedRange<Double>
    /// The central 95 % interval (quantiles 0.025 and 0.975).
    public let interval95: ClosedRange<Double>
    /// The parameter at the maximum-likelihood sample.
    public let maximumLikelihood: Double
}
