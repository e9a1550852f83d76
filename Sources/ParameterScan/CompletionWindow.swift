import Foundation
import Cosmology
import EffectivePotential
import TransitionHistory

/// The scanned points of one λ at the map's v, sorted by g.
public struct WindowColumn: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public let index: Int
        public let gauge: Double
        public let status: String
        /// nil: an internal error.
        public var completes: Bool? { outcomeCompletes(status) }
    }
    public let second: Double
    /// g_roll(λ) (NaN where it does not exist).
    public let rollingCoupling: Double
    public let points: [Point]

    public func relative(_ g: Double) -> Double { g / rollingCoupling - 1 }
}

/// Two neighbouring scan points of one λ between which `completes` flips.
public struct WindowBracket: Sendable, Equatable, Hashable {
    /// lower: completing above it (g_min, the window opens as g grows); upper: completing below it (g_max).
    public enum Edge: String, Sendable, Codable { case lower, upper }
    public let second: Double
    public let edge: Edge
    /// The neighbour that completes, and the one that does not (as scanned).
    public let gInside: Double
    public let gOutside: Double
    public let statusInside: String
    public let statusOutside: String
}

/// A window edge refined by bisection: the final pair (g_in completes, g_out does not) and their outcomes.
public struct WindowEdge: Sendable, Equatable {
    public let bracket: WindowBracket
    public let steps: Int
    public var gInside: Double
    public var gOutside: Double
    public var statusInside: String
    public var statusOutside: String
    /// nil: all steps done; else why the bisection stopped early (an internal error at a midpoint).
    public var note: String?
    public var seconds: Double

    public init(bracket: WindowBracket, steps: Int, gInside: Double, gOutside: Double, statusInside: String, statusOutside: String,
                note: String?, seconds: Double) {
        self.bracket = bracket; self.steps = steps; self.gInside = gInside; self.gOutside = gOutside
        self.statusInside = statusInside; self.statusOutside = statusOutside; self.note = note; self.seconds = seconds
    }

    /// The edge estimate: the middle of the final bracket.
    public var gauge: Double { (gInside + gOutside) / 2 }
}

/// The completion window from a scan over λ and g: columns, edges between neighbours, their refinement, the band.
public enum CompletionWindow {
    /// The scan's points at one v (`at`, needed when the scan has several), grouped by λ. Refuses (`MapError`) a model
    /// without g_roll, a scan with fewer than 2 λ values or a λ with fewer than 2 g values (sampled designs).
    public static func columns(records: [ScanRecord], spec: ScanSpec, at: Double?) throws -> (vev: Double, columns: [WindowColumn], note: String?) {
        guard spec.model == .darkU1 else {
            throw MapError("--window needs a darku1 scan (g_roll(λ)); this one is \(spec.model.rawValue)", option: "--window")
        }
        guard !records.isEmpty else { throw MapError("--db: the database holds no points yet (run the scan first)", option: "--db") }
        let slice = try ScanSlice.take(records, spec: spec, fixed: 0, at: at, option: "--at")
        guard let vev = slice.records.first?.vev else { throw MapError("--at: no points at that v", option: "--at") }
        var byLambda = [Double: [WindowColumn.Point]]()
        for r in slice.records { byLambda[r.second, default: []].append(.init(index: r.index, gauge: r.gauge, status: r.status)) }
        guard byLambda.count >= 2 else {
            throw MapError("--window: the scan has \(byLambda.count) value of λ; the window map needs a scan over λ (--lambda LO:HI:N, N ≥ 2)", option: "--window")
        }
        if let bad = byLambda.keys.first(where: { !DarkU1.rollingCoupling(lambda: $0).isFinite }) {
            throw MapError("--window: g_roll(λ = \(bad)) does not exist (λ ≥ 8π²/(5 + 2 ln 2) ≈ 12.36): scan λ below it for the window map", option: "--lambda")
        }
        let columns = byLambda.keys.sorted().map { l in
            WindowColumn(second: l, rollingCoupling: DarkU1.rollingCoupling(lambda: l), points: byLambda[l]!.sorted { $0.gauge < $1.gauge })
        }
        guard columns.contains(where: { Set($0.points.map(\.gauge)).count >= 2 }) else {
            throw MapError("--window: no λ has 2 or more g values (a sampled design?); scan a grid over λ and g (--g or --g-rel LO:HI:N)", option: "--window")
        }
        return (vev, columns, slice.note)
    }

    /// Neighbouring pairs of a column where `completes` flips; pairs next to an internal error are counted, not bracketed.
    public static func brackets(_ column: WindowColumn) -> (brackets: [WindowBracket], unrefinable: Int) {
        var out = [WindowBracket](), skipped = 0
        let p = column.points
        guard p.count >= 2 else { return ([], 0) }
        for k in 0..<(p.count - 1) {
            let a = p[k], b = p[k + 1]
            guard let ca = a.completes, let cb = b.completes else { skipped += 1; continue }
            guard ca != cb, a.gauge != b.gauge else { continue }
            out.append(ca ? WindowBracket(second: column.second, edge: .upper, gInside: a.gauge, gOutside: b.gauge, statusInside: a.status, statusOutside: b.status)
                          : WindowBracket(second: column.second, edge: .lower, gInside: b.gauge, gOutside: a.gauge, statusInside: b.status, statusOutside: a.status))
        }
        return (out, skipped)
    }

    /// Bisection of a bracket, `steps` halvings (as `supercool completion`: 12, δg = Δg/4096): `classify(g)` gives
    /// whether the transition completes at g (nil: an internal error, which ends the bisection with the bracket so far).
    public static func refine(_ b: WindowBracket, steps: Int, classify: (Double) -> (completes: Bool?, status: String)) -> WindowEdge {
        let clock = ContinuousClock(), t0 = clock.now
        var edge = WindowEdge(bracket: b, steps: steps, gInside: b.gInside, gOutside: b.gOutside, statusInside: b.statusInside,
                              statusOutside: b.statusOutside, note: nil, seconds: 0)
        for k in 0..<steps {
            let mid = 0.5 * (edge.gInside + edge.gOutside)
            let c = classify(mid)
            guard let completes = c.completes else {
                edge.note = "stopped after \(k) of \(steps) steps: \(c.status) at g = \(mid)"
                break
            }
            if completes { edge.gInside = mid; edge.statusInside = c.status } else { edge.gOutside = mid; edge.statusOutside = c.status }
        }
        let d = clock.now - t0
        edge.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return edge
    }

    /// The completing band of one column in g_rel: from the lowest lower edge (or the lowest scanned g, if it completes:
    /// `openBelow`) to the highest upper edge (or the highest scanned g: `openAbove`); nil if no point of it completes.
    public struct Band: Sendable, Equatable {
        public let second: Double
        public let lower: Double, upper: Double
        public let openBelow: Bool, openAbove: Bool
    }

    public static func band(_ column: WindowColumn, edges: [WindowEdge]) -> Band? {
        guard column.rollingCoupling.isFinite, column.points.contains(where: { $0.completes == true }) else { return nil }
        let mine = edges.filter { $0.bracket.second == column.second }
        let lowerEdge = mine.filter { $0.bracket.edge == .lower }.map(\.gauge).min()
        let upperEdge = mine.filter { $0.bracket.edge == .upper }.map(\.gauge).max()
        let first = column.points.first!, last = column.points.last!
        let openBelow = first.completes == true, openAbove = last.completes == true
        let lo = openBelow ? first.gauge : (lowerEdge ?? column.points.first { $0.completes == true }!.gauge)
        let hi = openAbove ? last.gauge : (upperEdge ?? column.points.last { $0.completes == true }!.gauge)
        return Band(second: column.second, lower: column.relative(lo), upper: column.relative(hi), openBelow: openBelow, openAbove: openAbove)
    }

    /// Refines `brackets` (those not in `cached`), at most `jobs` at a time; `done(edge)` is called on the caller's task
    /// for each new edge as it finishes (to store it). Returns cached and new edges, in the brackets' order.
    public static func refineAll(_ brackets: [WindowBracket], steps: Int, jobs: Int, cached: [WindowEdge], evaluator: WindowEvaluator,
                                 done: (WindowEdge) throws -> Void) async throws -> [WindowEdge] {
        var result = [WindowBracket: WindowEdge]()
        for e in cached where e.steps == steps { result[e.bracket] = e }
        let pending = brackets.filter { result[$0] == nil }
        try await withThrowingTaskGroup(of: WindowEdge.self) { group in
            var next = 0
            for _ in 0..<min(max(jobs, 1), pending.count) {
                let b = pending[next]; next += 1
                group.addTask { refine(b, steps: steps) { evaluator.classify(second: b.second, gauge: $0) } }
            }
            while let e = try await group.next() {
                result[e.bracket] = e
                try done(e)
                if next < pending.count {
                    let b = pending[next]; next += 1
                    group.addTask { refine(b, steps: steps) { evaluator.classify(second: b.second, gauge: $0) } }
                }
            }
        }
        return brackets.compactMap { result[$0] }
    }
}

/// Computes one (λ, g) point at the map's v with the scan's own conventions: bounces at `spec.referenceVev`
/// (`TransitionAnalysis.prepare()`), the history at v (`PreparedTransition.result(vev:)`), exactly as `ScanRunner` does.
public struct WindowEvaluator: Sendable {
    public let spec: ScanSpec
    public let vev: Double
    public let standardModel: StandardModelDegreesOfFreedom

    public init(spec: ScanSpec, vev: Double, standardModel: StandardModelDegreesOfFreedom) {
        self.spec = spec; self.vev = vev; self.standardModel = standardModel
    }

    public func classify(second: Double, gauge: Double) -> (completes: Bool?, status: String) {
        do {
            let model = try spec.model.make(vev: spec.referenceVev, lambda: spec.model == .darkU1 ? second : nil, gauge: gauge,
                                            yukawa: spec.model == .darkU1 ? nil : second)
            let prepared = try TransitionAnalysis(model: model, potentialConventions: spec.potentialConventions, conventions: spec.conventions,
                                                  standardModel: .table(standardModel)).prepare()
            let result = try prepared.result(vev: vev, standardModel: standardModel)
            return (result.completes, result.status.code)
        } catch {
            return (nil, "\(ScanRecord.internalError) (\(error))")
        }
    }
}

extension ScanStore {
    /// The refined window edges cached in this database (table `window_edges`, README "Maps"); none if the table is absent.
    public func cachedWindowEdges(vev: Double) throws -> [WindowEdge] {
        let exists = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'window_edges'").rows()
        guard !exists.isEmpty else { return [] }
        return try db.prepare("""
            SELECT second, edge, g_in_scan, g_out_scan, status_in_scan, status_out_scan, steps, g_in, g_out, status_in, status_out, note, seconds
            FROM window_edges WHERE v_GeV = ?
            """).rows([.real(vev)]).compactMap { c in
            guard let s = c[0].double, let kind = c[1].string.flatMap(WindowBracket.Edge.init(rawValue:)), let a = c[2].double, let b = c[3].double,
                  let steps = c[6].int, let gi = c[7].double, let go = c[8].double else { return nil }
            let bracket = WindowBracket(second: s, edge: kind, gInside: a, gOutside: b, statusInside: c[4].string ?? "", statusOutside: c[5].string ?? "")
            return WindowEdge(bracket: bracket, steps: steps, gInside: gi, gOutside: go, statusInside: c[9].string ?? "", statusOutside: c[10].string ?? "",
                              note: c[11].string, seconds: c[12].double ?? 0)
        }
    }

    /// Stores one refined edge (creating `window_edges` on first use), committed at once.
    public func saveWindowEdge(_ e: WindowEdge, vev: Double) throws {
        try db.transaction {
            try db.execute("""
                CREATE TABLE IF NOT EXISTS window_edges (
                    v_GeV REAL NOT NULL, second REAL NOT NULL, edge TEXT NOT NULL,
                    g_in_scan REAL NOT NULL, g_out_scan REAL NOT NULL, status_in_scan TEXT NOT NULL, status_out_scan TEXT NOT NULL,
                    steps INTEGER NOT NULL, g_in REAL NOT NULL, g_out REAL NOT NULL, status_in TEXT NOT NULL, status_out TEXT NOT NULL,
                    note TEXT, seconds REAL NOT NULL,
                    PRIMARY KEY (v_GeV, second, g_in_scan, g_out_scan, steps));
                """)
            let b = e.bracket
            try db.prepare("INSERT OR REPLACE INTO window_edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run([
                .real(vev), .real(b.second), .text(b.edge.rawValue), .real(b.gInside), .real(b.gOutside), .text(b.statusInside), .text(b.statusOutside),
                .integer(Int64(e.steps)), .real(e.gInside), .real(e.gOutside), .text(e.statusInside), .text(e.statusOutside), .init(e.note), .real(e.seconds),
            ])
        }
    }
}
