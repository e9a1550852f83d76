import Testing
import Foundation
@testable import Bounce
import SupercoolNumerics

/// The bounce solver against independent truths: the thin-wall limit (Coleman 1977; Linde 1983),
/// exact scaling laws, Derrick's identity, and actions computed by other codes.
@Suite struct BounceTests {
    let solver = BounceSolver()

    func solve(_ V: PolynomialPotential, false f: Double, true t: Double, d: Double) throws -> BounceSolution {
        let outcome = solver.solve(BounceProblem(potential: V, falseVacuum: f, trueVacuum: t, dimension: d))
        guard case .bounce(let b) = outcome else {
            Issue.record("no bounce: \(outcome)")
            throw NumericalError("no bounce")
        }
        return b
    }

    /// V = (λ/8)(φ² − a²)² + (ε/2a)(φ − a), λ = a = 1: the exact stationary points and their depth.
    static func tilted(_ epsilon: Double) -> (V: PolynomialPotential, false: Double, true: Double, depth: Double) {
        let V = PolynomialPotential(coefficients: [1.0 / 8 - epsilon / 2, epsilon / 2, -1.0 / 4, 0, 1.0 / 8])
        func newton(_ x0: Double) -> Double {
            var x = x0
            for _ in 0..<100 { x -= V.derivative(x) / V.secondDerivative(x) }
            return x
        }
        let f = newton(1), t = newton(-1)
        return (V, f, t, V.value(f) - V.value(t))
    }

    /// Thin-wall limit: S3 → 16πσ³/(3ε²), S4 → 27π²σ⁴/(2ε³) with σ = ∫√(2V₀) dφ = 2√λ a³/3 = 2/3 (Coleman,
    /// PRD 15 (1977) 2929; Linde, NPB 216 (1983) 421). With ε the exact depth of this symmetric double
    /// well the O(ε) correction cancels and the deviation must shrink ∝ ε² (measured: factor 4.00 per halving).
    @Test(arguments: [3.0, 4.0])
    func thinWallLimit(d: Double) throws {
        let sigma = 2.0 / 3
        var deviations = [Double]()
        let epsilons = [0.02, 0.01, 0.005, 0.0025]
        for epsilon in epsilons {
            let p = Self.tilted(epsilon)
            let b = try solve(p.V, false: p.false, true: p.true, d: d)
            let thinWall = d == 3 ? 16 * Double.pi * pow(sigma, 3) / (3 * p.depth * p.depth)
                                  : 27 * Double.pi * Double.pi * pow(sigma, 4) / (2 * pow(p.depth, 3))
            deviations.append(b.action / thinWall - 1)
            #expect(abs(b.derrickRatio - 1) <= 1e-6)
        }
        // Each halving of ε quarters the deviation, to within 10 %.
        for i in 1..<deviations.count {
            let ratio = deviations[i - 1] / deviations[i]
            #expect(ratio > 3.6 && ratio < 4.4, "d = \(d): deviations \(deviations)")
        }
        #expect(abs(deviations.last!) < 1e-4)
        // The wall sits at the thin-wall radius R = (d − 1)σ/ε (Coleman 1977), to O(ε).
        let p = Self.tilted(epsilons.last!)
        let b = try solve(p.V, false: p.false, true: p.true, d: d)
        #expect(abs(b.wallRadius / ((d - 1) * sigma / p.depth) - 1) < 0.01, "R = \(b.wallRadius)")
    }

    /// Thick wall (φ(0) far from the true vacuum): the reported radius is where the recorded profile is
    /// half-way between φ(0) and φ_false (read off the profile independently), not a fallback.
    @Test(arguments: [3.0, 4.0])
    func thickWallRadiusFromProfile(d: Double) throws {
        var recording = BounceSolver()
        recording.recordProfile = true
        let V = PolynomialPotential(coefficients: [0, 0, 2.6125232682, -5.7416821788, 3])
        guard case .bounce(let b) = recording.solve(BounceProblem(potential: V, falseVacuum: 0, trueVacuum: 1, dimension: d)) else {
            Issue.record("no bounce"); return
        }
        let points = try #require(b.profile)
        let target = 0.5 * (b.phi0 + b.falseVacuum)
        let i = try #require(points.indices.dropFirst().first { (points[$0].phi - target) * (points[$0 - 1].phi - target) <= 0 })
        let t = (target - points[i - 1].phi) / (points[i].phi - points[i - 1].phi)
        let rHalf = points[i - 1].r + t * (points[i].r - points[i - 1].r)
        #expect(abs(b.wallRadius / rHalf - 1) < 1e-3, "R = \(b.wallRadius) vs profile \(rHalf)")
    }

    /// V → κ V(φ/a) maps S_d → a^d κ^{1 − d/2} S_d (rescale φ = aψ, r = (a/√κ) s): a³/√κ and a⁴/κ.
    @Test(arguments: [3.0, 4.0])
    func scalingLaw(d: Double) throws {
        let base = PolynomialPotential(coefficients: [0, 0, 2.6125232682, -5.7416821788, 3])
        let reference = try solve(base, false: 0, true: 1, d: d).action
        for (kappa, a) in [(4.0, 0.5), (0.01, 30.0), (1e6, 2e-3)] {
            let scaled = RescaledPotential(base: base, amplitude: kappa, fieldScale: a)
            let outcome = solver.solve(BounceProblem(potential: scaled, falseVacuum: 0, trueVacuum: a, dimension: d))
            let action = try #require(outcome.bounce).action
            let expected = pow(a, d) * pow(kappa, 1 - d / 2) * reference
            #expect(abs(action / expected - 1) < 1e-6, "κ = \(kappa), a = \(a): \(action) vs \(expected)")
        }
    }

    /// CosmoTransitions 2.0.7 (Wainwright, arXiv:1109.4189) on V = 6bφ² − 4(1+b)φ³ + 3φ⁴, run at tight
    /// tolerances (xtol = phitol = 1e-10, 4000 points) in benchmarks/compare_cosmotransitions.py;
    /// CT's stated precision there is ~1e-6 relative, so the comparison is at 2e-6.
    @Test(arguments: [
        ([0, 0, 0.931182681, -4.620788454, 3], 3.0, 1.117049), ([0, 0, 0.931182681, -4.620788454, 3], 4.0, 6.341488),
        ([0, 0, 1.7429110158, -5.1619406772, 3], 3.0, 5.314333), ([0, 0, 1.7429110158, -5.1619406772, 3], 4.0, 42.53076),
        ([0, 0, 2.6125232682, -5.7416821788, 3], 3.0, 67.23059), ([0, 0, 2.6125232682, -5.7416821788, 3], 4.0, 1693.051),
    ] as [([Double], Double, Double)])
    func agreesWithCosmoTransitions(coefficients: [Double], d: Double, expected: Double) throws {
        let b = try solve(PolynomialPotential(coefficients: coefficients), false: 0, true: 1, d: d)
        #expect(abs(b.action / expected - 1) < 2e-6, "S\(Int(d)) = \(b.action), CosmoTransitions \(expected)")
        #expect(abs(b.derrickRatio - 1) <= 1e-6)
    }

    /// Standard single-field benchmarks. References: (i) an independent shooting code (scipy DOP853 at
    /// rtol 1e-12 with mpmath starts near the true vacuum, Derrick-checked to 1e-10; written for this
    /// project, not shared with this solver), to 1e-7; (ii) SimpleBounce's published regression values
    /// (R. Sato, arXiv:1907.02417 / 1908.10868, tests/CT_comparisons.cpp, 100-point grid: ~0.1–1 %
    /// discretisation error), to 1 %. Potentials: the BubbleProfiler/AnyBubble model
    /// V = φ² − 0.8φ³ + 0.1φ⁴ (arXiv:1901.03714 Table 1) and Chigusa–Moroi–Shoji arXiv:1906.10829
    /// eqs. (40)/(41) (CosmoTransitions' thin/thick documentation examples).
    @Test(arguments: [
        ([0, 0, 1, -0.8, 0.1], 5.0, 3.0, 52.4133263, 52.366607861),
        ([0, 0, 1, -0.8, 0.1], 5.0, 4.0, 346.636010, Double.nan),
        ([0, 0, 0.235, -0.49, 0.25], 1.0, 3.0, 1093.183057, 1083.28),
        ([0, 0, 0.235, -0.49, 0.25], 1.0, 4.0, 204979.9567, Double.nan),
        ([0, 0, 0.1, -0.4, 0.25], 1.0, 3.0, 6.629819634, 6.62391),
        ([0, 0, 0.1, -0.4, 0.25], 1.0, 4.0, 138.654404, Double.nan),
    ] as [([Double], Double, Double, Double, Double)])
    func standardBenchmarks(coefficients: [Double], trueVacuum: Double, d: Double, independent: Double, simpleBounce: Double) throws {
        let b = try solve(PolynomialPotential(coefficients: coefficients), false: 0, true: trueVacuum, d: d)
        #expect(abs(b.action / independent - 1) < 1e-7, "S\(Int(d)) = \(b.action) vs independent \(independent)")
        if simpleBounce.isFinite { #expect(abs(b.action / simpleBounce - 1) < 1e-2) }
        #expect(abs(b.derrickRatio - 1) <= 1e-6)
    }

    /// Typed outcomes instead of numbers where no bounce exists.
    @Test func outcomesWithoutBounce() {
        // Degenerate: V = (φ² − 1)²/8 with vacua ±1.
        let degenerate = PolynomialPotential(coefficients: [1.0 / 8, 0, -1.0 / 4, 0, 1.0 / 8])
        if case .noTunnelling = solver.solve(BounceProblem(potential: degenerate, falseVacuum: -1, trueVacuum: 1, dimension: 3)) {} else {
            Issue.record("degenerate vacua must give noTunnelling")
        }
        // Inverted: tunnelling "up" from the deeper minimum.
        let tilted = Self.tilted(0.1)
        if case .noTunnelling = solver.solve(BounceProblem(potential: tilted.V, falseVacuum: tilted.true, trueVacuum: tilted.false, dimension: 3)) {} else {
            Issue.record("inverted vacua must give noTunnelling")
        }
        // No barrier: V = −φ²/2 + φ⁴/4 from the maximum at 0.
        let rolling = PolynomialPotential(coefficients: [0, 0, -0.5, 0, 0.25])
        if case .barrierVanished = solver.solve(BounceProblem(potential: rolling, falseVacuum: 0, trueVacuum: 1, dimension: 3)) {} else {
            Issue.record("a false vacuum at a maximum must give barrierVanished")
        }
        // Not a stationary point.
        let slope = PolynomialPotential(coefficients: [0, 0.3, 2.6, -5.7, 3])
        if case .noTunnelling = solver.solve(BounceProblem(potential: slope, falseVacuum: 0, trueVacuum: 1, dimension: 3)) {} else {
            Issue.record("a non-stationary false vacuum must be rejected")
        }
    }

    /// Walls far thinner than double precision resolves in φ(0) − φ_t (ln A ≈ −10³…−10⁴).
    @Test func extremelyThinWall() throws {
        for epsilon in [1e-3, 1e-4] {
            let p = Self.tilted(epsilon)
            let b = try solve(p.V, false: p.false, true: p.true, d: 3)
            let thinWall = 16 * Double.pi * pow(2.0 / 3, 3) / (3 * p.depth * p.depth)
            #expect(abs(b.action / thinWall - 1) < 2 * epsilon, "ε = \(epsilon)")
            #expect(abs(b.derrickRatio - 1) <= 1e-6)
            #expect(b.log10Phi0Offset < -100)
            // The wall sits at R = 2σ/ε (thin-wall radius) to O(ε).
            #expect(abs(b.wallRadius / (2 * (2.0 / 3) / p.depth) - 1) < 0.01)
        }
    }

    @Test func profileIsMonotoneAndEndsAtFalseVacuum() throws {
        var s = solver
        s.recordProfile = true
        let outcome = s.solve(BounceProblem(potential: PolynomialPotential(coefficients: [0, 0, 2.6125232682, -5.7416821788, 3]), falseVacuum: 0, trueVacuum: 1, dimension: 3))
        let profile = try #require(outcome.bounce?.profile)
        #expect(profile.count > 20)
        // Monotone except possibly the last point (where the final undershoot turns back).
        for i in 1..<(profile.count - 1) { #expect(profile[i].r > profile[i - 1].r && profile[i].phi <= profile[i - 1].phi + 1e-12) }
        #expect(abs(profile.last!.phi) < 1e-3)
    }
}

@Suite struct GrowingModeTests {
    /// On an exact solution of the linearised equation around φ_f, δ = a x^{−ν} I_ν(x) + b x^{−ν} K_ν(x) (x = m ρ),
    /// the amplitude read off at any ρ is a x_ref^{−ν} I_ν(x_ref), whatever b (DLMF 10.28.2): in d = 3 (closed forms)
    /// and d = 4, 5 (GSL's K_ν).
    @Test func amplitudeOfExactLinearSolutions() throws {
        let V = PolynomialPotential(coefficients: [0, 0, 1, -2, 1.2])
        let m = 0.7, rhoRef = 9.0
        for d in [3.0, 4.0, 5.0] {
            let nu = d / 2 - 1
            let context = ShotContext(scaling: Scaling(potential: V, phiTrue: 1, phiFalse: 0, mass2: 1), dimension: d, linearStart: 1e-4,
                                      rangeAfterStart: 100, integrator: AdaptiveODEIntegrator(), record: false, falseMass: m)
            let xRef = m * rhoRef
            let gRef = try SpecialFunctions.besselInuScaled(nu, xRef) * exp(xRef) * pow(xRef, -nu)
            for (a, b) in [(1e-6, -0.3), (-2e-9, -0.3), (0.0, -1.0)] {
                for rho in [2.0, 7.5, 15.0] {
                    let x = m * rho
                    let i0 = try SpecialFunctions.besselInuScaled(nu, x) * exp(x), i1 = try SpecialFunctions.besselInuScaled(nu + 1, x) * exp(x)
                    let k0 = try SpecialFunctions.besselKnuScaled(nu, x) * exp(-x), k1 = try SpecialFunctions.besselKnuScaled(nu + 1, x) * exp(-x)
                    let delta = pow(x, -nu) * (a * i0 + b * k0)
                    let slope = m * pow(x, -nu) * (a * i1 - b * k1)
                    let amplitude = context.growingModeAmplitude(rho: rho, delta: delta, slope: slope, referenceRho: rhoRef)
                    // The b part cancels to the round-off of δ and δ′ (a few ulps of b g_−), which reads as ε b (K_ν/I_ν)(x) of a.
                    #expect(abs(amplitude - a * gRef) <= 1e-12 * abs(a * gRef) + 1e-14 * abs(b) * (k0 / i0) * gRef,
                            "d = \(d), a = \(a), ρ = \(rho): \(amplitude) vs \(a * gRef)")
                }
            }
        }
    }
}

/// `ShotContext.actionToBounce` on exact solutions of the linearised equation, δ = a x^{−ν}I_ν(x) + b x^{−ν}K_ν(x): the
/// decomposition must give back −ρ^α[δ_b′η + ½ηη′ + ½δ_bδ_b′] with η = a x^{−ν}I_ν and δ_b = b x^{−ν}K_ν, on both sides of
/// the small-x series of I_{3/2} (x = 0.1) and far out, in d = 3 (closed forms) and d = 4 (GSL).
@Suite struct ActionToBounceDecompositionTests {
    @Test(arguments: [3.0, 4.0]) func exactLinearSolutions(d: Double) throws {
        let V = PolynomialPotential(coefficients: [0, 0, 1, -2, 1.2])
        let m = 0.7, nu = d / 2 - 1
        let context = ShotContext(scaling: Scaling(potential: V, phiTrue: 1, phiFalse: 0, mass2: 1), dimension: d, linearStart: 1e-4,
                                  rangeAfterStart: 100, integrator: AdaptiveODEIntegrator(), record: false, falseMass: m)
        for x in [0.03, 0.099, 0.101, 5.0] {
            let rho = x / m
            let i0 = try SpecialFunctions.besselInuScaled(nu, x) * exp(x), i1 = try SpecialFunctions.besselInuScaled(nu + 1, x) * exp(x)
            let k0 = try SpecialFunctions.besselKnuScaled(nu, x) * exp(-x), k1 = try SpecialFunctions.besselKnuScaled(nu + 1, x) * exp(-x)
            for (a, b) in [(1e-6, -0.3), (-2e-5, -0.1), (1e-3, -1e-7)] {
                let eta = a * pow(x, -nu) * i0, etaSlope = m * a * pow(x, -nu) * i1
                let tail = b * pow(x, -nu) * k0, tailSlope = -m * b * pow(x, -nu) * k1
                let expected = -pow(rho, d - 1) * (tailSlope * eta + 0.5 * eta * etaSlope + 0.5 * tail * tailSlope)
                let got = context.actionToBounce(rho: rho, delta: eta + tail, slope: etaSlope + tailSlope)
                // The three terms are of one sign or cancel partly: relative to the largest of them.
                let scale = pow(rho, d - 1) * max(abs(tailSlope * eta), abs(eta * etaSlope), abs(tail * tailSlope))
                #expect(abs(got - expected) <= 1e-11 * scale, "d = \(d), x = \(x), a = \(a): \(got) vs \(expected)")
            }
        }
    }
}

/// `ShotContext.actionToBounce` on shots a little off the root: the truncated shot's action misses the bounce's by
/// O(ρ^α δ²) at its end, the corrected one by O(δ³) (measured in a separate Python shooter: ∝ Δ^{3/2} in Δ = |ln A − ln A*|).
@Suite struct ActionCorrectionTests {
    @Test(arguments: [3.0, 4.0]) func correctedShotsApproachTheBounce(d: Double) throws {
        // The mid wall (ΔV = barrier height), false vacuum 0, true vacuum 1: m_t² = V''(1).
        let V = PolynomialPotential(coefficients: [0, 0, 2.6125232682, -5.7416821788, 3])
        let integrator = AdaptiveODEIntegrator(stepper: .rk8pd, absoluteTolerance: 1e-16, relativeTolerance: 1e-14, maxSteps: 2_000_000)
        var tight = BounceSolver(integrator: integrator)
        tight.coarseRelativeTolerance = nil
        tight.missTolerance = 1e-24
        tight.actionTolerance = 1e-13
        let b = try #require(tight.solve(BounceProblem(potential: V, falseVacuum: 0, trueVacuum: 1, dimension: d)).bounce)
        let mass2 = V.secondDerivative(1)
        let scaling = Scaling(potential: V, phiTrue: 1, phiFalse: 0, mass2: mass2)
        let unit = 2 * pow(Double.pi, d / 2) / tgamma(d / 2) * pow(scaling.length, d - 2)   // |Δφ| = 1
        let reference = b.action / unit
        let lnAStar = b.log10Phi0Offset * log(10.0)   // |Δφ| = 1
        let massF = V.secondDerivative(0).squareRoot() / mass2.squareRoot()
        let context = ShotContext(scaling: scaling, dimension: d, linearStart: 1e-4, rangeAfterStart: 60 + 60 / min(massF, 1),
                                  integrator: integrator, record: false, falseMass: massF)
        for delta in [1e-4, 1e-5, 1e-6] {
            var corrected = [Double]()
            for side in [-1.0, 1.0] {
                let shot = try context.shoot(lnA: lnAStar + side * delta)
                #expect(shot.actionCorrection != 0, "d = \(d), Δ = \(side * delta): the shot should end near φ_f")
                let raw = abs((shot.kinetic + shot.potential) / reference - 1), fixed = abs(shot.action / reference - 1)
                // The correction removes the O(ρ^α δ²) truncation: at least 100× closer to the bounce.
                #expect(fixed <= 1e-2 * raw, "d = \(d), Δ = \(side * delta): corrected \(fixed) vs truncated \(raw)")
                corrected.append(shot.action)
            }
            // Both sides estimate the same S, to the O(Δ^{3/2}) left (measured 1.6e-9, 5e-11, 1.5e-12 apart at Δ = 1e-4, 1e-5,
            // 1e-6; the truncated actions differ by ~2e-7 … 2e-9).
            #expect(abs(corrected[0] / corrected[1] - 1) <= 5e-9 * pow(delta / 1e-4, 1.5), "d = \(d), Δ = \(delta): \(corrected)")
        }
    }
}

/// The solver's thin-wall and convergence settings are refused by name when they cannot work.
@Suite struct SolverSettingsTests {
    @Test func badSettingsAreNamed() {
        let problem = BounceProblem(potential: PolynomialPotential(coefficients: [0, 0, 2.6125232682, -5.7416821788, 3]),
                                    falseVacuum: 0, trueVacuum: 1, dimension: 3)
        let cases: [(String, (inout BounceSolver) -> Void)] = [
            ("onePassRadius", { $0.onePassRadius = .nan }), ("onePassRadius", { $0.onePassRadius = 0 }),
            ("thinWallToleranceFactor", { $0.thinWallToleranceFactor = 0 }), ("thinWallToleranceFactor", { $0.thinWallToleranceFactor = 2 }),
            ("thinWallLinearStartFraction", { $0.thinWallLinearStartFraction = 1 }),
            ("actionTolerance", { $0.actionTolerance = -1e-9 }), ("actionTolerance", { $0.actionTolerance = .infinity }),
        ]
        for (name, set) in cases {
            var solver = BounceSolver()
            set(&solver)
            guard case .failed(.invalidProblem(let why)) = solver.solve(problem) else {
                Issue.record("\(name): expected invalidProblem"); continue
            }
            #expect(why.contains(name), "\(why)")
        }
        // ∞ turns the thin-wall pass off; the bounce is the same one.
        var off = BounceSolver()
        off.onePassRadius = .infinity
        #expect(off.solve(problem).bounce != nil)
    }
}

@Suite struct TwoPassTests {
    static let potentials: [(String, PolynomialPotential)] = [
        ("thick", PolynomialPotential(coefficients: [0, 0, 0.931182681, -4.620788454, 3])),
        ("mid", PolynomialPotential(coefficients: [0, 0, 2.6125232682, -5.7416821788, 3])),
        ("thin", PolynomialPotential(coefficients: [0, 0, 2.9944029462, -5.9962686308, 3])),
    ]

    /// Whatever steers the early shots, the action is the fine pass's: with a very loose coarse tolerance (1e-3, which
    /// exercises the hand-over to a single fine pass) and with none, the actions agree to 1e-9 (the miss criterion's
    /// own spread), in d = 3 and 4.
    @Test func coarseToleranceDoesNotChangeTheAction() throws {
        for (name, V) in Self.potentials {
            for d in [3.0, 4.0] {
                let problem = BounceProblem(potential: V, falseVacuum: 0, trueVacuum: 1, dimension: d)
                var single = BounceSolver(); single.coarseRelativeTolerance = nil
                var loose = BounceSolver(); loose.coarseRelativeTolerance = 1e-3
                let reference = try #require(single.solve(problem).bounce, "\(name) d = \(d)")
                for solver in [BounceSolver(), loose] {
                    let b = try #require(solver.solve(problem).bounce, "\(name) d = \(d)")
                    #expect(abs(b.action / reference.action - 1) < 1e-9, "\(name) d = \(d): \(b.action) vs \(reference.action)")
                    #expect(abs(b.derrickRatio - 1) < 1e-6)
                }
            }
        }
    }

    /// The shot limit holds across both passes: a typed failure, not more shots.
    @Test func shotLimitCoversBothPasses() {
        let problem = BounceProblem(potential: Self.potentials[1].1, falseVacuum: 0, trueVacuum: 1, dimension: 3)
        for limit in [3, 6, 9] {
            let solver = BounceSolver(maxShots: limit)
            guard case .failed(.noConvergence(let shots)) = solver.solve(problem) else {
                Issue.record("maxShots = \(limit): expected noConvergence"); continue
            }
            #expect(shots == limit)
        }
    }
}
