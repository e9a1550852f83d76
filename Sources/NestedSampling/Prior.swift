// Prior transforms for the common one-dimensional priors and for a correlated Gaussian: unit-cube coordinates →
// parameters, for writing `NestedSamplingProblem.transform(unitCube:)`.
import Foundation
import SupercoolNumerics

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

    /// Φ⁻¹(p), the standard normal quantile (`StandardNormal.quantile` of SupercoolNumerics, AS 241).
    public static func inverseNormalCDF(_ p: Double) -> Double { StandardNormal.quantile(p) }
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
