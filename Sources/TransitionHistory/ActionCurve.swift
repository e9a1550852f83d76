import Foundation
import Bounce
import EffectivePotential
import SupercoolNumerics

/// The O(4) (vacuum) tunnelling rate Γ4(T) = R0⁻⁴ (S4/2π)² e^{−S4}, with R0 the bounce's wall radius
/// (Callan & Coleman 1977; physics.md §4), sampled at the coarse temperatures and interpolated in ln T
/// as ln Γ4 (Steffen spline). Temperatures without an O(4) bounce are skipped (the spline bridges them; failed
/// O(4) bounces are counted and returned with the curve) and outside the sampled range the end values are held.
public struct VacuumRateCurve: Sendable {
    let spline: Interpolant
    public let minimumAction: Double

    /// The curve, or nil (with the number of failed O(4) bounces) when fewer than four temperatures have one.
    public static func sample(tunnelling: ThermalTunnelling, temperatures: [Double]) throws -> (curve: VacuumRateCurve?, failedBounces: Int) {
        var xs = [Double](), ys = [Double](), minimum = Double.infinity
        var failed = 0
        for T in temperatures.sorted() {
            let outcome = tunnelling.bounce(temperature: T, dimension: 4)
            if case .failed = outcome { failed += 1 }
            guard let b = outcome.bounce else { continue }
            let s4 = b.action
            minimum = min(minimum, s4)
            xs.append(log(T)); ys.append(-4 * log(b.wallRadius) + 2 * log(s4 / (2 * Double.pi)) - s4)
        }
        guard xs.count >= 4 else { return (nil, failed) }
        return (VacuumRateCurve(spline: try Interpolant(x: xs, y: ys, kind: .steffen), minimumAction: minimum), failed)
    }

    /// Γ4(T) in GeV⁴ (clamped to the sampled range).
    public func callAsFunction(_ T: Double) -> Double { exp(spline(log(T))) }
}

/// S3/T as a function of T, sampled by bounces and interpolated (cubic spline in ln T).
public struct ActionCurve: Sendable {
    public struct Sample: Sendable, Codable, Equatable {
        public let temperature: Double
        /// S3/T; 0 where the barrier has vanished.
        public let actionOverT: Double
        public init(temperature: Double, actionOverT: Double) {
            self.temperature = temperature; self.actionOverT = actionOverT
        }
    }

    /// A temperature where the bounce gave no number, and why.
    public struct FailedSample: Sendable, Codable, Equatable {
        public enum Reason: Sendable, Codable, Equatable, CustomStringConvertible {
            case failed(BounceFailure)
            case noTunnelling(NoTunnellingReason)
            public var description: String {
                switch self {
                case .failed(let f): return f.description
                case .noTunnelling(let r): return r.description
                }
            }
        }
        public let temperature: Double
        public let reason: Reason
        public init(temperature: Double, reason: Reason) { self.temperature = temperature; self.reason = reason }
    }

    /// Fewer than four samples below the cutoff: no spline (the caller decides what that means physically).
    public struct TooFewSamples: Error, Sendable, CustomStringConvertible {
        public let usable: Int
        public let cutoff: Double
        public var description: String { "S3/T < \(cutoff) at only \(usable) sampled temperatures (a spline needs 4)" }
    }

    public let samples: [Sample]
    let spline: Interpolant
    /// Bounces that failed (their temperatures are left out of the spline).
    public let failures: [FailedSample]

    /// Samples with S3/T ≥ `cutoff` are left out (Γ ≈ e^{−cutoff} is irrelevant and would stiffen the spline near T_c).
    public init(samples: [Sample], failures: [FailedSample] = [],
                cutoff: Double = TransitionConventions.default.actionOverTemperatureCutoff) throws {
        let sorted = samples.filter { $0.actionOverT < cutoff }.sorted { $0.temperature < $1.temperature }
        guard sorted.count >= 4 else { throw TooFewSamples(usable: sorted.count, cutoff: cutoff) }
        self.samples = sorted
        self.failures = failures
        // Natural cubic spline in ln T: C², so that β_V (from d²(S3/T)/dT²) is defined.
        spline = try Interpolant(x: sorted.map { log($0.temperature) }, y: sorted.map(\.actionOverT), kind: .cubic)
    }

    public var temperatureRange: ClosedRange<Double> { samples.first!.temperature...samples.last!.temperature }

    /// S3/T at T (clamped to the sampled range).
    public func callAsFunction(_ T: Double) -> Double { spline(log(T)) }
    /// d(S3/T)/dT.
    public func derivative(_ T: Double) -> Double { spline.derivative(log(T)) / T }
    /// d²(S3/T)/dT².
    public func secondDerivative(_ T: Double) -> Double {
        (spline.secondDerivative(log(T)) - spline.derivative(log(T))) / (T * T)
    }

    /// The sampled minimum of S3/T, refined on the spline when it is interior (strictly below both
    /// neighbours); at an end of the range, or on a plateau (S3/T = 0 where the barrier vanished), the sample.
    public func minimum() throws -> (temperature: Double, value: Double) {
        let i = samples.indices.min { samples[$0].actionOverT < samples[$1].actionOverT }!
        guard i > 0, i < samples.count - 1,
              samples[i].actionOverT < samples[i - 1].actionOverT, samples[i].actionOverT < samples[i + 1].actionOverT else {
            return (samples[i].temperature, samples[i].actionOverT)
        }
        // Brent needs the guess below both ends, on the spline (which need not pass below its neighbours' samples
        // exactly as the samples do; it does, since it interpolates them).
        let refined = try Minimizer().minimum(of: { self($0) }, lower: samples[i - 1].temperature, guess: samples[i].temperature,
                                             upper: samples[i + 1].temperature)
        return refined.value < samples[i].actionOverT ? (refined.x, refined.value) : (samples[i].temperature, samples[i].actionOverT)
    }

    /// How S3/T is sampled (defaults: `TransitionConventions.default`, where every sampling convention is declared).
    public struct Sampling: Sendable, Equatable {
        public var lowestFraction: Double
        public var coarsePoints: Int
        public var densePoints: Int
        public var window: Double
        public var cutoff: Double
        /// Below this S3/T the curve must be resolved: neighbouring samples differ by at most
        /// `refinementStep` + `refinementRelativeStep`·S3/T, and the highest sample lies at or above it.
        public var relevantLevel: Double
        public var refinementStep: Double
        public var refinementRelativeStep: Double
        public var maxRefinements: Int
        /// Below this S3/T the rate is saturated (see `TransitionConventions.saturatedActionLevel`).
        public var saturatedLevel: Double

        public init(_ c: TransitionConventions = .default) {
            lowestFraction = c.lowestSampledFraction; coarsePoints = c.coarseSamples; densePoints = c.denseSamples
            window = c.denseWindow; cutoff = c.actionOverTemperatureCutoff
            relevantLevel = c.resolvedActionLevel; refinementStep = c.refinementStep
            refinementRelativeStep = c.refinementRelativeStep; maxRefinements = c.maxRefinementBounces
            saturatedLevel = c.saturatedActionLevel
        }
    }

    /// The raw samples of S3/T between the lowest temperature and T_c, before any spline.
    public struct SampleSet: Sendable {
        public var samples: [Sample]
        public var failures: [FailedSample]
        /// Lowest sampled temperature: `lowestFraction`·T_c, or the temperature where the barrier vanishes if higher.
        public let lowestTemperature: Double
        /// Whether the range starts at T_0 (the barrier vanishes above `lowestFraction`·T_c): the bottom is a spinodal.
        public let startsAtBarrierVanishing: Bool
        /// Whether the resolution demanded by `Sampling` was reached within `maxRefinements` extra bounces.
        public var resolved: Bool
        /// Whether the highest sample reaches `relevantLevel` (false: S3/T stays below it up to within the resolution (≤ 1e-9) of T_c,
        /// or failed bounces block the way; the rate above the top sample is then not negligible).
        public var topResolved: Bool = true
        public var minimum: Sample? { samples.min { $0.actionOverT < $1.actionOverT } }
    }

    /// Sample S3/T of a model between T_low = max(`lowestFraction`·T_c, T_0) (T_0: the barrier vanishes) and T_c:
    /// a coarse logarithmic grid, a dense grid where S3/T is within `window` of its minimum (where the transition
    /// happens), then bisection (in ln T) wherever neighbouring samples below `relevantLevel` differ by more than the
    /// allowed step, and towards T_c until the highest sample reaches `relevantLevel` (so that no rate that matters
    /// is cut off at the top of the range).
    public static func sampleActions(tunnelling: ThermalTunnelling, criticalTemperature Tc: Double,
                                     barrierVanishes T0: Double?, sampling: Sampling = Sampling()) -> SampleSet {
        var samples = [Sample]()
        var failures = [FailedSample]()
        @discardableResult func evaluate(_ T: Double) -> Double? {
            switch tunnelling.bounce(temperature: T) {
            case .bounce(let b): samples.append(Sample(temperature: T, actionOverT: b.action / T)); return b.action / T
            case .barrierVanished: samples.append(Sample(temperature: T, actionOverT: 0)); return 0
            case .noTunnelling(let why): failures.append(FailedSample(temperature: T, reason: .noTunnelling(why))); return nil
            case .failed(let why): failures.append(FailedSample(temperature: T, reason: .failed(why))); return nil
            }
        }
        // Coarse: log-spaced in T from T_low to 97 % of the way (in 1 − T/T_c) up to T_c: [0.002, 0.97] T_c
        // for a barrier that survives to T = 0.
        let rollsInRange = T0.map { $0 >= sampling.lowestFraction * Tc } ?? false
        let xLow = rollsInRange ? T0! / Tc : sampling.lowestFraction
        let xHigh = 1 - 0.03 * (1 - xLow) / (1 - sampling.lowestFraction)
        let coarse = (0..<sampling.coarsePoints).map { k in
            Tc * exp(log(xLow) + (log(xHigh) - log(xLow)) * Double(k) / Double(sampling.coarsePoints - 1))
        }
        if rollsInRange, let T0 {
            // S3/T = 0 at T_0 by definition. Going down towards it, bounces below `saturatedLevel` are skipped: there
            // the thick, nearly massless-vacuum walls are the solver's slowest case, and Γ is saturated anyway.
            samples.append(Sample(temperature: T0, actionOverT: 0))
            for T in coarse.dropFirst().reversed() {
                if let s = evaluate(T), s < sampling.saturatedLevel { break }
            }
        } else {
            for T in coarse { evaluate(T) }
        }
        var set = SampleSet(samples: [], failures: [], lowestTemperature: xLow * Tc, startsAtBarrierVanishing: rollsInRange, resolved: true)
        guard let best = samples.min(by: { $0.actionOverT < $1.actionOverT }) else {
            set.failures = failures
            set.resolved = false
            return set
        }
        // Temperatures closer than this (relative) count as the same: 1e-9, or 1e-6 of a narrower window T_c − T_low (a
        // weak transition's T_c − T_0 can be ~1e-9 T_c or less), down to 64 ulp of T.
        let resolution = max(min(1e-9, 1e-6 * (1 - xLow)), 64 * Double.ulpOfOne)
        func known(_ T: Double) -> Bool {
            samples.contains { abs($0.temperature / T - 1) < resolution } || failures.contains { abs($0.temperature / T - 1) < resolution }
        }
        // Dense: the T-range where S3/T < min + window (bounded by the coarse neighbours outside it), when the
        // barrier survives (a real minimum, or the lowest T). Where it vanishes at T_0 the minimum is S3/T = 0 there
        // and the transition happens where S3/T crosses the nucleation level: the refinement below resolves that.
        if !rollsInRange {
            let sorted = samples.sorted { $0.temperature < $1.temperature }
            let inside = sorted.indices.filter { sorted[$0].actionOverT < best.actionOverT + sampling.window }
            let lowIndex = max((inside.first ?? 0) - 1, 0), highIndex = min((inside.last ?? 0) + 1, sorted.count - 1)
            let lowT = sorted[lowIndex].temperature, highT = sorted[highIndex].temperature
            for k in 1..<sampling.densePoints {
                let T = exp(log(lowT) + (log(highT) - log(lowT)) * Double(k) / Double(sampling.densePoints))
                if !known(T) { evaluate(T) }
            }
        }
        // Refinement: bisect coarse steps that a spline cannot bridge (e.g. from S3/T ~ 100 to > 3000 within one
        // step when the barrier vanishes just below T_c), and extend the top towards T_c. A failed bounce inside an
        // interval splits it: the parts on either side of it are bisected instead. Whatever cannot be refined (the
        // budget, or an interval narrower than `resolution`) leaves `resolved` (or `topResolved`) false.
        func separable(_ lo: Double, _ hi: Double) -> Bool { hi / lo - 1 > resolution }
        var extra = 0
        while true {
            let ordered = samples.sorted { $0.temperature < $1.temperature }
            var targets = [Double]()
            for (a, b) in zip(ordered, ordered.dropFirst()) {
                let low = min(a.actionOverT, b.actionOverT)
                guard low < sampling.relevantLevel, max(a.actionOverT, b.actionOverT) >= sampling.saturatedLevel,
                      abs(a.actionOverT - b.actionOverT) > sampling.refinementStep + sampling.refinementRelativeStep * low else { continue }
                let inside = failures.map(\.temperature).filter { $0 > a.temperature && $0 < b.temperature }
                // Where the solver keeps failing (two failures inside already), stop: resolution is what it allows.
                guard inside.count < 2 else { set.resolved = false; continue }
                let pieces = inside.isEmpty ? [(a.temperature, b.temperature)]
                    : [(a.temperature, inside.min()!), (inside.max()!, b.temperature)]
                for (lo, hi) in pieces {
                    if separable(lo, hi) { targets.append((lo * hi).squareRoot()) } else { set.resolved = false }
                }
            }
            set.topResolved = true
            if let top = ordered.last, top.actionOverT < sampling.relevantLevel {
                let above = failures.map(\.temperature).filter { $0 > top.temperature }.min()
                if let above {
                    if separable(top.temperature, above) { targets.append((top.temperature * above).squareRoot()) } else { set.topResolved = false }
                } else if separable(top.temperature, Tc) {
                    targets.append(Tc - 0.25 * (Tc - top.temperature))
                } else {
                    set.topResolved = false
                }
            }
            var evaluated = 0
            for T in targets where !known(T) {
                guard extra < sampling.maxRefinements else { set.resolved = false; break }
                evaluate(T); extra += 1; evaluated += 1
            }
            if evaluated == 0 { break }
        }
        if !set.topResolved { set.resolved = false }
        set.samples = samples.sorted { $0.temperature < $1.temperature }
        set.failures = failures.sorted { $0.temperature < $1.temperature }
        return set
    }

    /// The spline of a sample set (see `init(samples:failures:cutoff:)`).
    public init(_ set: SampleSet, cutoff: Double) throws {
        try self.init(samples: set.samples, failures: set.failures, cutoff: cutoff)
    }
}
