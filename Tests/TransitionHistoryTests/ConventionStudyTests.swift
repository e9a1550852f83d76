import Testing
import Foundation
import EffectivePotential
@testable import TransitionHistory

/// The convention matrix of `--explore` and the calibration bisection of `--calibrate`, on cheap checks
/// (no transition analysis runs here).
@Suite struct ConventionStudyTests {
    /// 15 variants (the base, the 8 other daisy × scalar treatments, 6 transition conventions incl. the free-energy dark
    /// count), each a distinct convention set with a distinct label; the same count around a non-default base, one fewer
    /// when the base already uses the free-energy count.
    @Test func matrixHasFifteenDistinctVariants() {
        let bases = [PotentialConventions.default, PotentialConventions(daisy: .none, scalarThermal: .fullJB)]
        for base in bases {
            let m = ConventionVariant.matrix(potential: base, transition: .default)
            #expect(m.count == 15)
            #expect(m[0].potential == base && m[0].transition == .default)
            #expect(Set(m.map(\.label)).count == 15)
            for i in m.indices { for j in m.indices where j > i {
                #expect(!(m[i].potential == m[j].potential && m[i].transition == m[j].transition), "\(m[i].label) = \(m[j].label)")
            } }
            // Every daisy × scalar combination appears exactly once among the potential variants.
            let potentials = m.prefix(9).map(\.potential)
            #expect(Set(potentials.map(\.label)).count == 9)
            // The transition variants keep the base potential and change one convention each.
            for v in m.suffix(6) { #expect(v.potential == base && v.transition != .default) }
        }
        let labels = ConventionVariant.matrix(potential: .default, transition: .default).suffix(6).map(\.label)
        #expect(labels == ["I_p = 0.29", "v_w = 0.9", "Γ = T⁴ e^{−S3/T}", "g*_dark = 0", "g*_dark = 6", "g*_dark free-energy"])
        var freeEnergy = TransitionConventions.default
        freeEnergy.darkDegreesOfFreedomCount = .freeEnergy
        #expect(ConventionVariant.matrix(potential: .default, transition: freeEnergy).count == 14)
    }

    /// A steeply falling toy T_p(g) (as T_p falls with g − g_roll): the bisection lands on the root, keeps the
    /// payload of the returned point, and reports the closest scan point when the target is out of reach.
    @Test func calibrationFindsTheRoot() throws {
        let root = 0.7503
        func tp(_ g: Double) -> (value: Double, payload: String) { (0.0125 * exp(-2000 * (g - root)), "g=\(g)") }
        var calls = 0
        let outcome = ParameterCalibration.solve(target: 0.0125, in: 0.7495...0.7505) { g in calls += 1; return tp(g) }
        guard case .calibrated(let best) = outcome else { Issue.record("no bracket: \(outcome)"); return }
        #expect(abs(best.x - root) < 2e-8)
        #expect(best.payload == "g=\(best.x)" && best.value == tp(best.x).value)
        #expect(calls <= 9 + 24)
        // Out of reach: the scan end closest to the target.
        guard case .notBracketed(let closest) = ParameterCalibration.solve(target: 1.0, in: 0.7495...0.7505, tp) else {
            Issue.record("bracketed an unreachable target"); return
        }
        #expect(closest.x == 0.7495)
        // An increasing function and an error from the evaluation (rethrows).
        guard case .calibrated(let up) = ParameterCalibration.solve(target: 2, in: 0...3, { (value: $0 * $0, payload: ()) }) else {
            Issue.record("no bracket"); return
        }
        #expect(abs(up.x - 2.0.squareRoot()) < 2e-7)   // 24 halvings of a 3/8 bracket
        struct Stop: Error {}
        #expect(throws: Stop.self) { try ParameterCalibration.solve(target: 0, in: 0...1) { _ -> (value: Double, payload: Int) in throw Stop() } }
    }

    /// λ and g from published masses only where λ disagrees beyond rounding (2 %).
    @Test func massDerivedModel() throws {
        let bp1 = try DarkU1(vev: 0.5, lambda: 0.006, gauge: 0.75)
        // m_φ = 0.055 GeV: λ = 0.055²/(2·0.25) = 0.00605, within 1 %: nothing to add.
        #expect(try ParameterCalibration.massDerivedModel(bp1, scalarMass: 0.055, darkPhotonMass: 0.375) == nil)
        let m = try #require(try ParameterCalibration.massDerivedModel(bp1, scalarMass: 0.1, darkPhotonMass: 0.4))
        #expect(abs(m.lambda - 0.02) < 1e-15 && abs(m.gauge - 0.8) < 1e-15 && m.vev == 0.5)
        #expect(abs(m.scalarMass - 0.1) < 1e-15)
        #expect(try ParameterCalibration.massDerivedModel(bp1, scalarMass: nil, darkPhotonMass: 0.4) == nil)
    }
}
