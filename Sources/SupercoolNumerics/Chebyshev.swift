#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interpolation at the n Chebyshev–Gauss nodes t_k = cos(π(k + ½)/n) of [−1, 1]: node values → coefficients by the
/// discrete cosine transform (Press et al., Numerical Recipes §5.8), with c₀ halved so that f ≈ Σ_j c_j T_j(t).
/// The cosines are computed once per n (the piecewise tables fit many pieces of one degree).
public struct ChebyshevTransform: Sendable {
    public let nodes: [Double]
    let cosines: [Double]   // cos(π j (k + ½)/n) at j n + k

    public init(points n: Int) {
        precondition(n >= 1)
        nodes = (0..<n).map { cos(Double.pi * (Double($0) + 0.5) / Double(n)) }
        var c = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for k in 0..<n { c[j * n + k] = cos(Double.pi * Double(j) * (Double(k) + 0.5) / Double(n)) } }
        cosines = c
    }

    /// The coefficients of the interpolant through (nodes[k], values[k]).
    public func coefficients(_ values: [Double]) -> [Double] {
        let n = nodes.count
        precondition(values.count == n)
        var c = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var sum = 0.0
            for k in 0..<n { sum += values[k] * cosines[j * n + k] }
            c[j] = 2 * sum / Double(n)
        }
        c[0] *= 0.5
        return c
    }
}

/// A value Clenshaw's recurrence can sum: a number, or several numbers side by side (SIMD2: two series at once).
@usableFromInline protocol ClenshawTerm {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Double, rhs: Self) -> Self
}
extension Double: ClenshawTerm {}
extension SIMD2: ClenshawTerm where Scalar == Double {}

/// Σ_j c_j T_j(t) for |t| ≤ 1 by Clenshaw's recurrence (Numerical Recipes §5.8; c₀ as stored by `ChebyshevTransform`,
/// already halved): the one implementation behind `ChebyshevSeries` and `PiecewiseChebyshevTable`.
@inlinable @inline(__always)
func clenshawSum<Term: ClenshawTerm>(_ c: UnsafePointer<Term>, count n: Int, at t: Double) -> Term {
    let t2 = 2 * t
    var b1 = Term.zero, b2 = Term.zero
    var j = n - 1
    while j >= 1 {
        let b0 = c[j] + t2 * b1 - b2
        b2 = b1; b1 = b0
        j -= 1
    }
    return c[0] + t * b1 - b2
}

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
        let transform = ChebyshevTransform(points: order + 1)
        let half = 0.5 * (upper - lower), mid = 0.5 * (upper + lower)
        let values = try transform.nodes.map { try f(mid + half * $0) }
        self.init(lower: lower, upper: upper, coefficients: transform.coefficients(values))
    }

    @inline(__always)
    public func callAsFunction(_ x: Double) -> Double {
        let t = (2.0 * x - lower - upper) / (upper - lower)
        return coefficients.withUnsafeBufferPointer { clenshawSum($0.baseAddress!, count: $0.count, at: t) }
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
