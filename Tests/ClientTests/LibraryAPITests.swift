import Testing
import Foundation
import Supercool

/// What moved out of the command-line tool is reachable with `import Supercool` alone.
@Suite struct LibraryAPITests {
    @Test func fitScanVacuaConventionsAndPlots() async throws {
        let resources = try ProjectResources.locate()
        // Polynomial vacua: V = φ²/2 − 0.6φ³ + 0.12φ⁴, true vacuum at the larger root of 0.48φ² − 1.8φ + 1.
        let V = PolynomialPotential(coefficients: [0, 0, 0.5, -0.6, 0.12])
        #expect(abs(try PolynomialVacua.globalMinimum(of: V, falseVacuum: 0) - (1.8 + (1.8 * 1.8 - 1.92).squareRoot()) / 0.96) < 1e-12)

        // PTA fit with the SMBHB amplitude profiled, and a 2 × 2 × 2 scan.
        let fit = PTAFit(likelihoods: [try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: resources))],
                         template: .soundWaves, withSMBHB: true)
        let source = GWSource(temperature: 0.05, degreesOfFreedom: 20, alpha: 1, hubbleRadius: 0.1, wallVelocity: 1)
        let e = fit.evaluate(source)
        #expect(e.lnL.isFinite && e.deltaVersusSMBHB >= -1e-9 && e.smbhbLog10A?.count == 1)
        let best = await PTAGridScan(pointsPerAxis: 2, wallVelocity: 1, degreesOfFreedom: { _ in 20 }).best(fit)
        #expect(best.lnL.isFinite)

        // Convention matrix and calibration.
        #expect(ConventionVariant.matrix(potential: .default, transition: .default).count == 15)
        guard case .calibrated(let c) = ParameterCalibration.solve(target: 1, in: 0...2, { (value: $0, payload: 0) }) else {
            Issue.record("no bracket"); return
        }
        #expect(abs(c.x - 1) < 1e-7)

        // A plot.
        let frame = PlotFrame(width: 400, height: 300, left: 50, right: 10, top: 10, bottom: 40,
                              x: LogAxis(log10From: -9, to: -7), y: LogAxis(log10From: -12, to: -6))
        var svg = SVGDocument(width: frame.width, height: frame.height)
        svg.logAxes(frame)
        svg.line(through: [(-9, -10), (-8, -8)], in: frame, stroke: "black", width: 1)
        Legend(x: 60, y: 290, entries: [.line(label: "x", color: "black")]).draw(into: &svg)
        #expect(svg.rendered.hasSuffix("</svg>\n"))
        let violins = try FreeSpectrumData(.ng15, resources: resources).violins(bins: 3, range: -12...(-6))
        #expect(violins.count == 3)
    }
}
