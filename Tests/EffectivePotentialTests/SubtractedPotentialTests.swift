import Testing
import Foundation
@testable import EffectivePotential

/// `differenceFromOriginAndDerivative` sums V(φ) − V(0) as ½ V''(0) φ² + remainders: the same function as the direct sum
/// (`shiftedValue` differences, `derivative`) for every convention, and smooth where the direct sum is not.
@Suite struct SubtractedPotentialTests {
    static let allConventions: [PotentialConventions] = PotentialConventions.Daisy.allCases.flatMap { d in
        PotentialConventions.ScalarThermal.allCases.map { PotentialConventions(daisy: d, scalarThermal: $0) }
    }

    @Test("V − V(0) and V' agree with the direct sum (DarkU1 and conformal, all conventions, φ from 1e-6 v to 1.5 v)",
          arguments: allConventions)
    func agreesWithDirectSum(conventions: PotentialConventions) throws {
        let models: [any ParticleModel] = [try DarkU1(vev: 1, lambda: 0.006, gauge: 0.75), try DarkU1(vev: 3, lambda: 0.3, gauge: 0.2),
                                           try ConformalDarkU1(vev: 1, gauge: 0.9, yukawa: 0)]
        for model in models {
            let V = ThermalEffectivePotential(model: model, conventions: conventions)
            for tOverV in [0.0, 0.01, 0.1, 0.5, 2] {
                let T = tOverV * model.vev
                for x in [1e-6, 1e-3, 0.05, 0.3, 0.7, 1, 1.5] {
                    let phi = x * model.vev
                    let d = V.differenceFromOriginAndDerivative(phi, temperature: T)
                    let v0 = V.shiftedValue(0, temperature: T), v1 = V.shiftedValue(phi, temperature: T)
                    let direct = v1 - v0
                    // Tolerance: the rounding of the direct difference, plus 1e-12 of the result.
                    let scale = 1e-13 * max(abs(v0), abs(v1), pow(model.vev, 4) * 1e-3) + 1e-12 * abs(direct)
                    #expect(abs(d.value - direct) <= scale, "\(model.name) \(conventions.label) T/v = \(tOverV), φ/v = \(x): \(d.value) vs \(direct)")
                    let slope = V.derivative(phi, temperature: T)
                    #expect(abs(d.derivative - slope) <= 1e-11 * pow(model.vev, 3) * max(x, 1e-3) + 1e-11 * abs(slope),
                            "\(model.name) \(conventions.label) T/v = \(tOverV), φ/v = \(x): V' \(d.derivative) vs \(slope)")
                }
                if let c = V.curvatureAtOriginAnalytic(temperature: T) {
                    let fd = V.secondDerivative(0, temperature: T)
                    #expect(abs(c - fd) <= 1e-5 * max(abs(fd), 1e-3 * model.vev * model.vev), "\(model.name) T/v = \(tOverV): V''(0) \(c) vs \(fd)")
                }
            }
        }
    }

    /// Near T_0 of a weak transition (λ = 0.0496, g = 0.032: φ_b ≈ 1.2e-4 v, T_c − T_0 ≈ 4e-9 T_c) the direct sum
    /// rounds its O(μ²φ) terms separately: V' jitters by ~1e-7 of itself between neighbouring φ, V − V(0) by ~1e-3.
    /// The subtracted sum is smooth: its fourth differences on a fine grid are at the size of the φ⁴ term's, not noise.
    @Test("weak transition near T_0: V' and V − V(0) are smooth to their own precision")
    func smoothForWeakTransitions() throws {
        let V = ThermalEffectivePotential(model: try DarkU1(vev: 0.17785015933223247, lambda: 0.049607373693818665, gauge: 0.03206205344708246))
        let T = 0.305079109
        let h = 1e-8
        func fourthDifference(_ f: (Double) -> Double, at phi: Double) -> Double {
            f(phi - 2 * h) - 4 * f(phi - h) + 6 * f(phi) - 4 * f(phi + h) + f(phi + 2 * h)
        }
        var worstSubtracted = 0.0, worstDirect = 0.0
        for k in 1...20 {
            let phi = 2e-6 * Double(k)
            let slope = abs(V.differenceFromOriginAndDerivative(phi, temperature: T).derivative)
            worstSubtracted = max(worstSubtracted, abs(fourthDifference({ V.differenceFromOriginAndDerivative($0, temperature: T).derivative }, at: phi)) / slope)
            worstDirect = max(worstDirect, abs(fourthDifference({ V.derivative($0, temperature: T) }, at: phi)) / slope)
        }
        // The exact fourth difference of V' is ~h⁴ V^{(5)} ≈ 0 here; double rounding of V' ~1e-16 relative gives ~1e-15.
        #expect(worstSubtracted < 1e-12, "subtracted: \(worstSubtracted)")
        #expect(worstDirect > 1e-10, "the direct sum was expected to jitter (\(worstDirect)); if not, this test lost its point")
    }
}
