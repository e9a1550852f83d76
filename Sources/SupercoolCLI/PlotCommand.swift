import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import GravitationalWaves
import PulsarTiming
import SupercoolPlot
import TransitionHistory

struct PlotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "SVG overlay: h²Ω_GW(f) of benchmark points over the PTA free-spectrum violins.",
        discussion: """
        Each violin is one frequency bin's posterior density of log10 ρ_k, converted to h²Ω_GW = 8π⁴f⁵T_obs ρ²/(100 km/s/Mpc)²,
        width ∝ density (normalised per bin). Points without a spectrum (no percolation/completion) are listed in the legend.
        --format csv prints everything drawn (to -o if given, else stdout): rows series,x_f_Hz,y_h2Omega,weight.
        """)

    @Option(help: "Comma-separated benchmark points, e.g. BP1,BP2,BP3,BP4.") var bp: String = "BP1,BP2,BP3,BP4"
    @Option(help: "Comma-separated data sets: ng15, ng15curn, epta, ppta.") var data: String = "ng15,epta"
    @Option(name: .shortAndLong, help: "Output file: the SVG (default overlay.svg) or, with --format csv, the CSV (default: stdout); an existing regular file is replaced, devices/FIFOs/links are refused.") var output: String?
    @Option(help: "svg (default: writes --output) or csv (to --output if given, else stdout).") var format: String = "svg"
    @Option(help: ArgumentHelp(TemplateKind.helpText)) var template: TemplateKind = .soundWaves
    @Flag(help: "Also draw each point's separate sources, dashed: collision / sound waves / turbulence (--template budget) or sound waves / turbulence (sw+turb).")
    var components = false
    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    func run() async throws {
        guard format == "svg" || format == "csv" else { throw UsageError("--format for plot must be svg or csv, got \(format)") }
        guard !components || template == .budget || template == .soundWavesAndTurbulence else {
            throw UsageError("--components applies to --template budget or sw+turb (sums of sources), got \(template.rawValue)")
        }
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
        // SVG goes to -o (default overlay.svg); CSV to -o when given, else to stdout.
        let output = self.output ?? "overlay.svg"
        // Fail before the transitions are computed, not after (and leave no empty file behind).
        if format == "svg" || self.output != nil { try OutputFile.validate(output, option: "-o") }
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
        var curves = [(label: String, color: String, dash: String?, points: [(x: Double, y: Double)])]()
        // Dash patterns of the separate sources (--components), by their position in the template's components.
        let componentStyles: [(label: String, dash: String)] = template == .budget
            ? [("collision", "2,3"), ("sound waves", "8,4"), ("turbulence", "12,3,2,3")]
            : [("sound waves", "8,4"), ("turbulence", "12,3,2,3")]
        var missing = [String]()
        let colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
        for (i, r) in results {
            let name = points[i].name
            guard let source = r.gravitationalWaveSource(wallVelocity: transition.wallVelocity), let a = r.alpha, let hr = r.hubbleRadius else {
                missing.append("\(name): no spectrum (\(r.percolationTemperature == nil ? "no percolation" : "does not complete"))")
                continue
            }
            if template.usesEnergySplit && source.energySplit == nil {
                missing.append("\(name): no energy budget (\(r.wallDynamicsNote ?? "wall dynamics not computed"))")
                continue
            }
            printNote(templateValidityNote(template, alpha: a).map { "\(name): " + $0 })
            let t = template.template(for: source)
            func sampled(_ t: any GWTemplate) -> [(x: Double, y: Double)] {
                (0...200).map { k -> (x: Double, y: Double) in
                    let lf = xMin + (xMax - xMin) * Double(k) / 200
                    return (lf, log10(t.energyDensity(frequency: pow(10, lf))))
                }
            }
            let color = colors[i % colors.count]
            let budgetNote = (t as? EnergyBudgetTemplate).map { String(format: ", κ_col = %.1g", $0.split.kappaCollision) } ?? ""
            curves.append((String(format: "%@: T_p = %.3g MeV, α = %.3g, H*R* = %.3g", name, r.percolationTemperature! * 1000, a, hr) + budgetNote,
                           color, nil, sampled(t)))
            if components {
                for (part, style) in zip(t.components, componentStyles) {
                    curves.append(("\(name) \(style.label)", color, style.dash, sampled(part)))
                }
            }
        }
        let violins = ptaViolins(sets: sets, tables: tables, range: yMin...yMax)

        if format == "csv" {
            var lines = ["series,x_f_Hz,y_h2Omega,weight"]
            for c in curves { for (x, y) in c.points { lines.append("\"\(c.label)\",\(pow(10, x)),\(pow(10, y)),") } }
            for v in violins { for s in v.violin.samples { lines.append("\"\(v.dataset) bin \(v.violin.bin)\",\(pow(10, log10(v.violin.frequency))),\(pow(10, s.log10H2Omega)),\(s.weight)") } }
            guard self.output != nil else { try FiniteText.print(lines, "the plot CSV"); return }
            let text = lines.joined(separator: "\n") + "\n"
            try FiniteText.check(text, "the plot CSV")
            try OutputFile.write(text, to: output, option: "-o")
            print("wrote \(output) (\(lines.count - 1) rows: \(curves.count) curves, \(violins.count) violins)")
            return
        }

        // SVG.
        // Room below the frame for the legends (one more line per component style).
        let extra = components ? 18.0 * Double(componentStyles.count + 1) : 0
        let frame = PlotFrame(width: 900, height: 620 + extra, left: 90, right: 30, top: 40, bottom: 150 + extra,
                              x: LogAxis(log10From: xMin, to: xMax), y: LogAxis(log10From: yMin, to: yMax))
        var svg = SVGDocument(width: frame.width, height: frame.height)
        svg.defineClip(id: "frame", to: frame)
        svg.beginGroup(clipPath: "frame")
        drawViolins(violins, into: &svg, frame: frame)
        for c in curves { svg.line(through: c.points, in: frame, stroke: c.color, width: c.dash == nil ? 2.2 : 1.6, dash: c.dash) }
        svg.endGroup()
        svg.logAxes(frame)
        let (W, H, left, right, top, bottom) = (frame.width, frame.height, frame.left, frame.right, frame.top, frame.bottom)
        svg.text("f [Hz]", x: (left + W - right) / 2, y: H - bottom + 48, fontSize: 16, anchor: .middle)
        svg.text("h² Ω<tspan dy=\"4\" font-size=\"11\">GW</tspan>", x: 24, y: (top + H - bottom) / 2, fontSize: 16, anchor: .middle, rotation: -90, markup: true)
        svg.text("Supercool: dark U(1) benchmark points vs PTA free spectra", x: left, y: 18, fontSize: 15)
        svg.text("GW template: \(template.shortDescription)", x: left, y: 34, fontSize: 12, fill: "#333333")
        // Legends below the frame: spectra (and points without one) on the left, data sets on the right.
        Legend(x: left, y: H - bottom + 72, entries: curves.filter { $0.dash == nil }.map { .line(label: $0.label, color: $0.color) }
                   + missing.map { .text($0, fill: "#555555") })
            .draw(into: &svg)
        // The budget's labels carry κ_col: the data legend moves right to make room.
        Legend(x: W / 2 + (template == .budget ? 115 : 60), y: H - bottom + 72,
               entries: sets.map { .swatch(label: $0.shortCitation, color: violinColors[$0.label] ?? "#999999") }
                   + [.caption("violins: ceffyl KDE densities (2303.15442), first \(sets.map { "\($0.defaultBins)" }.joined(separator: "/")) bins", fill: "#555555")]
                   + (components ? [.caption("each point's sources, in its colour:", fill: "#555555")]
                                   + componentStyles.map { .dashedLine(label: $0.label, color: "#555555", dash: $0.dash) } : []))
            .draw(into: &svg)
        let document = svg.rendered
        try FiniteText.check(document, "the SVG")
        try OutputFile.write(document, to: output, option: "-o")
        print("wrote \(output) (\(curves.filter { $0.dash == nil }.count) spectra\(components ? " with their sources" : ""), \(violins.count) violins\(missing.isEmpty ? "" : "; " + missing.joined(separator: "; ")))")
    }
}

/// Each data set's first default bins as violins of log10 h²Ω inside `range` (`plot`, `infer --predictive`).
func ptaViolins(sets: [FreeSpectrumData.Dataset], tables: [FreeSpectrumData], range: ClosedRange<Double>) -> [(dataset: String, violin: FreeSpectrumViolin)] {
    zip(sets, tables).flatMap { ds, d in d.violins(bins: ds.defaultBins, range: range).map { (dataset: ds.label, violin: $0) } }
}

/// Violin colour per data set label.
let violinColors = ["NANOGrav 15-yr": "#7f7f7f", "NANOGrav 15-yr (CURN)": "#bcbd22", "EPTA DR2new": "#17becf", "PPTA DR3": "#e377c2"]

/// Draws the violins; half-width 40 % of the gap to the next bin in log f (f_k = k/T_obs), so neighbours do not overlap.
func drawViolins(_ violins: [(dataset: String, violin: FreeSpectrumViolin)], into svg: inout SVGDocument, frame: PlotFrame) {
    for v in violins {
        svg.violin(center: log10(v.violin.frequency), halfWidth: 0.4 * log10(Double(v.violin.bin + 1) / Double(v.violin.bin)),
                   samples: v.violin.samples.map { ViolinSample(log10Y: $0.log10H2Omega, weight: $0.weight) }, in: frame,
                   color: violinColors[v.dataset] ?? "#999999")
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
