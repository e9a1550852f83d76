import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// The NG15 HD free-spectrum likelihood (first 14 bins) against the independent computation of
/// physics.md §7 and NANOGrav's published fits (arXiv:2306.16213).
@Suite struct LikelihoodTests {
    static let resources = try! ProjectResources.locate()

    @Test func powerLawWithFixedGammaPeaksWhereExpected() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: Self.resources), bins: 14)
        let best = L.bestPowerLaw(gamma: 13.0 / 3)
        // physics.md §7: peak at log10 A ≈ −14.57 (NANOGrav's chain median −14.62).
        #expect(abs(best.log10A + 14.57) < 0.03, "best log10 A = \(best.log10A)")
        // ln L at log10 A = −14.62: −18.184 by ceffyl's rule on the raw table (benchmarks/ceffyl_reference.py, less N ln d).
        #expect(abs(L.logLikelihood(log10A: -14.62, gamma: 13.0 / 3) + 18.184) < 0.001)
    }

    @Test func freeGammaMaximum() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: Self.resources), bins: 14)
        var best = (gamma: 0.0, log10A: 0.0, lnL: -Double.infinity)
        for i in 0...60 {
            let gamma = 2 + 3 * Double(i) / 60
            let p = L.bestPowerLaw(gamma: gamma)
            if p.lnL > best.lnL { best = (gamma, p.log10A, p.lnL) }
        }
        // physics.md §7: γ ≈ 3.15, log10 A ≈ −14.16 (NANOGrav: 3.25, −14.19).
        #expect(abs(best.gamma - 3.15) <= 0.1, "γ = \(best.gamma)")
        #expect(abs(best.log10A + 14.16) < 0.05, "log10 A = \(best.log10A)")
    }

    /// A GW spectrum equal to the power law, via ρ² = H0²Ω/(8π⁴f⁵T), gives the same ln L: the two ρ
    /// formulas of physics.md §7 agree (h²Ω_PL = 2π²f² h_c²/(3 (H0/h)²)).
    @Test func spectrumAndPowerLawConventionsAgree() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.epta, resources: Self.resources))
        #expect(L.bins == 9)
        #expect(abs(L.data.observationTime / (11.0438 * 365.25 * 86400) - 1) < 1e-4)
        let (log10A, gamma) = (-14.6, 13.0 / 3)
        let h0 = PTALikelihood.hundredKmPerSecPerMpc
        let spectrum: (Double) -> Double = { f in
            let hc = pow(10, log10A) * pow(f / PTALikelihood.yearFrequency, (3 - gamma) / 2)
            return 2 * Double.pi * Double.pi * f * f * hc * hc / (3 * h0 * h0)
        }
        #expect(abs(L.logLikelihood(spectrum: spectrum) - L.logLikelihood(log10A: log10A, gamma: gamma)) < 1e-9)
        #expect(L.noiseLogLikelihood.isFinite)
        #expect(throws: PTALikelihood.Invalid.self) { try PTALikelihood(data: L.data, bins: 99) }
    }

    /// ceffyl's cells: cell j holds (g_j − d/2, g_j + d/2]. Below the grid the lowest cell; above the top edge
    /// g_last + d/2, −∞; NaN in, NaN out. A spectrum that is NaN at some frequency gives NaN, not the noise-only value.
    @Test func gridEdgesAndNonFiniteInput() throws {
        let d = try FreeSpectrumData(.ng15, resources: Self.resources)
        let (top, h) = (d.gridStop, d.gridStep)
        #expect(d.gridCount == 10000 && abs(h - 0.0014501450145) < 1e-12 && d.gridStart == -15.5 && top == -1)
        #expect(d.logDensity(bin: 4, log10Rho: d.gridStart - 3) == d.logDensity[4][0])
        #expect(d.logDensity(bin: 4, log10Rho: -.infinity) == d.logDensity[4][0])
        #expect(d.logDensity(bin: 4, log10Rho: top) == d.logDensity[4][d.gridCount - 1])
        #expect(d.cell(log10Rho: top + 0.49 * h) == d.gridCount - 1 && d.cell(log10Rho: top + 0.51 * h) == nil)
        #expect(d.logDensity(bin: 4, log10Rho: top + 1) == -.infinity)
        #expect(d.logDensity(bin: 4, log10Rho: .infinity) == -.infinity)
        #expect(d.logDensity(bin: 4, log10Rho: .nan).isNaN)
        for j in [1, 17, 2500, 6789, 9998] {
            let g = d.gridValue(j)
            #expect(d.cell(log10Rho: g) == j && d.cell(log10Rho: g - 0.49 * h) == j && d.cell(log10Rho: g + 0.49 * h) == j)
            #expect(d.cell(log10Rho: g - 0.51 * h) == j - 1 && d.cell(log10Rho: g + 0.51 * h) == j + 1)
            // The lower edge itself belongs to the cell below (numpy searchsorted, side 'left').
            #expect(d.cell(log10Rho: g - 0.5 * d.gridStep) == j - 1)
            #expect(d.logDensity(bin: 1, log10Rho: g + 0.3 * h) == d.logDensity[1][j])
        }
        // The fast path (ceil of the scaled coordinate away from the edges) and the exact edges agree everywhere,
        // also within 1e-13 dex of an edge and ±1e-7 cells from it (the fast path's margin: d ≠ linspace's step by 1e-12).
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let x = Double.random(in: (d.gridStart - 0.5)...(top + 0.5), using: &generator)
            #expect(d.cell(log10Rho: x) == d.exactCell(log10Rho: x), "x = \(x)")
            let edge = d.gridValue(Int.random(in: 0..<d.gridCount)) - 0.5 * h
            for dx in [-2e-10, -1.4e-10, -1e-13, 0, 1e-13, 1.4e-10, 2e-10] { #expect(d.cell(log10Rho: edge + dx) == d.exactCell(log10Rho: edge + dx), "\(edge) + \(dx)") }
        }
        let L = try PTALikelihood(data: d)
        #expect(L.logLikelihood(spectrum: { _ in 0 }) == L.noiseLogLikelihood)
        #expect(L.logLikelihood(spectrum: { $0 > 1e-8 ? .nan : 1e-9 }).isNaN)
        #expect(L.logLikelihood(spectrum: { _ in .infinity }) == -.infinity)
        #expect(L.bestLogLikelihood(spectrum: { $0 > 1e-8 ? .nan : 1e-9 }, smbhbGamma: 13.0 / 3).lnL.isNaN)
    }

    /// Profile over the SMBHB amplitude: with no GW spectrum it is the best power law; with a spectrum it is
    /// never below the spectrum alone (adding a free component cannot lower the maximum).
    @Test func smbhbProfile() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: Self.resources))
        let alone = L.bestPowerLaw(gamma: 13.0 / 3)
        let none = L.bestLogLikelihood(spectrum: { _ in 0 }, smbhbGamma: 13.0 / 3)
        #expect(abs(none.lnL - alone.lnL) < 1e-6, "\(none.lnL) vs \(alone.lnL)")
        #expect(abs(none.log10A - alone.log10A) < 1e-3, "\(none.log10A) vs \(alone.log10A)")
        for peak in [1e-9, 1e-8, 3e-8] {
            let spectrum: (Double) -> Double = { f in 1e-9 * pow(f / peak, 3) * pow(7 / (4 + 3 * (f / peak) * (f / peak)), 3.5) }
            let withSMBHB = L.bestLogLikelihood(spectrum: spectrum, smbhbGamma: 13.0 / 3)
            #expect(withSMBHB.lnL >= L.logLikelihood(spectrum: spectrum) - 1e-9, "peak \(peak) Hz")
            #expect(withSMBHB.lnL >= L.logLikelihood(spectrum: spectrum, smbhb: (alone.log10A, 13.0 / 3)) - 1e-9)
        }
    }

    /// PPTA DR3's chain prior starts inside the raw grid (log10 ρ ≥ −9); the table is cut past that edge so that
    /// "no power in a bin" is not scored at the KDE floor (−36 per bin). Independent check: PPTA's evidence for a
    /// common process is modest, so noise only must sit within a few tens of the best power law, not ~500 below.
    @Test func pptaNoiseIsNotScoredAtTheFloor() throws {
        let L = try PTALikelihood(data: try FreeSpectrumData(.ppta, resources: Self.resources))
        let best = L.bestPowerLaw(gamma: 13.0 / 3)
        #expect(L.noiseLogLikelihood > -3 * Double(L.bins), "noise ln L = \(L.noiseLogLikelihood)")
        #expect(best.lnL - L.noiseLogLikelihood > 0 && best.lnL - L.noiseLogLikelihood < 40)
        // PPTA DR3 (2306.16215) quotes A ≈ 2×10⁻¹⁵ at γ = 13/3.
        #expect(abs(best.log10A + 14.7) < 0.2, "PPTA best log10 A = \(best.log10A)")
    }
}
