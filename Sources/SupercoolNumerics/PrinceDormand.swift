#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Prince–Dormand 8(7) tableau (Prince & Dormand, J. Comp. Appl. Math. 7 (1981) 67, table 2 — the
/// rational approximations that GSL's `rk8pd` uses, so that both integrators take the same steps).
/// `c` are the nodes, `aK` the rows of the Runge–Kutta matrix (zero columns 2, 3 left out from row 6 on),
/// `b8` the 8th-order weights that advance the state, `b7` the embedded 7th-order ones for the error.
@usableFromInline
enum PrinceDormand87 {
    @usableFromInline static let c2 = 1.0 / 18.0, c3 = 1.0 / 12.0, c4 = 1.0 / 8.0, c5 = 5.0 / 16.0, c6 = 3.0 / 8.0
    @usableFromInline static let c7 = 59.0 / 400.0, c8 = 93.0 / 200.0, c9 = 5490023248.0 / 9719169821.0, c10 = 13.0 / 20.0
    @usableFromInline static let c11 = 1201146811.0 / 1299019798.0
    @usableFromInline static let a21 = 1.0 / 18.0
    @usableFromInline static let a3: (Double, Double) = (1.0 / 48.0, 1.0 / 16.0)
    @usableFromInline static let a4: (Double, Double) = (1.0 / 32.0, 3.0 / 32.0)                          // k1, k3
    @usableFromInline static let a5: (Double, Double, Double) = (5.0 / 16.0, -75.0 / 64.0, 75.0 / 64.0)    // k1, k3, k4
    @usableFromInline static let a6: (Double, Double, Double) = (3.0 / 80.0, 3.0 / 16.0, 3.0 / 20.0)       // k1, k4, k5
    // From here on: k1, k4, k5, k6, …
    @usableFromInline static let a7: (Double, Double, Double, Double) =
        (29443841.0 / 614563906.0, 77736538.0 / 692538347.0, -28693883.0 / 1125000000.0, 23124283.0 / 1800000000.0)
    @usableFromInline static let a8: (Double, Double, Double, Double, Double) =
        (16016141.0 / 946692911.0, 61564180.0 / 158732637.0, 22789713.0 / 633445777.0, 545815736.0 / 2771057229.0,
         -180193667.0 / 1043307555.0)
    @usableFromInline static let a9: (Double, Double, Double, Double, Double, Double) =
        (39632708.0 / 573591083.0, -433636366.0 / 683701615.0, -421739975.0 / 2616292301.0, 100302831.0 / 723423059.0,
         790204164.0 / 839813087.0, 800635310.0 / 3783071287.0)
    @usableFromInline static let a10: (Double, Double, Double, Double, Double, Double, Double) =
        (246121993.0 / 1340847787.0, -37695042795.0 / 15268766246.0, -309121744.0 / 1061227803.0, -12992083.0 / 490766935.0,
         6005943493.0 / 2108947869.0, 393006217.0 / 1396673457.0, 123872331.0 / 1001029789.0)
    @usableFromInline static let a11: (Double, Double, Double, Double, Double, Double, Double, Double) =
        (-1028468189.0 / 846180014.0, 8478235783.0 / 508512852.0, 1311729495.0 / 1432422823.0, -10304129995.0 / 1701304382.0,
         -48777925059.0 / 3047939560.0, 15336726248.0 / 1032824649.0, -45442868181.0 / 3398467696.0, 3065993473.0 / 597172653.0)
    @usableFromInline static let a12: (Double, Double, Double, Double, Double, Double, Double, Double, Double) =
        (185892177.0 / 718116043.0, -3185094517.0 / 667107341.0, -477755414.0 / 1098053517.0, -703635378.0 / 230739211.0,
         5731566787.0 / 1027545527.0, 5232866602.0 / 850066563.0, -4093664535.0 / 808688257.0, 3962137247.0 / 1805957418.0,
         65686358.0 / 487910083.0)
    @usableFromInline static let a13: (Double, Double, Double, Double, Double, Double, Double, Double, Double) =
        (403863854.0 / 491063109.0, -5068492393.0 / 434740067.0, -411421997.0 / 543043805.0, 652783627.0 / 914296604.0,
         11173962825.0 / 925320556.0, -13158990841.0 / 6184727034.0, 3936647629.0 / 1978049680.0, -160528059.0 / 685178525.0,
         248638103.0 / 1413531060.0)
    // Weights of k1, k6 … k13.
    @usableFromInline static let b8: (Double, Double, Double, Double, Double, Double, Double, Double, Double) =
        (14005451.0 / 335480064.0, -59238493.0 / 1068277825.0, 181606767.0 / 758867731.0, 561292985.0 / 797845732.0,
         -1041891430.0 / 1371343529.0, 760417239.0 / 1151165299.0, 118820643.0 / 751138087.0, -528747749.0 / 2220607170.0, 1.0 / 4.0)
    @usableFromInline static let b7: (Double, Double, Double, Double, Double, Double, Double, Double) =
        (13451932.0 / 455176623.0, -808719846.0 / 976000145.0, 1757004468.0 / 5645159321.0, 656045339.0 / 265891186.0,
         -3867574721.0 / 1518517206.0, 465885868.0 / 322736535.0, 53011238.0 / 667516719.0, 2.0 / 45.0)
}

extension AdaptiveODEIntegrator {
    /// Adaptive Prince–Dormand 8(7) in Swift, generic over the state and inlinable, so that the right-hand side and the
    /// observer are specialised into the caller (no closure context, retain or C callback per evaluation; no workspace
    /// to allocate). It takes the steps GSL's `gsl_odeiv2_evolve_apply` with `rk8pd` and the standard (or scaled) y-control
    /// takes: the same tableau, summation order, error test max_i |err_i| / (ε_abs s_i + ε_rel |y_i|), step factors
    /// (0.9 r^{−1/8} down to 1/5 when r > 1.1, 0.9 r^{−1/9} up to 5 when r < 0.5) and last step clipped to tEnd; only
    /// the derivative at the start of a step is reused instead of evaluated twice (13 evaluations per step, GSL 14).
    /// Throws when the state becomes non-finite, the step cannot shrink further, or `maxSteps` steps are exceeded.
    @inlinable @inline(__always)
    public func integratePrinceDormand<State: SIMD>(
        from t0: Double, _ y0: State, to tEnd: Double, initialStep: Double,
        rhs: (Double, State) -> State,
        observer: (Double, State) -> StepDecision
    ) throws -> Outcome<State> where State.Scalar == Double {
        typealias P = PrinceDormand87
        // Error weights: an uncontrolled component never rejects a step (GSL: absolute scale 1e300).
        var scales = State(repeating: 1), controlled = State(repeating: 1)
        for i in 0..<State.scalarCount {
            if uncontrolledComponents.contains(i) { controlled[i] = 0 }
            if let s = absoluteScales, i < s.count { scales[i] = s[i] }
        }
        let epsAbs = absoluteTolerance, epsRel = relativeTolerance
        var t = t0, y = y0, h = initialStep
        var steps = 0
        var k1 = rhs(t, y)
        while steps < maxSteps {
            let dt = tEnd - t
            if dt * (tEnd - t0) <= 0 { return Outcome(t: t, state: y, steps: steps, stoppedByObserver: false) }
            var h0 = h
            var next: State
            var finalStep: Bool
            while true {
                finalStep = (dt >= 0 && h0 > dt) || (dt < 0 && h0 < dt)
                if finalStep { h0 = dt }
                // Σ_j a_j k_j summed left to right as in GSL (one typed term per line: long SIMD expressions defeat the type checker).
                let k2 = rhs(t + P.c2 * h0, y + (P.a21 * h0) * k1)
                var s3: State = P.a3.0 * k1
                s3 += P.a3.1 * k2
                let k3 = rhs(t + P.c3 * h0, y + h0 * s3)
                var s4: State = P.a4.0 * k1
                s4 += P.a4.1 * k3
                let k4 = rhs(t + P.c4 * h0, y + h0 * s4)
                var s5: State = P.a5.0 * k1
                s5 += P.a5.1 * k3
                s5 += P.a5.2 * k4
                let k5 = rhs(t + P.c5 * h0, y + h0 * s5)
                var s6: State = P.a6.0 * k1
                s6 += P.a6.1 * k4
                s6 += P.a6.2 * k5
                let k6 = rhs(t + P.c6 * h0, y + h0 * s6)
                var s7: State = P.a7.0 * k1
                s7 += P.a7.1 * k4
                s7 += P.a7.2 * k5
                s7 += P.a7.3 * k6
                let k7 = rhs(t + P.c7 * h0, y + h0 * s7)
                var s8: State = P.a8.0 * k1
                s8 += P.a8.1 * k4
                s8 += P.a8.2 * k5
                s8 += P.a8.3 * k6
                s8 += P.a8.4 * k7
                let k8 = rhs(t + P.c8 * h0, y + h0 * s8)
                var s9: State = P.a9.0 * k1
                s9 += P.a9.1 * k4
                s9 += P.a9.2 * k5
                s9 += P.a9.3 * k6
                s9 += P.a9.4 * k7
                s9 += P.a9.5 * k8
                let k9 = rhs(t + P.c9 * h0, y + h0 * s9)
                var s10: State = P.a10.0 * k1
                s10 += P.a10.1 * k4
                s10 += P.a10.2 * k5
                s10 += P.a10.3 * k6
                s10 += P.a10.4 * k7
                s10 += P.a10.5 * k8
                s10 += P.a10.6 * k9
                let k10 = rhs(t + P.c10 * h0, y + h0 * s10)
                var s11: State = P.a11.0 * k1
                s11 += P.a11.1 * k4
                s11 += P.a11.2 * k5
                s11 += P.a11.3 * k6
                s11 += P.a11.4 * k7
                s11 += P.a11.5 * k8
                s11 += P.a11.6 * k9
                s11 += P.a11.7 * k10
                let k11 = rhs(t + P.c11 * h0, y + h0 * s11)
                var s12: State = P.a12.0 * k1
                s12 += P.a12.1 * k4
                s12 += P.a12.2 * k5
                s12 += P.a12.3 * k6
                s12 += P.a12.4 * k7
                s12 += P.a12.5 * k8
                s12 += P.a12.6 * k9
                s12 += P.a12.7 * k10
                s12 += P.a12.8 * k11
                let k12 = rhs(t + h0, y + h0 * s12)
                var s13: State = P.a13.0 * k1
                s13 += P.a13.1 * k4
                s13 += P.a13.2 * k5
                s13 += P.a13.3 * k6
                s13 += P.a13.4 * k7
                s13 += P.a13.5 * k8
                s13 += P.a13.6 * k9
                s13 += P.a13.7 * k10
                s13 += P.a13.8 * k11
                let k13 = rhs(t + h0, y + h0 * s13)
                var sum8: State = P.b8.0 * k1
                sum8 += P.b8.1 * k6
                sum8 += P.b8.2 * k7
                sum8 += P.b8.3 * k8
                sum8 += P.b8.4 * k9
                sum8 += P.b8.5 * k10
                sum8 += P.b8.6 * k11
                sum8 += P.b8.7 * k12
                sum8 += P.b8.8 * k13
                var sum7: State = P.b7.0 * k1
                sum7 += P.b7.1 * k6
                sum7 += P.b7.2 * k7
                sum7 += P.b7.3 * k8
                sum7 += P.b7.4 * k9
                sum7 += P.b7.5 * k10
                sum7 += P.b7.6 * k11
                sum7 += P.b7.7 * k12
                next = y + h0 * sum8
                let error: State = h0 * (sum7 - sum8)
                // The y-control: rmax = max_i |err_i| / D_i (a NaN ratio is skipped, as in GSL; the state check below catches it).
                var rmax = Double.leastNormalMagnitude
                for i in 0..<State.scalarCount where controlled[i] != 0 {
                    let r = abs(error[i]) / abs(epsRel * abs(next[i]) + epsAbs * scales[i])
                    rmax = r > rmax ? r : rmax
                }
                if rmax > 1.1 {
                    let factor = max(0.9 / pow(rmax, 1.0 / 8), 0.2)
                    let hOld = h0
                    h0 = factor * hOld
                    let tNext = t + h0
                    guard abs(h0) < abs(hOld) && tNext != t else {
                        throw NumericalError("ODE: the error test fails at the smallest step h = \(h0) at t = \(t)")
                    }
                    continue
                }
                if rmax < 0.5 && !finalStep {
                    h = h0 * min(max(0.9 / pow(rmax, 1.0 / 9), 1), 5)
                } else if !finalStep {
                    h = h0
                }
                break
            }
            t = finalStep ? tEnd : t + h0
            y = next
            steps += 1
            for i in 0..<State.scalarCount where !y[i].isFinite {
                throw NumericalError("ODE: non-finite state at t = \(t)")
            }
            if observer(t, y) == .stop { return Outcome(t: t, state: y, steps: steps, stoppedByObserver: true) }
            k1 = rhs(t, y)
        }
        throw NumericalError("ODE: more than \(maxSteps) steps before t = \(tEnd) (reached t = \(t))")
    }
}
