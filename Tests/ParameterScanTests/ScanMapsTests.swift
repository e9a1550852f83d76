import Testing
import Foundation
import EffectivePotential
@testable import ParameterScan

/// Map data preparation on synthetic stores (no physics): slices, grid cells, window edges, bisection, the edge cache.
@Suite struct ScanMapsTests {
    /// A (v, λ, g_rel) grid spec: v 3 values, λ 4 values, g_rel 6 values.
    static func spec() throws -> ScanSpec {
        ScanSpec(model: .darkU1, vev: try .parse("0.1:10:3:log", name: "--v", sampled: false),
                 second: try .parse("0.002:0.02:4:log", name: "--lambda", sampled: false),
                 coupling: try .parse("-0.5:0.005:6", name: "--g-rel", sampled: false), couplingRelativeToRolling: true, design: .grid)
    }

    /// A toy window: completes for g_rel in (gMin(λ), gMax] with gMin = −0.3 − 5λ, gMax = 0.001; the others fail in two ways.
    static func toyCompletes(second: Double, rel: Double) -> Bool { rel > -0.3 - 5 * second && rel <= 0.001 }

    static func records(_ spec: ScanSpec) throws -> [ScanRecord] {
        try spec.points().map { p in
            let c = toyCompletes(second: p.second, rel: p.gaugeRelative!)
            let status = c ? "completes" : (p.gaugeRelative! > 0 ? "no_percolation" : "no_critical_temperature")
            return ScanRecord(index: p.index, vev: p.vev, second: p.second, gauge: p.gauge, gaugeRelative: p.gaugeRelative, status: status,
                              reason: status, values: c ? ["Tp_MeV": 10 * p.vev * (1 + p.gaugeRelative!), "alpha": 1 + p.second] : [:],
                              logLikelihood: nil, likelihoodNote: nil, seconds: 0.01, curveReused: false, reportJSON: nil)
        }
    }

    @Test("Heat map: a grid slice at --at v, cells detected (λ × g_rel), non-completing points without a value")
    func heatGrid() throws {
        let spec = try Self.spec()
        let recs = try Self.records(spec)
        let data = try HeatMapData.make(records: recs, spec: spec, key: "Tp_MeV", x: .second, y: .gaugeRelative, at: 1)
        #expect(data.points.count == 24)
        #expect(data.grid?.x.count == 4 && data.grid?.y.count == 6)
        #expect(data.note == "v = 1 GeV")
        #expect(data.points.filter { $0.value == nil }.allSatisfy { $0.status != "completes" })
        #expect(data.points.contains { $0.value != nil })
        // Over (v, g_rel) at one λ: also a grid; over (λ, g) (g depends on λ), not a grid: markers.
        #expect(try HeatMapData.make(records: recs, spec: spec, key: "alpha", x: .vev, y: .gaugeRelative, at: 0.02).isGrid)
        #expect(try !HeatMapData.make(records: recs, spec: spec, key: "alpha", x: .second, y: .gauge, at: 10).isGrid)
    }

    @Test("Refusals name the option: unknown key, same axis twice, missing --at, --at off the grid, an unscanned axis")
    func refusals() throws {
        let spec = try Self.spec()
        let recs = try Self.records(spec)
        func option(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as MapError { return e.option } catch { return "other: \(error)" }
        }
        #expect(option { _ = try HeatMapData.make(records: recs, spec: spec, key: "Tp", x: .vev, y: .gauge, at: 0.002) } == "--heat")
        #expect(option { _ = try HeatMapData.make(records: recs, spec: spec, key: "alpha", x: .gauge, y: .gaugeRelative, at: nil) } == "--y")
        #expect(option { _ = try HeatMapData.make(records: recs, spec: spec, key: "alpha", x: .vev, y: .gauge, at: nil) } == "--at")
        #expect(option { _ = try HeatMapData.make(records: recs, spec: spec, key: "alpha", x: .vev, y: .gauge, at: 0.0031) } == "--at")
        #expect(option { _ = try MapAxis.parse("mass", spec: spec, option: "--x") } == "--x")
        // One v only: v cannot be an axis.
        let oneV = recs.filter { $0.vev == 1 }
        #expect(option { _ = try HeatMapData.make(records: oneV, spec: spec, key: "alpha", x: .vev, y: .gauge, at: 0.002) } == "--x")
        #expect(option { _ = try HeatMapData.make(records: [], spec: spec, key: "alpha", x: .vev, y: .gauge, at: 0.002) } == "--db")
    }

    @Test("Sampled designs: projected without --at, refused with it")
    func sampledProjection() throws {
        var spec = try Self.spec()
        spec.design = .latinHypercube(points: 30, seed: 2)
        spec.vev = try .parse("0.1:10:log", name: "--v", sampled: true)
        spec.second = try .parse("0.002:0.02:log", name: "--lambda", sampled: true)
        spec.coupling = try .parse("-0.5:0.005", name: "--g-rel", sampled: true)
        let recs = try Self.records(spec)
        let data = try HeatMapData.make(records: recs, spec: spec, key: "Tp_MeV", x: .vev, y: .gaugeRelative, at: nil)
        #expect(!data.isGrid && data.points.count == 30 && data.note!.hasPrefix("projected over lambda"))
        #expect(throws: MapError.self) { try HeatMapData.make(records: recs, spec: spec, key: "Tp_MeV", x: .vev, y: .gaugeRelative, at: 0.01) }
        #expect(throws: MapError.self) { try CompletionWindow.columns(records: recs, spec: spec, at: 1) }
    }

    @Test("Cell bounds: halfway in the axis coordinate, outer cells symmetric")
    func cells() {
        let lin = HeatMapData.cellBounds([0, 1, 3], transform: { $0 }, inverse: { $0 })
        #expect(lin.map(\.lower) == [-0.5, 0.5, 2] && lin.map(\.upper) == [0.5, 2, 4])
        let log = HeatMapData.cellBounds([1, 10, 100], transform: log10, inverse: { pow(10, $0) })
        #expect(abs(log[0].lower - pow(10, -0.5)) < 1e-12 && abs(log[1].upper - pow(10, 1.5)) < 1e-9)
        #expect(HeatMapData.detectGrid([(0, 0), (1, 0), (0, 1), (1, 1)]) != nil)
        #expect(HeatMapData.detectGrid([(0, 0), (1, 0), (0, 1), (0, 1)]) == nil, "a duplicated pair is not a grid")
        #expect(HeatMapData.detectGrid([(0, 0), (1, 0), (0, 1)]) == nil)
    }

    @Test("Window: edges between the right neighbours of each λ, completing band between them")
    func windowEdges() throws {
        let spec = try Self.spec()
        let recs = try Self.records(spec)
        let (vev, columns, _) = try CompletionWindow.columns(records: recs, spec: spec, at: 10)
        #expect(vev == 10 && columns.count == 4)
        let rel = spec.coupling.gridValues   // -0.5, -0.399, -0.298, -0.197, -0.096, 0.005
        for c in columns {
            let b = CompletionWindow.brackets(c).brackets
            #expect(b.count == 2)
            let lower = b.first { $0.edge == .lower }!, upper = b.first { $0.edge == .upper }!
            let gMin = -0.3 - 5 * c.second
            // The lower edge between the last failing and the first completing g_rel; the upper between -0.096 and 0.005.
            let inside = rel.first { $0 > gMin }!, outside = rel.last { $0 <= gMin }!
            #expect(abs(c.relative(lower.gInside) - inside) < 1e-12 && abs(c.relative(lower.gOutside) - outside) < 1e-12)
            #expect(abs(c.relative(upper.gInside) - rel[4]) < 1e-12 && abs(c.relative(upper.gOutside) - rel[5]) < 1e-12)
            #expect(lower.statusOutside == "no_critical_temperature" && upper.statusOutside == "no_percolation")
            // Refinement against the toy predicate converges to the toy edges within Δg/2^12.
            let gRoll = c.rollingCoupling
            for br in b {
                let e = CompletionWindow.refine(br, steps: 12) { g in
                    let ok = Self.toyCompletes(second: c.second, rel: g / gRoll - 1)
                    return (ok, ok ? "completes" : "no_percolation")
                }
                let truth = gRoll * (1 + (br.edge == .lower ? gMin : 0.001))
                let width = abs(br.gInside - br.gOutside)
                #expect(abs(e.gInside - e.gOutside) <= width / 4096 * (1 + 1e-9))
                #expect(min(e.gInside, e.gOutside) <= truth + 1e-12 && truth <= max(e.gInside, e.gOutside) + 1e-12)
                #expect(e.note == nil)
            }
            let band = CompletionWindow.band(c, edges: [])!
            #expect(!band.openBelow && !band.openAbove && abs(band.upper - rel[4]) < 1e-12)
        }
    }

    @Test("Bisection stops at an internal error and keeps the bracket so far")
    func bisectionStops() {
        let b = WindowBracket(second: 0.01, edge: .upper, gInside: 1, gOutside: 2, statusInside: "completes", statusOutside: "no_percolation")
        var calls = 0
        let e = CompletionWindow.refine(b, steps: 12) { g in
            calls += 1
            return calls == 3 ? (nil, "internal_error (x)") : (g < 1.3, g < 1.3 ? "completes" : "no_percolation")
        }
        #expect(calls == 3 && e.note?.contains("stopped after 2 of 12") == true)
        #expect(e.gInside == 1.25 && e.gOutside == 1.5)
    }

    @Test("Edge cache: saved edges come back for their v only; the points table is untouched")
    func cache() throws {
        let path = ScanStoreTests.temporary("window-cache.sqlite")
        let spec = try Self.spec()
        let store = try ScanStore(path: path, spec: spec, shard: nil)
        try store.write(try Self.records(spec))
        let reader = try ScanStore(readingFrom: path)
        #expect(try reader.cachedWindowEdges(vev: 1).isEmpty)
        let b = WindowBracket(second: 0.002, edge: .lower, gInside: 0.4, gOutside: 0.3, statusInside: "completes", statusOutside: "no_critical_temperature")
        let e = WindowEdge(bracket: b, steps: 12, gInside: 0.35, gOutside: 0.349, statusInside: "completes", statusOutside: "no_critical_temperature",
                           note: nil, seconds: 1.5)
        try reader.saveWindowEdge(e, vev: 1)
        try reader.saveWindowEdge(e, vev: 1)   // replaced, not duplicated
        let again = try ScanStore(readingFrom: path)
        #expect(try again.cachedWindowEdges(vev: 1) == [e])
        #expect(try again.cachedWindowEdges(vev: 10).isEmpty)
        #expect(try again.records().count == 72 && again.integrityCheck() == "ok")
    }
}
