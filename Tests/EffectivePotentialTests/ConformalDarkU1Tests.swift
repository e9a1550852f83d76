import Testing
import Foundation
@testable import EffectivePotential

/// The classically conformal dark U(1) (TransitionListener's model, arXiv:2502.19478) against its closed forms.
@Suite struct ConformalDarkU1Tests {
    static let points: [(v: Double, g: Double, y: Double)] = [(0.14, 0.692, 0.01), (0.1, 0.7, 0.01), (1, 0.9, 0), (100, 0.5, 0.5)]

    /// V'(v) = 0 fixes λ = 11S/(48π²), S = 10λ² + 3g⁴ − y⁴ (the quadratic's smaller root, λ → 0 as g, y → 0).
    @Test(arguments: points)
    func quarticSolvesTheMinimumCondition(p: (v: Double, g: Double, y: Double)) throws {
        let m = try ConformalDarkU1(vev: p.v, gauge: p.g, yukawa: p.y)
        let s = 10 * m.lambda * m.lambda + 3 * pow(p.g, 4) - pow(p.y, 4)
        #expect(abs(m.lambda / (11 * s / (48 * Double.pi * Double.pi)) - 1) < 1e-13)
        // 10λ² ≥ 0, so λ lies above its one-loop leading value 11(3g⁴ − y⁴)/(48π²), and only slightly (λ ≪ 1).
        let leading = 11 * (3 * pow(p.g, 4) - pow(p.y, 4)) / (48 * Double.pi * Double.pi)
        #expect(m.lambda >= leading && m.lambda < 1.1 * leading)
    }

    /// At T = 0 the tree quartic plus Supercool's CW terms must add up to S φ⁴ [ln(φ²/v²) − 1/2]/(64π²), the
    /// Coleman–Weinberg potential of the model, for every convention (the thermal options do not act at T = 0).
    @Test(arguments: points)
    func zeroTemperaturePotentialIsColemanWeinberg(p: (v: Double, g: Double, y: Double)) throws {
        let m = try ConformalDarkU1(vev: p.v, gauge: p.g, yukawa: p.y)
        let V = ThermalEffectivePotential(model: m)
        let s = m.loopCoefficient
        for x in [0.05, 0.3, 0.8, 1.0, 1.6] {
            let phi = x * p.v
            let expected = s * pow(phi, 4) * (log(x * x) - 0.5) / (64 * Double.pi * Double.pi)
            #expect(abs(V.value(phi, temperature: 0) - V.value(0, temperature: 0) - expected) < 1e-12 * s * pow(p.v, 4) / (64 * Double.pi * Double.pi),
                    "φ/v = \(x)")
        }
        // V'(v) = 0 and V''(v) = m_φ² = S v²/(8π²).
        #expect(abs(V.derivative(p.v, temperature: 0)) < 1e-12 * s * pow(p.v, 3))
        #expect(abs(V.secondDerivative(p.v, temperature: 0) / (m.scalarMass * m.scalarMass) - 1) < 1e-7)
    }

    /// Conformal: no barrier-free roll at T = 0 (V''(0) = 0), a thermal barrier at finite T, and a T_c.
    @Test func thermalBarrierAndCriticalTemperature() throws {
        let m = try ConformalDarkU1(vev: 0.14, gauge: 0.692, yukawa: 0.01)
        let V = ThermalEffectivePotential(model: m, conventions: PotentialConventions(daisy: .arnoldEspinosa, scalarThermal: .fullJB))
        let phases = PhaseStructure(potential: V)
        let Tc = try #require(try phases.criticalTemperature())
        #expect(Tc > 0.01 * m.vev && Tc < m.vev)
        #expect(try phases.barrier(at: 0.5 * Tc) != nil)
        #expect(try #require(try phases.vacuumEnergyDifference(at: 0)) > 0)
    }

    /// Small couplings: λ from the cancellation-free root stays positive and equals its leading value 11·3g⁴/(48π²)
    /// (the naive (12π² − √D)/55 returned 0 or a negative λ for g ≲ 2e-4); light dof 4 + 7/8·4.
    @Test func smallCouplingsAndLightDegreesOfFreedom() throws {
        let m = try ConformalDarkU1(vev: 1, gauge: 1e-4, yukawa: 0)
        #expect(abs(m.lambda / (11 * 3e-16 / (48 * Double.pi * Double.pi)) - 1) < 1e-12)
        #expect(try ConformalDarkU1(vev: 1, gauge: 0.7, yukawa: 0.3).relativisticDegreesOfFreedom == 7.5)
        // No barrier-free region: the curvature at the origin is positive at any T > 0, so no T_0.
        let phases = PhaseStructure(potential: ThermalEffectivePotential(model: try ConformalDarkU1(vev: 0.14, gauge: 0.692, yukawa: 0.01)))
        let Tc = try #require(try phases.criticalTemperature())
        #expect(try phases.barrierDisappearanceTemperature(criticalTemperature: Tc) == nil)
    }

    /// Tiny couplings break the symmetry at T_c ≪ 10⁻³ v (where the T_c search used to start and report "no T_c"):
    /// the broken and symmetric phases are degenerate there, the broken one deeper just below.
    @Test func criticalTemperatureBelowAThousandthOfV() throws {
        let phases = PhaseStructure(potential: ThermalEffectivePotential(model: try ConformalDarkU1(vev: 1, gauge: 1e-4, yukawa: 0)))
        let Tc = try #require(try phases.criticalTemperature())
        #expect(Tc < 1e-3)
        #expect(abs(try #require(try phases.vacuumEnergyDifference(at: Tc))) < 1e-6 * (try #require(try phases.vacuumEnergyDifference(at: 0))))
        #expect(try #require(try phases.vacuumEnergyDifference(at: 0.9 * Tc)) > 0)
    }

    @Test func invalidCouplingsAreRefused() {
        #expect(throws: ConformalDarkU1.InvalidParameter.self) { try ConformalDarkU1(vev: 1, gauge: 4, yukawa: 0) }      // no real λ
        #expect(throws: ConformalDarkU1.InvalidParameter.self) { try ConformalDarkU1(vev: 1, gauge: 0.3, yukawa: 1) }    // S < 0
        #expect(throws: ConformalDarkU1.InvalidParameter.self) { try ConformalDarkU1(vev: 1e17, gauge: 0.7, yukawa: 0) }
    }
}
