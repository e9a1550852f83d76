import Foundation
import Cosmology
import EffectivePotential
import PulsarTiming
import TransitionHistory

/// Runs a scan (or one shard of it) into a `ScanStore`: the points not yet stored, one task per (λ, g) group (its
/// bounces solved once at `ScanSpec.referenceVev`, every v of the group from them), at most `jobs` groups at a time,
/// each point committed as it finishes. A point that fails numerically is stored as `internal_error` with its reason;
/// the scan goes on.
public struct ScanRunner: Sendable {
    public let spec: ScanSpec
    public let shard: ScanShard
    public let jobs: Int
    public let standardModel: StandardModelDegreesOfFreedom
    /// The PTA likelihood of `spec.likelihood` (nil: no ln L).
    public let fit: PTAFit?
    /// Recompute points stored as `internal_error` (else they count as done).
    public let retryErrors: Bool

    public init(spec: ScanSpec, shard: ScanShard = .whole, jobs: Int, standardModel: StandardModelDegreesOfFreedom, fit: PTAFit?,
                retryErrors: Bool = false) {
        self.spec = spec; self.shard = shard; self.jobs = max(1, jobs); self.standardModel = standardModel; self.fit = fit
        self.retryErrors = retryErrors
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Points of this shard in the spec.
        public var pointsInShard = 0
        /// Already in the database before this run (resumed).
        public var alreadyDone = 0
        public var computed = 0
        /// Outcome code → number of points, over the whole database after the run.
        public var counts: [String: Int] = [:]
        public var internalErrors: Int { counts[ScanRecord.internalError] ?? 0 }
        /// Internal errors among the points this run computed.
        public var newInternalErrors = 0
        public var wallSeconds = 0.0
        /// Sum of the points' own times (s), and those of points that reused another point's bounces.
        public var pointSeconds = 0.0
        public var reusedPoints = 0
        public var reusedSeconds = 0.0
    }

    /// The points of this shard that `store` does not hold yet, grouped by (λ, g).
    public func pendingGroups(store: ScanStore) throws -> (groups: [[ScanPoint]], inShard: Int, done: Int) {
        let mine = try spec.points().filter { shard.contains($0) }
        let done = try store.finishedIndices(includingErrors: !retryErrors)
        var groups = [Int: [ScanPoint]]()
        var order = [Int]()
        for p in mine where !done.contains(p.index) {
            if groups[p.group] == nil { order.append(p.group) }
            groups[p.group, default: []].append(p)
        }
        return (order.map { groups[$0]! }, mine.count, mine.filter { done.contains($0.index) }.count)
    }

    /// Computes every pending point and commits each to `store` as it arrives; `progress(record, done, total)` after
    /// each commit (total: points to compute in this run). A storage error (e.g. a full disk) stops the run and is
    /// thrown; everything committed before it stays.
    public func run(store: ScanStore, progress: @Sendable (ScanRecord, Int, Int) -> Void = { _, _, _ in }) async throws -> Summary {
        let start = Date()
        let pending = try pendingGroups(store: store)
        var summary = Summary()
        summary.pointsInShard = pending.inShard
        summary.alreadyDone = pending.done
        let total = pending.groups.reduce(0) { $0 + $1.count }
        let (stream, continuation) = AsyncStream<ScanRecord>.makeStream()
        let groups = pending.groups
        let worker = Task { [self] in
            await withTaskGroup(of: Void.self) { tasks in
                var next = 0
                for _ in 0..<min(jobs, groups.count) {
                    let g = groups[next]; next += 1
                    tasks.addTask { evaluate(g) { continuation.yield($0) } }
                }
                for await _ in tasks where next < groups.count && !Task.isCancelled {
                    let g = groups[next]; next += 1
                    tasks.addTask { evaluate(g) { continuation.yield($0) } }
                }
            }
            continuation.finish()
        }
        do {
            for await record in stream {
                try store.write(record)
                summary.computed += 1
                summary.pointSeconds += record.seconds
                if record.curveReused { summary.reusedPoints += 1; summary.reusedSeconds += record.seconds }
                if record.status == ScanRecord.internalError { summary.newInternalErrors += 1 }
                progress(record, summary.computed, total)
            }
        } catch {
            worker.cancel()
            throw error
        }
        try store.checkpoint()
        for r in try store.records() { summary.counts[r.status, default: 0] += 1 }
        summary.wallSeconds = Date().timeIntervalSince(start)
        return summary
    }

    /// One (λ, g) group: the bounces once, then each point's history. Never throws: failures become records.
    public func evaluate(_ group: [ScanPoint], emit: (ScanRecord) -> Void) {
        guard let first = group.first else { return }
        let clock = ContinuousClock()
        let t0 = clock.now
        func seconds(since t: ContinuousClock.Instant) -> Double {
            let d = clock.now - t
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let prepared: PreparedTransition
        do {
            let model = try spec.model.make(vev: spec.referenceVev, lambda: spec.model == .darkU1 ? first.second : nil, gauge: first.gauge,
                                            yukawa: spec.model == .darkU1 ? nil : first.second)
            prepared = try TransitionAnalysis(model: model, potentialConventions: spec.potentialConventions, conventions: spec.conventions,
                                              standardModel: .table(standardModel)).prepare()
        } catch {
            let elapsed = seconds(since: t0)
            for (k, p) in group.enumerated() { emit(failure(p, "\(error)", seconds: k == 0 ? elapsed : 0, reused: k > 0)) }
            return
        }
        let preparation = seconds(since: t0)
        for (k, p) in group.enumerated() where !Task.isCancelled {
            let t = clock.now
            do {
                let result = try prepared.result(vev: p.vev, standardModel: standardModel)
                emit(record(p, result, seconds: (k == 0 ? preparation : 0) + seconds(since: t), reused: k > 0))
            } catch {
                emit(failure(p, "\(error)", seconds: (k == 0 ? preparation : 0) + seconds(since: t), reused: k > 0))
            }
        }
    }

    func failure(_ p: ScanPoint, _ reason: String, seconds: Double, reused: Bool) -> ScanRecord {
        ScanRecord(index: p.index, vev: p.vev, second: p.second, gauge: p.gauge, gaugeRelative: p.gaugeRelative,
                   status: ScanRecord.internalError, reason: reason, values: [:], logLikelihood: nil, likelihoodNote: nil,
                   seconds: seconds, curveReused: reused, reportJSON: nil)
    }

    func record(_ p: ScanPoint, _ result: TransitionResult, seconds: Double, reused: Bool) -> ScanRecord {
        var values = [String: Double]()
        for field in result.reportFields where ScanRecord.valueColumns.contains(field.key) {
            if case .number(let x?) = field.value {
                // A non-finite number is a failure of the program, not a quantity that "does not exist" (NULL).
                guard x.isFinite else { return failure(p, "non-finite \(field.key) = \(x) (status \(result.status.code))", seconds: seconds, reused: reused) }
                values[field.key] = x
            }
        }
        var lnL: Double?, note: String?
        if let fit {
            if let source = result.gravitationalWaveSource(wallVelocity: spec.conventions.wallVelocity) {
                let value = fit.logLikelihood(source)
                if value.isFinite { lnL = value } else if value == -.infinity {
                    note = "excluded: the spectrum exceeds the data grid in some bin (ln L = −∞)"
                } else {
                    note = "the spectrum is not finite at some data frequency"
                }
            } else {
                note = "no GW source: the transition does not complete"
            }
        }
        let json: String
        // Sorted keys: the same bytes whichever process wrote the point (shards merged against a single run). The report
        // refuses non-finite numbers: then the point is an internal error, as `point` would say.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { json = String(decoding: try encoder.encode(result), as: UTF8.self) } catch {
            return failure(p, "the report has a non-finite number: \(error)", seconds: seconds, reused: reused)
        }
        let reason = result.status.description
        return ScanRecord(index: p.index, vev: p.vev, second: p.second, gauge: p.gauge, gaugeRelative: p.gaugeRelative,
                          status: result.status.code, reason: reason, values: values, logLikelihood: lnL, likelihoodNote: note,
                          seconds: seconds, curveReused: reused, reportJSON: json)
    }
}
