import Testing
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import ParameterScan

/// `supercool map` on a synthetic database (no physics): the heat map's cells, the window drawn from cached edges,
/// refusals with exit 2 naming the option.
@Suite(.serialized) struct MapCommandTests {
    /// λ × g_rel grid at one v (4 × 6 points): completes for −0.3 < g_rel ≤ 0.001 (a toy), with T_p and α.
    static func database(_ name: String) throws -> (path: String, spec: ScanSpec, records: [ScanRecord]) {
        let path = ScanCommandTests.temporary(name)
        let spec = ScanSpec(model: .darkU1, vev: .fixed(1), second: try .parse("0.002:0.02:4:log", name: "--lambda", sampled: false),
                            coupling: try .parse("-0.5:0.005:6", name: "--g-rel", sampled: false), couplingRelativeToRolling: true, design: .grid)
        let records = try spec.points().map { p -> ScanRecord in
            let rel = p.gaugeRelative!
            let ok = rel > -0.3 && rel <= 0.001
            let status = ok ? "completes" : (rel > 0 ? "no_percolation" : "no_critical_temperature")
            return ScanRecord(index: p.index, vev: p.vev, second: p.second, gauge: p.gauge, gaugeRelative: rel, status: status, reason: status,
                              values: ok ? ["Tp_MeV": 100 * (1 + rel) + 1000 * p.second, "alpha": pow(10, 8 * (rel + 0.3))] : [:],
                              logLikelihood: nil, likelihoodNote: nil, seconds: 0.01, curveReused: false, reportJSON: nil)
        }
        let store = try ScanStore(path: path, spec: spec, shard: nil)
        try store.write(records)
        try store.checkpoint()
        return (path, spec, records)
    }

    static func classes(_ svg: String) -> (ok: Bool, classes: [String: Int]) {
        final class Counter: NSObject, XMLParserDelegate {
            var classes = [String: Int]()
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if let c = attributes["class"] { classes[c, default: 0] += 1 }
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = Counter()
        parser.delegate = counter
        return (parser.parse(), counter.classes)
    }

    @Test("--heat over a grid: one cell per point, well-formed, the key's title and the conventions in the text")
    func heat() throws {
        let db = try Self.database("heat.sqlite")
        let out = ScanCommandTests.temporary("heat.svg")
        let run = try CLITests.run(["map", "--db", db.path, "--heat", "Tp_MeV", "--x", "lambda", "--y", "g_rel", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        let parsed = Self.classes(svg)
        #expect(parsed.ok)
        #expect(parsed.classes["cell"] == 24)
        #expect(svg.contains("MeV") && svg.contains("v_w = 1.0") && svg.contains("no_critical_temperature (8)"))
        #expect(run.stdout.contains("grid: 4 × 6 cells"))
        // α spans 10^2.4: log colour scale by default; forced linear says so.
        let a = try CLITests.run(["map", "--db", db.path, "--heat", "alpha", "--x", "lambda", "--y", "g_rel", "-o", out])
        #expect(a.status == 0 && a.stdout.contains("log colour scale"))
        let l = try CLITests.run(["map", "--db", db.path, "--heat", "alpha", "--x", "lambda", "--y", "g_rel", "--color-scale", "linear", "-o", out])
        #expect(l.status == 0 && l.stdout.contains("linear colour scale"))
        // (λ, g): g depends on λ, so markers, one per completing point.
        let m = try CLITests.run(["map", "--db", db.path, "--heat", "Tp_MeV", "--x", "lambda", "--y", "g", "-o", out])
        #expect(m.status == 0)
        #expect(Self.classes(try String(contentsOfFile: out, encoding: .utf8)).classes["point"] == db.records.filter { $0.status == "completes" }.count)
    }

    @Test("--window from cached edges: no computation, the band drawn, the cache reused")
    func windowFromCache() throws {
        let db = try Self.database("window.sqlite")
        // Cache every bracket's edge (as a finished bisection would), so that the map computes nothing.
        let store = try ScanStore(readingFrom: db.path)
        let (_, columns, _) = try CompletionWindow.columns(records: db.records, spec: db.spec, at: nil)
        var n = 0
        for c in columns {
            for b in CompletionWindow.brackets(c).brackets {
                let mid = (b.gInside + b.gOutside) / 2
                try store.saveWindowEdge(WindowEdge(bracket: b, steps: 12, gInside: mid, gOutside: mid * (1 + 1e-6), statusInside: "completes",
                                                    statusOutside: b.statusOutside, note: nil, seconds: 0), vev: 1)
                n += 1
            }
        }
        #expect(n == 8)
        let out = ScanCommandTests.temporary("window.svg")
        let start = Date()
        let run = try CLITests.run(["map", "--db", db.path, "--window", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(run.stdout.contains("8 edges (0 refined now"))
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(Self.classes(svg).ok && svg.contains("<polygon") && svg.contains("g_max(λ)") && svg.contains("no_percolation (4)"))
    }

    @Test("Refusals: exit 2 naming the option or file", arguments: [
        (["--heat", "Tp"], "--heat"), (["--heat", "Tp_MeV", "--x", "lambda", "--y", "mass"], "--y"),
        (["--heat", "Tp_MeV", "--x", "v", "--y", "g_rel", "--at", "0.002"], "--x"), (["--heat", "Tp_MeV", "--x", "g", "--y", "g_rel"], "--y"),
        (["--heat", "alpha", "--x", "lambda"], "--y"), (["--window", "--heat", "alpha"], "--window"),
        (["--window", "--at", "3"], "--at"), (["--window", "--steps", "0"], "--steps"),
    ])
    func refusals(arguments: [String], option: String) throws {
        let db = try Self.database("refuse.sqlite")
        let run = try CLITests.run(["map", "--db", db.path, "-o", ScanCommandTests.temporary("r.svg")] + arguments)
        #expect(run.status == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(option), "\(arguments): \(run.stderr)")
    }

    @Test("A missing or foreign database is refused with exit 2 naming --db")
    func badDatabase() throws {
        let missing = try CLITests.run(["map", "--db", "/nonexistent/x.sqlite", "--window", "-o", ScanCommandTests.temporary("m.svg")])
        #expect(missing.status == 2 && missing.stderr.contains("--db"))
        let foreign = ScanCommandTests.temporary("foreign.sqlite")
        try "not a database at all, just text".write(toFile: foreign, atomically: true, encoding: .utf8)
        let f = try CLITests.run(["map", "--db", foreign, "--heat", "alpha", "--x", "v", "--y", "g", "-o", ScanCommandTests.temporary("f.svg")])
        #expect(f.status == 2 && f.stderr.contains("--db"), "\(f.stderr)")
    }
}
