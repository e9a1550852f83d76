import Foundation
import Cosmology
import SupercoolNumerics

/// A PTA free-spectrum likelihood table (ceffyl density; Lamb, Taylor & van Haasteren arXiv:2303.15442):
/// for each frequency bin k the log posterior density ln p_k of log10 ρ_k on ceffyl's own uniform grid (no
/// resampling), read from `Data/pta/<name>.bin`, the binary form of `<name>.csv` (formats in Data/README.md), and evaluated
/// as ceffyl does.
public struct FreeSpectrumData: Sendable {
    public enum Dataset: String, Sendable, CaseIterable {
        case ng15 = "ng15_hd", ng15CURN = "ng15_curn", epta = "epta_dr2new_hd", ppta = "ppta_dr3_hd"

        /// Default number of bins used in GWB fits: NANOGrav 14 (2306.16213), EPTA DR2new 9 (2306.16214);
        /// PPTA DR3 14, NANOGrav's choice, for comparability (no PPTA convention is adopted here).
        public var defaultBins: Int {
            switch self {
            case .ng15, .ng15CURN: return 14
            case .epta: return 9
            case .ppta: return 14
            }
        }

        /// Bins in the bundled table (Data/README.md); a table with another count is rejected when loaded.
        public var tableBins: Int {
            switch self {
            case .ng15, .ng15CURN: return 30
            case .epta: return 20
            case .ppta: return 40
            }
        }

        public var label: String {
            switch self {
            case .ng15: return "NANOGrav 15-yr"
            case .ng15CURN: return "NANOGrav 15-yr (CURN)"
            case .epta: return "EPTA DR2new"
            case .ppta: return "PPTA DR3"
            }
        }
    }

    public let dataset: Dataset
    /// Observation span (s): f_k = k/T_obs.
    public let observationTime: Double
    public let frequencies: [Double]
    /// The grid is numpy.linspace(gridStart, gridStop, gridCount): g_j = gridStart + j·(gridStop − gridStart)/(gridCount − 1),
    /// the last point exactly gridStop (ceffyl's own `log10rhogrid`).
    public let gridStart: Double
    public let gridStop: Double
    public let gridCount: Int
    /// ceffyl's cell width d = g_1 − g_0 (its `db`); cell j is (g_j − d/2, g_j + d/2].
    public let gridStep: Double
    /// ln p of the cells the table leaves out (the KDE floor, ln 2.2e-16 ≈ −36.04, machine epsilon).
    public let floorLogDensity: Double
    /// ln p_k on the whole grid, one array per bin, the floor cells filled in: a dense copy made on each call (2.4 MB for
    /// NG15), for inspection; evaluations use `logDensity(bin:cell:)` and `logDensity(bin:log10Rho:)`.
    public var logDensity: [[Double]] {
        (0..<frequencies.count).map { k in (0..<gridCount).map { logDensity(bin: k, cell: $0) } }
    }
    /// linspace's own step (gridStop − gridStart)/(gridCount − 1).
    let linspaceStep: Double
    /// 1/linspaceStep and d/(2·linspaceStep), so that the lower edge of cell j, g_j − d/2, sits at (x − g_0)/step + d/(2 step)
    /// = j: the likelihood's hot path.
    let inverseStep: Double, halfCell: Double
    /// Each bin's stored run of cells (first cell, count, where it starts in `runValues`); every cell outside it is at the
    /// floor. Only the runs are kept (1.35 of 2.4 MB for NG15): a call that loads the table touches less fresh memory.
    let runs: [Run]
    let runValues: RunValues
    struct Run: Sendable { var first: Int, count: Int, offset: Int }

    /// The runs' ln p values, one after the other: parsed doubles (the CSV form), or the binary form's Int32 millionths left
    /// where the file is mapped and decoded where read. A call that loads NG15 to read 14 of its ~170,000 values then touches
    /// a few pages of the file instead of writing a 1.4 MB decoded copy (~340 page faults and 3 M instructions, ~1 ms).
    final class RunValues: @unchecked Sendable {   // immutable; `millionths` points into `bytes`, which it keeps alive
        private let doubles: [Double]
        /// The binary form's m = ln p·10⁶, little-endian Int32 (Int32.min: a floor cell inside a run), or nil.
        private let millionths: UnsafeRawPointer?
        private let bytes: StableBytes?
        private let floor: Double
        let count: Int

        init(_ doubles: [Double]) { (self.doubles, millionths, bytes, floor, count) = (doubles, nil, nil, 0, doubles.count) }

        init(millionths bytes: StableBytes, offset: Int, count: Int, floor: Double) {
            (doubles, millionths, self.bytes, self.floor, self.count) = ([], bytes.buffer.baseAddress! + offset, bytes, floor, count)
        }

        /// Value i < count (the runs were checked against the file's size when it was read). Not inlined: inlined, it made
        /// the optimizer copy the whole likelihood once more per ln L (+6 % instructions in `infer`; this way +1 %).
        @inline(never)
        subscript(i: Int) -> Double {
            guard let millionths else { return doubles[i] }
            // m/10⁶ with both exact: the correctly rounded decimal, the very double the CSV's 6-decimal text reads to.
            let m = Int32(littleEndian: millionths.loadUnaligned(fromByteOffset: 4 &* i, as: Int32.self))
            return m == .min ? floor : Double(m) / 1e6
        }

        /// Every value, decoded (for tests and inspection).
        var decoded: [Double] { (0..<count).map { self[$0] } }
    }

    /// Bytes that stay where they are while a table reads them: a file mapped read-only (the kernel brings in only the
    /// pages that are read) or a copy of given bytes. Immutable after init, so shared freely.
    final class StableBytes: @unchecked Sendable {
        let buffer: UnsafeRawBufferPointer
        private let isMapped: Bool

        /// The regular file at `path`, mapped; nil if it cannot be opened, is not a regular file or cannot be mapped.
        init?(mapping path: String) {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let size = Int(info.st_size)
            guard size > 0 else { (buffer, isMapped) = (UnsafeRawBufferPointer(UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 8)), false); return }
            guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
            (buffer, isMapped) = (UnsafeRawBufferPointer(start: address, count: size), true)
        }

        init(copying data: Data) {
            let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 8)
            data.copyBytes(to: copy)
            (buffer, isMapped) = (UnsafeRawBufferPointer(copy), false)
        }

        deinit {
            if isMapped { munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count) } else { buffer.deallocate() }
        }
    }

    public struct FormatError: Error, CustomStringConvertible { public let description: String }

    /// Reads and validates the bundled table `Data/pta/<name>.bin`, the compact binary form of `<name>.csv` that
    /// scripts/make_data.py writes from the CSV (both formats in Data/README.md; tests check that the two read to the same
    /// table, bit for bit). Checked: T_obs, grid and floor headers, bins 1…`tableBins` in order at f_k = k/T_obs, each bin's
    /// run of stored cells inside the grid, every ln p finite. Any failure is a `FormatError` naming the file (bad bundled
    /// data, not bad input).
    public init(_ dataset: Dataset, resources: ProjectResources) throws {
        let url = resources.dataDirectory.appendingPathComponent("pta/\(dataset.rawValue).bin")
        // Mapped, not read, and its ln p values read in place (`RunValues`): only the pages a call reads are touched.
        guard let bytes = StableBytes(mapping: url.path) else {
            throw FormatError(description: "invalid bundled data \(url.path): cannot read it")
        }
        try self.init(dataset, binary: bytes, path: url.path)
    }

    /// The same table from its CSV form `Data/pta/<name>.csv` (the documented, human-readable one).
    public init(_ dataset: Dataset, csvFrom resources: ProjectResources) throws {
        let url = resources.dataDirectory.appendingPathComponent("pta/\(dataset.rawValue).csv")
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw FormatError(description: "invalid bundled data \(url.path): cannot read it")
        }
        try self.init(dataset, csv: bytes, path: url.path)
    }

    /// What a table file states, before the checks common to both formats.
    struct Contents {
        var observationTime: Double?, grid: (Double, Double, Int)?, declaredBins: Int?, floor: Double?
        var frequencies = [Double]()
        /// Each bin's stored run and its ln p values, one after the other (the floor for a floor cell inside a run).
        var runs = [Run]()
        var values = RunValues([])
    }

    /// The grid and floor must be known before any row: both formats check them with these messages.
    static func checkedGridAndFloor(_ grid: (Double, Double, Int)?, _ floor: Double?, _ invalid: (String) -> FormatError) throws -> ((Double, Double, Int), Double) {
        guard let grid, grid.0.isFinite, grid.1.isFinite, grid.1 > grid.0, grid.2 >= 2, grid.2 <= 1_000_000 else {
            throw invalid("missing or invalid '# log10rho_linspace: start,stop,count' header before the rows (stop > start, 2 ≤ count ≤ 10⁶)")
        }
        guard let floor, floor.isFinite else { throw invalid("missing or invalid '# floor_lnp:' header before the rows") }
        return (grid, floor)
    }

    /// Reads the binary form (layout in Data/README.md): little-endian, a 48-byte header, 16 bytes per bin, then each
    /// bin's stored run as Int32 m = ln p·10⁶ (ln p = m/10⁶, the very double the CSV's 6-decimal text reads to: m and 10⁶
    /// are exact, so the quotient is the correctly rounded decimal), Int32.min for a floor cell inside a run. The values stay
    /// in `bytes` and are decoded where read (`RunValues`).
    public init(_ dataset: Dataset, binary bytes: Data, path: String) throws {
        try self.init(dataset, binary: StableBytes(copying: bytes), path: path)
    }

    init(_ dataset: Dataset, binary bytes: StableBytes, path: String) throws {
        func invalid(_ problem: String) -> FormatError { FormatError(description: "invalid bundled data \(path): \(problem)") }
        let raw = bytes.buffer
        func double(_ offset: Int) -> Double { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) }
        func int32(_ offset: Int) -> Int32 { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)) }
        guard raw.count >= 48, raw.prefix(8).elementsEqual(Self.binaryMagic) else {
            throw invalid("not a Supercool PTA table (no '\(String(decoding: Self.binaryMagic.dropLast(), as: UTF8.self))' header); remake it with scripts/make_data.py")
        }
        let bins = Int(int32(36))
        let (grid, floor) = try Self.checkedGridAndFloor((double(16), double(24), Int(int32(32))), double(40), invalid)
        var contents = Contents(observationTime: double(8), grid: grid, declaredBins: bins, floor: floor)
        guard bins >= 0, bins <= 1000, raw.count >= 48 + 16 * bins else { throw invalid("\(raw.count) bytes cannot hold the \(bins) bins it declares") }
        let offset = 48 + 16 * bins
        var entries = [(f: Double, run: Run)]()
        for b in 0..<bins {
            let entry = 48 + 16 * b
            let f = double(entry), first = Int(int32(entry + 8)), count = Int(int32(entry + 12))
            guard f.isFinite, f > 0 else { throw invalid("bin \(b + 1): frequency \(f) is not a positive number") }
            guard first >= 0, first < grid.2 else { throw invalid("bin \(b + 1): first cell \(first) is not a grid index in 0…\(grid.2 - 1)") }
            guard count >= 0, first + count <= grid.2 else { throw invalid("bin \(b + 1): \(count) ln p values from cell \(first) run past the grid's \(grid.2) cells") }
            entries.append((f, Run(first: first, count: count, offset: (entries.last.map { $0.run.offset + $0.run.count } ?? 0))))
        }
        let total = entries.last.map { $0.run.offset + $0.run.count } ?? 0
        guard raw.count == offset + 4 * total else {
            throw invalid("\(raw.count) bytes, but its header and \(bins) runs of \(total) values in all need \(offset + 4 * total)")
        }
        contents.frequencies = entries.map(\.f)
        contents.runs = entries.map(\.run)
        contents.values = RunValues(millionths: bytes, offset: offset, count: total, floor: floor)
        try self.init(dataset, contents, invalid)
    }

    /// "SCPTA01\n": the first 8 bytes of the binary form.
    static let binaryMagic: [UInt8] = Array("SCPTA01\n".utf8)

    /// Reads the CSV form from the file's bytes (`path` only names it in errors). The rows are read byte by byte, numbers through
    /// `DecimalText` (no String per field: the NG15 table holds ~170,000 numbers, 1.7 MB); the few `#` header lines as text.
    public init(_ dataset: Dataset, csv bytes: Data, path: String) throws {
        func invalid(_ problem: String) -> FormatError { FormatError(description: "invalid bundled data \(path): \(problem)") }
        var tObs: Double?, grid: (Double, Double, Int)?, declaredBins: Int?, floor: Double?
        var freqs = [Double](), runs = [Run](), values = [Double]()
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let text = raw.bindMemory(to: UInt8.self)
            let comma: UInt8 = 0x2C, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
            func slice(_ a: Int, _ b: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[a..<b]) }
            func string(_ a: Int, _ b: Int) -> String { String(decoding: slice(a, b), as: UTF8.self) }
            /// End of the field starting at `a` on the line ending at `end`.
            func fieldEnd(_ a: Int, _ end: Int) -> Int { var i = a; while i < end && text[i] != comma { i += 1 }; return i }
            var lineStart = 0
            while lineStart < text.count {
                var end = lineStart
                while end < text.count && text[end] != newline && text[end] != carriageReturn { end += 1 }
                defer { lineStart = end + 1 }
                if end == lineStart { continue }                               // blank line (or the \n of \r\n)
                if text[lineStart] == 0x23 {                                   // '#': a header line
                    let line = string(lineStart + 1, end)
                    let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    if parts[0] == "T_obs_s" { tObs = Double(parts[1]) }
                    if parts[0] == "n_bins" { declaredBins = Int(parts[1]) }
                    if parts[0] == "floor_lnp" { floor = Double(parts[1]) }
                    if parts[0] == "log10rho_linspace" {
                        let g = parts[1].split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                        if g.count == 3, let a = Double(g[0]), let b = Double(g[1]), let c = Int(g[2]) { grid = (a, b, c) }
                    }
                    continue
                }
                if end - lineStart >= 3 && text[lineStart] == 0x62 && text[lineStart + 1] == 0x69 && text[lineStart + 2] == 0x6E { continue }   // "bin…" column header
                let checked = try Self.checkedGridAndFloor(grid, floor, invalid)
                let grid = checked.0, floor = checked.1
                let k = freqs.count + 1
                // bin, f_Hz, first: the first three fields.
                let e0 = fieldEnd(lineStart, end)
                let e1 = e0 < end ? fieldEnd(e0 + 1, end) : end
                let e2 = e1 < end ? fieldEnd(e1 + 1, end) : end
                guard e1 < end, DecimalText.integer(slice(lineStart, e0)) == k else { throw invalid("row \(k): expected bin \(k) (bins 1, 2, … in order)") }
                guard let f = DecimalText.double(slice(e0 + 1, e1)), f.isFinite, f > 0 else {
                    throw invalid("bin \(k): frequency '\(string(e0 + 1, e1))' is not a positive number")
                }
                guard let first = DecimalText.integer(slice(e1 + 1, e2)), first >= 0, first < grid.2 else {
                    throw invalid("bin \(k): first cell '\(string(e1 + 1, e2))' is not a grid index in 0…\(grid.2 - 1)")
                }
                // The stored run: the fields after `first`; a bin wholly at the floor is written with one empty field.
                var count = 0
                if e2 < end && e2 + 1 < end {
                    count = 1
                    for i in (e2 + 1)..<end where text[i] == comma { count += 1 }
                }
                guard first + count <= grid.2 else { throw invalid("bin \(k): \(count) ln p values from cell \(first) run past the grid's \(grid.2) cells") }
                runs.append(Run(first: first, count: count, offset: values.count))
                var a = e2 + 1
                for _ in 0..<count {
                    let b = fieldEnd(a, end)
                    if b > a {
                        guard let x = DecimalText.double(slice(a, b)), x.isFinite else {
                            throw invalid("bin \(k): ln p value '\(string(a, b))' is not a finite number")
                        }
                        values.append(x)
                    } else {
                        values.append(floor)
                    }
                    a = b + 1
                }
                freqs.append(f)
            }
        }
        try self.init(dataset, Contents(observationTime: tObs, grid: grid, declaredBins: declaredBins, floor: floor, frequencies: freqs, runs: runs, values: RunValues(values)), invalid)
    }

    /// The checks both formats share, then the table.
    init(_ dataset: Dataset, _ contents: Contents, _ invalid: (String) -> FormatError) throws {
        guard let tObs = contents.observationTime, tObs.isFinite, tObs > 0 else { throw invalid("missing or invalid '# T_obs_s:' header") }
        guard let grid = contents.grid, let floor = contents.floor else { throw invalid("no frequency bins (and no '# log10rho_linspace:'/'# floor_lnp:' headers)") }
        let freqs = contents.frequencies, declaredBins = contents.declaredBins
        guard freqs.count == dataset.tableBins, declaredBins == nil || declaredBins == freqs.count else {
            throw invalid("\(freqs.count) frequency bins (header n_bins \(declaredBins.map(String.init) ?? "absent")); the \(dataset.label) table has \(dataset.tableBins)")
        }
        // f_k = k/T_obs: a mismatch means the bins or T_obs are not what the likelihood assumes.
        for (i, f) in freqs.enumerated() where abs(f * tObs / Double(i + 1) - 1) > 1e-6 {
            throw invalid("bin \(i + 1): f = \(f) Hz is not k/T_obs = \(Double(i + 1) / tObs) Hz")
        }
        self.dataset = dataset
        observationTime = tObs
        frequencies = freqs
        (gridStart, gridStop, gridCount) = grid
        linspaceStep = (grid.1 - grid.0) / Double(grid.2 - 1)
        gridStep = (grid.0 + linspaceStep) - grid.0
        floorLogDensity = floor
        inverseStep = 1 / linspaceStep
        halfCell = 0.5 * gridStep / linspaceStep
        runs = contents.runs
        runValues = contents.values
    }

    /// g_j, as numpy.linspace computes it.
    @inline(__always)
    public func gridValue(_ j: Int) -> Double { j == gridCount - 1 ? gridStop : gridStart + Double(j) * linspaceStep }

    /// ceffyl's lower edge of cell j, g_j − d/2 (j = gridCount: the top edge g_last + d/2).
    @inline(__always)
    func lowerEdge(_ j: Int) -> Double { j == gridCount ? gridStop + 0.5 * gridStep : gridValue(j) - 0.5 * gridStep }

    /// The cell of log10 ρ as ceffyl 1.41 `Ceffyl.ln_likelihood` finds it: `searchsorted(edges, x) − 1` with edges
    /// g_j − d/2 and g_last + d/2, so cell j holds (g_j − d/2, g_j + d/2]; below the grid cell 0; nil above the top edge.
    @inline(__always)
    public func cell(log10Rho x: Double) -> Int? {
        // Fast path: u = (x − g_0)/step + d/(2 step) lies in (j, j + 1] for cell j; away from the edges (by far more
        // than the rounding of u, ~1e-12) ceil(u) − 1 is the cell. Near an edge, below or above the grid: the exact edges.
        let u = (x - gridStart) * inverseStep + halfCell
        if u > 0 && u < Double(gridCount) {
            let c = u.rounded(.up)
            if c - u > 1e-7 && c - u < 1 - 1e-7 { return Int(c) - 1 }
        }
        return exactCell(log10Rho: x)
    }

    /// `cell(log10Rho:)` against the exact edges g_j − d/2.
    func exactCell(log10Rho x: Double) -> Int? {
        if x > lowerEdge(gridCount) { return nil }
        let u = (x - gridStart) / gridStep + 0.5
        guard u > 0 else { return 0 }
        var j = Swift.min(Int(u.rounded(.up)) - 1, gridCount - 1)
        // Settle the rounding of u against the exact edges.
        while j > 0 && x <= lowerEdge(j) { j -= 1 }
        while j < gridCount - 1 && x > lowerEdge(j + 1) { j += 1 }
        return Swift.max(j, 0)
    }

    /// ln p_k of grid cell j (bin k 0-based): its stored value inside the bin's run, the floor outside it.
    @inline(__always)
    public func logDensity(bin k: Int, cell j: Int) -> Double {
        let run = runs[k]
        let i = j &- run.first
        return UInt(bitPattern: i) < UInt(bitPattern: run.count) ? runValues[run.offset &+ i] : floorLogDensity
    }

    /// ln p_k(log10 ρ) exactly as ceffyl evaluates it: the value of the cell holding log10 ρ (nearest grid point); below
    /// the grid the lowest cell (noise-dominated, upper-limit behaviour); above the top edge −∞ (the model overshoots
    /// what the data allow); NaN for NaN. ceffyl adds ln d per bin, a constant left out here.
    @inline(__always)
    public func logDensity(bin k: Int, log10Rho x: Double) -> Double {
        if x.isNaN { return .nan }
        guard let j = cell(log10Rho: x) else { return -.infinity }
        return logDensity(bin: k, cell: j)
    }
}
