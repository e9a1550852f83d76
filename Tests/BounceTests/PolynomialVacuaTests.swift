import Testing
import Foundation
@testable import Bounce

/// Global minima of polynomials against closed forms: V' with known roots, and the quadratic formula.
@Suite struct PolynomialVacuaTests {
    /// V' = 4(φ − r1)(φ − r2)(φ − r3): V = φ⁴ − (4/3)e1 φ³ + 2 e2 φ² − 4 e3 φ (e_i elementary symmetric).
    static func quartic(roots r: (Double, Double, Double)) -> PolynomialPotential {
        let e1 = r.0 + r.1 + r.2, e2 = r.0 * r.1 + r.0 * r.2 + r.1 * r.2, e3 = r.0 * r.1 * r.2
        return PolynomialPotential(coefficients: [0, -4 * e3, 2 * e2, -4.0 / 3 * e1, 1])
    }

    @Test func quarticWithKnownRoots() throws {
        // Roots −1, 0, 2: V = φ⁴ − (4/3)φ³ − 4φ², minima V(−1) = −5/3 and V(2) = −32/3, maximum at 0.
        let V = Self.quartic(roots: (-1, 0, 2))
        #expect(zip(V.coefficients, [0, 0, -4, -4.0 / 3, 1]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(abs(V.value(2) + 32.0 / 3) < 1e-13 && abs(V.value(-1) + 5.0 / 3) < 1e-14)
        #expect(abs(try PolynomialVacua.globalMinimum(of: V, falseVacuum: 0) - 2) < 1e-12)
        // With the deeper minimum as the false vacuum, the other one is left.
        #expect(abs(try PolynomialVacua.globalMinimum(of: V, falseVacuum: 2) + 1) < 1e-12)
        for r in [-1.0, 0, 2] { #expect(PolynomialVacua.isStationary(V, at: r)) }
        #expect(!PolynomialVacua.isStationary(V, at: 1) && !PolynomialVacua.isStationary(V, at: .nan))
    }

    /// The README's example V = 2.6125 φ² − 5.7417 φ³ + 3 φ⁴: V' = φ (12 φ² − 3·5.7417 φ + 2·2.6125),
    /// non-zero roots from the quadratic formula; the larger is the minimum.
    @Test func readmeExample() throws {
        let (c2, c3, c4) = (2.6125232682, -5.7416821788, 3.0)
        let V = PolynomialPotential(coefficients: [0, 0, c2, c3, c4])
        let (a, b, c) = (4 * c4, 3 * c3, 2 * c2)
        let root = (-b + (b * b - 4 * a * c).squareRoot()) / (2 * a)
        #expect(abs(try PolynomialVacua.globalMinimum(of: V, falseVacuum: 0) - root) < 1e-12)
        // V(root) < 0 = V(0): a true vacuum deeper than the false one.
        #expect(V.value(root) < 0)
    }

    /// Degree 6: V' = 6φ(φ² − 1)(φ² − 4), then tilted.
    @Test func sexticWithTilt() throws {
        // V = φ⁶ − 7.5 φ⁴ + 12 φ²: minima 0 and ±2 (V(±2) = −8), maxima ±1.
        let symmetric = PolynomialPotential(coefficients: [0, 0, 12, 0, -7.5, 0, 1])
        #expect(symmetric.value(2) == -8)
        let found = try PolynomialVacua.globalMinimum(of: symmetric, falseVacuum: 0)
        #expect(abs(abs(found) - 2) < 1e-12)
        // A tilt −εφ makes +2 the deeper one (by 4ε) and moves it by ε/V''(2) = ε/144 (first order; the next term ~ε²/100).
        let eps = 1e-3
        let tilted = PolynomialPotential(coefficients: [0, -eps, 12, 0, -7.5, 0, 1])
        let t = try PolynomialVacua.globalMinimum(of: tilted, falseVacuum: 0)
        #expect(abs(t - (2 + eps / 144)) < 1e-6)
        #expect(abs(tilted.derivative(t)) < 1e-10)
    }

    @Test func noTrueVacuum() {
        // Odd degree or negative leading coefficient: unbounded below.
        #expect(throws: PolynomialVacua.NoMinimum.unboundedBelow(degree: 3, leadingCoefficient: 1)) {
            try PolynomialVacua.globalMinimum(of: PolynomialPotential(coefficients: [0, 0, 1, 1]), falseVacuum: 0)
        }
        #expect(throws: PolynomialVacua.NoMinimum.unboundedBelow(degree: 4, leadingCoefficient: -1)) {
            try PolynomialVacua.globalMinimum(of: PolynomialPotential(coefficients: [0, 0, 1, 0, -1]), falseVacuum: 0)
        }
        // V = φ²: the only minimum is the false vacuum.
        #expect(throws: PolynomialVacua.NoMinimum.onlyTheFalseVacuum) {
            try PolynomialVacua.globalMinimum(of: PolynomialPotential(coefficients: [0, 0, 1]), falseVacuum: 0)
        }
    }
}
