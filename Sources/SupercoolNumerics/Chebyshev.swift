#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Chebyshev series on [lower, upper], fitted by interpolation at the Chebyshev–Gauss nodes and
/// evaluated by Clenshaw's recurrence. Pure Swift: fast enough for the innermost loops (J_B, J_F).
public struct ChebyshevSeries: Sendable {
    public let lower: Double
    public let upper: Double
    public let coefficients: [Double]

    public init(lower: Double, upper: Double, coefficients: [Double]) {
        self.lower = lower; self.upper = upper; self.coefficients = coefficients
    }

    /// Fit `f` with `order + 1` coefficients (f is evaluated at `order + 1` nodes).
    public init(fitting f: (Double) throws -> Double, on lower: Double, _ upper: Double, order: Int) rethrows {
        let n = order + 1
        var values = [Double](repeating: 0, count: n)
        let half = 0.5 * (upper - lower), mid = 0.5 * (upper + lower)
        for k in 0..<n {
            let t = cos(Double.pi * (Double(k) + 0.5) / Double(n))
            values[k] = try f(mid + half * t)
        }
        var c = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var sum = 0.0
            for k in 0..<n { sum += values[k] * cos(Double.pi * Double(j) * (Double(k) + 0.5) / Double(n)) }
            c[j] = 2.0 * sum / Double(n)
        }
        c[0] *= 0.5
        self.init(lower: lower, upper: upper, coefficients: c)
    }

    @inline(__always)
    public func callAsFunction(_ x: Double) -> Double {
        let t = (2.0 * x - lower - upper) / (upper - lower)
        let t2 = 2.0 * t
        var b1 = 0.0, b2 = 0.0
        var j = coefficients.count - 1
        while j >= 1 {
            let b0 = coefficients[j] + t2 * b1 - b2
            b2 = b1; b1 = b0
            j -= 1
        }
        return coefficients[0] + t * b1 - b2
    }

    /// The derivative series d/dx (exact derivative of the fitted polynomial).
    public func derivative() -> ChebyshevSeries {
        let n = coefficients.count
        guard n > 1 else { return ChebyshevSeries(lower: lower, upper: upper, coefficients: [0]) }
        var d = [Double](repeating: 0, count: n)
        // Standard recurrence c'_{j-1} = c'_{j+1} + 2 j c_j (on [-1, 1]).
        var j = n - 1
        while j >= 1 {
            d[j - 1] = (j + 1 < n ? d[j + 1] : 0) + 2.0 * Double(j) * coefficients[j]
            j -= 1
        }
        d[0] *= 0.5
        let scale = 2.0 / (upper - lower)
        return ChebyshevSeries(lower: lower, upper: upper, coefficients: Array(d.prefix(n - 1)).map { $0 * scale })
    }

    /// Largest of the last three coefficient magnitudes: a cheap estimate of the truncation error.
    public var tailMagnitude: Double {
        coefficients.suffix(3).map { abs($0) }.max() ?? 0
    }
}
