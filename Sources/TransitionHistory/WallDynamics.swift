import Foundation
import EffectivePotential
import GravitationalWaves

/// How the walls of a strongly supercooled transition move and where the released energy goes (Ellis, Lewicki, No,
/// Vaskonen arXiv:1903.09642 §2), from the friction thresholds of Bödeker & Moore (0903.4099, 1703.08215).
public struct WallDynamics: Sendable, Equatable, Codable {
    public enum Regime: String, Sendable, Codable {
        /// α < α_∞: the leading-order friction stops the walls; no energy in the walls (κ_col = 0).
        case nonRunaway = "non_runaway"
        /// The walls would reach γ_eq before colliding (γ_eq < γ_*): they move at a terminal Lorentz factor.
        case terminalVelocity = "terminal_velocity"
        /// The walls keep accelerating until they collide (γ_* ≤ γ_eq).
        case runaway
    }

    /// α_∞ = Σ_i c_i n_i Δm_i² T²/(24 ρ_rad) (Bödeker–Moore 0903.4099; 1903.09642 §2), c = 1 bosons, 1/2 fermions, over the
    /// species that gain mass across the wall (the Landau-gauge Goldstone is eaten), Δm² = b_i φ_b² at T_p.
    public let alphaInfinity: Double
    /// α_eq = Σ_V n_V g_V² Δm_V T³/ρ_rad (Bödeker–Moore 1703.08215; 1903.09642 eq. 2.16, as TransitionListener cites it): NLO friction P = γ α_eq ρ_rad.
    public let alphaEquilibrium: Double
    /// γ_eq = (α − α_∞)/α_eq (1903.09642 §2), nil for α ≤ α_∞ or without NLO friction (α_eq = 0).
    public let gammaEquilibrium: Double?
    /// γ_* = 2R*/(3R_0), R* = n_b^{−1/3} whatever `--radius` reports: the Lorentz factor a runaway wall would have at collision (1903.09642 §2; R_0 = the bounce's half-way radius at T_p, as TransitionListener).
    public let gammaCollision: Double
    public let regime: Regime
    /// Fraction of the released energy in the walls (1903.09642 §2): terminal velocity (γ_eq/γ_*)[1 − (α_∞/α)(γ_eq/γ_*)²],
    /// runaway 1 − α_∞/α, non-runaway 0.
    public let kappaCollision: Double
    /// α_eff = α (1 − κ_col): what the plasma gets.
    public let alphaEffective: Double
    /// κ_sw = (α_eff/α) κ(α_eff) with κ(x) = x/(0.73 + 0.083√x + x) (Espinosa et al. 1004.4187, v_w → 1; as 1903.09642 §2).
    public let kappaSoundWaves: Double

    /// From the transition's α (trace anomaly), T_p (GeV), ρ_rad(T_p) (GeV⁴), the broken minimum φ_b(T_p) (GeV),
    /// R* and the initial bubble radius R_0 (GeV⁻¹) and the model's species.
    public init(alpha: Double, temperature T: Double, radiationEnergyDensity rho: Double, brokenMinimum phi: Double,
                meanBubbleSeparation: Double, initialRadius: Double, species: [Species]) {
        var frictionLO = 0.0, frictionNLO = 0.0
        for s in species {
            let dm2 = max(s.mass.quadratic * phi * phi, 0)
            switch s.wallRole {
            case .goldstone: continue
            case .gaugeBoson(let g): frictionNLO += s.degreesOfFreedom * g * g * dm2.squareRoot()
            case .physical: break
            }
            frictionLO += (s.statistics == .boson ? 1 : 0.5) * s.degreesOfFreedom * dm2
        }
        let alphaInfinity = frictionLO * T * T / (24 * rho)
        let alphaEq = frictionNLO * pow(T, 3) / rho
        let gammaStar = 2 * meanBubbleSeparation / (3 * initialRadius)
        self.init(alpha: alpha, alphaInfinity: alphaInfinity, alphaEquilibrium: alphaEq, gammaCollision: gammaStar)
    }

    /// From the thresholds directly (tests, users with their own friction).
    public init(alpha: Double, alphaInfinity: Double, alphaEquilibrium: Double, gammaCollision: Double) {
        self.alphaInfinity = alphaInfinity
        self.alphaEquilibrium = alphaEquilibrium
        self.gammaCollision = gammaCollision
        var kappa = 0.0
        if alpha <= alphaInfinity {
            regime = .nonRunaway
            gammaEquilibrium = nil
        } else {
            let gammaEq = alphaEquilibrium > 0 ? (alpha - alphaInfinity) / alphaEquilibrium : .infinity
            gammaEquilibrium = gammaEq.isFinite ? gammaEq : nil
            if gammaEq < gammaCollision {
                regime = .terminalVelocity
                let r = gammaEq / gammaCollision
                kappa = r * (1 - alphaInfinity / alpha * r * r)
            } else {
                regime = .runaway
                kappa = 1 - alphaInfinity / alpha
            }
        }
        let split = EnergySplit(checkedAlpha: alpha, kappaCollision: kappa)
        energySplit = split
        kappaCollision = split.kappaCollision
        alphaEffective = split.alphaEffective
        kappaSoundWaves = split.kappaSoundWaves
    }

    /// κ_col, κ_sw, α_eff as the GW templates take them (`GWSource.energySplit`, the `budget` template).
    public let energySplit: EnergySplit
}
