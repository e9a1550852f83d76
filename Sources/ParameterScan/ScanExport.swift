import Foundation

/// `supercool scan export`: a database's points as CSV or JSON (documented in README "Scan databases").
public enum ScanExport {
    /// CSV header: index, inputs, outcome, the headline numbers (MeV for temperatures), ln L, timing, the outcome sentence.
    public static func columns(for spec: ScanSpec) -> [String] {
        ["index", "v_GeV", spec.secondName, "g", "g_rel", "status"] + ScanRecord.valueColumns
            + ["lnL", "lnL_note", "wall_seconds", "curve_reused", "status_reason"]
    }

    /// Shortest round-trip decimal ("" for a missing value; the store holds no non-finite numbers).
    static func number(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "" } ?? "" }

    /// RFC 4180: fields with commas, quotes or newlines quoted, quotes doubled.
    static func quoted(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func csv(_ store: ScanStore) throws -> String {
        var lines = [columns(for: store.spec).joined(separator: ",")]
        for r in try store.records() {
            let cells = [String(r.index), number(r.vev), number(r.second), number(r.gauge), number(r.gaugeRelative), r.status]
                + ScanRecord.valueColumns.map { number(r.values[$0]) }
                + [number(r.logLikelihood), quoted(r.likelihoodNote ?? ""), String(format: "%.6f", r.seconds), r.curveReused ? "1" : "0", quoted(r.reason)]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// {"spec": …, "shard": …, "points": [{the CSV's columns…, "report": the full documented report}]}.
    public static func json(_ store: ScanStore) throws -> String {
        func string(_ s: String) -> String {
            let data = try? JSONEncoder().encode(s)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        func num(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        var out = "{\"spec\": \(try store.spec.canonicalJSON()),\n\"shard\": \(store.shard.map { string($0.description) } ?? "null"),\n\"points\": ["
        let records = try store.records()
        for (k, r) in records.enumerated() {
            var fields = ["\"index\": \(r.index)", "\"v_GeV\": \(num(r.vev))", "\(string(store.spec.secondName)): \(num(r.second))",
                          "\"g\": \(num(r.gauge))", "\"g_rel\": \(num(r.gaugeRelative))", "\"status\": \(string(r.status))"]
            fields += ScanRecord.valueColumns.map { "\(string($0)): \(num(r.values[$0]))" }
            fields += ["\"lnL\": \(num(r.logLikelihood))", "\"lnL_note\": \(r.likelihoodNote.map(string) ?? "null")",
                       "\"wall_seconds\": \(num(r.seconds))", "\"curve_reused\": \(r.curveReused)", "\"status_reason\": \(string(r.reason))",
                       "\"report\": \(r.reportJSON ?? "null")"]
            out += (k == 0 ? "\n" : ",\n") + "{" + fields.joined(separator: ", ") + "}"
        }
        return out + "\n]}\n"
    }
}
