import Foundation

/// A logarithmic axis from 10^lower to 10^upper, in log10 units.
public struct LogAxis: Sendable, Equatable {
    public let lower: Double
    public let upper: Double

    /// One tick: at log10 value `log10Value`; `exponent` e for a decade 10^e (a major tick), nil for m × 10^e, m = 2…9.
    public struct Tick: Sendable, Equatable {
        public let log10Value: Double
        public let exponent: Int?
    }

    /// log10 of the axis ends; lower < upper, both finite.
    public init(log10From lower: Double, to upper: Double) {
        precondition(lower.isFinite && upper.isFinite && lower < upper, "LogAxis needs finite log10 ends with lower < upper")
        self.lower = lower
        self.upper = upper
    }

    /// Every decade 10^e and every m × 10^e (m = 2…9) inside [lower, upper], ascending.
    public var ticks: [Tick] {
        var ticks = [Tick]()
        let first = Int(lower.rounded(.down)), last = Int(upper.rounded(.up))
        for e in first...last {
            if Double(e) >= lower && Double(e) <= upper { ticks.append(Tick(log10Value: Double(e), exponent: e)) }
            for m in 2...9 {
                let x = Double(e) + log10(Double(m))
                if x >= lower && x <= upper { ticks.append(Tick(log10Value: x, exponent: nil)) }
            }
        }
        return ticks
    }

    /// The decades inside the axis.
    public var decades: [Int] { ticks.compactMap(\.exponent) }
}

/// A log-log plotting area inside a `width` × `height` canvas, with margins; maps log10 values to SVG coordinates
/// (y grows downwards).
public struct PlotFrame: Sendable, Equatable {
    public let width: Double, height: Double
    public let left: Double, right: Double, top: Double, bottom: Double
    public let xAxis: LogAxis, yAxis: LogAxis

    public init(width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double, x: LogAxis, y: LogAxis) {
        self.width = width; self.height = height
        self.left = left; self.right = right; self.top = top; self.bottom = bottom
        self.xAxis = x; self.yAxis = y
    }

    public var plotWidth: Double { width - left - right }
    public var plotHeight: Double { height - top - bottom }

    /// SVG x of log10 x.
    public func x(_ log10X: Double) -> Double { left + (log10X - xAxis.lower) / (xAxis.upper - xAxis.lower) * (width - left - right) }
    /// SVG y of log10 y.
    public func y(_ log10Y: Double) -> Double { top + (yAxis.upper - log10Y) / (yAxis.upper - yAxis.lower) * (height - top - bottom) }
}
