import _CGSL

/// Adaptive Gauss–Kronrod quadrature (GSL QAGS, QAGIU, CQUAD) behind a closure API.
public struct Quadrature: Sendable {
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    /// Maximum number of subintervals (bounds the work).
    public var workspaceLimit: Int

    public init(absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-10, workspaceLimit: Int = 1000) {
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.workspaceLimit = workspaceLimit
    }

    public struct Result: Sendable {
        public let value: Double
        public let estimatedError: Double
    }

    /// ∫_a^b f(x) dx with integrable end-point singularities allowed (QAGS).
    public func integrate(_ f: (Double) -> Double, from a: Double, to b: Double) throws -> Result {
        try withGSLFunction(f) { fn in
            try withWorkspace { ws in
                var value = 0.0, err = 0.0
                let status = gsl_integration_qags(fn, a, b, absoluteTolerance, relativeTolerance,
                                                  workspaceLimit, ws, &value, &err)
                try check(status, "quadrature on [\(a), \(b)]")
                return Result(value: value, estimatedError: err)
            }
        }
    }

    /// One QAGS attempt that reports GSL's status instead of throwing (intervals a few ulps wide: Simpson).
    public struct Attempt: Sendable {
        public let value: Double
        public let estimatedError: Double
        public let status: Int32
        /// GSL stopped early on round-off, the iteration limit, a "singularity" or "divergence" of its extrapolation:
        /// the estimate is then still QAGS's best, and a caller may accept it if its error is small enough.
        public var stoppedEarly: Bool {
            [Int32(GSL_EROUND), Int32(GSL_EMAXITER), Int32(GSL_ESING), Int32(GSL_EDIVERGE)].contains(status) && value.isFinite && estimatedError.isFinite
        }
        public var succeeded: Bool { status == Int32(GSL_SUCCESS) }
    }

    public func attempt(_ f: (Double) -> Double, from a: Double, to b: Double) throws -> Attempt {
        // QAGS cannot bisect an interval a few ulps wide (it reports a "singularity"); on it a smooth
        // integrand is a polynomial to round-off, so Simpson's rule is exact (error: Simpson − trapezoid bound).
        if abs(b - a) <= Self.narrowIntervalWidth * max(abs(a), abs(b)) {
            let simpson = Self.simpson(f, from: a, to: b, intervals: 2)
            let trapezoid = 0.5 * (b - a) * (f(a) + f(b))
            guard simpson.isFinite else { throw NumericalError("quadrature on [\(a), \(b)]: integrand not finite") }
            return Attempt(value: simpson, estimatedError: abs(simpson - trapezoid), status: Int32(GSL_SUCCESS))
        }
        return try withGSLFunction(f) { fn in
            try withWorkspace { ws in
                var value = 0.0, err = 0.0
                let status = gsl_integration_qags(fn, a, b, absoluteTolerance, relativeTolerance,
                                                  workspaceLimit, ws, &value, &err)
                return Attempt(value: value, estimatedError: err, status: status)
            }
        }
    }

    /// ∫_a^b f(x) dx by QAGS, but when GSL stops on round-off or the iteration limit (its estimate is
    /// then still the best available) the estimate is returned with its error instead of an error, if that
    /// error is below 1e-3 of the value (or the absolute tolerance). For integrands of smooth interpolants,
    /// where round-off is the expected limit.
    public func integrateBestEffort(_ f: (Double) -> Double, from a: Double, to b: Double) throws -> Result {
        let r = try attempt(f, from: a, to: b)
        if !r.succeeded && !(r.stoppedEarly && r.estimatedError <= 1e-3 * abs(r.value) + absoluteTolerance) {
            throw GSLError(status: r.status, context: "quadrature on [\(a), \(b)] (estimate \(r.value) ± \(r.estimatedError))")
        }
        return Result(value: r.value, estimatedError: r.estimatedError)
    }

    /// Intervals narrower than this (relative to the larger end) are below QAGS's resolution.
    public static let narrowIntervalWidth = 1e-9

    /// Composite Simpson rule ∫_a^b f with `intervals` (even, ≥ 2) equal sub-intervals.
    public static func simpson(_ f: (Double) -> Double, from a: Double, to b: Double, intervals n: Int) -> Double {
        precondition(n >= 2 && n % 2 == 0, "Simpson's rule needs an even number of intervals")
        let h = (b - a) / Double(n)
        var sum = f(a) + f(b)
        for i in 1..<n { sum += f(a + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
        return sum * h / 3
    }

    /// ∫_a^∞ f(x) dx (QAGIU).
    public func integrate(_ f: (Double) -> Double, from a: Double, toInfinity: Void = ()) throws -> Result {
        try withGSLFunction(f) { fn in
            try withWorkspace { ws in
                var value = 0.0, err = 0.0
                let status = gsl_integration_qagiu(fn, a, absoluteTolerance, relativeTolerance,
                                                   workspaceLimit, ws, &value, &err)
                try check(status, "quadrature on [\(a), ∞)")
                return Result(value: value, estimatedError: err)
            }
        }
    }

    /// ∫_a^b f(x) dx by the doubly adaptive CQUAD scheme: slower than QAGS but robust against
    /// end-point singularities and non-finite values where QAGS's extrapolation gives up.
    public func integrateRobust(_ f: (Double) -> Double, from a: Double, to b: Double) throws -> Result {
        try withGSLFunction(f) { fn in
            ensureGSLReady()
            guard let ws = gsl_integration_cquad_workspace_alloc(200) else {
                throw GSLError(status: Int32(GSL_ENOMEM), context: "CQUAD workspace")
            }
            defer { gsl_integration_cquad_workspace_free(ws) }
            var value = 0.0, err = 0.0
            var evaluations = 0
            let status = gsl_integration_cquad(fn, a, b, absoluteTolerance, relativeTolerance, ws, &value, &err, &evaluations)
            try check(status, "CQUAD quadrature on [\(a), \(b)]")
            return Result(value: value, estimatedError: err)
        }
    }

    private func withWorkspace<R>(_ body: (UnsafeMutablePointer<gsl_integration_workspace>) throws -> R) throws -> R {
        ensureGSLReady()
        guard let ws = gsl_integration_workspace_alloc(workspaceLimit) else {
            throw GSLError(status: Int32(GSL_ENOMEM), context: "quadrature workspace")
        }
        defer { gsl_integration_workspace_free(ws) }
        return try body(ws)
    }
}

/// Boxes a Swift closure so that GSL can call it through a C function pointer.
final class ScalarFunctionBox {
    let f: (Double) -> Double
    init(_ f: @escaping (Double) -> Double) { self.f = f }
}

func withGSLFunction<R>(_ f: (Double) -> Double, _ body: (UnsafeMutablePointer<gsl_function>) throws -> R) throws -> R {
    ensureGSLReady()
    return try withoutActuallyEscaping(f) { escapable in
        let box = ScalarFunctionBox(escapable)
        return try withExtendedLifetime(box) {
            var fn = gsl_function(
                function: { x, params in
                    Unmanaged<ScalarFunctionBox>.fromOpaque(params!).takeUnretainedValue().f(x)
                },
                params: Unmanaged.passUnretained(box).toOpaque())
            return try body(&fn)
        }
    }
}
