import _CGSL

/// A failure reported by GSL, turned into a Swift error instead of GSL's default `abort()`.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The GSL status code (`GSL_EMAXITER`, `GSL_EROUND`, ...).
    public let status: Int32
    /// Which call failed, and why, in words.
    public let context: String

    public init(status: Int32, context: String) {
        self.status = status
        self.context = context
    }

    /// What went wrong, as a type (callers never compare raw GSL status numbers).
    public enum Kind: Sendable, Equatable {
        /// Round-off prevents the requested tolerance (GSL_EROUND).
        case roundOff
        /// The iteration or subdivision limit was reached (GSL_EMAXITER).
        case iterationLimit
        /// A singularity or extremely bad integrand behaviour (GSL_ESING).
        case singularity
        /// An integral or series that looks divergent (GSL_EDIVERGE).
        case divergence
        /// A non-finite function value (GSL_EBADFUNC).
        case badFunction
        case other(Int32)
    }

    public var kind: Kind {
        switch status {
        case Int32(GSL_EROUND): return .roundOff
        case Int32(GSL_EMAXITER): return .iterationLimit
        case Int32(GSL_ESING): return .singularity
        case Int32(GSL_EDIVERGE): return .divergence
        case Int32(GSL_EBADFUNC): return .badFunction
        default: return .other(status)
        }
    }

    public var description: String {
        let reason = String(cString: gsl_strerror(status))
        return "\(context): \(reason) (GSL status \(status))"
    }
}

/// GSL's default error handler aborts the process (an overflowing special function is enough).
/// It is switched off exactly once, lazily and thread-safely (a global `let` is initialised
/// under `swift_once`); every wrapper touches this before calling GSL and checks status codes.
let gslErrorHandlerOff: Void = {
    _ = gsl_set_error_handler_off()
}()

@inline(__always)
func ensureGSLReady() { _ = gslErrorHandlerOff }

@inline(__always)
func check(_ status: Int32, _ context: @autoclosure () -> String) throws {
    if status != Int32(GSL_SUCCESS) { throw GSLError(status: status, context: context()) }
}

/// A generic numerical failure that is not a GSL status (non-finite values, bad brackets).
public struct NumericalError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
