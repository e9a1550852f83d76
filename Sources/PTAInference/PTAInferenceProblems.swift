import Foundation
import GravitationalWaves
import NestedSampling
import PulsarTiming

/// A stochastic background h_c = A (f/f_yr)^{(3−γ)/2} against PTA free spectra (Σ ln L over the data sets):
/// `free` samples (log10 A, γ), `smbhb` fixes γ = 13/3 (circular SMBHBs, Phinney astro-ph/0108028) and samples log10 A,
/// or samples (log10 A, γ) from a 2-D Gaussian (`SMBHBPrior.nanograv15`).
/// Default priors (issue 13, as PTArcade's reference models): log10 A ∈ U[−18, −11], γ ∈ U[0, 7].
public struct PowerLawProblem: NestedSamplingProblem {
    public let likelihoods: [PTALikelihood]
    public let log10AmplitudePrior: Prior
    /// nil: γ fixed to `fixedGamma` (or from `jointPrior`).
    public let gammaPrior: Prior?
    public let fixedGamma: Double
    /// A 2-D prior on (log10 A, γ) in place of the two 1-D ones (`smbhb(likelihoods:prior:)` with a Gaussian).
    public let jointPrior: MultivariateNormalPrior?

    public static let defaultLog10Amplitude = Prior.uniform(lower: -18, upper: -11)
    public static let defaultGamma = Prior.uniform(lower: 0, upper: 7)
    public static let smbhbGamma = 13.0 / 3

    /// Free γ.
    public static func free(likelihoods: [PTALikelihood], log10Amplitude: Prior = defaultLog10Amplitude, gamma: Prior = defaultGamma) -> PowerLawProblem {
        PowerLawProblem(likelihoods: likelihoods, log10AmplitudePrior: log10Amplitude, gammaPrior: gamma, fixedGamma: .nan, jointPrior: nil)
    }
    /// γ = 13/3.
    public static func smbhb(likelihoods: [PTALikelihood], log10Amplitude: Prior = defaultLog10Amplitude) -> PowerLawProblem {
        PowerLawProblem(likelihoods: likelihoods, log10AmplitudePrior: log10Amplitude, gammaPrior: nil, fixedGamma: smbhbGamma, jointPrior: nil)
    }
    /// The SMBHB-only model with any `SMBHBPrior` (γ = 13/3, or (log10 A, γ) from a 2-D Gaussian).
    public static func smbhb(likelihoods: [PTALikelihood], prior: SMBHBPrior) -> PowerLawProblem {
        switch prior {
        case .fixedGamma(let a): return smbhb(likelihoods: likelihoods, log10Amplitude: a)
        case .gaussian(let joint):
            return PowerLawProblem(likelihoods: likelihoods, log10AmplitudePrior: defaultLog10Amplitude, gammaPrior: nil, fixedGamma: .nan,
                                   jointPrior: joint)
        }
    }

    /// Whether γ is a parameter (free, or from the joint prior).
    var samplesGamma: Bool { gammaPrior != nil || jointPrior != nil }

    public var parameterNames: [String] { samplesGamma ? ["log10_A", "gamma"] : ["log10_A"] }

    /// h²Ω_GW(f) of the power law: Ω = 2π² f² h_c²/(3H0²) with h_c = A (f/f_yr)^{(3−γ)/2} (e.g. NANOGrav 2306.16213 eq. 2;
    /// the same ρ² as `PTALikelihood.residualPower(log10A:gamma:frequency:)`).
    public static func energyDensity(log10A: Double, gamma: Double, frequency f: Double) -> Double {
        let a = pow(10, log10A), h0 = PTALikelihood.hundredKmPerSecPerMpc
        return 2 * Double.pi * Double.pi / 3 * a * a * pow(f / PTALikelihood.yearFrequency, 3 - gamma) * f * f / (h0 * h0)
    }

    /// h²Ω_GW(f) of a parameter vector.
    public func energyDensity(_ p: [Double], frequency f: Double) -> Double {
        Self.energyDensity(log10A: p[0], gamma: samplesGamma ? p[1] : fixedGamma, frequency: f)
    }
    public func transform(unitCube u: [Double]) -> [Double] {
        if let jointPrior { return jointPrior.transform(u) }
        return gammaPrior.map { [log10AmplitudePrior.transform(u[0]), $0.transform(u[1])] } ?? [log10AmplitudePrior.transform(u[0])]
    }
    public func logLikelihood(_ p: [Double]) -> Double {
        let gamma = samplesGamma ? p[1] : fixedGamma
        return likelihoods.reduce(0) { $0 + $1.logLikelihood(log10A: p[0], gamma: gamma) }
    }
}

/// A phase-transition spectrum (any `TemplateKind`) with parameters (log10 T_p/GeV, log10 α, log10 H*R*), optionally plus
/// an SMBHB power law (`SMBHBPrior`: γ = 13/3 with log10 A sampled, or (log10 A, γ) from a 2-D Gaussian; ρ² added, as
/// PTArcade does). T* = T_p(1 + α)^{1/4}
/// (`GWSource.reheatingTemperature`), g* = `degreesOfFreedom(T*)`. Default priors: log-uniform as `fit --scan`'s grid,
/// T_p ∈ [1 MeV, 1 GeV], α ∈ [0.1, 10⁴], H*R* ∈ [0.01, 3].
public struct PhaseTransitionProblem: NestedSamplingProblem {
    public let likelihoods: [PTALikelihood]
    public let template: TemplateKind
    public let wallVelocity: Double
    public let degreesOfFreedom: @Sendable (Double) -> Double
    public let log10PercolationTemperature: Prior
    public let log10Alpha: Prior
    public let log10HubbleRadius: Prior
    /// With an SMBHB background: its prior (parameters after the three of the transition).
    public let smbhb: SMBHBPrior?
    /// κ_col for the `budget` template (direct mode has no walls; see `fit`): nil elsewhere.
    public let collisionFraction: Double?

    public static let defaultLog10PercolationTemperature = Prior.uniform(lower: -3, upper: 0)
    public static let defaultLog10Alpha = Prior.uniform(lower: -1, upper: 4)
    public static let defaultLog10HubbleRadius = Prior.uniform(lower: -2, upper: log10(3))

    public init(likelihoods: [PTALikelihood], template: TemplateKind, wallVelocity: Double = 1,
                degreesOfFreedom: @escaping @Sendable (Double) -> Double,
                log10PercolationTemperature: Prior = defaultLog10PercolationTemperature, log10Alpha: Prior = defaultLog10Alpha,
                log10HubbleRadius: Prior = defaultLog10HubbleRadius, smbhbLog10Amplitude: Prior? = nil, smbhb: SMBHBPrior? = nil,
                collisionFraction: Double? = nil) {
        self.likelihoods = likelihoods; self.template = template; self.wallVelocity = wallVelocity
        self.degreesOfFreedom = degreesOfFreedom; self.log10PercolationTemperature = log10PercolationTemperature
        self.log10Alpha = log10Alpha; self.log10HubbleRadius = log10HubbleRadius
        // `smbhbLog10Amplitude` is shorthand for a γ = 13/3 background with that amplitude prior.
        self.smbhb = smbhb ?? smbhbLog10Amplitude.map { .fixedGamma(log10Amplitude: $0) }
        self.collisionFraction = collisionFraction
    }

    public var parameterNames: [String] {
        ["log10_Tp_GeV", "log10_alpha", "log10_HR"] + (smbhb?.parameterNames(suffix: "_smbhb") ?? [])
    }
    public func transform(unitCube u: [Double]) -> [Double] {
        [log10PercolationTemperature.transform(u[0]), log10Alpha.transform(u[1]), log10HubbleRadius.transform(u[2])]
            + (smbhb?.transform(u[3...]) ?? [])
    }

    /// The GW source of a parameter vector.
    public func source(_ p: [Double]) throws -> GWSource {
        let Tp = pow(10, p[0]), alpha = pow(10, p[1]), hr = pow(10, p[2])
        let Tstar = GWSource.reheatingTemperature(percolationTemperature: Tp, alpha: alpha)
        let split = try collisionFraction.map { try EnergySplit(alpha: alpha, kappaCollision: $0) }
        return GWSource(temperature: Tstar, degreesOfFreedom: degreesOfFreedom(Tstar), alpha: alpha, hubbleRadius: hr,
                        wallVelocity: wallVelocity, energySplit: split)
    }

    /// h²Ω_GW(f) of a parameter vector: the template, plus the SMBHB power law when present.
    public func energyDensity(_ p: [Double], frequency f: Double) throws -> Double {
        let t = template.template(for: try source(p))
        let background = smbhb.map { $0.powerLaw(p[3...]) }
        return t.energyDensity(frequency: f) + (background.map { PowerLawProblem.energyDensity(log10A: $0.log10A, gamma: $0.gamma, frequency: f) } ?? 0)
    }

    public func logLikelihood(_ p: [Double]) throws -> Double {
        let t = template.template(for: try source(p))
        let background = smbhb.map { $0.powerLaw(p[3...]) }
        return likelihoods.reduce(0) { $0 + $1.logLikelihood(spectrum: { t.energyDensity(frequency: $0) }, smbhb: background) }
    }
}
