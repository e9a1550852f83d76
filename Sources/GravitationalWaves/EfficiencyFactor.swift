#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fraction κ(α, v_w) of the vacuum energy that goes into bulk fluid motion: the full fits of Espinosa,
/// Konstandin, No, Servant, arXiv:1004.4187, eqs. (A.1)–(A.3) (κ_A…κ_D, ξ_J) and (A.4)–(A.6) (the
/// interpolations between them), for a bag equation of state with c_s² = 1/3.
public enum EfficiencyFactor {
    public static let soundSpeed = 1 / 3.0.squareRoot()

    /// Jouguet velocity ξ_J = (√(2α/3 + α²) + √(1/3))/(1 + α).
    public static func jouguetVelocity(alpha: Double) -> Double {
        ((2 * alpha / 3 + alpha * alpha).squareRoot() + (1.0 / 3).squareRoot()) / (1 + alpha)
    }

    /// κ_A (v_w ≪ c_s), κ_B (v_w = c_s), κ_C (v_w = ξ_J), κ_D (v_w → 1).
    static func kappaA(_ a: Double, _ vw: Double) -> Double { pow(vw, 6.0 / 5) * 6.9 * a / (1.36 - 0.037 * a.squareRoot() + a) }
    static func kappaB(_ a: Double) -> Double { pow(a, 2.0 / 5) / (0.017 + pow(0.997 + a, 2.0 / 5)) }
    static func kappaC(_ a: Double) -> Double { a.squareRoot() / (0.135 + (0.98 + a).squareRoot()) }
    static func kappaD(_ a: Double) -> Double { a / (0.73 + 0.083 * a.squareRoot() + a) }

    /// κ_D(α) = α/(0.73 + 0.083√α + α): the v_w → 1 limit (1004.4187 appendix A), e.g. for ultra-relativistic walls.
    public static func relativisticWalls(alpha: Double) -> Double { kappaD(alpha) }

    /// κ(α, v_w) for 0 < v_w ≤ 1. For α ≫ 1 in the hybrid regime (c_s < v_w < ξ_J) the interpolation
    /// (A.5) overshoots 1 by up to ~1 %; energy conservation caps κ at 1.
    public static func kappa(alpha a: Double, wallVelocity vw: Double) -> Double {
        min(fit(alpha: a, wallVelocity: vw), 1)
    }

    static func fit(alpha a: Double, wallVelocity vw: Double) -> Double {
        let cs = soundSpeed
        let xiJ = jouguetVelocity(alpha: a)
        if vw < cs {
            let kA = kappaA(a, vw), kB = kappaB(a)
            let c = pow(cs, 11.0 / 5)
            return c * kA * kB / ((c - pow(vw, 11.0 / 5)) * kB + vw * pow(cs, 6.0 / 5) * kA)
        }
        if vw < xiJ {
            let kB = kappaB(a), kC = kappaC(a)
            let dk = -0.9 * log(a.squareRoot() / (1 + a.squareRoot()))
            let x = vw - cs, w = xiJ - cs
            return kB + x * dk + pow(x, 3) / pow(w, 3) * (kC - kB - w * dk)
        }
        let kC = kappaC(a), kD = kappaD(a)
        let j3 = pow(xiJ - 1, 3), v3 = pow(vw - 1, 3)
        return j3 * pow(xiJ, 2.5) * pow(vw, -2.5) * kC * kD / ((j3 - v3) * pow(xiJ, 2.5) * kC + v3 * kD)
    }
}
