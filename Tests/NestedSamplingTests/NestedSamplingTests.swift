import Testing
import Foundation
@testable import NestedSampling

// MARK: - More test problems (the closed-form ones shared with benchmarks/nested_sampling_seeds.swift: ClosedFormProblems.swift)

/// A non-trivial prior transform: x, y ∈ U[−5, 5], L = exp(−|x − c|²/(2σ²)) with σ = 0.3, c = (1, −2):
/// Z = 2πσ²/100 (the mass outside the box is below 1e-20).
struct WidePrior: NestedSamplingProblem {
    let sigma = 0.3, centre = [1.0, -2.0]
    var parameterNames: [String] { ["x", "y"] }
    func transform(unitCube u: [Double]) -> [Double] { u.map { -5 + 10 * $0 } }
    func logLikelihood(_ p: [Double]) -> Double {
        -((p[0] - centre[0]) * (p[0] - centre[0]) + (p[1] - centre[1]) * (p[1] - centre[1])) / (2 * sigma * sigma)
    }
}

/// A curved ridge ("banana"): y ~ N(0.25 + 2(x − ½)², s) given x, x ~ N(½, t), unnormalised; s = 0.005, t = 0.12.
/// The ridge bends by 0.26 in y (52 s) across ±3t, and stays inside the cube: Z = 2π s t (the cut tails are < 1e-5).
struct Banana: NestedSamplingProblem {
    let s = 0.005, t = 0.12
    var parameterNames: [String] { ["x", "y"] }
    func transform(unitCube u: [Double]) -> [Double] { u }
    func logLikelihood(_ p: [Double]) -> Double {
        let yc = 0.25 + 2 * (p[0] - 0.5) * (p[0] - 0.5)
        return -(p[1] - yc) * (p[1] - yc) / (2 * s * s) - (p[0] - 0.5) * (p[0] - 0.5) / (2 * t * t)
    }
}

/// The README's example problem.
struct Line: NestedSamplingProblem {
    let x: [Double], y: [Double], sigma: Double
    var parameterNames: [String] { ["slope", "intercept"] }
    func transform(unitCube u: [Double]) -> [Double] { [-5 + 10 * u[0], -5 + 10 * u[1]] }   // U[-5, 5]²
    func logLikelihood(_ p: [Double]) -> Double {
        zip(x, y).reduce(0) { r, xy in let d = xy.1 - (p[0] * xy.0 + p[1]); return r - d * d / (2 * sigma * sigma) }
    }
}

/// For the error cases: a configurable misbehaving problem on [0, 1]^2.
struct Faulty: NestedSamplingProblem {
    enum Fault: Sendable { case none, nanAbove(Double), nanBetween(Double, Double), plusInfinityAbove(Double), throwsAbove(Double), shortTransform, nanTransform, alwaysMinusInfinity }
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
    var names = ["a", "b"]
    var fault: Fault
    var parameterNames: [String] { names }
    func transform(unitCube u: [Double]) -> [Double] {
        switch fault {
        case .shortTransform: return [u[0]]
        case .nanTransform: return u[0] > 0.5 ? [.nan, u[1]] : u
        default: return u
        }
    }
    func logLikelihood(_ x: [Double]) throws -> Double {
        let base = -((x[0] - 0.5) * (x[0] - 0.5) + (x[1] - 0.5) * (x[1] - 0.5)) / (2 * 0.01)
        switch fault {
        case .nanAbove(let c): return x[0] > c ? .nan : base
        case .nanBetween(let a, let b): return x[0] > a && x[0] < b ? .nan : base
        case .plusInfinityAbove(let c): return x[0] > c ? .infinity : base
        case .throwsAbove(let c): if x[0] > c { throw Boom() }; return base
        case .alwaysMinusInfinity: return -.infinity
        default: return base
        }
    }
}

/// The validation tier runs in release builds, or when NESTED_SAMPLING_VALIDATION=1 is set.
let validationTier: Bool = {
    #if DEBUG
    return ProcessInfo.processInfo.environment["NESTED_SAMPLING_VALIDATION"] == "1"
    #else
    return true
    #endif
}()

/// Collects progress reports (the callback is @Sendable).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [NestedSamplingProgress] = []
    func append(_ p: NestedSamplingProgress) { lock.lock(); storage.append(p); lock.unlock() }
    var items: [NestedSamplingProgress] { lock.lock(); defer { lock.unlock() }; return storage }
}

func run<P: NestedSamplingProblem>(_ p: P, _ options: NestedSamplerOptions) async throws -> NestedSamplingResult {
    try await NestedSampler(problem: p, options: options).run()
}

// MARK: - Tests

@Suite struct NestedSamplingTests {
    /// Correlated Gaussians in 2, 4, 6 dimensions with n = 400: ln Z within 3 reported errors of the closed form (at
    /// n = 400 the error is 0.09–0.14, so the 0.2 bound is checked in ``validationGaussian``); posterior means within
    /// 4 σ/√ESS; covariances within 15 % of √(Σ_ii Σ_jj) (10 % at n = 1500 in the validation tier).
    @Test(arguments: [(2, 11 as UInt64), (4, 12), (6, 13)])
    func gaussianEvidenceMeansCovariances(d: Int, seed: UInt64) async throws {
        try await checkGaussian(d: d, liveCount: 400, seed: seed, absolute: nil, covarianceTolerance: 0.15)
    }

    /// Two Gaussians with weights 0.3/0.7: ln Z = ln 1 within 3 errors and the posterior mass near mode A. In d = 2 with
    /// n = 800 the mode mass must be within 0.05 of 0.3; in d = 4 with n = 400 within 0.15, three times its scatter
    /// over seeds (0.045, measured over 20 seeds; the error of each mode's own ln Z, √(H/n_mode), is what moves it;
    /// the 0.05 bound in d = 4 needs n = 2000: ``validationBimodal``).
    @Test(arguments: [(2, 800, 0.05, 21 as UInt64), (4, 400, 0.15, 22)])
    func bimodal(d: Int, liveCount: Int, tolerance: Double, seed: UInt64) async throws {
        try await checkBimodal(d: d, liveCount: liveCount, seed: seed, massTolerance: tolerance, absolute: nil)
    }

    // MARK: Validation tier (release builds, or NESTED_SAMPLING_VALIDATION=1; ~25 s in debug on 2 cores)

    /// The brief's bounds at a live-point count where they are ≥ 2.5 standard deviations wide: n = 1500, ln Z within
    /// 0.2 of the truth and 3 errors, covariances within 10 %.
    @Test(.enabled(if: validationTier), arguments: [(2, 31 as UInt64), (4, 32), (6, 33)])
    func validationGaussian(d: Int, seed: UInt64) async throws {
        try await checkGaussian(d: d, liveCount: 1500, seed: seed, absolute: 0.2, covarianceTolerance: 0.10)
    }

    /// Mode masses within 0.05 of 0.3/0.7 in 2, 3 and 4 dimensions with n = 2000, ln Z within 0.2.
    @Test(.enabled(if: validationTier), arguments: [(2, 41 as UInt64), (3, 42), (4, 43)])
    func validationBimodal(d: Int, seed: UInt64) async throws {
        try await checkBimodal(d: d, liveCount: 2000, seed: seed, massTolerance: 0.05, absolute: 0.2)
    }

    /// The reported error is the scatter: 12 seeds of the 4-D Gaussian at n = 400; the pulls (ln Z − truth)/error must
    /// average within ±1 (3/√12 ≈ 0.87 is three standard errors) and scatter with a standard deviation in [0.5, 1.6].
    @Test(.enabled(if: validationTier))
    func validationErrorCalibration() async throws {
        let p = gaussian(d: 4)
        var pulls: [Double] = []
        for seed in 0..<12 as Range<UInt64> {
            let r = try await run(p, NestedSamplerOptions(liveCount: 400, seed: 1000 + seed, jobs: 2))
            pulls.append((r.logEvidence - p.logEvidence) / r.logEvidenceError)
        }
        let mean = pulls.reduce(0, +) / 12
        let sd = (pulls.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 11).squareRoot()
        print("pulls of the 4-D Gaussian (12 seeds): mean \(mean), sd \(sd): \(pulls)")
        #expect(abs(mean) < 1)
        #expect(sd > 0.5 && sd < 1.6)
    }

    // MARK: Shared checks

    /// The Gaussians of the tests: σ = 0.05 (d = 2), 0.07 (d = 4), 0.08 (d = 6), every other σ 10 % smaller, ρ = 0.3,
    /// centres 0.47/0.50/0.53.
    func gaussian(d: Int) -> CorrelatedGaussian {
        let sigma = d <= 2 ? 0.05 : d <= 4 ? 0.07 : 0.08
        return CorrelatedGaussian(mu: (0..<d).map { 0.5 + 0.03 * Double($0 % 3 - 1) },
                                  sigma: (0..<d).map { sigma * (1 - 0.1 * Double($0 % 2)) }, rho: 0.3)
    }

    func checkGaussian(d: Int, liveCount: Int, seed: UInt64, absolute: Double?, covarianceTolerance: Double) async throws {
        let p = gaussian(d: d)
        for i in 0..<d { #expect(min(p.mu[i], 1 - p.mu[i]) >= 5 * p.sigma[i]) }
        let r = try await run(p, NestedSamplerOptions(liveCount: liveCount, seed: seed, jobs: 2))
        let truth = p.logEvidence
        print("gaussian d=\(d) n=\(liveCount): lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth \(truth), Δ = \(r.logEvidence - truth), H = \(r.information), ESS = \(r.effectiveSampleSize), calls = \(r.likelihoodCalls), iterations = \(r.iterations)")
        #expect(abs(r.logEvidence - truth) < 3 * r.logEvidenceError)
        if let absolute { #expect(abs(r.logEvidence - truth) < absolute) }
        let m = r.mean(), c = r.covariance()
        for i in 0..<d {
            #expect(abs(m[i] - p.mu[i]) < 4 * p.sigma[i] / r.effectiveSampleSize.squareRoot(), "mean \(i): \(m[i]) vs \(p.mu[i])")
            for j in 0..<d {
                let scale = (p.covariance(i, i) * p.covariance(j, j)).squareRoot()
                #expect(abs(c[i][j] - p.covariance(i, j)) < covarianceTolerance * scale, "cov \(i)\(j): \(c[i][j]) vs \(p.covariance(i, j))")
            }
        }
        // H of a Gaussian posterior under a unit-volume uniform prior: −ln Z − d/2 (to within the sampling noise).
        #expect(abs(r.information - (-truth - Double(d) / 2)) < 0.5)
    }

    func checkBimodal(d: Int, liveCount: Int, seed: UInt64, massTolerance: Double, absolute: Double?) async throws {
        let p = Bimodal(d: d)
        let r = try await run(p, NestedSamplerOptions(liveCount: liveCount, seed: seed, jobs: 2))
        let massA = r.samples.filter { p.nearA($0.parameters) }.reduce(0) { $0 + $1.weight }
        print("bimodal d=\(d) n=\(liveCount): lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth 0, mode A mass \(massA) (0.3), calls = \(r.likelihoodCalls)")
        #expect(abs(r.logEvidence) < 3 * r.logEvidenceError)
        if let absolute { #expect(abs(r.logEvidence) < absolute) }
        #expect(abs(massA - 0.3) < massTolerance)
    }

    /// ln L = −∞ on 3/4 of the prior and a plateau elsewhere (ties ordered by labels): ln Z = ln(1/4).
    @Test func excludedRegionAndPlateau() async throws {
        let r = try await run(Slab(), NestedSamplerOptions(liveCount: 300, seed: 5, jobs: 2))
        print("slab: lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth \(log(0.25))")
        #expect(abs(r.logEvidence - log(0.25)) < 3 * r.logEvidenceError)
        #expect(r.samples.allSatisfy { $0.weight == 0 || $0.parameters[0] < 0.25 })
        #expect(!r.csv().contains("inf"))
    }

    /// A Gaussian with ln L = −∞ on half of it: ln Z = ln(πσ²).
    @Test func truncatedGaussian() async throws {
        let p = HalfGaussian()
        let r = try await run(p, NestedSamplerOptions(liveCount: 300, seed: 6, jobs: 2))
        let truth = log(Double.pi * p.sigma * p.sigma)
        print("half gaussian: lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth \(truth)")
        #expect(abs(r.logEvidence - truth) < 3 * r.logEvidenceError)
        #expect(abs(r.logEvidence - truth) < 0.2)
    }

    /// A curved degeneracy, which no covariance whitens: ln Z = ln(2π s t) within 3 errors, ⟨x⟩ = ½, ⟨y⟩ = ¼ + 2t².
    @Test func curvedRidge() async throws {
        let p = Banana()
        let r = try await run(p, NestedSamplerOptions(liveCount: 300, seed: 10, jobs: 2))
        let truth = log(2 * Double.pi * p.s * p.t)
        print("banana: lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth \(truth), calls = \(r.likelihoodCalls)")
        #expect(abs(r.logEvidence - truth) < 3 * r.logEvidenceError)
        // Along the ridge the sampler's scatter of ⟨x⟩ is ~0.007 (16 seeds, n = 300; twice t/√ESS): 3.5 times that.
        #expect(abs(r.mean()[0] - 0.5) < 0.025)
        #expect(abs(r.mean()[1] - (0.25 + 2 * p.t * p.t)) < 0.01)   // E[y] = 0.25 + 2 Var(x)
    }

    /// The README's example: a straight-line fit. Least squares gives slope 1.97, intercept 0.1 (σ_slope = 0.063,
    /// σ_intercept = 0.155 for σ = 0.2 and x = 0…4).
    @Test func readmeExample() async throws {
        let data = Line(x: [0, 1, 2, 3, 4], y: [0.1, 2.1, 3.9, 6.2, 7.9], sigma: 0.2)
        let sampler = try NestedSampler(problem: data, options: NestedSamplerOptions(liveCount: 400, seed: 1))
        let result = try await sampler.run()
        let s = result.summary()
        print("line: lnZ = \(result.logEvidence) ± \(result.logEvidenceError), ESS \(result.effectiveSampleSize), calls \(result.likelihoodCalls), slope \(s[0].median) \(s[0].interval68), intercept \(s[1].median) \(s[1].interval68)")
        // Z = (1/100) e^{−χ²_min/2} 2π √det C with χ²_min = 0.063/σ², det C = σ⁴/det(AᵀA) = σ⁴/50 (the box holds it all).
        let truth = log(0.01) - 0.063 / (2 * 0.04) + log(2 * Double.pi * 0.04 / 50.0.squareRoot())
        #expect(abs(result.logEvidence - truth) < 3 * result.logEvidenceError)
        #expect(abs(s[0].median - 1.97) < 0.01 && abs(s[0].standardDeviation - 0.0632) < 0.007)
        #expect(abs(s[1].median - 0.1) < 0.03 && abs(s[1].standardDeviation - 0.1549) < 0.016)
    }

    /// The prior transform is applied: evidence, means and spreads in the physical parameters, CSV written to a file.
    @Test func priorTransform() async throws {
        let p = WidePrior()
        let r = try await run(p, NestedSamplerOptions(liveCount: 300, seed: 7, jobs: 2))
        let truth = log(2 * Double.pi * p.sigma * p.sigma / 100)
        print("wide prior: lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth \(truth), calls = \(r.likelihoodCalls)")
        #expect(abs(r.logEvidence - truth) < 3 * r.logEvidenceError)
        let m = r.mean(), c = r.covariance()
        for i in 0..<2 {
            #expect(abs(m[i] - p.centre[i]) < 4 * p.sigma / r.effectiveSampleSize.squareRoot())
            #expect(abs(c[i][i].squareRoot() - p.sigma) < 0.1 * p.sigma)
        }
        #expect(r.samples.allSatisfy { zip($0.parameters, $0.unitCube).allSatisfy { $0.0 == -5 + 10 * $0.1 } })
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nested-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try r.writeCSV(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == r.csv())
    }

    /// Same seed → identical result; jobs 1 vs 2 → identical; another seed → a different run.
    @Test func reproducibility() async throws {
        let p = CorrelatedGaussian(mu: [0.5, 0.45, 0.55], sigma: [0.08, 0.08, 0.08], rho: 0.3)
        let base = NestedSamplerOptions(liveCount: 100, seed: 42, batchSize: 6, jobs: 1)
        let a = try await run(p, base)
        let b = try await run(p, base)
        var parallel = base
        parallel.jobs = 2
        let c = try await run(p, parallel)
        #expect(a.samples == b.samples && a.logEvidence == b.logEvidence)
        #expect(a.samples == c.samples && a.logEvidence == c.logEvidence && a.likelihoodCalls == c.likelihoodCalls)
        var other = base
        other.seed = 43
        let e = try await run(p, other)
        #expect(e.logEvidence != a.logEvidence)
    }

    /// Options and problems refused before any likelihood call, and failures during a run, as typed errors with data.
    @Test func errorCases() async throws {
        let ok = Faulty(fault: .none)
        #expect(throws: NestedSamplingError.noParameters) { try NestedSampler(problem: Faulty(names: [], fault: .none)) }
        #expect(throws: NestedSamplingError.invalidParameterName("a")) { try NestedSampler(problem: Faulty(names: ["a", "a"], fault: .none)) }
        #expect(throws: NestedSamplingError.liveCount(5, allowed: 6...10_000_000)) {
            try NestedSampler(problem: ok, options: NestedSamplerOptions(liveCount: 5))
        }
        #expect(throws: NestedSamplingError.batchSize(60, allowed: 1...50)) {
            try NestedSampler(problem: ok, options: NestedSamplerOptions(liveCount: 100, batchSize: 60))
        }
        #expect(throws: NestedSamplingError.jobs(0, allowed: 1...1024)) { try NestedSampler(problem: ok, options: NestedSamplerOptions(jobs: 0)) }
        #expect(throws: NestedSamplingError.slicesPerPoint(0, allowed: 1...100_000)) {
            try NestedSampler(problem: ok, options: NestedSamplerOptions(slicesPerPoint: 0))
        }
        #expect(throws: NestedSamplingError.budget(0)) { try NestedSampler(problem: ok, options: NestedSamplerOptions(maxLikelihoodCalls: 0)) }
        do { _ = try NestedSampler(problem: ok, options: NestedSamplerOptions(tolerance: .nan)); Issue.record("NaN tolerance accepted") }
        catch { guard case .tolerance(let t) = error, t.isNaN else { Issue.record("\(error)"); return } }

        let small = NestedSamplerOptions(liveCount: 50, seed: 3, jobs: 2)
        func failure(_ fault: Faulty.Fault, _ options: NestedSamplerOptions = small) async -> NestedSamplingError? {
            do { _ = try await run(Faulty(fault: fault), options); return nil } catch let e as NestedSamplingError { return e } catch { return nil }
        }
        // NaN: reported with the parameters where it happened.
        let nan = await failure(.nanAbove(0.7))
        if case .logLikelihoodIsNaN(let x) = nan { #expect(x.count == 2 && x[0] > 0.7) } else { Issue.record("NaN not reported") }
        // The same failure, at the same parameters, whatever the number of jobs (the lowest failing chain is reported).
        var serial = small
        serial.jobs = 1
        #expect(await failure(.nanAbove(0.7), serial) == nan)
        // A thin NaN strip near the peak, met by the slice chains of a later iteration (20 concurrent chains).
        var late = small
        late.batchSize = 20
        let lateNaN = await failure(.nanBetween(0.5, 0.502), late)
        late.jobs = 1
        #expect(await failure(.nanBetween(0.5, 0.502), late) == lateNaN)
        if case .logLikelihoodIsNaN(let x) = lateNaN { #expect(x[0] > 0.5 && x[0] < 0.502) } else { Issue.record("strip NaN not reported") }
        if case .logLikelihoodIsPlusInfinity(let x) = await failure(.plusInfinityAbove(0.7)) { #expect(x[0] > 0.7) } else { Issue.record("+inf not reported") }
        if case .likelihoodFailed(let x, let message) = await failure(.throwsAbove(0.7)) { #expect(x[0] > 0.7 && message == "boom") }
        else { Issue.record("throw not reported") }
        if case .dimensionMismatch(2, 1, let u) = await failure(.shortTransform) { #expect(u.count == 2) } else { Issue.record("mismatch not reported") }
        if case .transformNotFinite(let u, _) = await failure(.nanTransform) { #expect(u[0] > 0.5) } else { Issue.record("NaN transform not reported") }
        if case .noFiniteLikelihood(let lnX, _) = await failure(.alwaysMinusInfinity) { #expect(lnX < NestedSampler<Faulty>.minimumLogVolumeWithoutFiniteLikelihood) }
        else { Issue.record("all −inf not reported") }
        var tight = small
        tight.maxLikelihoodCalls = 2000
        if case .budgetExhausted(let calls, let iterations, let lnZ, let remaining) = await failure(.none, tight) {
            #expect(calls >= 2000 && iterations > 0 && lnZ.isFinite && remaining > small.tolerance)
        } else { Issue.record("budget not reported") }
    }

    /// The progress callback sees every iteration in order with a shrinking volume; cancelling from it stops the run.
    @Test func progressAndCancellation() async throws {
        let seen = ProgressLog()
        let sampler = try NestedSampler(problem: gaussian(d: 2), options: NestedSamplerOptions(liveCount: 100, seed: 9, jobs: 2))
        let r = try await sampler.run { seen.append($0) }
        let log = seen.items
        #expect(log.map(\.iteration) == Array(0..<r.iterations))
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.logPriorVolume > $1.logPriorVolume && $0.likelihoodCalls < $1.likelihoodCalls })
        #expect(log.last!.remainingDeltaLogEvidence >= 0.01 && log.last!.remainingDeltaLogEvidence < 0.1)
        // In a task of its own (cancelling the test's task would cancel the test).
        let task = Task { () async throws(NestedSamplingError) -> NestedSamplingResult in
            try await sampler.run { p in if p.iteration == 5 { withUnsafeCurrentTask { $0?.cancel() } } }
        }
        switch await task.result {
        case .success: Issue.record("cancellation ignored")
        case .failure(let error):
            #expect(error as? NestedSamplingError == .cancelled(likelihoodCalls: log[5].likelihoodCalls, iterations: 5))
        }
    }

    /// Summaries on a run: quantiles ordered, intervals nested, equal-weight draws reproducible with the weighted mean,
    /// CSV columns and weights.
    @Test func summariesAndCSV() async throws {
        let p = CorrelatedGaussian(mu: [0.5, 0.4], sigma: [0.06, 0.05], rho: 0.3)
        let r = try await run(p, NestedSamplerOptions(liveCount: 200, seed: 8, jobs: 2))
        let s = r.summary()
        #expect(s.map(\.name) == ["x0", "x1"])
        for (i, q) in s.enumerated() {
            #expect(q.interval95.lowerBound < q.interval68.lowerBound && q.interval68.lowerBound < q.median)
            #expect(q.median < q.interval68.upperBound && q.interval68.upperBound < q.interval95.upperBound)
            // Gaussian marginals: 68 % half-width ≈ 0.994σ, 95 % ≈ 1.96σ, median ≈ mean.
            #expect(abs((q.interval68.upperBound - q.interval68.lowerBound) / 2 - 0.994 * p.sigma[i]) < 0.1 * p.sigma[i])
            #expect(abs((q.interval95.upperBound - q.interval95.lowerBound) / 2 - 1.96 * p.sigma[i]) < 0.15 * p.sigma[i])
            #expect(abs(q.median - p.mu[i]) < 0.2 * p.sigma[i])
            #expect(abs(q.standardDeviation - p.sigma[i]) < 0.1 * p.sigma[i])
        }
        #expect(abs(r.samples.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
        let json = try JSONEncoder().encode(s)
        #expect(try JSONDecoder().decode([ParameterSummary].self, from: json) == s)
        let draws = r.equalWeightSamples(count: 2000, seed: 1)
        #expect(draws.count == 2000)
        #expect(draws == r.equalWeightSamples(count: 2000, seed: 1))
        #expect(draws != r.equalWeightSamples(count: 2000, seed: 2))
        let m = r.mean()
        for i in 0..<2 {
            let dm = draws.reduce(0) { $0 + $1[i] } / 2000
            #expect(abs(dm - m[i]) < 0.1 * p.sigma[i])
        }
        let lines = r.csv().split(separator: "\n")
        #expect(lines[0] == "weight,log_likelihood,log_prior_volume,x0,x1")
        #expect(lines.count == 1 + r.samples.filter { $0.weight > 0 }.count)
        let weights = lines.dropFirst().map { Double($0.split(separator: ",")[0])! }
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
    }

    /// Weighted quantiles on hand-made weights: the midpoint-CDF rule.
    @Test func quantileRule() {
        func sample(_ x: Double, _ w: Double) -> WeightedSample {
            WeightedSample(unitCube: [x], parameters: [x], logLikelihood: 0, logPriorVolume: 0, logWeight: log(w), weight: w)
        }
        let r = NestedSamplingResult(parameterNames: ["x"], weightedSamples: [sample(3, 0.25), sample(1, 0.25), sample(2, 0.5)])
        // Sorted: 1 (F = 0.125), 2 (F = 0.5), 3 (F = 0.875).
        #expect(r.medians() == [2])
        #expect(r.quantiles(0.125) == [1] && r.quantiles(0.05) == [1] && r.quantiles(0.99) == [3])
        #expect(abs(r.quantiles(0.3125)[0] - 1.5) < 1e-15)
        #expect(abs(r.mean()[0] - 2) < 1e-15)
    }
}
