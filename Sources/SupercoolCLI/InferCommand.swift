import ArgumentParser
import Foundation
import Cosmology
import GravitationalWaves
import NestedSampling
import PTAInference
import PulsarTiming
import SupercoolPlot
import ParameterScan
import TransitionHistory

struct InferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Bayesian inference on PTA data by nested sampling: evidence ln Z ± error, posterior summary, Bayes factors.",
        discussion: """
        Models: powerlaw (log10 A ∈ U[−18, −11], γ ∈ U[0, 7]), smbhb (γ = 13/3, same amplitude prior), pt (a GW template with \
        log10 T_p/GeV ∈ U[−3, 0], log10 α ∈ U[−1, 4], log10 H*R* ∈ U[−2, log10 3]; --with-smbhb adds an SMBHB power law). \
        --smbhb-prior nanograv samples every SMBHB's (log10 A, γ) from NANOGrav's 2-D Gaussian instead of γ = 13/3. --against smbhb|powerlaw runs the reference model on the same data and prints ln B with its \
        error. Reproducible from --seed (any --jobs). Progress on stderr. README "Inference".
        """)

    enum Model: String, ExpressibleByArgument, CaseIterable { case powerlaw, smbhb, pt, darku1 }
    enum Reference: String, ExpressibleByArgument, CaseIterable { case powerlaw, smbhb }
    enum SMBHBPriorChoice: String, ExpressibleByArgument, CaseIterable {
        case uniform, nanograv
        var prior: SMBHBPrior { self == .uniform ? .uniform : .nanograv15 }
    }
    /// Whether a model of this run has an SMBHB background (which --smbhb-prior sets).
    var hasSMBHB: Bool { model == .smbhb || withSMBHB || against == .smbhb }

    @Option(help: "powerlaw, smbhb, pt or darku1 (the model's own v_φ, λ, g/g_roll − 1; needs --emulator).") var model: Model
    @Option(help: "darku1: the S3/T emulator file (`supercool emulator build`); built there with the default grid when missing, reused after.") var emulator: String?
    @Option(name: .customLong("log10-v"), parsing: .unconditional, help: "darku1: uniform prior on log10(v_φ/GeV), LO:HI within [−12, 16]. Default -2:3.") var log10VPrior: String?
    @Option(name: .customLong("log10-lambda"), parsing: .unconditional, help: "darku1: uniform prior on log10 λ, LO:HI inside the emulator's grid. Default -3:log10(0.03).") var log10LambdaPrior: String?
    @Option(name: .customLong("g-rel"), parsing: .unconditional, help: "darku1: uniform prior on g/g_roll(λ) − 1, LO:HI inside the emulator's grid. Default -0.02:0.025.") var gRelPrior: String?
    @Option(help: "PTA data: ng15 (default), ng15curn, epta, ppta, both.") var data: DataChoice = .ng15
    @Option(parsing: .unconditional, help: "Frequency bins (default: each set's own: NG15 14, EPTA 9).") var bins: Int?
    @Option(help: ArgumentHelp("GW template (pt). " + TemplateKind.helpText)) var template: TemplateKind = .soundWaves
    @Flag(help: "pt: add an SMBHB power law (prior: --smbhb-prior).") var withSMBHB = false
    @Option(name: .customLong("smbhb-prior"), help: "SMBHB prior (--model smbhb, --with-smbhb, --against smbhb): uniform (γ = 13/3, log10 A ∈ U[−18, −11]; default) or nanograv (NANOGrav's 2-D Gaussian on (log10 A, γ), 2306.16219/PTArcade).")
    var smbhbPrior: SMBHBPriorChoice = .uniform
    @Option(name: .customLong("kappa-col"), parsing: .unconditional, help: "κ_col in [0, 1] for --template budget.") var kappaCollision: Double?
    @Option(name: .customLong("vw"), parsing: .unconditional, help: "Wall velocity in [1e-3, 1] (pt). Default 1.") var wallVelocity: Double = 1
    @Option(parsing: .unconditional, help: "Live points, 20…100000. Default 400.") var live: Int = 400
    @Option(parsing: .unconditional, help: "Seed, 0…2^63−1. Default 1.") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Parallel likelihood chains (results do not depend on it). Default: the cores.") var jobs: Int?
    @Option(help: "Also run this reference model and print the Bayes factor against it.") var against: Reference?
    @Option(help: "Write the weighted posterior samples (CSV: weight,log_likelihood,log_prior_volume,<parameters>).") var samples: String?
    @Option(help: "Draw the posterior as a corner plot (SVG): marginals, 68/95 % credible regions, the maximum-likelihood point.") var corner: String?
    @Option(help: "Draw the posterior-predictive h²Ω_GW(f) (median, 68 and 95 % bands of 400 posterior draws) over the data's violins (SVG).") var predictive: String?
    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json)) var format: OutputFormat = .text
    @Flag(help: "No progress lines.") var quiet = false

    func run() async throws {
        // The seed is reported as a JSON integer.
        guard seed <= UInt64(Int.max) else { throw UsageError("--seed must be in 0…\(Int.max), got \(seed)") }
        guard (20...100_000).contains(live) else { throw UsageError("--live must be in 20…100000, got \(live)") }
        guard (1e-3...1).contains(wallVelocity) else { throw UsageError("--vw must be in [1e-3, 1], got \(wallVelocity)") }
        if model != .pt && model != .darku1 {
            guard !withSMBHB, kappaCollision == nil, template == .soundWaves, wallVelocity == 1 else {
                throw UsageError("--template, --with-smbhb, --kappa-col and --vw apply to --model pt and darku1")
            }
        }
        if model == .darku1 {
            guard emulator != nil else { throw UsageError("--model darku1 needs --emulator FILE (built there with the default grid on first use, reused after)") }
            guard kappaCollision == nil else { throw UsageError("--kappa-col applies to --model pt (darku1 takes κ_col from the point's walls)") }
            guard wallVelocity == 1 else { throw UsageError("--vw applies to --model pt (darku1: v_w = 1, the emulator's conventions)") }
        } else {
            guard emulator == nil, log10VPrior == nil, log10LambdaPrior == nil, gRelPrior == nil else {
                throw UsageError("--emulator, --log10-v, --log10-lambda and --g-rel apply to --model darku1")
            }
        }
        if smbhbPrior != .uniform && !hasSMBHB {
            throw UsageError("--smbhb-prior applies to --model smbhb, --with-smbhb or --against smbhb")
        }
        if let k = kappaCollision {
            guard template == .budget else { throw UsageError("--kappa-col applies to --template budget") }
            guard (0...1).contains(k) else { throw UsageError("--kappa-col must be in [0, 1], got \(k)") }
        } else if model == .pt && template == .budget {
            throw UsageError("--template budget needs --kappa-col in [0, 1] (no walls in direct mode: 0 for walls stopped by friction, 1 − α_∞/α for runaway walls)")
        }
        if let samples { try OutputFile.validate(samples, option: "--samples") }
        if let corner { try OutputFile.validate(corner, option: "--corner") }
        if let predictive { try OutputFile.validate(predictive, option: "--predictive") }
        let resources = try ProjectResources.locate()
        let Ls = try likelihoods(data, bins: bins, resources: resources)
        let options = NestedSamplerOptions(liveCount: live, seed: seed, jobs: try defaultJobs(jobs))

        let main: NestedSamplingResult
        var modelTally: [String: Int]?
        // h²Ω_GW(f) of a posterior draw (the draw's transition computed once, then every frequency).
        var spectrum: @Sendable ([Double]) throws -> (Double) throws -> Double
        switch model {
        case .powerlaw:
            let problem = PowerLawProblem.free(likelihoods: Ls)
            main = try await sample(problem, options, label: "powerlaw")
            spectrum = { p in { f in problem.energyDensity(p, frequency: f) } }
        case .smbhb:
            let problem = PowerLawProblem.smbhb(likelihoods: Ls, prior: smbhbPrior.prior)
            main = try await sample(problem, options, label: "smbhb")
            spectrum = { p in { f in problem.energyDensity(p, frequency: f) } }
        case .pt:
            let table = try StandardModelDegreesOfFreedom(resources: resources)
            let plasma = Plasma(model: .standardModelPlusDark(dark: 4), standardModel: table)
            let problem = PhaseTransitionProblem(likelihoods: Ls, template: template, wallVelocity: wallVelocity,
                                                 degreesOfFreedom: { plasma.energyDegreesOfFreedom(at: $0) },
                                                 smbhb: withSMBHB ? smbhbPrior.prior : nil,
                                                 collisionFraction: kappaCollision)
            main = try await sample(problem, options, label: "pt")
            spectrum = { p in { f in try problem.energyDensity(p, frequency: f) } }
        case .darku1:
            let problem = try await modelProblem(likelihoods: Ls, resources: resources)
            main = try await sample(problem, options, label: "darku1")
            spectrum = { p in try problem.spectrum(p) }
            modelTally = problem.tally.snapshot
        }
        var reference: NestedSamplingResult?
        if let against {
            // The same SMBHB prior as --with-smbhb / --model smbhb: ln B compares like with like.
            let problem = against == .smbhb ? PowerLawProblem.smbhb(likelihoods: Ls, prior: smbhbPrior.prior) : PowerLawProblem.free(likelihoods: Ls)
            reference = try await sample(problem, options, label: against.rawValue)
        }
        if let samples { try OutputFile.write(main.csv(), to: samples, option: "--samples") }
        if let corner {
            let plot = try CornerPlot(labels: main.parameterNames.map(Self.label), samples: main.samples.map(\.parameters),
                                      weights: main.samples.map(\.weight), marked: main.maximumLikelihoodSample.parameters)
            let title = "Supercool infer: \(model.rawValue)\(model == .pt || model == .darku1 ? " (\(template.rawValue))" : "") posterior"
            let subtitle = String(format: "%@; %d live points, seed %llu; ln Z = %.2f ± %.2f", Ls.map { "\($0.data.dataset.label) (\($0.bins) bins)" }.joined(separator: " + "),
                                  live, seed, main.logEvidence, main.logEvidenceError)
            try OutputFile.write(plot.svg(title: title, subtitle: subtitle), to: corner, option: "--corner")
        }
        if let predictive {
            let sets = data.datasets
            let tables = try sets.map { try FreeSpectrumData($0, resources: resources) }
            try OutputFile.write(try predictiveSVG(main, spectrum: spectrum, sets: sets, tables: tables), to: predictive, option: "--predictive")
        }
        try report(main, reference: reference, likelihoods: Ls, tally: modelTally)
    }

    /// darku1: the emulator (loaded, or built with the default grid and saved), the priors, the problem.
    func modelProblem(likelihoods Ls: [PTALikelihood], resources: ProjectResources) async throws -> ModelParameterProblem {
        let path = emulator!
        let table = try StandardModelDegreesOfFreedom(resources: resources)
        func prior(_ text: String?, option: String, default d: Prior) throws -> Prior {
            guard let text else { return d }
            let (lo, hi) = try range(text, option: option)
            return .uniform(lower: lo, upper: hi)
        }
        let lv = try prior(log10VPrior, option: "--log10-v", default: ModelParameterProblem.defaultLog10Vev)
        guard lv.transform(0) >= -12, lv.transform(1) <= 16 else { throw UsageError("--log10-v must lie within [−12, 16], got \(log10VPrior ?? "")") }
        let ll = try prior(log10LambdaPrior, option: "--log10-lambda", default: ModelParameterProblem.defaultLog10Lambda)
        let gr = try prior(gRelPrior, option: "--g-rel", default: ModelParameterProblem.defaultGaugeRelative)
        func problem(_ e: ActionCurveEmulator) throws -> ModelParameterProblem {
            do {
                return try ModelParameterProblem(likelihoods: Ls, emulator: e, standardModel: table, template: template, log10Vev: lv,
                                                 log10Lambda: ll, gaugeRelative: gr, smbhb: withSMBHB ? smbhbPrior.prior : nil)
            } catch let error as ModelParameterProblem.PriorOutsideEmulator {
                throw UsageError("\(error.description) (--emulator \(path); build one that covers it with `supercool emulator build`)")
            }
        }
        if FileManager.default.fileExists(atPath: path) {
            let e = try loadEmulator(path)
            if !quiet { FileHandle.standardError.write("[darku1] emulator \(path): \(e.nodes.count) nodes, built in \(Int(e.buildSeconds)) s by \(e.codeVersion)\n".data(using: .utf8)!) }
            if e.codeVersion != ScanStore.codeVersion {
                FileHandle.standardError.write("warning: --emulator \(path) was built by \(e.codeVersion), this is \(ScanStore.codeVersion): its S3/T may differ from what this version computes; rebuild it (`supercool emulator build`) or check it (`supercool emulator check`)\n".data(using: .utf8)!)
            }
            return try problem(e)
        }
        try OutputFile.validate(path, option: "--emulator")
        let (first, second) = try DarkU1Plane.defaultAxes()
        // The priors are checked against the default grid before it is built (minutes), not after.
        do { try ModelParameterProblem.checkPriors(log10Lambda: ll, gaugeRelative: gr, within: first, second) } catch let error as ModelParameterProblem.PriorOutsideEmulator {
            throw UsageError("\(error.description) (the default grid of a new --emulator \(path); build one that covers the prior with `supercool emulator build`)")
        }
        let quiet = self.quiet, last = LastPrinted(), start = Date()
        if !quiet { FileHandle.standardError.write("[darku1] building the emulator (\(first.nodes.count) × \(second.nodes.count) nodes) into \(path)\n".data(using: .utf8)!) }
        let e = try await ActionCurveEmulator.build(family: DarkU1Plane.name, first: first, second: second, model: DarkU1Plane.family,
                                                    standardModel: table, jobs: try defaultJobs(jobs), codeVersion: ScanStore.codeVersion) { done, total in
            guard !quiet, done == total || last.due() else { return }
            FileHandle.standardError.write(String(format: "[emulator] %ld / %ld nodes, %.0f s\n", done, total, Date().timeIntervalSince(start)).data(using: .utf8)!)
        }
        try OutputFile.write(try e.json(), to: path, option: "--emulator")
        return try problem(e)
    }

    /// Median and 68/95 % bands of h²Ω_GW(f) over 400 equal-weight posterior draws (seeded), over the violins.
    func predictiveSVG(_ r: NestedSamplingResult, spectrum: ([Double]) throws -> (Double) throws -> Double,
                       sets: [FreeSpectrumData.Dataset], tables: [FreeSpectrumData]) throws -> String {
        let (xMin, xMax, yMin, yMax) = (-9.0, -7.0, -12.0, -5.0)
        let draws = r.equalWeightSamples(count: 400, seed: seed)
        let curves = try draws.map { try spectrum($0) }
        let grid = (0...120).map { xMin + (xMax - xMin) * Double($0) / 120 }
        var bands = [[Double]](repeating: [], count: 5)   // 2.5, 16, 50, 84, 97.5 %
        for lf in grid {
            let values = try curves.map { log10(max(try $0(pow(10, lf)), 1e-300)) }.sorted()
            for (k, q) in [0.025, 0.16, 0.5, 0.84, 0.975].enumerated() {
                bands[k].append(values[min(values.count - 1, Int(q * Double(values.count)))])
            }
        }
        let frame = PlotFrame(width: 900, height: 660, left: 90, right: 30, top: 50, bottom: 150,
                              x: LogAxis(log10From: xMin, to: xMax), y: LogAxis(log10From: yMin, to: yMax))
        var svg = SVGDocument(width: frame.width, height: frame.height)
        svg.defineClip(id: "frame", to: frame)
        svg.beginGroup(clipPath: "frame")
        drawViolins(ptaViolins(sets: sets, tables: tables, range: yMin...yMax), into: &svg, frame: frame)
        func band(_ lo: [Double], _ hi: [Double], _ opacity: Double) {
            let upper = zip(grid, hi).map { (x: frame.x($0), y: frame.y(min(max($1, yMin - 1), yMax + 1))) }
            let lower = zip(grid, lo).reversed().map { (x: frame.x($0), y: frame.y(min(max($1, yMin - 1), yMax + 1))) }
            svg.polygon(upper + lower, fill: "#d62728", fillOpacity: opacity)
        }
        band(bands[0], bands[4], 0.18)
        band(bands[1], bands[3], 0.35)
        svg.line(through: zip(grid, bands[2]).map { (x: $0, y: $1) }, in: frame, stroke: "#d62728", width: 2.2)
        svg.endGroup()
        svg.logAxes(frame)
        let (W, H) = (frame.width, frame.height)
        svg.text("f [Hz]", x: (frame.left + W - frame.right) / 2, y: H - frame.bottom + 48, fontSize: 16, anchor: .middle)
        svg.text("h² Ω<tspan dy=\"4\" font-size=\"11\">GW</tspan>", x: 24, y: (frame.top + H - frame.bottom) / 2, fontSize: 16, anchor: .middle, rotation: -90, markup: true)
        svg.text("Supercool infer: posterior-predictive h²Ω_GW of \(model.rawValue)\(model == .pt || model == .darku1 ? " (\(template.rawValue)\(withSMBHB ? " + SMBHB" : ""))" : "")",
                 x: frame.left, y: 20, fontSize: 15)
        svg.text(String(format: "400 posterior draws (seed %llu); ln Z = %.2f ± %.2f", seed, r.logEvidence, r.logEvidenceError),
                 x: frame.left, y: 38, fontSize: 12, fill: "#333333")
        Legend(x: frame.left, y: H - frame.bottom + 72, entries: [.line(label: "posterior median", color: "#d62728"),
                                                                 .swatch(label: "68 % band", color: "#e99a9b"), .swatch(label: "95 % band", color: "#f5d3d4")])
            .draw(into: &svg)
        Legend(x: W / 2 + 60, y: H - frame.bottom + 72,
               entries: sets.map { .swatch(label: $0.shortCitation, color: violinColors[$0.label] ?? "#999999") }
                   + [.caption("violins: ceffyl KDE densities (2303.15442)", fill: "#555555")])
            .draw(into: &svg)
        let document = svg.rendered
        try FiniteText.check(document, "the SVG")
        return document
    }

    /// Axis labels (SVG markup) of the parameter names.
    static func label(_ name: String) -> String {
        switch name {
        case "log10_A": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> A"
        case "gamma": return "γ"
        case "log10_Tp_GeV": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> (T<tspan baseline-shift=\"sub\" font-size=\"10\">p</tspan>/GeV)"
        case "log10_alpha": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> α"
        case "log10_HR": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> H*R*"
        case "log10_v_GeV": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> (v<tspan baseline-shift=\"sub\" font-size=\"10\">φ</tspan>/GeV)"
        case "log10_lambda": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> λ"
        case "g_rel": return "g<tspan baseline-shift=\"sub\" font-size=\"10\">D</tspan>/g<tspan baseline-shift=\"sub\" font-size=\"10\">roll</tspan> − 1"
        case "gamma_smbhb": return "γ<tspan baseline-shift=\"sub\" font-size=\"10\">SMBHB</tspan>"
        case "log10_A_smbhb": return "log<tspan baseline-shift=\"sub\" font-size=\"10\">10</tspan> A<tspan baseline-shift=\"sub\" font-size=\"10\">SMBHB</tspan>"
        default: return SVGDocument.escape(name)
        }
    }

    func sample<P: NestedSamplingProblem>(_ problem: P, _ options: NestedSamplerOptions, label: String) async throws -> NestedSamplingResult {
        let sampler: NestedSampler<P>
        do { sampler = try NestedSampler(problem: problem, options: options) } catch { throw UsageError("\(error)") }
        let start = Date()
        let quiet = self.quiet
        let last = LastPrinted()
        do {
            return try await sampler.run { p in
                guard !quiet, last.due() else { return }
                // Before the first finite likelihood, ln Z and the remaining Δln Z are not numbers yet: said in words.
                let evidence = p.logEvidence.isFinite ? String(format: "ln Z = %.3f", p.logEvidence) : "ln Z not yet finite"
                let remaining = p.remainingDeltaLogEvidence.isFinite ? String(format: "remaining Δln Z = %.3g", p.remainingDeltaLogEvidence) : "remaining Δln Z unbounded"
                FileHandle.standardError.write(String(format: "[%@] iteration %ld, %ld likelihood calls, %@, %@, %.0f s\n",
                                                      label, p.iteration, p.likelihoodCalls, evidence, remaining,
                                                      Date().timeIntervalSince(start)).data(using: .utf8)!)
            }
        } catch {
            throw InternalError("nested sampling (\(label)): \(error)")
        }
    }

    func report(_ r: NestedSamplingResult, reference: NestedSamplingResult?, likelihoods Ls: [PTALikelihood], tally: [String: Int]?) throws {
        let summary = r.summary()
        let bayes = reference.map { (lnB: r.logEvidence - $0.logEvidence, error: (pow(r.logEvidenceError, 2) + pow($0.logEvidenceError, 2)).squareRoot()) }
        if format == .json {
            func interval(_ x: ClosedRange<Double>) -> JSONValue { .array([.number(x.lowerBound), .number(x.upperBound)]) }
            var fields: [(String, JSONValue)] = [
                ("model", .string(model.rawValue)),
                ("datasets", .array(Ls.map { .object([("name", .string($0.data.dataset.rawValue)), ("bins", .integer($0.bins))]) })),
                ("live_points", .integer(live)), ("seed", .integer(Int(seed))),
                ("lnZ", .number(r.logEvidence)), ("lnZ_error", .number(r.logEvidenceError)), ("information", .number(r.information)),
                ("effective_sample_size", .number(r.effectiveSampleSize)), ("likelihood_calls", .integer(r.likelihoodCalls)),
                ("max_lnL", .number(r.maximumLikelihoodSample.logLikelihood)),
                ("parameters", .array(summary.map { s in .object([
                    ("name", .string(s.name)), ("mean", .number(s.mean)), ("sd", .number(s.standardDeviation)), ("median", .number(s.median)),
                    ("interval68", interval(s.interval68)), ("interval95", interval(s.interval95)), ("max_likelihood", .number(s.maximumLikelihood)),
                ]) })),
            ]
            if model == .pt || model == .darku1 { fields.insert(("template", .string(template.rawValue)), at: 1) }
            if model == .smbhb || withSMBHB { fields.insert(("smbhb_prior", .string(smbhbPrior.rawValue)), at: 1) }
            if let tally {
                fields.append(("likelihood_points", .object(tally.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })))
                fields.append(("emulator", .string(emulator!)))
                let failed = tally.filter { $0.key.hasPrefix("failed:") }.map(\.value).reduce(0, +)
                if failed > 0 { fields.append(("warning", .string("\(failed) likelihood points failed to compute and were scored as excluded"))) }
            }
            if data == .both { fields.append(("note", .string(sharedPulsarsNote))) }
            if let reference, let bayes {
                fields.append(("against", .object([("model", .string(against!.rawValue))]
                                                  + (against == .smbhb ? [("smbhb_prior", .string(smbhbPrior.rawValue))] : [])
                                                  + [("parameter_names", .array(reference.parameterNames.map { .string($0) })), ("lnZ", .number(reference.logEvidence)),
                                                   ("lnZ_error", .number(reference.logEvidenceError)), ("lnB", .number(bayes.lnB)),
                                                   ("lnB_error", .number(bayes.error))])))
            }
            print(try JSONValue.object(fields).rendered())
            return
        }
        var lines = ["model \(model.rawValue)\(model == .pt || model == .darku1 ? " (template \(template.rawValue))" : "")\(hasSMBHB ? ", SMBHB prior \(smbhbPrior.rawValue)" : ""), data \(Ls.map { "\($0.data.dataset.label) (\($0.bins) bins)" }.joined(separator: " + ")); \(live) live points, seed \(seed)",
                     String(format: "ln Z = %.3f ± %.3f   (H = %.2f nats, ESS = %.0f, %d likelihood calls, max ln L = %.3f)",
                            r.logEvidence, r.logEvidenceError, r.information, r.effectiveSampleSize, r.likelihoodCalls, r.maximumLikelihoodSample.logLikelihood),
                     "parameter          median    68 % interval            95 % interval            max-L"]
        for s in summary {
            lines.append(s.name.padding(toLength: 18, withPad: " ", startingAt: 0)
                         + String(format: " %8.4f  [%8.4f, %8.4f]    [%8.4f, %8.4f]    %8.4f", s.median, s.interval68.lowerBound, s.interval68.upperBound,
                                  s.interval95.lowerBound, s.interval95.upperBound, s.maximumLikelihood))
        }
        if let reference, let bayes {
            lines.append(String(format: "against %@: ln Z = %.3f ± %.3f;  ln B = %.3f ± %.3f (B = %.3g)", against!.rawValue, reference.logEvidence,
                                reference.logEvidenceError, bayes.lnB, bayes.error, exp(bayes.lnB)))
        }
        if let tally {
            lines.append("likelihood points: " + tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            let failed = tally.filter { $0.key.hasPrefix("failed:") }.map(\.value).reduce(0, +)
            if failed > 0 { lines.append("warning: \(failed) likelihood points failed to compute and were scored as excluded (ln L = −∞): the posterior is not trustworthy there") }
        }
        if data == .both { lines.append("note: \(sharedPulsarsNote)") }
        try FiniteText.print(lines, "the inference summary")
    }
}

/// At most one progress line per second.
final class LastPrinted: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    func due() -> Bool {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) >= 1 else { return false }
        last = now
        return true
    }
}
