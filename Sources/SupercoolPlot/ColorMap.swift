import Foundation

/// A sequential colour map: RGB anchors equally spaced on [0, 1], linearly interpolated between.
public struct ColorMap: Sendable, Equatable {
    public struct RGB: Sendable, Equatable {
        public let r: Double, g: Double, b: Double
        public init(_ r: Double, _ g: Double, _ b: Double) { self.r = r; self.g = g; self.b = b }
        /// "#rrggbb".
        public var hex: String {
            func byte(_ x: Double) -> Int { Int((min(max(x, 0), 1) * 255).rounded()) }
            return String(format: "#%02x%02x%02x", byte(r), byte(g), byte(b))
        }
    }

    public let anchors: [RGB]

    public init(anchors: [RGB]) {
        precondition(anchors.count >= 2, "a colour map needs two anchors")
        self.anchors = anchors
    }

    /// The colour at u ∈ [0, 1] (clamped; NaN gives the low end).
    public func rgb(_ u: Double) -> RGB {
        let u = u.isNaN ? 0 : min(max(u, 0), 1)
        let s = u * Double(anchors.count - 1)
        let k = min(Int(s), anchors.count - 2)
        let f = s - Double(k)
        let a = anchors[k], b = anchors[k + 1]
        return RGB(a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f)
    }

    public func hex(_ u: Double) -> String { rgb(u).hex }

    /// Viridis (van der Walt, Smith & Firing for matplotlib 2.0; CC0): entries 0, 16, 32, …, 240 and 255 of the
    /// 256-entry table `_viridis_data` in matplotlib's lib/matplotlib/_cm_listed.py (its last step is 15/255 wide,
    /// not 16/255: the error of the linear interpolation, < 0.5 % in every channel, is below what a screen shows).
    public static let viridis = ColorMap(anchors: [
        RGB(0.267004, 0.004874, 0.329415), RGB(0.282327, 0.094955, 0.417331), RGB(0.278826, 0.175490, 0.483397),
        RGB(0.258965, 0.251537, 0.524736), RGB(0.229739, 0.322361, 0.545706), RGB(0.199430, 0.387607, 0.554642),
        RGB(0.172719, 0.448791, 0.557885), RGB(0.149039, 0.508051, 0.557250), RGB(0.127568, 0.566949, 0.550556),
        RGB(0.120638, 0.625828, 0.533488), RGB(0.157851, 0.683765, 0.501686), RGB(0.246070, 0.738910, 0.452024),
        RGB(0.369214, 0.788888, 0.382914), RGB(0.515992, 0.831158, 0.294279), RGB(0.678489, 0.863742, 0.189503),
        RGB(0.845561, 0.887322, 0.099702), RGB(0.993248, 0.906157, 0.143936),
    ])
}

/// The marker shapes of `SVGDocument.marker`.
public enum MarkerShape: String, Sendable, CaseIterable {
    case circle, square, diamond, triangleUp, triangleDown, cross, xCross, star
}

extension SVGDocument {
    /// A rectangle (coordinates as given; nothing drawn for a non-finite or negative size).
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, fillOpacity: Double? = nil,
                              stroke: String? = nil, strokeWidth: Double? = nil, cssClass: String? = nil) {
        guard [x, y, width, height].allSatisfy(\.isFinite), width >= 0, height >= 0 else { return }
        var a = String(format: "x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%@\"", x, y, width, height, fill)
        if let fillOpacity { a += " fill-opacity=\"\(fillOpacity)\"" }
        if let stroke { a += " stroke=\"\(stroke)\"" }
        if let strokeWidth { a += " stroke-width=\"\(strokeWidth)\"" }
        if let cssClass { a += " class=\"\(Self.escape(cssClass))\"" }
        append(raw: "<rect \(a)/>\n")
    }

    /// A filled polygon through SVG points (skipped if fewer than 3 finite points).
    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, fillOpacity: Double = 1, stroke: String? = nil,
                                 strokeWidth: Double = 1) {
        let drawn = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard drawn.count >= 3 else { return }
        let list = drawn.map { String(format: "%.2f,%.2f", $0.x, $0.y) }.joined(separator: " ")
        append(raw: "<polygon points=\"\(list)\" fill=\"\(fill)\" fill-opacity=\"\(fillOpacity)\""
               + (stroke.map { " stroke=\"\($0)\" stroke-width=\"\(strokeWidth)\"" } ?? " stroke=\"none\"") + "/>\n")
    }

    /// A polyline through SVG points; a non-finite point ends the current piece. `dash`: an SVG dash array ("6 4").
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double, dash: String? = nil) {
        var d = ""
        var pen = false
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { pen = false; continue }
            d += String(format: "%@%.2f,%.2f", pen ? "L" : "M", p.x, p.y)
            pen = true
        }
        guard !d.isEmpty else { return }
        append(raw: "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(width)\""
               + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n")
    }

    /// A marker of `size` (its full width, px) centred at (x, y). Open shapes (cross, x) use `stroke` only.
    public mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size: Double, fill: String, stroke: String = "black",
                                strokeWidth: Double = 0.8, cssClass: String? = nil) {
        guard x.isFinite, y.isFinite, size.isFinite, size > 0 else { return }
        let r = size / 2
        let style = "fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(strokeWidth)\"" + (cssClass.map { " class=\"\(Self.escape($0))\"" } ?? "")
        func poly(_ pts: [(Double, Double)]) -> String {
            "<polygon points=\"" + pts.map { String(format: "%.2f,%.2f", x + $0.0, y + $0.1) }.joined(separator: " ") + "\" \(style)/>\n"
        }
        switch shape {
        case .circle: append(raw: String(format: "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" ", x, y, r) + style + "/>\n")
        case .square: append(raw: String(format: "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" ", x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r) + style + "/>\n")
        case .diamond: append(raw: poly([(0, -r), (r, 0), (0, r), (-r, 0)]))
        case .triangleUp: append(raw: poly([(0, -r), (r, 0.8 * r), (-r, 0.8 * r)]))
        case .triangleDown: append(raw: poly([(0, r), (r, -0.8 * r), (-r, -0.8 * r)]))
        case .star:
            let pts = (0..<10).map { k -> (Double, Double) in
                let a = Double.pi * Double(k) / 5 - Double.pi / 2, rr = k % 2 == 0 ? r : 0.45 * r
                return (rr * cos(a), rr * sin(a))
            }
            append(raw: poly(pts))
        case .cross, .xCross:
            let s = shape == .cross ? [(0.0, -r, 0.0, r), (-r, 0.0, r, 0.0)] : [(-0.75 * r, -0.75 * r, 0.75 * r, 0.75 * r), (-0.75 * r, 0.75 * r, 0.75 * r, -0.75 * r)]
            for (a, b, c, d) in s {
                append(raw: String(format: "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%@\" stroke-width=\"%.2f\"%@/>", x + a, y + b, x + c, y + d, stroke, max(strokeWidth, 1.4),
                                  cssClass.map { " class=\"\(Self.escape($0))\"" } ?? ""))
            }
            append(raw: "\n")
        }
    }

    /// The frame's border, ticks (major labelled, minor short) on both axes, light grid lines at the major ticks, and
    /// the axis titles (SVG markup allowed) centred below and to the left.
    public mutating func axes(_ frame: MapFrame, xTitle: String, yTitle: String, grid: Bool = true) {
        let bottomY = frame.height - frame.bottom
        if grid {
            for t in frame.yAxis.ticks where t.major {
                let y = frame.y(t.value)
                line(x1: frame.left, y1: y, x2: frame.width - frame.right, y2: y, stroke: "#e4e4e4", width: 0.6)
            }
        }
        append(raw: "<rect x=\"\(frame.left)\" y=\"\(frame.top)\" width=\"\(frame.plotWidth)\" height=\"\(frame.plotHeight)\" fill=\"none\" stroke=\"black\"/>\n")
        for t in frame.xAxis.ticks {
            let x = frame.x(t.value)
            line(x1: x, y1: bottomY, x2: x, y2: bottomY - (t.major ? 8 : 4), stroke: "black")
            if t.major, let label = t.label { text(label, x: x, y: bottomY + 22, fontSize: 14, anchor: .middle, markup: true) }
            else { append(raw: "\n") }
        }
        for t in frame.yAxis.ticks {
            let y = frame.y(t.value)
            line(x1: frame.left, y1: y, x2: frame.left + (t.major ? 8 : 4), y2: y, stroke: "black")
            if t.major, let label = t.label { text(label, x: frame.left - 8, y: y + 5, fontSize: 14, anchor: .end, markup: true) }
            else { append(raw: "\n") }
        }
        text(xTitle, x: frame.left + frame.plotWidth / 2, y: bottomY + 50, fontSize: 16, anchor: .middle, markup: true)
        text(yTitle, x: 22, y: frame.top + frame.plotHeight / 2, fontSize: 16, anchor: .middle, rotation: -90, markup: true)
    }

    /// A vertical colour bar: `stripes` bands from `map` along `axis` (low at the bottom), ticks and labels on the
    /// right, and the title (markup allowed) rotated alongside, `titleOffset` px right of the bar.
    public mutating func colorBar(map: ColorMap, axis: ScaledAxis, x: Double, y: Double, width: Double, height: Double,
                                  title: String, titleOffset: Double = 64, stripes: Int = 96) {
        let n = max(stripes, 2)
        let h = height / Double(n)
        for k in 0..<n {
            // Stripe k spans fractions [k/n, (k+1)/n] from the bottom; coloured at its centre.
            let u = (Double(k) + 0.5) / Double(n)
            rect(x: x, y: y + height - Double(k + 1) * h, width: width, height: h + 0.3, fill: map.hex(u))
        }
        append(raw: "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"black\" stroke-width=\"0.8\"/>\n")
        for t in axis.ticks {
            let f = axis.fraction(t.value)
            guard f >= -1e-9, f <= 1 + 1e-9 else { continue }
            let ty = y + height * (1 - f)
            line(x1: x + width, y1: ty, x2: x + width + (t.major ? 6 : 3), y2: ty, stroke: "black")
            if t.major, let label = t.label {
                text(label, x: x + width + 9, y: ty + 5, fontSize: 13, markup: true)
            } else { append(raw: "\n") }
        }
        text(title, x: x + width + titleOffset, y: y + height / 2, fontSize: 15, anchor: .middle, rotation: 90, markup: true)
    }
}
