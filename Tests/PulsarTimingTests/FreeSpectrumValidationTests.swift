import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// Data/pta/*.csv are validated when loaded: every bin 1…N in order at f_k = k/T_obs, finite ln p, the
/// documented bin count. A short table is a data error naming the file, not a --bins error.
@Suite struct FreeSpectrumValidationTests {
    static let real = try! ProjectResources.locate()

    static func failure(_ dataset: FreeSpectrumData.Dataset, _ edit: ([String]) -> [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-pta-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("Data/pta"), withIntermediateDirectories: true)
        let name = "pta/\(dataset.rawValue).csv"
        let lines = try String(contentsOf: real.dataDirectory.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
        try edit(lines).joined(separator: "\n").write(to: dir.appendingPathComponent("Data/" + name), atomically: true, encoding: .utf8)
        do {
            _ = try FreeSpectrumData(dataset, resources: ProjectResources(root: dir))
            return "no error"
        } catch let e as FreeSpectrumData.FormatError {
            return e.description
        }
    }

    @Test(arguments: FreeSpectrumData.Dataset.allCases)
    func bundledTablesPass(dataset: FreeSpectrumData.Dataset) throws {
        let d = try FreeSpectrumData(dataset, resources: Self.real)
        #expect(d.frequencies.count == dataset.tableBins && dataset.tableBins >= dataset.defaultBins)
    }

    @Test func corruptTablesAreRejectedNamingTheFile() throws {
        let dataRows = { (lines: [String]) in lines.indices.filter { !lines[$0].hasPrefix("#") && !lines[$0].hasPrefix("bin") } }
        let short = try Self.failure(.ng15) { Array($0.prefix(20)) }
        #expect(short.contains("ng15_hd.csv") && short.contains("frequency bins") && !short.contains("--bins"), "\(short)")
        let swapped = try Self.failure(.epta) { lines in var l = lines; let r = dataRows(l); l.swapAt(r[2], r[3]); return l }
        #expect(swapped.contains("epta_dr2new_hd.csv") && swapped.contains("in order"), "\(swapped)")
        let nan = try Self.failure(.ppta) { lines in
            var l = lines; let i = dataRows(l)[4]
            var fields = l[i].split(separator: ",").map(String.init); fields[7] = "nan"; l[i] = fields.joined(separator: ","); return l
        }
        #expect(nan.contains("ppta_dr3_hd.csv") && nan.contains("not a finite number"), "\(nan)")
        let frequency = try Self.failure(.ng15CURN) { lines in
            var l = lines; let i = dataRows(l)[1]
            var fields = l[i].split(separator: ",").map(String.init); fields[1] = "-1e-9"; l[i] = fields.joined(separator: ","); return l
        }
        #expect(frequency.contains("ng15_curn.csv") && frequency.contains("not a positive number"), "\(frequency)")
        let shifted = try Self.failure(.ng15) { lines in
            var l = lines; let i = dataRows(l)[1]
            var fields = l[i].split(separator: ",").map(String.init); fields[1] = "4.5e-9"; l[i] = fields.joined(separator: ","); return l
        }
        #expect(shifted.contains("k/T_obs"), "\(shifted)")
    }
}
