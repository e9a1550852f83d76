import Testing
import Foundation
@testable import GravitationalWaves

/// Templates against numbers computed by hand (a few lines of Python, independent of this code) from the
/// papers' formulas: Caprini et al. 1910.13125 eqs. (29)–(31), Υ of 2007.08537, κ of 1004.4187.
@Suite struct GWSpectrumTests {
    @Test func soundWavesMatchHandComputation() throws {
        // α = 0.5, v_w = 1, H*R* = 0.1, T* = 100 GeV, g* = 100: κ = κ_D = 0.38799…, Υ = 0.21965…,
        // peak h²Ω = 1.51732e-10 at f_sw = 2.6e-4 Hz; at 3 f_sw: 2.24139e-11.
        let s = SoundWaveTemplate(source: try GWSource(temperature: 100, degreesOfFreedom: 100, alpha: 0.5, hubbleRadius: 0.1, wallVelocity: 1).validated())
        #expect(abs(s.kappa / 0.3879909467889303 - 1) < 1e-12)
        #expect(abs(s.lifetimeSuppression / 0.2196470025637991 - 1) < 1e-12)
        #expect(abs(s.peakFrequency / 2.6e-4 - 1) < 1e-12)
        #expect(abs(s.energyDensity(frequency: 2.6e-4) / 1.5173158948681273e-10 - 1) < 1e-12)
        #expect(abs(s.energyDensity(frequency: 7.8e-4) / 2.2413876938751956e-11 - 1) < 1e-10)
        // A supercooled, PTA-band point: α = 400, H*R* = 0.3, T* = 50 MeV, g* = 16.
        let p = SoundWaveTemplate(source: GWSource(temperature: 0.05, degreesOfFreedom: 16, alpha: 400, hubbleRadius: 0.3, wallVelocity: 1))
        #expect(abs(p.energyDensity(frequency: p.peakFrequency) / 5.207761677185188e-08 - 1) < 1e-12)
        #expect(abs(p.peakFrequency / 3.1928272988216684e-08 - 1) < 1e-12)
    }

    /// Turbulence, 1512.06239 eqs. (19)–(21), same point: f_turb = 7.9088e-4 Hz, h²Ω(f_turb) = 3.88419e-13,
    /// h²Ω(10 f_turb) = 7.49828e-14 (hand computation, ε = 0.05, β/H = (8π)^{1/3} v_w/(H*R*)).
    @Test func turbulenceMatchesHandComputation() throws {
        let source = GWSource(temperature: 100, degreesOfFreedom: 100, alpha: 0.5, hubbleRadius: 0.1, wallVelocity: 1)
        let t = TurbulenceTemplate(source: source)
        #expect(abs(t.characteristicFrequency / 0.0007908796192832224 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: t.characteristicFrequency) / 3.8841893072459093e-13 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: 10 * t.characteristicFrequency) / 7.498277431630232e-14 - 1) < 1e-12)
        let both = TemplateKind.soundWavesAndTurbulence.template(for: source)
        let sw = SoundWaveTemplate(source: source)
        #expect(abs(both.energyDensity(frequency: 1e-3) - sw.energyDensity(frequency: 1e-3) - t.energyDensity(frequency: 1e-3)) < 1e-25)
    }

    /// The reported turbulence peak is the spectrum's maximum, found here by a dense scan (10⁶ log-spaced frequencies over
    /// six decades around f_turb, then the scan's neighbours refined by golden section), at sources spanning k = 8πf_turb/h*
    /// from ~3 to ~1e4 (weak damping: peak near 4.5 f_turb; strong: near 1.2 f_turb). f_turb itself is 5–30 % below the peak.
    @Test func turbulencePeakIsTheMaximum() {
        for (T, g, alpha, hr, vw) in [(100.0, 100.0, 0.5, 0.1, 1.0), (0.05, 16, 400, 0.3, 1), (1e4, 100, 0.1, 1, 0.3),
                                      (0.01, 10, 5, 10, 1), (1, 60, 2, 0.001, 0.7)] {
            let t = TurbulenceTemplate(source: GWSource(temperature: T, degreesOfFreedom: g, alpha: alpha, hubbleRadius: hr, wallVelocity: vw))
            let lo = log(t.characteristicFrequency) - 3 * log(10.0), n = 1_000_000
            let step = 6 * log(10.0) / Double(n)
            var best = 0, bestValue = -Double.infinity
            for i in 0...n {
                let v = t.energyDensity(frequency: exp(lo + Double(i) * step))
                if v > bestValue { bestValue = v; best = i }
            }
            // Golden section between the scan's neighbours of the best sample.
            var (a, b) = (lo + Double(best - 1) * step, lo + Double(best + 1) * step)
            for _ in 0..<100 {
                let m1 = a + (b - a) * 0.381966, m2 = b - (b - a) * 0.381966
                if t.energyDensity(frequency: exp(m1)) < t.energyDensity(frequency: exp(m2)) { a = m1 } else { b = m2 }
            }
            let scanned = exp((a + b) / 2)
            #expect(abs(t.peakFrequency / scanned - 1) < 1e-6, "T* = \(T): analytic \(t.peakFrequency), scan \(scanned)")
            #expect(t.energyDensity(frequency: t.peakFrequency) >= bestValue * (1 - 1e-12))
            #expect(t.peakFrequency > 1.05 * t.characteristicFrequency)
        }
        // The limits of x_peak: 4.5 without damping (9(1+x) = 11x), 1.2 for strong damping (5x² = 6x).
        #expect(TurbulenceTemplate.peakOverCharacteristic(dampingRatio: 0) == 4.5)
        #expect(abs(TurbulenceTemplate.peakOverCharacteristic(dampingRatio: 1e12) - 1.2) < 1e-9)
        // The sum with sound waves still reports the sound-wave peak (its first part).
        let source = GWSource(temperature: 100, degreesOfFreedom: 100, alpha: 0.5, hubbleRadius: 0.1, wallVelocity: 1)
        #expect(TemplateKind.soundWavesAndTurbulence.template(for: source).peakFrequency == SoundWaveTemplate(source: source).peakFrequency)
    }

    /// Hindmarsh et al. 1704.05871 eq. (45) + erratum, same point: h²Ω(f_p) = 6.78871e-10 at f_p = 2.6e-4 Hz,
    /// 1.00283e-10 at 3 f_p (hand computation: 0.678²·3·0.687·3.57e-5·0.012·Γ²Ū_f⁴·H*R*).
    @Test func hindmarsh2017MatchesHandComputation() {
        let t = Hindmarsh2017Template(source: GWSource(temperature: 100, degreesOfFreedom: 100, alpha: 0.5, hubbleRadius: 0.1, wallVelocity: 1))
        #expect(abs(t.peakFrequency / 2.6e-4 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: 2.6e-4) / 6.788714056356921e-10 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: 7.8e-4) / 1.0028327123323536e-10 - 1) < 1e-10)
    }

    /// Lewicki & Vaskonen 2208.11697 eqs. (24)–(28), Table I (T_rr ∝ R⁻³), at α = 100, H*R* = 0.2, T* = 50 MeV,
    /// g* = 20, v_w = 1 (hand computation): κ = κ_D = 0.98464, K = κα/(1+α) = 0.974891, β/H = (8π)^{1/3}/0.2 =
    /// 14.6459, peak h²Ω = 1.67e-5·5^{1/3}·K²/(β/H)²·0.0513 = 6.49086e-9 at f_p = h*(β/H)·0.77/2π = 1.13236e-8 Hz;
    /// 2.05921e-9 at 3e-9 Hz and 4.21426e-10 at 1e-7 Hz.
    @Test func lewickiVaskonenMatchesHandComputation() {
        let source = GWSource(temperature: 0.05, degreesOfFreedom: 20, alpha: 100, hubbleRadius: 0.2, wallVelocity: 1)
        let t = LewickiVaskonenTemplate(source: source)
        #expect(abs(t.betaOverHubble / 14.64591887561523 - 1) < 1e-12)
        #expect(abs(t.peakFrequency / 1.1323649777778248e-08 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: t.peakFrequency) / 6.4908632170439385e-09 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: 3e-9) / 2.0592140660759703e-09 - 1) < 1e-12)
        #expect(abs(t.energyDensity(frequency: 1e-7) / 4.214258191610746e-10 - 1) < 1e-12)
        let viaKind = TemplateKind.collision.template(for: source)
        #expect(viaKind.energyDensity(frequency: 3e-9) == t.energyDensity(frequency: 3e-9))
    }

    /// The broken power law peaks at f_p, rises as f^a and falls as f^{−b} (2208.11697 eq. 24), and scales
    /// as (H*/β)² ∝ (H*R*)² at fixed f/f_p.
    @Test func lewickiVaskonenShape() {
        let source = GWSource(temperature: 0.02, degreesOfFreedom: 15, alpha: 300, hubbleRadius: 0.3, wallVelocity: 1)
        let t = LewickiVaskonenTemplate(source: source)
        let fit = LewickiVaskonenTemplate.fit, f = t.peakFrequency
        let low = log(t.energyDensity(frequency: 2e-8 * f) / t.energyDensity(frequency: 1e-8 * f)) / log(2)
        let high = log(t.energyDensity(frequency: 2e8 * f) / t.energyDensity(frequency: 1e8 * f)) / log(2)
        // Corrections to the asymptotic slopes fall as x^{±(a+b)/c} ≈ 1e-9 at x = 1e∓8.
        #expect(abs(low - fit.a) < 1e-6 && abs(high + fit.b) < 1e-6, "slopes \(low), \(high)")
        for x in [0.999, 1.001] { #expect(t.energyDensity(frequency: x * f) < t.peakAmplitude) }
        var half = source; half.hubbleRadius /= 2
        let h = LewickiVaskonenTemplate(source: half)
        #expect(abs(h.peakAmplitude / t.peakAmplitude - 0.25) < 1e-12 && abs(h.peakFrequency / f - 2) < 1e-12)
        #expect(t.energyDensity(frequency: 0) == 0 && t.energyDensity(frequency: 1e300).isFinite)
    }

    /// The shape rises as f³ and falls as f⁻⁴ (1910.13125 eq. 30).
    @Test func spectralSlopes() {
        let s = SoundWaveTemplate(source: GWSource(temperature: 1, degreesOfFreedom: 20, alpha: 1, hubbleRadius: 0.5, wallVelocity: 1))
        let f = s.peakFrequency
        let low = log(s.energyDensity(frequency: 2e-4 * f) / s.energyDensity(frequency: 1e-4 * f)) / log(2)
        let high = log(s.energyDensity(frequency: 2e4 * f) / s.energyDensity(frequency: 1e4 * f)) / log(2)
        #expect(abs(low - 3) < 1e-6 && abs(high + 4) < 1e-6)
    }

    /// κ(α, v_w) of 1004.4187: the v_w → 1 limit is κ_D = α/(0.73 + 0.083√α + α); the fit is continuous at
    /// c_s and ξ_J, and bounded by 1.
    @Test func efficiencyFactor() {
        for a in [0.01, 0.1, 1, 10, 500] {
            #expect(abs(EfficiencyFactor.kappa(alpha: a, wallVelocity: 1) / (a / (0.73 + 0.083 * a.squareRoot() + a)) - 1) < 1e-12)
            let cs = EfficiencyFactor.soundSpeed, xi = EfficiencyFactor.jouguetVelocity(alpha: a)
            for edge in [cs, xi] where edge < 1 {
                let below = EfficiencyFactor.kappa(alpha: a, wallVelocity: edge * (1 - 1e-9))
                let above = EfficiencyFactor.kappa(alpha: a, wallVelocity: edge * (1 + 1e-9))
                #expect(abs(below / above - 1) < 1e-5, "α = \(a), edge \(edge)")
            }
            for vw in [0.1, 0.5, 0.7, 0.9, 0.99] {
                let k = EfficiencyFactor.kappa(alpha: a, wallVelocity: vw)
                #expect(k > 0 && k <= 1)
            }
        }
    }

    /// Far from the peak every template underflows to 0 instead of NaN (inf·0 or inf/inf).
    @Test func noNaNFarFromThePeak() {
        let source = GWSource(temperature: 0.05, degreesOfFreedom: 16, alpha: 400, hubbleRadius: 0.3, wallVelocity: 1)
        for kind in TemplateKind.allCases {
            let t = kind.template(for: source)
            for x in [1e-300, 1e-100, 1e100, 1e200, 1e300] {
                let v = t.energyDensity(frequency: x * t.peakFrequency)
                #expect(v.isFinite && v >= 0, "\(kind) at \(x) f_p: \(v)")
            }
        }
    }

    /// κ of detonations against an independent integration of the bag-model fluid equations (junction
    /// condition, rarefaction profile, enthalpy; 1004.4187 eqs. 8–19), benchmarks/kappa_hydrodynamics.py.
    /// The fits deviate by at most 2.4 % at these points (their stated accuracy is a few per cent): 3 % bound.
    @Test(arguments: [(0.01, 0.8, 0.026500), (0.1, 0.8, 0.234090), (0.1, 0.95, 0.135480), (0.5, 0.9, 0.506521),
                      (1.0, 0.95, 0.610514), (0.5, 0.999, 0.385955), (5.0, 0.99, 0.85168)])
    func efficiencyFactorMatchesHydrodynamics(alpha: Double, wallVelocity: Double, hydrodynamic: Double) {
        let k = EfficiencyFactor.kappa(alpha: alpha, wallVelocity: wallVelocity)
        #expect(abs(k / hydrodynamic - 1) < 0.03, "κ(\(alpha), \(wallVelocity)) = \(k) vs \(hydrodynamic)")
    }

    @Test func rejectsBadSource() {
        #expect(throws: GWSource.Invalid.self) { try GWSource(temperature: -1, degreesOfFreedom: 10, alpha: 1, hubbleRadius: 0.1, wallVelocity: 1).validated() }
        #expect(throws: GWSource.Invalid.self) { try GWSource(temperature: 1, degreesOfFreedom: 10, alpha: .nan, hubbleRadius: 0.1, wallVelocity: 1).validated() }
        #expect(throws: GWSource.Invalid.self) { try GWSource(temperature: 1, degreesOfFreedom: 10, alpha: 1e200, hubbleRadius: 0.1, wallVelocity: 1).validated() }
        #expect(throws: GWSource.Invalid.self) { try GWSource(temperature: 1e300, degreesOfFreedom: 10, alpha: 1, hubbleRadius: 0.1, wallVelocity: 1).validated() }
        #expect(throws: GWSource.Invalid.self) { try GWSource(temperature: 1, degreesOfFreedom: 1e9, alpha: 1, hubbleRadius: 0.1, wallVelocity: 1).validated() }
    }
}
