import Testing
import Foundation
@testable import NestedSampling
import SupercoolNumerics

/// The 1-D transforms; a correlated
/// Gaussian prior; a full run with Gaussian priors against the closed-form evidence.
@Suite struct PriorTests {
    /// Φ⁻¹ itself is tested in SupercoolNumericsTests (StandardNormalTests); the prior uses that one function.
    @Test func inverseNormalCDFIsTheNumericsOne() {
        for p in [1e-300, 1e-10, 0.02, 0.5, 0.975, 1 - 1e-10] { #expect(Prior.inverseNormalCDF(p) == StandardNormal.quantile(p)) }
    }

    @Test func oneDimensionalTransforms() throws {
        #expect(Prior.uniform(lower: -18, upper: -11).transform(0.5) == -14.5)
        let lu = Prior.logUniform(lower: 1e-3, upper: 10)
        #expect(abs(lu.transform(0.25) - 1e-2) < 1e-16 && abs(lu.transform(0.75) - 1) < 1e-14)
        #expect(Prior.normal(mean: 2, standardDeviation: 3).transform(0.975) == 2 + 3 * Prior.inverseNormalCDF(0.975))
        try Prior.uniform(lower: 0, upper: 7).validate()
        #expect(throws: NestedSamplingError.self) { try Prior.uniform(lower: 1, upper: 1).validate() }
        #expect(throws: NestedSamplingError.self) { try Prior.logUniform(lower: 0, upper: 1).validate() }
        #expect(throws: NestedSamplingError.self) { try Prior.normal(mean: 0, standardDeviation: -1).validate() }
        #expect(throws: NestedSamplingError.self) { try Prior.uniform(lower: -.infinity, upper: 0).validate() }
    }

    @Test func multivariateNormal() throws {
        let prior = try MultivariateNormalPrior(mean: [-15, 4], covariance: [[0.04, 0.018], [0.018, 0.09]])
        #expect(prior.transform([0.5, 0.5]) == [-15, 4])
        // z = (1, 0) → mean + first column of L = (σ₁, ρσ₂) with σ₁ = 0.2, σ₂ = 0.3, ρ = 0.3.
        let x = prior.transform([0.8413447460685429, 0.5])
        #expect(abs(x[0] + 15 - 0.2) < 1e-12 && abs(x[1] - 4 - 0.09) < 1e-12)
        #expect(throws: NestedSamplingError.self) { try MultivariateNormalPrior(mean: [0, 0], covariance: [[1, 2], [2, 1]]) }
        #expect(throws: NestedSamplingError.self) { try MultivariateNormalPrior(mean: [0, 0], covariance: [[1, 0.1], [0.2, 1]]) }
        #expect(throws: NestedSamplingError.self) { try MultivariateNormalPrior(mean: [0], covariance: [[1, 0], [0, 1]]) }
    }

    @Test func runWithGaussianPriors() async throws {
        let p = GaussianPriorProblem()
        let r = try await NestedSampler(problem: p, options: NestedSamplerOptions(liveCount: 300, seed: 4, jobs: 2)).run()
        print("gaussian priors: lnZ = \(r.logEvidence) ± \(r.logEvidenceError), truth \(p.logEvidence)")
        #expect(abs(r.logEvidence - p.logEvidence) < 3 * r.logEvidenceError)
        // Posterior of each coordinate: precision-weighted mean of the prior mean and c.
        let m = r.mean()
        for i in 0..<2 {
            guard case .normal(let m0, let tau) = p.priors[i] else { continue }
            let w = 1 / (p.s[i] * p.s[i]) + 1 / (tau * tau)
            let mu = (p.c[i] / (p.s[i] * p.s[i]) + m0 / (tau * tau)) / w
            #expect(abs(m[i] - mu) < 4 / (w * r.effectiveSampleSize).squareRoot())
        }
    }
}
