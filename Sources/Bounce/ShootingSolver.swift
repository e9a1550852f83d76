import SupercoolNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Overshoot/undershoot shooting for single-field bounces (Coleman 1977; the scheme of
/// CosmoTransitions' SingleFieldInstanton, Wainwright arXiv:1109.4189 §3, and BubbleProfiler
/// arXiv:1805.07945 §3, re-derived here):
///
/// - Near the true vacuum the equation is linear, δ'' + (d−1)/r δ' = m² δ with m² = V''(φ_t), solved by
///   δ = A f_d(m r), f_d(x) = Γ(ν+1)(2/x)^ν I_ν(x), ν = d/2 − 1 (f_3 = sinh x / x). The trajectory
///   starts where that solution reaches a small fraction of |φ_f − φ_t|, so the long wait of a thin
///   wall is done analytically, and the shooting variable is ln A: φ(0) − φ_t = A may be far below
///   double precision (thin walls with ln A ≈ −10⁶ are fine).
/// - Overshoot (φ passes φ_f) and undershoot (φ' turns back first) give a continuous, signed miss
///   distance that is bracketed and steers secant/regula-falsi steps (`SecantRootSearch`); near the root the steps
///   follow the amplitude of the growing mode around φ_f instead (`growingModeAmplitude`), which is linear in ln A
///   there, where the miss is not. The early shots are integrated at a loose tolerance, the last ones at the
///   integrator's (`coarseRelativeTolerance`); very thin walls (`onePassRadius`) in one pass at 0.3× the integrator's
///   tolerance, starting closer to the true vacuum (`thinWallToleranceFactor`, `thinWallLinearStartFraction`).
/// - A shot ending near φ_f has its action corrected to the bounce's to second order in its deviation (boundary terms
///   and the linear tail, `ShotContext.actionToBounce`); the fine shots converge on the miss and ln A, or when the
///   actions on either side of the root agree (`actionTolerance`, thin walls, whose misses sit at the integration's noise).
/// - The ODE is integrated by the adaptive Prince–Dormand 8(7) (rk8pd, SupercoolNumerics), with the kinetic and
///   potential parts of the action, in units of L = 1/m and |φ_f − φ_t|.
public struct BounceSolver: Sendable {
    /// The ODE integrator (stepper and tolerances are injectable).
    public var integrator: AdaptiveODEIntegrator
    /// Where the linearised solution hands over to the ODE: this fraction of |φ_f − φ_t|.
    public var linearStartFraction: Double
    /// Upper bound on trajectories shot per bounce.
    public var maxShots: Int
    /// A bounce with |S/S_kinetic − 1| above this is reported as a failure.
    public var derrickTolerance: Double
    /// Keep the (r, φ, φ') profile in the result.
    public var recordProfile: Bool
    /// Converged when the squared miss (speed at φ_f over m_f, or distance short of φ_f, in units of
    /// |φ_f − φ_t|) is below this: 1e-12 ⇔ a miss of 1e-6, which moves S by ~1e-9 (measured); with two passes, ln A
    /// must also lie within 1e-10 (1 + |ln A|) of the root (where dS/d ln A is large the miss alone leaves 1e-8 in S).
    public var missTolerance: Double = 1e-12
    /// Relative tolerance of the shots that bracket and approach the root (absolute scaled alike); the last shots use
    /// the integrator's. nil, or not looser than the integrator's: every shot at the integrator's tolerance.
    public var coarseRelativeTolerance: Double? = 1e-7
    /// Walls whose thin-wall radius R = (d−1)σ/ε exceeds this (units of 1/m_t) skip the coarse pass: its errors, not the
    /// miss, decide the sign there (measured: the coarse root 0.06 off in ln A at R ≈ 1e3, 0.4 at 2.4e3, 6.5 at 1e4, 6e4 at
    /// 1e6), and one fine pass is faster (DarkU1 BP2 at 1 − T/T_c = 1e-4: 0.57 vs 0.71 ms, at 4e-4 (R ≈ 2.4e3) 7 shots
    /// instead of 14). Below ~1.5e3 the two passes win (the polynomial at r = 0.01, R ≈ 1.6e3: 0.12 vs 0.17 ms).
    public var onePassRadius: Double = 2000
    /// Those thin walls start their shots where the linearised solution reaches this fraction of |φ_f − φ_t| (instead of
    /// `linearStartFraction`): the linearisation's error shifts the action's parts by ~6 R ψ₀³ (Derrick's ratio 6e-7 at
    /// 1 − T/T_c = 1e-5 with ψ₀ = 1e-4, R ≈ 1e5; 6e-6 at 1e-6; measured), not S.
    public var thinWallLinearStartFraction: Double = 1e-5
    /// … and are integrated at this × the integrator's tolerances. At 1e-11 the misses' noise band spans |Δln A| ~ 0.2 at
    /// R ≈ 1e5 and ~10 at 1e6, and Derrick's ratio (~Δln A/R across it; S does not move) scattered by ~2e-6 at
    /// 1 − T/T_c = 1e-5 and ~1e-5 at 1e-6; at 3e-12, ≤ 1.5e-7 and ≤ 3.6e-6 (measured). It costs ~15 % of a thin wall's
    /// time (the 60-temperature bench sweep: median 0.41 → 0.43 ms, worst 0.52 → 0.70 ms).
    public var thinWallToleranceFactor: Double = 0.3
    /// The fine shots also converge when the newest two on either side of the root (both within 1e-4 of φ_f) have actions
    /// agreeing to this, relative; the result is then interpolated to the root between them. Thin walls need it: there
    /// the misses sit at the integration's noise (~1e-12 squared miss at any |ln A − ln A*| ≲ 1e-3), so the miss criterion
    /// is met only by chance (24–29 shots at 1 − T/T_c = 1e-4, 1e-6), while S has long stopped moving. 100× the
    /// integrator's tolerance: the shots' own actions scatter by ~10× it (8e-11 at 1 − T/T_c = 5e-3, measured). nil (the
    /// default): max(1e-9, 100× the integrator's relative tolerance); a value given is used as it is.
    public var actionTolerance: Double? = nil

    public init(integrator: AdaptiveODEIntegrator = AdaptiveODEIntegrator(stepper: .rk8pd, absoluteTolerance: 1e-13, relativeTolerance: 1e-11, maxSteps: 200_000),
                linearStartFraction: Double = 1e-4, maxShots: Int = 250, derrickTolerance: Double = 1e-4, recordProfile: Bool = false) {
        self.integrator = integrator
        // The potential part of the action (state component 3) rides along: for very weak barriers V − V_false is a
        // ~1e-11 part of V's terms, and its round-off would shrink the steps to nothing. The kinetic part (2) stays
        // controlled: thin walls need it (Derrick at 1 − T/T_c = 1e-6: 7e-6 controlled, 7e-5 not).
        self.integrator.uncontrolledComponents = [3]
        self.linearStartFraction = linearStartFraction
        self.maxShots = maxShots
        self.derrickTolerance = derrickTolerance
        self.recordProfile = recordProfile
    }

    public func solve(_ problem: BounceProblem) -> BounceOutcome {
        do {
            // The shooting is generic over the potential: for the potentials known here it is specialised (V and V′
            // inlined into the ODE's right-hand side); any other runs on the opened existential.
            switch problem.potential {
            case let p as PolynomialPotential: return try solveThrowing(problem, p)
            case let p as TabulatedPotential: return try solveThrowing(problem, p)
            default: return try solveThrowing(problem, problem.potential)
            }
        } catch let failure as BounceFailure {
            return .failed(failure)
        } catch {
            return .failed(.numerical("\(error)"))
        }
    }

    private func solveThrowing<Potential: BouncePotential>(_ problem: BounceProblem, _ V: Potential) throws -> BounceOutcome {
        let d = problem.dimension
        let phiT = problem.trueVacuum, phiF = problem.falseVacuum
        guard d >= 2, d <= 10, d.isFinite else { throw BounceFailure.invalidProblem("dimension must be in [2, 10], got \(d)") }
        // The solver's own settings, by name (a NaN or a zero here would make the search hang or integrate nothing).
        guard onePassRadius > 0 else { throw BounceFailure.invalidProblem("onePassRadius must be > 0 (∞ disables it), got \(onePassRadius)") }
        guard thinWallToleranceFactor > 0, thinWallToleranceFactor <= 1 else {
            throw BounceFailure.invalidProblem("thinWallToleranceFactor must be in (0, 1], got \(thinWallToleranceFactor)")
        }
        guard thinWallLinearStartFraction > 0, thinWallLinearStartFraction < 1 else {
            throw BounceFailure.invalidProblem("thinWallLinearStartFraction must be in (0, 1), got \(thinWallLinearStartFraction)")
        }
        if let t = actionTolerance, !(t > 0 && t.isFinite) {
            throw BounceFailure.invalidProblem("actionTolerance must be a finite number > 0 (or nil), got \(t)")
        }
        guard phiT.isFinite, phiF.isFinite, phiT != phiF else { throw BounceFailure.invalidProblem("true and false vacua must be distinct finite numbers") }
        let vT = V.value(phiT), vF = V.value(phiF)
        guard vT.isFinite, vF.isFinite else { throw BounceFailure.potentialNotFinite(temperature: nil) }
        if vT >= vF {
            return .noTunnelling(vT == vF ? .degenerateVacua(potential: vT) : .invertedVacua(trueVacuumValue: vT, falseVacuumValue: vF))
        }
        let mass2 = V.secondDerivative(phiT)
        guard mass2.isFinite else { throw BounceFailure.potentialNotFinite(temperature: nil) }
        guard mass2 > 0 else { return .noTunnelling(.trueVacuumNotMinimum(phi: phiT, curvature: mass2)) }

        let scaling = Scaling(potential: V, phiTrue: phiT, phiFalse: phiF, mass2: mass2)
        // The false vacuum must be stationary (to the precision of the potential).
        let slopeF = scaling.dW(1)
        guard abs(slopeF) < 1e-6 * max(1, abs(scaling.dW(0.5))) else {
            return .noTunnelling(.falseVacuumNotStationary(phi: phiF, slope: V.derivative(phiF)))
        }

        // Barrier: the top of ΔV between the vacua, and the escape point ΔV = 0 on the true side.
        let grid = 400
        var top = 1.0, topValue = -Double.infinity
        for k in 1..<grid {
            let psi = Double(k) / Double(grid)
            let w = scaling.deltaV(psi)
            if w > topValue { topValue = w; top = psi }
        }
        let curvatureF = scaling.secondDW(1)
        if topValue <= 0 && curvatureF > 0 {
            // The false vacuum is a minimum, so a barrier exists, but it is narrower than the grid spacing and
            // sits next to the false vacuum (near g_roll at low T it is at φ ~ 1e-3 φ_true): look on a geometric
            // grid of 1 − ψ from the grid spacing down to 1e-14.
            for j in 0...220 {
                let psi = 1 - pow(10, -Double(j) / 20) / Double(grid)
                let w = scaling.deltaV(psi)
                if w > topValue { topValue = w; top = psi }
            }
            if topValue <= 0 {
                return .failed(.barrierNotResolved(falseVacuum: phiF, trueVacuum: phiT))
            }
        }
        if topValue <= 0 || curvatureF < 0 {
            return .barrierVanished
        }
        // Largest root of ΔV in (0, top): scan down from the top, then refine.
        var lowerPsi = 0.0
        var k = Int(top * Double(grid))
        while k > 0 {
            let psi = Double(k) / Double(grid)
            if scaling.deltaV(psi) < 0 { lowerPsi = psi; break }
            k -= 1
        }
        let escape = try RootFinder(absoluteTolerance: 1e-15, relativeTolerance: 1e-14).root(of: scaling.deltaV, in: lowerPsi, top)

        let massF = max(curvatureF, 0).squareRoot()
        let radiusGuess = ShootingSearch<Potential>.thinWallRadius(scaling, dimension: d)
        let thinWall = radiusGuess > onePassRadius
        var fineContext = ShotContext(scaling: scaling, dimension: d, linearStart: linearStartFraction,
                                      rangeAfterStart: 60 + 60 / max(min(massF, 1), 1e-3),
                                      integrator: integrator, record: recordProfile, falseMass: max(massF, 1e-3))
        fineContext.correctsAction = massF >= 1e-3
        if thinWall {
            fineContext.linearStart = min(linearStartFraction, thinWallLinearStartFraction)
            fineContext.integrator.relativeTolerance *= thinWallToleranceFactor
            fineContext.integrator.absoluteTolerance *= thinWallToleranceFactor
        }
        var shots = 0
        // ln A pinned to 10× the integrator's relative tolerance (1e-10 at the default 1e-11; a looser integrator, e.g. the
        // wall's at 1e-9, cannot pin it closer).
        let search = ShootingSearch(context: fineContext, escape: escape, missTolerance: missTolerance,
                                    lnATolerance: max(1e-10, 10 * integrator.relativeTolerance),
                                    actionTolerance: actionTolerance ?? max(1e-9, 100 * integrator.relativeTolerance),
                                    radiusGuess: radiusGuess, thinWall: thinWall) { lnA, context in
            shots += 1
            guard shots <= self.maxShots else { throw BounceFailure.noConvergence(shots: self.maxShots) }
            return try context.shoot(lnA: lnA)
        }
        // Two passes over the same shooting variable: shots at the loose `coarseRelativeTolerance` bracket ln A and
        // approach the root, the last few at the integrator's own tolerance finish it (a coarse shot costs ~1/3 of a
        // fine one; the coarse root lies within ~6e-6 (1 + |ln A|) of the fine one, measured, ~3e-5 for the thinnest walls). Where the coarse shots cannot
        // settle the root (their errors, not the miss, decide its sign: very thin walls) or the fine ones do not finish
        // within a few shots, everything is done again at the fine tolerance. The result is always a fine shot.
        var found: (best: Shot, bracketWidth: Double)? = nil
        if !thinWall, let loose = coarseRelativeTolerance, loose.isFinite, integrator.relativeTolerance > 0, loose > integrator.relativeTolerance {
            var coarseContext = fineContext
            coarseContext.integrator.absoluteTolerance *= loose / integrator.relativeTolerance
            coarseContext.integrator.relativeTolerance = loose
            coarseContext.record = false
            coarseContext.withAction = false
            // A coarse pass that fails (a stalled or non-finite coarse trajectory) hands over like one that gives up.
            do {
                found = try search.run(first: coarseContext, finish: fineContext)
            } catch let failure as BounceFailure {
                if case .noConvergence = failure { throw failure }
            } catch {}
        }
        // (With no second pass to hand over to, `run` always returns a result.)
        let (best, bracketWidth) = try found ?? search.run(first: fineContext, finish: nil)!

        let omega = 2 * pow(Double.pi, d / 2) / tgamma(d / 2)
        let unit = omega * scaling.fieldScale * scaling.fieldScale * pow(scaling.length, d - 2)
        let action = unit * best.action
        let kineticAction = unit * (2 / d) * best.kinetic
        // (The corrected S against the uncorrected kinetic part, whose own missing tail is ~¼ of the correction: far below
        // the bounds Derrick's ratio is held to.)
        let ratio = action / kineticAction
        guard action.isFinite, kineticAction > 0 else { throw BounceFailure.nonFiniteAction }
        guard abs(ratio - 1) <= derrickTolerance else {
            throw BounceFailure.derrickViolated(deviation: ratio - 1, tolerance: derrickTolerance, shots: shots, bracketWidth: bracketWidth)
        }
        let offset = best.lnA + log(scaling.fieldScale)
        let phi0 = phiT + scaling.sign * scaling.fieldScale * exp(best.lnA)
        let profile = best.profile.map { points in
            points.map { ProfilePoint(r: $0.0 * scaling.length, phi: phiT + scaling.sign * scaling.fieldScale * $0.1,
                                      dphi: scaling.sign * scaling.fieldScale / scaling.length * $0.2) }
        }
        return .bounce(BounceSolution(action: action, kineticAction: kineticAction, phi0: phi0, log10Phi0Offset: offset / log(10.0),
                              trueVacuum: phiT, falseVacuum: phiF,
                              wallRadius: best.halfwayRadius * scaling.length,
                              wallThickness: scaling.length / max(best.maxSlope, 1e-300),
                              dimension: d, shots: shots, bracketWidth: bracketWidth, profile: profile))
    }
}

/// The search for ln A*: bracketing from the thin-wall guess, then a root search steered first by the miss and, near
/// the root, by the growing mode's amplitude.
struct ShootingSearch<Potential: BouncePotential> {
    let context: ShotContext<Potential>
    /// The escape point ψ_e (ΔV(ψ_e) = 0 on the true side of the barrier).
    let escape: Double
    let missTolerance: Double
    /// The fine pass's second criterion: ln A within this × (1 + |ln A|) of the root.
    let lnATolerance: Double
    /// The fine pass's other way to converge: the actions of its newest shots on either side of the root agree this well.
    let actionTolerance: Double
    /// The thin-wall radius R = (d−1)σ/ε (units of 1/m_t; `thinWallRadius`).
    let radiusGuess: Double
    /// R above `BounceSolver.onePassRadius`: one fine pass, every shot with the action, bracketing steps ≤ 20.
    let thinWall: Bool
    let shoot: (Double, ShotContext<Potential>) throws -> Shot

    /// The thin-wall radius (Coleman 1977) R = (d−1)σ/ε in units of L = 1/m_t, with σ = ∫√(2 max(ΔV, 0)) dψ and
    /// ε = −ΔV(0) in units of |Δφ|: where the first shot aims, and what tells a thin wall.
    static func thinWallRadius(_ scaling: Scaling<Potential>, dimension d: Double) -> Double {
        let tension = Quadrature.simpson({ psi in (2 * max(scaling.deltaV(psi), 0)).squareRoot() }, from: 0, to: 1, intervals: 200)
        return (d - 1) * tension / -scaling.deltaV(0)
    }

    /// The shot nearest the root and the final bracket width in ln A; nil if the two passes (`finish` given) gave up.
    func run(first: ShotContext<Potential>, finish: ShotContext<Potential>?) throws -> (best: Shot, bracketWidth: Double)? {
        // First guess from the thin-wall picture: the wall at `radiusGuess`, where the linear solution A f(R) reaches ½.
        // (Starting at rest where V = V_f, friction guarantees an undershoot: no need to shoot it.)
        let escapeLnA = log(escape)
        var hi = escapeLnA
        var shotHi: Shot? = nil
        var lo = hi - 4
        if radiusGuess > 3 && radiusGuess.isFinite {
            lo = min(log(0.5) - context.logF(radiusGuess), escapeLnA - 1)
        }
        // Bracketing in growing steps from the thin-wall guess. Every shot of a pass is alike (one tolerance, one set of
        // equations): a shot integrated otherwise follows other steps, so other noise, and near the root it can end the
        // bracket on a side the pass's own shots never reach (a thin wall took 25 shots so). A thin wall's guess lands
        // within the noise band of the root (ln A off by ~10 at R = 1e4 … 1e6, where that band spans ~1 … 20): its steps
        // are at most 20 for the first ten, doubling after that should the guess be far off.
        var steps = 0
        func firstStep() -> Double { steps = 0; return max(2, thinWall ? min(0.02 * abs(lo), 20) : 0.02 * abs(lo)) }
        func nextStep(_ step: Double) -> Double { steps += 1; return thinWall && steps < 10 ? min(2 * step, 20) : 2 * step }
        var shotLo = try shoot(lo, first)
        if shotLo.miss < 0 {
            // Undershoot: move down (more waiting) in growing steps.
            var step = firstStep()
            while shotLo.miss < 0 {
                hi = lo; shotHi = shotLo
                lo -= step
                step = nextStep(step)
                guard lo > -1e9 else { throw BounceFailure.wallTooThin }
                shotLo = try shoot(lo, first)
            }
        } else if hi - lo > 2 {
            // Overshoot at the guess: look for an undershoot above it (below the escape point).
            var step = firstStep()
            var trial = lo + step
            while trial < escapeLnA {
                let s = try shoot(trial, first)
                if s.miss < 0 { hi = trial; shotHi = s; break }
                lo = trial; shotLo = s
                step = nextStep(step)
                trial = lo + step
            }
        }

        // Far from the root the signed squared miss (overshoot > 0 > undershoot) steers. Once the two newest
        // trajectories end within √nearMiss of the false vacuum and lie close in ln A (`near`), the growing mode's
        // amplitude there does: linear in ln A near the bounce and the same on both sides, where the miss has a kink and
        // logarithms. Convergence is judged on the miss (`missTolerance`); ρ_ref only scales the amplitude.
        let nearMiss = 1e-4
        var referenceRho = context.rangeAfterStart
        func amplitude(_ shot: Shot) throws -> Double {
            if shot.miss == 0 { return 0 }
            let a = context.growingModeAmplitude(rho: shot.stopRho, delta: shot.stopDelta, slope: shot.stopSlope, referenceRho: referenceRho)
            guard a.isFinite else { throw BounceFailure.numerical("growing-mode amplitude not finite at ρ = \(shot.stopRho) (ln A = \(shot.lnA))") }
            return a
        }
        var far = SecantRootSearch()
        far.record(x: hi, f: shotHi?.miss ?? -(1 - escape) * (1 - escape))
        far.record(x: lo, f: shotLo.miss)
        // The newest shots of the fine pass on either side of the root (misses of opposite signs).
        var overshoot: Shot? = nil, undershoot: Shot? = nil
        func noteSide(_ s: Shot) {
            if s.miss > 0 { overshoot = s } else if s.miss < 0 { undershoot = s }
        }
        func actionsAgree() -> Bool {
            guard let o = overshoot, let u = undershoot, max(abs(o.miss), -u.miss) <= 1e-8 else { return false }
            // Within 2 in ln A: the interpolation to the root moves the action's parts by up to ~Δln A/R (Derrick's ratio); at
            // R ≈ 1e6 S is so flat that the first two shots, 20 apart, already agree (Derrick −1.7e-5 then, measured).
            guard abs(o.lnA - u.lnA) <= 2 else { return false }
            let so = o.action, su = u.action
            return abs(so - su) <= actionTolerance * max(abs(so), abs(su))
        }
        // Converged by `actionsAgree`: the result's action, its parts, ln A (so φ₀) and wall radius interpolated to the root
        // between the two (linear in the growing mode's amplitude, as ln A − ln A* is): where the noise leaves ln A uncertain
        // (thin walls), either shot alone would carry it into the action's parts (Derrick's ratio moves by ~Δln A/R), not
        // into S. The profile and the wall thickness are the nearest shot's.
        func interpolatedToRoot(_ best: Shot) -> Shot? {
            guard best.miss != 0, actionsAgree(), let o = overshoot, let u = undershoot,
                  let fo = try? amplitude(o), let fu = try? amplitude(u), fo > 0, fu < 0 else { return nil }
            let w = fu / (fu - fo)   // the weight of the overshoot, in (0, 1)
            func mix(_ x: Double, _ y: Double) -> Double { y + w * (x - y) }
            var root = best
            root.lnA = mix(o.lnA, u.lnA)
            root.halfwayRadius = mix(o.halfwayRadius, u.halfwayRadius)
            root.kinetic = mix(o.kinetic, u.kinetic)
            root.potential = mix(o.potential, u.potential)
            root.actionCorrection = mix(o.actionCorrection, u.actionCorrection)
            return root
        }
        if finish == nil { for s in [shotHi, shotLo] { if let s { noteSide(s) } } }
        var best = shotLo
        if let s = shotHi, abs(s.miss) < abs(best.miss) { best = s }
        var newest = [shotLo] + (shotHi.map { [$0] } ?? [])
        func near() -> Bool {
            newest.count == 2 && newest.allSatisfy { abs($0.miss) <= nearMiss } && abs(newest[0].lnA - newest[1].lnA) <= 0.5
        }
        var bisections = 0
        while best.miss != 0 && !near() {
            // A fine pass whose shots on either side of the root already agree in the action is done (thin walls: the
            // misses there are the integration's noise, and ln A is not pinned by them).
            if finish == nil && actionsAgree() { break }
            // Coarse shots whose misses keep failing to halve (two bisections) are ruled by the integration's errors
            // (very thin walls): give up.
            if far.stalls >= 2 { bisections += 1 }
            if finish != nil && bisections >= 2 { return nil }
            guard let x = far.next() else { break }
            let s = try shoot(x, first)
            if finish == nil { noteSide(s) }
            far.record(x: x, f: s.miss)
            if abs(s.miss) < abs(best.miss) { best = s }
            newest = [s, newest[0]]
        }
        // ρ_ref where the newest trajectory ended, fixed from here on: the amplitude is read within a few 1/m_f of it.
        let newestStop = near() ? newest[0].stopRho : best.stopRho
        if newestStop > 0 { referenceRho = newestStop }
        var nearSearch = SecantRootSearch()
        if let p = far.positiveEnd { nearSearch.recordBound(x: p.x, positive: true) }
        if let n = far.negativeEnd { nearSearch.recordBound(x: n.x, positive: false) }
        if near() { for s in newest.reversed() { nearSearch.record(x: s.lnA, f: try amplitude(s)) } }
        // (A coarse root lies ~1e-10 in miss from the fine one: converging it further is wasted.)
        let firstTolerance = finish == nil ? missTolerance : max(missTolerance, 1e-10)
        // Converged (a fine pass): the miss within `missTolerance` and, by the secant through two shots of the same
        // pass, ln A within `lnATolerance` (1 + |ln A|) of the root (or the bracket that narrow). The miss alone admits
        // |Δln A| ~ 1e-9, and dS/d ln A reaches ~14 S (BP2 at T = 0.01 v): 2e-9 in S; near T_c it left Derrick's
        // identity at 1.2e-6. A coarse pass stops on the miss alone.
        func converged(_ search: SecantRootSearch, tolerance: Double, lnA: Bool) -> Bool {
            if best.miss == 0 { return true }
            if lnA && actionsAgree() { return true }
            guard abs(best.miss) <= tolerance else { return false }
            guard lnA else { return true }
            guard let b = search.best else { return false }
            let pinned = lnATolerance * (1 + abs(b.x))
            if let width = search.bracketWidth, width <= pinned { return true }
            guard let slope = search.secantSlope else { return false }
            return abs(b.f / slope) <= pinned
        }
        while !converged(nearSearch, tolerance: firstTolerance, lnA: finish == nil) {
            // Coarse steps that stop halving the amplitude are ruled by the integration's errors: give up.
            if finish != nil && nearSearch.stalls >= 2 { return nil }
            guard let x = nearSearch.next() else { break }
            let s = try shoot(x, first)
            let f = try amplitude(s)
            if finish == nil {
                noteSide(s)
                // The shot nearest the root by the amplitude (linear in ln A there), which the miss is not.
                if abs(f) < abs(nearSearch.best?.f ?? .infinity) { best = s }
            } else if abs(s.miss) < abs(best.miss) {
                best = s
            }
            nearSearch.record(x: x, f: f)
        }
        guard let fineContext = finish else {
            let width = best.miss == 0 ? 0 : nearSearch.bracketWidth ?? far.bracketWidth ?? abs(hi - lo)
            return (interpolatedToRoot(best) ?? best, width)
        }

        // Fine shots from the coarse root's estimate; the coarse secant's slope steers the first step, and the coarse
        // bracket's end of the other sign is shot finely only if the fine steps find no way (if the coarse errors changed
        // its sign too, the fine pass stalls and hands over).
        var fine = SecantRootSearch()
        // (Read without `next()`, which may bisect.)
        var x = best.lnA
        if let b = nearSearch.best {
            x = b.x
            if let slope = nearSearch.secantSlope, (b.x - b.f / slope).isFinite { x = b.x - b.f / slope }
        }
        best = try shoot(x, fineContext)
        fine.record(x: x, f: try amplitude(best))
        overshoot = nil; undershoot = nil
        noteSide(best)
        // The coarse root is worthless where the fine one lies further than ~1e-4 (1 + |ln A|) from it (very thin walls
        // near T_c: the coarse errors, not the miss, set the sign there); measured elsewhere: ≤ 6e-6.
        if let slope = nearSearch.secantSlope, let f = fine.best?.f, abs(f / slope) > 1e-4 * (1 + abs(x)) { return nil }
        var rebracketed = false
        var fineShots = 1
        while !converged(fine, tolerance: missTolerance, lnA: true) {
            // Six fine shots, or two in a row that do not halve the amplitude: the coarse pass misled (give up).
            guard fineShots < 6 && fine.stalls < 2 else { return nil }
            let latest = fine.newest[0]
            if let next = fine.next(slopeHint: nearSearch.secantSlope), next != latest.x {
                x = next
            } else if !fine.hasBracket && !rebracketed, let end = latest.f > 0 ? nearSearch.negativeEnd : nearSearch.positiveEnd {
                rebracketed = true
                x = end.x
            } else {
                return nil
            }
            let s = try shoot(x, fineContext)
            fineShots += 1
            noteSide(s)
            let f = try amplitude(s)
            // The shot nearest the root by the amplitude (linear in ln A there), which the miss is not.
            if abs(f) < abs(fine.best?.f ?? .infinity) { best = s }
            fine.record(x: x, f: f)
        }
        let width = best.miss == 0 ? 0 : fine.bracketWidth ?? (fine.newest.count == 2 ? abs(fine.newest[0].x - fine.newest[1].x) : nearSearch.bracketWidth ?? abs(hi - lo))
        return (interpolatedToRoot(best) ?? best, width)
    }
}

/// The right-hand side of one trajectory's ODE in ρ: ψ″ + α/ρ ψ′ = W′(ψ), with or without the action's parts.
protocol ShotEquations {
    associatedtype State: SIMD & Sendable where State.Scalar == Double
    func derivative(_ rho: Double, _ y: State) -> State
}

/// (ψ, ψ′, K, U) with K′ = ρ^α ψ′²/2 and U′ = ρ^α ΔV(ψ).
struct ProfileAndActionEquations<Potential: BouncePotential>: ShotEquations {
    let scaling: Scaling<Potential>
    let alpha: Double
    @inline(__always)
    func derivative(_ rho: Double, _ y: SIMD4<Double>) -> SIMD4<Double> {
        let friction = rho > 0 ? alpha / rho * y[1] : 0
        let r = alpha == 2 ? rho * rho : (alpha == 3 ? rho * rho * rho : pow(rho, alpha))
        let (dv, dw) = scaling.deltaVAndDW(y[0])
        return SIMD4(y[1], dw - friction, r * 0.5 * y[1] * y[1], r * dv)
    }
}

/// (ψ, ψ′) alone: the shots that only steer the search.
struct ProfileEquations<Potential: BouncePotential>: ShotEquations {
    let scaling: Scaling<Potential>
    let alpha: Double
    @inline(__always)
    func derivative(_ rho: Double, _ y: SIMD2<Double>) -> SIMD2<Double> {
        let friction = rho > 0 ? alpha / rho * y[1] : 0
        return SIMD2(y[1], scaling.dW(y[0]) - friction)
    }
}

/// Dimensionless variables: ψ = (φ − φ_t)/(φ_f − φ_t) runs from 0 (true) to 1 (false); ρ = m r.
struct Scaling<Potential: BouncePotential>: Sendable {
    let potential: Potential
    let phiTrue: Double
    let sign: Double
    let fieldScale: Double   // |φ_f − φ_t|
    let length: Double       // 1/m
    let vFalse: Double
    let energyFactor: Double // L²/|Δ|²

    init(potential: Potential, phiTrue: Double, phiFalse: Double, mass2: Double) {
        self.potential = potential
        self.phiTrue = phiTrue
        self.sign = phiFalse > phiTrue ? 1 : -1
        self.fieldScale = abs(phiFalse - phiTrue)
        self.length = 1 / mass2.squareRoot()
        self.vFalse = potential.value(phiFalse)
        self.energyFactor = length * length / (fieldScale * fieldScale)
    }

    @inline(__always) func phi(_ psi: Double) -> Double { phiTrue + sign * fieldScale * psi }
    /// (V(φ) − V_f) L²/Δ².
    @inline(__always) func deltaV(_ psi: Double) -> Double { (potential.value(phi(psi)) - vFalse) * energyFactor }
    /// d/dψ of the scaled potential: the right-hand side of ψ'' + α/ρ ψ' = W'(ψ).
    @inline(__always) func dW(_ psi: Double) -> Double { sign * potential.derivative(phi(psi)) * length * length / fieldScale }
    /// (ΔV, W') at once.
    @inline(__always) func deltaVAndDW(_ psi: Double) -> (Double, Double) {
        let (v, dv) = potential.valueAndDerivative(phi(psi))
        return ((v - vFalse) * energyFactor, sign * dv * length * length / fieldScale)
    }
    func secondDW(_ psi: Double) -> Double { potential.secondDerivative(phi(psi)) * length * length }
}

/// The outcome of one trajectory.
struct Shot {
    var lnA: Double
    /// > 0: overshoot (speed at φ_f); < 0: undershoot (distance short of φ_f at the turning point).
    let miss: Double
    var kinetic: Double
    var potential: Double
    var halfwayRadius: Double
    let maxSlope: Double
    let profile: [(Double, Double, Double)]?
    /// The action (units of the scaled problem) this shot estimates for the bounce.
    var action: Double { kinetic + potential + actionCorrection }
    /// Where the trajectory stopped, and (δ = ψ − 1, ψ′) there.
    var stopRho = 0.0
    var stopDelta = 0.0
    var stopSlope = 0.0
    /// The bounce's action minus this shot's (`ShotContext.actionToBounce`; 0 where the shot does not end near φ_f).
    var actionCorrection = 0.0
}

struct ShotContext<Potential: BouncePotential> {
    let scaling: Scaling<Potential>
    let dimension: Double
    var linearStart: Double
    let rangeAfterStart: Double
    var integrator: AdaptiveODEIntegrator
    var record: Bool
    /// Integrate the action's parts along (false: the shot only steers the search).
    var withAction = true
    /// √V''(φ_f) in units of m_t (floored: a nearly massless false vacuum still gives a finite scale).
    let falseMass: Double
    /// Correct each near miss's action to the bounce's (`actionToBounce`); off where `falseMass` is floored (the
    /// decomposition would use the wrong mass).
    var correctsAction = true

    var nu: Double { dimension / 2 - 1 }

    /// ln f_d(x) = ln[Γ(ν+1)(2/x)^ν I_ν(x)], overflow-free; closed forms for d = 3 and 4.
    func logF(_ x: Double) -> Double {
        if x < 1e-4 { return x * x / (4 * (nu + 1)) }
        if dimension == 3 {
            return x + log1p(-exp(-2 * x)) - log(2 * x)     // sinh x / x
        }
        if dimension == 4 {
            return log(2 * SpecialFunctions.besselI1Scaled(x) / x) + x   // 2 I_1(x)/x
        }
        let scaled = (try? SpecialFunctions.besselInuScaled(nu, x)) ?? .nan
        return lgamma(nu + 1) + nu * log(2 / x) + log(scaled) + x
    }

    /// f'/f = I_{ν+1}(x)/I_ν(x).
    func logDerivativeF(_ x: Double) -> Double {
        if x < 1e-4 { return x / (2 * (nu + 1)) }
        if dimension == 3 {
            return (x > 20 ? 1 : 1 / tanh(x)) - 1 / x          // coth x − 1/x
        }
        if dimension == 4 {
            let i1 = SpecialFunctions.besselI1Scaled(x)
            return SpecialFunctions.besselI0Scaled(x) / i1 - 2 / x   // I_2/I_1 = I_0/I_1 − 2/x
        }
        let a = (try? SpecialFunctions.besselInuScaled(nu + 1, x)) ?? .nan
        let b = (try? SpecialFunctions.besselInuScaled(nu, x)) ?? .nan
        return a / b
    }

    /// The scaled modified Bessel functions of the linearised problem around φ_f at x: e^{−x}I_ν, e^{−x}I_{ν+1}, e^{x}K_ν,
    /// e^{x}K_{ν+1} (ν = d/2 − 1). For d = 3 (ν = ½) in closed form: I_{±1/2}, K_{1/2} (DLMF 10.39.1–2), then
    /// I_{3/2} = I_{−1/2} − I_{1/2}/x = √(2/πx)(cosh x − sinh x / x) and K_{3/2} = K_{−1/2} + K_{1/2}/x = K_{1/2}(1 + 1/x)
    /// by the recurrences (DLMF 10.29.1); otherwise GSL's
    /// (NaN if it fails). Written once for the growing mode's amplitude and the action's correction.
    func scaledBessels(_ x: Double) -> (iNu: Double, iNuPlus: Double, kNu: Double, kNuPlus: Double) {
        guard dimension == 3 else {
            return ((try? SpecialFunctions.besselInuScaled(nu, x)) ?? .nan, (try? SpecialFunctions.besselInuScaled(nu + 1, x)) ?? .nan,
                    (try? SpecialFunctions.besselKnuScaled(nu, x)) ?? .nan, (try? SpecialFunctions.besselKnuScaled(nu + 1, x)) ?? .nan)
        }
        let i = (2 / (Double.pi * x)).squareRoot(), k = (Double.pi / (2 * x)).squareRoot()
        let sinhScaled = 0.5 * (x > 20 ? 1 : -expm1(-2 * x)), coshScaled = 0.5 * (1 + exp(-2 * x))
        // cosh x − sinh x / x = Σ x^{2k} (1/(2k)! − 1/(2k+1)!) = x²/3 + x⁴/30 + x⁶/840 + x⁸/45360 + …: the difference
        // cancels below x ~ 0.1 (there the series errs by ~1e-15).
        let x2 = x * x
        let iNuPlus = x < 0.1 ? i * exp(-x) * x2 * (1.0 / 3 + x2 * (1.0 / 30 + x2 * (1.0 / 840 + x2 / 45360)))
                              : i * (coshScaled - sinhScaled / x)
        return (i * sinhScaled, iNuPlus, k, k * (1 + 1 / x))
    }

    /// The amplitude of the growing mode near the false vacuum, from the state (δ = ψ − 1, δ′) at ρ: where
    /// δ″ + α/ρ δ′ = m_f² δ, δ = a x^{−ν} I_ν(x) + b x^{−ν} K_ν(x) with x = m_f ρ, and the Wronskian gives
    /// a = x^{ν+1} [δ K_{ν+1}(x) + δ′ K_ν(x)/m_f] (DLMF 10.28.2). It is > 0 at an overshoot's crossing (δ = 0 < δ′),
    /// < 0 at an undershoot's turning point (δ′ = 0 > δ), and, unlike the speed or the distance there, linear in
    /// ln A − ln A* near the bounce (where the trajectory ends in the linear region): the shooting's root is then a
    /// smooth one. Returned as a x_ref^{−ν} I_ν(x_ref), x_ref = m_f ρ_ref: the growing mode's size at ρ_ref, in units of
    /// |φ_f − φ_t|.
    func growingModeAmplitude(rho: Double, delta: Double, slope: Double, referenceRho: Double) -> Double {
        let m = falseMass, x = falseMass * rho, xRef = falseMass * referenceRho
        let (_, _, kNu, kNuPlus) = scaledBessels(x)
        let iRef = scaledBessels(xRef).iNu
        // a e^{x_ref} x_ref^{−ν} Ĩ_ν(x_ref) with the e^{∓x} of the scaled functions combined: e^{x_ref − x} (bounded:
        // far from ρ_ref the scale is wrong but the sign, all a bracket needs, is kept).
        let a = pow(x, nu + 1) * (delta * kNuPlus + slope * kNu / m)
        return a * exp(min(max(xRef - x, -600), 600)) * pow(xRef, -nu) * iRef
    }

    /// The bounce's action minus a shot's, where the shot ends (ρ_s, δ = ψ − 1, δ′) in the linear region around φ_f, to
    /// second order in its deviation η from the bounce there (in δ: the V‴ terms, O(δ³), and the shot's own change of the
    /// decaying amplitude b, a relative O(Δb/b) of the ½ηη′ term, are left out). There δ = δ_b + η with the bounce's decaying tail
    /// δ_b = b x^{−ν}K_ν(x) and the growing mode η = a x^{−ν}I_ν(x) (a, b from the Wronskian, DLMF 10.28.2). The first and
    /// second variations of S about the bounce reduce to boundary terms by the equations of motion (ρ^α δ_b′ η and
    /// ½ρ^α η η′), and the bounce's tail beyond ρ_s, ½∫ρ^α(δ_b′² + m_f²δ_b²), to −½ρ_s^α δ_b δ_b′ by parts:
    /// S_b = S_shot(ρ_s) − ρ_s^α [δ_b′ η + ½ η η′ + ½ δ_b δ_b′]. Without it the shots' actions scatter by ~ρ_s^α δ²
    /// (1e-10 of S at 1 − T/T_c = 5e-3), which is where the thin walls' search stops.
    func actionToBounce(rho: Double, delta: Double, slope: Double) -> Double {
        let m = falseMass, x = falseMass * rho
        let (iNu, iNuPlus, kNu, kNuPlus) = scaledBessels(x)
        // a e^{x} and b e^{−x}: the exponentials cancel in the products below.
        let xPower = pow(x, nu + 1), xMinusNu = pow(x, -nu)
        let a = xPower * (delta * kNuPlus + slope * kNu / m)
        let b = xPower * (delta * iNuPlus - slope * iNu / m)
        let eta = a * xMinusNu * iNu, etaSlope = m * a * xMinusNu * iNuPlus
        let tail = b * xMinusNu * kNu, tailSlope = -m * b * xMinusNu * kNuPlus
        let rhoAlpha = pow(rho, dimension - 1)
        let correction = -rhoAlpha * (tailSlope * eta + 0.5 * eta * etaSlope + 0.5 * tail * tailSlope)
        return correction.isFinite ? correction : 0
    }

    /// Solve ln f(x) = target (> 0) for x by safeguarded Newton iteration (ln f is convex-ish, monotone).
    func solveLogF(_ target: Double) throws -> Double {
        var lo = 0.0, hi = target + 10
        while logF(hi) < target { lo = hi; hi *= 2 }
        var x = min(max(target + log(2 * max(target, 1)), lo), hi)
        for _ in 0..<100 {
            let g = logF(x) - target
            if g > 0 { hi = x } else { lo = x }
            let slope = logDerivativeF(x)
            var next = x - g / slope
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            if abs(next - x) <= 2 * Double.ulpOfOne * max(1, x) || hi - lo <= 2 * Double.ulpOfOne * max(1, x) { return next }
            x = next
        }
        throw BounceFailure.startNotPlaced(logF: target)
    }

    func shoot(lnA: Double) throws -> Shot {
        let alpha = dimension - 1
        let d = dimension
        var rho0: Double, psi0: Double, dpsi0: Double
        var kinetic = 0.0, potential = 0.0
        var interior: [(Double, Double, Double)] = []
        let a = exp(lnA)
        if lnA < log(linearStart) {
            // Linear regime: start where A f(ρ) = linearStart.
            let target = log(linearStart) - lnA
            let x0 = try solveLogF(target)
            rho0 = x0
            psi0 = linearStart
            dpsi0 = linearStart * logDerivativeF(x0)
            // Interior: ΔV(0) ρ0^d/d, plus the quadratic corrections ∫ρ^α ψ²/2 and ∫ρ^α ψ'²/2 where
            // ψ = A f(ρ) ≤ linearStart. Since f ∝ e^ρ there, both ≈ ρ0^α ψ0²/4: a relative effect of
            // order linearStart² (1e-8), so this estimate (error O(1/ρ0) of it) is ample.
            let alphaPower = pow(x0, alpha)
            potential = scaling.deltaV(0) * alphaPower * x0 / d + alphaPower * psi0 * psi0 / 4
            kinetic = alphaPower * dpsi0 * dpsi0 / 4
            let linearPsi: (Double) -> Double = { rho in exp(lnA + self.logF(rho)) }
            if record {
                let n = 40
                for i in 0..<n {
                    let rho = x0 * Double(i) / Double(n)
                    let p = linearPsi(rho)
                    interior.append((rho, p, p * logDerivativeF(rho)))
                }
            }
        } else {
            // Far from the true vacuum: Taylor start φ = φ0 + V'(φ0) r²/(2d) at small ρ0.
            psi0 = a
            let slope = scaling.dW(a)
            rho0 = 1e-4 / max(1, abs(slope).squareRoot())
            let psiStart = a + slope * rho0 * rho0 / (2 * d)
            dpsi0 = slope * rho0 / d
            kinetic = 0.5 * pow(slope / d, 2) * pow(rho0, d + 2) / (d + 2)
            potential = scaling.deltaV(a) * pow(rho0, d) / d
            if record { interior.append((0, a, 0)) }
            psi0 = psiStart
        }

        // ψ, ψ', K, U with K' = ρ^α ψ'²/2 and U' = ρ^α ΔV(ψ); shots that only steer the search (`withAction` false)
        // integrate ψ, ψ' alone (half the Runge–Kutta arithmetic, no ΔV).
        // (The right-hand sides are small generic structs holding what they need, not closures over `self`: such a
        // closure copied the whole context, with its integrator, at every evaluation — 14 % of a polynomial bounce's
        // instructions — and, being a value, was not always inlined into the Runge–Kutta stages.)
        if withAction {
            return try trajectory(lnA: lnA, rho0: rho0, start: SIMD4(psi0, dpsi0, kinetic, potential), interior: interior,
                                  equations: ProfileAndActionEquations(scaling: scaling, alpha: alpha))
        }
        return try trajectory(lnA: lnA, rho0: rho0, start: SIMD2(psi0, dpsi0), interior: interior,
                              equations: ProfileEquations(scaling: scaling, alpha: alpha))
    }

    /// Integrates one trajectory from (ρ0, start) to its overshoot or undershoot. State: ψ, ψ′ and, with four
    /// components, the action's kinetic and potential parts (zero in the shot otherwise).
    @inline(__always)
    func trajectory<Equations: ShotEquations>(lnA: Double, rho0: Double, start: Equations.State, interior: [(Double, Double, Double)],
                                              equations: Equations) throws -> Shot {
        typealias State = Equations.State
        let a = exp(lnA)
        let psi0 = start[0], dpsi0 = start[1]
        var miss = 0.0
        var previous = (rho0, start)
        // Wall radius: where φ is half-way between φ(0) and φ_false (ψ(0) = A; for a thin wall ψ = 1/2).
        var halfway = Double.nan
        let halfTarget = 0.5 * (1 + min(a, 1))
        var maxSlope = abs(dpsi0)
        var profile = interior
        if record { profile.append((rho0, psi0, dpsi0)) }
        var stopState = start, endState = start
        var stop = (0.0, 0.0, 0.0)
        var finished = false
        let end = rho0 + rangeAfterStart
        let outcome = try integrator.integrate(from: rho0, start, to: end, initialStep: 1e-3, rhs: { equations.derivative($0, $1) },
            observer: { rho, y in
                if record { profile.append((rho, y[0], y[1])) }
                maxSlope = max(maxSlope, abs(y[1]))
                if halfway.isNaN && y[0] >= halfTarget && previous.1[0] < halfTarget {
                    // The crossing on the cubic Hermite interpolant of (φ, φ') over the step (error O(h⁴), not the O(h²) of a
                    // chord: R_0 then does not depend on how the step size control placed the steps). Newton from the chord.
                    let (p0, m0, p1, m1, h) = (previous.1[0], previous.1[1], y[0], y[1], rho - previous.0)
                    var t = (halfTarget - p0) / (p1 - p0)
                    for _ in 0..<6 {
                        let t2 = t * t, t3 = t2 * t
                        let value = (2 * t3 - 3 * t2 + 1) * p0 + (t3 - 2 * t2 + t) * h * m0 + (-2 * t3 + 3 * t2) * p1 + (t3 - t2) * h * m1
                        let slope = (6 * t2 - 6 * t) * p0 + (3 * t2 - 4 * t + 1) * h * m0 + (-6 * t2 + 6 * t) * p1 + (3 * t2 - 2 * t) * h * m1
                        guard slope > 0 else { break }
                        t = min(max(t - (value - halfTarget) / slope, 0), 1)
                    }
                    halfway = previous.0 + t * h
                }
                if y[0] >= 1 {
                    // Overshoot: speed when crossing φ_f (linear interpolation inside the step);
                    // the action integrals are interpolated back to the crossing too.
                    let t = (1 - previous.1[0]) / (y[0] - previous.1[0])
                    // Near the root both miss measures go like √|ln A − ln A*|; squaring them (and dividing the
                    // speed by the false-vacuum mass) makes them ~linear, up to logarithms and with different
                    // slopes on the two sides (hence the growing mode's amplitude for the last steps).
                    let speed = (previous.1[1] + t * (y[1] - previous.1[1])) / falseMass
                    miss = speed * speed
                    stopState = previous.1 + t * (y - previous.1)
                    endState = y
                    stop = (rho, y[0] - 1, y[1])
                    finished = true
                    return .stop
                }
                if y[1] < 0 {
                    // Undershoot: turned back short of φ_f.
                    let short = 1 - max(y[0], previous.1[0])
                    miss = -short * short
                    stopState = y[0] >= previous.1[0] ? y : previous.1
                    endState = y
                    stop = (rho, y[0] - 1, y[1])
                    finished = true
                    return .stop
                }
                previous = (rho, y)
                return .proceed
            })
        if !finished {
            // Neither overshoot nor undershoot within the range: only an arrival at the false vacuum is a solution.
            stopState = outcome.state
            guard abs(1 - stopState[0]) < 1e-6 else {
                throw BounceFailure.trajectoryStalled(lnA: lnA, psi: stopState[0])
            }
            miss = 0
        }
        if halfway.isNaN { halfway = rho0 }   // started beyond the half-way point (only for ψ(0) ≥ 1)
        let withActionParts = State.scalarCount >= 4
        // Ended in the linear region around φ_f (a near miss): the action corrected to the bounce's. The correction is read
        // at the end of the last step, so the action's parts are taken there too, not interpolated back to the crossing
        // (the mismatch, ~2 m_f h of the correction, left S 2e-8 low at m_f h ~ 0.6).
        let correction = withActionParts && correctsAction && finished && abs(stop.1) <= 1e-3 && abs(stop.2) <= 1e-3 * falseMass
            ? actionToBounce(rho: stop.0, delta: stop.1, slope: stop.2) : 0
        if correction != 0 { stopState = endState }
        return Shot(lnA: lnA, miss: miss, kinetic: withActionParts ? stopState[2] : 0, potential: withActionParts ? stopState[3] : 0,
                    halfwayRadius: halfway, maxSlope: maxSlope, profile: record ? profile : nil,
                    stopRho: stop.0, stopDelta: stop.1, stopSlope: stop.2, actionCorrection: correction)
    }
}
