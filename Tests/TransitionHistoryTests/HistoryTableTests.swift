import Testing
import Foundation
import SupercoolNumerics
@testable import TransitionHistory

/// The one-pass ODE form of the history integrals against the closed forms of the toy (HistoryIntegralsTests) and
/// against direct nested quadrature (n_b with P_f = e^{−I} evaluated exactly at every node).
@Suite struct HistoryTableTests {
    typealias Toy = HistoryIntegralsTests

    @Test("I(T), N(T) and dI/dT from the ODE pass match the closed forms to 1e-9")
    func closedForms() throws {
        let table = try HistoryTable(try Toy.toy())
        // Relative 1e-9 where I and N are not negligible; below the floors (N, I ~ 1e-14: nothing next to the levels 1
        // and 0.34 they are compared with) the step control asks only for an absolute 1e-10 of the floor.
        for T in [0.08, 0.1, 0.12, 0.15, 0.3] {
            let exact = Toy.exactI(T)
            let I = try table.extendedVolume(at: T)
            #expect(abs(I / exact - 1) < 1e-9, "I at T = \(T): \(I) vs \(exact)")
            let exactN = Toy.gamma0 * pow(Toy.Tc, Toy.k) / pow(Toy.H, 4) * Toy.powerIntegral(-1 - Toy.k, T)
            let N = try table.nucleatedBubbles(at: T)
            #expect(abs(N / exactN - 1) < 1e-9, "N at T = \(T): \(N) vs \(exactN)")
            // dI/dT = −4π v_w³ Γ0 T_c^k/H⁴ Σ_j C(2,j)(−T)^j ∫ T'^{−2−j−k} dT' (with Q' − Q = (T' − T)/H).
            let binomial = [1.0, 2, 1]
            var sum = 0.0
            for j in 0...2 { sum += binomial[j] * pow(-T, Double(j)) * Toy.powerIntegral(-2 - Double(j) - Toy.k, T) }
            let exactDerivative = -4 * Double.pi * pow(Toy.vw, 3) * Toy.gamma0 * pow(Toy.Tc, Toy.k) / pow(Toy.H, 4) * sum
            let d = try table.extendedVolumeDerivative(at: T)
            #expect(abs(d / exactDerivative - 1) < 1e-9, "dI/dT at T = \(T): \(d) vs \(exactDerivative)")
        }
        let far = 0.6
        #expect(abs(try table.extendedVolume(at: far) - Toy.exactI(far)) < 1e-14 && Toy.exactI(far) < 1e-19)
        #expect(abs(try table.nucleatedBubbles(at: far) - Toy.gamma0 * pow(Toy.Tc, Toy.k) / pow(Toy.H, 4) * Toy.powerIntegral(-1 - Toy.k, far)) < 1e-14)
        let Tp = try #require(try table.temperature(extendedVolume: 0.34))
        #expect(abs(Toy.exactI(Tp) / 0.34 - 1) < 1e-9)
        let Tn = try #require(try table.nucleationTemperature())
        #expect(abs(Toy.gamma0 * pow(Toy.Tc, Toy.k) / pow(Toy.H, 4) * Toy.powerIntegral(-1 - Toy.k, Tn) - 1) < 1e-9)
        #expect(try table.temperature(extendedVolume: 1e30) == nil, "I never reaches 1e30 above T_lower")
    }

    @Test("n_b with P_f = e^{−I}: the ODE pass against nested adaptive quadrature (I exact at every node) to 1e-8")
    func numberDensityWithFalseVacuum() throws {
        let integrals = try Toy.toy()
        let table = try HistoryTable(integrals)
        let Tp = try #require(try table.temperature(extendedVolume: 0.34))
        for T in [Tp, 0.9 * Tp] {
            let nested = try Quadrature(absoluteTolerance: 0, relativeTolerance: 1e-11).integrate({ t in
                let pf = exp(-((try? integrals.extendedVolume(at: t)) ?? .nan))
                return integrals.rate(t) * pf / (pow(t, 4) * integrals.hubble(t))
            }, from: T, to: Toy.upper).value
            let exact = pow(T, 3) * nested
            #expect(abs(try table.bubbleNumberDensity(at: T) / exact - 1) < 1e-8, "T = \(T)")
        }
    }
}
