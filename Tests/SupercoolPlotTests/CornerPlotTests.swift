import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SupercoolPlot

@Suite struct CornerPlotTests {
    @Test("Highest-density thresholds: the densest cells holding 68 % and 95 % of the weight")
    func thresholds() {
        // Total 10: 5 + 3 = 8 ≥ 6.8 → 3; 5 + 3 + 1 + 1 = 10 ≥ 9.5 → 1.
        #expect(CornerPlot.thresholds([1, 5, 0, 3, 1], levels: [0.68, 0.95]) == [3, 1])
        // Smoothing keeps a uniform histogram uniform and spreads a spike over its 3×3 neighbourhood.
        #expect(CornerPlot.smoothed([Double](repeating: 2, count: 25), bins: 5).allSatisfy { abs($0 - 2) < 1e-12 })
        var spike = [Double](repeating: 0, count: 25); spike[12] = 16
        let s = CornerPlot.smoothed(spike, bins: 5)
        #expect(s[12] == 4 && s[7] == 2 && s[6] == 1 && s[0] == 0)
    }

    @Test("A Gaussian posterior: well-formed SVG, one panel per pair, quantiles at the right places; bad input refused")
    func gaussian() throws {
        // Deterministic pseudo-Gaussian samples: a fine grid weighted by the density.
        var samples = [[Double]](), weights = [Double]()
        for i in 0..<60 { for j in 0..<60 {
            let x = -3 + 6 * Double(i) / 59, y = 1 + 0.5 * (-3 + 6 * Double(j) / 59)
            samples.append([x, y]); weights.append(exp(-0.5 * (x * x + pow((y - 1) / 0.5, 2))))
        } }
        let plot = try CornerPlot(labels: ["x", "y"], samples: samples, weights: weights, marked: [0, 1])
        #expect(abs(plot.quantile(0, 0.5)) < 0.06 && abs(plot.quantile(1, 0.5) - 1) < 0.03)
        #expect(abs(plot.quantile(0, 0.84) - 1) < 0.12)
        let svg = plot.svg(title: "t", subtitle: "s")
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(svg.components(separatedBy: "fill=\"none\" stroke=\"black\"/>").count - 1 == 3, "three panels for two parameters")
        #expect(throws: CornerPlot.Invalid.self) { try CornerPlot(labels: ["x"], samples: [[.nan]], weights: [1]) }
        #expect(throws: CornerPlot.Invalid.self) { try CornerPlot(labels: ["x"], samples: [[1]], weights: [0]) }
        #expect(throws: CornerPlot.Invalid.self) { try CornerPlot(labels: [], samples: [], weights: []) }
    }
}
