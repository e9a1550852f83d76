import SupercoolNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ThermalFunctions {
    /// The minimum of Re J_B(y) on y < 0, at y₀ ≈ −3.72 where d Re J_B/dy = 0 (Brent root of the derivative in [−6, −2]).
    /// CosmoTransitions' J_B is frozen at this minimum for y < y₀, so a code built on it (ELENA, 2510.00289) evaluates a
    /// tachyonic species' free energy there however deep the supercooling.
    public static let bosonicTachyonicMinimum: (y: Double, value: Double) = {
        let j = ThermalFunctions.standard
        let y0 = (try? RootFinder(relativeTolerance: 1e-12).root(of: { j.bosonicWithDerivative($0).derivative }, in: -6, -2)) ?? -3.72
        return (y0, j.bosonic(y0))
    }()
}

extension ParticleModel {
    /// g_dark of the false vacuum (φ = 0) as the one-loop thermal free energy counts it (`--gstar-dark free-energy`):
    /// the entropy of V_T = T⁴/(2π²) Σ n J(m²(0)/T²) converted to dof, g = −T ∂V_T/∂T / (2π²T⁴/45) (massless gas:
    /// s T = (2π²/45) g T⁴), evaluated in the high-T limit of each loop (Quirós hep-ph/9901312 eq. 157):
    /// - a boson with m²(0) ≥ 0 counts its loop dof n (J_B → −π⁴/45), the Landau-gauge Goldstone and all three Z' modes
    ///   included: they are separate loops of V_T;
    /// - a fermion with m²(0) ≥ 0 counts 7n/8 (J_F → 7π⁴/360);
    /// - a tachyonic boson (m²(0) < 0, y = m²(0)/T² → −∞ while supercooling) counts n · (−45/π⁴) Re J_B(y₀) ≈ 1.603 n,
    ///   with J_B frozen at its minimum y₀ ≈ −3.72 (`ThermalFunctions.bosonicTachyonicMinimum`; there J_B' = 0, so
    ///   −T∂V_T/∂T = −4V_T and the entropy and energy counts coincide). Re J_B of an unstable mode is not a trustworthy
    ///   free energy (README, "Conventions"); this is the count of CosmoTransitions-based codes (ELENA).
    /// DarkU1 (Z' 3, h and G tachyonic at φ = 0): 3 + 2 × 1.603 = 6.207, the g_dark ≈ 6.2 that the benchmark table's α implies.
    /// A convention for comparisons, not the physical light dof (`relativisticDegreesOfFreedom`, 4 for DarkU1).
    public var freeEnergyDegreesOfFreedom: Double {
        let tachyon = -45 / pow(Double.pi, 4) * ThermalFunctions.bosonicTachyonicMinimum.value
        return species.reduce(0) { sum, s in
            switch s.statistics {
            case .fermion: return sum + 7.0 / 8 * s.degreesOfFreedom
            case .boson: return sum + s.degreesOfFreedom * (s.mass.constant < 0 ? tachyon : 1)
            }
        }
    }
}
