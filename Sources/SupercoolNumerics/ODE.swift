import _CGSL

/// What an observer wants after each accepted step of the adaptive integrator.
public enum StepDecision: Sendable {
    case proceed
    case stop
}

/// Adaptive explicit Runge–Kutta integration (GSL `gsl_odeiv2_evolve`) of y' = f(t, y) for a
/// state held in a SIMD vector (value semantics, no pointers outside this file).
public struct AdaptiveODEIntegrator: Sendable {
    public enum Stepper: Sendable {
        /// Prince–Dormand 8(9): high order, the default for smooth problems.
        case rk8pd
        /// Runge–Kutta–Fehlberg 4(5).
        case rkf45
        /// Cash–Karp 4(5).
        case rkck
    }

    public var stepper: Stepper
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    /// Hard bound on accepted + rejected steps per call (every loop is bounded).
    public var maxSteps: Int
    /// Components of the state whose error does not steer the step size (e.g. running integrals of a
    /// noisy integrand, which need no step control of their own): their weight in the error test is 0.
    public var uncontrolledComponents: Set<Int> = []
    /// Per-component absolute scales s_i: the error test becomes |err_i| ≤ ε_abs s_i + ε_rel |y_i| (GSL's scaled control),
    /// for states whose components live on very different scales (each one's negligible level). nil: s_i = 1.
    public var absoluteScales: [Double]? = nil

    public init(stepper: Stepper = .rk8pd, absoluteTolerance: Double = 1e-12, relativeTolerance: Double = 1e-10, maxSteps: Int = 100_000) {
        self.stepper = stepper
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.maxSteps = maxSteps
    }

    public struct Outcome<State: SIMD>: Sendable where State: Sendable, State.Scalar == Double {
        public let t: Double
        public let state: State
        public let steps: Int
        /// True if the observer stopped the integration; false if `tEnd` was reached.
        public let stoppedByObserver: Bool
        @inlinable public init(t: Double, state: State, steps: Int, stoppedByObserver: Bool) {
            self.t = t; self.state = state; self.steps = steps; self.stoppedByObserver = stoppedByObserver
        }
    }

    /// Integrate the system y' = rhs(t, y) (any SIMD state of Doubles: SIMD4 for a bounce, SIMD8 for several running
    /// integrals side by side) from (t0, y0) towards tEnd, calling `observer(t, y)` after each accepted step. Throws if GSL
    /// reports a failure, the state becomes non-finite, or `maxSteps` is exceeded. rk8pd runs in Swift
    /// (`integratePrinceDormand`, the same steps as GSL's), specialised into the caller; the other steppers through GSL.
    @inlinable @inline(__always)
    public func integrate<State: SIMD>(
        from t0: Double, _ y0: State, to tEnd: Double, initialStep: Double,
        rhs: (Double, State) -> State,
        observer: (Double, State) -> StepDecision
    ) throws -> Outcome<State> where State.Scalar == Double {
        if stepper == .rk8pd {
            return try integratePrinceDormand(from: t0, y0, to: tEnd, initialStep: initialStep, rhs: rhs, observer: observer)
        }
        func load(_ y: UnsafePointer<Double>) -> State {
            var s = State()
            for i in 0..<State.scalarCount { s[i] = y[i] }
            return s
        }
        let result = try integrateRaw(
            from: t0, (0..<State.scalarCount).map { y0[$0] }, to: tEnd, initialStep: initialStep,
            rhs: { t, y, dydt in
                let d = rhs(t, load(y))
                for i in 0..<State.scalarCount { dydt[i] = d[i] }
            },
            observer: { t, y in observer(t, load(y)) })
        return result.state.withUnsafeBufferPointer { Outcome(t: result.t, state: load($0.baseAddress!), steps: result.steps, stoppedByObserver: result.stopped) }
    }

    @usableFromInline
    func integrateRaw(
        from t0: Double, _ y0: [Double], to tEnd: Double, initialStep: Double,
        rhs: (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void,
        observer: (Double, UnsafePointer<Double>) -> StepDecision
    ) throws -> (t: Double, state: [Double], steps: Int, stopped: Bool) {
        ensureGSLReady()
        let dimension = y0.count
        let type: UnsafePointer<gsl_odeiv2_step_type>!
        switch stepper {
        case .rk8pd: type = cgsl_odeiv2_rk8pd()
        case .rkf45: type = cgsl_odeiv2_rkf45()
        case .rkck: type = cgsl_odeiv2_rkck()
        }
        guard let step = gsl_odeiv2_step_alloc(type, dimension),
              let control = makeControl(dimension: dimension),
              let evolve = gsl_odeiv2_evolve_alloc(dimension) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "ODE workspace")
        }
        defer {
            gsl_odeiv2_evolve_free(evolve)
            gsl_odeiv2_control_free(control)
            gsl_odeiv2_step_free(step)
        }
        return try withoutActuallyEscaping(rhs) { escapable in
            let box = VectorFieldBox(escapable)
            return try withExtendedLifetime(box) {
                var system = gsl_odeiv2_system(
                    function: { t, y, dydt, params in
                        Unmanaged<VectorFieldBox>.fromOpaque(params!).takeUnretainedValue().f(t, y!, dydt!)
                        return Int32(GSL_SUCCESS)
                    },
                    jacobian: nil,
                    dimension: dimension,
                    params: Unmanaged.passUnretained(box).toOpaque())
                var y = y0
                var t = t0
                var h = initialStep
                var steps = 0
                while steps < maxSteps {
                    if (tEnd - t) * (tEnd - t0) <= 0 { return (t, y, steps, false) }
                    let status = y.withUnsafeMutableBufferPointer { yp in
                        gsl_odeiv2_evolve_apply(evolve, control, step, &system, &t, tEnd, &h, yp.baseAddress)
                    }
                    steps += 1
                    try check(status, "ODE step at t = \(t)")
                    for i in 0..<dimension where !y[i].isFinite {
                        throw NumericalError("ODE: non-finite state at t = \(t)")
                    }
                    let decision = y.withUnsafeBufferPointer { observer(t, $0.baseAddress!) }
                    if decision == .stop { return (t, y, steps, true) }
                }
                throw NumericalError("ODE: more than \(maxSteps) steps before t = \(tEnd) (reached t = \(t))")
            }
        }
    }

}

extension AdaptiveODEIntegrator {
    /// The standard y-control (error ≤ ε_abs + ε_rel |y_i|), or a scaled one where the uncontrolled components'
    /// absolute scale is so large that their error never rejects a step.
    func makeControl(dimension: Int) -> UnsafeMutablePointer<gsl_odeiv2_control>? {
        if uncontrolledComponents.isEmpty && absoluteScales == nil { return gsl_odeiv2_control_y_new(absoluteTolerance, relativeTolerance) }
        let scales = (0..<dimension).map { i in
            uncontrolledComponents.contains(i) ? 1e300 : (absoluteScales.map { i < $0.count ? $0[i] : 1 } ?? 1.0)
        }
        return gsl_odeiv2_control_scaled_new(absoluteTolerance, relativeTolerance, 1, 0, scales, dimension)
    }
}

/// Non-generic box (a C callback cannot capture generic parameters).
final class VectorFieldBox {
    let f: (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    init(_ f: @escaping (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) { self.f = f }
}
