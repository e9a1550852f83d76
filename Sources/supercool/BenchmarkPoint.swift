import Foundation
import Cosmology

/// A benchmark point file in BenchmarkPoints/: inputs, and the published outputs kept only for comparison.
struct BenchmarkPoint: Sendable, Decodable {
    // Published outputs: references only.
    struct Inputs: Sendable, Decodable {
        let v_GeV: Double
        let lambda: Double
        let g: Double
    }
    struct Published: Sendable, Decodable {
        let Tp_MeV: Double?
        let HR: Double?
        let alpha: Double?
        let m_phi_GeV: Double?
        let m_Zp_GeV: Double?
    }
    let name: String
    let source: String
    let inputs: Inputs
    let published: Published

    var vev: Double { inputs.v_GeV }
    var lambda: Double { inputs.lambda }
    var gauge: Double { inputs.g }

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
        do {
            return try JSONDecoder().decode(BenchmarkPoint.self, from: Data(contentsOf: url))
        } catch {
            throw UsageError("cannot read \(url.path): \(error)")
        }
    }
}
