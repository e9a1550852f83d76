import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SupercoolPlot

/// Scaled axes (linear, log, signed log), the viridis map, colour bars, polygons and markers.
@Suite struct MapPrimitivesTests {
    @Test("Scales: transform and inverse round-trip; symlog is odd, linear near 0, logarithmic far out")
    func scales() {
        for scale in [AxisScale.linear, .log, .symlog(threshold: 1e-4)] {
            for x in [1e-6, 3e-4, 0.02, 0.7, 5.0] {
                #expect(abs(scale.inverse(scale.transform(x)) / x - 1) < 1e-12, "\(scale) \(x)")
            }
        }
        let s = AxisScale.symlog(threshold: 1e-3)
        #expect(s.transform(0) == 0)
        #expect(s.transform(-0.5) == -s.transform(0.5))
        #expect(abs(s.transform(1e-6) - 1e-3 / log(10)) < 1e-6)   // ≈ x/(c ln 10) within the threshold
        #expect(abs(s.transform(10) - s.transform(1) - 1) < 1e-3)   // one decade apart far out
    }

    @Test("Linear ticks: nice steps inside the axis, plain or scientific labels with typographic minus")
    func linearTicks() {
        let axis = ScaledAxis(scale: .linear, lower: -3e-3, upper: 3e-3)
        let ticks = axis.ticks
        #expect(ticks.count >= 4 && ticks.count <= 8)
        #expect(ticks.allSatisfy { $0.value >= -3e-3 - 1e-15 && $0.value <= 3e-3 + 1e-15 })
        #expect(ticks.contains { $0.label == "0" })
        #expect(ticks.first!.label!.hasPrefix("−"))
        let plain = ScaledAxis(scale: .linear, lower: 0, upper: 1).ticks.map(\.label!)
        #expect(plain == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("Log and symlog ticks: decades labelled; symlog has 0 and both signs")
    func logTicks() {
        let log = ScaledAxis(scale: .log, lower: 1e-3, upper: 3e-2).ticks
        #expect(log.filter(\.major).map(\.value).map { log10($0).rounded() } == [-3, -2])
        let sym = ScaledAxis(scale: .symlog(threshold: 1e-4), lower: -1, upper: 1e-2).ticks
        #expect(sym.map(\.value) == [-1, -0.1, -0.01, -1e-3, -1e-4, 0, 1e-4, 1e-3, 1e-2].map { $0 })
        #expect(sym.first!.label!.hasPrefix("−10"))
        #expect(sym.filter { !$0.major }.map(\.value) == [-1e-4, 1e-4], "±threshold unlabelled, next to 0")
    }

    @Test("Frame: data values map to the plotting area (y grows downwards)")
    func frame() {
        let f = MapFrame(width: 500, height: 400, left: 50, right: 50, top: 20, bottom: 80,
                         x: ScaledAxis(scale: .log, lower: 1e-3, upper: 1e-1), y: ScaledAxis(scale: .linear, lower: -1, upper: 1))
        #expect(abs(f.x(1e-3) - 50) < 1e-9 && abs(f.x(1e-2) - 250) < 1e-9 && abs(f.x(1e-1) - 450) < 1e-9)
        #expect(abs(f.y(1) - 20) < 1e-9 && abs(f.y(-1) - 320) < 1e-9 && abs(f.y(0) - 170) < 1e-9)
    }

    @Test("Viridis: matplotlib's end points and middle, clamped outside [0, 1]")
    func viridis() {
        #expect(ColorMap.viridis.hex(0) == "#440154")
        #expect(ColorMap.viridis.hex(1) == "#fde725")
        #expect(ColorMap.viridis.hex(0.5) == "#21918c")   // matplotlib viridis(0.5)
        #expect(ColorMap.viridis.hex(-3) == "#440154" && ColorMap.viridis.hex(7) == "#fde725" && ColorMap.viridis.hex(.nan) == "#440154")
        // Monotone in lightness proxy (green channel rises throughout).
        let g = stride(from: 0.0, through: 1, by: 0.05).map { ColorMap.viridis.rgb($0).g }
        #expect(zip(g, g.dropFirst()).allSatisfy { $0 < $1 })
    }

    static func parse(_ text: String) -> (ok: Bool, elements: [String: Int], classes: [String: Int]) {
        final class Counter: NSObject, XMLParserDelegate {
            var elements = [String: Int](), classes = [String: Int]()
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                elements[name, default: 0] += 1
                if let c = attributes["class"] { classes[c, default: 0] += 1 }
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        return (parser.parse(), counter.elements, counter.classes)
    }

    @Test("A map document: cells, polygon band, every marker shape, colour bar, legend; well-formed XML without NaN")
    func document() {
        let f = MapFrame(width: 800, height: 500, left: 80, right: 260, top: 60, bottom: 60,
                         x: ScaledAxis(scale: .log, lower: 0.01, upper: 100), y: ScaledAxis(scale: .symlog(threshold: 1e-4), lower: -1, upper: 1e-2))
        var svg = SVGDocument(width: 800, height: 500)
        for i in 0..<6 { for j in 0..<5 { svg.rect(x: 80 + Double(i) * 10, y: 60 + Double(j) * 10, width: 10, height: 10, fill: ColorMap.viridis.hex(Double(i * j) / 20), cssClass: "cell") } }
        svg.rect(x: .nan, y: 0, width: 1, height: 1, fill: "red", cssClass: "cell")   // dropped
        svg.polygon([(x: 100, y: 100), (x: 200, y: 100), (x: 150, y: .nan), (x: 150, y: 200)], fill: "#2ca02c", fillOpacity: 0.2)
        svg.polyline([(x: 1, y: 1), (x: 2, y: .infinity), (x: 3, y: 3), (x: 4, y: 4)], stroke: "black", width: 1, dash: "4 2")
        for (k, shape) in MarkerShape.allCases.enumerated() { svg.marker(shape, x: 300 + Double(k) * 12, y: 300, size: 8, fill: "red", cssClass: "m") }
        svg.axes(f, xTitle: "v [GeV]", yTitle: "g/g<tspan dy=\"4\">roll</tspan> − 1")
        svg.colorBar(map: .viridis, axis: ScaledAxis(scale: .log, lower: 1, upper: 1000), x: 560, y: 60, width: 18, height: 380, title: "T_p [MeV]", stripes: 50)
        Legend(x: 640, y: 80, entries: [.marker(label: "no_percolation (3)", shape: .cross, fill: "purple", stroke: "purple")]).draw(into: &svg)
        let text = svg.rendered
        let parsed = Self.parse(text)
        #expect(parsed.ok)
        #expect(parsed.classes["cell"] == 30)
        #expect(parsed.elements["polygon"]! >= 1 + 4)   // band + diamond, triangles, star
        #expect(parsed.elements["rect"]! >= 30 + 50 + 1)   // cells, bar stripes, bar border
        #expect(!text.lowercased().contains("nan") && !text.lowercased().contains("inf"))
        let path = text.components(separatedBy: "<path d=\"")[1].components(separatedBy: "\"")[0]
        #expect(path.filter { $0 == "M" }.count == 2, "the infinite point splits the line")
    }
}
