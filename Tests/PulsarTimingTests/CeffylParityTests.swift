import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// ln L against ceffyl's own evaluation on the raw ceffyl data. The reference numbers were produced once by
///
///     python3 benchmarks/ceffyl_reference.py RAW_DIR    # the raw ceffyl tables of Data/README.md, ceffyl 1.41.2 from PyPI
///
/// which runs ceffyl 1.41.2 itself (`Ceffyl.ceffyl(datadir).add_signals([signal(N_freqs=N, psd=…)]).ln_likelihood`,
/// installed with `pip install --no-deps ceffyl==1.41.2 enterprise-pulsar` + numpy, scipy in a venv) and an
/// independent transcription of its rule; the two agreed to all printed digits. ceffyl adds ln d per bin, so
/// ceffyl − Supercool must be the constant N·ln d of each data set: the spread of the differences within 0.01 (the
/// issue's bound), each within 1e-4 of N·ln d (it is ~1e-6: the tables round ln p to 6 decimals).
@Suite struct CeffylParityTests {
    static let resources = try! ProjectResources.locate()

    /// The BP1-like spectrum of the script: the sound-wave shape with BP1's peak (h²Ω_p = 2.3e-8 at 5.6e-8 Hz).
    static func bp1Like(_ f: Double) -> Double {
        let x = f / 5.6e-8
        return 2.3e-8 * x * x * x * pow(7 / (4 + 3 * x * x), 3.5)
    }

    /// (log10 A, γ) → ceffyl's ln L; then the BP1-like spectrum's; then ceffyl's offset N·ln d.
    static let cases: [(FreeSpectrumData.Dataset, Int, [(Double, Double, Double)], Double, Double)] = [
        (.ng15, 14, [(-14.62, 13.0 / 3, -109.689658), (-15.00, 13.0 / 3, -154.214869), (-14.19, 3.2, -104.325209), (-14.5, 5.5, -220.329960)],
         -124.230989, -91.505284),
        (.epta, 9, [(-14.62, 13.0 / 3, -72.404854), (-15.00, 13.0 / 3, -78.351311), (-14.19, 3.2, -71.734484), (-14.5, 5.5, -149.533395)],
         -79.443193, -66.766328),
    ]

    @Test func differenceToCeffylIsTheConstantNLnD() throws {
        for (dataset, bins, powerLaws, bp1, offset) in Self.cases {
            let L = try PTALikelihood(data: try FreeSpectrumData(dataset, resources: Self.resources), bins: bins)
            // The offset is ceffyl's Σ ln d over the N bins, d its grid step: the table's grid is ceffyl's.
            #expect(abs(Double(bins) * log(L.data.gridStep) - offset) < 1e-6, "\(dataset): N ln d = \(Double(bins) * log(L.data.gridStep)) vs \(offset)")
            var differences = [Double]()
            for (log10A, gamma, ceffyl) in powerLaws {
                let ours = L.logLikelihood(log10A: log10A, gamma: gamma)
                #expect(abs(ceffyl - ours - offset) < 1e-4, "\(dataset) (\(log10A), \(gamma)): ours \(ours) + \(offset) vs ceffyl \(ceffyl)")
                differences.append(ceffyl - ours)
            }
            let ours = L.logLikelihood(spectrum: Self.bp1Like)
            #expect(abs(bp1 - ours - offset) < 1e-4, "\(dataset) BP1-like: ours \(ours) + \(offset) vs ceffyl \(bp1)")
            differences.append(bp1 - ours)
            #expect(differences.max()! - differences.min()! < 0.01, "\(dataset): ceffyl − ours spans \(differences)")
        }
    }

    /// The case that the old 0.0025-dex linear resampling got most wrong among these: (−15, 13/3) puts NG15 bin 2 on a
    /// tail cliff (−62.71 by ceffyl's rule, −53.56 from the resampled table).
    @Test func steepTailIsCeffylsCell() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: Self.resources), bins: 14)
        #expect(abs(L.logLikelihood(log10A: -15, gamma: 13.0 / 3) + 62.7096) < 0.001)
    }
}
