import Foundation
import GravitationalWaves
import NestedSampling
import PulsarTiming

/// A stochastic background h_c = A (f/f_yr)^{(3−γ)/2} against PTA free spectra (Σ ln L over the data sets):
/// `free` samples (log10 A, γ), `smbhb` fixes γ = 13/3 (circular SMBHBs, Phinney astro-ph/0108028) and samples log10 A.
/// Default priors (issue 13, as PTArcade's reference models): log10 A ∈ U[−18, −11], γ ∈ U[0, 7].
public struct PowerLawProblem: NestedSamplingProblem {
    public let likelihoods: [PTALikelihood]
    public let log10AmplitudePrior: Prior
    /// nil: γ fixed to `fixedGamma`.
    public let gammaPrior: Prior?
    public let fixedGamma: Double

    public static let defaultLog10Amplitude = Prior.uniform(lower: -18, upper: -11)
    public static let defaultGamma = Prior.uniform(lower: 0, upper: 7)
    public static let smbhbGamma = 13.0 / 3

    /// Free γ.
    public static func free(likelihoods: [PTALikelihood], log10Amplitude: Prior = defaultLog10Amplitude, gamma: Prior = defaultGamma) -> PowerLawProblem {
        PowerLawProblem(likelihoods: likelihoods, log10AmplitudePrior: log10Amplitude, gammaPrior: gamma, fixedGamma: .nan)
    }
    /// γ = 13/3.
    public static func smbhb(likelihoods: [PTALikelihood], log10Amplitude: Prior = defaultLog10Amplitude) -> PowerLawProblem {
        PowerLawProblem(likelihoods: likelihoods, log10AmplitudePrior: log10Amplitude, gammaPrior: nil, fixedGamma: smbhbGamma)
    }

    public var parameterNames: [String] { gammaPrior == nil ? ["log10_A"] : ["log10_A", "gamma"] }

    /// h²Ω_GW(f) of the power law: Ω = 2π² f² h_c²/(3H0²) with h_c = A (f/f_yr)^{(3−γ)/2} (e.g. NANOGrav 2306.16213 eq. 2;
    /// the same ρ² as `PTALikelihood.residualPower(log10A:gamma:frequency:)`).
    public static func energyDensity(log10A: Double, gamma: Double, frequency f: Double) -> Double {
        let a = pow(10, log10A), h0 = PTALikelihood.hundredKmPerSecPerMpc
        return 2 * Double.pi * Double.pi / 3 * a * a * pow(f / PTALikelihood.yearFrequency, 3 - gamma) * f * f / (h0 * h0)
    }

    /// h²Ω_GW(f) of a parameter vector.
    public func energyDensity(_ p: [Double], frequency f: Double) -> Double {
        Self.energyDensity(log10A: p[0], gamma: gammaPrior == nil ? fixedGamma : p[1], frequency: f)
    }
    public func transform(unitCube u: [Double]) -> [Double] {
        gammaPrior.map { [log10AmplitudePrior.transform(u[0]), $0.transform(u[1])] } ?? [log10AmplitudePrior.transform(u[0])]
    }
    public func logLikelihood(_ p: [Double]) -> Double {
        let gamma = gammaPrior == nil ? fixedGamma : p[1]
        return likelihoods.reduce(0) { $0 + $1.logLikelihood(log10A: p[0], gamma: gamma) }
    }
}

/// A phase-transition spectrum (any `TemplateKind`) with parameters (log10 T_p/GeV, log10 α, log10 H*R*), optionally plus
/// a γ = 13/3 SMBHB power law (its log10 A sampled; ρ² added, as PTArcade does). T* = T_p(1 + α)^{1/4}
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
    /// With an SMBHB background: the prior of its log10 A.
    public let smbhbLog10Amplitude: Prior?
    /// κ_col for the `budget` template (direct mode has no walls; see `fit`): nil elsewhere.
    public let collisionFraction: Double?

    public static let defaultLog10PercolationTemperature = Prior.uniform(lower: -3, upper: 0)
    public static let defaultLog10Alpha = Prior.uniform(lower: -1, upper: 4)
    public static let defaultLog10HubbleRadius = Prior.uniform(lower: -2, upper: log10(3))

    public init(likelihoods: [PTALikelihood], template: TemplateKind, wallVelocity: Double = 1,
                degreesOfFreedom: @escaping @Sendable (Double) -> Double,
                log10PercolationTemperature: Prior = defaultLog10PercolationTemperature, log10Alpha: Prior = defaultLog10Alpha,
                log10HubbleRadius: Prior = defaultLog10HubbleRadius, smbhbLog10Amplitude: Prior? = nil, collisionFraction: Double? = nil) {
        self.likelihoods = likelihoods; self.template = template; self.wallVelocity = wallVelocity
        self.degreesOfFreedom = degreesOfFreedom; self.log10PercolationTemperature = log10PercolationTemperature
        self.log10Alpha = log10Alpha; self.log10HubbleRadius = log10HubbleRadius; self.smbhbLog10Amplitude = smbhbLog10Amplitude
        self.collisionFraction = collisionFraction
    }

    public var parameterNames: [String] {
        ["log10_Tp_GeV", "log10_alpha", "log10_HR"] + (smbhbLog10Amplitude == nil ? [] : ["log10_A_smbhb"])
    }
    public func transform(unitCube u: [Double]) -> [Double] {
        [log10PercolationTemperature.transform(u[0]), log10Alpha.transform(u[1]), log10HubbleRadius.transform(u[2])]
            + (smbhbLog10Amplitude.map { [$0.transform(u[3])] } ?? [])
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
        return t.energyDensity(frequency: f)
            + (smbhbLog10Amplitude == nil ? 0 : PowerLawProblem.energyDensity(log10A: p[3], gamma: PowerLawProblem.smbhbGamma, frequency: f))
    }

    public func logLikelihood(_ p: [Double]) throws -> Double {
        let t = template.template(for: try source(p))
        let smbhb = smbhbLog10Amplitude == nil ? nil : (log10A: p[3], gamma: PowerLawProblem.smbhbGamma)
        return likelihoods.reduce(0) { $0 + $1.logLikelihood(spectrum: { t.energyDensity(frequency: $0) }, smbhb: smbhb) }
    }
}
