import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// `likelihood --spectrum`'s table: log-log interpolation, strict validation, coverage of the bins used.
@Suite struct TabulatedSpectrumTests {
    @Test func powerLawIsInterpolatedExactlyInLogLog() throws {
        // h²Ω ∝ f^{2/3} is a straight line in log-log: any interpolated point is exact.
        let fs = [1e-9, 4e-9, 3e-8, 1e-7]
        let t = try TabulatedSpectrum(frequencies: fs, h2Omega: fs.map { 1e-8 * pow($0 / 1e-8, 2.0 / 3) })
        for f in [1e-9, 2.5e-9, 1.1e-8, 9.99e-8, 1e-7] { #expect(abs(t(f) / (1e-8 * pow(f / 1e-8, 2.0 / 3)) - 1) < 1e-12, "f = \(f)") }
        #expect(t(1e-7 * (1 + 1e-7)) == t(1e-7))   // within the coverage tolerance: the end value
        #expect(t(2e-7).isNaN && t(5e-10).isNaN && t(.nan).isNaN)
        #expect(t.missingRange(of: 2e-9...5e-8) == nil)
        #expect(t.missingRange(of: 5e-10...5e-8) == "[5e-10, 1e-09) Hz")
        #expect(t.missingRange(of: 5e-10...2e-7) == "[5e-10, 1e-09) Hz and (1e-07, 2e-07] Hz")
    }

    /// The tabulated BP1-like spectrum scores as the closed form does (200 log-spaced points: 1e-3 in ln L).
    @Test func tabulatedSpectrumScoresLikeTheFunction() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: try ProjectResources.locate()), bins: 14)
        let fs = (0..<200).map { 1e-10 * pow(1e4, Double($0) / 199) }
        let t = try TabulatedSpectrum(frequencies: fs, h2Omega: fs.map(CeffylParityTests.bp1Like))
        let direct = L.logLikelihood(spectrum: CeffylParityTests.bp1Like), tabulated = L.logLikelihood(spectrum: { t($0) })
        #expect(abs(direct - tabulated) < 0.05 && direct.isFinite, "\(direct) vs \(tabulated)")
    }

    @Test func csvIsValidatedLineByLine() throws {
        let good = try TabulatedSpectrum(csv: "# a comment\nf_Hz,h2Omega_GW,h2Omega_col\n1e-9,2e-10,0\n\n1e-8,3e-9,0\r\n")
        #expect(good.frequencies == [1e-9, 1e-8] && good.h2Omega == [2e-10, 3e-9])
        let bad: [(String, String)] = [
            ("f,h\n1e-9,1e-9\n1e-8,1e-9\n", "line 1: expected the header"),
            ("f_Hz,h2Omega_GW\n1e-9,1e-9\n1e-9,2e-9\n", "line 3: f_Hz = 1e-9 is not above"),
            ("f_Hz,h2Omega_GW\n1e-9,1e-9\n1e-8,-1\n", "line 3: h2Omega_GW = -1 must be a positive"),
            ("f_Hz,h2Omega_GW\n1e-9,nan\n1e-8,1\n", "line 2: h2Omega_GW = nan"),
            ("f_Hz,h2Omega_GW\n1e-9,1e-9\nabc\n", "line 3: expected two numbers"),
            ("f_Hz,h2Omega_GW\n1e-9,1e-9\n", "at least 2 rows"),
            ("# only comments\n", "no header"),
        ]
        for (text, message) in bad {
            do { _ = try TabulatedSpectrum(csv: text); Issue.record("accepted: \(text)") } catch let e as TabulatedSpectrum.Invalid {
                #expect(e.description.contains(message), "\(e.description)")
            }
        }
    }
}
