import TransitionHistory

/// A minimal ordered JSON value: keys print in the order given, and a non-finite number can never be
/// printed (it is an internal error, reported as such, never "NaN" in output).
indirect enum JSONValue: Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A number, or null when it does not exist (nil).
    static func optional(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// A value of the library's documented report.
    init(report value: ReportValue) {
        switch value {
        case .number(let x): self = .optional(x)
        case .integer(let n): self = n.map { .integer($0) } ?? .null
        case .flag(let b): self = b.map { .bool($0) } ?? .null
        case .text(let s): self = .string(s)
        case .records(let rows): self = .array(rows.map { .object($0.map { ($0.key, JSONValue(report: $0.value)) }) })
        }
    }

    struct NonFiniteNumber: Error, CustomStringConvertible {
        let path: String
        var description: String { "internal error: non-finite number at \(path) (refusing to print NaN/inf)" }
    }

    func rendered(indent: Int = 0, path: String = "$") throws -> String {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch self {
        case .number(let x):
            guard x.isFinite else { throw NonFiniteNumber(path: path) }
            return formatNumber(x)
        case .integer(let i): return String(i)
        case .string(let s): return quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .number = $0 { return true }; return false }) {
                return "[" + joined(try items.enumerated().map { try $0.element.rendered(path: "\(path)[\($0.offset)]") }, ", ") + "]"
            }
            let inner = try items.enumerated().map { pad + (try $0.element.rendered(indent: indent + 1, path: "\(path)[\($0.offset)]")) }
            return "[\n" + joined(inner, ",\n") + "\n" + close + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let inner = try pairs.map { pad + quote($0.0) + ": " + (try $0.1.rendered(indent: indent + 1, path: "\(path).\($0.0)")) }
            return "{\n" + joined(inner, ",\n") + "\n" + close + "}"
        }
    }

    /// `parts.joined(separator:)`, written out: the standard library's generic version makes the first JSON output of a
    /// process pay a runtime conformance lookup (~0.27 M instructions, 5 % of what `likelihood` itself does).
    private func joined(_ parts: [String], _ separator: String) -> String {
        var out = ""
        for (i, part) in parts.enumerated() {
            if i > 0 { out += separator }
            out += part
        }
        return out
    }

    private func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}

import Foundation

/// Shortest round-trip representation (Swift's description is exact and round-trips).
func formatNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.1f", x) }
    return "\(x)"
}
