import Testing
import Foundation
@testable import EffectivePotential

/// `value` = `shiftedValue` + `fieldIndependentPart` must be the whole V_eff: checked against the thermal part
/// assembled independently from the unshifted J_B, V(φ, T) − V(φ, 0) = T⁴/(2π²) Σ n J_B(y) [+ daisy]
/// (Quirós hep-ph/9901312 eq. 157; Arnold–Espinosa hep-ph/9212235 for the daisy).
@Suite struct ShiftedPotentialTests {
    let model = try! DarkU1(vev: 1, lambda: 0.006, gauge: 0.75)
    let J = ThermalFunctions.standard

    func masses(_ phi: Double) -> (z: Double, h: Double, g: Double) {
        let mu2 = model.lambda * model.vev * model.vev
        return (model.gauge * model.gauge * phi * phi, 3 * model.lambda * phi * phi - mu2, model.lambda * phi * phi - mu2)
    }

    @Test(arguments: [0.0, 0.1, 0.5, 1.0, 1.7])
    func fullScalarLoopsWithoutDaisy(phi: Double) {
        let V = ThermalEffectivePotential(model: model, conventions: PotentialConventions(daisy: .none, scalarThermal: .fullJB))
        for T in [0.01, 0.1, 0.3] {
            let m = masses(phi), T2 = T * T
            let thermal = T2 * T2 / (2 * Double.pi * Double.pi) * (3 * J.bosonic(m.z / T2) + J.bosonic(m.h / T2) + J.bosonic(m.g / T2))
            let total = V.value(phi, temperature: T) - V.value(phi, temperature: 0)
            // (+ 1e-14 |V(φ, 0)|: `total` is itself a difference of two V values, good to their round-off.)
            #expect(abs(total - thermal) <= 1e-12 * max(abs(thermal), T2 * T2) + 1e-14 * abs(V.value(phi, temperature: 0)), "φ = \(phi), T = \(T)")
            #expect(V.value(phi, temperature: T) == V.shiftedValue(phi, temperature: T) + V.fieldIndependentPart(temperature: T))
        }
    }

    @Test(arguments: [0.0, 0.1, 0.5, 1.0, 1.7])
    func leadingHighTScalarsWithArnoldEspinosaDaisy(phi: Double) {
        let V = ThermalEffectivePotential(model: model, conventions: .default)
        for T in [0.01, 0.1, 0.3] {
            let m = masses(phi), T2 = T * T
            let highT: (Double) -> Double = { y in -pow(Double.pi, 4) / 45 + Double.pi * Double.pi / 12 * y }
            var thermal = T2 * T2 / (2 * Double.pi * Double.pi) * (3 * J.bosonic(m.z / T2) + highT(m.h / T2) + highT(m.g / T2))
            // Z'_L: one screened dof, Π = g²T²/3.
            let pi = model.gauge * model.gauge * T2 / 3
            thermal += -T / (12 * Double.pi) * (pow(m.z + pi, 1.5) - pow(m.z, 1.5))
            let total = V.value(phi, temperature: T) - V.value(phi, temperature: 0)
            // (+ 1e-14 |V(φ, 0)|: `total` is itself a difference of two V values, good to their round-off.)
            #expect(abs(total - thermal) <= 1e-12 * max(abs(thermal), T2 * T2) + 1e-14 * abs(V.value(phi, temperature: 0)), "φ = \(phi), T = \(T)")
        }
    }

    /// The field-independent part is the massless free energy −(π²/90) T⁴ Σ n (5 bosonic dof here) plus the
    /// scalars' constant thermal-mass term n T² (−μ²)/24 in the leading high-T treatment.
    @Test func fieldIndependentPartClosedForm() {
        let V = ThermalEffectivePotential(model: model, conventions: .default)
        let T = 0.2, mu2 = model.lambda * model.vev * model.vev
        let expected = -Double.pi * Double.pi / 90 * pow(T, 4) * 5 + 2 * T * T * (-mu2) / 24
        #expect(abs(V.fieldIndependentPart(temperature: T) / expected - 1) < 1e-13)
    }
}
