import Foundation

/// One frequency bin's posterior density of log10 ρ_k, expressed as log10 h²Ω_GW: the violins drawn over spectra.
public struct FreeSpectrumViolin: Sendable {
    /// 1-based bin number k (f_k = k/T_obs).
    public let bin: Int
    public let frequency: Double
    /// (log10 h²Ω_GW, density relative to the bin's maximum).
    public let samples: [(log10H2Omega: Double, weight: Double)]
}

extension FreeSpectrumData {
    /// log10 h²Ω_GW at bin frequency f of log10 ρ: h²Ω = 8π⁴ f⁵ T_obs ρ² / (100 km/s/Mpc)², the inverse of
    /// `PTALikelihood.residualPower(h2Omega:frequency:)` (ceffyl 2303.15442).
    public func log10H2OmegaOffset(frequency f: Double) -> Double {
        let h0 = PTALikelihood.hundredKmPerSecPerMpc
        return log10(8 * pow(Double.pi, 4) * pow(f, 5) * observationTime / (h0 * h0))
    }

    /// Cells per violin sample by default: about 0.01 dex of log10 ρ (the native grids step 0.0006–0.01 dex).
    public var defaultViolinStride: Int { Swift.max(1, Int((0.01 / gridStep).rounded())) }

    /// The first `bins` violins: every `stride`-th grid cell (default `defaultViolinStride`) whose density exceeds
    /// `relativeFloor` × the bin's maximum and whose log10 h²Ω lies in `range`; bins with no such cell are left out.
    public func violins(bins: Int, stride: Int? = nil, relativeFloor: Double = 1e-3, range: ClosedRange<Double>) -> [FreeSpectrumViolin] {
        let stride = Swift.max(stride ?? defaultViolinStride, 1)
        var violins = [FreeSpectrumViolin]()
        for k in 0..<min(bins, frequencies.count) {
            let f = frequencies[k]
            let offset = log10H2OmegaOffset(frequency: f)
            var samples = [(log10H2Omega: Double, weight: Double)]()
            let maxLnP = (0..<gridCount).lazy.map { logDensity(bin: k, cell: $0) }.max() ?? 0
            var j = 0
            while j < gridCount {
                let lnp = logDensity(bin: k, cell: j)
                let y = 2 * gridValue(j) + offset
                if lnp - maxLnP > log(relativeFloor), y >= range.lowerBound, y <= range.upperBound { samples.append((y, exp(lnp - maxLnP))) }
                j += stride
            }
            if !samples.isEmpty { violins.append(FreeSpectrumViolin(bin: k + 1, frequency: f, samples: samples)) }
        }
        return violins
    }
}
