import ArgumentParser
import Foundation
import SupercoolNumerics
import Cosmology
import ParameterScan
import PTAInference
import TransitionHistory

extension EmulatorCheck.Sampling: ExpressibleByArgument {}

/// `supercool emulator`: build the S3/T emulator over (λ, g/g_roll − 1) and measure its error against direct runs.
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "The S3/T emulator over (λ, g/g_roll − 1) that model-parameter inference uses: build it, check it.",
        discussion: "README \"Inference over the model's parameters\".",
        subcommands: [EmulatorBuildCommand.self, EmulatorCheckCommand.self])
}

struct EmulatorBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Tabulate S3/T(T/v), ΔV/v⁴, T_c/v, T_0/v at a grid of (λ, g/g_roll − 1) nodes (one prepare() per node) and write it (JSON).",
        discussion: """
        Default grid: λ log-spaced over [1e-3, 3e-2] (16 nodes), g/g_roll − 1 over [−0.02, 0.025] evenly in asinh(x/1e-4) \
        (96 nodes); default conventions (daisy ae, scalars hightl). Progress on stderr.
        """)

    @Option(name: .shortAndLong, help: "Output file (JSON).") var output: String
    @Option(parsing: .unconditional, help: "λ range LO:HI (log-spaced nodes). Default 1e-3:3e-2.") var lambda: String = "1e-3:3e-2"
    @Option(name: .customLong("lambda-nodes"), parsing: .unconditional, help: "λ nodes, 4…400. Default 16.") var lambdaNodes: Int = 16
    @Option(name: .customLong("g-rel"), parsing: .unconditional, help: "g/g_roll − 1 range LO:HI. Default -0.02:0.025.") var gRel: String = "-0.02:0.025"
    @Option(name: .customLong("g-rel-nodes"), parsing: .unconditional, help: "g_rel nodes, 4…2000. Default 96.") var gRelNodes: Int = 96
    @Option(name: .customLong("g-rel-width"), parsing: .unconditional, help: "Width w of the asinh(g_rel/w) node spacing, > 0. Default 1e-4.") var width: Double = 1e-4
    @Option(parsing: .unconditional, help: "Points per tabulated curve, 16…2000. Default \(ActionCurveEmulator.defaultPoints).") var points: Int = ActionCurveEmulator.defaultPoints
    @Option(parsing: .unconditional, help: "Parallel nodes. Default: the cores.") var jobs: Int?
    @Flag(help: "No progress lines.") var quiet = false

    func run() async throws {
        try OutputFile.validate(output, option: "--output")
        guard (4...400).contains(lambdaNodes) else { throw UsageError("--lambda-nodes must be in 4…400, got \(lambdaNodes)") }
        guard (4...2000).contains(gRelNodes) else { throw UsageError("--g-rel-nodes must be in 4…2000, got \(gRelNodes)") }
        guard (16...2000).contains(points) else { throw UsageError("--points must be in 16…2000, got \(points)") }
        guard width > 0, width.isFinite else { throw UsageError("--g-rel-width must be > 0, got \(width)") }
        let (l0, l1) = try range(lambda, option: "--lambda")
        guard l0 > 0, l1 < 4 * Double.pi else { throw UsageError("--lambda must lie in (0, 4π), got \(lambda)") }
        let (g0, g1) = try range(gRel, option: "--g-rel")
        guard g0 > -1 else { throw UsageError("--g-rel must lie above −1 (g > 0), got \(gRel)") }
        let resources = try ProjectResources.locate()
        let table = try StandardModelDegreesOfFreedom(resources: resources)
        let first = try ActionCurveEmulator.Axis.even(name: "lambda", from: l0, to: l1, count: lambdaNodes, scale: .logarithmic)
        let second = try ActionCurveEmulator.Axis.even(name: "g_rel", from: g0, to: g1, count: gRelNodes, scale: .asinh(width: width))
        let quiet = self.quiet, last = LastPrinted(), start = Date()
        let emulator = try await ActionCurveEmulator.build(
            family: DarkU1Plane.name, first: first, second: second, model: DarkU1Plane.family, standardModel: table, points: points,
            jobs: try defaultJobs(jobs), codeVersion: ScanStore.codeVersion) { done, total in
                guard !quiet, done == total || last.due() else { return }
                FileHandle.standardError.write(String(format: "[emulator] %ld / %ld nodes, %.0f s\n", done, total, Date().timeIntervalSince(start)).data(using: .utf8)!)
            }
        try OutputFile.write(try emulator.json(), to: output, option: "--output")
        let counts = Dictionary(grouping: emulator.nodes, by: \.kind).mapValues(\.count)
        print(String(format: "%ld nodes in %.1f s: ", emulator.nodes.count, emulator.buildSeconds)
              + counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
    }
}

struct EmulatorCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Measure the emulator's error: T_p, α, H*R* and the outcome at random held-out points against direct computations.",
        discussion: "Points uniform in the emulator's axis coordinates and in log10 v. Prints quantiles of |ΔT_p/T_p| and the points beyond --tolerance.")

    @Option(help: "The emulator file (from `supercool emulator build`).") var emulator: String
    @Option(parsing: .unconditional, help: "Held-out points, 1…100000. Default 200.") var points: Int = 200
    @Option(parsing: .unconditional, help: "Seed. Default 1.") var seed: UInt64 = 1
    @Option(help: "grid (uniform in the axes' coordinates: dense near g_roll, the hardest region; default) or prior (log-uniform λ, uniform g_rel: the inference's default prior).") var sample: EmulatorCheck.Sampling = .grid
    @Option(name: .customLong("log10-v"), parsing: .unconditional, help: "log10(v/GeV) range LO:HI. Default -2:3.") var log10V: String = "-2:3"
    @Option(parsing: .unconditional, help: "Relative T_p tolerance reported against. Default 0.005.") var tolerance: Double = 0.005
    @Option(parsing: .unconditional, help: "Parallel points. Default: the cores.") var jobs: Int?
    @Option(help: "Write every point (CSV: lambda,g_rel,v_GeV,route,direct_outcome,emulated_outcome,Tp_direct_GeV,Tp_emulated_GeV,alpha_direct,alpha_emulated,HR_direct,HR_emulated; route emulated|excluded_by_nodes|direct|failed; empty cells where a quantity does not exist).") var csv: String?
    @Option(name: .customLong("max-beyond"), parsing: .unconditional, help: "Exit 1 if more than this fraction (0…1) of the emulated points that percolate miss --tolerance, or whether a point completes differs (emulated, or settled from the nodes) from the direct run, or a point fails to compute. Default: report only.") var maxBeyond: Double?
    @Flag(help: "No progress lines.") var quiet = false

    func run() async throws {
        guard (1...100_000).contains(points) else { throw UsageError("--points must be in 1…100000, got \(points)") }
        guard tolerance > 0, tolerance.isFinite else { throw UsageError("--tolerance must be > 0, got \(tolerance)") }
        if let maxBeyond { guard (0...1).contains(maxBeyond) else { throw UsageError("--max-beyond must be in [0, 1], got \(maxBeyond)") } }
        if let csv { try OutputFile.validate(csv, option: "--csv") }
        let (v0, v1) = try range(log10V, option: "--log10-v")
        guard v0 >= -12, v1 <= 16 else { throw UsageError("--log10-v must lie in [−12, 16], got \(log10V)") }
        let e = try loadEmulator(emulator)
        let table = try StandardModelDegreesOfFreedom(resources: try ProjectResources.locate())
        let quiet = self.quiet, last = LastPrinted(), start = Date()
        let check = try await EmulatorCheck.run(e, model: DarkU1Plane.family, log10Vev: v0...v1, count: points, seed: seed, sampling: sample,
                                                standardModel: table, jobs: try defaultJobs(jobs)) { done, total in
            guard !quiet, done == total || last.due() else { return }
            FileHandle.standardError.write(String(format: "[check] %ld / %ld points, %.0f s\n", done, total, Date().timeIntervalSince(start)).data(using: .utf8)!)
        }
        if let csv {
            var lines = ["lambda,g_rel,v_GeV,route,direct_outcome,emulated_outcome,Tp_direct_GeV,Tp_emulated_GeV,alpha_direct,alpha_emulated,HR_direct,HR_emulated"]
            func f(_ x: Double?) -> String { x.map { String(format: "%.10g", $0) } ?? "" }
            for p in check.points {
                lines.append([f(p.first), f(p.second), f(p.vev), p.route.rawValue, p.directOutcome, p.emulatedOutcome,
                              f(p.directTp), f(p.emulatedTp), f(p.directAlpha), f(p.emulatedAlpha), f(p.directHR), f(p.emulatedHR)].joined(separator: ","))
            }
            try OutputFile.write(lines.joined(separator: "\n") + "\n", to: csv, option: "--csv")
        }
        let emulated = check.points.filter(\.emulated)
        let errors = emulated.compactMap(\.percolationError).sorted()
        let byNodes = check.points.filter(\.excludedByNodes)
        let failed = check.points.filter { $0.route == .failed }
        // Taken as not completing from its stencil's nodes: wrong if the direct run completes.
        let byNodesWrong = byNodes.filter { ["completes", "percolates_then_rolls"].contains($0.directOutcome) }
        let mismatched = emulated.filter { $0.directOutcome != $0.emulatedOutcome }
        // What the likelihood sees is whether a point completes (`ModelPointVerdict`); which non-completing outcome is reported
        // can differ next to an edge (e.g. percolates_without_Tf vs no_percolation) without changing it.
        let completing: Set<String> = ["completes", "percolates_then_rolls"]
        let completionDiffers = mismatched.filter { completing.contains($0.directOutcome) != completing.contains($0.emulatedOutcome) }
        func q(_ p: Double) -> Double { errors.isEmpty ? 0 : errors[min(errors.count - 1, Int(p * Double(errors.count)))] }
        var lines = [String(format: "%ld points: %ld emulated, %ld taken as not completing from their stencil's nodes, %ld computed directly (mixed stencils)",
                            check.points.count, emulated.count, byNodes.count, check.points.filter { $0.route == .direct }.count),
                     String(format: "|ΔT_p/T_p| over %ld emulated points that percolate: median %.2e, 90 %% %.2e, max %.2e; %ld beyond %.3g",
                            errors.count, q(0.5), q(0.9), errors.last ?? 0, errors.filter { $0 > tolerance }.count, tolerance),
                     String(format: "not completing from the nodes but completing when computed: %ld (must be 0)", byNodesWrong.count),
                     String(format: "outcome differs at %ld emulated points; whether it completes at %ld (must be 0)", mismatched.count, completionDiffers.count)]
        func median(_ xs: [Double]) -> Double { SampleStatistics.median(xs) ?? 0 }
        func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }
        lines.append(String(format: "wall time per point: direct median %.1f ms; emulated median %.2f ms, mean %.2f ms (emulator %.2f ms + history at v %.2f ms); the points not emulated mean %.0f ms",
                            1e3 * median(check.points.map(\.directSeconds)), 1e3 * median(emulated.map { $0.emulatorSeconds + $0.historySeconds }),
                            1e3 * mean(emulated.map { $0.emulatorSeconds + $0.historySeconds }),
                            1e3 * median(emulated.map(\.emulatorSeconds)), 1e3 * median(emulated.map(\.historySeconds)),
                            1e3 * mean(check.points.filter { !$0.emulated }.map { $0.emulatorSeconds + $0.historySeconds })))
        for kind in Set(emulated.map(\.directOutcome)).sorted() {
            let t = emulated.filter { $0.directOutcome == kind }.map { $0.emulatorSeconds + $0.historySeconds }
            lines.append(String(format: "  emulated %@: %ld points, median %.2f ms, max %.1f ms", kind, t.count, 1e3 * median(t), 1e3 * (t.max() ?? 0)))
        }
        for p in emulated where (p.percolationError ?? 0) > tolerance || p.directOutcome != p.emulatedOutcome {
            lines.append(String(format: "  λ = %.6g, g_rel = %.6g, v = %.4g GeV: %@ → %@, T_p %@ → %@", p.first, p.second, p.vev, p.directOutcome, p.emulatedOutcome,
                                p.directTp.map { String(format: "%.6g", $0) } ?? "-", p.emulatedTp.map { String(format: "%.6g", $0) } ?? "-"))
        }
        lines.append(String(format: "points that could not be computed (either way): %ld", failed.count))
        for p in failed { lines.append(String(format: "  λ = %.6g, g_rel = %.6g, v = %.4g GeV: %@", p.first, p.second, p.vev, p.failure!)) }
        // Points the emulator computed directly (bounces at v = 1 GeV, history at v) must equal the direct run at v up to
        // the scale invariance of S3/T(T/v) (tested to ~1e-9 in PreparedTransitionTests; 1e-6 allowed here).
        let directMismatch = check.points.filter { p in
            guard p.route == .direct else { return false }
            if p.directOutcome != p.emulatedOutcome { return true }
            guard let d = p.directTp, let e = p.emulatedTp else { return (p.directTp == nil) != (p.emulatedTp == nil) }
            return abs(e / d - 1) > 1e-6
        }
        lines.append(String(format: "points computed directly that differ from the direct run (outcome, or T_p beyond 1e-6): %ld (must be 0)", directMismatch.count))
        try FiniteText.print(lines, "the emulator check")
        if !directMismatch.isEmpty { throw InternalError("the emulator's direct path differs from TransitionAnalysis.run() at \(directMismatch.count) points") }
        if let maxBeyond {
            let beyond = errors.filter { $0 > tolerance }.count
            if Double(beyond) > maxBeyond * Double(max(errors.count, 1)) || !completionDiffers.isEmpty || !byNodesWrong.isEmpty || !failed.isEmpty {
                throw InternalError(String(format: "emulator check failed: %ld of %ld percolating points beyond %.3g (allowed fraction %.3g), %ld differ in completing, %ld wrongly taken as not completing, %ld failed",
                                           beyond, errors.count, tolerance, maxBeyond, completionDiffers.count, byNodesWrong.count, failed.count))
            }
        }
    }
}

/// `LO:HI` with LO < HI, read as a sampled scan axis is (`ScanAxis.parse`, the one parser of ranges; a `:log` suffix or a
/// single value is refused here).
func range(_ text: String, option: String) throws -> (Double, Double) {
    let axis: ScanAxis
    do { axis = try ScanAxis.parse(text, name: option, sampled: true) } catch { throw UsageError("\(error)") }
    guard !axis.isFixed, !axis.logarithmic, axis.lower < axis.upper else {
        throw UsageError("\(option) must be LO:HI with LO < HI (linear), got '\(text)'")
    }
    return (axis.lower, axis.upper)
}

/// Reads an emulator file, named in every failure (exit 2).
func loadEmulator(_ path: String) throws -> ActionCurveEmulator {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw UsageError("--emulator: cannot read \(path): \(error.localizedDescription)") }
    do {
        let e = try ActionCurveEmulator(json: data)
        guard e.family == DarkU1Plane.name else { throw UsageError("--emulator: \(path) is an emulator of '\(e.family)', not of \(DarkU1Plane.name)") }
        return e
    } catch let error as UsageError { throw error } catch {
        throw UsageError("--emulator: \(path) is not a Supercool emulator file: \(error)")
    }
}
