import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import TransitionHistory
import SupercoolNumerics

struct CompletionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Scan g_D at fixed (λ, v): g_roll, and the window g_min < g < g_max where the transition percolates and completes.",
        discussion: """
        Prints a CSV of (g, Tp_GeV, alpha, HR, completes, status, reason) on stdout (or --output FILE, checked before \
        the scan starts) and a summary; a progress line per finished point (rate, ETA) goes to stderr. status is the \
        outcome code (README "Outcomes") or internal_error: such a point is kept in its row with the reason, the \
        scan goes on, and the exit code is then 1. The window edges are refined by bisection between neighbouring points.
        Default range: 0.95 g_roll … 1.005 g_roll (the window of arXiv:2501.15649 sits within ~10⁻³ of g_roll).
        """)

    @Option(name: .customLong("lambda"), parsing: .unconditional, help: "Quartic coupling λ, in (0, 4π).")
    var lambda: Double

    @Option(name: .customLong("v"), parsing: .unconditional, help: "v_φ in GeV, in [1e-12, 1e16]. Default 1.")
    var vev: Double = 1

    @Option(name: .customLong("g-from"), parsing: .unconditional, help: "Lowest g_D (default 0.95 g_roll).")
    var gFrom: Double?

    @Option(name: .customLong("g-to"), parsing: .unconditional, help: "Highest g_D (default 1.005 g_roll).")
    var gTo: Double?

    @Option(parsing: .unconditional, help: "Number of scan points, 2…10000. Default 100.")
    var steps: Int = 100

    @Option(help: "Write the CSV to this file instead of stdout.")
    var output: String?

    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    struct Row: Sendable {
        let g: Double
        /// nil: the point ended in an internal error (`error`); the scan goes on without it.
        let result: TransitionResult?
        let error: String?
        var completes: Bool? { result?.completes }
    }

    func run() async throws {
        guard lambda.isFinite, lambda > 0, lambda < 4 * Double.pi else { throw UsageError("--lambda must be in (0, 4π ≈ 12.57), got \(lambda)") }
        guard vev.isFinite, DarkU1.vevRange.contains(vev) else {
            throw UsageError("--v must be in [\(DarkU1.vevRange.lowerBound), \(DarkU1.vevRange.upperBound)] GeV, got \(vev)")
        }
        guard (2...10_000).contains(steps) else { throw UsageError("--steps must be in 2…10000, got \(steps)") }
        let gRoll = DarkU1.rollingCoupling(lambda: lambda)
        guard gRoll.isFinite || (gFrom != nil && gTo != nil) else {
            throw UsageError("g_roll(λ = \(lambda)) does not exist (λ ≥ 8π²/(5 + 2 ln 2)); give --g-from and --g-to")
        }
        let from = gFrom ?? 0.95 * gRoll, to = gTo ?? min(1.005 * gRoll, (4 * Double.pi).nextDown)
        guard from.isFinite, to.isFinite, from > 0, to > from, to < 4 * Double.pi else {
            throw UsageError("--g-from/--g-to must satisfy 0 < g-from < g-to < 4π, got \(from) … \(to)")
        }
        if let path = output { try OutputFile.validate(path, option: "--output") }
        let resources = try ProjectResources.locate()
        let potential = conventionOptions.conventions
        let transition = try transitionOptions.conventions()
        let lambda = self.lambda, vev = self.vev
        let table = try StandardModelDegreesOfFreedom(resources: resources)   // parsed once for the whole scan

        @Sendable func evaluate(_ g: Double) -> Row {
            do {
                let model = try DarkU1(vev: vev, lambda: lambda, gauge: g)
                return Row(g: g, result: try TransitionAnalysis(model: model, potentialConventions: potential, conventions: transition,
                                                                standardModel: .table(table)).run(), error: nil)
            } catch {
                return Row(g: g, result: nil, error: "\(error)")
            }
        }
        func describe(_ row: Row) -> String {
            guard let r = row.result else { return String(format: "g = %.7f: internal error: %@", row.g, row.error ?? "") }
            let tp = r.percolationTemperature.map { String(format: "T_p = %.4g GeV", $0) } ?? "no T_p"
            return String(format: "g = %.7f: %@, %@", row.g, tp, r.status.code)
        }
        let start = Date()
        let grid = (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
        let progress = ProgressReporter(total: steps)
        var rows = await withTaskGroup(of: Row.self) { group in
            for g in grid { group.addTask { evaluate(g) } }
            var all = [Row]()
            for await row in group {
                all.append(row)
                progress.finished(describe(row))
            }
            return all.sorted { $0.g < $1.g }
        }
        // Refine each edge of the completing window by bisection (12 steps: δg ≈ Δg/4000); an edge next to a
        // point that ended in an error is left unrefined (said in the summary).
        var edges = [(Double, Double)]()
        var unrefined = 0
        for i in 0..<(rows.count - 1) {
            guard let ci = rows[i].completes, let cj = rows[i + 1].completes else { unrefined += 1; continue }
            guard ci != cj else { continue }
            // The predicate "completes as the left neighbour does"; a point that errs stops the bisection.
            struct Unrefined: Error {}
            do {
                let edge = try Bisection.boundary(holds: rows[i].g, fails: rows[i + 1].g, steps: 12) { g in
                    let mid = evaluate(g)
                    rows.append(mid)
                    FileHandle.standardError.write("edge: \(describe(mid))\n".data(using: .utf8)!)
                    guard let cm = mid.completes else { throw Unrefined() }
                    return cm == ci
                }
                edges.append((edge.holds, edge.fails))
            } catch {
                unrefined += 1
            }
        }
        rows.sort { $0.g < $1.g }
        let completing = rows.filter { $0.completes == true }.map(\.g)
        func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        func quoted(_ s: String) -> String { "\"" + FiniteText.sanitized(s).replacingOccurrences(of: "\"", with: "'") + "\"" }
        var csv = "# supercool completion: lambda=\(lambda) v=\(vev) GeV; conventions: \(potential.label); \(transitionLabel(transition))\n"
        csv += "g,Tp_GeV,alpha,HR,completes,status,reason\n"
        for r in rows {
            if let res = r.result {
                csv += "\(r.g),\(f(res.percolationTemperature)),\(f(res.alpha)),\(f(res.hubbleRadius)),\(res.completes),\(res.status.code),\(quoted(res.status.description))\n"
            } else {
                csv += "\(r.g),,,,,internal_error,\(quoted(r.error ?? ""))\n"
            }
        }
        try FiniteText.check(csv, "the completion CSV")
        if let path = output {
            try OutputFile.write(csv, to: path, option: "--output")
        } else {
            print(csv, terminator: "")
        }
        var summary = gRoll.isFinite ? String(format: "g_roll = %.7f", gRoll) : "g_roll: none at this λ"
        if let lo = completing.first, let hi = completing.last {
            let loEdge = edges.first { $0.1 == lo || abs($0.1 - lo) < 1e-15 }
            summary += String(format: "; completes for %.7f ≤ g ≤ %.7f within the scan", lo, hi)
            summary += lo <= from ? " (g_min below --g-from)" : String(format: " (g_min ≈ %.7f)", loEdge?.1 ?? lo)
            summary += hi >= to ? " (g_max above --g-to)" : String(format: " (g_max ≈ %.7f)", hi)
        } else {
            summary += "; the transition does not complete anywhere in the scan"
        }
        let failed = rows.filter { $0.result == nil }.count
        if failed > 0 { summary += "; \(failed) point(s) ended in an internal error (status internal_error in the CSV)" }
        if unrefined > 0 { summary += "; \(unrefined) interval(s) next to such points not refined" }
        summary += String(format: "; %d points in %.1f s", rows.count, Date().timeIntervalSince(start))
        FileHandle.standardError.write((summary + "\n").data(using: .utf8)!)
        if output != nil { print(summary) }
        if failed > 0 { throw InternalError("\(failed) of \(rows.count) points ended in an internal error; the others are in the output") }
    }
}
