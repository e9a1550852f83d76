// Prior transforms for the common one-dimensional priors and for a correlated Gaussian: unit-cube coordinates →
// parameters, for writing `NestedSamplingProblem.transform(unitCube:)`.
import Foundation

/// A one-dimensional prior as the inverse of its CDF on (0, 1). Independent priors make a problem's transform:
/// `zip(priors, u).map { $0.transform($1) }`. Check user-supplied bounds with ``validate()``.
public enum Prior: Sendable, Equatable {
    /// Uniform on [lower, upper]: lower + u (upper − lower).
    case uniform(lower: Double, upper: Double)
    /// Density ∝ 1/x on [lower, upper], 0 < lower < upper: lower·(upper/lower)^u (uniform in ln x).
    case logUniform(lower: Double, upper: Double)
    /// Gaussian: mean + σ Φ⁻¹(u).
    case normal(mean: Double, standardDeviation: Double)

    /// Throws ``NestedSamplingError/invalidPrior(_:)`` unless the bounds are finite and ordered (and positive for
    /// `logUniform`), or the mean finite and σ positive and finite.
    public func validate() throws(NestedSamplingError) {
        switch self {
        case .uniform(let a, let b):
            guard a.isFinite, b.isFinite, a < b else { throw .invalidPrior("uniform prior needs finite lower < upper, got [\(a), \(b)]") }
        case .logUniform(let a, let b):
            guard a.isFinite, b.isFinite, a > 0, a < b else {
                throw .invalidPrior("log-uniform prior needs finite 0 < lower < upper, got [\(a), \(b)]")
            }
        case .normal(let m, let s):
            guard m.isFinite, s.isFinite, s > 0 else { throw .invalidPrior("normal prior needs a finite mean and 0 < σ < ∞, got \(m), \(s)") }
        }
    }

    /// The parameter at unit-cube coordinate u ∈ (0, 1).
    public func transform(_ u: Double) -> Double {
        switch self {
        case .uniform(let a, let b): return a + u * (b - a)
        case .logUniform(let a, let b): return a * exp(u * log(b / a))
        case .normal(let m, let s): return m + s * Prior.inverseNormalCDF(u)
        }
    }

    /// Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS 241 (PPND16; Applied Statistics 37, 477
    /// (1988)): rational approximations in three ranges, relative accuracy ~1e-16. −∞ at p ≤ 0, +∞ at p ≥ 1, NaN for NaN.
    public static func inverseNormalCDF(_ p: Double) -> Double {
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

/// A correlated Gaussian prior on d parameters: mean + L·(Φ⁻¹(u₁), …, Φ⁻¹(u_d)) with L the Cholesky factor of the
/// covariance (e.g. a 2-D astrophysical prior on (log10 A, γ)).
public struct MultivariateNormalPrior: Sendable, Equatable {
    public let mean: [Double]
    public let covariance: [[Double]]
    /// The lower Cholesky factor, row-major.
    let factor: [Double]

    /// Throws ``NestedSamplingError/invalidPrior(_:)`` unless the covariance is a symmetric, positive-definite d×d
    /// matrix of finite numbers and the mean has d finite entries.
    public init(mean: [Double], covariance: [[Double]]) throws(NestedSamplingError) {
        let d = mean.count
        guard d > 0, mean.allSatisfy(\.isFinite) else { throw .invalidPrior("multivariate normal prior needs a finite, non-empty mean") }
        guard covariance.count == d, covariance.allSatisfy({ $0.count == d && $0.allSatisfy(\.isFinite) }) else {
            throw .invalidPrior("multivariate normal prior needs a finite \(d)×\(d) covariance")
        }
        for i in 0..<d {
            for j in 0..<i where abs(covariance[i][j] - covariance[j][i]) > 1e-12 * (abs(covariance[i][i] * covariance[j][j])).squareRoot() {
                throw .invalidPrior("multivariate normal prior: covariance not symmetric at (\(i), \(j))")
            }
        }
        guard let l = cholesky(covariance.flatMap { $0 }, d: d, jitter: 0) else {
            throw .invalidPrior("multivariate normal prior: covariance is not positive definite")
        }
        self.mean = mean
        self.covariance = covariance
        self.factor = l
    }

    /// The d parameters at unit-cube coordinates u (d of them).
    public func transform(_ u: [Double]) -> [Double] {
        let d = mean.count
        let z = u.prefix(d).map(Prior.inverseNormalCDF)
        return (0..<d).map { i in
            var x = mean[i]
            for j in 0...i where j < z.count { x += factor[i * d + j] * z[j] }
            return x
        }
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
