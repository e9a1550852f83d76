import Testing
import Foundation
import Cosmology
import GravitationalWaves
import NestedSampling
import PulsarTiming
@testable import TransitionHistory
@testable import PTAInference

/// The model-parameter likelihood's plumbing: which outcomes give a signal, no signal or exclusion, and that a point
/// without a PT signal scores exactly the SMBHB power law alone (the emulator itself: ActionCurveEmulatorTests and
/// `supercool emulator check`).
@Suite struct ModelParameterProblemTests {
    static let resources = try! ProjectResources.locate()
    static let table = try! StandardModelDegreesOfFreedom(resources: resources)
    static let ng15 = try! PTALikelihood(data: try FreeSpectrumData(.ng15, resources: resources), bins: 14)

    static func result(_ status: TransitionOutcome, barrierVanishing: Double? = nil) -> TransitionResult {
        var r = TransitionResult()
        r.status = status
        r.barrierVanishingTemperature = barrierVanishing
        return r
    }

    @Test("Verdicts: completing points give their GW source; no first-order transition gives no signal; a false vacuum that never percolates excludes the point unless the barrier vanishes at T_0")
    func verdicts() {
        var done = Self.result(.completes)
        (done.alpha, done.hubbleRadius, done.reheatingTemperature, done.gStarAtReheating) = (300, 0.5, 0.1, 10.75)
        #expect(ModelPointVerdict(done, wallVelocity: 1) == .signal(done.gravitationalWaveSource(wallVelocity: 1)!))
        #expect(ModelPointVerdict(Self.result(.noCriticalTemperature), wallVelocity: 1) == .noSignal(.noCriticalTemperature))
        #expect(ModelPointVerdict(Self.result(.rollsBeforePercolation(barrierVanishingTemperature: 0.01, extendedVolume: 0.1, threshold: 0.34)), wallVelocity: 1)
                == .noSignal(.rollsBeforePercolation))
        let stuck = TransitionOutcome.noNucleation(minimumActionOverT: 1200, lowestTemperature: 0.002)
        #expect(ModelPointVerdict(Self.result(stuck), wallVelocity: 1) == .excluded(.noNucleation))
        #expect(ModelPointVerdict(Self.result(stuck, barrierVanishing: 0.001), wallVelocity: 1) == .noSignal(.noNucleation))
        let noPercolation = TransitionOutcome.noPercolation(lowestTemperature: 0.002, extendedVolume: 0.01, threshold: 0.34, minimumActionOverT: 150)
        #expect(ModelPointVerdict(Self.result(noPercolation), wallVelocity: 1) == .excluded(.noPercolation))
        // Completing without the numbers a source needs cannot be scored: excluded rather than guessed.
        #expect(ModelPointVerdict(Self.result(.completes), wallVelocity: 1) == .excluded(.completes))
    }

    /// An emulator whose every node has no T_c (so every query is emulated as such, without bounces).
    static func noTransitionEmulator() throws -> ActionCurveEmulator {
        let first = try ActionCurveEmulator.Axis.even(name: "lambda", from: 1e-3, to: 3e-2, count: 4, scale: .logarithmic)
        let second = try ActionCurveEmulator.Axis.even(name: "g_rel", from: -0.02, to: 0.025, count: 4, scale: .asinh(width: 1e-4))
        return ActionCurveEmulator(family: DarkU1Plane.name, first: first, second: second, potentialConventions: .default, conventions: .default,
                                   xGrid: [0, 1], nodes: Array(repeating: .init(kind: .noCriticalTemperature), count: 16),
                                   buildSeconds: 0, codeVersion: "test")
    }

    @Test("Without a PT signal, ln L is the SMBHB power law's alone (same amplitude, same data)")
    func noSignalScoresTheBackground() throws {
        let problem = try ModelParameterProblem(likelihoods: [Self.ng15], emulator: try Self.noTransitionEmulator(), standardModel: Self.table,
                                                smbhb: .uniform)
        let smbhb = PowerLawProblem.smbhb(likelihoods: [Self.ng15])
        for u in [[0.1, 0.5, 0.3, 0.55], [0.9, 0.2, 0.8, 0.6]] {
            let p = problem.transform(unitCube: u)
            #expect(try problem.logLikelihood(p) == smbhb.logLikelihood([p[3]]))
        }
        #expect(problem.tally.snapshot["no_signal:no_critical_temperature"] == 2)
        #expect(problem.tally.snapshot["emulated"] == 2)
    }

    @Test("Priors outside the emulator's grid are refused, naming the parameter")
    func priorOutsideGrid() throws {
        let e = try Self.noTransitionEmulator()
        #expect(throws: ModelParameterProblem.PriorOutsideEmulator.self) {
            try ModelParameterProblem(likelihoods: [Self.ng15], emulator: e, standardModel: Self.table, log10Lambda: .uniform(lower: -4, upper: -2))
        }
        #expect(throws: ModelParameterProblem.PriorOutsideEmulator.self) {
            try ModelParameterProblem(likelihoods: [Self.ng15], emulator: e, standardModel: Self.table, gaugeRelative: .uniform(lower: -0.1, upper: 0))
        }
    }
}
