import Foundation
import Bounce
import EffectivePotential
import SupercoolNumerics

/// The O(4) (vacuum) tunnelling rate Γ4(T) = R0⁻⁴ (S4/2π)² e^{−S4}, with R0 the bounce's wall radius
/// (Callan & Coleman 1977; physics.md §4), sampled at the coarse temperatures and interpolated in ln T
/// as ln Γ4 (Steffen spline). Temperatures without an O(4) bounce are skipped (the spline bridges them) and
/// outside the sampled range the end values are held.
public struct VacuumRateCurve: Sendable {
    let spline: Interpolant
    public let minimumAction: Double

    public static func sample(tunnelling: ThermalTunnelling, temperatures: [Double]) throws -> VacuumRateCurve? {
        var xs = [Double](), ys = [Double](), minimum = Double.infinity
        for T in temperatures.sorted() {
            guard let b = tunnelling.bounce(temperature: T, dimension: 4).bounce else { continue }
            let s4 = b.action
            minimum = min(minimum, s4)
            xs.append(log(T)); ys.append(-4 * log(b.wallRadius) + 2 * log(s4 / (2 * Double.pi)) - s4)
        }
        guard xs.count >= 4 else { return nil }
        return VacuumRateCurve(spline: try Interpolant(x: xs, y: ys, kind: .steffen), minimumAction: minimum)
    }

    /// Γ4(T) in GeV⁴ (clamped to the sampled range).
    public func callAsFunction(_ T: Double) -> Double { exp(spline(log(T))) }
}

/// S3/T as a function of T, sampled by bounces and interpolated (cubic spline in ln T).
public struct ActionCurve: Sendable {
    public struct Sample: Sendable, Codable {
        public let temperature: Double
        /// S3/T; 0 where the barrier has vanished.
        public let actionOverT: Double
    }
    public let samples: [Sample]
    let spline: Interpolant
    /// Bounces that failed (their temperatures are left out of the spline).
    public let failures: [(temperature: Double, reason: String)]

    /// Samples with S3/T ≥ `cutoff` are left out (Γ ≈ e^{−cutoff} is irrelevant and would stiffen the spline near T_c).
    public init(samples: [Sample], failures: [(temperature: Double, reason: String)] = [],
                cutoff: Double = TransitionConventions.default.actionOverTemperatureCutoff) throws {
        let sorted = samples.filter { $0.actionOverT < cutoff }.sorted { $0.temperature < $1.temperature }
        guard sorted.count >= 4 else { throw NumericalError("S3/T < \(cutoff) at only \(sorted.count) sampled temperatures") }
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

    /// The sampled minimum of S3/T, refined on the spline.
    public var minimum: (temperature: Double, value: Double) {
        let i = samples.indices.min { samples[$0].actionOverT < samples[$1].actionOverT }!
        let lo = samples[max(i - 1, 0)].temperature, hi = samples[min(i + 1, samples.count - 1)].temperature
        if let refined = try? Minimizer().minimum(of: { self($0) }, lower: lo, guess: samples[i].temperature, upper: hi) {
            return (refined.x, refined.value)
        }
        return (samples[i].temperature, samples[i].actionOverT)
    }

    /// Sample S3/T of a model between T_c and `lowestFraction`·T_c: a coarse logarithmic grid, then a
    /// dense grid where S3/T is within `window` of its minimum (where the transition happens).
    /// Defaults: `TransitionConventions.default` (where every sampling convention is declared).
    public static func sample(tunnelling: ThermalTunnelling, criticalTemperature Tc: Double,
                              lowestFraction: Double = TransitionConventions.default.lowestSampledFraction,
                              coarsePoints: Int = TransitionConventions.default.coarseSamples,
                              densePoints: Int = TransitionConventions.default.denseSamples,
                              window: Double = TransitionConventions.default.denseWindow,
                              cutoff: Double = TransitionConventions.default.actionOverTemperatureCutoff) throws -> ActionCurve {
        var samples = [Sample]()
        var failures = [(Double, String)]()
        func evaluate(_ T: Double) {
            switch tunnelling.bounce(temperature: T) {
            case .bounce(let b): samples.append(Sample(temperature: T, actionOverT: b.action / T))
            case .barrierVanished: samples.append(Sample(temperature: T, actionOverT: 0))
            case .noTunnelling(let why): failures.append((T, why))
            case .failed(let why): failures.append((T, why))
            }
        }
        // Coarse: T/T_c log-spaced in [lowestFraction, 0.97].
        for k in 0..<coarsePoints {
            let x = exp(log(lowestFraction) + (log(0.97) - log(lowestFraction)) * Double(k) / Double(coarsePoints - 1))
            evaluate(x * Tc)
        }
        guard let best = samples.min(by: { $0.actionOverT < $1.actionOverT }) else {
            throw NumericalError("no bounce found between \(lowestFraction) T_c and 0.97 T_c")
        }
        // Dense: the T-range where S3/T < min + window (bounded by the coarse neighbours outside it).
        let sorted = samples.sorted { $0.temperature < $1.temperature }
        let inside = sorted.indices.filter { sorted[$0].actionOverT < best.actionOverT + window }
        let lowIndex = max((inside.first ?? 0) - 1, 0), highIndex = min((inside.last ?? 0) + 1, sorted.count - 1)
        let lowT = sorted[lowIndex].temperature, highT = sorted[highIndex].temperature
        for k in 1..<densePoints {
            let T = exp(log(lowT) + (log(highT) - log(lowT)) * Double(k) / Double(densePoints))
            if !sorted.contains(where: { abs($0.temperature / T - 1) < 1e-9 }) { evaluate(T) }
        }
        return try ActionCurve(samples: samples, failures: failures, cutoff: cutoff)
    }
}
