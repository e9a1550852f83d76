import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import TransitionHistory

struct CompletionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Scan g_D at fixed (λ, v): g_roll, and the window g_min < g < g_max where the transition percolates and completes.",
        discussion: """
        Prints a CSV of (g, Tp_GeV, alpha, HR, completes, status) on stdout (or --output FILE) and a summary; \
        progress goes to stderr. The window edges are refined by bisection between neighbouring scan points.
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
        let result: TransitionResult
    }

    func run() async throws {
        guard lambda.isFinite, lambda > 0, lambda < 4 * Double.pi else { throw UsageError("--lambda must be in (0, 4π ≈ 12.57), got \(lambda)") }
        guard vev.isFinite, vev > 0 else { throw UsageError("--v must be a finite number > 0 GeV, got \(vev)") }
        guard (2...10_000).contains(steps) else { throw UsageError("--steps must be in 2…10000, got \(steps)") }
        let gRoll = DarkU1.rollingCoupling(lambda: lambda)
        let from = gFrom ?? 0.95 * gRoll, to = gTo ?? 1.005 * gRoll
        guard from.isFinite, to.isFinite, from > 0, to > from, to < 4 * Double.pi else {
            throw UsageError("--g-from/--g-to must satisfy 0 < g-from < g-to < 4π, got \(from) … \(to)")
        }
        let resources = try ProjectResources.locate()
        let potential = conventionOptions.conventions
        let transition = try transitionOptions.conventions()
        let lambda = self.lambda, vev = self.vev

        @Sendable func evaluate(_ g: Double) throws -> Row {
            let model = try DarkU1(vev: vev, lambda: lambda, gauge: g)
            return Row(g: g, result: try TransitionAnalysis(model: model, potentialConventions: potential, conventions: transition, resources: resources).run())
        }
        let start = Date()
        let grid = (0..<steps).map { from + (to - from) * Double($0) / Double(steps - 1) }
        var rows = try await withThrowingTaskGroup(of: Row.self) { group in
            for g in grid { group.addTask { try evaluate(g) } }
            var all = [Row]()
            for try await row in group {
                all.append(row)
                let tp = row.result.percolationTemperature.map { String(format: "T_p = %.4g GeV", $0) } ?? "no percolation"
                FileHandle.standardError.write(String(format: "[%d/%d] g = %.6f: %@, %@ (%.1f s)\n", all.count, steps, row.g, tp,
                                                      row.result.completes ? "completes" : "does not complete", Date().timeIntervalSince(start)).data(using: .utf8)!)
            }
            return all.sorted { $0.g < $1.g }
        }
        // Refine each edge of the completing window by bisection (12 steps: δg ≈ Δg/4000).
        var edges = [(Double, Double)]()
        for i in 0..<(rows.count - 1) where rows[i].result.completes != rows[i + 1].result.completes {
            var a = rows[i], b = rows[i + 1]
            for _ in 0..<12 {
                let mid = try evaluate(0.5 * (a.g + b.g))
                rows.append(mid)
                if mid.result.completes == a.result.completes { a = mid } else { b = mid }
            }
            edges.append((a.g, b.g))
        }
        rows.sort { $0.g < $1.g }
        let completing = rows.filter(\.result.completes).map(\.g)
        func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        var csv = "# supercool completion: lambda=\(lambda) v=\(vev) GeV; conventions: \(potential.label); \(transitionLabel(transition))\n"
        csv += "g,Tp_GeV,alpha,HR,completes,status\n"
        for r in rows {
            csv += "\(r.g),\(f(r.result.percolationTemperature)),\(f(r.result.alpha)),\(f(r.result.hubbleRadius)),\(r.result.completes),\(r.result.status.code)\n"
        }
        if let path = output {
            do { try csv.write(toFile: path, atomically: true, encoding: .utf8) } catch { throw UsageError("--output: cannot write \(path)") }
        } else {
            print(csv, terminator: "")
        }
        var summary = String(format: "g_roll = %.7f", gRoll)
        if let lo = completing.first, let hi = completing.last {
            let loEdge = edges.first { $0.1 == lo || abs($0.1 - lo) < 1e-15 }
            summary += String(format: "; completes for %.7f ≤ g ≤ %.7f within the scan", lo, hi)
            summary += lo <= from ? " (g_min below --g-from)" : String(format: " (g_min ≈ %.7f)", loEdge?.1 ?? lo)
            summary += hi >= to ? " (g_max above --g-to)" : String(format: " (g_max ≈ %.7f)", hi)
        } else {
            summary += "; the transition does not complete anywhere in the scan"
        }
        summary += String(format: "; %d points in %.1f s", rows.count, Date().timeIntervalSince(start))
        FileHandle.standardError.write((summary + "\n").data(using: .utf8)!)
        if output != nil { print(summary) }
    }
}
