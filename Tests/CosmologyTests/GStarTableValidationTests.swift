import Testing
import Foundation
@testable import Cosmology

/// Data/gstar_sm.csv is validated when loaded: a truncated, unsorted or implausible table is an error that
/// names the file, never a silent clamp (a table cut at 1 GeV used to give BP1 α = 585 instead of 363).
@Suite struct GStarTableValidationTests {
    static let real = try! ProjectResources.locate()

    /// A temporary resource root whose gstar_sm.csv is the real one passed through `edit` (header kept).
    static func root(editingRows edit: ([String]) -> [String]) throws -> ProjectResources {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-gstar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Data"), withIntermediateDirectories: true)
        let text = try String(contentsOf: real.dataDirectory.appendingPathComponent("gstar_sm.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let head = lines.prefix { $0.hasPrefix("#") || $0.hasPrefix("T_GeV") }
        let rows = Array(lines.dropFirst(head.count))
        try (head + edit(rows)).joined(separator: "\n").write(to: dir.appendingPathComponent("Data/gstar_sm.csv"), atomically: true, encoding: .utf8)
        return ProjectResources(root: dir)
    }

    static func failure(_ edit: ([String]) -> [String]) throws -> String {
        let resources = try root(editingRows: edit)
        defer { try? FileManager.default.removeItem(at: resources.root) }
        do {
            _ = try StandardModelDegreesOfFreedom(resources: resources)
            return "no error"
        } catch let e as ProjectResources.InvalidData {
            return e.description
        }
    }

    @Test func theBundledTablePasses() throws {
        let sm = try StandardModelDegreesOfFreedom(resources: Self.real)
        #expect(sm.temperatureRange.lowerBound <= 1e-5 && sm.temperatureRange.upperBound >= 1e6)
    }

    @Test func truncatedTablesAreRejected() throws {
        func temperature(_ row: String) -> Double { Double(row.split(separator: ",")[0])! }
        let top = try Self.failure { $0.filter { temperature($0) <= 1.0 } }
        #expect(top.contains("gstar_sm.csv") && top.contains("[1e-5, 1e6]"), "\(top)")
        let bottom = try Self.failure { $0.filter { temperature($0) >= 1e-3 } }
        #expect(bottom.contains("gstar_sm.csv") && bottom.contains("[1e-5, 1e6]"), "\(bottom)")
        let gap = try Self.failure { $0.filter { temperature($0) < 0.1 || temperature($0) > 0.3 } }
        #expect(gap.contains("gap in T"), "\(gap)")
    }

    @Test func unsortedOrImplausibleTablesAreRejected() throws {
        let swapped = try Self.failure { rows in var r = rows; r.swapAt(500, 501); return r }
        #expect(swapped.contains("strictly increasing"), "\(swapped)")
        let big = try Self.failure { rows in var r = rows; r[600] = r[600].split(separator: ",")[0] + ",250,104"; return r }
        #expect(big.contains("outside [1, 200]"), "\(big)")
        let nonNumber = try Self.failure { rows in var r = rows; r[10] = "1e-5,x,3"; return r }
        #expect(nonNumber.contains("malformed row"), "\(nonNumber)")
        let lowEnd = try Self.failure { rows in var r = rows; let t = r[0].split(separator: ",")[0]; r[0] = "\(t),10.75,10.75"; return r }
        #expect(lowEnd.contains("post-e± annihilation"), "\(lowEnd)")
    }
}
