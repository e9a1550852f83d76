import Testing
import Foundation
import Cosmology
import EffectivePotential
@testable import ParameterScan
import TransitionHistory
import PulsarTiming

@Suite struct ScanSpecTests {
    @Test("Axes: a single value, grids with ends included, signed log axes; malformed ones name the option")
    func axes() throws {
        #expect(try ScanAxis.parse("2.5", name: "--v", sampled: false).gridValues == [2.5])
        let lin = try ScanAxis.parse("0:1:5", name: "--g", sampled: false).gridValues
        #expect(lin == [0, 0.25, 0.5, 0.75, 1])
        let log = try ScanAxis.parse("0.1:1000:5:log", name: "--v", sampled: false).gridValues
        for (x, e) in zip(log, [0.1, 1, 10, 100, 1000]) { #expect(abs(x / e - 1) < 1e-14) }
        // Signed log: −0.1 … −1e-4, equal ratios between neighbours, the far end exact.
        let neg = try ScanAxis.parse("-0.1:-1e-4:4:log", name: "--g-rel", sampled: false).gridValues
        for (x, e) in zip(neg, [-0.1, -0.01, -1e-3, -1e-4]) { #expect(abs(x / e - 1) < 1e-14) }
        for bad in ["", "1:2", "a:2:3", "2:1:3", "1:2:0", "-1:1:3:log", "0:1:3:log", "1:2:3:4:5", "1:1e400:3"] {
            #expect(throws: ScanAxis.Invalid.self, "\(bad)") { try ScanAxis.parse(bad, name: "--v", sampled: false) }
        }
        #expect(throws: ScanAxis.Invalid.self) { try ScanAxis.parse("1:2:3", name: "--v", sampled: true) }
        #expect(try ScanAxis.parse("1:2:log", name: "--v", sampled: true).count == nil)
    }

    static func spec(_ design: ScanDesign = .grid) throws -> ScanSpec {
        ScanSpec(model: .darkU1, vev: try .parse(design == .grid ? "0.1:10:3:log" : "0.1:10:log", name: "--v", sampled: design != .grid),
                 second: design == .grid ? .fixed(0.006) : try .parse("0.004:0.008", name: "--lambda", sampled: true),
                 coupling: try .parse(design == .grid ? "-0.3:-0.01:4" : "-0.3:-0.01", name: "--g-rel", sampled: design != .grid),
                 couplingRelativeToRolling: true, design: design)
    }

    @Test("Grid: v innermost, one group per (λ, g), g = g_roll(λ)(1 + g_rel)")
    func gridPoints() throws {
        let points = try Self.spec().points()
        #expect(points.count == 12)
        #expect(points.map(\.index) == Array(0..<12))
        #expect(points.map(\.group) == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3])
        let gRoll = DarkU1.rollingCoupling(lambda: 0.006)
        #expect(abs(points[0].gauge - gRoll * 0.7) < 1e-15 * gRoll)
        #expect(points[0].gaugeRelative == -0.3)
        #expect(points[0].vev == 0.1 && points[2].vev == 10)
    }

    @Test("Sampled designs stay inside the axes and are reproducible from the seed", arguments: [ScanDesign.latinHypercube(points: 64, seed: 3), .sobol(points: 64, seed: 3)])
    func sampled(design: ScanDesign) throws {
        let a = try Self.spec(design).points(), b = try Self.spec(design).points()
        #expect(a == b && a.count == 64)
        for p in a {
            #expect((0.1...10).contains(p.vev) && (0.004...0.008).contains(p.second))
            #expect((-0.3...(-0.01)).contains(p.gaugeRelative!))
        }
        #expect(Set(a.map(\.group)).count == 64, "sampled points share no (λ, g)")
    }

    @Test("Out-of-range inputs are refused with the point named")
    func invalidPoints() throws {
        var s = try Self.spec()
        s.vev = .fixed(1e17)
        #expect(throws: ScanSpec.Invalid.self) { try s.points() }
        s = try Self.spec(); s.coupling = .fixed(-1.5)   // g < 0
        #expect(throws: ScanSpec.Invalid.self) { try s.points() }
        s = try Self.spec(); s.design = .list([])
        #expect(throws: ScanSpec.Invalid.self) { try s.points() }
    }

    @Test("Shards partition the points by whole groups", arguments: [1, 2, 3, 5])
    func shards(n: Int) throws {
        let points = try Self.spec().points()
        var seen = [Int: Int]()
        for i in 0..<n {
            let shard = ScanShard(index: i, count: n)
            for p in points where shard.contains(p) { seen[p.index, default: 0] += 1 }
            let groups = Set(points.filter { shard.contains($0) }.map(\.group))
            for g in groups { #expect(points.filter { $0.group == g }.allSatisfy(shard.contains)) }
        }
        #expect(seen.count == points.count && seen.values.allSatisfy { $0 == 1 })
        for bad in ["4/4", "-1/2", "1", "a/b", "0/0"] { #expect(throws: ScanSpec.Invalid.self) { try ScanShard.parse(bad) } }
    }
}

@Suite struct ScanStoreTests {
    static func temporary(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-scan-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return path
    }

    static func record(_ i: Int) -> ScanRecord {
        ScanRecord(index: i, vev: 1, second: 0.006, gauge: 0.7, gaugeRelative: nil, status: "completes", reason: "percolates and completes",
                   values: ["Tp_MeV": 100 + Double(i), "alpha": 1e3], logLikelihood: i == 0 ? nil : -3.5, likelihoodNote: nil,
                   seconds: 0.1, curveReused: i > 0, reportJSON: "{}")
    }

    @Test("Rows round-trip; reopening resumes; another spec or shard is refused; a foreign file is named")
    func roundTripAndRefusals() throws {
        let path = Self.temporary("a.sqlite")
        let spec = try ScanSpecTests.spec()
        do {
            let store = try ScanStore(path: path, spec: spec, shard: nil)
            try store.write(Self.record(0)); try store.write(Self.record(3))
        }
        let again = try ScanStore(path: path, spec: spec, shard: nil)
        #expect(try again.finishedIndices() == [0, 3])
        #expect(try again.records() == [Self.record(0), Self.record(3)])
        var other = spec
        other.conventions.wallVelocity = 0.9
        #expect(throws: ScanStore.Failure.self) { try ScanStore(path: path, spec: other, shard: nil) }
        #expect(throws: ScanStore.Failure.self) { try ScanStore(path: path, spec: spec, shard: ScanShard(index: 0, count: 2)) }
        let text = Self.temporary("text.sqlite")
        try "not a database, just text that is long enough to have a header".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: ScanStore.Failure.self) { try ScanStore(path: text, spec: spec, shard: nil) }
        #expect(throws: ScanStore.Failure.self) { try ScanStore(readingFrom: Self.temporary("missing.sqlite")) }
    }

    @Test("A full disk (the page limit) stops with SQLITE_FULL and keeps every committed point readable")
    func fullDisk() throws {
        let path = Self.temporary("full.sqlite")
        let store = try ScanStore(path: path, spec: try ScanSpecTests.spec(), shard: nil)
        try store.limitPages(8)
        var written = 0
        var full: SQLiteError?
        var big = Self.record(0)
        big.reportJSON = String(repeating: "x", count: 1500)
        for i in 0..<200 {
            big.index = i
            do { try store.write(big); written += 1 } catch let e as SQLiteError { full = e; break }
        }
        #expect(full?.isFull == true)
        #expect(written > 0)
        let reread = try ScanStore(readingFrom: path)
        #expect(try reread.finishedIndices().count == written)
    }
}

@Suite struct ScanRunnerTests {
    static let resources = try! ProjectResources.locate()
    static let table = try! StandardModelDegreesOfFreedom(resources: resources)

    @Test("A scan's points agree with `TransitionAnalysis.run()` at the same inputs; shards merge into the single run; missing and duplicated shards are reported")
    func runShardAndMerge() async throws {
        let spec = ScanSpec(model: .darkU1, vev: try .parse("0.05:20:2:log", name: "--v", sampled: false), second: .fixed(0.006),
                            coupling: try .parse("-0.2:-0.02:2", name: "--g-rel", sampled: false), couplingRelativeToRolling: true, design: .grid)
        let single = try ScanStore(path: ScanStoreTests.temporary("single.sqlite"), spec: spec, shard: nil)
        let summary = try await ScanRunner(spec: spec, jobs: 2, standardModel: Self.table, fit: nil).run(store: single)
        #expect(summary.computed == 4 && summary.reusedPoints == 2 && summary.internalErrors == 0)
        let records = try single.records()
        for (r, p) in zip(records, try spec.points()) {
            let direct = try TransitionAnalysis(model: try DarkU1(vev: p.vev, lambda: 0.006, gauge: p.gauge), standardModel: .table(Self.table)).run()
            #expect(r.status == direct.status.code)
            let tp = try #require(r.values["Tp_MeV"]), alpha = try #require(r.values["alpha"])
            // 1e-6: bounces at v = 1 GeV scaled to v against bounces at v (PreparedTransitionTests).
            #expect(abs(tp / (direct.percolationTemperature! * 1000) - 1) < 1e-6)
            #expect(abs(alpha / direct.alpha! - 1) < 1e-6)
            #expect(r.reportJSON?.contains("\"Tp_MeV\"") == true)
        }
        // Resume: nothing left to do.
        #expect(try await ScanRunner(spec: spec, jobs: 2, standardModel: Self.table, fit: nil).run(store: single).computed == 0)

        var shardPaths = [String]()
        for i in 0..<2 {
            let path = ScanStoreTests.temporary("shard-\(i).sqlite")
            let shard = ScanShard(index: i, count: 2)
            let store = try ScanStore(path: path, spec: spec, shard: shard)
            _ = try await ScanRunner(spec: spec, shard: shard, jobs: 1, standardModel: Self.table, fit: nil).run(store: store)
            shardPaths.append(path)
        }
        let merged = ScanStoreTests.temporary("merged.sqlite")
        let report = try ScanMerge.merge(inputs: shardPaths, output: merged)
        #expect(report.complete && report.pointsWritten == 4)
        let mergedRecords = try ScanStore(readingFrom: merged).records()
        #expect(mergedRecords.count == records.count)
        for (a, b) in zip(mergedRecords, records) { #expect(a.samePhysics(as: b), "point \(a.index)") }

        let partial = try ScanMerge.merge(inputs: [shardPaths[0]], output: ScanStoreTests.temporary("partial.sqlite"))
        #expect(partial.missingShards == [1] && partial.missingPoints.count == 2 && !partial.complete)
        let twice = try ScanMerge.merge(inputs: [shardPaths[0], shardPaths[0], shardPaths[1]], output: ScanStoreTests.temporary("twice.sqlite"))
        #expect(twice.duplicatedShards == [0] && twice.duplicatedPoints.count == 2 && twice.complete)
        var otherSpec = spec
        otherSpec.conventions.percolationThreshold = 0.3
        let foreign = ScanStoreTests.temporary("foreign.sqlite")
        _ = try ScanStore(path: foreign, spec: otherSpec, shard: ScanShard(index: 1, count: 2))
        #expect(throws: ScanMerge.Failure.self) { try ScanMerge.merge(inputs: [shardPaths[0], foreign], output: ScanStoreTests.temporary("no.sqlite")) }
    }

    /// A database made before the native-grid PTA tables (no `evaluation` in its spec) holds ln L of another
    /// evaluation: it does not match a current spec, and the refusal says why.
    @Test func likelihoodEvaluationIsPartOfTheSpec() throws {
        let current = ScanLikelihood(datasets: ["ng15_hd"], template: .soundWaves, bins: nil, withSMBHB: false)
        #expect(current.evaluation == ScanLikelihood.currentEvaluation)
        var old = current
        old.evaluation = nil
        let make = { (l: ScanLikelihood) in ScanSpec(model: .darkU1, vev: .fixed(0.3), second: .fixed(0.006), coupling: .fixed(-0.2),
                                                    couplingRelativeToRolling: true, design: .grid, likelihood: l) }
        #expect(make(old) != make(current))
        #expect(make(current).differences(from: make(old)) == ["likelihood evaluation (resampled tables, before the native grid vs ceffyl-1.41 cell, native grid)"])
        // A spec JSON without the key (an older database) decodes with evaluation nil.
        let json = try make(current).canonicalJSON().replacingOccurrences(of: ",\"evaluation\":\"ceffyl-1.41 cell, native grid\"", with: "")
            .replacingOccurrences(of: "\"evaluation\":\"ceffyl-1.41 cell, native grid\",", with: "")
        #expect(!json.contains("evaluation"))
        let decoded = try JSONDecoder().decode(ScanSpec.self, from: Data(json.utf8))
        #expect(decoded.likelihood?.evaluation == nil && decoded != make(current))
    }

    @Test("ln L of completing points equals PTAFit on the direct point's GW source; non-completing points say why")
    func likelihoodColumn() async throws {
        let likelihood = ScanLikelihood(datasets: ["ng15_hd"], template: .soundWaves, bins: nil, withSMBHB: false)
        let spec = ScanSpec(model: .darkU1, vev: .fixed(0.3), second: .fixed(0.006),
                            coupling: try .parse("-0.2:0.3:2", name: "--g-rel", sampled: false), couplingRelativeToRolling: true,
                            design: .grid, likelihood: likelihood)
        let L = try PTALikelihood(data: try FreeSpectrumData(.ng15, resources: Self.resources))
        let fit = PTAFit(likelihoods: [L], template: .soundWaves, withSMBHB: false)
        let store = try ScanStore(path: ScanStoreTests.temporary("lnl.sqlite"), spec: spec, shard: nil)
        _ = try await ScanRunner(spec: spec, jobs: 1, standardModel: Self.table, fit: fit).run(store: store)
        let records = try store.records()
        #expect(records.count == 2)
        for (r, p) in zip(records, try spec.points()) {
            let direct = try TransitionAnalysis(model: try DarkU1(vev: p.vev, lambda: 0.006, gauge: p.gauge), standardModel: .table(Self.table)).run()
            if let source = direct.gravitationalWaveSource(wallVelocity: 1) {
                let expected = fit.logLikelihood(source)
                // T_p, α, H*R* agree to ~1e-6 between the reused bounces and the direct run; ln L moves by far less than 1e-3.
                let lnL = try #require(r.logLikelihood, "point \(r.index): \(r.likelihoodNote ?? "")")
                #expect(abs(lnL - expected) < 1e-3, "point \(r.index): \(lnL) vs \(expected)")
            } else {
                #expect(r.logLikelihood == nil && r.likelihoodNote?.contains("does not complete") == true)
            }
        }
        #expect(records.contains { $0.logLikelihood != nil } && records.contains { $0.logLikelihood == nil })
    }
}
