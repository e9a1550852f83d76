import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import GravitationalWaves
import PulsarTiming
import TransitionHistory

struct PlotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "SVG overlay: h²Ω_GW(f) of benchmark points over the PTA free-spectrum violins.",
        discussion: """
        Each violin is one frequency bin's posterior density of log10 ρ_k, converted to h²Ω_GW = 8π⁴f⁵T_obs ρ²/(100 km/s/Mpc)²,
        width ∝ density (normalised per bin). Points without a spectrum (no percolation/completion) are listed in the legend.
        --format csv prints everything drawn: rows series,x_f_Hz,y_h2Omega,weight.
        """)

    @Option(help: "Comma-separated benchmark points, e.g. BP1,BP2,BP3,BP4.") var bp: String = "BP1,BP2,BP3,BP4"
    @Option(help: "Comma-separated data sets: ng15, ng15curn, epta, ppta.") var data: String = "ng15,epta"
    @Option(name: .shortAndLong, help: "Output SVG file (default overlay.svg); an existing regular file is replaced, devices/FIFOs/links are refused.") var output: String?
    @Option(help: "svg (default: writes --output) or csv (stdout).") var format: String = "svg"
    @Option(help: ArgumentHelp(TemplateKind.helpText)) var template: TemplateKind = .soundWaves
    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    func run() async throws {
        guard format == "svg" || format == "csv" else { throw UsageError("--format for plot must be svg or csv, got \(format)") }
        let resources = try ProjectResources.locate()
        let names = bp.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { throw UsageError("--bp needs at least one benchmark point") }
        let points = try names.map { try BenchmarkPoint.load(named: $0, from: resources) }
        let sets = try data.split(separator: ",").map { s -> FreeSpectrumData.Dataset in
            guard let c = DataChoice(rawValue: s.trimmingCharacters(in: .whitespaces)), c != .both else {
                throw UsageError("--data: unknown data set '\(s)'; allowed: ng15, ng15curn, epta, ppta")
            }
            return c.datasets[0]
        }
        guard !sets.isEmpty else { throw UsageError("--data needs at least one data set: ng15, ng15curn, epta, ppta") }
        guard format == "svg" || output == nil else { throw UsageError("-o/--output applies to --format svg; --format csv prints to stdout") }
        let output = self.output ?? "overlay.svg"
        // Fail before the transitions are computed, not after (and leave no empty file behind).
        if format == "svg" { try OutputFile.validate(output, option: "-o") }
        let tables = try sets.map { try FreeSpectrumData($0, resources: resources) }
        let potential = conventionOptions.conventions
        let transition = try transitionOptions.conventions()
        FileHandle.standardError.write("computing \(points.count) points …\n".data(using: .utf8)!)
        let results = try await withThrowingTaskGroup(of: (Int, TransitionResult).self) { group in
            for (i, p) in points.enumerated() {
                group.addTask {
                    let analysis = TransitionAnalysis(model: try p.model.make(vev: p.vev, lambda: p.lambda, gauge: p.gauge, yukawa: p.yukawa),
                                                      potentialConventions: potential, conventions: transition, resources: resources)
                    return (i, try analysis.run())
                }
            }
            var all = [(Int, TransitionResult)]()
            for try await r in group { all.append(r) }
            return all.sorted { $0.0 < $1.0 }
        }

        // Frame: f ∈ [1e-9, 1e-7] Hz, h²Ω ∈ [1e-12, 1e-5].
        let (xMin, xMax, yMin, yMax) = (-9.0, -7.0, -12.0, -5.0)
        var curves = [(label: String, color: String, points: [(Double, Double)])]()
        var missing = [String]()
        let colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
        for (i, r) in results {
            let name = points[i].name
            guard let source = r.gravitationalWaveSource(wallVelocity: transition.wallVelocity), let a = r.alpha, let hr = r.hubbleRadius else {
                missing.append("\(name): no spectrum (\(r.percolationTemperature == nil ? "no percolation" : "does not complete"))")
                continue
            }
            printNote(templateValidityNote(template, alpha: a).map { "\(name): " + $0 })
            let t = template.template(for: source)
            let pts = (0...200).map { k -> (Double, Double) in
                let lf = xMin + (xMax - xMin) * Double(k) / 200
                return (lf, log10(t.energyDensity(frequency: pow(10, lf))))
            }
            curves.append((String(format: "%@: T_p = %.3g MeV, α = %.3g, H*R* = %.3g", name, r.percolationTemperature! * 1000, a, hr), colors[i % colors.count], pts))
        }
        // Violins.
        struct Violin { let dataset: String; let bin: Int; let logF: Double; let samples: [(y: Double, w: Double)] }
        var violins = [Violin]()
        let h0 = PTALikelihood.hundredKmPerSecPerMpc
        for (ds, d) in zip(sets, tables) {
            for k in 0..<min(ds.defaultBins, d.frequencies.count) {
                let f = d.frequencies[k]
                let offset = log10(8 * pow(Double.pi, 4) * pow(f, 5) * d.observationTime / (h0 * h0))
                var samples = [(Double, Double)]()
                let maxLnP = d.logDensity[k].max() ?? 0
                var j = 0
                while j < d.gridCount {
                    let lnp = d.logDensity[k][j]
                    let y = 2 * (d.gridStart + Double(j) * d.gridStep) + offset
                    if lnp - maxLnP > log(1e-3), y >= yMin, y <= yMax { samples.append((y, exp(lnp - maxLnP))) }
                    j += 4
                }
                if !samples.isEmpty { violins.append(Violin(dataset: ds.label, bin: k + 1, logF: log10(f), samples: samples)) }
            }
        }

        if format == "csv" {
            var lines = ["series,x_f_Hz,y_h2Omega,weight"]
            for c in curves { for (x, y) in c.points { lines.append("\"\(c.label)\",\(pow(10, x)),\(pow(10, y)),") } }
            for v in violins { for s in v.samples { lines.append("\"\(v.dataset) bin \(v.bin)\",\(pow(10, v.logF)),\(pow(10, s.y)),\(s.w)") } }
            try FiniteText.print(lines, "the plot CSV")
            return
        }

        // SVG.
        let (W, H) = (900.0, 620.0), (left, right, top, bottom) = (90.0, 30.0, 40.0, 150.0)
        func px(_ lx: Double) -> Double { left + (lx - xMin) / (xMax - xMin) * (W - left - right) }
        func py(_ ly: Double) -> Double { top + (yMax - ly) / (yMax - yMin) * (H - top - bottom) }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(W))" height="\(Int(H))" viewBox="0 0 \(Int(W)) \(Int(H))" font-family="Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        <clipPath id="frame"><rect x="\(left)" y="\(top)" width="\(W - left - right)" height="\(H - top - bottom)"/></clipPath>

        """
        let violinColors = ["NANOGrav 15-yr": "#7f7f7f", "NANOGrav 15-yr (CURN)": "#bcbd22", "EPTA DR2new": "#17becf", "PPTA DR3": "#e377c2"]
        svg += "<g clip-path=\"url(#frame)\">\n"
        for v in violins {
            let color = violinColors[v.dataset] ?? "#999999"
            // Half-width: 40 % of the gap to the next bin in log f (f_k = k/T_obs), so neighbours do not overlap.
            let halfWidth = 0.4 * log10(Double(v.bin + 1) / Double(v.bin))
            let shift = 0.0
            let right = v.samples.map { String(format: "%.2f,%.2f", px(v.logF + shift + halfWidth * $0.w), py($0.y)) }
            let leftSide = v.samples.reversed().map { String(format: "%.2f,%.2f", px(v.logF + shift - halfWidth * $0.w), py($0.y)) }
            svg += "<polygon points=\"\((right + leftSide).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.45\" stroke=\"\(color)\" stroke-width=\"0.6\"/>\n"
        }
        for c in curves {
            let d = c.points.enumerated().map { String(format: "%@%.2f,%.2f", $0.offset == 0 ? "M" : "L", px($0.element.0), py(max(min($0.element.1, yMax + 1), yMin - 1))) }.joined()
            svg += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(c.color)\" stroke-width=\"2.2\"/>\n"
        }
        svg += "</g>\n"
        // Axes, ticks, labels.
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(W - left - right)\" height=\"\(H - top - bottom)\" fill=\"none\" stroke=\"black\"/>\n"
        for e in Int(xMin)...Int(xMax) {
            let x = px(Double(e))
            svg += "<line x1=\"\(x)\" y1=\"\(H - bottom)\" x2=\"\(x)\" y2=\"\(H - bottom - 8)\" stroke=\"black\"/>"
            svg += "<text x=\"\(x)\" y=\"\(H - bottom + 22)\" font-size=\"15\" text-anchor=\"middle\">10<tspan dy=\"-7\" font-size=\"11\">\(e)</tspan></text>\n"
            if e < Int(xMax) {
                for m in 2...9 {
                    let xm = px(Double(e) + log10(Double(m)))
                    svg += "<line x1=\"\(xm)\" y1=\"\(H - bottom)\" x2=\"\(xm)\" y2=\"\(H - bottom - 4)\" stroke=\"black\"/>"
                }
            }
        }
        for e in Int(yMin)...Int(yMax) {
            let y = py(Double(e))
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + 8)\" y2=\"\(y)\" stroke=\"black\"/>"
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(W - right)\" y2=\"\(y)\" stroke=\"#dddddd\" stroke-width=\"0.6\"/>"
            svg += "<text x=\"\(left - 10)\" y=\"\(y + 5)\" font-size=\"15\" text-anchor=\"end\">10<tspan dy=\"-7\" font-size=\"11\">\(e)</tspan></text>\n"
        }
        svg += "<text x=\"\((left + W - right) / 2)\" y=\"\(H - bottom + 48)\" font-size=\"16\" text-anchor=\"middle\">f [Hz]</text>\n"
        svg += "<text x=\"24\" y=\"\((top + H - bottom) / 2)\" font-size=\"16\" text-anchor=\"middle\" transform=\"rotate(-90 24 \((top + H - bottom) / 2))\">h² Ω<tspan dy=\"4\" font-size=\"11\">GW</tspan></text>\n"
        svg += "<text x=\"\(left)\" y=\"18\" font-size=\"15\">Supercool: dark U(1) benchmark points vs PTA free spectra</text>\n"
        svg += "<text x=\"\(left)\" y=\"34\" font-size=\"12\" fill=\"#333333\">GW template: \(xmlEscape(template.shortDescription))</text>\n"
        // Legend below the frame.
        var ly = H - bottom + 72
        for c in curves {
            svg += "<line x1=\"\(left)\" y1=\"\(ly - 5)\" x2=\"\(left + 28)\" y2=\"\(ly - 5)\" stroke=\"\(c.color)\" stroke-width=\"3\"/>"
            svg += "<text x=\"\(left + 36)\" y=\"\(ly)\" font-size=\"13\">\(xmlEscape(c.label))</text>\n"
            ly += 18
        }
        for m in missing { svg += "<text x=\"\(left + 36)\" y=\"\(ly)\" font-size=\"13\" fill=\"#555555\">\(xmlEscape(m))</text>\n"; ly += 18 }
        let lx = W / 2 + 60
        var vy = H - bottom + 72
        for ds in sets {
            let color = violinColors[ds.label] ?? "#999999"
            svg += "<rect x=\"\(lx)\" y=\"\(vy - 12)\" width=\"14\" height=\"14\" fill=\"\(color)\" fill-opacity=\"0.45\" stroke=\"\(color)\"/>"
            svg += "<text x=\"\(lx + 22)\" y=\"\(vy)\" font-size=\"13\">\(xmlEscape(ds.shortCitation))</text>\n"
            vy += 18
        }
        svg += "<text x=\"\(lx)\" y=\"\(vy)\" font-size=\"11\" fill=\"#555555\">violins: ceffyl KDE densities (2303.15442), first \(sets.map { "\($0.defaultBins)" }.joined(separator: "/")) bins</text>\n"
        svg += "</svg>\n"
        try FiniteText.check(svg, "the SVG")
        try OutputFile.write(svg, to: output, option: "-o")
        print("wrote \(output) (\(curves.count) spectra, \(violins.count) violins\(missing.isEmpty ? "" : "; " + missing.joined(separator: "; ")))")
    }
}

extension FreeSpectrumData.Dataset {
    var shortCitation: String {
        switch self {
        case .ng15: return "NANOGrav 15-yr HD (arXiv:2306.16213)"
        case .ng15CURN: return "NANOGrav 15-yr CURN (arXiv:2306.16213)"
        case .epta: return "EPTA DR2new HD (arXiv:2306.16214)"
        case .ppta: return "PPTA DR3 HD (arXiv:2306.16215)"
        }
    }
}

func xmlEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
