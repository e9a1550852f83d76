import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import GravitationalWaves
import NestedSampling
import PTAInference
import PulsarTiming
import SupercoolPlot
import TransitionHistory

struct PlotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "SVG overlay: h²Ω_GW(f) of benchmark points (or given T_p, α, H*R*) over the PTA free-spectrum violins.",
        discussion: """
        Each violin is one frequency bin's posterior density of log10 ρ_k, converted to h²Ω_GW = 8π⁴f⁵T_obs ρ²/(100 km/s/Mpc)²,
        width ∝ density (normalised per bin). Points without a spectrum (no percolation/completion) are listed in the legend.
        --format csv prints everything drawn (to -o if given, else stdout): rows series,x_f_Hz,y_h2Omega,weight.
        --points FILE draws given (T_p, α, H*R*) (CSV header: Tp_GeV,alpha,HR and optionally label,gstar,vw); --published draws \
        the --bp points' published T_p, α, H*R* instead of computing them; --smbhb adds the γ = 13/3 SMBHB band (median and \
        68 % of log10 A from Supercool's own nested-sampling posterior on NANOGrav 15-yr HD, 14 bins, seed 1).
        """)

    @Option(help: "Comma-separated benchmark points, e.g. BP1,BP2,BP3,BP4 (default: these four, or none with --points).") var bp: String?
    @Option(help: "CSV of points to draw directly: header Tp_GeV,alpha,HR (required), label, gstar, vw (optional); T* = T_p(1 + α)^{1/4}, g* default g*_SM(T*) + 4.")
    var points: String?
    @Flag(help: "Draw the --bp points' published T_p, α, H*R* (BenchmarkPoints/) as direct-mode spectra instead of computing the transitions.")
    var published = false
    @Flag(help: "Add the SMBHB reference: the γ = 13/3 power law at the median and 68 % interval of log10 A from `infer --model smbhb` on NG15 HD (14 bins, seed 1).")
    var smbhb = false
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
        let names = (bp ?? (self.points == nil ? "BP1,BP2,BP3,BP4" : "")).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !names.isEmpty || self.points != nil else { throw UsageError("--bp needs at least one benchmark point") }
        let benchmarks = try names.map { try BenchmarkPoint.load(named: $0, from: resources) }
        // Given points: the CSV's, then (with --published) the benchmark table's own values, which replace the computation.
        var given = try self.points.map { try GivenPoint.readCSV($0) } ?? []
        var missing = [String]()
        if published {
            guard !benchmarks.isEmpty else { throw UsageError("--published draws the --bp points' published values: name at least one with --bp") }
            for b in benchmarks {
                guard let tp = b.published?.Tp_MeV, let a = b.published?.alpha, let hr = b.published?.HR else {
                    missing.append("\(b.name): no published T_p, α, H*R*")
                    continue
                }
                given.append(GivenPoint(label: "\(b.name) (published)", percolationTemperature: tp / 1000, alpha: a, hubbleRadius: hr, gStar: nil, wallVelocity: nil))
            }
        }
        if template.usesEnergySplit && !given.isEmpty {
            throw UsageError("--template budget needs each point's energy split (its walls): --points and --published give only T_p, α, H*R*")
        }
        let points = published ? [] : benchmarks
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
        if !points.isEmpty { FileHandle.standardError.write("computing \(points.count) points …\n".data(using: .utf8)!) }
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
        let colors = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
        // Every point to draw: (name, T_p, source); computed transitions first, then the given points.
        var drawn = [(name: String, percolationTemperature: Double, source: GWSource)]()
        for (i, r) in results {
            let name = points[i].name
            guard let source = r.gravitationalWaveSource(wallVelocity: transition.wallVelocity), let tp = r.percolationTemperature else {
                missing.append("\(name): no spectrum (\(r.percolationTemperature == nil ? "no percolation" : "does not complete"))")
                continue
            }
            if template.usesEnergySplit && source.energySplit == nil {
                missing.append("\(name): no energy budget (\(r.wallDynamicsNote ?? "wall dynamics not computed"))")
                continue
            }
            drawn.append((name, tp, source))
        }
        if !given.isEmpty {
            let plasma = try Plasma(model: transition.degreesOfFreedom ?? .standardModelPlusDark(dark: 4), resources: resources)
            for g in given {
                let tStar = GWSource.reheatingTemperature(percolationTemperature: g.percolationTemperature, alpha: g.alpha)
                let source = GWSource(temperature: tStar, degreesOfFreedom: g.gStar ?? plasma.energyDegreesOfFreedom(at: tStar), alpha: g.alpha,
                                      hubbleRadius: g.hubbleRadius, wallVelocity: g.wallVelocity ?? transition.wallVelocity)
                do { _ = try source.validated() } catch let e as GWSource.Invalid { throw UsageError("--points: \(g.label): \(e.description)") }
                drawn.append((g.label, g.percolationTemperature, source))
            }
        }
        for (i, point) in drawn.enumerated() {
            let (name, source, a, hr) = (point.name, point.source, point.source.alpha, point.source.hubbleRadius)
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
            curves.append((String(format: "%@: T_p = %.3g MeV, α = %.3g, H*R* = %.3g", name, point.percolationTemperature * 1000, a, hr) + budgetNote,
                           color, nil, sampled(t)))
            if components {
                for (part, style) in zip(t.components, componentStyles) {
                    curves.append(("\(name) \(style.label)", color, style.dash, sampled(part)))
                }
            }
        }
        let violins = ptaViolins(sets: sets, tables: tables, range: yMin...yMax)
        // SMBHB reference: h²Ω of γ = 13/3 at the posterior median and 68 % interval of log10 A (Supercool's own run).
        var smbhbCurves = [(label: String, points: [(x: Double, y: Double)])]()
        var smbhbLabel = ""
        if smbhb {
            let a = try await smbhbAmplitudePosterior(resources: resources)
            smbhbLabel = String(format: "SMBHB γ = 13/3: log10 A = %.2f [%.2f, %.2f]", a.median, a.interval68.lowerBound, a.interval68.upperBound)
            for (name, log10A) in [("median", a.median), ("16 %", a.interval68.lowerBound), ("84 %", a.interval68.upperBound)] {
                smbhbCurves.append(("SMBHB " + name, (0...200).map { k -> (x: Double, y: Double) in
                    let lf = xMin + (xMax - xMin) * Double(k) / 200
                    return (lf, log10(PowerLawProblem.energyDensity(log10A: log10A, gamma: PowerLawProblem.smbhbGamma, frequency: pow(10, lf))))
                }))
            }
        }

        if format == "csv" {
            var lines = ["series,x_f_Hz,y_h2Omega,weight"]
            for c in curves { for (x, y) in c.points { lines.append("\"\(c.label)\",\(pow(10, x)),\(pow(10, y)),") } }
            for c in smbhbCurves { for (x, y) in c.points { lines.append("\"\(c.label)\",\(pow(10, x)),\(pow(10, y)),") } }
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
        let legendRows = max(curves.filter { $0.dash == nil }.count + missing.count, sets.count + 1 + (smbhb ? 2 : 0))
        let extra = (components ? 18.0 * Double(componentStyles.count + 1) : 0) + 18.0 * Double(max(0, legendRows - 4))
        let frame = PlotFrame(width: 900, height: 620 + extra, left: 90, right: 30, top: 40, bottom: 150 + extra,
                              x: LogAxis(log10From: xMin, to: xMax), y: LogAxis(log10From: yMin, to: yMax))
        var svg = SVGDocument(width: frame.width, height: frame.height)
        svg.defineClip(id: "frame", to: frame)
        svg.beginGroup(clipPath: "frame")
        drawViolins(violins, into: &svg, frame: frame)
        if smbhbCurves.count == 3 {
            let upper = smbhbCurves[2].points.map { (x: frame.x($0.x), y: frame.y(min(max($0.y, yMin - 1), yMax + 1))) }
            let lower = smbhbCurves[1].points.reversed().map { (x: frame.x($0.x), y: frame.y(min(max($0.y, yMin - 1), yMax + 1))) }
            svg.polygon(upper + lower, fill: "#ff7f0e", fillOpacity: 0.25)
            svg.line(through: smbhbCurves[0].points, in: frame, stroke: "#b35900", width: 1.8, dash: "6,4")
        }
        for c in curves { svg.line(through: c.points, in: frame, stroke: c.color, width: c.dash == nil ? 2.2 : 1.6, dash: c.dash) }
        svg.endGroup()
        svg.logAxes(frame)
        let (W, H, left, right, top, bottom) = (frame.width, frame.height, frame.left, frame.right, frame.top, frame.bottom)
        svg.text("f [Hz]", x: (left + W - right) / 2, y: H - bottom + 48, fontSize: 16, anchor: .middle)
        svg.text("h² Ω<tspan dy=\"4\" font-size=\"11\">GW</tspan>", x: 24, y: (top + H - bottom) / 2, fontSize: 16, anchor: .middle, rotation: -90, markup: true)
        svg.text(published && self.points == nil ? "Supercool: dark U(1) benchmark points (published T_p, α, H*R*) vs PTA free spectra"
                 : points.isEmpty && !given.isEmpty ? "Supercool: GW spectra of given points vs PTA free spectra"
                 : "Supercool: dark U(1) benchmark points vs PTA free spectra", x: left, y: 18, fontSize: 15)
        svg.text("GW template: \(template.shortDescription)", x: left, y: 34, fontSize: 12, fill: "#333333")
        // Legends below the frame: spectra (and points without one) on the left, data sets on the right.
        Legend(x: left, y: H - bottom + 72, entries: curves.filter { $0.dash == nil }.map { .line(label: $0.label, color: $0.color) }
                   + missing.map { .text($0, fill: "#555555") })
            .draw(into: &svg)
        // The budget's labels carry κ_col: the data legend moves right to make room.
        Legend(x: W / 2 + (template == .budget ? 115 : 60), y: H - bottom + 72,
               entries: sets.map { .swatch(label: $0.shortCitation, color: violinColors[$0.label] ?? "#999999") }
                   + [.caption("violins: ceffyl KDE densities (2303.15442), first \(sets.map { "\($0.defaultBins)" }.joined(separator: "/")) bins", fill: "#555555")]
                   + (smbhb ? [.dashedLine(label: smbhbLabel, color: "#b35900", dash: "6,4"),
                               .caption("band: 68 % of infer --model smbhb on NG15 HD", fill: "#555555")] : [])
                   + (components ? [.caption("each point's sources, in its colour:", fill: "#555555")]
                                   + componentStyles.map { .dashedLine(label: $0.label, color: "#555555", dash: $0.dash) } : []))
            .draw(into: &svg)
        let document = svg.rendered
        try FiniteText.check(document, "the SVG")
        try OutputFile.write(document, to: output, option: "-o")
        print("wrote \(output) (\(curves.filter { $0.dash == nil }.count) spectra\(components ? " with their sources" : "")\(smbhb ? ", " + smbhbLabel : ""), \(violins.count) violins\(missing.isEmpty ? "" : "; " + missing.joined(separator: "; ")))")
    }
}

/// The posterior summary of log10 A of the γ = 13/3 SMBHB power law on NANOGrav 15-yr HD (14 bins): `infer --model smbhb
/// --data ng15 --seed 1` (400 live points), run here so that the band follows the bundled data and the likelihood.
func smbhbAmplitudePosterior(resources: ProjectResources) async throws -> ParameterSummary {
    let ng15 = try likelihoods(.ng15, bins: 14, resources: resources)
    do {
        let sampler = try NestedSampler(problem: PowerLawProblem.smbhb(likelihoods: ng15),
                                        options: NestedSamplerOptions(liveCount: 400, seed: 1, jobs: try defaultJobs(nil)))
        return try await sampler.run().summary()[0]
    } catch let e as NestedSamplingError {
        throw InternalError("SMBHB reference (nested sampling): \(e)")
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
