import Foundation
import Cosmology
import EffectivePotential

/// A benchmark point file in BenchmarkPoints/: inputs, and the published outputs kept only for comparison.
struct BenchmarkPoint: Sendable, Decodable {
    // Published outputs: references only.
    struct Inputs: Sendable, Decodable {
        let v_GeV: Double
        /// darku1 only (conformal-u1 derives λ).
        let lambda: Double?
        let g: Double
        /// conformal-u1 only.
        let y: Double?
    }
    struct Published: Sendable, Decodable {
        let Tp_MeV: Double?
        let HR: Double?
        let alpha: Double?
        let m_phi_GeV: Double?
        let m_Zp_GeV: Double?
    }
    let name: String
    let source: String?
    /// The model the inputs belong to (`"model"` in the file; default darku1).
    let model: ModelKind
    let inputs: Inputs
    /// Optional: a point without it is computed and printed without comparison.
    let published: Published?

    var vev: Double { inputs.v_GeV }
    var lambda: Double? { inputs.lambda }
    var gauge: Double { inputs.g }
    var yukawa: Double? { inputs.y }

    static func available(in resources: ProjectResources) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: resources.benchmarkPointsDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    static func load(named name: String, from resources: ProjectResources) throws -> BenchmarkPoint {
        let known = available(in: resources)
        guard let match = known.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw UsageError("unknown benchmark point '\(name)' for --bp; available: \(known.joined(separator: ", "))")
        }
        let url = resources.benchmarkPointsDirectory.appendingPathComponent(match + ".json")
        // A bundled file that does not validate is the program's fault (exit 1), not the user's.
        do {
            let points = try parse(Data(contentsOf: url), file: url.path)
            guard points.count == 1 else { throw UsageError("\(url.path): expected one benchmark point, found \(points.count)") }
            return points[0]
        } catch let e as UsageError {
            throw InternalError("bundled benchmark point: \(e.description)")
        } catch {
            throw InternalError("bundled benchmark point: cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// One benchmark point (a JSON object) or a non-empty array of them, validated field by field; a
    /// `UsageError` names the file, the point (index and name), the field and its allowed range.
    static func parse(_ data: Data, file: String) throws -> [BenchmarkPoint] {
        let json: RawJSON
        do { json = try JSONDecoder().decode(RawJSON.self, from: data) } catch {
            throw UsageError("\(file): not valid JSON (\(describe(error)))")
        }
        let items: [RawJSON]
        switch json {
        case .array(let list):
            guard !list.isEmpty else { throw UsageError("\(file): the array holds no benchmark point (expected at least one)") }
            items = list
        case .object: items = [json]
        default: throw UsageError("\(file): expected a benchmark point object or an array of them")
        }
        let positive = "a finite number > 0 or null"
        return try items.enumerated().map { index, item in
            var which = "point #\(index + 1)"
            func fail(_ field: String, _ expected: String, _ got: RawJSON?) -> UsageError {
                UsageError("\(file): \(which): \(field) must be \(expected), got \(got.map(\.summary) ?? "nothing (missing)")")
            }
            guard case .object(let fields) = item else { throw fail("the entry", "an object with name, inputs (and optionally published)", item) }
            guard case .string(let name)? = fields["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("name", "a non-empty string", fields["name"])
            }
            which += " (\(name))"
            var source: String?
            if let s = fields["source"] {
                switch s {
                case .string(let text): source = text
                case .null: break
                default: throw fail("source", "a string", s)
                }
            }
            var model = ModelKind.darkU1
            switch fields["model"] {
            case nil, .null?: break
            case .string(let name)?:
                guard let kind = ModelKind(rawValue: name) else {
                    throw fail("model", "one of \(ModelKind.allCases.map(\.rawValue).joined(separator: ", "))", fields["model"])
                }
                model = kind
            case let other?: throw fail("model", "a string (\(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")))", other)
            }
            let allowed = model.inputNames
            guard case .object(let inputs)? = fields["inputs"] else {
                throw fail("inputs", "an object {\(allowed.joined(separator: ", "))}", fields["inputs"])
            }
            if let unknown = inputs.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw fail("inputs.\(unknown)", "absent for a \(model.rawValue) point (allowed keys: \(allowed.joined(separator: ", ")))", inputs[unknown])
            }
            func input(_ key: String, _ expected: String, _ ok: (Double) -> Bool) throws -> Double {
                guard case .number(let x)? = inputs[key], x.isFinite, ok(x) else { throw fail("inputs.\(key)", expected, inputs[key]) }
                return x
            }
            let v = try input("v_GeV", "a number in [1e-12, 1e16] (GeV)") { DarkU1.vevRange.contains($0) }
            let lambda = model == .darkU1 ? try input("lambda", "a number in (0, 4π ≈ 12.57)") { $0 > 0 && $0 < 4 * .pi } : nil
            let g = try input("g", "a number in (0, 4π ≈ 12.57)") { $0 > 0 && $0 < 4 * .pi }
            let y = model == .conformalU1 && inputs["y"] != nil ? try input("y", "a number in [0, 4π ≈ 12.57)") { $0 >= 0 && $0 < 4 * .pi } : nil
            var published: Published?
            switch fields["published"] {
            case nil, .null?: break
            case .object(let p)?:
                let keys = ["Tp_MeV", "HR", "alpha", "m_phi_GeV", "m_Zp_GeV"]
                if let unknown = p.keys.sorted().first(where: { !keys.contains($0) }) {
                    throw fail("published.\(unknown)", "absent (allowed keys: \(keys.joined(separator: ", ")))", p[unknown])
                }
                // Compared as computed/published − 1: a published 0 or negative value would divide by zero.
                func value(_ key: String) throws -> Double? {
                    switch p[key] {
                    case nil, .null?: return nil
                    case .number(let x)? where x.isFinite && x > 0: return x
                    case let other: throw fail("published.\(key)", positive, other)
                    }
                }
                published = Published(Tp_MeV: try value("Tp_MeV"), HR: try value("HR"), alpha: try value("alpha"),
                                      m_phi_GeV: try value("m_phi_GeV"), m_Zp_GeV: try value("m_Zp_GeV"))
            case let other?: throw fail("published", "an object (or absent)", other)
            }
            return BenchmarkPoint(name: name, source: source, model: model, inputs: Inputs(v_GeV: v, lambda: lambda, g: g, y: y), published: published)
        }
    }

    private static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription)
        }
        return error.localizedDescription
    }
}

/// Any JSON value, for field-by-field validation with precise messages.
indirect enum RawJSON: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([RawJSON]), object([String: RawJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([RawJSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: RawJSON].self)) }
    }

    /// A short description for error messages.
    var summary: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return String(b)
        case .number(let x): return "\(x)"
        case .string(let s): return "\"\(s.prefix(40))\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
