import Foundation
import TransitionHistory

/// One finished point as stored: inputs, the headline numbers (temperatures in MeV, as the report's keys), the outcome
/// code (or `internal_error`), ln L, the wall time, and the whole documented report (`TransitionResult.reportFields`) as JSON.
public struct ScanRecord: Sendable, Equatable {
    public var index: Int
    public var vev: Double
    public var second: Double
    public var gauge: Double
    public var gaugeRelative: Double?
    /// `TransitionOutcome` code, or `internal_error` (a numerical failure; `reason` says which).
    public var status: String
    public var reason: String
    public var values: [String: Double]
    /// Σ ln L over the likelihood's data sets; nil when not asked for, when the point does not complete, or when the
    /// spectrum exceeds the data grid in some bin (ln L = −∞: excluded; `likelihoodNote` says which).
    public var logLikelihood: Double?
    public var likelihoodNote: String?
    /// Wall time of this point (s): its history, plus the bounces of its (λ, g) for the point that solved them.
    public var seconds: Double
    /// Whether this point reused bounces solved for another point of its (λ, g) group.
    public var curveReused: Bool
    /// The full report as a JSON object (nil for internal errors).
    public var reportJSON: String?

    public static let internalError = "internal_error"

    /// The numeric columns after the inputs, in export order (report keys; MeV for temperatures).
    public static let valueColumns = ["Tc_MeV", "Tn_MeV", "Tp_MeV", "Te_MeV", "Tf_MeV", "Treh_MeV", "alpha", "beta_over_H",
                                      "betaV_over_H", "HR", "min_S3_over_T"]

    /// The same physics (everything but the wall time and whether bounces were reused).
    public func samePhysics(as other: ScanRecord) -> Bool {
        var a = self, b = other
        a.seconds = 0; b.seconds = 0; a.curveReused = false; b.curveReused = false
        return a == b
    }
}

/// The results database of one scan (or one shard of it): SQLite, one row per point committed as it finishes
/// (WAL journal: a killed process loses only the points in flight; the file stays consistent), and a `scan_meta`
/// table with the spec, the shard, the code version and the schema version. Schema: README "Scan databases".
public final class ScanStore {
    public static let schemaVersion = "supercool-scan/1"
    /// Written into every database (`scan_meta.code_version`).
    public static let codeVersion = "supercool 0.6.0-dev"

    public let path: String
    let db: SQLiteDatabase
    public let spec: ScanSpec
    public let shard: ScanShard?
    /// The code version that created the database (nil for a new one): a resumed scan whose version differs mixes two
    /// versions' numbers (the CLI warns).
    public let storedCodeVersion: String?
    private let insert: SQLiteStatement

    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The file exists but is not a Supercool scan database.
        case notAScanDatabase(path: String, detail: String)
        /// The database was made by a different spec or conventions.
        case specMismatch(path: String, differences: [String])
        /// The database belongs to another shard.
        case shardMismatch(path: String, stored: String, requested: String)
        case missing(path: String)

        public var description: String {
            switch self {
            case .notAScanDatabase(let p, let d): return "\(p) is not a Supercool scan database (\(d))"
            case .specMismatch(let p, let d):
                return "\(p) holds a scan with a different spec (\(d.joined(separator: "; "))): refusing to mix; use another --db"
            case .shardMismatch(let p, let s, let r): return "\(p) holds shard \(s), not \(r): use one database per shard"
            case .missing(let p): return "\(p) does not exist"
            }
        }
    }

    static let columns = ["idx", "v_GeV", "second", "g", "g_rel", "status", "status_reason"] + ScanRecord.valueColumns
        + ["lnL", "lnL_note", "wall_seconds", "curve_reused", "report"]

    /// Opens `path` for a scan of `spec` (shard `shard`), creating it if missing. An existing database must hold the
    /// same spec and shard (else `Failure`, nothing written): the scan then resumes.
    public init(path: String, spec: ScanSpec, shard: ScanShard?) throws {
        self.path = path
        // An existing empty file (e.g. from mktemp) is a new database.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var exists = size.map { $0 > 0 } ?? false
        let db = try SQLiteDatabase(path: path, create: true)
        self.db = db
        // A file with no tables (created, then killed before the schema was committed) is a new database.
        if exists, (try? db.prepare("SELECT count(*) FROM sqlite_master").rows().first?.first?.int) == 0 { exists = false }
        var storedVersion: String?
        if exists {
            // The meta first: a file that is not ours is refused before anything (the journal mode) is changed in it.
            let stored = try Self.readMeta(db, path: path)
            storedVersion = stored.codeVersion
            let differences = spec.differences(from: stored.spec)
            guard differences.isEmpty, spec == stored.spec else {
                throw Failure.specMismatch(path: path, differences: differences.isEmpty ? ["numerical details"] : differences)
            }
            if stored.shard != shard?.description {
                throw Failure.shardMismatch(path: path, stored: stored.shard ?? "whole scan", requested: shard?.description ?? "whole scan")
            }
        }
        // WAL: each commit is one append; a killed process loses only uncommitted points (with synchronous = NORMAL a power
        // loss may lose the last commits, never consistency). On filesystems without shared-memory locking (some
        // Lustre/GPFS mounts) SQLite keeps its rollback journal, equally atomic: the scan goes on either way.
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        if !exists {
            try db.transaction {
                try Self.createSchema(db)
                let meta = try db.prepare("INSERT INTO scan_meta(key, value) VALUES (?, ?)")
                for (k, v) in [("schema", Self.schemaVersion), ("spec", try spec.canonicalJSON()), ("code_version", Self.codeVersion),
                               ("created_utc", ISO8601DateFormatter().string(from: Date())), ("second_axis", spec.secondName)] {
                    try meta.run([.text(k), .text(v)])
                }
                if let shard { try meta.run([.text("shard"), .text(shard.description)]) }
            }
        }
        self.spec = spec
        self.shard = shard
        self.storedCodeVersion = storedVersion
        insert = try db.prepare("INSERT OR REPLACE INTO points(\(Self.columns.joined(separator: ", "))) VALUES (\(Self.columns.map { _ in "?" }.joined(separator: ", ")))")
    }

    /// Opens an existing database read-only (export, maps, merge inputs), with its stored spec.
    public init(readingFrom path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.missing(path: path) }
        self.path = path
        db = try SQLiteDatabase(path: path, create: false)
        let stored = try Self.readMeta(db, path: path)
        spec = stored.spec
        shard = stored.shard.flatMap { try? ScanShard.parse($0) }
        storedCodeVersion = stored.codeVersion
        insert = try db.prepare("SELECT 1")
    }

    static func createSchema(_ db: SQLiteDatabase) throws {
        try db.execute("""
        CREATE TABLE scan_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE points (
            idx INTEGER PRIMARY KEY, v_GeV REAL NOT NULL, second REAL NOT NULL, g REAL NOT NULL, g_rel REAL,
            status TEXT NOT NULL, status_reason TEXT NOT NULL,
            \(ScanRecord.valueColumns.map { "\($0) REAL" }.joined(separator: ", ")),
            lnL REAL, lnL_note TEXT, wall_seconds REAL NOT NULL, curve_reused INTEGER NOT NULL, report TEXT);
        """)
    }

    static func readMeta(_ db: SQLiteDatabase, path: String) throws -> (spec: ScanSpec, shard: String?, codeVersion: String?) {
        let rows: [[SQLiteStatement.Value]]
        do { rows = try db.prepare("SELECT key, value FROM scan_meta").rows() } catch let e as SQLiteError {
            throw Failure.notAScanDatabase(path: path, detail: e.message)
        }
        var meta = [String: String]()
        for r in rows { if let k = r[0].string, let v = r[1].string { meta[k] = v } }
        guard meta["schema"] == schemaVersion else {
            throw Failure.notAScanDatabase(path: path, detail: "schema \(meta["schema"] ?? "missing"), expected \(schemaVersion)")
        }
        guard let json = meta["spec"], let spec = try? JSONDecoder().decode(ScanSpec.self, from: Data(json.utf8)) else {
            throw Failure.notAScanDatabase(path: path, detail: "its spec is missing or unreadable")
        }
        return (spec, meta["shard"], meta["code_version"])
    }

    /// Commits one point in its own transaction (once this returns, a killed process cannot lose it).
    public func write(_ r: ScanRecord) throws {
        try db.transaction { try insert.run(Self.row(r)) }
    }

    /// Commits several points in one transaction (merge).
    public func write(_ records: [ScanRecord]) throws {
        try db.transaction { for r in records { try insert.run(Self.row(r)) } }
    }

    static func row(_ r: ScanRecord) -> [SQLiteStatement.Value] {
        [.integer(Int64(r.index)), .init(r.vev), .init(r.second), .init(r.gauge), .init(r.gaugeRelative), .text(r.status), .text(r.reason)]
            + ScanRecord.valueColumns.map { .init(r.values[$0]) }
            + [.init(r.logLikelihood), .init(r.likelihoodNote), .init(r.seconds), .integer(r.curveReused ? 1 : 0), .init(r.reportJSON)]
    }

    /// Indices already stored (without `includingErrors`, those stored as `internal_error` are left out: to be retried).
    public func finishedIndices(includingErrors: Bool = true) throws -> Set<Int> {
        let sql = includingErrors ? "SELECT idx FROM points" : "SELECT idx FROM points WHERE status != '\(ScanRecord.internalError)'"
        return Set(try db.prepare(sql).rows().compactMap { $0[0].int })
    }

    /// Every stored point, by index.
    public func records() throws -> [ScanRecord] {
        try db.prepare("SELECT \(Self.columns.joined(separator: ", ")) FROM points ORDER BY idx").rows().map { c in
            var values = [String: Double]()
            for (k, name) in ScanRecord.valueColumns.enumerated() { if let x = c[7 + k].double { values[name] = x } }
            let n = 7 + ScanRecord.valueColumns.count
            return ScanRecord(index: c[0].int ?? -1, vev: c[1].double ?? .nan, second: c[2].double ?? .nan, gauge: c[3].double ?? .nan,
                              gaugeRelative: c[4].double, status: c[5].string ?? "", reason: c[6].string ?? "", values: values,
                              logLikelihood: c[n].double, likelihoodNote: c[n + 1].string, seconds: c[n + 2].double ?? 0,
                              curveReused: c[n + 3].int == 1, reportJSON: c[n + 4].string)
        }
    }

    /// SQLite's own consistency check of the file ("ok" when sound).
    public func integrityCheck() throws -> String {
        try db.prepare("PRAGMA integrity_check").rows().compactMap { $0.first?.string }.joined(separator: "; ")
    }

    /// Folds the WAL into the main file (so that the database is one self-contained file).
    public func checkpoint() throws { try db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }

    /// Limits the file to `pages` pages (tests: a full disk on demand; SQLITE_FULL beyond it).
    func limitPages(_ pages: Int) throws { try db.execute("PRAGMA max_page_count = \(pages)") }
}
