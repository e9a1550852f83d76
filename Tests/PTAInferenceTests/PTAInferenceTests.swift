import Testing
import Foundation
import Cosmology
import NestedSampling
import PulsarTiming
import SupercoolNumerics
@testable import PTAInference

/// The PTA models under nested sampling against brute-force integration of the same likelihood over the same prior,
/// and the free power law's maximum on NANOGrav 15-yr HD (14 bins) against the published figure (issue 13).
@Suite struct PTAInferenceTests {
    static let resources = try! ProjectResources.locate()
    static let ng15 = try! PTALikelihood(data: try FreeSpectrumData(.ng15, resources: resources), bins: 14)

    /// ln ∫ L dπ on a uniform grid (midpoint rule; L is smooth on these scales), in log-sum-exp form.
    static func gridEvidence(_ problem: some NestedSamplingProblem, points: Int) throws -> Double {
        let d = problem.parameterNames.count
        var terms = [Double]()
        var index = [Int](repeating: 0, count: d)
        while true {
            let u = index.map { (Double($0) + 0.5) / Double(points) }
            terms.append(try problem.logLikelihood(problem.transform(unitCube: u)))
            var k = 0
            while k < d { index[k] += 1; if index[k] < points { break }; index[k] = 0; k += 1 }
            if k == d { break }
        }
        let m = terms.max()!
        return m + log(terms.reduce(0) { $0 + exp($1 - m) }) - Double(d) * log(Double(points))
    }

    @Test("SMBHB (γ = 13/3) and free power law: ln Z within 3σ and 0.25 of brute-force integration")
    func evidencesAgainstGrid() async throws {
        for problem in [PowerLawProblem.smbhb(likelihoods: [Self.ng15]), PowerLawProblem.free(likelihoods: [Self.ng15])] {
            let result = try await NestedSampler(problem: problem, options: NestedSamplerOptions(liveCount: 300, seed: 4)).run()
            let exact = try Self.gridEvidence(problem, points: problem.parameterNames.count == 1 ? 20_000 : 300)
            #expect(abs(result.logEvidence - exact) < max(3 * result.logEvidenceError, 0.05), "\(problem.parameterNames): \(result.logEvidence) ± \(result.logEvidenceError) vs \(exact)")
            #expect(abs(result.logEvidence - exact) < 0.25)
        }
    }

    @Test("Free power law on NG15 HD, 14 bins: the likelihood's maximum at γ ≈ 3.15, log10 A ≈ −14.16")
    func powerLawMaximum() async throws {
        let problem = PowerLawProblem.free(likelihoods: [Self.ng15])
        let result = try await NestedSampler(problem: problem, options: NestedSamplerOptions(liveCount: 300, seed: 2)).run()
        let best = result.maximumLikelihoodSample.parameters
        // The best live/dead point scatters around the maximum by the sampling density near it (a few 0.01 in log10 A).
        #expect(abs(best[0] + 14.16) < 0.08 && abs(best[1] - 3.15) < 0.2, "ML at log10 A = \(best[0]), γ = \(best[1])")
        let medians = result.medians()
        #expect((-14.4 ... -13.9).contains(medians[0]) && (2.6...3.6).contains(medians[1]))
    }

    @Test("A phase-transition source: T* = T_p(1 + α)^{1/4}; an SMBHB term of negligible amplitude changes nothing")
    func phaseTransitionProblem() throws {
        let table = try StandardModelDegreesOfFreedom(resources: Self.resources)
        let plasma = Plasma(model: .standardModelPlusDark(dark: 4), standardModel: table)
        let problem = PhaseTransitionProblem(likelihoods: [Self.ng15], template: .soundWaves,
                                             degreesOfFreedom: { plasma.energyDegreesOfFreedom(at: $0) },
                                             smbhbLog10Amplitude: PowerLawProblem.defaultLog10Amplitude)
        let p = [log10(0.0125), log10(340.0), log10(0.2), -30]
        let source = try problem.source(p)
        #expect(abs(source.temperature / (0.0125 * pow(341, 0.25)) - 1) < 1e-12)
        #expect(problem.parameterNames == ["log10_Tp_GeV", "log10_alpha", "log10_HR", "log10_A_smbhb"])
        // A negligible SMBHB amplitude leaves ln L as without it.
        let without = PhaseTransitionProblem(likelihoods: [Self.ng15], template: .soundWaves, degreesOfFreedom: { plasma.energyDegreesOfFreedom(at: $0) })
        #expect(abs(try problem.logLikelihood(p) - (try without.logLikelihood(Array(p.prefix(3))))) < 1e-6)
    }

    @Test("NANOGrav's SMBHB prior: the unit cube maps to the published mean and covariance (sample moments of 400k draws)")
    func nanogravPriorMoments() throws {
        guard case .gaussian(let prior) = SMBHBPrior.nanograv15 else { Issue.record("not a Gaussian"); return }
        #expect(prior.mean == SMBHBPrior.nanograv15Mean && prior.covariance == SMBHBPrior.nanograv15Covariance)
        var rng = SplitMix64(seed: 13)
        let n = 400_000
        var sum = [0.0, 0.0], sum2 = [[0.0, 0.0], [0.0, 0.0]]
        var draws = [[Double]]()
        draws.reserveCapacity(n)
        for _ in 0..<n {
            let x = SMBHBPrior.nanograv15.transform([rng.nextUnit(), rng.nextUnit()][...])
            draws.append(x)
            for i in 0..<2 { sum[i] += x[i] }
        }
        let mean = sum.map { $0 / Double(n) }
        for x in draws { for i in 0..<2 { for j in 0..<2 { sum2[i][j] += (x[i] - mean[i]) * (x[j] - mean[j]) } } }
        let cov = sum2.map { $0.map { $0 / Double(n - 1) } }
        let c = SMBHBPrior.nanograv15Covariance, m = SMBHBPrior.nanograv15Mean
        // Standard errors: σ_i/√n for the mean, √((C_ii C_jj + C_ij²)/n) for a covariance entry; 5 of them allowed.
        for i in 0..<2 {
            #expect(abs(mean[i] - m[i]) < 5 * (c[i][i] / Double(n)).squareRoot(), "mean[\(i)] = \(mean[i])")
            for j in 0..<2 {
                let se = ((c[i][i] * c[j][j] + c[i][j] * c[i][j]) / Double(n)).squareRoot()
                #expect(abs(cov[i][j] - c[i][j]) < 5 * se, "cov[\(i)][\(j)] = \(cov[i][j]) vs \(c[i][j])")
            }
        }
        // The correlation is tiny (ρ = −0.014), below what 400k draws resolve against a transposed factor, so check the
        // Cholesky columns directly: z = (1, 0) moves (log10 A, γ) by (√C₀₀, C₁₀/√C₀₀), z = (0, 1) by (0, √(C₁₁ − C₁₀²/C₀₀)).
        let one = 0.8413447460685429   // Φ(1)
        let p = SMBHBPrior.nanograv15.transform([one, 0.5][...]), q = SMBHBPrior.nanograv15.transform([0.5, one][...])
        #expect(abs(p[0] - m[0] - c[0][0].squareRoot()) < 1e-9 && abs(p[1] - m[1] - c[1][0] / c[0][0].squareRoot()) < 1e-9)
        #expect(abs(q[0] - m[0]) < 1e-12 && abs(q[1] - m[1] - (c[1][1] - c[1][0] * c[1][0] / c[0][0]).squareRoot()) < 1e-9)
        #expect(SMBHBPrior.nanograv15.parameterNames() == ["log10_A", "gamma"] && SMBHBPrior.uniform.parameterNames(suffix: "_smbhb") == ["log10_A_smbhb"])
    }

    @Test("SMBHB-only with NANOGrav's 2-D Gaussian prior: ln Z within 3σ and 0.25 of brute-force integration; γ is pulled below 13/3")
    func nanogravPriorEvidence() async throws {
        let problem = PowerLawProblem.smbhb(likelihoods: [Self.ng15], prior: .nanograv15)
        #expect(problem.parameterNames == ["log10_A", "gamma"])
        let result = try await NestedSampler(problem: problem, options: NestedSamplerOptions(liveCount: 300, seed: 4)).run()
        // Midpoints of a 400² grid in the unit cube (reach ±3.2σ of the Gaussian; the likelihood is negligible beyond).
        let exact = try Self.gridEvidence(problem, points: 400)
        print("NANOGrav-prior SMBHB: lnZ = \(result.logEvidence) ± \(result.logEvidenceError), grid \(exact)")
        #expect(abs(result.logEvidence - exact) < max(3 * result.logEvidenceError, 0.05))
        #expect(abs(result.logEvidence - exact) < 0.25)
        // The data prefer γ ≈ 3.1, the prior 4.7 ± 0.35: the posterior lies in between.
        let gamma = result.medians()[1]
        #expect(gamma < 4.7 && gamma > 3.1, "median γ = \(gamma)")
    }

    @Test("PT + SMBHB with NANOGrav's prior: two SMBHB parameters, the same prior object as the SMBHB-only reference, negligible amplitude changes nothing")
    func phaseTransitionWithNanogravPrior() throws {
        let table = try StandardModelDegreesOfFreedom(resources: Self.resources)
        let plasma = Plasma(model: .standardModelPlusDark(dark: 4), standardModel: table)
        let problem = PhaseTransitionProblem(likelihoods: [Self.ng15], template: .soundWaves,
                                             degreesOfFreedom: { plasma.energyDegreesOfFreedom(at: $0) }, smbhb: .nanograv15)
        #expect(problem.parameterNames == ["log10_Tp_GeV", "log10_alpha", "log10_HR", "log10_A_smbhb", "gamma_smbhb"])
        let reference = PowerLawProblem.smbhb(likelihoods: [Self.ng15], prior: .nanograv15)
        // The SMBHB coordinates of the PT model transform exactly as the reference model's.
        let u = [0.3, 0.6, 0.2, 0.7, 0.15]
        #expect(Array(problem.transform(unitCube: u).suffix(2)) == reference.transform(unitCube: Array(u.suffix(2))))
        let p = [log10(0.0125), log10(340.0), log10(0.2), -30, 4]
        let without = PhaseTransitionProblem(likelihoods: [Self.ng15], template: .soundWaves, degreesOfFreedom: { plasma.energyDegreesOfFreedom(at: $0) })
        #expect(abs(try problem.logLikelihood(p) - (try without.logLikelihood(Array(p.prefix(3))))) < 1e-6)
        // A loud SMBHB with γ ≠ 13/3 enters with its own γ: the PT model's ln L equals the SMBHB-only one when the PT
        // spectrum is negligible (T_p far above the band).
        let q = [log10(900.0), -1, -2, -14.2, 3.5]
        #expect(abs(try problem.logLikelihood(q) - reference.logLikelihood([-14.2, 3.5])) < 1e-6)
    }
}
