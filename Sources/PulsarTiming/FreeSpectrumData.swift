import Foundation
import Cosmology

/// A PTA free-spectrum likelihood table (ceffyl density; Lamb, Taylor & van Haasteren arXiv:2303.15442):
/// for each frequency bin k the log posterior density ln p_k of log10 ρ_k on a uniform grid, read from
/// `Data/pta/<name>.csv` (format in Data/README.md).
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
    public let gridStart: Double
    public let gridStep: Double
    public let gridCount: Int
    /// ln p_k on the grid, bin-major.
    public let logDensity: [[Double]]

    public struct FormatError: Error, CustomStringConvertible { public let description: String }

    /// Reads and validates the table: T_obs and the grid header, bins 1…`tableBins` in order at f_k = k/T_obs,
    /// every ln p finite. Any failure is a `FormatError` naming the file (bad bundled data, not bad input).
    public init(_ dataset: Dataset, resources: ProjectResources) throws {
        let url = resources.dataDirectory.appendingPathComponent("pta/\(dataset.rawValue).csv")
        func invalid(_ problem: String) -> FormatError { FormatError(description: "invalid bundled data \(url.path): \(problem)") }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw invalid("cannot read it as UTF-8 text") }
        var tObs: Double?, grid: (Double, Double, Int)?, declaredBins: Int?
        var freqs = [Double](), rows = [[Double]]()
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") {
                let parts = line.dropFirst().split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { continue }
                if parts[0] == "T_obs_s" { tObs = Double(parts[1]) }
                if parts[0] == "n_bins" { declaredBins = Int(parts[1]) }
                if parts[0] == "log10rho_grid" {
                    let g = parts[1].split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                    if g.count == 3, let a = Double(g[0]), let b = Double(g[1]), let c = Int(g[2]) { grid = (a, b, c) }
                }
                continue
            }
            if line.hasPrefix("bin") { continue }
            let fields = line.split(separator: ",")
            let k = rows.count + 1
            guard fields.count > 2, Int(fields[0]) == k else { throw invalid("row \(k): expected bin \(k) (bins 1, 2, … in order)") }
            guard let f = Double(fields[1]), f.isFinite, f > 0 else { throw invalid("bin \(k): frequency '\(fields[1])' is not a positive number") }
            let values = try fields.dropFirst(2).map { field -> Double in
                guard let x = Double(field), x.isFinite else { throw invalid("bin \(k): ln p value '\(field)' is not a finite number") }
                return x
            }
            freqs.append(f)
            rows.append(values)
        }
        guard let tObs, tObs.isFinite, tObs > 0 else { throw invalid("missing or invalid '# T_obs_s:' header") }
        guard let grid, grid.0.isFinite, grid.1.isFinite, grid.1 > 0, grid.2 >= 2 else {
            throw invalid("missing or invalid '# log10rho_grid: start,step,count' header")
        }
        guard rows.count == dataset.tableBins, declaredBins == nil || declaredBins == rows.count else {
            throw invalid("\(rows.count) frequency bins (header n_bins \(declaredBins.map(String.init) ?? "absent")); the \(dataset.label) table has \(dataset.tableBins)")
        }
        for (i, row) in rows.enumerated() where row.count != grid.2 {
            throw invalid("bin \(i + 1): \(row.count) ln p values, the grid header says \(grid.2)")
        }
        // f_k = k/T_obs: a mismatch means the bins or T_obs are not what the likelihood assumes.
        for (i, f) in freqs.enumerated() where abs(f * tObs / Double(i + 1) - 1) > 1e-6 {
            throw invalid("bin \(i + 1): f = \(f) Hz is not k/T_obs = \(Double(i + 1) / tObs) Hz")
        }
        self.dataset = dataset
        observationTime = tObs
        frequencies = freqs
        (gridStart, gridStep, gridCount) = grid
        logDensity = rows
    }

    /// ln p_k(log10 ρ) by linear interpolation; below the grid the lowest cell (noise-dominated, upper-limit
    /// behaviour, as in ceffyl); above the grid −∞ (the model overshoots what the data allow); NaN for NaN.
    @inline(__always)
    public func logDensity(bin k: Int, log10Rho x: Double) -> Double {
        let u = (x - gridStart) / gridStep
        if u.isNaN { return .nan }
        if u <= 0 { return logDensity[k][0] }
        if u >= Double(gridCount - 1) { return u == Double(gridCount - 1) ? logDensity[k][gridCount - 1] : -.infinity }
        let i = Int(u)
        let t = u - Double(i)
        let row = logDensity[k]
        return row[i] + t * (row[i + 1] - row[i])
    }
}
