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
    }

    /// Integrate from (t0, y0) towards tEnd, calling `observer(t, y)` after each accepted step.
    /// Throws if GSL reports a failure, the step size underflows, or `maxSteps` is exceeded.
    public func integrate<State: SIMD>(
        from t0: Double, _ y0: State, to tEnd: Double, initialStep: Double,
        rhs: (Double, State) -> State,
        observer: (Double, State) -> StepDecision
    ) throws -> Outcome<State> where State.Scalar == Double {
        ensureGSLReady()
        let dimension = State.scalarCount
        let type: UnsafePointer<gsl_odeiv2_step_type>!
        switch stepper {
        case .rk8pd: type = cgsl_odeiv2_rk8pd()
        case .rkf45: type = cgsl_odeiv2_rkf45()
        case .rkck: type = cgsl_odeiv2_rkck()
        }
        guard let step = gsl_odeiv2_step_alloc(type, dimension),
              let control = gsl_odeiv2_control_y_new(absoluteTolerance, relativeTolerance),
              let evolve = gsl_odeiv2_evolve_alloc(dimension) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "ODE workspace")
        }
        defer {
            gsl_odeiv2_evolve_free(evolve)
            gsl_odeiv2_control_free(control)
            gsl_odeiv2_step_free(step)
        }
        return try withoutActuallyEscaping(rhs) { escapable in
            let box = VectorFieldBox { t, y, dydt in
                var state = State()
                for i in 0..<State.scalarCount { state[i] = y[i] }
                let d = escapable(t, state)
                for i in 0..<State.scalarCount { dydt[i] = d[i] }
            }
            return try withExtendedLifetime(box) {
                var system = gsl_odeiv2_system(
                    function: { t, y, dydt, params in
                        Unmanaged<VectorFieldBox>.fromOpaque(params!).takeUnretainedValue().f(t, y!, dydt!)
                        return Int32(GSL_SUCCESS)
                    },
                    jacobian: nil,
                    dimension: dimension,
                    params: Unmanaged.passUnretained(box).toOpaque())
                var y = [Double](repeating: 0, count: dimension)
                for i in 0..<dimension { y[i] = y0[i] }
                var t = t0
                var h = initialStep
                var steps = 0
                while steps < maxSteps {
                    if (tEnd - t) * (tEnd - t0) <= 0 {
                        return Outcome(t: t, state: Self.load(y), steps: steps, stoppedByObserver: false)
                    }
                    let status = y.withUnsafeMutableBufferPointer { yp in
                        gsl_odeiv2_evolve_apply(evolve, control, step, &system, &t, tEnd, &h, yp.baseAddress)
                    }
                    steps += 1
                    try check(status, "ODE step at t = \(t)")
                    let state: State = Self.load(y)
                    for i in 0..<dimension where !state[i].isFinite {
                        throw NumericalError("ODE: non-finite state at t = \(t)")
                    }
                    if observer(t, state) == .stop {
                        return Outcome(t: t, state: state, steps: steps, stoppedByObserver: true)
                    }
                }
                throw NumericalError("ODE: more than \(maxSteps) steps before t = \(tEnd) (reached t = \(t))")
            }
        }
    }

    @inline(__always)
    private static func load<State: SIMD>(_ y: [Double]) -> State where State.Scalar == Double {
        var s = State()
        for i in 0..<State.scalarCount { s[i] = y[i] }
        return s
    }
}

/// Non-generic box (a C callback cannot capture generic parameters).
final class VectorFieldBox {
    let f: (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    init(_ f: @escaping (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) { self.f = f }
}
