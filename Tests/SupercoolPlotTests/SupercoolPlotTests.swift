import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SupercoolPlot

/// Tick placement on log axes, coordinate mapping, and that every document parses as XML and holds no NaN.
@Suite struct SupercoolPlotTests {
    static let frame = PlotFrame(width: 900, height: 620, left: 90, right: 30, top: 40, bottom: 150,
                                 x: LogAxis(log10From: -9, to: -7), y: LogAxis(log10From: -12, to: -5))

    /// Decades and 2…9 × 10^e inside the axis, ascending; none outside; majors exactly at the integers.
    @Test func logAxisTicks() {
        let axis = LogAxis(log10From: -9, to: -7)
        #expect(axis.decades == [-9, -8, -7])
        let minors = axis.ticks.filter { $0.exponent == nil }.map(\.log10Value)
        #expect(minors.count == 16)   // 2…9 in each of the two decades, none above 10^-7
        #expect(minors.allSatisfy { $0 > -9 && $0 < -7 })
        let values = axis.ticks.map(\.log10Value)
        #expect(values == values.sorted())
        // 3 × 10^-9: log10(3) above the decade.
        #expect(minors.contains { abs($0 - (-9 + log10(3.0))) < 1e-15 })
        // A non-integer range: majors only at the decades inside, minors from the partial decades at both ends.
        let partial = LogAxis(log10From: -2.5, to: 0.5)
        #expect(partial.decades == [-2, -1, 0])
        let pm = partial.ticks.filter { $0.exponent == nil }.map(\.log10Value)
        #expect(pm.contains { abs($0 - log10(5e-3)) < 1e-12 })   // 5e-3 > 10^-2.5 ≈ 3.2e-3
        #expect(!pm.contains { abs($0 - log10(3e-3)) < 1e-12 })  // 3e-3 < 10^-2.5: outside
        #expect(pm.contains { abs($0 - log10(3.0)) < 1e-12 })    // 3 < 10^0.5 ≈ 3.16
        #expect(!pm.contains { abs($0 - log10(4.0)) < 1e-12 })
    }

    /// Ends of the axes map to the frame's edges; y grows downwards.
    @Test func coordinates() {
        let f = Self.frame
        #expect(f.x(-9) == 90 && f.x(-7) == 870)
        #expect(f.y(-5) == 40 && f.y(-12) == 470)
        #expect(abs(f.x(-8) - 480) < 1e-12)
        #expect(f.plotWidth == 780 && f.plotHeight == 430)
    }

    func document() -> SVGDocument {
        let f = Self.frame
        var svg = SVGDocument(width: f.width, height: f.height)
        svg.defineClip(id: "frame", to: f)
        svg.beginGroup(clipPath: "frame")
        svg.violin(center: -8.5, halfWidth: 0.1, samples: [ViolinSample(log10Y: -9, weight: 0.2), ViolinSample(log10Y: -8, weight: 1),
                                                           ViolinSample(log10Y: .nan, weight: 1), ViolinSample(log10Y: -7, weight: 0.3)],
                   in: f, color: "#7f7f7f")
        let points = (0...50).map { k -> (x: Double, y: Double) in
            let x = -9 + 2 * Double(k) / 50
            return (x, k == 20 ? .nan : (k == 30 ? -.infinity : -8 - (x + 8) * (x + 8)))
        }
        svg.line(through: points, in: f, stroke: "#d62728", width: 2.2)
        svg.endGroup()
        svg.logAxes(f)
        svg.text("a < b & \"c\"", x: 24, y: 18.5, fontSize: 15, anchor: .middle, rotation: -90)
        Legend(x: 90, y: 542, entries: [.line(label: "BP1 <α>", color: "#d62728"), .text("BP2: no spectrum", fill: "#555555"),
                                        .swatch(label: "PTA & co", color: "#17becf"), .caption("violins", fill: "#555555")])
            .draw(into: &svg)
        return svg
    }

    /// The document parses as XML (escaping works), holds no NaN/inf, and NaN points split the curve.
    @Test func wellFormedAndFinite() throws {
        let text = document().rendered
        final class Counter: NSObject, XMLParserDelegate {
            var elements = [String: Int]()
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                elements[name, default: 0] += 1
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.elements["svg"] == 1 && counter.elements["polygon"] == 1 && counter.elements["path"] == 1)
        #expect(counter.elements["text"] == 3 + 8 + 1 + 4)   // x labels, y labels, the rotated text, legend
        let lower = text.lowercased()
        #expect(!lower.contains("nan") && !lower.contains("inf"))
        // The NaN point at k = 20 starts a second piece; −∞ is clamped to one decade below the frame.
        let path = text.components(separatedBy: "<path d=\"")[1].components(separatedBy: "\"")[0]
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(path.contains(String(format: "%.2f", Self.frame.y(-13))))
        #expect(text.contains("transform=\"rotate(-90 24 18.5)\"") && text.contains("a &lt; b &amp; &quot;c&quot;"))
    }
}
