import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// Data/pta/*.csv and their binary forms *.bin (what the program loads) are validated when loaded: the grid and floor
/// headers, every bin 1…N in order at f_k = k/T_obs, its run of stored cells inside the grid, finite ln p, the documented
/// bin count. A short table is a data error naming the file, not a --bins error. Both forms read to the same table.
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
            _ = try FreeSpectrumData(dataset, csvFrom: ProjectResources(root: dir))
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

    /// The byte-level reader against a plain String.split transcription of the format (Data/README.md; the reader used
    /// until 2026-11-30): every table, every cell, bit for bit. Also with CRLF line ends.
    @Test(arguments: FreeSpectrumData.Dataset.allCases)
    func byteReaderEqualsStringSplitReading(dataset: FreeSpectrumData.Dataset) throws {
        let url = Self.real.dataDirectory.appendingPathComponent("pta/\(dataset.rawValue).csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var header = [String: String]()
        var frequencies = [Double](), rows = [[Double]]()
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") {
                let parts = line.dropFirst().split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { header[parts[0]] = parts[1] }
                continue
            }
            if line.hasPrefix("bin") { continue }
            let grid = header["log10rho_linspace"]!.split(separator: ",")
            let count = Int(grid[2])!, floor = Double(header["floor_lnp"]!)!
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            var row = [Double](repeating: floor, count: count)
            var j = Int(fields[2])!
            for field in fields.dropFirst(3) {
                if !field.isEmpty { row[j] = Double(field)! }
                j += 1
            }
            frequencies.append(Double(fields[1])!)
            rows.append(row)
        }
        let grid = header["log10rho_linspace"]!.split(separator: ",")
        for bytes in [Data(text.utf8), Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)] {
            let d = try FreeSpectrumData(dataset, csv: bytes, path: url.path)
            #expect(d.observationTime.bitPattern == Double(header["T_obs_s"]!)!.bitPattern)
            #expect(d.gridStart == Double(grid[0])! && d.gridStop == Double(grid[1])! && d.gridCount == Int(grid[2])!)
            #expect(d.floorLogDensity.bitPattern == Double(header["floor_lnp"]!)!.bitPattern)
            // Counts of differing numbers (bit patterns), so that a failure prints a number, not the tables.
            func differing(_ a: [Double], _ b: [Double]) -> Int { a.count != b.count ? -1 : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count }
            #expect(differing(d.frequencies, frequencies) == 0)
            #expect(d.logDensity.count == rows.count)
            #expect(zip(d.logDensity, rows).map { differing($0, $1) }.reduce(0, +) == 0)
            // The hot path's accessor, cell by cell, equals the dense rows too.
            #expect(rows.indices.map { k in differing(rows[k].indices.map { d.logDensity(bin: k, cell: $0) }, rows[k]) }.reduce(0, +) == 0)
        }
    }

    /// Bytes that are not text in a row, or a truncated row, are data errors naming the file.
    @Test func nonTextRowsAreRejectedNamingTheFile() throws {
        let binary = try Self.failure(.ng15) { lines in
            lines.map { $0.hasPrefix("3,") ? "3," + String(decoding: [0xFF, 0xFE, 0x2C, 0x80], as: UTF8.self) : $0 }
        }
        #expect(binary.contains("ng15_hd.csv") && binary.contains("bin 3"), "\(binary)")
        let truncated = try Self.failure(.epta) { lines in lines.map { $0.hasPrefix("5,") ? "5,2.8e-9" : $0 } }
        #expect(truncated.contains("epta_dr2new_hd.csv") && truncated.contains("expected bin 5"), "\(truncated)")
    }

    /// The binary form the program loads equals the CSV, bit for bit (scripts/make_data.py makes one from the other).
    @Test(arguments: FreeSpectrumData.Dataset.allCases)
    func binaryFormEqualsTheCSV(dataset: FreeSpectrumData.Dataset) throws {
        let b = try FreeSpectrumData(dataset, resources: Self.real), c = try FreeSpectrumData(dataset, csvFrom: Self.real)
        func differing(_ a: [Double], _ b: [Double]) -> Int { a.count != b.count ? -1 : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count }
        #expect(b.observationTime.bitPattern == c.observationTime.bitPattern && b.floorLogDensity.bitPattern == c.floorLogDensity.bitPattern)
        #expect(b.gridStart.bitPattern == c.gridStart.bitPattern && b.gridStop.bitPattern == c.gridStop.bitPattern && b.gridCount == c.gridCount)
        #expect(differing(b.frequencies, c.frequencies) == 0)
        #expect(differing(b.runValues.decoded, c.runValues.decoded) == 0 && b.runs.map(\.first) == c.runs.map(\.first) && b.runs.map(\.count) == c.runs.map(\.count))
        #expect(zip(b.logDensity, c.logDensity).map { differing($0, $1) }.reduce(0, +) == 0 && b.logDensity.count == c.logDensity.count)
    }

    /// A damaged binary table (cut short, trailing bytes, wrong magic, a run outside the grid, a missing file) is a
    /// data error naming the file.
    @Test func corruptBinaryTablesAreRejectedNamingTheFile() throws {
        let url = Self.real.dataDirectory.appendingPathComponent("pta/ng15_hd.bin")
        let good = try Data(contentsOf: url)
        func failure(_ bytes: Data) -> String {
            do { _ = try FreeSpectrumData(.ng15, binary: bytes, path: url.path); return "no error" } catch let e as FreeSpectrumData.FormatError {
                return e.description
            } catch { return "\(error)" }
        }
        #expect(failure(good) == "no error")
        let short = failure(good.prefix(good.count - 4))
        #expect(short.contains("ng15_hd.bin") && short.contains("values in all need"), "\(short)")
        let trailing = failure(good + Data([0, 0, 0, 0]))
        #expect(trailing.contains("ng15_hd.bin") && trailing.contains("values in all need"), "\(trailing)")
        var magic = good; magic[0] = 0x78
        #expect(failure(magic).contains("not a Supercool PTA table"))
        #expect(failure(Data("bin,f_Hz\n".utf8)).contains("not a Supercool PTA table"))
        var first = good   // bin 1's first cell (offset 48 + 8) set to 10000, one past the grid
        first.replaceSubrange(56..<60, with: withUnsafeBytes(of: Int32(10000).littleEndian) { Data($0) })
        let outside = failure(first)
        #expect(outside.contains("bin 1") && outside.contains("0…9999"), "\(outside)")
        var bins = good    // n_bins (offset 36) 29: the table has 30
        bins.replaceSubrange(36..<40, with: withUnsafeBytes(of: Int32(29).littleEndian) { Data($0) })
        #expect(failure(bins).contains("ng15_hd.bin"))
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("supercool-no-such-\(UUID().uuidString)")
        do { _ = try FreeSpectrumData(.ng15, resources: ProjectResources(root: missing)); Issue.record("no error") } catch let e as FreeSpectrumData.FormatError {
            #expect(e.description.contains("ng15_hd.bin") && e.description.contains("cannot read"))
        }
    }
}
