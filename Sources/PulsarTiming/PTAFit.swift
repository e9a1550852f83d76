import Foundation
import GravitationalWaves

/// ln L of a GW source summed over PTA data sets, compared with the best SMBHB power law (γ = 13/3) and with
/// noise only. With `withSMBHB` each set's SMBHB amplitude is refitted together with the spectrum: the profile
/// likelihood max_A ln L(Ω_GW + power law(A)), ρ² contributions added as in PTArcade (2306.16377).
/// A value type, so scan points run in parallel.
public struct PTAFit: Sendable {
    /// γ of a population of circular, GW-driven supermassive black-hole binaries (Phinney, astro-ph/0108028).
    public static let smbhbGamma = 13.0 / 3

    public let likelihoods: [PTALikelihood]
    public let template: TemplateKind
    public let withSMBHB: Bool
    /// Per data set: the best γ = 13/3 power law alone.
    public let smbhbFits: [PowerLawFit]
    /// Σ ln L of the best SMBHB power laws.
    public let smbhbLogLikelihood: Double
    /// Σ ln L of noise only (every bin at the bottom of its grid).
    public let noiseLogLikelihood: Double

    public struct PowerLawFit: Sendable, Equatable {
        public let log10A: Double
        public let lnL: Double
        public init(log10A: Double, lnL: Double) { self.log10A = log10A; self.lnL = lnL }
    }

    /// One source against the data.
    public struct Evaluation: Sendable {
        /// Σ ln L (−∞: the spectrum exceeds the data grid in some bin; NaN: the spectrum is not finite somewhere).
        public let lnL: Double
        /// With `withSMBHB`: per data set, the SMBHB log10 A refitted alongside the spectrum; nil otherwise.
        public let smbhbLog10A: [Double]?
        /// ln L − Σ ln L of the best SMBHB power laws.
        public let deltaVersusSMBHB: Double
        /// ln L − ln L of noise only.
        public let deltaVersusNoise: Double
    }

    public init(likelihoods: [PTALikelihood], template: TemplateKind, withSMBHB: Bool) {
        self.likelihoods = likelihoods
        self.template = template
        self.withSMBHB = withSMBHB
        smbhbFits = likelihoods.map { L in
            let best = L.bestPowerLaw(gamma: Self.smbhbGamma)
            return PowerLawFit(log10A: best.log10A, lnL: best.lnL)
        }
        smbhbLogLikelihood = smbhbFits.map(\.lnL).reduce(0, +)
        noiseLogLikelihood = likelihoods.map(\.noiseLogLikelihood).reduce(0, +)
    }

    /// Σ ln L of the source (profiled over each set's SMBHB amplitude when `withSMBHB`).
    public func evaluate(_ source: GWSource) -> Evaluation {
        let t = template.template(for: source)
        let parts = likelihoods.map { L -> (Double, Double) in
            if withSMBHB {
                let best = L.bestLogLikelihood(spectrum: { t.energyDensity(frequency: $0) }, smbhbGamma: Self.smbhbGamma)
                return (best.lnL, best.log10A)
            }
            return (L.logLikelihood(spectrum: { t.energyDensity(frequency: $0) }), .nan)
        }
        let value = parts.map(\.0).reduce(0, +)
        return Evaluation(lnL: value, smbhbLog10A: withSMBHB ? parts.map(\.1) : nil,
                          deltaVersusSMBHB: value - smbhbLogLikelihood, deltaVersusNoise: value - noiseLogLikelihood)
    }

    /// Σ ln L of the source alone: `evaluate(_:).lnL` without the bookkeeping (the scan's inner loop).
    public func logLikelihood(_ source: GWSource) -> Double { evaluate(source).lnL }
}

/// A log grid over (T_p, α, H*R*) for the best PTA fit (`supercool fit --scan`). T* = T_p(1+α)^{1/4}
/// (`GWSource.reheatingTemperature`), g* = g*(T*) from `degreesOfFreedom`. One task per T_p row.
public struct PTAGridScan: Sendable {
    /// Ranges of the three axes (GeV for T_p), each sampled at `pointsPerAxis` log-spaced values, ends included.
    public var percolationTemperatures: ClosedRange<Double>
    public var alphas: ClosedRange<Double>
    public var hubbleRadii: ClosedRange<Double>
    public var pointsPerAxis: Int
    public var wallVelocity: Double
    /// g*(T*) in GeV → dof.
    public var degreesOfFreedom: @Sendable (Double) -> Double
    /// κ_col of every grid point (the `budget` template's energy split, 1903.09642 §2, from each point's α); nil: none.
    public var kappaCollision: Double?

    /// The best grid point; lnL = −∞ when every point exceeds the data in some bin (then T_p = α = H*R* = 0).
    public struct Best: Sendable, Equatable {
        public let percolationTemperature: Double
        public let alpha: Double
        public let hubbleRadius: Double
        public let lnL: Double
    }

    /// Defaults: T_p ∈ [1 MeV, 1 GeV], α ∈ [0.1, 10⁴], H*R* ∈ [0.01, 3].
    public init(pointsPerAxis: Int, wallVelocity: Double, degreesOfFreedom: @escaping @Sendable (Double) -> Double,
                percolationTemperatures: ClosedRange<Double> = 1e-3...1, alphas: ClosedRange<Double> = 0.1...1e4,
                hubbleRadii: ClosedRange<Double> = 0.01...3) {
        self.pointsPerAxis = pointsPerAxis
        self.wallVelocity = wallVelocity
        self.degreesOfFreedom = degreesOfFreedom
        self.percolationTemperatures = percolationTemperatures
        self.alphas = alphas
        self.hubbleRadii = hubbleRadii
    }

    public var gridPoints: Int { pointsPerAxis * pointsPerAxis * pointsPerAxis }

    /// `pointsPerAxis` log-spaced values from lo to hi (one value, lo, if pointsPerAxis < 2).
    public func axis(_ range: ClosedRange<Double>) -> [Double] {
        let (lo, hi, n) = (range.lowerBound, range.upperBound, pointsPerAxis)
        guard n >= 2 else { return [lo] }
        return (0..<n).map { lo * pow(hi / lo, Double($0) / Double(n - 1)) }
    }

    /// The best grid point by `fit.logLikelihood`; ties go to the lower T_p.
    public func best(_ fit: PTAFit) async -> Best {
        let tps = axis(percolationTemperatures), alphas = axis(alphas), hrs = axis(hubbleRadii)
        let vw = wallVelocity, gStar = degreesOfFreedom, kappa = kappaCollision
        let found = await withTaskGroup(of: (lnL: Double, tp: Double, alpha: Double, hr: Double).self) { group in
            for tp in tps {
                group.addTask {
                    var rowBest = (lnL: -Double.infinity, tp: tp, alpha: 0.0, hr: 0.0)
                    for a in alphas {
                        let split = kappa.map { EnergySplit(checkedAlpha: a, kappaCollision: $0) }
                        let tStar = GWSource.reheatingTemperature(percolationTemperature: tp, alpha: a)
                        let g = gStar(tStar)
                        for hr in hrs {
                            let value = fit.logLikelihood(GWSource(temperature: tStar, degreesOfFreedom: g, alpha: a, hubbleRadius: hr, wallVelocity: vw,
                                                                   energySplit: split))
                            if value > rowBest.lnL { rowBest = (value, tp, a, hr) }
                        }
                    }
                    return rowBest
                }
            }
            var best = (lnL: -Double.infinity, tp: 0.0, alpha: 0.0, hr: 0.0)
            for await row in group where row.lnL > best.lnL || (row.lnL == best.lnL && row.tp < best.tp) { best = row }
            return best
        }
        return Best(percolationTemperature: found.tp, alpha: found.alpha, hubbleRadius: found.hr, lnL: found.lnL)
    }
}
