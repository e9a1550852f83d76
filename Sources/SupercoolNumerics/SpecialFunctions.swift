import _CGSL

/// Special functions with GSL status codes turned into errors (never an abort, never a silent NaN).
public enum SpecialFunctions {
    /// Modified Bessel function K_n(x) multiplied by e^x (no underflow for large x).
    public static func besselKnScaled(_ n: Int32, _ x: Double) throws -> Double {
        ensureGSLReady()
        var r = gsl_sf_result()
        try check(gsl_sf_bessel_Kn_scaled_e(n, x, &r), "Bessel K_\(n)(\(x))")
        return r.val
    }

    /// Modified Bessel function K_ν(x) multiplied by e^x, real order ν ≥ 0, x > 0.
    public static func besselKnuScaled(_ nu: Double, _ x: Double) throws -> Double {
        ensureGSLReady()
        var r = gsl_sf_result()
        try check(gsl_sf_bessel_Knu_scaled_e(nu, x, &r), "Bessel K_\(nu)(\(x))")
        return r.val
    }

    /// Modified Bessel function I_ν(x) multiplied by e^{-|x|}, real order ν ≥ 0.
    public static func besselInuScaled(_ nu: Double, _ x: Double) throws -> Double {
        ensureGSLReady()
        var r = gsl_sf_result()
        try check(gsl_sf_bessel_Inu_scaled_e(nu, x, &r), "Bessel I_\(nu)(\(x))")
        return r.val
    }

    /// e^{-|x|} I_0(x) and e^{-|x|} I_1(x) (fast Chebyshev fits in GSL).
    public static func besselI0Scaled(_ x: Double) -> Double { ensureGSLReady(); return gsl_sf_bessel_I0_scaled(x) }
    public static func besselI1Scaled(_ x: Double) -> Double { ensureGSLReady(); return gsl_sf_bessel_I1_scaled(x) }

    /// Riemann ζ(s), s ≠ 1.
    public static func zeta(_ s: Double) throws -> Double {
        ensureGSLReady()
        var r = gsl_sf_result()
        try check(gsl_sf_zeta_e(s, &r), "zeta(\(s))")
        return r.val
    }

    /// Γ(x).
    public static func gamma(_ x: Double) throws -> Double {
        ensureGSLReady()
        var r = gsl_sf_result()
        try check(gsl_sf_gamma_e(x, &r), "Gamma(\(x))")
        return r.val
    }
}
