import _CGSL

/// An immutable one-dimensional interpolant over strictly increasing abscissae (GSL `gsl_spline`).
/// Evaluation uses no accelerator, so one instance may be shared between threads.
public final class Interpolant: @unchecked Sendable {
    public enum Kind: Sendable {
        case linear
        /// Natural cubic spline.
        case cubic
        /// Steffen's monotone cubic (no overshoot between points; good for tabulated data).
        case steffen
        case akima
    }

    public let x: [Double]
    public let y: [Double]
    public let kind: Kind
    private let spline: UnsafeMutablePointer<gsl_spline>

    public init(x: [Double], y: [Double], kind: Kind = .cubic) throws {
        ensureGSLReady()
        guard x.count == y.count else { throw NumericalError("interpolant: \(x.count) abscissae but \(y.count) values") }
        let type: UnsafePointer<gsl_interp_type>!
        switch kind {
        case .linear: type = cgsl_interp_linear()
        case .cubic: type = cgsl_interp_cspline()
        case .steffen: type = cgsl_interp_steffen()
        case .akima: type = cgsl_interp_akima()
        }
        let minimum = Int(gsl_interp_type_min_size(type))
        guard x.count >= minimum else { throw NumericalError("interpolant: needs at least \(minimum) points, got \(x.count)") }
        for i in 1..<x.count where !(x[i] > x[i - 1]) {
            throw NumericalError("interpolant: abscissae must be strictly increasing (index \(i))")
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { throw NumericalError("interpolant: non-finite data") }
        guard let s = gsl_spline_alloc(type, x.count) else { throw GSLError(status: Int32(GSL_ENOMEM), context: "spline") }
        let status = x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in gsl_spline_init(s, xp.baseAddress, yp.baseAddress, x.count) }
        }
        if status != Int32(GSL_SUCCESS) { gsl_spline_free(s); throw GSLError(status: status, context: "spline set-up") }
        self.x = x; self.y = y; self.kind = kind; self.spline = s
    }

    deinit { gsl_spline_free(spline) }

    public var domain: ClosedRange<Double> { x[0]...x[x.count - 1] }

    /// Value at `t`, clamped to the tabulated domain (no extrapolation).
    public func callAsFunction(_ t: Double) -> Double {
        gsl_spline_eval(spline, min(max(t, x[0]), x[x.count - 1]), nil)
    }

    public func derivative(_ t: Double) -> Double {
        gsl_spline_eval_deriv(spline, min(max(t, x[0]), x[x.count - 1]), nil)
    }

    public func secondDerivative(_ t: Double) -> Double {
        gsl_spline_eval_deriv2(spline, min(max(t, x[0]), x[x.count - 1]), nil)
    }

    /// ∫_a^b of the interpolant (a, b inside the domain).
    public func integral(from a: Double, to b: Double) -> Double {
        let lo = min(max(min(a, b), x[0]), x[x.count - 1]), hi = min(max(max(a, b), x[0]), x[x.count - 1])
        let v = gsl_spline_eval_integ(spline, lo, hi, nil)
        return a <= b ? v : -v
    }
}

/// Local polynomial (Lagrange) interpolation on a tabulated, strictly increasing grid: the `order` + 1 nodes around a
/// point and their weights, so that f(x) ≈ Σ wᵢ f(xᵢ). The stencil is centred on the cell holding x and shifted
/// inwards at the grid's ends; x outside the grid is clamped to it (no extrapolation). Used for tensor-product
/// interpolation of whole curves over a parameter grid (`ActionCurveEmulator`).
public struct LagrangeStencil: Sendable, Equatable {
    /// Index of the first node of the stencil.
    public let start: Int
    /// One weight per node start..<start + weights.count; they sum to 1.
    public let weights: [Double]

    public init(grid: [Double], at x: Double, order: Int = 3) throws {
        guard order >= 1, grid.count > order else {
            throw NumericalError("Lagrange stencil: order \(order) needs at least \(order + 1) grid points, got \(grid.count)")
        }
        guard x.isFinite else { throw NumericalError("Lagrange stencil: non-finite abscissa") }
        let t = min(max(x, grid[0]), grid[grid.count - 1])
        // The cell i with grid[i] ≤ t < grid[i+1] (binary search), then the stencil i − (order−1)/2 … clamped.
        var lo = 0, hi = grid.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if grid[mid] <= t { lo = mid } else { hi = mid }
        }
        let first = min(max(lo - (order - 1) / 2, 0), grid.count - 1 - order)
        var w = [Double](repeating: 1, count: order + 1)
        for j in 0...order {
            for m in 0...order where m != j {
                w[j] *= (t - grid[first + m]) / (grid[first + j] - grid[first + m])
            }
        }
        start = first
        weights = w
    }

    /// The node indices of the stencil.
    public var indices: Range<Int> { start..<(start + weights.count) }
}
