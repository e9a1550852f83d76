import Foundation
import NestedSampling

/// The prior of an SMBHB background h_c = A (f/f_yr)^{(3−γ)/2}: γ = 13/3 with a 1-D prior on log10 A (circular binaries
/// driven by GW emission, Phinney astro-ph/0108028), or a 2-D Gaussian on (log10 A, γ) from SMBHB population synthesis.
/// Used by `PowerLawProblem.smbhb(likelihoods:prior:)` (the SMBHB-only reference) and `PhaseTransitionProblem` (an added
/// background), so that a Bayes factor compares models with the same SMBHB prior.
public enum SMBHBPrior: Sendable, Equatable {
    /// γ = 13/3; log10 A from the given prior (one parameter).
    case fixedGamma(log10Amplitude: Prior)
    /// (log10 A, γ) from a correlated Gaussian (two parameters).
    case gaussian(MultivariateNormalPrior)

    /// γ = 13/3, log10 A ∈ U[−18, −11] (issue 13's default; the amplitude prior of `PowerLawProblem`).
    public static let uniform = SMBHBPrior.fixedGamma(log10Amplitude: PowerLawProblem.defaultLog10Amplitude)

    /// NANOGrav's astrophysical prior: the 2-D Gaussian fitted to the (log10 A, γ) of the holodeck library astro-02-gw
    /// (GWOnly-Ext), used for the SMBHB background in NANOGrav 15-yr's new-physics search (arXiv:2306.16219) and in
    /// PTArcade. Numbers from PTArcade, github.com/andrea-mitridate/PTArcade, src/ptarcade/signal_builder.py
    /// (`bhb_priors["NG15"]`, commit 04b0cda8bf79c8d8cadcfe1414165ec12dfd49e1), passed there to enterprise's
    /// `parameter.Normal(mu, sigma)`, which reads a 2-D sigma as the covariance matrix (enterprise/signals/parameter.py,
    /// `NormalPrior`/`NormalSampler`).
    public static let nanograv15Mean = [-15.61492963, 4.70709637]
    public static let nanograv15Covariance = [[0.27871359, -0.00263617], [-0.00263617, 0.12415383]]
    // The constants above are a symmetric positive-definite matrix (tested), so the initializer cannot throw.
    public static let nanograv15 = SMBHBPrior.gaussian(try! MultivariateNormalPrior(mean: nanograv15Mean, covariance: nanograv15Covariance))

    /// 1 (log10 A) or 2 (log10 A, γ).
    public var dimension: Int {
        switch self {
        case .fixedGamma: return 1
        case .gaussian: return 2
        }
    }

    /// The parameter names, each with `suffix` (e.g. "_smbhb" next to other sources).
    public func parameterNames(suffix: String = "") -> [String] {
        dimension == 1 ? ["log10_A" + suffix] : ["log10_A" + suffix, "gamma" + suffix]
    }

    /// The `dimension` parameters at unit-cube coordinates u.
    public func transform(_ u: ArraySlice<Double>) -> [Double] {
        switch self {
        case .fixedGamma(let prior): return [prior.transform(u[u.startIndex])]
        case .gaussian(let prior): return prior.transform(Array(u.prefix(2)))
        }
    }

    /// (log10 A, γ) of the `dimension` parameters p.
    public func powerLaw(_ p: ArraySlice<Double>) -> (log10A: Double, gamma: Double) {
        dimension == 1 ? (p[p.startIndex], PowerLawProblem.smbhbGamma) : (p[p.startIndex], p[p.startIndex + 1])
    }
}
