import ArgumentParser
import Foundation
import Bounce
import EffectivePotential
import TransitionHistory

struct BounceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounce",
        abstract: "O(3)/O(4) bounce action of a polynomial potential, or of the DarkU1 thermal potential at T.",
        discussion: """
        Polynomial: V(φ) = Σ c_n φⁿ from --polynomial c0,c1,c2,…; the false vacuum defaults to 0 and the \
        true vacuum is the global minimum (or --true-vacuum). Model: --bp BP1 --T 0.02 (or --v --lambda --g --T), \
        false vacuum φ = 0, true vacuum the broken minimum; prints S3 and S3/T (d = 3).
        JSON keys: action, action_over_T (model), phi0, log10_phi0_offset, true_vacuum, false_vacuum, \
        wall_radius, wall_thickness, derrick_ratio, shots, bracket_width, median_time_ms.
        Exit code 3 when there is no bounce (no barrier: S = 0; degenerate or inverted vacua).
        """)

    @Option(name: .customLong("polynomial"), parsing: .unconditional, help: "Coefficients c0,c1,c2,… of V(φ) = Σ c_n φⁿ.")
    var polynomial: String?

    @Option(name: .customLong("false-vacuum"), parsing: .unconditional, help: "False vacuum φ, a stationary point of V (polynomial mode only; default 0).")
    var falseVacuum: Double?

    @Option(name: .customLong("true-vacuum"), parsing: .unconditional, help: "True vacuum φ ≠ false vacuum, a minimum of V (polynomial mode only; default: the global minimum).")
    var trueVacuum: Double?

    @Option(parsing: .unconditional, help: "Euclidean dimension: 3 (thermal S3) or 4 (vacuum S4). Default 3.")
    var dimension: Int = 3

    @OptionGroup var model: ModelOptions
    @OptionGroup var conventionOptions: ConventionOptions

    @Option(name: .customLong("T"), parsing: .unconditional, help: "Temperature in GeV (model mode), in [1e-10 v, 100 v].")
    var temperature: Double?

    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json))
    var format: OutputFormat = .text

    @Option(help: "Write the profile (r, phi, dphi_dr) as CSV to this file.")
    var profile: String?

    @Option(parsing: .unconditional, help: "Solve this many times and report the median wall time (1…10000).")
    var `repeat`: Int = 1

    func run() throws {
        guard dimension == 3 || dimension == 4 else { throw UsageError("--dimension must be 3 or 4, got \(dimension)") }
        guard (1...10_000).contains(`repeat`) else { throw UsageError("--repeat must be in 1…10000, got \(`repeat`)") }
        if let path = profile { try OutputFile.validate(path, option: "--profile") }
        var solver = BounceSolver()
        solver.recordProfile = profile != nil

        let problem: BounceProblem
        var T: Double?
        var header: [(String, JSONValue)] = []
        if let text = polynomial {
            guard model.benchmarkPoint == nil, model.vev == nil, model.lambda == nil, model.gauge == nil, temperature == nil else {
                throw UsageError("--polynomial excludes the model options (--bp, --v, --lambda, --g, --T)")
            }
            if let option = conventionOptions.changedOption { throw UsageError("\(option) applies to the model bounce, not to --polynomial") }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let coefficients = try parts.map { part -> Double in
                guard let x = Double(part), x.isFinite else { throw UsageError("--polynomial: '\(part)' is not a finite number (expected c0,c1,c2,…)") }
                return x
            }
            guard coefficients.count >= 3 else { throw UsageError("--polynomial needs at least 3 coefficients (c0,c1,c2), got \(coefficients.count)") }
            let falseVacuum = self.falseVacuum ?? 0
            guard falseVacuum.isFinite else { throw UsageError("--false-vacuum must be a finite number") }
            let V = PolynomialPotential(coefficients: coefficients)
            if let given = self.falseVacuum, !PolynomialVacua.isStationary(V, at: given) {
                throw UsageError("--false-vacuum must be a stationary point of V (V'(φ) = 0), got φ = \(given) with V' = \(V.derivative(given))")
            }
            if let given = trueVacuum {
                guard given.isFinite else { throw UsageError("--true-vacuum must be a finite number") }
                guard given != falseVacuum else { throw UsageError("--true-vacuum must differ from the false vacuum (both \(given))") }
                guard PolynomialVacua.isStationary(V, at: given), V.secondDerivative(given) > 0 else {
                    throw UsageError("--true-vacuum must be a minimum of V (V' = 0, V'' > 0), got φ = \(given) with V' = \(V.derivative(given)), V'' = \(V.secondDerivative(given))")
                }
            }
            let tv: Double
            if let given = trueVacuum { tv = given } else {
                do { tv = try PolynomialVacua.globalMinimum(of: V, falseVacuum: falseVacuum) } catch {
                    switch error {
                    case .unboundedBelow: throw UsageError("--polynomial: \(error.description); give --true-vacuum")
                    case .onlyTheFalseVacuum: throw PhysicsOutcome("no tunnelling: \(error.description)")
                    }
                }
            }
            problem = BounceProblem(potential: V, falseVacuum: falseVacuum, trueVacuum: tv, dimension: Double(dimension))
            header = [("potential", .string("polynomial")), ("coefficients", .array(coefficients.map { .number($0) }))]
        } else {
            guard falseVacuum == nil, trueVacuum == nil else {
                throw UsageError("--false-vacuum/--true-vacuum apply to --polynomial only; the model's vacua are φ = 0 and the broken minimum")
            }
            let (darkU1, _) = try model.resolve()
            guard let t = temperature else { throw UsageError("missing --T (temperature in GeV, > 0) for the model bounce") }
            // Below 1e-10 v V_eff is its T = 0 value (and not finite below ~1e-150 v): S3/T carries no information.
            guard (1e-10 * darkU1.vev...100 * darkU1.vev).contains(t) else {
                throw UsageError("--T must be in [1e-10 v, 100 v] = [\(1e-10 * darkU1.vev), \(100 * darkU1.vev)] GeV, got \(t)")
            }
            T = t
            let V = ThermalEffectivePotential(model: darkU1, conventions: conventionOptions.conventions)
            switch ThermalTunnelling(potential: V, solver: solver).problem(temperature: t, dimension: Double(dimension)) {
            case .success(let p): problem = p
            case .failure(let none):
                switch none.outcome {
                case .barrierVanished: throw PhysicsOutcome("barrier vanished: the origin is not a minimum at T = \(t) GeV: no barrier, S = 0")
                case .noTunnelling(let why): throw PhysicsOutcome("no tunnelling: \(why)")
                case .failed(let why): throw PhysicsOutcome("bounce failed: \(why)")
                case .bounce: throw PhysicsOutcome("internal error: unexpected bounce")
                }
            }
            header = [("potential", .string("DarkU1 thermal")), ("inputs", modelJSON(darkU1)), ("T_GeV", .number(t)),
                      ("conventions", conventionsJSON(conventionOptions.conventions))]
        }

        var times = [Double]()
        var outcome: BounceOutcome = .failed(.invalidProblem("not run"))
        for _ in 0..<`repeat` {
            let start = DispatchTime.now().uptimeNanoseconds
            outcome = solver.solve(problem)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let median = times[times.count / 2]

        let b: BounceSolution
        switch outcome {
        case .bounce(let found): b = found
        case .barrierVanished: throw PhysicsOutcome("barrier vanished: no barrier between φ_false = \(problem.falseVacuum) and φ_true = \(problem.trueVacuum): S = 0")
        case .noTunnelling(let why): throw PhysicsOutcome("no tunnelling: \(why)")
        case .failed(let why): throw PhysicsOutcome("bounce failed: \(why)")
        }
        if let path = profile, let points = b.profile {
            var csv = "# bounce profile, d = \(dimension); r in 1/[field unit] (1/GeV for the model)\nr,phi,dphi_dr\n"
            for p in points { csv += "\(p.r),\(p.phi),\(p.dphi)\n" }
            try FiniteText.check(csv, "the bounce profile")
            try OutputFile.write(csv, to: path, option: "--profile")
        }
        let actionName = dimension == 3 ? "S3" : "S4"
        switch format {
        case .json:
            var fields = header
            fields += [("dimension", .integer(dimension)), ("action", .number(b.action))]
            if let t = T { fields.append(("action_over_T", .number(b.action / t))) }
            fields += [
                ("phi0", .number(b.phi0)), ("log10_phi0_offset", .number(b.log10Phi0Offset)),
                ("true_vacuum", .number(b.trueVacuum)), ("false_vacuum", .number(b.falseVacuum)),
                ("wall_radius", .number(b.wallRadius)), ("wall_thickness", .number(b.wallThickness)),
                ("derrick_ratio", .number(b.derrickRatio)), ("kinetic_action", .number(b.kineticAction)),
                ("shots", .integer(b.shots)), ("bracket_width", .number(b.bracketWidth)),
                ("median_time_ms", .number(median)), ("repeats", .integer(`repeat`)),
            ]
            print(try JSONValue.object(fields).rendered())
        default:
            try FiniteText.print([
                "\(actionName) = \(b.action)" + (T.map { "   \(actionName)/T = \(b.action / $0)" } ?? ""),
                "φ(0) = \(b.phi0)   (log10|φ(0) − φ_true| = \(b.log10Phi0Offset))   true vacuum \(b.trueVacuum), false vacuum \(b.falseVacuum)",
                "wall radius \(b.wallRadius), thickness \(b.wallThickness)",
                "Derrick ratio S/S_kin = \(b.derrickRatio)   shots \(b.shots)   bracket width in ln A \(b.bracketWidth)",
                "time per bounce (median of \(`repeat`)): \(String(format: "%.3f", median)) ms",
            ], "the bounce text")
        }
    }
}
