import Foundation

/// `supercool scan merge`: shard databases of one spec into one database.
public enum ScanMerge {
    public struct Report: Sendable {
        public var shardsRead = 0
        /// Shard count N of the inputs and the shard indices never seen.
        public var shardCount = 1
        public var missingShards: [Int] = []
        /// Shard indices given more than once (files holding the same shard).
        public var duplicatedShards: [Int] = []
        /// Points of the spec in no input, by index.
        public var missingPoints: [Int] = []
        /// Points found in more than one input (same physics: kept once).
        public var duplicatedPoints: [Int] = []
        /// Points found twice with different physics (the first kept): a sign of shards from different code versions.
        public var conflictingPoints: [Int] = []
        public var pointsWritten = 0
        public var complete: Bool { missingPoints.isEmpty && conflictingPoints.isEmpty && missingShards.isEmpty }
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case noInputs
        case differentSpecs(first: String, other: String, differences: [String])
        case differentShardCounts(first: String, firstCount: Int, other: String, otherCount: Int)
        case outputIsInput(String)
        public var description: String {
            switch self {
            case .noInputs: return "no shard databases given"
            case .differentSpecs(let a, let b, let d): return "\(b) was made by a different spec than \(a) (\(d.joined(separator: "; "))): refusing to merge"
            case .differentShardCounts(let a, let n, let b, let m): return "\(a) is a shard of \(n), \(b) of \(m): refusing to merge"
            case .outputIsInput(let p): return "the output \(p) is also an input"
            }
        }
    }

    /// Reads every input (all must hold the same spec and shard count), writes their union into `output` (created, or an
    /// existing database of the same spec, whole-scan), and reports what is missing or duplicated.
    public static func merge(inputs: [String], output: String) throws -> Report {
        guard let firstPath = inputs.first else { throw Failure.noInputs }
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        if let same = inputs.first(where: { URL(fileURLWithPath: $0).standardizedFileURL == outputURL }) { throw Failure.outputIsInput(same) }
        let stores = try inputs.map { try ScanStore(readingFrom: $0) }
        let first = stores[0]
        var report = Report()
        report.shardCount = first.shard?.count ?? 1
        var seenShards = [Int: Int]()
        for s in stores {
            guard s.spec == first.spec else {
                throw Failure.differentSpecs(first: firstPath, other: s.path, differences: s.spec.differences(from: first.spec))
            }
            let n = s.shard?.count ?? 1
            guard n == report.shardCount else {
                throw Failure.differentShardCounts(first: firstPath, firstCount: report.shardCount, other: s.path, otherCount: n)
            }
            seenShards[s.shard?.index ?? 0, default: 0] += 1
        }
        report.shardsRead = stores.count
        report.missingShards = (0..<report.shardCount).filter { seenShards[$0] == nil }
        report.duplicatedShards = seenShards.filter { $0.value > 1 }.map(\.key).sorted()
        var byIndex = [Int: ScanRecord]()
        var duplicated = Set<Int>(), conflicting = Set<Int>()
        for s in stores {
            for r in try s.records() {
                if let kept = byIndex[r.index] {
                    if kept.samePhysics(as: r) { duplicated.insert(r.index) } else { conflicting.insert(r.index) }
                } else {
                    byIndex[r.index] = r
                }
            }
        }
        let expected = try first.spec.points().map(\.index)
        report.missingPoints = expected.filter { byIndex[$0] == nil }
        report.duplicatedPoints = duplicated.sorted()
        report.conflictingPoints = conflicting.sorted()
        let out = try ScanStore(path: output, spec: first.spec, shard: nil)
        let records = byIndex.keys.sorted().map { byIndex[$0]! }
        try out.write(records)
        try out.checkpoint()
        report.pointsWritten = records.count
        return report
    }
}
