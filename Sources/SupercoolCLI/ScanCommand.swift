import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import GravitationalWaves
import ParameterScan
import PulsarTiming
import SupercoolNumerics
import TransitionHistory

/// `supercool scan`: run (default), merge, export.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Parameter-space scans into a SQLite database: run (resumable, shardable), merge shards, export.",
        discussion: """
        supercool scan --db FILE [--v LO:HI:N[:log]] [--lambda …] [--g … | --g-rel …] [--sample lhs|sobol --points N --seed S]         [--shard I/N] [conventions…] runs a scan (all options: supercool scan run --help); supercool scan merge --db OUT SHARD…;         supercool scan export --db FILE --format csv|json. README "Scans" documents the database schema, the columns and the         SLURM template (scripts/slurm/).
        """,
        subcommands: [ScanRunCommand.self, ScanMergeCommand.self, ScanExportCommand.self],
        defaultSubcommand: ScanRunCommand.self)
}

struct ScanRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Scan (v_φ, λ, g_D) (darku1) or (v_φ, y, g_D) (conformal-u1); every point committed to --db as it finishes.",
        discussion: """
        Axes: X (fixed), LO:HI:N[:log] (grid, ends included), or with --sample LO:HI[:log]. --g-rel is g/g_roll(λ) − 1; \
        a log axis over negative values is signed (e.g. --g-rel -0.1:-1e-4:20:log). Grids run v innermost: the bounces of \
        each (λ, g) are solved once (at v = 1 GeV, S3/T depends on T/v only) and reused for every v. \
        Re-running the same command resumes (only missing points are computed); a database of another spec or \
        shard is refused (exit 2). Progress on stderr; a summary on stdout. Exit 1 if a point ended in an internal \
        error (kept in the database with its reason) or the disk filled (the database stays valid; re-run to resume).
        """)

    @Option(help: "The results database (SQLite; created or resumed). One file per shard: never share one over a network filesystem.")
    var db: String

    @Option(name: .customLong("model"), help: "darku1 (default; axes v, λ, g) or conformal-u1 (axes v, y, g).")
    var kind: ModelKind = .darkU1

    @Option(name: .customLong("v"), parsing: .unconditional, help: "v_φ axis in GeV, within [1e-12, 1e16]. Default 1.")
    var vev: String?

    @Option(name: .customLong("lambda"), parsing: .unconditional, help: "λ axis (darku1), in (0, 4π).")
    var lambda: String?

    @Option(name: .customLong("y"), parsing: .unconditional, help: "Dark Yukawa axis (conformal-u1), in [0, 4π). Default 0.")
    var yukawa: String?

    @Option(name: .customLong("g"), parsing: .unconditional, help: "g_D axis, in (0, 4π).")
    var gauge: String?

    @Option(name: .customLong("g-rel"), parsing: .unconditional, help: "g/g_roll(λ) − 1 axis instead of --g (darku1).")
    var gaugeRelative: String?

    @Option(help: "Sampled design instead of a grid: lhs (Latin hypercube) or sobol (digitally shifted by --seed).")
    var sample: SampleKind?

    @Option(parsing: .unconditional, help: "Number of sampled points (with --sample), 1…10000000.")
    var points: Int?

    @Option(parsing: .unconditional, help: "Seed of --sample (default 1).")
    var seed: UInt64 = 1

    @Option(name: .customLong("from-csv"), help: "Points from a CSV with a header: v_GeV, lambda (or y), and g or g_rel (g_rel when it has no g column, or with --g-rel X).")
    var fromCSV: String?

    @Option(help: "Take shard I of N (0-based): whole (λ, g) groups with group index ≡ I mod N. Each shard its own --db.")
    var shard: String?

    @Option(parsing: .unconditional, help: "Parallel (λ, g) groups, 1…256 (default: SLURM_CPUS_PER_TASK if set, else the number of cores).")
    var jobs: Int?

    @Option(help: "Also compute ln L of completing points against PTA data: a comma list of ng15, ng15curn, epta, ppta.")
    var data: String?

    @Option(help: ArgumentHelp("GW template for --data. " + TemplateKind.helpText))
    var template: TemplateKind = .soundWaves

    @Option(parsing: .unconditional, help: "Frequency bins for --data (default: each set's own).")
    var bins: Int?

    @Flag(help: "With --data: add a γ = 13/3 SMBHB power law, its amplitude refitted per point.")
    var withSMBHB = false

    @Flag(help: "Recompute points stored as internal_error (otherwise a resumed scan keeps them as they are).")
    var retryErrors = false

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    enum SampleKind: String, ExpressibleByArgument, CaseIterable { case lhs, sobol }

    func spec() throws -> ScanSpec {
        let sampled = sample != nil
        func axis(_ text: String, _ name: String) throws -> ScanAxis {
            do { return try ScanAxis.parse(text, name: name, sampled: sampled) } catch let e as ScanAxis.Invalid { throw UsageError(e.description) }
        }
        if gaugeRelative != nil && kind != .darkU1 { throw UsageError("--g-rel needs --model darku1 (g_roll(λ))") }
        if gauge != nil && gaugeRelative != nil { throw UsageError("give one of --g and --g-rel, not both") }
        if kind == .darkU1 && yukawa != nil { throw UsageError("--y applies to --model conformal-u1") }
        if kind == .conformalU1 && lambda != nil { throw UsageError("--lambda is derived in --model conformal-u1 (give --y)") }
        let secondOption = kind == .darkU1 ? "--lambda" : "--y"
        if let fromCSV {
            // The points come from the file; the axes record their ranges (given options are ignored, so refuse them).
            guard sample == nil, points == nil else { throw UsageError("--from-csv excludes --sample/--points") }
            guard vev == nil, lambda == nil, yukawa == nil else {
                throw UsageError("--from-csv takes v and \(kind == .darkU1 ? "λ" : "y") from the file; drop --v/\(secondOption)")
            }
            let relative = try csvCouplingIsRelative(fromCSV)
            let rows = try readPoints(fromCSV, relative: relative)
            guard !rows.isEmpty else { throw UsageError("--from-csv: \(fromCSV) has a header but no points") }
            func range(_ k: Int) -> ScanAxis {
                let xs = rows.map { $0[k] }
                return ScanAxis(lower: xs.min()!, upper: xs.max()!, count: nil, logarithmic: false)
            }
            return try finish(vev: range(0), second: range(1), coupling: range(2), relative: relative, design: .list(rows))
        }
        guard (gauge == nil) != (gaugeRelative == nil) else { throw UsageError("give one of --g and --g-rel") }
        let second: ScanAxis
        switch kind {
        case .darkU1:
            guard let lambda else { throw UsageError("--lambda is required for --model darku1") }
            second = try axis(lambda, "--lambda")
        case .conformalU1:
            second = try axis(yukawa ?? "0", "--y")
        }
        let coupling = try axis(gauge ?? gaugeRelative!, gauge != nil ? "--g" : "--g-rel")
        let design: ScanDesign
        if let sample {
            guard let n = points, (1...10_000_000).contains(n) else { throw UsageError("--sample needs --points N in 1…10000000") }
            design = sample == .lhs ? .latinHypercube(points: n, seed: seed) : .sobol(points: n, seed: seed)
        } else {
            guard points == nil else { throw UsageError("--points applies to --sample lhs|sobol (a grid's size is the product of the axes' N)") }
            design = .grid
        }
        return try finish(vev: try axis(vev ?? "1", "--v"), second: second, coupling: coupling, relative: gaugeRelative != nil, design: design)
    }

    /// With --from-csv: g_rel if --g-rel is given or the header has g_rel and no g column.
    func csvCouplingIsRelative(_ path: String) throws -> Bool {
        if gaugeRelative != nil { return true }
        if gauge != nil { return false }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw UsageError("--from-csv: cannot read \(path)") }
        let header = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: .newlines)
            .first { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#") } ?? ""
        let names = Set(header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return !names.contains("g") && names.contains("g_rel")
    }

    func finish(vev: ScanAxis, second: ScanAxis, coupling: ScanAxis, relative: Bool, design: ScanDesign) throws -> ScanSpec {
        var likelihood: ScanLikelihood?
        if let data {
            var sets = [String]()
            for name in data.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                guard let choice = DataChoice(rawValue: name), choice != .both else {
                    throw UsageError("--data: '\(name)' is not one of ng15, ng15curn, epta, ppta")
                }
                sets += choice.datasets.map(\.rawValue)
            }
            guard !sets.isEmpty, Set(sets).count == sets.count else { throw UsageError("--data: give each data set once") }
            likelihood = ScanLikelihood(datasets: sets, template: template, bins: bins, withSMBHB: withSMBHB)
        } else if bins != nil || withSMBHB {
            throw UsageError("--bins and --with-smbhb apply to --data")
        }
        return ScanSpec(model: kind, vev: vev, second: second, coupling: coupling, couplingRelativeToRolling: relative,
                        design: design, potentialConventions: conventionOptions.conventions, conventions: try transitionOptions.conventions(),
                        likelihood: likelihood)
    }

    /// The CSV design: header names the columns (v_GeV, lambda or y, g or g_rel); other columns are ignored.
    func readPoints(_ path: String, relative: Bool) throws -> [[Double]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw UsageError("--from-csv: cannot read \(path)") }
        // Line numbers as in the file (comments and blank lines counted); a UTF-8 byte-order mark (spreadsheets) ignored.
        let numbered = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: .newlines).enumerated()
            .filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty && !$0.element.hasPrefix("#") }
        let lines = numbered.map(\.element)
        guard let header = lines.first else { throw UsageError("--from-csv: \(path) is empty") }
        let names = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let secondName = kind == .darkU1 ? "lambda" : "y", gName = relative ? "g_rel" : "g"
        let wanted = ["v_GeV", secondName, gName]
        let columns = try wanted.map { w -> Int in
            guard let k = names.firstIndex(of: w) else { throw UsageError("--from-csv: \(path) has no column '\(w)' (header: \(names.joined(separator: ",")); need \(wanted.joined(separator: ", ")))") }
            return k
        }
        return try numbered.dropFirst().map { (k, line) in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            return try columns.enumerated().map { (j, c) in
                guard c < cells.count, let x = Double(cells[c]), x.isFinite else {
                    throw UsageError("--from-csv: \(path) line \(k + 1): '\(wanted[j])' is not a finite number")
                }
                return x
            }
        }
    }

    func run() async throws {
        let spec = try self.spec()
        let shard: ScanShard
        do { shard = try self.shard.map(ScanShard.parse) ?? .whole } catch let e as ScanSpec.Invalid { throw UsageError(e.description) }
        let jobs = try defaultJobs(self.jobs)
        let all: [ScanPoint]
        do { all = try spec.points() } catch let e as ScanSpec.Invalid { throw UsageError(e.description) } catch let e as SampleDesignError {
            throw UsageError("--points: \(e)")
        }
        _ = all
        let resources = try ProjectResources.locate()
        let table = try StandardModelDegreesOfFreedom(resources: resources)
        var fit: PTAFit?
        if let l = spec.likelihood {
            let Ls = try l.datasets.map { name -> PTALikelihood in
                let ds = FreeSpectrumData.Dataset(rawValue: name)!
                do { return try PTALikelihood(data: try FreeSpectrumData(ds, resources: resources), bins: l.bins) } catch let e as PTALikelihood.Invalid {
                    throw UsageError("--bins: \(e.description)")
                }
            }
            fit = PTAFit(likelihoods: Ls, template: l.template, withSMBHB: l.withSMBHB)
        }
        // The database first: an unwritable path or a foreign database fails before any work.
        let store = try openStore(db, spec: spec, shard: shard)
        if let stored = store.storedCodeVersion, stored != ScanStore.codeVersion {
            FileHandle.standardError.write("warning: \(db) was started by \(stored), this is \(ScanStore.codeVersion): the resumed points may differ in the last digits (use a new --db for one version)\n".data(using: .utf8)!)
        }
        if Set(spec.likelihood?.datasets ?? []).isSuperset(of: ["ng15_hd", "epta_dr2new_hd"]) {
            FileHandle.standardError.write("note: \(sharedPulsarsNote)\n".data(using: .utf8)!)
        }
        let runner = ScanRunner(spec: spec, shard: shard, jobs: jobs, standardModel: table, fit: fit, retryErrors: retryErrors)
        let reporter = ScanProgress(quiet: quiet)
        let summary: ScanRunner.Summary
        do {
            summary = try await runner.run(store: store) { record, done, total in reporter.report(record, done: done, total: total) }
        } catch let e as SQLiteError {
            if e.isFull {
                throw InternalError("\(db): the disk (or the database's size limit) is full; every point committed so far is kept and the database is valid: free space and re-run the same command to resume")
            }
            throw InternalError("\(db): \(e)")
        }
        var lines = ["scan \(db)\(shard.count > 1 ? " (shard \(shard))" : ""): \(summary.pointsInShard) points, \(summary.alreadyDone) already done, \(summary.computed) computed in \(String(format: "%.1f", summary.wallSeconds)) s with \(jobs) jobs"]
        if summary.computed > 0 {
            // Typed Doubles: an integer literal among C varargs would be read from the wrong register by %g.
            let fresh = summary.computed - summary.reusedPoints
            let solving: Double = fresh > 0 ? (summary.pointSeconds - summary.reusedSeconds) / Double(fresh) : 0
            let reusing: Double = summary.reusedPoints > 0 ? summary.reusedSeconds / Double(summary.reusedPoints) : 0
            let rate: Double = Double(summary.computed) / max(summary.wallSeconds, 1e-9)
            var line = String(format: "  time per point: %.3g s solving bounces (%ld points)", solving, fresh)
            if summary.reusedPoints > 0 { line += String(format: ", %.3g s reusing them (%ld points)", reusing, summary.reusedPoints) }
            lines.append(line + String(format: "; %.2f points/s", rate))
        }
        lines.append("  outcomes in the database:")
        for code in TransitionOutcome.allCodes + [ScanRecord.internalError] {
            if let n = summary.counts[code] { lines.append("    \(code.padding(toLength: 30, withPad: " ", startingAt: 0)) \(n)") }
        }
        print(lines.joined(separator: "\n"))
        let older = summary.internalErrors - summary.newInternalErrors
        if older > 0 && summary.newInternalErrors == 0 {
            FileHandle.standardError.write("note: \(older) point(s) from earlier runs are stored as internal_error; --retry-errors recomputes them\n".data(using: .utf8)!)
        }
        if summary.newInternalErrors > 0 {
            throw InternalError("\(summary.newInternalErrors) point(s) ended in an internal error (status internal_error in \(db), with the reason; --retry-errors recomputes them)")
        }
    }
}

/// --jobs if given (1…256), else SLURM_CPUS_PER_TASK under SLURM (the allocation, not the node's cores: task/none does not
/// confine the process), else the number of cores, at most 256.
func defaultJobs(_ explicit: Int?) throws -> Int {
    if let explicit {
        guard (1...256).contains(explicit) else { throw UsageError("--jobs must be in 1…256, got \(explicit)") }
        return explicit
    }
    if let slurm = ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"] {
        guard let n = Int(slurm), n >= 1 else { throw UsageError("SLURM_CPUS_PER_TASK = '\(slurm)' is not a positive integer; give --jobs") }
        return min(n, 256)
    }
    return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 256)
}

/// Opens a scan database for writing; failures named by --db (exit 2: a wrong path or a database of another scan).
func openStore(_ path: String, spec: ScanSpec, shard: ScanShard) throws -> ScanStore {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw UsageError("--db: \(path) is a directory; give a file name")
    }
    do {
        return try ScanStore(path: path, spec: spec, shard: shard.count > 1 ? shard : nil)
    } catch let e as ScanStore.Failure {
        throw UsageError("--db: \(e)")
    } catch let e as SQLiteError {
        throw UsageError("--db: cannot open \(path) for writing: \(e.message)")
    }
}

/// Progress lines on stderr, at most one per second (and the last one; the throttle is `infer`'s `LastPrinted`).
final class ScanProgress: @unchecked Sendable {
    private let start = Date()
    private let throttle = LastPrinted()
    private let quiet: Bool
    init(quiet: Bool) { self.quiet = quiet }

    func report(_ record: ScanRecord, done: Int, total: Int) {
        guard !quiet, done == total || throttle.due() else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        FileHandle.standardError.write(String(format: "[%ld/%ld] %.1f points/s, %.0f s elapsed, ETA %.0f s (last: #%ld %@)\n",
                                              done, total, rate, elapsed, eta, record.index, record.status).data(using: .utf8)!)
    }
}

struct ScanMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge shard databases of one scan into --db; report missing and duplicated shards and points.",
        discussion: "Refuses shards of different specs or shard counts (exit 2). Exit 1 when shards or points are missing or two shards disagree on a point (the merged file is written all the same).")

    @Option(help: "The merged database (created, or an existing whole-scan database of the same spec).")
    var db: String

    @Argument(help: "Shard databases (e.g. shard-*.sqlite).")
    var shards: [String] = []

    func run() throws {
        guard !shards.isEmpty else { throw UsageError("give the shard databases to merge") }
        let report: ScanMerge.Report
        do { report = try ScanMerge.merge(inputs: shards, output: db) } catch let e as ScanMerge.Failure {
            throw UsageError(e.description)
        } catch let e as ScanStore.Failure {
            throw UsageError(e.description)
        } catch let e as SQLiteError {
            // A damaged input is bad input (2); a failure writing the output (e.g. a full disk) is ours to report (1).
            if e.path == db { throw InternalError("--db: \(e)") }
            throw UsageError(e.description)
        }
        func list(_ xs: [Int]) -> String { xs.prefix(20).map(String.init).joined(separator: ", ") + (xs.count > 20 ? ", … (\(xs.count))" : "") }
        var lines = ["merged \(report.shardsRead) database(s) (shards of \(report.shardCount)) into \(db): \(report.pointsWritten) points"]
        if !report.missingShards.isEmpty { lines.append("  missing shards: \(list(report.missingShards))") }
        if !report.duplicatedShards.isEmpty { lines.append("  shards given more than once: \(list(report.duplicatedShards))") }
        if !report.missingPoints.isEmpty { lines.append("  missing points (\(report.missingPoints.count)): \(list(report.missingPoints))") }
        if !report.duplicatedPoints.isEmpty { lines.append("  duplicated points, same physics, kept once (\(report.duplicatedPoints.count)): \(list(report.duplicatedPoints))") }
        if !report.conflictingPoints.isEmpty { lines.append("  points that differ between inputs, first kept (\(report.conflictingPoints.count)): \(list(report.conflictingPoints))") }
        print(lines.joined(separator: "\n"))
        if !report.complete { throw InternalError("the merged scan is incomplete or inconsistent (see above)") }
    }
}

struct ScanExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a scan database's points as CSV or JSON (columns: README \"Scans\").")

    @Option(help: "The scan database.")
    var db: String

    @Option(help: "csv or json.", transform: OutputFormat.only(.csv, .json))
    var format: OutputFormat = .csv

    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.")
    var output: String?

    func run() throws {
        if let output { try OutputFile.validate(output, option: "--output") }
        let store: ScanStore
        do { store = try ScanStore(readingFrom: db) } catch let e as ScanStore.Failure { throw UsageError("--db: \(e)") } catch let e as SQLiteError {
            throw UsageError("--db: \(e)")
        }
        let text = format == .json ? try ScanExport.json(store) : try ScanExport.csv(store)
        if let output { try OutputFile.write(text, to: output, option: "--output") } else { print(text, terminator: "") }
    }
}
