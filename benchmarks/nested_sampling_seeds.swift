// Multi-seed statistics of the nested sampler (the "over 20 seeds" figures of Sources/NestedSampling/README.md) and
// its parallel speed-up. Built and run by benchmarks/nested_sampling_seeds.sh, which explains the arguments.
// The closed-form problems are Tests/NestedSamplingTests/ClosedFormProblems.swift, linked in by the script (a test
// module cannot be imported).
import Foundation
import Synchronization
import NestedSampling

let active = Mutex<(Int, Int)>((0, 0))   // likelihood calls in flight, and their maximum (case "slow")

let args = CommandLine.arguments
let which = args[1]
let seeds = Int(args[2])!
let n = Int(args[3])!
let slices = args.count > 4 && args[4] != "-" ? Int(args[4]) : nil
let batch = args.count > 5 ? Int(args[5])! : 8
@MainActor func go<P: NestedSamplingProblem>(_ p: P, truth: Double, extra: (NestedSamplingResult) -> String) async {
    var pulls: [Double] = []
    for s in 0..<seeds {
        let opt = NestedSamplerOptions(liveCount: n, seed: UInt64(100 + s), batchSize: batch, jobs: Int(ProcessInfo.processInfo.environment["JOBS"] ?? "2")!, slicesPerPoint: slices)
        let t0 = Date()
        let r = try! await NestedSampler(problem: p, options: opt).run()
        let pull = (r.logEvidence - truth) / r.logEvidenceError
        pulls.append(pull)
        print(String(format: "seed %d lnZ %.4f err %.4f Δ %+.4f pull %+.2f calls %d t %.2fs ", s, r.logEvidence, r.logEvidenceError, r.logEvidence - truth, pull, r.likelihoodCalls, Date().timeIntervalSince(t0)) + extra(r))
    }
    let m = pulls.reduce(0,+)/Double(pulls.count)
    let sd = (pulls.map{($0-m)*($0-m)}.reduce(0,+)/Double(max(pulls.count-1,1))).squareRoot()
    print(String(format: "mean pull %+.3f ± %.3f, sd %.3f", m, sd/Double(pulls.count).squareRoot(), sd))
}
switch which {
case "g2", "g4", "g6":
    let d = Int(which.dropFirst())!
    let sigma = d == 2 ? 0.05 : d == 4 ? 0.07 : 0.08
    let mu = (0..<d).map { 0.5 + 0.03 * Double($0 % 3 - 1) }
    let sigmas = (0..<d).map { sigma * (1 - 0.1 * Double($0 % 2)) }
    let p = CorrelatedGaussian(mu: mu, sigma: sigmas, rho: 0.3)
    await go(p, truth: p.logEvidence) { r in
        let c = r.covariance(); let m = r.mean()
        let mp = (0..<d).map { abs(m[$0]-mu[$0]) / (sigmas[$0] / r.effectiveSampleSize.squareRoot()) }.max()!
        var ce = 0.0
        for i in 0..<d { for j in 0..<d { ce = max(ce, abs(c[i][j]-p.covariance(i,j))/(p.covariance(i,i)*p.covariance(j,j)).squareRoot()) } }
        return String(format: "maxMeanPull %.2f maxCovErr %.3f ESS %.0f", mp, ce, r.effectiveSampleSize)
    }
case "b2", "b4":
    let d = Int(which.dropFirst())!
    let p = Bimodal(d: d)
    await go(p, truth: 0) { r in
        let a = r.samples.filter { p.nearA($0.parameters) }.reduce(0) { $0 + $1.weight }
        return String(format: "massA %.3f", a)
    }
case "slab": await go(Slab(), truth: log(0.25)) { _ in "" }
case "half": let p = HalfGaussian(); await go(p, truth: log(Double.pi * p.sigma * p.sigma)) { _ in "" }
case "corr":
    let d = Int(ProcessInfo.processInfo.environment["D"]!)!
    let rho = Double(ProcessInfo.processInfo.environment["RHO"]!)!
    let sigma = Double(ProcessInfo.processInfo.environment["SIG"]!)!
    let p = CorrelatedGaussian(mu: (0..<d).map { _ in 0.5 }, sigma: (0..<d).map { _ in sigma }, rho: rho)
    await go(p, truth: p.logEvidence) { r in
        let c = r.covariance()
        var ce = 0.0
        for i in 0..<d { for j in 0..<d { ce = max(ce, abs(c[i][j]-p.covariance(i,j))/(p.covariance(i,i)*p.covariance(j,j)).squareRoot()) } }
        return String(format: "maxCovErr %.3f H %.1f", ce, r.information)
    }
case "banana":
    struct Banana: NestedSamplingProblem {
        let s = Double(ProcessInfo.processInfo.environment["S"] ?? "0.01")!, t = 0.12
        var parameterNames: [String] { ["x", "y"] }
        func transform(unitCube u: [Double]) -> [Double] { u }
        func logLikelihood(_ p: [Double]) -> Double {
            let x = p[0], y = p[1]
            let yc = 0.25 + 2 * (x - 0.5) * (x - 0.5)
            return -(y - yc) * (y - yc) / (2 * s * s) - (x - 0.5) * (x - 0.5) / (2 * t * t)
        }
    }
    let b = Banana()
    await go(b, truth: log(2 * Double.pi * b.s * b.t)) { r in String(format: "H %.1f mean x %.4f ESS %.0f", r.information, r.mean()[0], r.effectiveSampleSize) }
case "gprior":
    await go(GaussianPriorProblem(), truth: GaussianPriorProblem().logEvidence) { r in String(format: "mean %.4f %.4f", r.mean()[0], r.mean()[1]) }
case "slow":
    struct Slow: NestedSamplingProblem {
        let g: CorrelatedGaussian
        var parameterNames: [String] { g.parameterNames }
        func transform(unitCube u: [Double]) -> [Double] { u }
        func logLikelihood(_ x: [Double]) -> Double {
            active.withLock { $0.0 += 1; $0.1 = max($0.1, $0.0) }
            defer { active.withLock { $0.0 -= 1 } }
            var acc = 0.0
            if ProcessInfo.processInfo.environment["SLEEP"] != nil { usleep(200) } else {
            for i in 0..<20_000 { acc += sin(Double(i) * x[0]) * 1e-300 } }
            return g.logLikelihood(x) + acc
        }
    }
    let p = Slow(g: CorrelatedGaussian(mu: [0.5, 0.5, 0.5, 0.5], sigma: [0.07, 0.07, 0.07, 0.07], rho: 0.3))
    for jobs in [1, 2] {
        let t0 = Date()
        let r = try! await NestedSampler(problem: p, options: NestedSamplerOptions(liveCount: n, seed: 1, batchSize: batch, jobs: jobs)).run()
        print("max concurrent", active.withLock { $0.1 }); active.withLock { $0 = (0, 0) }
        print("jobs \(jobs): lnZ \(r.logEvidence) calls \(r.likelihoodCalls) wall \(Date().timeIntervalSince(t0)) s")
    }
default:
    print("unknown case \(which)")
    exit(2)
}
