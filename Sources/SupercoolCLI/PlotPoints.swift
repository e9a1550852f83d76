import Foundation
import GravitationalWaves

/// A point drawn by `plot` from given (T_p, α, H*R*) (`--points FILE`, `--published`), not from a computed transition.
struct GivenPoint: Sendable {
    let label: String
    let percolationTemperature: Double
    let alpha: Double
    let hubbleRadius: Double
    /// nil: g*(T*) of the transition conventions' plasma (g*_SM + 4 by default), as direct-mode `spectrum`.
    let gStar: Double?
    /// nil: --vw.
    let wallVelocity: Double?

    /// The CSV of `plot --points`: a header naming the columns `Tp_GeV`, `alpha`, `HR` (required) and `label`, `gstar`,
    /// `vw` (optional; any order; other columns ignored), one point per row; `#` lines and blank lines skipped; cells
    /// are plain (no quoting: a label holds no comma). Ranges as direct-mode `spectrum`; a bad cell is a `UsageError`
    /// naming the file, its line and the column.
    static func readCSV(_ path: String) throws -> [GivenPoint] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw UsageError("--points: cannot read \(path)") }
        let numbered = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: .newlines).enumerated()
            .filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty && !$0.element.hasPrefix("#") }
        guard let header = numbered.first?.element else { throw UsageError("--points: \(path) is empty (need a header Tp_GeV,alpha,HR[,label,gstar,vw])") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String, required: Bool) throws -> Int? {
            guard let k = names.firstIndex(of: name) else {
                if required { throw UsageError("--points: \(path) has no column '\(name)' (header: \(names.joined(separator: ",")); need Tp_GeV, alpha, HR; optional label, gstar, vw)") }
                return nil
            }
            return k
        }
        let cT = try column("Tp_GeV", required: true)!, cA = try column("alpha", required: true)!, cH = try column("HR", required: true)!
        let cL = try column("label", required: false), cG = try column("gstar", required: false), cV = try column("vw", required: false)
        let points = try numbered.dropFirst().map { (k, line) -> GivenPoint in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func number(_ c: Int, _ name: String, _ range: ClosedRange<Double>, openBelow: Bool = false) throws -> Double {
                guard c < cells.count, let x = Double(cells[c]), x.isFinite, range.contains(x), !(openBelow && x == range.lowerBound) else {
                    throw UsageError("--points: \(path) line \(k + 1): '\(name)' must be a number in \(openBelow ? "(" : "[")\(range.lowerBound), \(range.upperBound)], got '\(c < cells.count ? cells[c] : "")'")
                }
                return x
            }
            let optional: (Int?, String, ClosedRange<Double>, Bool) throws -> Double? = { c, name, range, open in
                guard let c, c < cells.count, !cells[c].isEmpty else { return nil }
                return try number(c, name, range, openBelow: open)
            }
            let tp = try number(cT, "Tp_GeV", SourceOptions.percolationTemperatureRange)
            let label = cL.flatMap { $0 < cells.count && !cells[$0].isEmpty ? cells[$0] : nil } ?? "line \(k + 1)"
            return GivenPoint(label: label, percolationTemperature: tp, alpha: try number(cA, "alpha", SourceOptions.alphaRange),
                              hubbleRadius: try number(cH, "HR", SourceOptions.hubbleRadiusRange),
                              gStar: try optional(cG, "gstar", GWSource.degreesOfFreedomRange, false),
                              wallVelocity: try optional(cV, "vw", 1e-3...1, false))
        }
        guard !points.isEmpty else { throw UsageError("--points: \(path) has a header but no points") }
        return points
    }
}
