import Foundation

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// log10 x (x > 0).
    case log
    /// Signed log: sign(x)·log10(1 + |x|/threshold): linear within ±threshold, logarithmic beyond (both signs).
    case symlog(threshold: Double)

    /// Position of `x` in the scale's own units.
    public func transform(_ x: Double) -> Double {
        switch self {
        case .linear: return x
        case .log: return x > 0 ? log10(x) : -.infinity
        case .symlog(let c): return (x < 0 ? -1 : 1) * log10(1 + abs(x) / c)
        }
    }

    /// The value at scale position `t` (inverse of `transform`).
    public func inverse(_ t: Double) -> Double {
        switch self {
        case .linear: return t
        case .log: return pow(10, t)
        case .symlog(let c): return (t < 0 ? -1 : 1) * c * (pow(10, abs(t)) - 1)
        }
    }
}

/// An axis over data values [lower, upper] with a scale: positions as fractions of the axis, and ticks with labels.
public struct ScaledAxis: Sendable, Equatable {
    public let scale: AxisScale
    public let lower: Double
    public let upper: Double

    /// lower < upper, both finite (and > 0 for a log scale).
    public init(scale: AxisScale, lower: Double, upper: Double) {
        precondition(lower.isFinite && upper.isFinite && lower < upper, "ScaledAxis needs finite ends with lower < upper")
        if scale == .log { precondition(lower > 0, "a log axis needs positive ends") }
        if case .symlog(let c) = scale { precondition(c > 0 && c.isFinite, "symlog needs a positive threshold") }
        self.scale = scale; self.lower = lower; self.upper = upper
    }

    /// An axis holding `values` with a margin of `padding` (a fraction of the span in scale units) on each side.
    public static func covering(_ values: [Double], scale: AxisScale, padding: Double = 0) -> ScaledAxis? {
        let t = values.filter(\.isFinite).map(scale.transform).filter(\.isFinite)
        guard var lo = t.min(), var hi = t.max() else { return nil }
        if lo == hi { lo -= 0.5; hi += 0.5 }
        let pad = (hi - lo) * padding
        return ScaledAxis(scale: scale, lower: scale.inverse(lo - pad), upper: scale.inverse(hi + pad))
    }

    /// Where `x` sits: 0 at `lower`, 1 at `upper` (outside [0, 1] beyond the ends).
    public func fraction(_ x: Double) -> Double {
        let a = scale.transform(lower), b = scale.transform(upper)
        return (scale.transform(x) - a) / (b - a)
    }

    /// One tick: a value, whether it is major (labelled, longer), and its label as SVG text markup.
    public struct Tick: Sendable, Equatable {
        public let value: Double
        public let major: Bool
        public let label: String?
    }

    public var ticks: [Tick] {
        switch scale {
        case .linear: return Self.linearTicks(lower, upper)
        case .log:
            let axis = LogAxis(log10From: log10(lower), to: log10(upper))
            let decades = axis.decades
            // Under two labelled decades, the 2 and 5 × 10^e ticks get labels too.
            return axis.ticks.map { t in
                if let e = t.exponent { return Tick(value: pow(10, t.log10Value), major: true, label: SVGDocument.powerOfTen(e)) }
                let m = Int((pow(10, t.log10Value - t.log10Value.rounded(.down))).rounded())
                let labelled = decades.count < 2 && (m == 2 || m == 5)
                let e = Int(t.log10Value.rounded(.down))
                return Tick(value: pow(10, t.log10Value), major: labelled,
                            label: labelled ? "\(m)×" + SVGDocument.powerOfTen(e) : nil)
            }
        case .symlog(let c):
            var ticks = [Tick]()
            if lower <= 0 && upper >= 0 { ticks.append(Tick(value: 0, major: true, label: "0")) }
            let top = max(abs(lower), abs(upper))
            guard top > 0 else { return ticks }
            let first = Int(log10(c).rounded(.up)), last = Int(log10(top).rounded(.down))
            if first <= last {
                for e in first...last {
                    for sign in [-1.0, 1.0] {
                        let x = sign * pow(10, Double(e))
                        guard x >= lower && x <= upper else { continue }
                        // ±threshold itself sits 0.3 decades from 0: a tick without a label (the labels would collide).
                        let labelled = Double(e) > log10(c) + 0.5
                        ticks.append(Tick(value: x, major: labelled, label: labelled ? (sign < 0 ? "−" : "") + SVGDocument.powerOfTen(e) : nil))
                    }
                }
            }
            return ticks.sorted { $0.value < $1.value }
        }
    }

    /// Ticks at a "nice" step (1, 2 or 5 × 10^k, about 4–8 of them), labelled in plain decimals (or m×10^e when the
    /// numbers are very large or small).
    static func linearTicks(_ lower: Double, _ upper: Double) -> [Tick] {
        let span = upper - lower
        let raw = span / 5
        let e = floor(log10(raw))
        let base = pow(10, e)
        let step = [1.0, 2, 5, 10].map { $0 * base }.first { span / $0 <= 7.5 } ?? 10 * base
        let k0 = Int((lower / step).rounded(.up)), k1 = Int((upper / step).rounded(.down))
        guard k0 <= k1 else { return [] }
        let exponent = Int(floor(log10(step)))
        let scientific = exponent < -3 || exponent > 4
        return (k0...k1).map { k in
            let x = Double(k) * step
            return Tick(value: x, major: true, label: formatTick(k == 0 ? 0 : x, stepExponent: exponent, scientific: scientific))
        }
    }

    /// A tick label: decimals enough for the step; scientific values as m×10^e (SVG markup); minus signs typographic.
    public static func formatTick(_ x: Double, stepExponent: Int, scientific: Bool) -> String {
        if x == 0 { return "0" }
        if scientific {
            let e = Int(floor(log10(abs(x)) + 1e-9))
            let m = x / pow(10, Double(e))
            let decimals = max(0, e - stepExponent)
            let mantissa = String(format: "%.\(min(decimals, 6))f", m).replacingOccurrences(of: "-", with: "−")
            return (mantissa == "1" ? "" : mantissa == "−1" ? "−" : mantissa + "×") + SVGDocument.powerOfTen(e)
        }
        let decimals = max(0, -stepExponent)
        return String(format: "%.\(decimals)f", x).replacingOccurrences(of: "-", with: "−")
    }
}

/// A plotting area inside a `width` × `height` canvas with margins, over two scaled axes; maps data values to SVG
/// coordinates (y grows downwards).
public struct MapFrame: Sendable, Equatable {
    public let width: Double, height: Double
    public let left: Double, right: Double, top: Double, bottom: Double
    public let xAxis: ScaledAxis, yAxis: ScaledAxis

    public init(width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double, x: ScaledAxis, y: ScaledAxis) {
        self.width = width; self.height = height
        self.left = left; self.right = right; self.top = top; self.bottom = bottom
        self.xAxis = x; self.yAxis = y
    }

    public var plotWidth: Double { width - left - right }
    public var plotHeight: Double { height - top - bottom }
    /// SVG x of the data value x.
    public func x(_ value: Double) -> Double { left + xAxis.fraction(value) * plotWidth }
    /// SVG y of the data value y.
    public func y(_ value: Double) -> Double { top + (1 - yAxis.fraction(value)) * plotHeight }
}
