import Foundation

/// A corner plot of weighted samples (e.g. a nested-sampling posterior): on the diagonal each parameter's 1-D marginal
/// (weighted histogram), below it each pair's 2-D highest-density credible regions at 68 % and 95 % (weighted 2-D
/// histogram, lightly smoothed; the cells holding the densest 68 % / 95 % of the weight, shaded dark / light), a marker at `marked`
/// (e.g. the maximum-likelihood point) in every panel. Axis ranges are the weighted 0.1 %–99.9 % quantiles, padded.
public struct CornerPlot: Sendable {
    /// Parameter labels (SVG text markup allowed).
    public let labels: [String]
    /// One row per sample, one column per parameter.
    public let samples: [[Double]]
    public let weights: [Double]
    public let marked: [Double]?
    public let bins: Int

    public struct Invalid: Error, Sendable, CustomStringConvertible { public let description: String }

    public init(labels: [String], samples: [[Double]], weights: [Double], marked: [Double]? = nil, bins: Int = 30) throws {
        guard !labels.isEmpty else { throw Invalid(description: "a corner plot needs at least one parameter") }
        guard samples.count == weights.count, !samples.isEmpty else { throw Invalid(description: "samples and weights differ in count or are empty") }
        guard samples.allSatisfy({ $0.count == labels.count && $0.allSatisfy(\.isFinite) }) else {
            throw Invalid(description: "every sample needs \(labels.count) finite values")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
            throw Invalid(description: "weights must be finite, non-negative and not all zero")
        }
        guard (5...200).contains(bins) else { throw Invalid(description: "bins must be in 5…200, got \(bins)") }
        self.labels = labels; self.samples = samples; self.weights = weights; self.marked = marked; self.bins = bins
    }

    /// Weighted quantile q of parameter k.
    func quantile(_ k: Int, _ q: Double) -> Double {
        let order = samples.indices.sorted { samples[$0][k] < samples[$1][k] }
        let total = weights.reduce(0, +)
        var cumulative = 0.0
        for i in order {
            cumulative += weights[i]
            if cumulative >= q * total { return samples[i][k] }
        }
        return samples[order.last!][k]
    }

    /// A [1 2 1] ⊗ [1 2 1] smoothing of a bins × bins histogram (weight kept inside the frame), so that the regions are
    /// not dominated by the sampling noise of single cells (as corner.py's default 2-D smoothing).
    static func smoothed(_ cells: [Double], bins: Int) -> [Double] {
        var out = [Double](repeating: 0, count: cells.count)
        let kernel = [1.0, 2, 1]
        for j in 0..<bins {
            for i in 0..<bins {
                var sum = 0.0, norm = 0.0
                for dj in -1...1 {
                    for di in -1...1 {
                        let (a, b) = (i + di, j + dj)
                        guard a >= 0, a < bins, b >= 0, b < bins else { continue }
                        let w = kernel[di + 1] * kernel[dj + 1]
                        sum += w * cells[b * bins + a]; norm += w
                    }
                }
                out[j * bins + i] = sum / norm
            }
        }
        return out
    }

    /// The densities above which the cells hold `levels` of the total weight (highest-density regions).
    static func thresholds(_ cells: [Double], levels: [Double]) -> [Double] {
        let sorted = cells.sorted(by: >)
        let total = sorted.reduce(0, +)
        return levels.map { level in
            var cumulative = 0.0
            for c in sorted {
                cumulative += c
                if cumulative >= level * total { return c }
            }
            return sorted.last ?? 0
        }
    }

    public func svg(title: String, subtitle: String, color: String = "#2b6cb0") -> String {
        let d = labels.count, panel = d == 1 ? 320.0 : max(150, 560 / Double(d)), gap = 8.0
        let left = 80.0, top = 70.0, bottom = 70.0, right = 30.0
        let size = Double(d) * panel + Double(d - 1) * gap
        var doc = SVGDocument(width: left + size + right, height: top + size + bottom)
        doc.text(title, x: left, y: 26, fontSize: 17, markup: true)
        doc.text(subtitle, x: left, y: 46, fontSize: 12, fill: "#555", markup: true)
        let axes = (0..<d).map { k -> ScaledAxis in
            var lo = quantile(k, 0.001), hi = quantile(k, 0.999)
            if lo == hi { lo -= 0.5; hi += 0.5 }
            let pad = 0.05 * (hi - lo)
            return ScaledAxis(scale: .linear, lower: lo - pad, upper: hi + pad)
        }
        func origin(_ row: Int, _ column: Int) -> (x: Double, y: Double) {
            (left + Double(column) * (panel + gap), top + Double(row) * (panel + gap))
        }
        func bin(_ x: Double, _ axis: ScaledAxis) -> Int? {
            let f = axis.fraction(x)
            guard f >= 0, f < 1 else { return nil }
            return min(bins - 1, Int(f * Double(bins)))
        }
        for row in 0..<d {
            for column in 0...row {
                let o = origin(row, column)
                let frame = MapFrame(width: o.x + panel, height: o.y + panel, left: o.x, right: 0, top: o.y, bottom: 0,
                                     x: axes[column], y: row == column ? ScaledAxis(scale: .linear, lower: 0, upper: 1.08) : axes[row])
                if row == column {
                    var histogram = [Double](repeating: 0, count: bins)
                    for (s, w) in zip(samples, weights) { if let b = bin(s[column], axes[column]) { histogram[b] += w } }
                    let peak = max(histogram.max() ?? 1, .leastNormalMagnitude)
                    var points = [(x: Double, y: Double)]()
                    for b in 0..<bins {
                        let x0 = axes[column].lower + (axes[column].upper - axes[column].lower) * Double(b) / Double(bins)
                        let x1 = axes[column].lower + (axes[column].upper - axes[column].lower) * Double(b + 1) / Double(bins)
                        let y = frame.y(histogram[b] / peak)
                        points += [(frame.x(x0), y), (frame.x(x1), y)]
                    }
                    doc.polygon([(frame.x(axes[column].lower), frame.y(0))] + points + [(frame.x(axes[column].upper), frame.y(0))],
                                fill: color, fillOpacity: 0.25, stroke: color, strokeWidth: 1.2)
                    for q in [0.16, 0.5, 0.84] {
                        let x = frame.x(quantile(column, q))
                        doc.line(x1: x, y1: o.y, x2: x, y2: o.y + panel, stroke: q == 0.5 ? color : "#777", width: q == 0.5 ? 1.4 : 0.8)
                    }
                } else {
                    var cells = [Double](repeating: 0, count: bins * bins)
                    for (s, w) in zip(samples, weights) {
                        if let i = bin(s[column], axes[column]), let j = bin(s[row], axes[row]) { cells[j * bins + i] += w }
                    }
                    cells = Self.smoothed(cells, bins: bins)
                    let levels = Self.thresholds(cells, levels: [0.68, 0.95])
                    let cw = panel / Double(bins)
                    for j in 0..<bins {
                        for i in 0..<bins where cells[j * bins + i] > 0 {
                            let c = cells[j * bins + i]
                            let fill = c >= levels[0] ? color : (c >= levels[1] ? "#9dc3e6" : nil)
                            guard let fill else { continue }
                            doc.rect(x: o.x + Double(i) * cw, y: o.y + panel - Double(j + 1) * cw, width: cw + 0.3, height: cw + 0.3, fill: fill)
                        }
                    }
                    if let marked {
                        doc.marker(.star, x: frame.x(marked[column]), y: frame.y(marked[row]), size: 11, fill: "#e53e3e", stroke: "black")
                    }
                }
                doc.append(raw: "<rect x=\"\(o.x)\" y=\"\(o.y)\" width=\"\(panel)\" height=\"\(panel)\" fill=\"none\" stroke=\"black\"/>\n")
                // Ticks on every panel; labels only on the outer edges, and not where two panels meet (a label at the right end
                // of one panel's x axis would run into the left end of the next; likewise at the top of a y axis).
                for t in axes[column].ticks where t.major {
                    let x = frame.x(t.value)
                    guard x >= o.x - 0.5, x <= o.x + panel + 0.5 else { continue }
                    doc.line(x1: x, y1: o.y + panel, x2: x, y2: o.y + panel - 6, stroke: "black")
                    if row == d - 1, column == d - 1 || x < o.x + panel - 12, let label = t.label { doc.text(label, x: x, y: o.y + panel + 18, fontSize: 12, anchor: .middle, markup: true) }
                }
                if row != column {
                    for t in axes[row].ticks where t.major {
                        let y = frame.y(t.value)
                        guard y >= o.y - 0.5, y <= o.y + panel + 0.5 else { continue }
                        doc.line(x1: o.x, y1: y, x2: o.x + 6, y2: y, stroke: "black")
                        if column == 0, row <= 1 || y > o.y + 10, let label = t.label { doc.text(label, x: o.x - 6, y: y + 4, fontSize: 12, anchor: .end, markup: true) }
                    }
                }
                if row == d - 1 { doc.text(labels[column], x: o.x + panel / 2, y: o.y + panel + 44, fontSize: 15, anchor: .middle, markup: true) }
                if column == 0 && row > 0 { doc.text(labels[row], x: 20, y: o.y + panel / 2, fontSize: 15, anchor: .middle, rotation: -90, markup: true) }
            }
        }
        // Legend (top right, in the empty upper triangle).
        let lx = left + size - 250, ly = top + 10
        doc.rect(x: lx, y: ly, width: 16, height: 12, fill: color)
        doc.text("68 % credible region", x: lx + 22, y: ly + 11, fontSize: 12)
        doc.rect(x: lx, y: ly + 20, width: 16, height: 12, fill: "#9dc3e6")
        doc.text("95 % credible region", x: lx + 22, y: ly + 31, fontSize: 12)
        if marked != nil {
            doc.marker(.star, x: lx + 8, y: ly + 46, size: 11, fill: "#e53e3e", stroke: "black")
            doc.text("maximum likelihood", x: lx + 22, y: ly + 51, fontSize: 12)
        }
        doc.text("diagonal: marginals with the median", x: lx, y: ly + 71, fontSize: 12, fill: "#555")
        doc.text("and the 68 % interval", x: lx, y: ly + 87, fontSize: 12, fill: "#555")
        return doc.rendered
    }
}
