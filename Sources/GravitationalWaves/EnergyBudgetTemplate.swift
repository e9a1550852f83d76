#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the released energy splits between the bubble walls and the plasma (Ellis, Lewicki, No, Vaskonen
/// arXiv:1903.09642 §2): κ_col in the walls (GWs from their collisions), α_eff = α(1 − κ_col) left for the plasma, and
/// κ_sw = (α_eff/α) κ(α_eff) in bulk fluid motion with κ(x) = x/(0.73 + 0.083√x + x) (1004.4187, v_w → 1).
/// The one definition of the split: `WallDynamics` computes κ_col from the walls and builds this.
public struct EnergySplit: Sendable, Equatable, Codable {
    public let kappaCollision: Double
    public let kappaSoundWaves: Double
    public let alphaEffective: Double

    public struct Invalid: Error, CustomStringConvertible, Sendable { public let description: String }

    /// From α and κ_col ∈ [0, 1] (1903.09642 §2): α_eff = α(1 − κ_col), κ_sw = (α_eff/α) κ_D(α_eff).
    public init(alpha: Double, kappaCollision: Double) throws {
        guard kappaCollision.isFinite, (0...1).contains(kappaCollision) else {
            throw Invalid(description: "κ_col must be in [0, 1], got \(kappaCollision)")
        }
        guard alpha.isFinite, alpha >= 0 else { throw Invalid(description: "alpha must be finite and ≥ 0, got \(alpha)") }
        self.init(checkedAlpha: alpha, kappaCollision: kappaCollision)
    }

    /// The same for inputs already known to be in range (α ≥ 0, κ_col ∈ [0, 1]; a computed point's walls): α is taken
    /// as max(α, 0) and κ_col clamped to [0, 1].
    public init(checkedAlpha alpha: Double, kappaCollision: Double) {
        let alpha = max(alpha, 0), kappaCollision = min(max(kappaCollision, 0), 1)
        self.kappaCollision = kappaCollision
        alphaEffective = alpha * (1 - kappaCollision)
        kappaSoundWaves = alpha > 0 ? alphaEffective / alpha * EfficiencyFactor.relativisticWalls(alpha: alphaEffective) : 0
    }
}

/// x³(1 + 2x^2.07)^{−2.18}: the bubble-collision shape of the budget template, as exp of logs (no inf/inf, x ≥ 0).
@inline(__always)
func budgetCollisionShape(_ x: Double) -> Double {
    guard x > 0 else { return 0 }
    return exp(3 * log(x) - 2.18 * log1p(2 * pow(x, 2.07)))
}

/// x³(1 + ¾x²)^{−7/2} = (4/7)^{7/2} · x³[7/(4 + 3x²)]^{7/2}: the sound-wave shape normalised as in the budget template.
@inline(__always)
func budgetSoundWaveShape(_ x: Double) -> Double { pow(4.0 / 7, 3.5) * soundWaveShape(x) }

/// GWs of a strongly supercooled transition as the sum of bubble collisions, sound waves and turbulence with the energy
/// split of Ellis, Lewicki, No, Vaskonen arXiv:1903.09642 (§2 for κ_col, κ_sw, α_eff; §5 for the spectra). With
/// A = 1.67×10⁻⁵ (100/g*)^{1/3}, h* = 16.5 μHz (T*/100 GeV)(g*/100)^{1/6} (H* redshifted to today), K_i = κ_i α/(1+α):
///   h²Ω_col  = A · 0.024 (H*R*)² K_col² S_col(f/f_col),  S_col = x³(1 + 2x^2.07)^{−2.18},  f_col = 0.51 h*/(H*R*),
///   h²Ω_sw   = A · 0.38 (H*R*)(H*τ_sw) K_sw² x³(1 + ¾x²)^{−7/2},            f_sw = 3.4 h*/((v_w − c_s) H*R*),
///   h²Ω_turb = A · 6.8 (H*R*)(1 − H*τ_sw) K_sw^{3/2} x³(1 + x)^{−11/3}/(1 + 8πf/h*),  f_turb = 3.9 h*/((v_w − c_s) H*R*),
/// H*τ_sw = min(1, H*R*/U_f), U_f² = (3/4) κ_sw α_eff/(1 + α_eff): the sound waves last τ_sw, turbulence the rest of
/// the Hubble time; v_w = 1 in the peaks (the budget's premise: relativistic walls), so f_sw = 8.04 and f_turb = 9.23
/// h*/(H*R*). Provenance: 1903.09642 itself could not be opened from this machine; these are the forms that four public
/// codes implementing it agree on (TransitionListener's gwfopt.py, which says it follows 1903.09642, and three other
/// codes whose comments cite its eqs. 3.2 (collisions), 3.4 (κ_sw), 3.5 (sound waves), 3.8 (U_f), 3.9 (turbulence)).
/// The amplitudes 0.38 and 6.8 equal Caprini et al. 1512.06239's coefficients rewritten with β/H* = (8π)^{1/3}/(H*R*)
/// (0.384, 6.85; tested). The peaks are not that conversion (it would give 3.37 and 4.79, ~2.4× and ~1.9× lower): they
/// scale with the sound-shell thickness (v_w − c_s)R*. Other codes use still other sound-wave peaks (1.58 h*/(H*R*)
/// from 1910.13125 eq. 31): a convention spread of ×5 in f_sw. f and h* are both in Hz in the turbulence damping (one
/// peer mixes units there).
public struct EnergyBudgetTemplate: GWTemplate {
    public let source: GWSource
    public let split: EnergySplit
    /// Whether the split came with the source (a computed point's walls, or the user's κ_col) or was assumed (κ_col = 0).
    public let splitAssumed: Bool
    /// H*τ_sw = min(1, H*R*/U_f) and U_f.
    public let soundWavePeriod: Double
    public let rmsFluidVelocity: Double
    public let collision: Part
    public let soundWaves: Part
    public let turbulence: Part

    public var name: String {
        "energy budget: collisions + sound waves + turbulence (Ellis et al. 1903.09642)" + (splitAssumed ? ", κ_col = 0 assumed" : "")
    }
    /// The peak of the largest part.
    public var peakFrequency: Double {
        [collision, soundWaves, turbulence].max { $0.energyDensity(frequency: $0.peakFrequency) < $1.energyDensity(frequency: $1.peakFrequency) }!.peakFrequency
    }
    public var components: [any GWTemplate] { [collision, soundWaves, turbulence] }

    /// One source of the budget: amplitude × shape(f/f_peak).
    public struct Part: GWTemplate {
        public enum Kind: String, Sendable { case collision, soundWaves = "sound waves", turbulence }
        public let kind: Kind
        public let amplitude: Double
        public let peakFrequency: Double
        /// h* (Hz), for the turbulence damping 1/(1 + 8πf/h*).
        let hubbleToday: Double
        public var name: String { kind.rawValue + " (1903.09642 energy budget)" }

        public func energyDensity(frequency f: Double) -> Double {
            guard amplitude > 0 else { return 0 }
            let x = f / peakFrequency
            switch kind {
            case .collision: return amplitude * budgetCollisionShape(x)
            case .soundWaves: return amplitude * budgetSoundWaveShape(x)
            case .turbulence:
                // x³/(1+x)^{11/3} = (x/(1+x))³ (1+x)^{−2/3}: no inf/inf for large x.
                let r = x / (1 + x)
                return amplitude * r * r * r * pow(1 + x, -2.0 / 3) / (1 + 8 * Double.pi * f / hubbleToday)
            }
        }
    }

    /// Peak frequencies in units of h*/(H*R*) (see the type's documentation for their provenance): 0.51 (collisions),
    /// 3.4/(1 − c_s) and 3.9/(1 − c_s) with c_s = 1/√3 (sound waves and turbulence, v_w = 1).
    public static let collisionPeak = 0.51
    public static let soundWavePeak = 3.4 / (1 - 1 / 3.0.squareRoot())
    public static let turbulencePeak = 3.9 / (1 - 1 / 3.0.squareRoot())

    /// With the source's `energySplit`; without one, κ_col = 0 (all the energy in the plasma) and `splitAssumed` is true.
    public init(source: GWSource) {
        self.source = source
        let a = source.alpha, hr = source.hubbleRadius
        let split = source.energySplit ?? EnergySplit(checkedAlpha: max(a, 0), kappaCollision: 0)
        splitAssumed = source.energySplit == nil
        self.split = split
        let redshift = 1.67e-5 * pow(100 / source.degreesOfFreedom, 1.0 / 3)
        let hubbleToday = 1.65e-5 * (source.temperature / 100) * pow(source.degreesOfFreedom / 100, 1.0 / 6)
        let kCol = split.kappaCollision * a / (1 + a), kSW = split.kappaSoundWaves * a / (1 + a)
        let ae = split.alphaEffective
        rmsFluidVelocity = (0.75 * ae / (1 + ae) * split.kappaSoundWaves).squareRoot()
        soundWavePeriod = rmsFluidVelocity > 0 ? min(1, hr / rmsFluidVelocity) : 1
        collision = Part(kind: .collision, amplitude: redshift * 0.024 * hr * hr * kCol * kCol,
                         peakFrequency: Self.collisionPeak * hubbleToday / hr, hubbleToday: hubbleToday)
        soundWaves = Part(kind: .soundWaves, amplitude: redshift * 0.38 * hr * soundWavePeriod * kSW * kSW,
                          peakFrequency: Self.soundWavePeak * hubbleToday / hr, hubbleToday: hubbleToday)
        turbulence = Part(kind: .turbulence, amplitude: redshift * 6.8 * hr * (1 - soundWavePeriod) * pow(kSW, 1.5),
                          peakFrequency: Self.turbulencePeak * hubbleToday / hr, hubbleToday: hubbleToday)
    }

    public func energyDensity(frequency f: Double) -> Double {
        collision.energyDensity(frequency: f) + soundWaves.energyDensity(frequency: f) + turbulence.energyDensity(frequency: f)
    }
}
