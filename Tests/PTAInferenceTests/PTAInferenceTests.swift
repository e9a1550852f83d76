import Testing
import Foundation
import Cosmology
import NestedSampling
import PulsarTiming
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
}
