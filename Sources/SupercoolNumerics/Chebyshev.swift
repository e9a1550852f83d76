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
    let powers: [Double]    // the coefficient of t^j in T_k at k n + j

    public init(points n: Int) {
        precondition(n >= 1)
        nodes = (0..<n).map { cos(Double.pi * (Double($0) + 0.5) / Double(n)) }
        var c = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for k in 0..<n { c[j * n + k] = cos(Double.pi * Double(j) * (Double(k) + 0.5) / Double(n)) } }
        cosines = c
        // T_0 = 1, T_1 = t, T_{k+1} = 2t T_k − T_{k−1}: integer coefficients, exact in double up to degree ~50.
        var p = [Double](repeating: 0, count: n * n)
        p[0] = 1
        if n > 1 { p[n + 1] = 1 }
        if n > 2 {
            for k in 2..<n {
                for j in 0..<n { p[k * n + j] = (j > 0 ? 2 * p[(k - 1) * n + j - 1] : 0) - p[(k - 2) * n + j] }
            }
        }
        powers = p
    }

    /// The power-basis coefficients a_j of Σ_k c_k T_k(t) = Σ_j a_j t^j (c as returned by `coefficients`). On [−1, 1]
    /// the change of basis costs up to Σ_k |c_k| (1 + √2)^k ulps (the size of T_k's coefficients): harmless for a
    /// converged series of modest degree (degree 12: ~1e-13 of the largest |c_k|; a table checks the result against f).
    public func powerBasis(_ c: [Double]) -> [Double] {
        let n = nodes.count
        precondition(c.count == n)
        var a = [Double](repeating: 0, count: n)
        for k in 0..<n where c[k] != 0 {
            for j in 0...k { a[j] += c[k] * powers[k * n + j] }
        }
        return a
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

/// A value a series can sum: a number, or several numbers side by side (SIMD2: two series at once).
@usableFromInline protocol SeriesTerm {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Double, rhs: Self) -> Self
}
extension Double: SeriesTerm {}
extension SIMD2: SeriesTerm where Scalar == Double {}

/// Σ_j c_j T_j(t) for |t| ≤ 1 by Clenshaw's recurrence (Numerical Recipes §5.8; c₀ as stored by `ChebyshevTransform`,
/// already halved): the one implementation behind `ChebyshevSeries` (a `PiecewiseChebyshevTable` stores its pieces in
/// powers of t instead, summed by `powerSeriesSum`).
@inlinable @inline(__always)
func clenshawSum<Term: SeriesTerm>(_ c: UnsafePointer<Term>, count n: Int, at t: Double) -> Term {
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

/// Σ_{j<16} a_j t^j by Estrin's scheme (Knuth, TAOCP vol. 2 §4.6.4): pairs a_{2i} + a_{2i+1} t, then pairs of pairs with
/// t², t⁴, t⁸. Its dependency chain is 4 multiply–adds deep where Horner's or Clenshaw's is 15, and a bounce's Runge–Kutta
/// stage waits on this value: measured, the DarkU1 bounce 0.206 → 0.146 ms with the table's degree-12 pieces.
@inlinable @inline(__always)
func estrinSum16<Term: SeriesTerm>(_ a: UnsafePointer<Term>, at t: Double, t2: Double, t4: Double, t8: Double) -> Term {
    let p0 = a[0] + t * a[1], p1 = a[2] + t * a[3], p2 = a[4] + t * a[5], p3 = a[6] + t * a[7]
    let p4 = a[8] + t * a[9], p5 = a[10] + t * a[11], p6 = a[12] + t * a[13], p7 = a[14] + t * a[15]
    let q0 = p0 + t2 * p1, q1 = p2 + t2 * p3, q2 = p4 + t2 * p5, q3 = p6 + t2 * p7
    return (q0 + t4 * q1) + t8 * (q2 + t4 * q3)
}

/// Σ_j a_j t^j for coefficients stored in blocks of 16 (zero-padded): Estrin within a block, Horner in t¹⁶ across blocks.
@inlinable @inline(__always)
func powerSeriesSum<Term: SeriesTerm>(_ a: UnsafePointer<Term>, blocks: Int, at t: Double) -> Term {
    let t2 = t * t, t4 = t2 * t2, t8 = t4 * t4
    var sum = estrinSum16(a + 16 * (blocks - 1), at: t, t2: t2, t4: t4, t8: t8)
    var block = blocks - 2
    if block >= 0 {
        let t16 = t8 * t8
        while block >= 0 {
            sum = estrinSum16(a + 16 * block, at: t, t2: t2, t4: t4, t8: t8) + t16 * sum
            block -= 1
        }
    }
    return sum
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
