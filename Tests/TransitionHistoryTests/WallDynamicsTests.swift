import Testing
import Foundation
import EffectivePotential
@testable import TransitionHistory

/// Wall regime and energy budget (Ellis, Lewicki, No, Vaskonen 1903.09642 §2) against hand computations.
@Suite struct WallDynamicsTests {
    /// A Z' (3 dof, g = 0.7), a radial scalar (1 dof, b = 0.03), an eaten Goldstone and a fermion (4 dof, b = 0.02).
    static let species = [
        Species(name: "Z'", degreesOfFreedom: 3, statistics: .boson, mass: FieldDependentMass(quadratic: 0.49), logReferenceMassSquared: 1,
                quadraticReferenceMassSquared: 0, debye: nil, isScalar: false, wallRole: .gaugeBoson(coupling: 0.7)),
        Species(name: "h", degreesOfFreedom: 1, statistics: .boson, mass: FieldDependentMass(constant: -0.01, quadratic: 0.03),
                logReferenceMassSquared: 1, quadraticReferenceMassSquared: 0, debye: nil, isScalar: true),
        Species(name: "G", degreesOfFreedom: 1, statistics: .boson, mass: FieldDependentMass(constant: -0.01, quadratic: 0.01),
                logReferenceMassSquared: 1, quadraticReferenceMassSquared: 0, debye: nil, isScalar: true, wallRole: .goldstone),
        Species(name: "chi", degreesOfFreedom: 4, statistics: .fermion, mass: FieldDependentMass(quadratic: 0.02),
                logReferenceMassSquared: 1, quadraticReferenceMassSquared: 0, debye: nil, isScalar: false),
    ]

    /// By hand at φ_b = 1 GeV, T = 0.01 GeV, ρ = 1e-6 GeV⁴: Σ c n Δm² = 3·0.49 + 0.03 + ½·4·0.02 = 1.54, α_∞ = 1.54·1e-4/24/1e-6
    /// = 6.41667; α_eq = 3·0.49·0.7·1e-6/1e-6 = 1.029; R* = 1e10, R_0 = 10 ⇒ γ_* = 2e10/30.
    @Test func thresholdsByHand() throws {
        let w = WallDynamics(alpha: 100, temperature: 0.01, radiationEnergyDensity: 1e-6, brokenMinimum: 1,
                             meanBubbleSeparation: 1e10, initialRadius: 10, species: Self.species)
        #expect(abs(w.alphaInfinity / (1.54e-4 / 24 / 1e-6) - 1) < 1e-12)
        #expect(abs(w.alphaEquilibrium / 1.029 - 1) < 1e-12)
        #expect(abs(w.gammaCollision / (2e10 / 30) - 1) < 1e-12)
        // Worked by hand (a calculator, not this code): γ_eq = (100 − 6.416667)/1.029 = 90.94590; terminal velocity since
        // γ_eq < γ_* = 6.667e8; κ_col = (γ_eq/γ_*)[1 − (α_∞/α)(γ_eq/γ_*)²] = 1.364189e-7; κ_sw = κ(α_eff) α_eff/α with
        // κ(x) = x/(0.73 + 0.083√x + x) (1004.4187) = 0.9846395.
        #expect(abs(try #require(w.gammaEquilibrium) / 90.94590217039197 - 1) < 1e-12)
        #expect(w.regime == .terminalVelocity)
        #expect(abs(w.kappaCollision / 1.3641885325558782e-07 - 1) < 1e-10)
        #expect(abs(w.kappaSoundWaves / 0.9846394860605985 - 1) < 1e-12)
    }

    /// The regime switches at α = α_∞ and at γ_* = γ_eq, κ_col is continuous at the second and the budget never exceeds 1.
    @Test func regimesAndLimits() {
        let below = WallDynamics(alpha: 0.999, alphaInfinity: 1, alphaEquilibrium: 0.1, gammaCollision: 1e6)
        #expect(below.regime == .nonRunaway && below.kappaCollision == 0 && below.gammaEquilibrium == nil)
        let terminal = WallDynamics(alpha: 11, alphaInfinity: 1, alphaEquilibrium: 1, gammaCollision: 10 * (1 + 1e-9))
        let runaway = WallDynamics(alpha: 11, alphaInfinity: 1, alphaEquilibrium: 1, gammaCollision: 10 * (1 - 1e-9))
        #expect(terminal.regime == .terminalVelocity && runaway.regime == .runaway)
        #expect(abs(terminal.kappaCollision - runaway.kappaCollision) < 1e-8)
        // Runaway with α ≫ α_∞: almost everything in the walls; terminal velocity with γ_* ≫ γ_eq: almost nothing.
        #expect(abs(WallDynamics(alpha: 1e6, alphaInfinity: 1, alphaEquilibrium: 1e-9, gammaCollision: 10).kappaCollision - 0.999999) < 1e-15)
        // Without NLO friction (no gauge boson): γ_eq does not exist, the walls run away.
        let noGauge = WallDynamics(alpha: 10, alphaInfinity: 1, alphaEquilibrium: 0, gammaCollision: 1e10)
        #expect(noGauge.regime == .runaway && noGauge.gammaEquilibrium == nil && abs(noGauge.kappaCollision - 0.9) < 1e-15)
        #expect(WallDynamics(alpha: 1e3, alphaInfinity: 1, alphaEquilibrium: 1, gammaCollision: 1e15).kappaCollision < 1e-11)
        for alpha in [0.5, 2.0, 30, 1e3] {
            for gammaStar in [1.0, 1e2, 1e8] {
                let w = WallDynamics(alpha: alpha, alphaInfinity: 1, alphaEquilibrium: 0.5, gammaCollision: gammaStar)
                #expect(w.kappaCollision >= 0 && w.kappaCollision + w.kappaSoundWaves <= 1 + 1e-12)
            }
        }
    }
}
