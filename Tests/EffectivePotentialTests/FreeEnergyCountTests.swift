import Testing
import Foundation
@testable import EffectivePotential

/// `--gstar-dark free-energy`: the one-loop free energy's own count of the false-vacuum dark plasma.
@Suite struct FreeEnergyCountTests {
    /// By hand from the high-T series of Re J_B (|y| ≤ 4; Quirós hep-ph/9901312, summed to (y/4π²)²², converged; a few lines
    /// of Python independent of this code): its minimum on y < 0 is at y₀ = −3.724026, Re J_B(y₀) = −3.4706702821, so a
    /// tachyonic boson counts −45 J_B(y₀)/π⁴ = 1.603343 dof. DarkU1 at φ = 0: Z' (3 loop dof, massless) + h and G
    /// (m²(0) = −λv² < 0, tachyonic) = 3 + 2 × 1.603343 = 6.206686 (ELENA and the benchmark table's ≈ 6.2; the physical
    /// count is 4). The conformal U(1) (μ² = 0): Z' 3 + h 1 + G 1 + 7/8 × 4 Weyl dof = 8.5.
    @Test func darkU1CountsSixPointTwo() throws {
        let minimum = ThermalFunctions.bosonicTachyonicMinimum
        #expect(abs(minimum.y - -3.724026255157342) < 1e-6)
        #expect(abs(minimum.value - -3.4706702820727937) < 1e-10)
        let model = try DarkU1(vev: 0.5, lambda: 0.00165, gauge: 0.54)
        #expect(abs(model.freeEnergyDegreesOfFreedom - 6.206685557485763) < 1e-9)
        #expect(model.relativisticDegreesOfFreedom == 4)
        // The same for any (v, λ, g): the count does not depend on the couplings.
        #expect(abs(try DarkU1(vev: 1e6, lambda: 0.1, gauge: 1.2).freeEnergyDegreesOfFreedom - 6.206685557485763) < 1e-9)
        let conformal = try ConformalDarkU1(vev: 1, gauge: 0.5, yukawa: 0.1)
        #expect(abs(conformal.freeEnergyDegreesOfFreedom - 8.5) < 1e-12)
    }
}
