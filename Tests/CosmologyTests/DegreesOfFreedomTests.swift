import Testing
import Foundation
@testable import Cosmology
import SupercoolNumerics

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

    /// Massive species against closed forms: the massless limits 1 (boson) and 7/8 (fermion); for m ≫ T the
    /// Boltzmann limit g*_ρ = (15g/π⁴)[3x²K₂(x) + x³K₁(x)], g*_s = (45g/(4π⁴))[4x²K₂(x) + x³K₁(x)]
    /// (Kolb & Turner §3.3; quantum corrections ~e^{−x} ≈ 2e-9 at x = 20).
    @Test func massiveSpeciesLimits() throws {
        let boson = MassiveSpecies(degreesOfFreedom: 1, mass: 1e-9, isFermion: false).degreesOfFreedom(at: 1)
        let fermion = MassiveSpecies(degreesOfFreedom: 1, mass: 1e-9, isFermion: true).degreesOfFreedom(at: 1)
        #expect(abs(boson.energy - 1) < 1e-8 && abs(boson.entropy - 1) < 1e-8)
        #expect(abs(fermion.energy - 0.875) < 1e-8 && abs(fermion.entropy - 0.875) < 1e-8)
        let x = 20.0
        let heavy = MassiveSpecies(degreesOfFreedom: 3, mass: x, isFermion: false).degreesOfFreedom(at: 1)
        let k1 = try SpecialFunctions.besselKnScaled(1, x) * exp(-x), k2 = try SpecialFunctions.besselKnScaled(2, x) * exp(-x)
        let pi4 = pow(Double.pi, 4)
        #expect(abs(heavy.energy / (15 * 3 / pi4 * (3 * x * x * k2 + x * x * x * k1)) - 1) < 1e-7)
        #expect(abs(heavy.entropy / (45 * 3 / (4 * pi4) * (4 * x * x * k2 + x * x * x * k1)) - 1) < 1e-7)
        #expect(MassiveSpecies(degreesOfFreedom: 3, mass: 1e6, isFermion: false).degreesOfFreedom(at: 1).energy == 0)
        // The energy-only path (ρ_rad, the T_reh root) against the same Boltzmann closed form and the massless limits.
        let heavyEnergy = MassiveSpecies(degreesOfFreedom: 3, mass: x, isFermion: false).energyDegreesOfFreedom(at: 1)
        #expect(abs(heavyEnergy / (15 * 3 / pi4 * (3 * x * x * k2 + x * x * x * k1)) - 1) < 1e-7)
        #expect(abs(MassiveSpecies(degreesOfFreedom: 1, mass: 1e-9, isFermion: true).energyDegreesOfFreedom(at: 1) - 0.875) < 1e-8)
        #expect(MassiveSpecies(degreesOfFreedom: 3, mass: 1e6, isFermion: false).energyDegreesOfFreedom(at: 1) == 0)
    }

    @Test func plasmaAddsDarkDegreesOfFreedom() throws {
        let plasma = try Plasma(model: .standardModelPlusDark(dark: 6), resources: resources)
        let sm = try StandardModelDegreesOfFreedom(resources: resources)
        #expect(abs(plasma.energyDegreesOfFreedom(at: 0.02) - sm.energyDensity(at: 0.02) - 6) < 1e-12)
        let constant = try Plasma(model: .constant(16.8), resources: resources)
        #expect(abs(constant.radiationEnergyDensity(at: 2) - Double.pi * Double.pi / 30 * 16.8 * 16) < 1e-12)
    }
}
