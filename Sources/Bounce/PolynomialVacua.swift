import Foundation
import SupercoolNumerics

/// Stationary points and the global minimum of a `PolynomialPotential` (the vacua of `supercool bounce --polynomial`).
public enum PolynomialVacua {
    /// Why there is no true vacuum to tunnel to.
    public enum NoMinimum: Error, Sendable, Equatable, CustomStringConvertible {
        /// Odd degree or negative leading coefficient: V → −∞.
        case unboundedBelow(degree: Int, leadingCoefficient: Double)
        /// V has no minimum other than the false vacuum.
        case onlyTheFalseVacuum

        public var description: String {
            switch self {
            case .unboundedBelow(let n, let c): return "V is unbounded below (degree \(n), leading coefficient \(c))"
            case .onlyTheFalseVacuum: return "V has no minimum other than the false vacuum"
            }
        }
    }

    /// V'(φ) = 0 up to rounding: |V'| ≤ 1e-6 Σ_k |k c_k φ^{k−1}| (the size of the terms that cancel).
    public static func isStationary(_ V: PolynomialPotential, at phi: Double) -> Bool {
        guard phi.isFinite else { return false }
        var scale = 0.0
        for (k, c) in V.coefficients.enumerated() where k >= 1 { scale += abs(Double(k) * c * pow(phi, Double(k - 1))) }
        return abs(V.derivative(phi)) <= 1e-6 * scale
    }

    /// The global minimum of V other than the false vacuum, if V is bounded below: every sign change − → + of V'
    /// on a 20 000-point grid over the Cauchy bound of V''s roots, bisected to a few ulp.
    public static func globalMinimum(of V: PolynomialPotential, falseVacuum: Double) throws(NoMinimum) -> Double {
        let c = V.coefficients
        let n = V.degree
        guard n >= 2, n % 2 == 0, c[n] > 0 else { throw .unboundedBelow(degree: n, leadingCoefficient: n < c.count ? c[n] : 0) }
        // Cauchy bound on the roots of V': 1 + max |c'_k / c'_{n−1}| (e.g. Rahman & Schmeisser, Analytic Theory of Polynomials, §8.1).
        var bound = 1.0
        for k in 1..<n { bound = max(bound, 1 + abs(Double(k) * c[k]) / (Double(n) * c[n])) }
        bound = max(bound, abs(falseVacuum) + 1)
        let grid = 20_000
        var best: (phi: Double, value: Double)?
        var previousX = -bound, previous = V.derivative(-bound)
        for i in 1...grid {
            let x = -bound + 2 * bound * Double(i) / Double(grid)
            let current = V.derivative(x)
            if previous < 0 && current >= 0 {
                // V' < 0 holds below the minimum: bisect to a few ulps.
                let edge = Bisection.boundary(holds: previousX, fails: x, steps: 200,
                                              stop: { lo, hi in hi - lo <= 4 * Double.ulpOfOne * max(1, abs(0.5 * (lo + hi))) }) { V.derivative($0) < 0 }
                let root = 0.5 * (edge.holds + edge.fails)
                if abs(root - falseVacuum) > 1e-9 * max(1, abs(falseVacuum)) {
                    let value = V.value(root)
                    if best == nil || value < best!.value { best = (root, value) }
                }
            }
            previous = current; previousX = x
        }
        guard let found = best else { throw .onlyTheFalseVacuum }
        return found.phi
    }
}
