import ArgumentParser
import Foundation
import SupercoolNumerics
#if canImport(Glibc)
import Glibc
#endif
import Bounce
import EffectivePotential
import TransitionHistory
import Cosmology
import GravitationalWaves
import PulsarTiming

/// Performance benchmark (run with `swift run -c release supercool bench`): wall-clock medians, one core.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time bounces (thick, mid, thin walls; DarkU1 at several T) and the thermal functions.",
        discussion: "Build in release mode for meaningful numbers: swift run -c release supercool bench")

    @Option(parsing: .unconditional, help: "Repetitions per case (median reported), 1…1000.")
    var `repeat`: Int = 15

    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json))
    var format: OutputFormat = .text

    struct Case {
        let name: String
        let problem: BounceProblem
        /// Thermal cases: the per-temperature table of V and V′ is built inside the timed loop (it is part of a bounce).
        var rebuild: (() -> BounceProblem)? = nil
    }

    func run() throws {
        guard (1...1000).contains(`repeat`) else { throw UsageError("--repeat must be in 1…1000, got \(`repeat`)") }
        var cases = [Case]()
        // V = 6bφ² − 4(1+b)φ³ + 3φ⁴: false vacuum 0, true vacuum 1, barrier top b; r = ΔV/barrier height.
        // b from benchmarks/compare_cosmotransitions.py (b = c2/6 of its coefficient lists).
        let family: [(String, Double)] = [("thick r=100", 0.931182681 / 6), ("thick r=10", 1.7429110158 / 6), ("mid r=1", 2.6125232682 / 6),
                                          ("thin r=0.1", 2.9463943644 / 6), ("thin r=0.01", 2.9944029462 / 6), ("thin r=0.001", 2.9994377808 / 6)]
        for (name, b) in family {
            let V = PolynomialPotential(coefficients: [0, 0, 6 * b, -4 * (1 + b), 3])
            for d in [3.0, 4.0] {
                cases.append(Case(name: "polynomial \(name) d=\(Int(d))", problem: BounceProblem(potential: V, falseVacuum: 0, trueVacuum: 1, dimension: d)))
            }
        }
        let model = try DarkU1(vev: 1, lambda: 0.006, gauge: 0.75)
        let potential = ThermalEffectivePotential(model: model)
        let tunnelling = ThermalTunnelling(potential: potential)
        guard let Tc = try tunnelling.phases.criticalTemperature() else { throw PhysicsOutcome("benchmark model has no T_c") }
        var temperatures: [(String, Double)] = [0.01, 0.02, 0.05, 0.1].map { ("T/v=\($0)", $0) }
        temperatures += [1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 1e-5, 1e-6].map { ("1-T/Tc=\($0)", Tc * (1 - $0)) }
        func thermalCase(_ name: String, _ T: Double) -> Case? {
            guard case .success(let problem) = tunnelling.problem(temperature: T) else { return nil }
            return Case(name: "DarkU1 BP2 \(name)", problem: problem, rebuild: {
                BounceProblem(potential: tunnelling.tabulatedPotential(temperature: T, trueVacuum: problem.trueVacuum),
                              falseVacuum: problem.falseVacuum, trueVacuum: problem.trueVacuum, dimension: problem.dimension)
            })
        }
        cases += temperatures.compactMap { thermalCase($0.0, $0.1) }
        // A sweep for the worst case: 40 temperatures log-spaced in 1 − T/T_c from 1e-2 to 10^-6.5, 20 from T = 0.01 v to 0.2 v.
        var sweep = [Case]()
        let sweepSize = 40 + 20
        for k in 0..<40 {
            let distance = pow(10, -2 - 4.5 * Double(k) / 39)
            if let c = thermalCase(String(format: "1-T/Tc=%.3g", distance), Tc * (1 - distance)) { sweep.append(c) }
        }
        for k in 0..<20 {
            let T = 0.01 + 0.01 * Double(k)
            if let c = thermalCase(String(format: "T/v=%.3g", T), T) { sweep.append(c) }
        }

        let solver = BounceSolver()
        typealias Row = (name: String, action: Double?, median: Double, shots: Int, note: String)
        func timed(_ c: Case) -> Row {
            var times = [Double]()
            var outcome: BounceOutcome = .failed(.invalidProblem("not run"))
            for _ in 0..<`repeat` {
                let start = DispatchTime.now().uptimeNanoseconds
                outcome = solver.solve(c.rebuild?() ?? c.problem)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            let b = outcome.bounce
            return (c.name, b?.action, SampleStatistics.median(times) ?? 0, b?.shots ?? 0, b == nil ? "\(outcome)" : "")
        }
        let rows = cases.map(timed)
        let sweepRows = sweep.map(timed)
        let sweepSorted = sweepRows.sorted { $0.median < $1.median }
        // (Every temperature of the sweep has a tunnelling problem for this model; an empty sweep would be a bug.)
        guard let sweepWorst = sweepSorted.last else { throw InternalError("bench: no temperature of the DarkU1 sweep could be set up") }
        let sweepMedian = SampleStatistics.median(sweepRows.map(\.median)) ?? 0
        // Temperatures without a bounce, including those whose problem could not be set up.
        let sweepFailures = sweepRows.filter { $0.action == nil }.count + (sweepSize - sweep.count)

        // Thermal functions and V_eff: nanoseconds per call.
        let J = ThermalFunctions.standard
        func nanoseconds(_ n: Int, _ body: (Int) -> Double) -> Double {
            var sink = 0.0
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<n { sink += body(i) }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
            if sink == .infinity { print("") }
            return elapsed / Double(n)
        }
        let n = 200_000
        let jbNegative = nanoseconds(n) { J.bosonic(-500 + Double($0 % 1000) * 0.49) }
        let jbPositive = nanoseconds(n) { J.bosonic(Double($0 % 1000) * 2.0 + 0.01) }
        let veff = nanoseconds(n) { potential.valueAndDerivative(Double($0 % 1000) * 1e-3, temperature: 0.02).derivative }

        // PTA: one sound-wave spectrum against NG15 (14 bins), and a 10⁴-point (T*, α, H*R*) grid.
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: try ProjectResources.locate()), bins: 14)
        let source = GWSource(temperature: 0.05, degreesOfFreedom: 16, alpha: 400, hubbleRadius: 0.3, wallVelocity: 1)
        let likelihoodNs = nanoseconds(100_000) { i in
            var s = source
            s.hubbleRadius = 0.3 + 1e-6 * Double(i % 100)
            let t = SoundWaveTemplate(source: s)
            return L.logLikelihood(spectrum: { t.energyDensity(frequency: $0) })
        }
        let collisionNs = nanoseconds(100_000) { i in
            var s = source
            s.hubbleRadius = 0.3 + 1e-6 * Double(i % 100)
            let t = LewickiVaskonenTemplate(source: s)
            return L.logLikelihood(spectrum: { t.energyDensity(frequency: $0) })
        }
        let gridStart = DispatchTime.now().uptimeNanoseconds
        var bestGrid = -Double.infinity
        for i in 0..<22 { for j in 0..<22 { for k in 0..<22 {
            let s = GWSource(temperature: 1e-3 * pow(1000, Double(i) / 21), degreesOfFreedom: 15, alpha: 0.1 * pow(1e5, Double(j) / 21),
                             hubbleRadius: 0.01 * pow(300, Double(k) / 21), wallVelocity: 1)
            let t = SoundWaveTemplate(source: s)
            bestGrid = max(bestGrid, L.logLikelihood(spectrum: { t.energyDensity(frequency: $0) }))
        } } }
        let gridMs = Double(DispatchTime.now().uptimeNanoseconds - gridStart) / 1e6

        // Loading a PTA table: the binary form the program reads, and the CSV (medians of 11 loads, milliseconds).
        let resources = try ProjectResources.locate()
        func medianMs(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
            var t = [Double]()
            for _ in 0..<n {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                t.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return SampleStatistics.median(t) ?? 0
        }
        let loadBinaryMs = try medianMs(11) { _ = try FreeSpectrumData(.ng15, resources: resources) }
        let loadCSVMs = try medianMs(11) { _ = try FreeSpectrumData(.ng15, csvFrom: resources) }
        // Whole calls of this executable (process start to exit, as a shell sees them): medians of 21.
        let cli = try Self.commandLineFigures(runs: 21)

        let medianAll = SampleStatistics.median(rows.map(\.median)) ?? 0
        let machine = Self.machineDescription()
        let optimized = !_isDebugAssertConfiguration()
        switch format {
        case .json:
            let json = JSONValue.object([
                ("schema", .integer(2)), ("machine", .string(machine)), ("optimized_build", .bool(optimized)),
                ("load_average", .optional(Self.loadAverage())), ("repeats", .integer(`repeat`)),
                ("cases", .array(rows.map { .object([("name", .string($0.name)), ("action", .optional($0.action)),
                                                     ("median_ms", .number($0.median)), ("shots", .integer($0.shots)), ("note", .string($0.note))]) })),
                ("median_of_medians_ms", .number(medianAll)),
                ("darku1_sweep_cases", .integer(sweepRows.count)), ("darku1_sweep_median_ms", .number(sweepMedian)),
                ("darku1_sweep_max_ms", .number(sweepWorst.median)), ("darku1_sweep_max_case", .string(sweepWorst.name)),
                ("darku1_sweep_max_shots", .integer(sweepRows.map { $0.shots }.max() ?? 0)), ("darku1_sweep_failures", .integer(sweepFailures)),
                ("darku1_sweep", .array(sweepRows.map { .object([("name", .string($0.name)), ("action", .optional($0.action)),
                                                                 ("median_ms", .number($0.median)), ("shots", .integer($0.shots))]) })),
                ("J_B_ns_negative_y", .number(jbNegative)), ("J_B_ns_positive_y", .number(jbPositive)),
                ("V_eff_with_derivative_ns", .number(veff)),
                ("likelihood_ng15_14bins_us", .number(likelihoodNs / 1000)), ("likelihood_collision_template_us", .number(collisionNs / 1000)), ("grid_10648_points_ms", .number(gridMs)),
                ("pta_ng15_load_binary_ms", .number(loadBinaryMs)), ("pta_ng15_load_csv_ms", .number(loadCSVMs)),
                ("cli_runs", .integer(cli.runs)), ("cli_help_ms", .number(cli.help)), ("cli_likelihood_help_ms", .number(cli.likelihoodHelp)),
                ("cli_likelihood_powerlaw_ms", .number(cli.likelihood)),
            ])
            print(try json.rendered())
        default:
            print("machine: \(machine); load average \(Self.loadAverage().map { String($0) } ?? "unknown"); median of \(`repeat`) runs per case, one core")
            print("case".padding(toLength: 34, withPad: " ", startingAt: 0) + "action".padding(toLength: 24, withPad: " ", startingAt: 0) + "median [ms]   shots")
            for r in rows {
                let action = r.action.map { String(format: "%.10g", $0) } ?? r.note
                print(r.name.padding(toLength: 34, withPad: " ", startingAt: 0) + action.padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: "%9.3f", r.median) + "   \(r.shots)")
            }
            print(String(format: "median over cases: %.3f ms", medianAll))
            print(String(format: "DarkU1 BP2 sweep (%ld temperatures, 1 − T/T_c = 1e-2 … 10^-6.5 and T = 0.01 … 0.2 v): median %.3f ms, max %.3f ms (%@, %ld shots), most shots %ld, failures %ld",
                         sweepRows.count, sweepMedian, sweepWorst.median, sweepWorst.name, sweepWorst.shots, sweepRows.map { $0.shots }.max() ?? 0, sweepFailures))
            print("  slowest: " + sweepSorted.suffix(5).reversed().map { String(format: "%@ %.3f ms (%ld shots)", $0.name, $0.median, $0.shots) }.joined(separator: ", "))
            print(String(format: "J_B: %.1f ns (y < 0), %.1f ns (y > 0); V_eff + dV/dφ (DarkU1): %.1f ns", jbNegative, jbPositive, veff))
            print(String(format: "PTA: ln L of one sound-wave spectrum vs NG15 (14 bins) %.2f µs (collision template %.2f µs); 22³ = 10648-point (T*, α, H*R*) grid %.1f ms (best ln L %.2f)",
                         likelihoodNs / 1000, collisionNs / 1000, gridMs, bestGrid))
            print(String(format: "PTA table NG15 loaded in %.2f ms (binary form; the CSV %.1f ms)", loadBinaryMs, loadCSVMs))
            print(String(format: "whole calls (median of %ld, process start to exit): --help %.1f ms, likelihood --help %.1f ms, likelihood --powerlaw %.1f ms%@",
                         cli.runs, cli.help, cli.likelihoodHelp, cli.likelihood, optimized ? "" : " (debug build)"))
        }
    }

    /// Median wall time (ms) of whole calls of this executable, as a shell sees them (fork, exec, dynamic linking, argument
    /// parsing, the work, exit): `--help`, `likelihood --help`, `likelihood --powerlaw` (NG15, 14 bins; loads its table).
    static func commandLineFigures(runs: Int) throws -> (runs: Int, help: Double, likelihoodHelp: Double, likelihood: Double) {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        // posix_spawn and waitpid, not Foundation's Process (whose exit monitoring added a constant ~50 ms here).
        func median(_ arguments: [String]) throws -> Double {
            var t = [Double]()
            for _ in 0..<runs {
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
                let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
                defer { argv.forEach { free($0) } }
                var pid: pid_t = 0, status: Int32 = 0
                let start = DispatchTime.now().uptimeNanoseconds
                guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
                    throw InternalError("bench: cannot start \(executable)")
                }
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                t.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                // WIFEXITED and WEXITSTATUS: low 7 bits 0 (exited), exit code in bits 8…15.
                guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
                    throw InternalError("bench: `supercool \(arguments.joined(separator: " "))` ended with wait status \(status)")
                }
            }
            return SampleStatistics.median(t) ?? 0
        }
        return (runs, try median(["--help"]), try median(["likelihood", "--help"]),
                try median(["likelihood", "--powerlaw", "--log10A", "-14.6", "--data", "ng15", "--bins", "14", "--format", "json"]))
    }

    /// The 1-minute load average (/proc/loadavg): timings on a shared machine are only comparable at similar load.
    static func loadAverage() -> Double? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.flatMap { Double($0) }
    }

    static func machineDescription() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}
