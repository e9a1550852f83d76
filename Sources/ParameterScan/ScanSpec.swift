import Foundation
import EffectivePotential
import GravitationalWaves
import SupercoolNumerics
import TransitionHistory

/// One scanned parameter: a range and, for grids, a number of values (ends included), linear or logarithmic.
/// A log axis over negative values is the signed log axis −|lo|·(|hi|/|lo|)^u (g/g_roll − 1 below g_roll).
public struct ScanAxis: Sendable, Codable, Equatable {
    public var lower: Double
    public var upper: Double
    /// Grid values (1: the single value `lower`); nil for sampled designs.
    public var count: Int?
    public var logarithmic: Bool

    public init(lower: Double, upper: Double, count: Int?, logarithmic: Bool) {
        self.lower = lower; self.upper = upper; self.count = count; self.logarithmic = logarithmic
    }

    /// A fixed value.
    public static func fixed(_ x: Double) -> ScanAxis { ScanAxis(lower: x, upper: x, count: 1, logarithmic: false) }

    public var isFixed: Bool { lower == upper }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Parses `X` (a single value), `LO:HI:N[:log|:lin]` (a grid) or, for sampled designs, `LO:HI[:log|:lin]`.
    public static func parse(_ text: String, name: String, sampled: Bool) throws -> ScanAxis {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var log = false
        if let last = parts.last, last == "log" || last == "lin" { log = last == "log"; parts.removeLast() }
        func number(_ s: String, _ what: String) throws -> Double {
            guard let x = Double(s.trimmingCharacters(in: .whitespaces)), x.isFinite else {
                throw Invalid(description: "\(name): \(what) '\(s)' is not a finite number (format X, LO:HI:N[:log]\(sampled ? " or, with --sample, LO:HI[:log]" : ""))")
            }
            return x
        }
        let axis: ScanAxis
        switch parts.count {
        case 1:
            axis = .fixed(try number(parts[0], "value"))
        case 2:
            guard sampled else {
                throw Invalid(description: "\(name) '\(text)': a grid axis needs LO:HI:N[:log] (N values, ends included)")
            }
            axis = ScanAxis(lower: try number(parts[0], "LO"), upper: try number(parts[1], "HI"), count: nil, logarithmic: log)
        case 3:
            guard !sampled else {
                throw Invalid(description: "\(name) '\(text)': with --sample the number of points is --points; give LO:HI[:log]")
            }
            guard let n = Int(parts[2]), (1...100_000).contains(n) else {
                throw Invalid(description: "\(name): N '\(parts[2])' must be an integer in 1…100000")
            }
            axis = ScanAxis(lower: try number(parts[0], "LO"), upper: try number(parts[1], "HI"), count: n, logarithmic: log)
        default:
            throw Invalid(description: "\(name) '\(text)': expected X, LO:HI:N[:log]\(sampled ? " or LO:HI[:log]" : "")")
        }
        guard axis.lower <= axis.upper else { throw Invalid(description: "\(name) '\(text)': LO must not exceed HI") }
        if axis.count == 1 && axis.lower != axis.upper { throw Invalid(description: "\(name) '\(text)': N = 1 needs LO = HI (or give a single value)") }
        if axis.logarithmic && !(axis.lower > 0 || axis.upper < 0) {
            throw Invalid(description: "\(name) '\(text)': a log axis needs LO and HI of one sign, neither zero")
        }
        return axis
    }

    /// The value at u ∈ [0, 1].
    public func value(at u: Double) -> Double {
        if isFixed { return lower }
        if logarithmic {
            let sign = lower > 0 ? 1.0 : -1.0
            let (a, b) = sign > 0 ? (lower, upper) : (-upper, -lower)
            // Negative: u = 0 at LO (largest |x|), u = 1 at HI (smallest |x|).
            return sign > 0 ? a * Foundation.pow(b / a, u) : -(b * Foundation.pow(a / b, u))
        }
        return lower + (upper - lower) * u
    }

    /// The grid values (ends included).
    public var gridValues: [Double] {
        let n = count ?? 1
        guard n > 1, !isFixed else { return [lower] }
        return (0..<n).map { k in k == n - 1 ? upper : value(at: Double(k) / Double(n - 1)) }
    }
}

/// How points fill the axes.
public enum ScanDesign: Sendable, Codable, Equatable {
    /// The Cartesian product of the axes' grids (v innermost).
    case grid
    /// Latin hypercube (one point per stratum of each axis), seeded.
    case latinHypercube(points: Int, seed: UInt64)
    /// Sobol' sequence (Joe–Kuo directions): the first `points` from index 0, digitally shifted by `seed` (`SobolSequence`).
    case sobol(points: Int, seed: UInt64)
    /// Points given explicitly (a CSV): [v, λ or y, g or g/g_roll − 1] per point, in the spec's axis meaning.
    case list([[Double]])
}

/// What the scan also computes per completing point: ln L of the GW spectrum against PTA data.
public struct ScanLikelihood: Sendable, Codable, Equatable {
    /// `FreeSpectrumData.Dataset` raw values.
    public var datasets: [String]
    public var template: TemplateKind
    /// Frequency bins (nil: each data set's default).
    public var bins: Int?
    public var withSMBHB: Bool
    /// How the PTA densities are read (`currentEvaluation`); nil in databases made before the native-grid tables
    /// (ln L resampled to 0.0025 dex and interpolated), which therefore do not match a current spec.
    public var evaluation: String?
    /// The tables at ceffyl's native grid, each density read in the cell holding log10 ρ (ceffyl 1.41).
    public static let currentEvaluation = "ceffyl-1.41 cell, native grid"
    public init(datasets: [String], template: TemplateKind, bins: Int?, withSMBHB: Bool, evaluation: String? = Self.currentEvaluation) {
        self.datasets = datasets; self.template = template; self.bins = bins; self.withSMBHB = withSMBHB; self.evaluation = evaluation
    }
}

/// Everything that decides a scan's numbers (stored in the database; a database made by another spec is refused).
/// Not in it: the shard, the number of parallel jobs, the file name.
public struct ScanSpec: Sendable, Codable, Equatable {
    public var model: ModelKind
    /// v_φ in GeV.
    public var vev: ScanAxis
    /// DarkU1: λ. conformal-u1: the Yukawa y.
    public var second: ScanAxis
    /// g_D directly, or g/g_roll(λ) − 1 (DarkU1 only).
    public var coupling: ScanAxis
    public var couplingRelativeToRolling: Bool
    public var design: ScanDesign
    public var potentialConventions: PotentialConventions
    public var conventions: TransitionConventions
    public var likelihood: ScanLikelihood?
    /// The v (GeV) at which each (λ, g)'s bounces are solved (`TransitionAnalysis.prepare()`); every point's history
    /// is then computed at its own v (`PreparedTransition.result(vev:)`). Fixed, so that a point's numbers do not depend
    /// on which other points the scan holds.
    public var referenceVev: Double = 1

    public init(model: ModelKind, vev: ScanAxis, second: ScanAxis, coupling: ScanAxis, couplingRelativeToRolling: Bool,
                design: ScanDesign, potentialConventions: PotentialConventions = .default,
                conventions: TransitionConventions = .default, likelihood: ScanLikelihood? = nil) {
        self.model = model; self.vev = vev; self.second = second; self.coupling = coupling
        self.couplingRelativeToRolling = couplingRelativeToRolling; self.design = design
        self.potentialConventions = potentialConventions; self.conventions = conventions; self.likelihood = likelihood
    }

    /// The name of the second axis in reports and databases.
    public var secondName: String { model == .darkU1 ? "lambda" : "y" }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The spec as canonical JSON (sorted keys): what the database stores.
    public func canonicalJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The first top-level fields in which two specs differ (for the refusal message).
    public func differences(from other: ScanSpec) -> [String] {
        var d = [String]()
        if model != other.model { d.append("model (\(other.model.rawValue) vs \(model.rawValue))") }
        if vev != other.vev { d.append("v axis") }
        if second != other.second { d.append("\(secondName) axis") }
        if coupling != other.coupling || couplingRelativeToRolling != other.couplingRelativeToRolling { d.append("g axis") }
        if design != other.design { d.append("design (grid/--sample/--points/--seed/CSV)") }
        if potentialConventions != other.potentialConventions { d.append("potential conventions (--daisy/--scalars)") }
        if conventions != other.conventions { d.append("transition conventions (--vw/--percolation/--prefactor/--radius/--o4/--gstar-*)") }
        if likelihood?.evaluation != other.likelihood?.evaluation && likelihood != nil && other.likelihood != nil {
            d.append("likelihood evaluation (\(other.likelihood?.evaluation ?? "resampled tables, before the native grid") vs \(likelihood?.evaluation ?? "resampled tables, before the native grid"))")
        } else if likelihood != other.likelihood { d.append("likelihood (--data/--template/--bins/--with-smbhb)") }
        if referenceVev != other.referenceVev { d.append("reference v") }
        return d
    }
}

/// One point of a scan: its index in the spec's full list and its inputs.
public struct ScanPoint: Sendable, Equatable {
    public let index: Int
    /// GeV.
    public let vev: Double
    /// λ (DarkU1) or y (conformal-u1).
    public let second: Double
    /// g_D.
    public let gauge: Double
    /// g/g_roll(λ) − 1 when the axis is relative (DarkU1), else nil.
    public let gaugeRelative: Double?
    /// Points sharing (λ, g) share one set of bounces: the index of that group in the spec.
    public let group: Int
}

extension ScanSpec {
    /// Every point of the scan, in index order; points of one (λ, g) group are consecutive. Throws `Invalid` for
    /// an empty or over-large scan, values outside the model's ranges, or g_roll(λ) undefined.
    public func points() throws -> [ScanPoint] {
        var raw = [[Double]]()   // [v, second, coupling]
        switch design {
        case .grid:
            for s in second.gridValues { for c in coupling.gridValues { for v in vev.gridValues { raw.append([v, s, c]) } } }
        case .latinHypercube(let n, let seed):
            let u = try LatinHypercube.sample(count: n, dimensions: 3, seed: seed)
            raw = u.map { [vev.value(at: $0[0]), second.value(at: $0[1]), coupling.value(at: $0[2])] }
        case .sobol(let n, let seed):
            // The first n points (from index 0: a block of 2^m is balanced), digitally shifted by the seed.
            let u = try SobolSequence(dimensions: 3, digitalShiftSeed: seed).points(count: n)
            raw = u.map { [vev.value(at: $0[0]), second.value(at: $0[1]), coupling.value(at: $0[2])] }
        case .list(let rows):
            raw = rows
        }
        guard !raw.isEmpty else { throw Invalid(description: "the scan has no points") }
        guard raw.count <= 10_000_000 else { throw Invalid(description: "the scan has \(raw.count) points (at most 10⁷ per database)") }
        var groups = [String: Int]()
        var result = [ScanPoint]()
        result.reserveCapacity(raw.count)
        for (i, r) in raw.enumerated() {
            guard r.count == 3, r.allSatisfy(\.isFinite) else { throw Invalid(description: "point \(i): inputs must be three finite numbers") }
            let (v, s, c) = (r[0], r[1], r[2])
            guard DarkU1.vevRange.contains(v) else { throw Invalid(description: "point \(i): v = \(v) GeV outside [1e-12, 1e16]") }
            var g = c, relative: Double?
            if couplingRelativeToRolling {
                guard model == .darkU1 else { throw Invalid(description: "--g-rel needs the darku1 model (g_roll(λ))") }
                let gRoll = DarkU1.rollingCoupling(lambda: s)
                guard gRoll.isFinite else { throw Invalid(description: "point \(i): g_roll(λ = \(s)) does not exist (λ ≥ 8π²/(5 + 2 ln 2)); use --g") }
                g = gRoll * (1 + c); relative = c
            }
            // The model's own validation names the parameter and its range.
            do { _ = try model.make(vev: v, lambda: model == .darkU1 ? s : nil, gauge: g, yukawa: model == .darkU1 ? nil : s) } catch {
                throw Invalid(description: "point \(i) (v = \(v) GeV, \(secondName) = \(s), g = \(g)): \(error)")
            }
            let key = "\(s.bitPattern):\(g.bitPattern)"
            let group: Int
            if let k = groups[key] { group = k } else { group = groups.count; groups[key] = group }
            result.append(ScanPoint(index: i, vev: v, second: s, gauge: g, gaugeRelative: relative, group: group))
        }
        return result
    }
}

/// `--shard i/n`: shard i (0-based) takes every group whose index ≡ i mod n (whole groups, so the bounces of a (λ, g)
/// are solved once, in one shard; deterministic, so shards never overlap).
public struct ScanShard: Sendable, Codable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int
    public static let whole = ScanShard(index: 0, count: 1)

    public init(index: Int, count: Int) { self.index = index; self.count = count }

    public static func parse(_ text: String) throws -> ScanShard {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ScanSpec.Invalid(description: "--shard '\(text)': expected I/N (e.g. 0/4)")
        }
        guard (1...100_000).contains(n), (0..<n).contains(i) else {
            throw ScanSpec.Invalid(description: "--shard '\(text)': N must be in 1…100000 and I in 0…N−1")
        }
        return ScanShard(index: i, count: n)
    }

    public func contains(_ point: ScanPoint) -> Bool { point.group % count == index }
    public var description: String { "\(index)/\(count)" }
}
