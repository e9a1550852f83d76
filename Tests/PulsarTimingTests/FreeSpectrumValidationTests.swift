import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// Data/pta/*.csv are validated when loaded: the grid and floor headers, every bin 1…N in order at f_k = k/T_obs,
/// its run of stored cells inside the grid, finite ln p, the documented bin count. A short table is a data error
/// naming the file, not a --bins error.
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
            var fields = l[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init); fields[7] = "nan"; l[i] = fields.joined(separator: ","); return l
        }
        #expect(nan.contains("ppta_dr3_hd.csv") && nan.contains("not a finite number"), "\(nan)")
        let frequency = try Self.failure(.ng15CURN) { lines in
            var l = lines; let i = dataRows(l)[1]
            var fields = l[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init); fields[1] = "-1e-9"; l[i] = fields.joined(separator: ","); return l
        }
        #expect(frequency.contains("ng15_curn.csv") && frequency.contains("not a positive number"), "\(frequency)")
        let shifted = try Self.failure(.ng15) { lines in
            var l = lines; let i = dataRows(l)[1]
            var fields = l[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init); fields[1] = "4.5e-9"; l[i] = fields.joined(separator: ","); return l
        }
        #expect(shifted.contains("k/T_obs"), "\(shifted)")
        let oldFormat = try Self.failure(.ng15) { $0.map { $0.hasPrefix("# log10rho_linspace:") ? "# log10rho_grid: -15.5,0.0025,5801" : $0 } }
        #expect(oldFormat.contains("ng15_hd.csv") && oldFormat.contains("log10rho_linspace"), "\(oldFormat)")
        let noFloor = try Self.failure(.epta) { $0.filter { !$0.hasPrefix("# floor_lnp:") } }
        #expect(noFloor.contains("epta_dr2new_hd.csv") && noFloor.contains("floor_lnp"), "\(noFloor)")
        let badFirst = try Self.failure(.ng15) { lines in
            var l = lines; let i = dataRows(l)[3]
            var fields = l[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init); fields[2] = "10000"
            l[i] = fields.joined(separator: ","); return l
        }
        #expect(badFirst.contains("bin 4") && badFirst.contains("0…9999"), "\(badFirst)")
        let overrun = try Self.failure(.ppta) { lines in
            var l = lines; let i = dataRows(l)[0]
            var fields = l[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init); fields[2] = "800"
            l[i] = fields.joined(separator: ","); return l
        }
        #expect(overrun.contains("ppta_dr3_hd.csv") && overrun.contains("run past the grid"), "\(overrun)")
    }

    /// Floor cells are left out of the file (empty fields, or outside each bin's run) and come back as floor_lnp.
    @Test func floorCellsAreFilledIn() throws {
        let d = try FreeSpectrumData(.ng15, resources: Self.real)
        #expect(abs(d.floorLogDensity - log(Double.ulpOfOne)) < 1e-6)   // the KDE floor: ln 2.2e-16
        // NG15 bin 2's run starts at cell 259 (the data exclude smaller ρ): below it, the floor.
        #expect(d.logDensity[1][0] == d.floorLogDensity && d.logDensity[1][258] == d.floorLogDensity && d.logDensity[1][259] > d.floorLogDensity)
        #expect(d.logDensity.allSatisfy { $0.count == 10000 && $0.allSatisfy { $0.isFinite && $0 >= d.floorLogDensity } })
    }
}
