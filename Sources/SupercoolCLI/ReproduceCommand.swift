import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import TransitionHistory

struct ReproduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Compute BP1–BP4 from (v, λ, g) alone and compare with the published table (arXiv:2501.15649).",
        discussion: """
        Points run in parallel. JSON: {"points":[{"name","inputs":{v_GeV,lambda,g},"computed":{Tp_MeV,HR,alpha,m_phi_GeV,m_Zp_GeV,\
        Tn_MeV,Tf_MeV,Treh_MeV,beta_over_H,completes,…},"published":{…},"relative_deviation":{…}}]} (null where a quantity does not exist).
        """)

    @Option(help: "A JSON file with one benchmark point or an array of them (default: BenchmarkPoints/*.json).")
    var points: String?

    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json))
    var format: OutputFormat = .text

    @Flag(help: "Run the matrix of convention variants and report each quantity's spread (theory uncertainty).")
    var explore = false

    @Flag(help: "Find the g inside the printed rounding interval that reproduces each published T_p.")
    var calibrate = false

    @Option(name: .customLong("g-half-width"), parsing: .unconditional, help: "Half-width of g's rounding interval for --calibrate, in (0, 0.1) (default 0.0005: g printed as 0.750).")
    var gHalfWidthOption: Double?

    func validate() throws {
        // ValidationError: ArgumentParser wraps other errors thrown here, which would lose exit code 2.
        guard !(explore && calibrate) else { throw ValidationError("--explore and --calibrate exclude each other") }
        guard calibrate || gHalfWidthOption == nil else { throw ValidationError("--g-half-width applies to --calibrate only") }
    }

    func run() async throws {
        guard format != .csv else { throw UsageError("--format for reproduce must be text or json") }
        let gHalfWidth = gHalfWidthOption ?? 0.0005
        guard gHalfWidth.isFinite, gHalfWidth > 0, gHalfWidth < 0.1 else { throw UsageError("--g-half-width must be in (0, 0.1), got \(gHalfWidth)") }
        let resources = try ProjectResources.locate()
        let benchmarks: [BenchmarkPoint]
        if let path = points {
            guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("--points: cannot read \(path)") }
            do { benchmarks = try BenchmarkPoint.parse(data, file: path) } catch let e as UsageError { throw UsageError("--points: \(e.description)") }
        } else {
            benchmarks = try BenchmarkPoint.available(in: resources).map { try BenchmarkPoint.load(named: $0, from: resources) }
        }
        let potentialConventions = conventionOptions.conventions
        let conventions = try transitionOptions.conventions()
        let models = try benchmarks.map { bp -> (BenchmarkPoint, any ParticleModel) in
            do { return (bp, try bp.model.make(vev: bp.vev, lambda: bp.lambda, gauge: bp.gauge, yukawa: bp.yukawa)) } catch {
                throw UsageError("\(bp.name): \(error)")
            }
        }
        func darkU1Points() throws -> [(name: String, model: DarkU1, published: BenchmarkPoint.Published?)] {
            try models.map { bp, model in
                guard let d = model as? DarkU1 else { throw UsageError("--explore and --calibrate run darku1 points only; \(bp.name) is \(bp.model.rawValue)") }
                return (bp.name, d, bp.published)
            }
        }
        if explore || calibrate {
            let list = try darkU1Points()
            if explore {
                try await exploreConventions(points: list, potential: potentialConventions, transition: conventions, resources: resources, format: format)
            } else {
                try await SupercoolCLI.calibrate(points: list, potential: potentialConventions, transition: conventions, resources: resources, gauge: gHalfWidth, format: format)
            }
            return
        }
        let start = Date()
        FileHandle.standardError.write("computing \(models.count) points in parallel …\n".data(using: .utf8)!)
        let reports = try await withThrowingTaskGroup(of: PointReport.self) { group in
            for (bp, model) in models {
                group.addTask {
                    let report = try runPoint(name: bp.name, model: model, published: bp.published, potentialConventions: potentialConventions,
                                              conventions: conventions, resources: resources)
                    FileHandle.standardError.write(String(format: "  %@ done in %.2f s\n", bp.name, report.seconds).data(using: .utf8)!)
                    return report
                }
            }
            var all = [PointReport]()
            for try await r in group { all.append(r) }
            return all.sorted { $0.name < $1.name }
        }
        let elapsed = Date().timeIntervalSince(start)
        switch format {
        case .json:
            print(try JSONValue.object([
                ("source", .string(points == nil ? "arXiv:2501.15649 benchmark table (published values are references only)"
                                                  : "\(points!) (published values are references only; each point names its source)")),
                ("conventions", .object([("potential", conventionsJSON(potentialConventions)), ("transition", transitionJSON(conventions))])),
                ("points", .array(reports.map(\.json))), ("wall_seconds", .number(elapsed)),
            ]).rendered())
        default:
            print("Supercool reproduce — conventions: \(potentialConventions.label); \(transitionLabel(conventions))")
            try printTable(reports)
            print(String(format: "wall time %.2f s", elapsed))
        }
    }
}

struct PointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "Transition history of one point (--model darku1 or conformal-u1): T_n, T_p, T_f, completion, α, β/H, H*R*, T_reh.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json))
    var format: OutputFormat = .text

    @Flag(help: "Run the matrix of convention variants and report each quantity's spread (theory uncertainty).")
    var explore = false

    func run() async throws {
        guard format != .csv else { throw UsageError("--format for point must be text or json") }
        let (anyModel, bp) = try model.resolveAny()
        let resources = try ProjectResources.locate()
        if explore {
            guard let darkU1 = anyModel as? DarkU1 else { throw UsageError("--explore runs darku1 points only") }
            try await exploreConventions(points: [(name: bp?.name ?? "point", model: darkU1, published: bp?.published)],
                                         potential: conventionOptions.conventions, transition: try transitionOptions.conventions(),
                                         resources: resources, format: format)
            return
        }
        let report = try runPoint(name: bp?.name ?? "point", model: anyModel, published: bp?.published,
                                  potentialConventions: conventionOptions.conventions, conventions: try transitionOptions.conventions(),
                                  resources: resources)
        switch format {
        case .json: print(try report.json.rendered())
        default:
            print("conventions: \(conventionOptions.conventions.label); \(transitionLabel(try transitionOptions.conventions()))")
            try printTable([report])
        }
    }
}

func transitionLabel(_ c: TransitionConventions) -> String {
    let g: String
    switch c.degreesOfFreedom {
    case nil where c.darkDegreesOfFreedomCount == .freeEnergy:
        g = "g* = g*_SM(T) + the one-loop free energy's dark count (false vacuum; massive dark species after reheating)"
    case nil: g = "g* = g*_SM(T) + model dof (light in the false vacuum, massive after reheating)"
    case .standardModelPlusDark(let d)?: g = "g* = g*_SM(T) + \(d)"
    case .standardModelPlusMassive?: g = "g* = g*_SM(T) + massive dark species"
    case .constant(let x)?: g = "g* = \(x)"
    }
    return "v_w = \(c.wallVelocity), I_p = \(c.percolationThreshold), prefactor \(c.ratePrefactor.rawValue), R* from \(c.radiusDefinition.rawValue), \(g)"
}

func transitionJSON(_ c: TransitionConventions) -> JSONValue {
    var fields: [(String, JSONValue)] = [("wall_velocity", .number(c.wallVelocity)), ("percolation_threshold", .number(c.percolationThreshold)),
                                         ("rate_prefactor", .string(c.ratePrefactor.rawValue)), ("radius", .string(c.radiusDefinition.rawValue))]
    switch c.degreesOfFreedom {
    case nil where c.darkDegreesOfFreedomCount == .freeEnergy:
        fields.append(("gstar", .string("SM(T) + model (free-energy count in the false vacuum, massive species after reheating)")))
        fields.append(("gstar_dark", .string(c.darkDegreesOfFreedomCount.rawValue)))
    case nil: fields.append(("gstar", .string("SM(T) + model (light dof in the false vacuum, massive species after reheating)")))
    case .standardModelPlusDark(let d)?: fields.append(("gstar_dark", .number(d)))
    case .standardModelPlusMassive?: fields.append(("gstar", .string("SM(T) + massive dark species")))
    case .constant(let x)?: fields.append(("gstar_constant", .number(x)))
    }
    return .object(fields)
}
