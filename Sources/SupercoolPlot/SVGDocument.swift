import Foundation

/// A number as it is written into SVG attributes: as Swift prints it (`90.0`, `24`).
public protocol SVGNumber: Sendable {
    var svgText: String { get }
}
extension Double: SVGNumber { public var svgText: String { "\(self)" } }
extension Int: SVGNumber { public var svgText: String { "\(self)" } }

/// An SVG document built element by element (SVG 1.1, https://www.w3.org/TR/SVG11/). Text content is escaped;
/// coordinates are written as given, so a caller that must emit no NaN checks its inputs (`line` drops NaN points).
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    /// The markup so far, without the closing `</svg>`.
    public private(set) var body: String

    public enum TextAnchor: String, Sendable { case start, middle, end }

    /// `<svg>` with a viewBox of the given size and a white background.
    public init(width: Double, height: Double, fontFamily: String = "Helvetica, Arial, sans-serif") {
        self.width = width
        self.height = height
        body = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"\(Self.escape(fontFamily))\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    }

    /// The finished document.
    public var rendered: String { body + "</svg>\n" }

    /// &, <, > (and " in attributes) replaced by entities.
    public static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Appends markup as is (for elements the primitives do not cover).
    public mutating func append(raw markup: String) { body += markup }

    /// `<clipPath id=…>` holding the frame's plotting area.
    public mutating func defineClip(id: String, to frame: PlotFrame) {
        body += "<clipPath id=\"\(id)\"><rect x=\"\(frame.left)\" y=\"\(frame.top)\" width=\"\(frame.plotWidth)\" height=\"\(frame.plotHeight)\"/></clipPath>\n"
    }

    /// Opens a group clipped to a clip path defined with `defineClip`; close it with `endGroup`.
    public mutating func beginGroup(clipPath id: String) { body += "<g clip-path=\"url(#\(id))\">\n" }
    public mutating func endGroup() { body += "</g>\n" }

    /// A line segment (no line break after it, so tick marks share a line with their label).
    public mutating func line(x1: some SVGNumber, y1: some SVGNumber, x2: some SVGNumber, y2: some SVGNumber, stroke: String, width: (any SVGNumber)? = nil) {
        body += "<line x1=\"\(x1.svgText)\" y1=\"\(y1.svgText)\" x2=\"\(x2.svgText)\" y2=\"\(y2.svgText)\" stroke=\"\(stroke)\""
            + (width.map { " stroke-width=\"\($0.svgText)\"" } ?? "") + "/>"
    }

    /// A text element (content escaped unless `markup`); `rotation` in degrees about (x, y).
    public mutating func text(_ content: String, x: some SVGNumber, y: some SVGNumber, fontSize: Int, anchor: TextAnchor? = nil,
                              fill: String? = nil, rotation: Int? = nil, markup: Bool = false) {
        var attributes = "x=\"\(x.svgText)\" y=\"\(y.svgText)\" font-size=\"\(fontSize)\""
        if let anchor { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if let fill { attributes += " fill=\"\(fill)\"" }
        if let rotation { attributes += " transform=\"rotate(\(rotation) \(x.svgText) \(y.svgText))\"" }
        body += "<text \(attributes)>\(markup ? content : Self.escape(content))</text>\n"
    }

    /// Markup for a power of ten, 10^e, as text with a raised exponent.
    public static func powerOfTen(_ exponent: Int) -> String { "10<tspan dy=\"-7\" font-size=\"11\">\(exponent)</tspan>" }

    /// A polyline through (log10 x, log10 y) points in the frame, y clamped to one decade beyond the frame
    /// (the clip path cuts it); a non-finite x or NaN y ends the current piece, the next point starts a new one.
    public mutating func line(through points: [(x: Double, y: Double)], in frame: PlotFrame, stroke: String, width: Double) {
        line(through: points, in: frame, stroke: stroke, width: width, dash: nil)
    }

    /// The same, dashed: `dash` is an SVG stroke-dasharray (e.g. "8,4"), nil for a solid line.
    public mutating func line(through points: [(x: Double, y: Double)], in frame: PlotFrame, stroke: String, width: Double, dash: String?) {
        var d = ""
        var pen = false
        for (lx, ly) in points {
            guard lx.isFinite, !ly.isNaN else { pen = false; continue }
            let y = max(min(ly, frame.yAxis.upper + 1), frame.yAxis.lower - 1)
            d += String(format: "%@%.2f,%.2f", pen ? "L" : "M", frame.x(lx), frame.y(y))
            pen = true
        }
        guard !d.isEmpty else { return }
        let dashAttribute = dash.map { " stroke-dasharray=\"\(Self.escape($0))\"" } ?? ""
        body += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"\(dashAttribute)/>\n"
    }

    /// A violin: a polygon symmetric about log10 x = `center`, half-width `halfWidth` (in decades of x) × weight at
    /// each log10 y. Samples with a non-finite coordinate or weight are skipped.
    public mutating func violin(center: Double, halfWidth: Double, samples: [ViolinSample], in frame: PlotFrame, color: String,
                                opacity: Double = 0.45, strokeWidth: Double = 0.6) {
        let drawn = samples.filter { $0.log10Y.isFinite && $0.weight.isFinite }
        guard !drawn.isEmpty, center.isFinite, halfWidth.isFinite else { return }
        let right = drawn.map { String(format: "%.2f,%.2f", frame.x(center + halfWidth * $0.weight), frame.y($0.log10Y)) }
        let left = drawn.reversed().map { String(format: "%.2f,%.2f", frame.x(center - halfWidth * $0.weight), frame.y($0.log10Y)) }
        body += "<polygon points=\"\((right + left).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"\(opacity)\" stroke=\"\(color)\" stroke-width=\"\(strokeWidth)\"/>\n"
    }

    /// The frame's border, ticks at every decade (x also at 2…9 × 10^e), light horizontal grid lines at the y
    /// decades, and 10^e labels.
    public mutating func logAxes(_ frame: PlotFrame) {
        body += "<rect x=\"\(frame.left)\" y=\"\(frame.top)\" width=\"\(frame.plotWidth)\" height=\"\(frame.plotHeight)\" fill=\"none\" stroke=\"black\"/>\n"
        for tick in frame.xAxis.ticks {
            let x = frame.x(tick.log10Value)
            if let e = tick.exponent {
                line(x1: x, y1: frame.height - frame.bottom, x2: x, y2: frame.height - frame.bottom - 8, stroke: "black")
                text(Self.powerOfTen(e), x: x, y: frame.height - frame.bottom + 22, fontSize: 15, anchor: .middle, markup: true)
            } else {
                line(x1: x, y1: frame.height - frame.bottom, x2: x, y2: frame.height - frame.bottom - 4, stroke: "black")
            }
        }
        for tick in frame.yAxis.ticks {
            guard let e = tick.exponent else { continue }
            let y = frame.y(tick.log10Value)
            line(x1: frame.left, y1: y, x2: frame.left + 8, y2: y, stroke: "black")
            line(x1: frame.left, y1: y, x2: frame.width - frame.right, y2: y, stroke: "#dddddd", width: 0.6)
            text(Self.powerOfTen(e), x: frame.left - 10, y: y + 5, fontSize: 15, anchor: .end, markup: true)
        }
    }
}

/// One point of a violin: log10 y and its weight in [0, 1] (the density relative to its maximum).
public struct ViolinSample: Sendable, Equatable {
    public let log10Y: Double
    public let weight: Double
    public init(log10Y: Double, weight: Double) { self.log10Y = log10Y; self.weight = weight }
}
