import Testing
import Foundation
import Supercool

/// The library as a client sees it: `import Supercool` only (no @testable), a model from the user's own file,
/// the whole pipeline T_c → S3/T → T_p, α, H*R* → spectrum → ln L. If a piece a user needs is not public, this
/// target does not compile.
@Suite struct ClientTests {
    static let resources = try! ProjectResources.locate()

    /// The user's model and the built-in DarkU1 are the same physics (BP1 inputs): every stage must agree to
    /// round-off, so the protocol carries everything the pipeline needs.
    @Test func userModelRunsTheWholePipeline() throws {
        let user = UserDarkPhoton(vev: 0.5, lambda: 0.006, gauge: 0.75)
        let builtIn = try DarkU1(vev: 0.5, lambda: 0.006, gauge: 0.75)
        let mine = try TransitionAnalysis(model: user, resources: Self.resources).run()
        let reference = try TransitionAnalysis(model: builtIn, resources: Self.resources).run()
        #expect(mine.status == .completes)
        for (a, b) in [(mine.criticalTemperature, reference.criticalTemperature), (mine.percolationTemperature, reference.percolationTemperature),
                       (mine.alpha, reference.alpha), (mine.hubbleRadius, reference.hubbleRadius)] {
            let x = try #require(a), y = try #require(b)
            // Not bit-identical: the user's arithmetic (pow, 2μ²) differs in the last bits, which T_c's root tolerance
            // (1e-10) and the spline carry to ~4e-10 in α, H*R*.
            #expect(abs(x / y - 1) < 1e-8, "\(x) vs \(y)")
        }
        // Published T_p of BP1, 12.54 MeV (arXiv:2501.15649): within the 2 % the reproduction promises.
        #expect(abs(try #require(mine.percolationTemperature) * 1000 / 12.54 - 1) < 0.02)

        let source = try #require(mine.gravitationalWaveSource(wallVelocity: 1))
        let spectrum = SoundWaveTemplate(source: source)
        let likelihood = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: Self.resources), bins: 14)
        let lnL = likelihood.logLikelihood(spectrum: { spectrum.energyDensity(frequency: $0) })
        #expect(lnL.isFinite)
        #expect(lnL < likelihood.logLikelihood(log10A: -14.6, gamma: 13.0 / 3) + 100)

        // The result encodes itself with the documented keys and units (one schema for the CLI and any client).
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(mine)) as? [String: Any])
        #expect(Set(json.keys) == Set(mine.reportFields.map(\.key)))
        #expect(abs((json["Tp_MeV"] as? Double ?? 0) / (try #require(mine.percolationTemperature) * 1000) - 1) < 1e-15)
        #expect(json["status"] as? String == "completes" && json["wall_regime"] as? String == "terminal_velocity")

        // A scan loads the g* table once and shares it: the same result to the bit.
        let table = try StandardModelDegreesOfFreedom(resources: Self.resources)
        let shared = try TransitionAnalysis(model: user, standardModel: .table(table)).run()
        #expect(shared.percolationTemperature == mine.percolationTemperature && shared.alpha == mine.alpha)
    }

    /// Solver settings and data types a user builds are reachable through the umbrella module.
    @Test func solverSettingsAndDataTypesArePublic() throws {
        var solver = BounceSolver()
        solver.integrator.relativeTolerance = 1e-10
        solver.integrator.absoluteTolerance = 1e-12
        // V = φ²/2 − 0.6φ³ + 0.12φ⁴: false vacuum at 0, barrier at φ = 0.678, deeper true vacuum at φ = 3.0718 (V' = 0).
        let V = PolynomialPotential(coefficients: [0, 0, 0.5, -0.6, 0.12])
        let outcome = solver.solve(BounceProblem(potential: V, falseVacuum: 0, trueVacuum: 3.071783884695423, dimension: 3))
        let bounce = try #require(outcome.bounce)
        #expect(bounce.action > 0 && abs(bounce.derrickRatio - 1) < 1e-6)
        let samples = (0..<8).map { ActionCurve.Sample(temperature: 0.01 * Double($0 + 1), actionOverT: 200 + 10 * Double($0 * $0)) }
        let curve = try ActionCurve(samples: samples)
        #expect(abs(curve(0.01) - 200) < 1e-9)
        _ = BounceSolution(action: 1, kineticAction: 1.5, phi0: 1, log10Phi0Offset: 0, trueVacuum: 1, falseVacuum: 0, wallRadius: 1,
                           wallThickness: 1, dimension: 3, shots: 1, bracketWidth: 0, profile: [ProfilePoint(r: 0, phi: 1, dphi: 0)])
        _ = Minimum(phi: 1, value: -1)
        _ = Barrier(phi: 0.5, height: 0.1)
    }
}
