// Test problems with closed-form evidences, shared by the tests (NestedSamplingTests, PriorTests) and the multi-seed
// benchmark (benchmarks/nested_sampling_seeds.sh links this file into its throw-away package): written once.
import Foundation
import NestedSampling

/// ln(eᵃ + eᵇ) without overflow (this file must build outside the test module too).
fileprivate func closedFormLogAddExp(_ a: Double, _ b: Double) -> Double {
    let m = max(a, b)
    return m == -.infinity ? m : m + log1p(exp(-abs(a - b)))
}


/// L = exp(−½ (x − μ)ᵀ Σ⁻¹ (x − μ)) (unnormalised), uniform prior on [0, 1]^d, Σ = D R D with σ_i on D and the
/// compound-symmetric correlation R (ρ off the diagonal). Z = (2π)^{d/2} |Σ|^{1/2} × P(cube), and the centres sit
/// at least 5σ_i from every face, so ln P(cube) > ln(1 − 2d·Φ(−5)) > −2e-6·d: below 1e-4 for d ≤ 6, ignored.
struct CorrelatedGaussian: NestedSamplingProblem {
    let mu: [Double]
    let sigma: [Double]
    let rho: Double
    var d: Int { mu.count }
    var parameterNames: [String] { (0..<d).map { "x\($0)" } }
    func transform(unitCube u: [Double]) -> [Double] { u }
    func logLikelihood(_ x: [Double]) -> Double {
        // (x−μ)ᵀ Σ⁻¹ (x−μ) with R⁻¹ = [I − ρ/(1 + (d−1)ρ) J]/(1 − ρ): y = D⁻¹(x − μ), Q = (|y|² − c (Σy)²)/(1 − ρ).
        var sum = 0.0, sum2 = 0.0
        for i in 0..<d { let y = (x[i] - mu[i]) / sigma[i]; sum += y; sum2 += y * y }
        let c = rho / (1 + Double(d - 1) * rho)
        return -0.5 * (sum2 - c * sum * sum) / (1 - rho)
    }
    /// ln|Σ| = 2 Σ ln σ_i + (d − 1) ln(1 − ρ) + ln(1 + (d − 1)ρ).
    var logDetCovariance: Double {
        2 * sigma.map(log).reduce(0, +) + Double(d - 1) * log(1 - rho) + log(1 + Double(d - 1) * rho)
    }
    var logEvidence: Double { 0.5 * Double(d) * log(2 * Double.pi) + 0.5 * logDetCovariance }
    func covariance(_ i: Int, _ j: Int) -> Double { sigma[i] * sigma[j] * (i == j ? 1 : rho) }
}

/// L = w_A N(x; μ_A, σ²I) + w_B N(x; μ_B, σ²I) (normalised densities), uniform prior on [0, 1]^d: Z = w_A + w_B
/// up to the mass outside the cube (centres 0.3 and 0.7 in every coordinate, σ = 0.05: 6σ from the faces).
struct Bimodal: NestedSamplingProblem {
    let d: Int
    let weightA = 0.3, weightB = 0.7
    let sigma = 0.05
    let centreA = 0.3, centreB = 0.7
    var parameterNames: [String] { (0..<d).map { "x\($0)" } }
    func transform(unitCube u: [Double]) -> [Double] { u }
    func logLikelihood(_ x: [Double]) -> Double {
        var ra = 0.0, rb = 0.0
        for v in x { ra += (v - centreA) * (v - centreA); rb += (v - centreB) * (v - centreB) }
        let norm = -0.5 * Double(d) * log(2 * Double.pi * sigma * sigma)
        return closedFormLogAddExp(log(weightA) + norm - ra / (2 * sigma * sigma), log(weightB) + norm - rb / (2 * sigma * sigma))
    }
    func nearA(_ x: [Double]) -> Bool {
        x.reduce(0.0) { $0 + ($1 - centreA) * ($1 - centreA) } < x.reduce(0.0) { $0 + ($1 - centreB) * ($1 - centreB) }
    }
}

/// ln L = 0 on x₀ < 1/4 and −∞ elsewhere: an excluded region (3/4 of the prior) and a plateau. Z = 1/4 exactly.
struct Slab: NestedSamplingProblem {
    var parameterNames: [String] { ["x", "y"] }
    func transform(unitCube u: [Double]) -> [Double] { u }
    func logLikelihood(_ x: [Double]) -> Double { x[0] < 0.25 ? 0 : -.infinity }
}

/// A Gaussian in 2-D cut in half: ln L = −∞ where x₀ > 0.5 (the centre's coordinate). Z = π σ² exactly
/// (half of 2πσ², the mass outside the cube < 1e-10).
struct HalfGaussian: NestedSamplingProblem {
    let sigma = 0.08
    var parameterNames: [String] { ["x", "y"] }
    func transform(unitCube u: [Double]) -> [Double] { u }
    func logLikelihood(_ x: [Double]) -> Double {
        x[0] > 0.5 ? -.infinity : -((x[0] - 0.5) * (x[0] - 0.5) + (x[1] - 0.45) * (x[1] - 0.45)) / (2 * sigma * sigma)
    }
}

/// Gaussian priors N(m_i, τ_i²) and L = exp(−(x − c)²/(2s²)) per coordinate: Z = Π s√(2π) N(c; m, s² + τ²).
struct GaussianPriorProblem: NestedSamplingProblem {
    let priors: [Prior] = [.normal(mean: 0, standardDeviation: 1), .normal(mean: 1, standardDeviation: 2)]
    let c = [0.5, -1.0], s = [0.2, 0.3]
    var parameterNames: [String] { ["a", "b"] }
    func transform(unitCube u: [Double]) -> [Double] { zip(priors, u).map { $0.transform($1) } }
    func logLikelihood(_ x: [Double]) -> Double {
        var sum = 0.0
        for i in 0..<2 { let r = (x[i] - c[i]) / s[i]; sum -= r * r / 2 }
        return sum
    }
    var logEvidence: Double {
        var sum = 0.0
        for i in 0..<2 {
            guard case .normal(let m, let tau) = priors[i] else { return .nan }
            let v = s[i] * s[i] + tau * tau
            let norm: Double = log(s[i] * (2 * Double.pi).squareRoot()) - 0.5 * log(2 * Double.pi * v)
            sum += norm - (c[i] - m) * (c[i] - m) / (2 * v)
        }
        return sum
    }
}
