// The standard normal quantile Φ⁻¹, for prior transforms (NestedSampling) and anything else that maps (0, 1) to a Gaussian.
import Foundation

/// The standard normal distribution N(0, 1).
public enum StandardNormal {
    /// Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS 241 (PPND16; Applied Statistics 37, 477
    /// (1988)): rational approximations in three ranges, relative accuracy ~1e-16. −∞ at p ≤ 0, +∞ at p ≥ 1, NaN for NaN.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * horner(r, as241A) / horner(r, as241B)
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        let z: Double
        if r <= 5 {
            r -= 1.6
            z = horner(r, as241C) / horner(r, as241D)
        } else {
            r -= 5
            z = horner(r, as241E) / horner(r, as241F)
        }
        return q < 0 ? -z : z
    }
}

// AS 241 coefficients, highest power first (Wichura 1988, PPND16).
private let as241A: [Double] = [2.5090809287301226727e3, 3.3430575583588128105e4, 6.7265770927008700853e4, 4.5921953931549871457e4,
                                1.3731693765509461125e4, 1.9715909503065514427e3, 1.3314166789178437745e2, 3.3871328727963666080e0]
private let as241B: [Double] = [5.2264952788528545610e3, 2.8729085735721942674e4, 3.9307895800092710610e4, 2.1213794301586595867e4,
                                5.3941960214247511077e3, 6.8718700749205790830e2, 4.2313330701600911252e1, 1]
private let as241C: [Double] = [7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1, 1.27045825245236838258e0,
                                3.64784832476320460504e0, 5.76949722146069140550e0, 4.63033784615654529590e0, 1.42343711074968357734e0]
private let as241D: [Double] = [1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2, 1.48103976427480074590e-1,
                                6.89767334985100004550e-1, 1.67638483018380384940e0, 2.05319162663775882187e0, 1]
private let as241E: [Double] = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3, 2.65321895265761230930e-2,
                                2.96560571828504891230e-1, 1.78482653991729133580e0, 5.46378491116411436990e0, 6.65790464350110377720e0]
private let as241F: [Double] = [2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5, 7.86869131145613259100e-4,
                                1.48753612908506148525e-2, 1.36929880922735805310e-1, 5.99832206555887937690e-1, 1]

@inline(__always) private func horner(_ x: Double, _ c: [Double]) -> Double {
    var s = 0.0
    for a in c { s = s * x + a }
    return s
}
