import Foundation
import SupercoolNumerics

/// ln L = Σ_{k<N} ln p_k(log10 ρ_k) with the timing-residual power per bin
///   ρ_k² = H0² Ω_GW(f_k) / (8π⁴ f_k⁵ T_obs)      (GW background; PTArcade 2306.16377, ceffyl 2303.15442)
///   ρ_k² = A²/(12π²) f_yr^{γ−3} f_k^{−γ} / T_obs  (power law h_c = A (f/f_yr)^{(3−γ)/2}).
/// H0² Ω = (100 km/s/Mpc)² h²Ω, so spectra are given as h²Ω_GW and no value of h enters.
/// ln p_k is read as ceffyl 1.41 reads it (`FreeSpectrumData.logDensity(bin:log10Rho:)`: the cell holding log10 ρ_k
/// on the table's native grid), so ln L differs from ceffyl's `ln_likelihood` by a constant per data set and bin
/// count: N·ln d (ceffyl's "integration infinitesimal") plus, when ceffyl is given fewer signal bins than the table
/// holds, the lowest cells of the bins left out.
public struct PTALikelihood: Sendable {
    public let data: FreeSpectrumData
    public let bins: Int

    /// 100 km/s/Mpc in s⁻¹.
    public static let hundredKmPerSecPerMpc = 1e5 / 3.0856775814913673e22
    public static let yearFrequency = 1 / (365.25 * 86400)

    public struct Invalid: Error, CustomStringConvertible { public let description: String }

    public init(data: FreeSpectrumData, bins: Int? = nil) throws {
        let n = bins ?? data.dataset.defaultBins
        guard n >= 1, n <= data.frequencies.count else {
            throw Invalid(description: "--bins must be in 1…\(data.frequencies.count) for \(data.dataset.label), got \(n)")
        }
        self.data = data
        self.bins = n
    }

    public var frequencies: ArraySlice<Double> { data.frequencies.prefix(bins) }

    /// ρ_k² of a GW background with h²Ω_GW = `h2Omega` at f_k.
    @inline(__always)
    public func residualPower(h2Omega: Double, frequency f: Double) -> Double {
        let h0 = Self.hundredKmPerSecPerMpc
        return h0 * h0 * h2Omega / (8 * pow(Double.pi, 4) * pow(f, 5) * data.observationTime)
    }

    /// ρ_k² of a power law (log10 A, γ).
    @inline(__always)
    public func residualPower(log10A: Double, gamma: Double, frequency f: Double) -> Double {
        let a = pow(10, log10A)
        return a * a / (12 * Double.pi * Double.pi) * pow(Self.yearFrequency, gamma - 3) * pow(f, -gamma) / data.observationTime
    }

    /// ln L of a sum of contributions to ρ_k² (PTArcade adds PSDs, not amplitudes). ρ² = 0 is noise only
    /// (lowest cell), ρ² = +∞ is excluded (−∞); a NaN or negative ρ² is not a spectrum: the result is NaN,
    /// never a number that could pass for a likelihood.
    public func logLikelihood(residualPowers: (Int, Double) -> Double) -> Double {
        var total = 0.0
        for k in 0..<bins {
            let rho2 = residualPowers(k, data.frequencies[k])
            if rho2.isNaN || rho2 < 0 { return .nan }
            let x = rho2 > 0 ? 0.5 * log10(rho2) : -.infinity
            total += data.logDensity(bin: k, log10Rho: x)
        }
        return total
    }

    /// ln L of a GW spectrum h²Ω(f), optionally plus an SMBHB power law.
    public func logLikelihood(spectrum: (Double) -> Double, smbhb: (log10A: Double, gamma: Double)? = nil) -> Double {
        logLikelihood { _, f in
            residualPower(h2Omega: spectrum(f), frequency: f) + (smbhb.map { residualPower(log10A: $0.log10A, gamma: $0.gamma, frequency: f) } ?? 0)
        }
    }

    public func logLikelihood(log10A: Double, gamma: Double) -> Double {
        logLikelihood { _, f in residualPower(log10A: log10A, gamma: gamma, frequency: f) }
    }

    /// Noise only: every bin at the bottom of its grid.
    public var noiseLogLikelihood: Double { logLikelihood { _, _ in 0 } }

    /// Bins (1-based) whose lowest cell is the KDE floor (ln p ≈ −36.04, ln 2.2e-16): there the data exclude small
    /// ρ and the noise-only ln L is floor-limited, a lower bound on how strongly no signal is disfavoured.
    public var floorLimitedBins: [Int] {
        (0..<bins).filter { data.logDensity(bin: $0, cell: 0) <= data.floorLogDensity + 1e-6 }.map { $0 + 1 }
    }

    /// Best power law at fixed γ (golden-section on log10 A in [−18, −12] after a 0.01-dex scan).
    public func bestPowerLaw(gamma: Double) -> (log10A: Double, lnL: Double) {
        Self.maximizeOverAmplitude(coarseSteps: 600) { logLikelihood(log10A: $0, gamma: gamma) }
    }

    /// ln L of a GW spectrum plus the SMBHB power law (γ fixed) whose amplitude maximises it: the profile
    /// likelihood over log10 A ∈ [−18, −12] (at −18 the power law is negligible, so this is never below the
    /// spectrum's own ln L), with the same 0.01-dex scan as `bestPowerLaw` because ln L(log10 A) has
    /// structure on 0.1-dex scales from the KDE tables.
    public func bestLogLikelihood(spectrum: (Double) -> Double, smbhbGamma gamma: Double) -> (log10A: Double, lnL: Double) {
        Self.maximizeOverAmplitude(coarseSteps: 600) { a in logLikelihood(spectrum: spectrum, smbhb: (a, gamma)) }
    }

    /// Maximum of f over log10 A ∈ [−18, −12]: a uniform scan, a scan 20 times finer within two scan steps of the
    /// best scan point (ceffyl's ln L is a step function of log10 A, constant within each grid cell, so a local
    /// optimiser alone can stall on a step), then golden section within one fine step of the best. A NaN anywhere
    /// on the coarse scan (a spectrum that is not finite) gives NaN.
    static func maximizeOverAmplitude(coarseSteps n: Int, _ f: (Double) -> Double) -> (log10A: Double, lnL: Double) {
        let (lower, upper) = (-18.0, -12.0)
        var best = (log10A: lower, lnL: -Double.infinity)
        for i in 0...n {
            let a = lower + (upper - lower) * Double(i) / Double(n)
            let l = f(a)
            if l.isNaN { return (.nan, .nan) }
            if l > best.lnL { best = (a, l) }
        }
        let step = (upper - lower) / Double(n)
        let centre = best.log10A
        for i in -40...40 where i != 0 {
            let a = centre + Double(i) * step / 20
            guard a >= lower, a <= upper else { continue }
            let l = f(a)
            if l > best.lnL { best = (a, l) }
        }
        let (x, fx) = GoldenSection.maximum(of: f, lower: max(best.log10A - step / 20, lower), upper: min(best.log10A + step / 20, upper))
        return fx > best.lnL ? (x, fx) : best
    }
}
