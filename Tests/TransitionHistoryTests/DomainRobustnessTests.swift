import Testing
import Foundation
import Cosmology
import EffectivePotential
import Bounce
@testable import TransitionHistory

/// Points that used to end in internal errors (issue 9) and the typed outcomes that replace text.
@Suite struct DomainRobustnessTests {
    static let resources = try! ProjectResources.locate()

    static func run(_ v: Double, _ lambda: Double, _ g: Double) throws -> TransitionResult {
        try TransitionAnalysis(model: try DarkU1(vev: v, lambda: lambda, gauge: g), resources: resources).run()
    }

    /// g = 0.6 < g_roll at λ = 0.006: the barrier vanishes at T_0 ≈ 0.71 T_c. The old grid jumped from S3/T = 113 to
    /// > 3000 in one step, so the spline's top sat where bubbles already nucleate copiously and T_p was pinned there
    /// (and one probe near it crashed the root finder). Now T_0 < T_p < T_c and the rate at the top is negligible:
    /// S3/T(T_p) must sit just below the nucleation estimate 4 ln(T/H) (Γ/H⁴ ~ (β/H)⁴ ⇒ 4 ln(T/H) − 4 ln(β/H) − …).
    @Test func barrierVanishingBelowTcIsSampledAboveT0() throws {
        let r = try Self.run(1, 0.006, 0.6)
        #expect(r.status == .completes)
        let Tc = try #require(r.criticalTemperature), T0 = try #require(r.barrierVanishingTemperature), Tp = try #require(r.percolationTemperature)
        #expect(T0 < Tp && Tp < Tc)
        let analysis = TransitionAnalysis(model: try DarkU1(vev: 1, lambda: 0.006, gauge: 0.6), resources: Self.resources)
        let curve = try #require(try analysis.actionCurve()).curve
        let level = 4 * log(Tp / (try #require(r.hubbleAtPercolation)))
        #expect(curve(Tp) > level - 40 && curve(Tp) < level, "S3/T(T_p) = \(curve(Tp)), 4 ln(T/H) = \(level)")
    }

    /// The sampling's own promise: where S3/T < 1000 neighbours differ by at most 10 + 0.4 S3/T, and the highest
    /// sample reaches 1000 (so no rate that matters is cut off at the top of the spline).
    @Test func sampledCurveIsResolvedBelowTheRelevantLevel() throws {
        let potential = ThermalEffectivePotential(model: try DarkU1(vev: 1, lambda: 0.006, gauge: 0.6))
        let tunnelling = ThermalTunnelling(potential: potential)
        let Tc = try #require(try tunnelling.phases.criticalTemperature())
        let T0 = try tunnelling.phases.barrierDisappearanceTemperature(criticalTemperature: Tc)
        let sampling = ActionCurve.Sampling()
        let set = ActionCurve.sampleActions(tunnelling: tunnelling, criticalTemperature: Tc, barrierVanishes: T0, sampling: sampling)
        #expect(set.resolved && set.failures.isEmpty)
        let s = set.samples
        #expect(try #require(s.last).actionOverT >= sampling.relevantLevel)
        for (a, b) in zip(s, s.dropFirst()) where min(a.actionOverT, b.actionOverT) < sampling.relevantLevel
            && max(a.actionOverT, b.actionOverT) >= sampling.saturatedLevel {
            #expect(abs(a.actionOverT - b.actionOverT) <= sampling.refinementStep + sampling.refinementRelativeStep * min(a.actionOverT, b.actionOverT),
                    "\(a) → \(b)")
        }
    }

    /// λ ≲ 1e-3 just above g_roll: S3/T stays above ~6000 everywhere (it used to throw "S3/T < 3000 at only 0 sampled
    /// temperatures"): a physics answer, no nucleation.
    @Test func neverNucleatingIsAnOutcome() throws {
        let r = try Self.run(27.0287, 0.000124024, 0.28650163)
        guard case .noNucleation(let s, let lowest) = r.status else { Issue.record("status \(r.status)"); return }
        #expect(s >= TransitionConventions.default.resolvedActionLevel)
        #expect(lowest <= 0.0021 * (try #require(r.criticalTemperature)))
        #expect(r.percolationTemperature == nil && !r.completes)
    }

    /// g ≈ 0.2–0.4 g_roll: the barrier lives only within ~1 % below T_c (every sample used to be "no barrier" and the
    /// spline's abscissae collapsed); and a weak transition whose window is 1.6e-5 T_c, where V − V(0) is a 1e-11
    /// part of V (its bounces used to exhaust the ODE step limit).
    @Test(arguments: [(1.49485e-05, 0.0983433, 1.5062916), (65.6675, 0.0923968, 0.57419189),
                      (49.493180308349196, 1.6365464641678873, 0.41359279541694066)])
    func formerInternalErrorsComplete(v: Double, lambda: Double, g: Double) throws {
        let r = try Self.run(v, lambda, g)
        #expect(r.status.completes, "\(r.status)")
        let Tc = try #require(r.criticalTemperature), Tp = try #require(r.percolationTemperature)
        #expect(Tp < Tc && Tp > (r.barrierVanishingTemperature ?? 0))
        #expect(r.failedBounces <= 2 && r.actionCurveResolved)
    }

    /// The weak point's bounce itself: Derrick's identity holds and S3/T(T/v) is scale invariant (v × 10⁶), which
    /// round-off noise in V − V(0) would break (before the shifted potential the bounce did not exist at all).
    /// Tolerance 3e-5, not the 1e-6 of ordinary points: here the barrier is a ~1e-11 part of V's terms, which limits
    /// the action's precision to ~1e-5 (measured: Derrick 4e-6, scaling 1.0e-5).
    @Test func weakTransitionBounceIsPreciseAndScaleInvariant() throws {
        func bounce(_ scale: Double) throws -> BounceSolution {
            let model = try DarkU1(vev: 49.493180308349196 * scale, lambda: 1.6365464641678873, gauge: 0.41359279541694066)
            let t = ThermalTunnelling(potential: ThermalEffectivePotential(model: model))
            return try #require(t.bounce(temperature: 77.0915 * scale).bounce)
        }
        let a = try bounce(1), b = try bounce(1e6)
        #expect(abs(a.derrickRatio - 1) < 1e-4)
        #expect(abs(a.action / 77.0915 / (b.action / (77.0915e6)) - 1) < 3e-5)
    }

    /// g far above g_roll: the Z' loop makes the symmetric phase the deeper vacuum even at T = 0.
    @Test func symmetricPhaseDeeperIsAnOutcome() throws {
        let r = try Self.run(1, 0.006, 0.95)
        guard case .symmetricPhaseDeeper(let dv) = r.status else { Issue.record("status \(r.status)"); return }
        #expect(dv < 0)
        // One-loop estimate ΔV0 ≈ v⁴[λ/4 − 3g⁴/(128π²)] (physics.md §2) has the same sign.
        #expect(0.006 / 4 - 3 * pow(0.95, 4) / (128 * Double.pi * Double.pi) < 0)
    }

    /// (T_c − T_0)/T_c ≈ 9e-6 at v ≈ 2e12 GeV: too little time between T_c and T_0 for bubbles to percolate
    /// (I(T_0) ≈ 0.2): the field rolls at T_0.
    @Test func rollingBeforePercolationIsAnOutcome() throws {
        let r = try Self.run(2254687833931.714, 0.00021733102758018916, 0.022608697751337243)
        guard case .rollsBeforePercolation(let T0, let I, let threshold) = r.status else { Issue.record("status \(r.status)"); return }
        #expect(I < threshold && I > 0)
        #expect(T0 == r.barrierVanishingTemperature)
        #expect(r.percolationTemperature == nil && !r.completes)
    }

    /// Outcomes encode as data (Codable) and keep their machine-readable codes.
    @Test func outcomesRoundTripAsJSON() throws {
        let outcomes: [TransitionOutcome] = [.completes, .noNucleation(minimumActionOverT: 6443, lowestTemperature: 1e-3),
                                             .noPercolation(lowestTemperature: 1, extendedVolume: 0.1, threshold: 0.34, minimumActionOverT: 250)]
        for o in outcomes {
            let back = try JSONDecoder().decode(TransitionOutcome.self, from: JSONEncoder().encode(o))
            #expect(back == o)
            #expect(TransitionOutcome.allCodes.contains(o.code))
        }
    }
}

/// The seeded domain sweep (the opt-in `supercool validate-domain` runs more points in release).
@Suite struct DomainSweepTests {
    @Test func sampleIsDeterministicAndInsideTheDomain() {
        let a = DomainSweep(count: 50, seed: 3).points, b = DomainSweep(count: 80, seed: 3).points
        #expect(Array(b.prefix(50)) == a)
        for p in b {
            #expect(DarkU1.vevRange.contains(p.vev) && p.lambda > 0 && p.lambda < 4 * Double.pi && p.gauge > 0 && p.gauge < 4 * Double.pi)
        }
        #expect(DomainSweep(count: 50, seed: 4).points != a)
    }

    /// Every point of a fixed seeded sample of the documented domain gets a physics answer (no internal error).
    @Test func seededSweepHasNoInternalErrors() async throws {
        let records = await DomainSweep(count: 24, seed: 9).run(resources: DomainRobustnessTests.resources)
        for r in records where r.result == nil {
            Issue.record("internal error at v = \(r.point.vev), λ = \(r.point.lambda), g = \(r.point.gauge): \(r.error ?? "")")
        }
        #expect(records.count == 24)
    }
}
