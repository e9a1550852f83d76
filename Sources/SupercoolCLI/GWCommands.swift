import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import GravitationalWaves
import PulsarTiming
import TransitionHistory

extension TemplateKind: ExpressibleByArgument {
    /// One line per template for --help.
    static var helpText: String {
        "Template: " + allCases.map { "\($0.rawValue) (\($0.shortDescription))" }.joined(separator: ", ")
            + ". collision is the fit for strongly supercooled transitions (α ≫ 1); budget splits the energy between the walls and the plasma from the point's wall dynamics (direct mode: --kappa-col)."
    }

    var shortDescription: String {
        switch self {
        case .soundWaves: return "sound waves, 1910.13125"
        case .turbulence: return "turbulence, 1512.06239"
        case .soundWavesAndTurbulence: return "sound waves + turbulence"
        case .hindmarsh2017: return "sound waves, Hindmarsh et al. 1704.05871"
        case .collision: return "bubble collisions / relativistic fluid shells, Lewicki & Vaskonen 2208.11697"
        case .budget: return "collisions + sound waves + turbulence with the wall/plasma energy split, Ellis et al. 1903.09642"
        }
    }
}

/// A warning when a template is used outside the range it was calibrated on (printed to stderr).
func templateValidityNote(_ template: TemplateKind, alpha: Double) -> String? {
    switch template {
    case .soundWaves, .hindmarsh2017, .soundWavesAndTurbulence, .turbulence:
        guard alpha > 1 else { return nil }
        return String(format: "note: α = %.3g > 1 lies outside the range where the %@ template was calibrated (simulations with α ≲ 0.5, e.g. 1704.05871); for strongly supercooled transitions compare --template collision (Lewicki & Vaskonen 2208.11697) and --template budget (the walls' energy split, 1903.09642).", alpha, template.rawValue)
    case .budget:
        guard alpha > 1 else { return nil }
        return String(format: "note: α = %.3g > 1: the budget's sound-wave and turbulence parts extrapolate fits to simulations with α ≲ 0.5 (1512.06239), as 1903.09642 does.", alpha)
    case .collision:
        guard alpha < 1 else { return nil }
        return String(format: "note: α = %.3g < 1: the %@ template was fitted for strongly supercooled transitions (α ≫ 1, thin relativistic shells).", alpha, template.rawValue)
    }
}

func printNote(_ note: String?) {
    if let note { FileHandle.standardError.write((note + "\n").data(using: .utf8)!) }
}

/// Where a GW source comes from: a model point (computed transition) or user-given (T_p, α, H*R*).
struct SourceOptions: ParsableArguments {
    @OptionGroup var model: ModelOptions
    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    /// Direct-mode ranges: inside them every template is finite at every allowed frequency (tested at the
    /// corners); a smaller H*R* sends the peak frequency ∝ 1/(H*R*) to infinity.
    static let percolationTemperatureRange = 1e-6...1e16, alphaRange = 1e-6...1e10, hubbleRadiusRange = 1e-6...10.0

    @Option(name: .customLong("Tp"), parsing: .unconditional, help: "Percolation temperature T_p in GeV, in [1e-6, 1e16] (direct mode, with --alpha and --HR).")
    var percolationTemperature: Double?

    @Option(parsing: .unconditional, help: "Transition strength α, in [1e-6, 1e10] (direct mode).")
    var alpha: Double?

    @Option(name: .customLong("HR"), parsing: .unconditional, help: "H*R*, in [1e-6, 10] (direct mode).")
    var hubbleRadius: Double?

    @Option(name: .customLong("gstar"), parsing: .unconditional, help: "g* at T*, in [1, 1e4] (direct mode only; default from --gstar-dark/--gstar-constant, else g*_SM(T*) + 4).")
    var gStar: Double?

    @Option(name: .customLong("kappa-col"), parsing: .unconditional, help: "κ_col in [0, 1], the fraction of the released energy in the bubble walls, for --template budget in direct mode and --scan (a model point takes it from its walls, 1903.09642).")
    var kappaCollision: Double?

    var isDirect: Bool { percolationTemperature != nil || alpha != nil || hubbleRadius != nil }

    /// The checked --kappa-col: only with --template budget, in [0, 1]; `forModel`: a model point is named and the value
    /// would be used for it (an error: its walls decide).
    func checkedKappaCollision(template: TemplateKind, scan: Bool = false) throws -> Double? {
        guard let k = kappaCollision else { return nil }
        guard template == .budget else { throw UsageError("--kappa-col applies to --template budget only") }
        guard k.isFinite, (0...1).contains(k) else { throw UsageError("--kappa-col must be in [0, 1], got \(k)") }
        if namesAModel && !scan {
            throw UsageError("--kappa-col applies to direct mode (--Tp/--alpha/--HR) and --scan; a model point's κ_col comes from its walls (see kappa_col in `supercool point`)")
        }
        return k
    }

    /// Options that only a computed transition uses are errors where there is none (they would be ignored).
    func rejectModelOnlyOptions(_ mode: String) throws {
        let d = TransitionConventions.default
        let t = transitionOptions
        let changed = conventionOptions.changedOption
            ?? (t.percolationThreshold != d.percolationThreshold ? "--percolation" : nil)
            ?? (t.prefactor != d.ratePrefactor ? "--prefactor" : nil)
            ?? (t.radius != d.radiusDefinition ? "--radius" : nil)
            ?? (t.includeVacuumTunnelling ? "--o4" : nil)
        if let changed { throw UsageError("\(changed) applies to a model point (--bp or --v/--lambda/--g), not to \(mode)") }
    }
    /// A model or a direct (T_p, α, H*R*) point was given.
    var namesAPoint: Bool { isDirect || namesAModel }
    /// Any model option was given (--bp, --model, --v, --lambda, --g, --y).
    var namesAModel: Bool {
        model.benchmarkPoint != nil || model.kind != nil || model.vev != nil || model.lambda != nil || model.gauge != nil || model.yukawa != nil
    }

    /// g*(T) for direct mode and scans, where there is no model: the transition options' choice, else
    /// g*_SM(T) + the dark U(1)'s 4 light dof (the default of a DarkU1 point).
    func plasma(_ transition: TransitionConventions, resources: ProjectResources) throws -> Plasma {
        try Plasma(model: transition.degreesOfFreedom ?? .standardModelPlusDark(dark: 4), resources: resources)
    }

    /// The source and a label; throws PhysicsOutcome when the point has no spectrum. `template` decides whether an
    /// energy split is needed (`budget`): a model point's walls give it, in direct mode --kappa-col (else exit 2).
    func source(resources: ProjectResources, template: TemplateKind, scan: Bool = false) throws -> (source: GWSource, label: String) {
        let transition = try transitionOptions.conventions()
        let kappa = try checkedKappaCollision(template: template, scan: scan)
        if isDirect {
            guard let tp = percolationTemperature, let a = alpha, let hr = hubbleRadius else {
                throw UsageError("direct mode needs all of --Tp (GeV), --alpha and --HR")
            }
            guard !namesAModel else {
                throw UsageError("give either a model (--bp, --model, --v/--lambda/--g/--y) or --Tp/--alpha/--HR, not both")
            }
            try rejectModelOnlyOptions("direct mode (--Tp/--alpha/--HR)")
            guard Self.percolationTemperatureRange.contains(tp) else { throw UsageError("--Tp must be in [1e-6, 1e16] GeV, got \(tp)") }
            guard Self.alphaRange.contains(a) else { throw UsageError("--alpha must be in [1e-6, 1e10], got \(a)") }
            guard Self.hubbleRadiusRange.contains(hr) else { throw UsageError("--HR must be in [1e-6, 10], got \(hr)") }
            let tStar = GWSource.reheatingTemperature(percolationTemperature: tp, alpha: a)
            let g = try gStar ?? plasma(transition, resources: resources).energyDegreesOfFreedom(at: tStar)
            var split: EnergySplit?
            if template.usesEnergySplit {
                guard let kappa else {
                    throw UsageError("--template budget in direct mode needs --kappa-col in [0, 1] (the walls' share of the released energy: 0 for walls stopped by friction, 1 − α_∞/α for runaway walls; a model point computes it)")
                }
                split = EnergySplit(checkedAlpha: a, kappaCollision: kappa)
            }
            let source = GWSource(temperature: tStar, degreesOfFreedom: g, alpha: a, hubbleRadius: hr, wallVelocity: transition.wallVelocity,
                                  energySplit: split)
            do { _ = try source.validated() } catch let e as GWSource.Invalid { throw UsageError(e.description.replacingOccurrences(of: "g*", with: "--gstar")) }
            return (source, String(format: "T_p = %.4g GeV, α = %.4g, H*R* = %.4g", tp, a, hr))
        }
        guard gStar == nil else { throw UsageError("--gstar applies to direct mode (--Tp/--alpha/--HR); for a model use --gstar-dark or --gstar-constant") }
        let (particleModel, bp) = try model.resolveAny()
        let analysis = TransitionAnalysis(model: particleModel, potentialConventions: conventionOptions.conventions, conventions: transition, resources: resources)
        let r = try analysis.run()
        let name = bp?.name ?? pointLabel(particleModel)
        guard let source = r.gravitationalWaveSource(wallVelocity: transition.wallVelocity) else {
            if r.completes && r.hubbleRadius == nil {
                // Completes, but the chosen R* does not exist (β/H ≤ 0 at T_p: R* = (8π)^{1/3} v_w/β is undefined).
                throw PhysicsOutcome("no GW spectrum for \(name): H*R* from β is undefined (β/H = \(r.betaOverH.map { String(format: "%.3g", $0) } ?? "—") ≤ 0 at T_p); use --radius nb")
            }
            throw PhysicsOutcome("no GW spectrum for \(name): \(r.status)")
        }
        if template.usesEnergySplit && source.energySplit == nil {
            throw PhysicsOutcome("no energy budget for \(name): the wall dynamics could not be computed (\(r.wallDynamicsNote ?? "no reason recorded"))")
        }
        return (source, name)
    }
}


struct SpectrumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "GW spectrum today, h²Ω_GW(f), of a model point or of given (T_p, α, H*R*).",
        discussion: "CSV columns f_Hz,h2Omega_GW. T* = T_reh, g* = g*(T_reh). A point that does not percolate and complete has no spectrum (exit 3).")

    @OptionGroup var sourceOptions: SourceOptions
    @Option(help: ArgumentHelp(TemplateKind.helpText)) var template: TemplateKind = .soundWaves
    @Option(parsing: .unconditional, help: "Lowest frequency in Hz.") var fmin: Double = 1e-10
    @Option(parsing: .unconditional, help: "Highest frequency in Hz.") var fmax: Double = 1e-6
    @Option(parsing: .unconditional, help: "Number of log-spaced frequencies (2…100000).") var points: Int = 200
    @Option(help: "csv (default) or json.", transform: OutputFormat.only(.csv, .json)) var format: OutputFormat = .csv

    func run() throws {
        guard fmin.isFinite, fmax.isFinite, fmin >= 1e-20, fmax <= 1e10, fmax > fmin else {
            throw UsageError("--fmin/--fmax must satisfy 1e-20 ≤ fmin < fmax ≤ 1e10 Hz, got \(fmin), \(fmax)")
        }
        guard (2...100_000).contains(points) else { throw UsageError("--points must be in 2…100000, got \(points)") }
        let resources = try ProjectResources.locate()
        let (source, label) = try sourceOptions.source(resources: resources, template: template)
        let t = template.template(for: source)
        printNote(templateValidityNote(template, alpha: source.alpha))
        let parts = t.components
        let fs = (0..<points).map { fmin * pow(fmax / fmin, Double($0) / Double(points - 1)) }
        let values = try fs.map { try requireFinite(t.energyDensity(frequency: $0), "h2Omega") }
        // The budget template's parts (collision, sound waves, turbulence) are printed beside the total.
        let budget = t as? EnergyBudgetTemplate
        let partValues = try parts.map { p in try fs.map { try requireFinite(p.energyDensity(frequency: $0), "h2Omega") } }
        let partKeys = budget == nil ? [] : ["h2Omega_col", "h2Omega_sw", "h2Omega_turb"]
        switch format {
        case .json:
            var fields: [(String, JSONValue)] = [
                ("source", .string(label)), ("template", .string(t.name)),
                ("T_star_GeV", .number(source.temperature)), ("gstar", .number(source.degreesOfFreedom)), ("alpha", .number(source.alpha)),
                ("HR", .number(source.hubbleRadius)), ("v_w", .number(source.wallVelocity)), ("peak_frequency_Hz", .number(t.peakFrequency))]
            if let b = budget {
                fields += [("kappa_col", .number(b.split.kappaCollision)), ("kappa_sw", .number(b.split.kappaSoundWaves)),
                           ("alpha_eff", .number(b.split.alphaEffective)), ("H_tau_sw", .number(b.soundWavePeriod)),
                           ("peak_frequencies_Hz", .object([("col", .number(b.collision.peakFrequency)), ("sw", .number(b.soundWaves.peakFrequency)),
                                                            ("turb", .number(b.turbulence.peakFrequency))]))]
            }
            fields += [("f_Hz", .array(fs.map { .number($0) })), ("h2Omega_GW", .array(values.map { .number($0) }))]
            fields += zip(partKeys, partValues).map { ($0, .array($1.map { .number($0) })) }
            print(try JSONValue.object(fields).rendered())
        default:
            let split = budget.map { String(format: "; κ_col = %.4g, κ_sw = %.4g, α_eff = %.4g, H*τ_sw = %.4g", $0.split.kappaCollision, $0.split.kappaSoundWaves, $0.split.alphaEffective, $0.soundWavePeriod) } ?? ""
            let rows = fs.indices.map { i in ([fs[i], values[i]] + partValues.map { $0[i] }).map { "\($0)" }.joined(separator: ",") }
            try FiniteText.print(["# supercool spectrum: \(label); \(t.name); T* = \(source.temperature) GeV, g* = \(source.degreesOfFreedom), α = \(source.alpha), H*R* = \(source.hubbleRadius), v_w = \(source.wallVelocity); peak \(t.peakFrequency) Hz\(split)",
                                  (["f_Hz", "h2Omega_GW"] + partKeys).joined(separator: ",")] + rows, "the spectrum CSV")
        }
    }
}

/// Which PTA data: one set or NG15 + EPTA.
enum DataChoice: String, ExpressibleByArgument, CaseIterable {
    case ng15, ng15curn, epta, ppta, both

    // ArgumentParser's generic defaults give the same strings through key paths and runtime conformance lookups (each
    // lookup a scan of the binary's ~6,300 conformance records): ~1 M instructions of every call that declares --data.
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    static var allValueDescriptions: [String: String] { [:] }
    var defaultValueDescription: String { rawValue }

    var datasets: [FreeSpectrumData.Dataset] {
        switch self {
        case .ng15: return [.ng15]
        case .ng15curn: return [.ng15CURN]
        case .epta: return [.epta]
        case .ppta: return [.ppta]
        case .both: return [.ng15, .epta]
        }
    }
}

let sharedPulsarsNote = "NG15 and EPTA share pulsars: 'both' adds their ln L as if independent, which overcounts the common information."

func likelihoods(_ choice: DataChoice, bins: Int?, resources: ProjectResources) throws -> [PTALikelihood] {
    if bins != nil && choice == .both { throw UsageError("--bins cannot be combined with --data both (each set uses its own default: NG15 14, EPTA 9)") }
    return try choice.datasets.map { ds in
        do { return try PTALikelihood(data: try FreeSpectrumData(ds, resources: resources), bins: bins) } catch let e as PTALikelihood.Invalid {
            throw UsageError(e.description)
        }
    }
}

struct LikelihoodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "likelihood",
        abstract: "ln L of a power law h_c = A (f/f_yr)^{(3−γ)/2} (--powerlaw) or of a tabulated h²Ω_GW(f) (--spectrum FILE) against a PTA free spectrum.",
        discussion: """
            ln L is ceffyl's (2303.15442) less its constant N·ln d (JSON: ceffyl_offset per data set). --spectrum reads a CSV with \
            the header f_Hz,h2Omega_GW (further columns and #-comment lines are ignored; `supercool spectrum` writes one), \
            interpolated linearly in log f and log h²Ω; its frequencies must cover the bins used.
            """)

    @Flag(help: "Power-law mode: --log10A and --gamma.") var powerlaw = false
    @Option(help: "CSV file f_Hz,h2Omega_GW: score this tabulated spectrum (log-log interpolation).") var spectrum: String?
    @Option(name: .customLong("log10A"), parsing: .unconditional, help: "log10 of the amplitude A, in (−25, −5) (--powerlaw).") var log10A: Double?
    @Option(parsing: .unconditional, help: "Spectral index γ in (0, 10) (--powerlaw; default 13/3, SMBHBs).") var gamma: Double?
    @Option(help: "ng15 (HD), ng15curn, epta, ppta or both.") var data: DataChoice = .ng15
    @Option(parsing: .unconditional, help: "Number of frequency bins (default NG15 14, EPTA 9).") var bins: Int?
    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json)) var format: OutputFormat = .text

    func run() throws {
        guard powerlaw != (spectrum != nil) else {
            throw UsageError(powerlaw ? "--powerlaw and --spectrum cannot be combined: give one" : "likelihood needs --powerlaw (with --log10A) or --spectrum FILE (for a model point use supercool fit)")
        }
        let Ls: [PTALikelihood]
        let values: [Double]
        var fields: [(String, JSONValue)] = []
        var head: [String] = []
        if let path = spectrum {
            guard log10A == nil, gamma == nil else { throw UsageError("--log10A and --gamma apply to --powerlaw, not to --spectrum") }
            let table = try Self.readSpectrum(path)
            Ls = try likelihoods(data, bins: bins, resources: try ProjectResources.locate())
            for L in Ls {
                let needed = L.frequencies.first!...L.frequencies.last!
                if let missing = table.missingRange(of: needed) {
                    throw UsageError(String(format: "--spectrum %@: the table covers f = %.6g … %.6g Hz, but %@'s %d bins need %.6g … %.6g Hz: missing %@",
                                            path, table.frequencyRange.lowerBound, table.frequencyRange.upperBound, L.data.dataset.label, L.bins,
                                            needed.lowerBound, needed.upperBound, missing))
                }
            }
            values = Ls.map { $0.logLikelihood(spectrum: { table($0) }) }
            guard !values.contains(where: \.isNaN) else { throw InternalError("ln L of --spectrum \(path) is not a number (please report the command line)") }
            fields += [("spectrum", .string(path)), ("spectrum_points", .integer(table.frequencies.count)),
                       ("spectrum_f_Hz_range", .array([.number(table.frequencyRange.lowerBound), .number(table.frequencyRange.upperBound)]))]
            head.append(String(format: "spectrum %@: %d points, f = %.4g … %.4g Hz (log-log interpolation)", path, table.frequencies.count,
                               table.frequencyRange.lowerBound, table.frequencyRange.upperBound))
        } else {
            guard let log10A else { throw UsageError("--powerlaw needs --log10A in (−25, −5)") }
            let gamma = self.gamma ?? 13.0 / 3
            guard log10A.isFinite, log10A > -25, log10A < -5 else { throw UsageError("--log10A must be in (−25, −5), got \(log10A)") }
            guard gamma.isFinite, gamma > 0, gamma < 10 else { throw UsageError("--gamma must be in (0, 10), got \(gamma)") }
            Ls = try likelihoods(data, bins: bins, resources: try ProjectResources.locate())
            values = Ls.map { $0.logLikelihood(log10A: log10A, gamma: gamma) }
            fields += [("log10A", .number(log10A)), ("gamma", .number(gamma))]
        }
        let total = values.reduce(0, +)
        let what = spectrum == nil ? "the power law" : "the spectrum"
        switch format {
        case .json:
            fields.append(("lnL", total.isFinite ? .number(total) : .null))
            fields.append(("datasets", .array(zip(Ls, values).map { .object([("name", .string($0.data.dataset.rawValue)), ("bins", .integer($0.bins)),
                                                                                ("lnL", $1.isFinite ? .number($1) : .null),
                                                                                ("ceffyl_offset", .number(Double($0.bins) * log($0.data.gridStep)))]) })))
            if data == .both { fields.append(("note", .string(sharedPulsarsNote))) }
            if !total.isFinite { fields.append(("status", .string("\(what) exceeds the data grid in some bin: excluded"))) }
            print(try JSONValue.object(fields).rendered())
        default:
            var lines = head + zip(Ls, values).map { "\($0.data.dataset.label) (\($0.bins) bins): ln L = \($1.isFinite ? String($1) : "−∞ (above the data grid: excluded)")" }
            if data == .both { lines += ["sum: ln L = \(total.isFinite ? String(total) : "−∞ (excluded)")", "note: \(sharedPulsarsNote)"] }
            try FiniteText.print(lines, "the likelihood text")
        }
    }

    /// The --spectrum table; any problem is a usage error naming the file (exit 2).
    static func readSpectrum(_ path: String) throws -> TabulatedSpectrum {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw UsageError("--spectrum \(path): no such file")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw UsageError("--spectrum \(path): cannot read it as UTF-8 text")
        }
        do { return try TabulatedSpectrum(csv: text) } catch let e as TabulatedSpectrum.Invalid {
            throw UsageError("--spectrum \(path): \(e.description)")
        }
    }
}

struct FitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "ln L of a point's GW spectrum against PTA data, Δln L against the best SMBHB power law and against noise; --scan for a grid best fit.",
        discussion: "ln L is defined up to a constant per data set; differences are meaningful. --scan varies (T_p, α, H*R*) on a log grid (--grid N per axis).")

    @OptionGroup var sourceOptions: SourceOptions
    @Option(help: ArgumentHelp(TemplateKind.helpText)) var template: TemplateKind = .soundWaves
    @Option(help: "ng15 (HD), ng15curn, epta, ppta or both.") var data: DataChoice = .ng15
    @Option(parsing: .unconditional, help: "Number of frequency bins (default NG15 14, EPTA 9).") var bins: Int?
    @Flag(help: "Also add a γ = 13/3 SMBHB power law to the spectrum's ρ² (PTArcade-style), its amplitude refitted with the spectrum.") var withSMBHB = false
    @Flag(help: "Grid-scan (T_p, α, H*R*) for the best fit.") var scan = false
    @Option(parsing: .unconditional, help: "Grid points per axis for --scan, 2…60 (default 22).") var grid: Int?
    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json)) var format: OutputFormat = .text

    func run() async throws {
        guard scan || grid == nil else { throw UsageError("--grid applies to --scan only") }
        let grid = self.grid ?? 22
        guard (2...60).contains(grid) else { throw UsageError("--grid must be in 2…60, got \(grid)") }
        let resources = try ProjectResources.locate()
        let Ls = try likelihoods(data, bins: bins, resources: resources)
        let fit = PTAFit(likelihoods: Ls, template: template, withSMBHB: withSMBHB)
        let smbhbFits = fit.smbhbFits
        let noise = fit.noiseLogLikelihood, smbhb = fit.smbhbLogLikelihood
        // What was fitted: the template and, per data set, its bins.
        var fields: [(String, JSONValue)] = [("template", .string(template.rawValue)), ("data", .string(data.rawValue)),
                                             ("datasets", .array(Ls.map { .object([("name", .string($0.data.dataset.rawValue)), ("bins", .integer($0.bins))]) }))]
        var lines: [String] = ["template \(template.rawValue) (\(template.shortDescription)); data " + Ls.map { "\($0.data.dataset.label) (\($0.bins) bins)" }.joined(separator: " + ")]
        if !scan || sourceOptions.namesAPoint {
            let (source, label) = try sourceOptions.source(resources: resources, template: template, scan: scan)
            printNote(templateValidityNote(template, alpha: source.alpha))
            let evaluation = fit.evaluate(source)
            let value = evaluation.lnL
            guard !value.isNaN else { throw InternalError("ln L is not a number: the spectrum is not finite at some PTA frequency (please report the command line)") }
            fields += [("point", .string(label)), ("T_star_GeV", .number(source.temperature)), ("alpha", .number(source.alpha)), ("HR", .number(source.hubbleRadius)),
                       ("gstar", .number(source.degreesOfFreedom)), ("v_w", .number(source.wallVelocity)),
                       ("lnL", value.isFinite ? .number(value) : .null),
                       ("delta_lnL_vs_smbhb", value.isFinite ? .number(evaluation.deltaVersusSMBHB) : .null),
                       ("delta_lnL_vs_noise", value.isFinite ? .number(evaluation.deltaVersusNoise) : .null)]
            lines.append("\(label): T* = \(String(format: "%.4g", source.temperature)) GeV, α = \(String(format: "%.4g", source.alpha)), H*R* = \(String(format: "%.4g", source.hubbleRadius)), g* = \(String(format: "%.4g", source.degreesOfFreedom)), v_w = \(String(format: "%.4g", source.wallVelocity))")
            lines.append(value.isFinite ? String(format: "ln L = %.3f;  Δln L vs best SMBHB power law (γ = 13/3) = %+.3f;  vs noise only = %+.3f", value, evaluation.deltaVersusSMBHB, evaluation.deltaVersusNoise)
                                        : "ln L = −∞: the spectrum exceeds what the data allow in some bin (excluded)")
            if let refitted = evaluation.smbhbLog10A {
                fields.append(("smbhb_log10A_with_spectrum", .array(refitted.map { .number($0) })))
                lines.append("with the SMBHB power law (γ = 13/3) refitted alongside the spectrum: log10 A = "
                             + refitted.map { String(format: "%.3f", $0) }.joined(separator: ", "))
            }
        }
        fields += [("smbhb_log10A", .array(smbhbFits.map { .number($0.log10A) })), ("smbhb_lnL", .number(smbhb)), ("noise_lnL", .number(noise))]
        lines.append(String(format: "best SMBHB power law: log10 A = %@ (ln L = %.3f); noise only ln L = %.3f",
                            smbhbFits.map { String(format: "%.3f", $0.log10A) }.joined(separator: ", "), smbhb, noise))
        let floorLimited = Ls.filter { !$0.floorLimitedBins.isEmpty }
        if !floorLimited.isEmpty {
            let which = floorLimited.map { "\($0.data.dataset.label) bins \($0.floorLimitedBins.map(String.init).joined(separator: ", "))" }.joined(separator: "; ")
            let note = "noise-only ln L is floor-limited (\(which) sit at the KDE floor ln p = −36): 'vs noise only' is a lower bound"
            fields.append(("noise_note", .string(note)))
            lines.append("note: " + note)
        }
        if scan {
            if !sourceOptions.namesAPoint { try sourceOptions.rejectModelOnlyOptions("--scan") }
            let transition = try sourceOptions.transitionOptions.conventions()
            let plasma = try sourceOptions.plasma(transition, resources: resources)
            let fixedG = sourceOptions.gStar
            let kappa = try sourceOptions.checkedKappaCollision(template: template, scan: true)
            if template.usesEnergySplit && kappa == nil {
                throw UsageError("--scan with --template budget needs --kappa-col in [0, 1]: the grid's points have no walls to take the energy split from")
            }
            let n = grid
            // T_p ∈ [1 MeV, 1 GeV], α ∈ [0.1, 10⁴], H*R* ∈ [0.01, 3] (PTAGridScan's defaults).
            var gridScan = PTAGridScan(pointsPerAxis: n, wallVelocity: transition.wallVelocity,
                                       degreesOfFreedom: { fixedG ?? plasma.energyDegreesOfFreedom(at: $0) })
            gridScan.kappaCollision = kappa
            let found = await gridScan.best(fit)
            let best = (lnL: found.lnL, tp: found.percolationTemperature, alpha: found.alpha, hr: found.hubbleRadius)
            fields.append(("scan", .object([("grid_points", .integer(n * n * n)), ("v_w", .number(transition.wallVelocity)),
                                            ("gstar", fixedG.map { .number($0) } ?? .null),
                                            ("gstar_rule", .string(fixedG == nil ? "g*(T*) of the plasma at each grid point" : "fixed")),
                                            ("best_Tp_GeV", .number(best.tp)), ("best_alpha", .number(best.alpha)),
                                            ("best_HR", .number(best.hr)), ("best_lnL", best.lnL.isFinite ? .number(best.lnL) : .null),
                                            ("best_delta_lnL_vs_smbhb", best.lnL.isFinite ? .number(best.lnL - smbhb) : .null)])))
            lines.append(best.lnL.isFinite
                         ? String(format: "scan (%d points, T_p ∈ [1 MeV, 1 GeV], α ∈ [0.1, 10⁴], H*R* ∈ [0.01, 3]; v_w = %.4g, g* %@): best T_p = %.4g GeV, α = %.4g, H*R* = %.4g, ln L = %.3f (Δ vs SMBHB %+.3f)",
                                  n * n * n, transition.wallVelocity, fixedG.map { String(format: "= %.4g", $0) } ?? "= g*(T*) of the plasma",
                                  best.tp, best.alpha, best.hr, best.lnL, best.lnL - smbhb)
                         : "scan (\(n * n * n) points): every grid point exceeds the data in some bin (ln L = −∞, excluded)")
        }
        if data == .both { fields.append(("note", .string(sharedPulsarsNote))); lines.append("note: " + sharedPulsarsNote) }
        switch format {
        case .json: print(try JSONValue.object(fields).rendered())
        default: try FiniteText.print(lines, "the fit text")
        }
    }
}
