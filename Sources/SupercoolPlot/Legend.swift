/// A legend column: entries stacked from a baseline downwards, one `lineHeight` apart.
public struct Legend: Sendable {
    public enum Entry: Sendable, Equatable {
        /// A line sample (stroke width 3) and its label.
        case line(label: String, color: String)
        /// A dashed line sample (stroke width 2, SVG stroke-dasharray `dash`) and its label.
        case dashedLine(label: String, color: String, dash: String)
        /// A filled square (as the violins are filled) and its label.
        case swatch(label: String, color: String)
        /// A marker (`SVGDocument.marker`) and its label, aligned with the `line` labels.
        case marker(label: String, shape: MarkerShape, fill: String, stroke: String)
        /// A label without a sample, aligned with the `line` labels.
        case text(String, fill: String)
        /// Small text (font size 11) starting at the legend's left edge.
        case caption(String, fill: String)
    }

    public var x: Double
    /// Baseline of the first entry.
    public var y: Double
    public var lineHeight: Double
    public var entries: [Entry]

    public init(x: Double, y: Double, lineHeight: Double = 18, entries: [Entry] = []) {
        self.x = x; self.y = y; self.lineHeight = lineHeight; self.entries = entries
    }

    /// Baseline after the last entry.
    public var end: Double { y + Double(entries.count) * lineHeight }

    public func draw(into svg: inout SVGDocument) {
        var y = self.y
        for entry in entries {
            switch entry {
            case .line(let label, let color):
                svg.line(x1: x, y1: y - 5, x2: x + 28, y2: y - 5, stroke: color, width: 3)
                svg.text(label, x: x + 36, y: y, fontSize: 13)
            case .dashedLine(let label, let color, let dash):
                svg.append(raw: "<line x1=\"\(x)\" y1=\"\(y - 5)\" x2=\"\(x + 28)\" y2=\"\(y - 5)\" stroke=\"\(SVGDocument.escape(color))\" stroke-width=\"2\" stroke-dasharray=\"\(SVGDocument.escape(dash))\"/>")
                svg.text(label, x: x + 36, y: y, fontSize: 13)
            case .swatch(let label, let color):
                svg.append(raw: "<rect x=\"\(x)\" y=\"\(y - 12)\" width=\"14\" height=\"14\" fill=\"\(color)\" fill-opacity=\"0.45\" stroke=\"\(color)\"/>")
                svg.text(label, x: x + 22, y: y, fontSize: 13)
            case .marker(let label, let shape, let fill, let stroke):
                svg.marker(shape, x: x + 14, y: y - 5, size: 10, fill: fill, stroke: stroke)
                svg.text(label, x: x + 36, y: y, fontSize: 13)
            case .text(let label, let fill):
                svg.text(label, x: x + 36, y: y, fontSize: 13, fill: fill)
            case .caption(let label, let fill):
                svg.text(label, x: x, y: y, fontSize: 11, fill: fill)
            }
            y += lineHeight
        }
    }
}
