import Testing
import Foundation
import SupercoolNumerics

/// Φ⁻¹ (AS 241) against reference quantiles and the round trip through Φ = erfc(−z/√2)/2.
@Suite struct StandardNormalTests {
    @Test func quantile() {
        // Reference values (Φ⁻¹ to 16 digits).
        let cases: [(Double, Double)] = [(0.5, 0), (0.975, 1.959963984540054), (0.8413447460685429, 1.0),
                                         (0.02275013194817921, -2.0), (1e-10, -6.361340902404056), (1 - 1e-10, 6.361340889697422)]
        for (p, z) in cases { #expect(abs(StandardNormal.quantile(p) - z) <= 1e-14 * max(1, abs(z)) + (p > 0.9999 ? 1e-6 : 0), "\(p)") }
        // Round trip over the three ranges, including the far tail (r > 5 ⇔ p < e^-25). Above z ≈ 1, p = 1 − ε is
        // stored with an absolute error of ~1e-16, which moves Φ⁻¹ by up to 1.1e-16/φ(z): that is allowed on top.
        for z in stride(from: -37.0, through: 8.0, by: 0.37) {
            let p = 0.5 * erfc(-z / 2.0.squareRoot())
            let density = exp(-z * z / 2) / (2 * Double.pi).squareRoot()
            let tolerance = 1e-12 * max(1, abs(z)) + (z > 0 ? 1.2e-16 / density : 0)
            #expect(abs(StandardNormal.quantile(p) - z) < tolerance, "z = \(z)")
        }
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity && StandardNormal.quantile(.nan).isNaN)
    }
}
