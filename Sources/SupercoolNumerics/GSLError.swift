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
