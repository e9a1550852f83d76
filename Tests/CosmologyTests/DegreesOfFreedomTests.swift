import Testing
import Foundation
@testable import Cosmology

@Suite struct DegreesOfFreedomTests {
    let resources = try! ProjectResources.locate()

    /// Saikawa & Shirai values quoted with the raw table: g_*ρ = 10.79 at 12.4 MeV, 11.58 at 22.3 MeV.
    @Test func saikawaShiraiSampleValues() throws {
        let sm = try StandardModelDegreesOfFreedom(resources: resources)
        #expect(abs(sm.energyDensity(at: 0.0124) - 10.79) < 0.01)
        #expect(abs(sm.energyDensity(at: 0.0223) - 11.58) < 0.01)
    }

    /// Textbook limits: 3.38 (γ + 3 ν at T_ν/T = (4/11)^{1/3}) after e± annihilation;
    /// 10.75 between e± annihilation and the QCD crossover (at ~3 MeV, before the muons matter);
    /// 106.75 for a free SM gas far above the electroweak scale, lowered by ≈ 2 % by the interaction
    /// corrections of 1803.01038 (their table gives ≈ 104 at 10⁵ GeV).
    @Test func limits() throws {
        let sm = try StandardModelDegreesOfFreedom(resources: resources)
        #expect(abs(sm.energyDensity(at: 1e-6) - 3.383) < 0.01)
        #expect(abs(sm.energyDensity(at: 3e-3) - 10.75) < 0.1)
        #expect(sm.energyDensity(at: 1e5) > 103 && sm.energyDensity(at: 1e5) < 106.75)
        #expect(abs(sm.entropyDensity(at: 1e-6) - 3.931) < 0.01)
    }

    @Test func plasmaAddsDarkDegreesOfFreedom() throws {
        let plasma = try Plasma(model: .standardModelPlusDark(dark: 6), resources: resources)
        let sm = try StandardModelDegreesOfFreedom(resources: resources)
        #expect(abs(plasma.energyDegreesOfFreedom(at: 0.02) - sm.energyDensity(at: 0.02) - 6) < 1e-12)
        let constant = try Plasma(model: .constant(16.8), resources: resources)
        #expect(abs(constant.radiationEnergyDensity(at: 2) - Double.pi * Double.pi / 30 * 16.8 * 16) < 1e-12)
    }
}
