#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A function and its derivative, tabulated once as Chebyshev interpolants on pieces of [lower, upper], for inner
/// loops that evaluate an expensive f thousands of times (the bounce's V and V′ at one temperature).
///
/// f and f′ are fitted separately (each from its own node values, so f′ is as accurate as f, not one order worse).
/// A piece is kept when the last two coefficients of both series are below `tolerance` × the largest |f| (resp. |f′|)
/// at its nodes — a relative error per piece, so a function that is small on a piece (V − V(0) ∝ φ² near φ = 0) keeps
/// its relative accuracy there, and its fit agrees with f and f′ at two points between the nodes to `tolerance`
/// (a kink or jump in a noisy f does not show in the tail); otherwise it is halved, down to `maxDepth` halvings. A piece that still fails (a
/// non-analytic point inside, e.g. a mass threshold m² = 0 where V″ has a log singularity) is marked for the exact
/// function: `evaluate` returns nil there and outside [lower, upper], and the caller evaluates f itself.
/// The fits are stored in powers of each piece's t and summed by Estrin's scheme (`powerSeriesSum`); the check between
/// the nodes is made on that stored form.
public struct PiecewiseChebyshevTable: Sendable {
    /// Piece i covers [breakpoints[i], breakpoints[i + 1]].
    public let breakpoints: [Double]
    /// Whether piece i is tabulated (false: the caller evaluates the function): read off the coefficients, NaN for a
    /// piece left to the caller.
    public var tabulated: [Bool] {
        (0..<(breakpoints.count - 1)).map { !coefficients[stride * $0].x.isNaN }
    }
    /// Interpolation degree (degree + 1 nodes per piece).
    public let degree: Int
    /// Function evaluations spent building the table.
    public let evaluations: Int
    /// Per piece: `stride` coefficient pairs (of f, of f′) of the fit in powers of the piece's t ∈ [−1, 1], zero-padded
    /// to blocks of 16 and interleaved so that one Estrin sum on SIMD2 gives both; NaN for a piece left to the caller.
    /// (The power basis, not Chebyshev's: Estrin's scheme then keeps the dependency chain 4 deep instead of Clenshaw's 13;
    /// the change of basis is covered by the check against f below.)
    @usableFromInline let coefficients: [SIMD2<Double>]
    /// Coefficient pairs per piece: degree + 1 rounded up to a multiple of 16.
    @usableFromInline let stride: Int

    /// Fits `function` (returning (f, f′)) on [lower, upper], starting from the pieces between `initialBreakpoints`
    /// (sorted, from lower to upper; the first and last are the domain's ends). Pieces listed in `exactPieces` (indices
    /// into the initial pieces) are not fitted. Throws what `function` throws.
    public init(initialBreakpoints: [Double], degree: Int = 24, tolerance: Double = 1e-11, maxDepth: Int = 8,
                exactPieces: Set<Int> = [], function: (Double) throws -> (Double, Double)) rethrows {
        precondition(initialBreakpoints.count >= 2 && degree >= 2)
        let n = degree + 1
        let stride = (n + 15) / 16 * 16
        let transform = ChebyshevTransform(points: n)
        let nodes = transform.nodes
        var points = [initialBreakpoints[0]]
        var coefficients = [SIMD2<Double>]()
        var evaluations = 0
        var values = [Double](repeating: 0, count: n), slopes = [Double](repeating: 0, count: n)

        func fit(_ a: Double, _ b: Double, depth: Int) throws {
            let mid = 0.5 * (a + b), half = 0.5 * (b - a)
            for k in 0..<n {
                let (f, df) = try function(mid + half * nodes[k])
                values[k] = f; slopes[k] = df
            }
            evaluations += n
            let cf = transform.coefficients(values), cd = transform.coefficients(slopes)
            let scaleF = values.map(abs).max() ?? 0, scaleD = slopes.map(abs).max() ?? 0
            let tailF = max(abs(cf[n - 1]), abs(cf[n - 2])), tailD = max(abs(cd[n - 1]), abs(cd[n - 2]))
            var converged = tailF <= tolerance * scaleF && tailD <= tolerance * scaleD && (cf + cd).allSatisfy(\.isFinite)
            // The stored form: powers of t, padded.
            var pairs = [SIMD2<Double>]()
            if converged {
                pairs = zip(transform.powerBasis(cf), transform.powerBasis(cd)).map { SIMD2($0, $1) }
                pairs += [SIMD2<Double>](repeating: .zero, count: stride - n)
                // The tail says nothing about a kink or a jump inside the piece (a noisy f), nor about the change of basis:
                // check the stored fit against f between the nodes, at the same tolerance.
                for t in [-0.61803398874989485, 0.38196601125010515] {
                    let (f, df) = try function(mid + half * t)
                    evaluations += 1
                    let fit = pairs.withUnsafeBufferPointer { powerSeriesSum($0.baseAddress!, blocks: stride / 16, at: t) }
                    if !(abs(fit.x - f) <= tolerance * scaleF && abs(fit.y - df) <= tolerance * scaleD) { converged = false }
                }
            }
            if converged {
                points.append(b); coefficients += pairs
            } else if depth < maxDepth {
                try fit(a, mid, depth: depth + 1)
                try fit(mid, b, depth: depth + 1)
            } else {
                points.append(b); coefficients += [SIMD2<Double>](repeating: SIMD2(.nan, .nan), count: stride)
            }
        }
        for i in 0..<(initialBreakpoints.count - 1) {
            let a = initialBreakpoints[i], b = initialBreakpoints[i + 1]
            if exactPieces.contains(i) {
                points.append(b); coefficients += [SIMD2<Double>](repeating: SIMD2(.nan, .nan), count: stride)
            } else {
                try fit(a, b, depth: 0)
            }
        }
        self.breakpoints = points
        self.degree = degree
        self.evaluations = evaluations
        self.coefficients = coefficients
        self.stride = stride
    }

    public var lower: Double { breakpoints[0] }
    public var upper: Double { breakpoints[breakpoints.count - 1] }

    /// (f, f′) at x from the table, or nil outside [lower, upper] or on a piece left to the exact function.
    @inlinable
    public func evaluate(_ x: Double) -> (value: Double, derivative: Double)? {
        // Raw storage, no second array for the flags (an exact piece's coefficients are NaN): ~230 → ~200 instructions.
        breakpoints.withUnsafeBufferPointer { b -> (Double, Double)? in
            let last = b.count - 1
            guard x >= b[0], x <= b[last] else { return nil }
            // Binary search for the piece: b[lo] ≤ x < b[hi].
            var lo = 0, hi = last
            while hi - lo > 1 {
                let m = (lo + hi) >> 1
                if x < b[m] { hi = m } else { lo = m }
            }
            let a = b[lo], c = b[lo + 1]
            let t = (2 * x - a - c) / (c - a)
            return coefficients.withUnsafeBufferPointer { coefficients -> (Double, Double)? in
                let piece = coefficients.baseAddress! + stride * lo
                guard !piece[0].x.isNaN else { return nil }
                let r = powerSeriesSum(piece, blocks: stride / 16, at: t)
                return (r.x, r.y)
            }
        }
    }
}
