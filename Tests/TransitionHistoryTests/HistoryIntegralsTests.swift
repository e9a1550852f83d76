import Testing
import Foundation
@testable import TransitionHistory

/// The history integrals against a hand-integrable toy: constant H and Γ = Γ0 (T/T_c)^{−k}, i.e.
/// Γ ∝ e^{βt} with β/H = k (T ∝ e^{−Ht}). Then Q(T') − Q(T) = (T' − T)/H and every integral is a sum
/// of powers of T (physics.md §5 definitions).
@Suite struct HistoryIntegralsTests {
    static let H = 1e-3, Tc = 1.0, k = 40.0, gamma0 = 1e-35, vw = 0.8
    static let lower = 0.05, upper = 0.99

    static func toy() throws -> HistoryIntegrals {
        try HistoryIntegrals(rate: { gamma0 * pow($0 / Tc, -k) }, hubble: { _ in H },
                             lowerTemperature: lower, upperTemperature: upper, wallVelocity: vw)
    }

    /// ∫_T^{Tu} T'^{p} dT'.
    static func powerIntegral(_ p: Double, _ T: Double) -> Double {
        (pow(upper, p + 1) - pow(T, p + 1)) / (p + 1)
    }

    /// I(T) = (4π/3) v_w³ Γ0 T_c^k / H⁴ Σ_j C(3,j) (−T)^j ∫ T'^{−1−j−k} dT'.
    static func exactI(_ T: Double) -> Double {
        let binomial = [1.0, 3, 3, 1]
        var sum = 0.0
        for j in 0...3 { sum += binomial[j] * pow(-T, Double(j)) * powerIntegral(-1 - Double(j) - k, T) }
        return 4 * Double.pi / 3 * pow(vw, 3) * gamma0 * pow(Tc, k) / pow(H, 4) * sum
    }

    @Test func extendedVolumeMatchesClosedForm() throws {
        let h = try Self.toy()
        for T in [0.08, 0.1, 0.15, 0.3, 0.6] {
            let exact = Self.exactI(T)
            let computed = try h.extendedVolume(at: T)
            #expect(abs(computed / exact - 1) < 1e-6, "T = \(T): I = \(computed) vs \(exact)")
        }
    }

    @Test func nucleatedBubblesAndNumberDensityMatchClosedForm() throws {
        let h = try Self.toy()
        let T = 0.12
        // N(T) = Γ0 T_c^k / H⁴ ∫ T'^{−1−k} dT'.
        let exactN = Self.gamma0 * pow(Self.Tc, Self.k) / pow(Self.H, 4) * Self.powerIntegral(-1 - Self.k, T)
        #expect(abs(try h.nucleatedBubbles(at: T) / exactN - 1) < 1e-6)
        // n_b without P_f: T³ Γ0 T_c^k / H ∫ T'^{−4−k} dT'; R* = n_b^{−1/3}.
        let exactNb = pow(T, 3) * Self.gamma0 * pow(Self.Tc, Self.k) / Self.H * Self.powerIntegral(-4 - Self.k, T)
        let nb = try h.bubbleNumberDensity(at: T, includeFalseVacuumFraction: false)
        #expect(abs(nb / exactNb - 1) < 1e-6)
        #expect(abs(pow(nb, -1.0 / 3) / pow(exactNb, -1.0 / 3) - 1) < 1e-6)
    }

    @Test func percolationRootAndMonotonicity() throws {
        let h = try Self.toy()
        let Tp = try #require(try h.temperature(extendedVolume: 0.34))
        #expect(abs(try h.extendedVolume(at: Tp) - 0.34) < 1e-6)
        #expect(abs(Self.exactI(Tp) - 0.34) < 1e-5)
        // P_f increases with T (fewer bubbles earlier) on a fine grid.
        var previous = -1.0
        for i in 0...60 {
            let T = Self.lower + (Self.upper - Self.lower) * Double(i) / 60
            let pf = try h.falseVacuumFraction(at: T)
            #expect(pf >= previous - 1e-15 && pf <= 1)
            previous = pf
        }
        // dI/dT against a finite difference of I.
        let d = 1e-5
        let numeric = (try h.extendedVolume(at: Tp + d) - (try h.extendedVolume(at: Tp - d))) / (2 * d)
        #expect(abs(try h.extendedVolumeDerivative(at: Tp) / numeric - 1) < 1e-4)
        // With P_f included, n_b is smaller than without.
        #expect(try h.bubbleNumberDensity(at: Tp) < (try h.bubbleNumberDensity(at: Tp, includeFalseVacuumFraction: false)))
    }
}
