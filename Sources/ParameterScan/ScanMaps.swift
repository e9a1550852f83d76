import Foundation
import EffectivePotential
import TransitionHistory

/// A quantity a map can put on an axis: one of the scan's inputs. `g` and `g_rel` are two views of the coupling axis.
public enum MapAxis: String, Sendable, CaseIterable {
    case vev = "v_GeV"
    /// λ (darku1) or y (conformal-u1).
    case second
    case gauge = "g"
    case gaugeRelative = "g_rel"

    /// Parses an axis name: v, v_GeV; lambda (darku1) or y (conformal-u1); g; g_rel (or g-rel).
    public static func parse(_ text: String, spec: ScanSpec, option: String) throws -> MapAxis {
        switch text.lowercased() {
        case "v", "v_gev", "vev": return .vev
        case "g", "g_d", "gd": return .gauge
        case "g_rel", "g-rel", "grel": return .gaugeRelative
        case spec.secondName, "second": return .second
        default:
            throw MapError("\(option) '\(text)': not an axis of this scan; use v, \(spec.secondName), g or g_rel", option: option)
        }
    }

    /// The scan dimension behind the axis: 0 v, 1 λ/y, 2 the coupling.
    public var dimension: Int {
        switch self { case .vev: 0; case .second: 1; case .gauge, .gaugeRelative: 2 }
    }

    public func name(_ spec: ScanSpec) -> String { self == .second ? spec.secondName : rawValue }

    /// The axis title as SVG markup, with its unit.
    public func title(_ spec: ScanSpec) -> String {
        switch self {
        case .vev: return "v<tspan dy=\"4\" font-size=\"11\">φ</tspan><tspan dy=\"-4\"> [GeV]</tspan>"
        case .second: return spec.model == .darkU1 ? "λ" : "dark Yukawa y"
        case .gauge: return "g<tspan dy=\"4\" font-size=\"11\">D</tspan>"
        case .gaugeRelative:
            return "g<tspan dy=\"4\" font-size=\"11\">D</tspan><tspan dy=\"-4\">/g</tspan><tspan dy=\"4\" font-size=\"11\">roll</tspan><tspan dy=\"-4\">(λ) − 1</tspan>"
        }
    }

    /// The record's value on this axis (g_rel computed from g_roll(λ) when the scan gave g directly; nil without g_roll).
    public func value(_ r: ScanRecord, spec: ScanSpec) -> Double? {
        switch self {
        case .vev: return r.vev
        case .second: return r.second
        case .gauge: return r.gauge
        case .gaugeRelative:
            if let x = r.gaugeRelative { return x }
            guard spec.model == .darkU1 else { return nil }
            let gRoll = DarkU1.rollingCoupling(lambda: r.second)
            return gRoll.isFinite ? r.gauge / gRoll - 1 : nil
        }
    }

    /// The spec's own axis, when this view is the one the scan was specified in (its log/linear choice applies).
    public func specAxis(_ spec: ScanSpec) -> ScanAxis? {
        switch self {
        case .vev: return spec.vev
        case .second: return spec.second
        case .gauge: return spec.couplingRelativeToRolling ? nil : spec.coupling
        case .gaugeRelative: return spec.couplingRelativeToRolling ? spec.coupling : nil
        }
    }

    /// The natural view of dimension `d` in this scan (g_rel when the coupling was scanned relative to g_roll).
    public static func natural(dimension d: Int, spec: ScanSpec) -> MapAxis {
        switch d { case 0: .vev; case 1: .second; default: spec.couplingRelativeToRolling ? .gaugeRelative : .gauge }
    }
}

/// A refusal of a map request, naming the option at fault (the CLI exits 2 with it).
public struct MapError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let option: String
    public init(_ description: String, option: String) { self.description = description; self.option = option }
}

/// What a heat map may colour by: the stored numeric columns (README "Maps").
public enum MapKey {
    public static let keys = ScanRecord.valueColumns + ["lnL", "wall_seconds"]

    public static func validate(_ key: String) throws -> String {
        guard keys.contains(key) else {
            throw MapError("--heat '\(key)': not a numeric column of the points table; one of \(keys.joined(separator: ", "))", option: "--heat")
        }
        return key
    }

    public static func value(_ r: ScanRecord, key: String) -> Double? {
        switch key {
        case "lnL": return r.logLikelihood
        case "wall_seconds": return r.seconds
        default: return r.values[key]
        }
    }

    /// Title with unit (SVG markup).
    public static func title(_ key: String) -> String {
        func sub(_ base: String, _ s: String) -> String { "\(base)<tspan dy=\"4\" font-size=\"11\">\(s)</tspan><tspan dy=\"-4\"></tspan>" }
        switch key {
        case "Tc_MeV": return sub("T", "c") + " [MeV]"
        case "Tn_MeV": return sub("T", "n") + " [MeV]"
        case "Tp_MeV": return sub("T", "p") + " [MeV]"
        case "Te_MeV": return sub("T", "e") + " [MeV]"
        case "Tf_MeV": return sub("T", "f") + " [MeV]"
        case "Treh_MeV": return sub("T", "reh") + " [MeV]"
        case "alpha": return "α (transition strength)"
        case "beta_over_H": return "β/H"
        case "betaV_over_H": return sub("β", "V") + "/H"
        case "HR": return sub("H", "*") + sub("R", "*")
        case "min_S3_over_T": return "min " + sub("S", "3") + "/T"
        case "lnL": return "ln L"
        case "wall_seconds": return "wall time per point [s]"
        default: return key
        }
    }

    /// Whether to colour on a log scale by default: all values positive and spanning more than a factor 30.
    public static func prefersLog(_ values: [Double]) -> Bool {
        guard let lo = values.min(), let hi = values.max(), lo > 0 else { return false }
        return hi / lo > 30
    }
}

/// Whether an outcome code counts as completing (`TransitionOutcome.completes`); nil for an internal error.
public func outcomeCompletes(_ status: String) -> Bool? {
    if status == ScanRecord.internalError { return nil }
    return status == TransitionOutcome.Kind.completes.rawValue || status == TransitionOutcome.Kind.percolatesThenRolls.rawValue
}

/// The records of one slice of the scan: those at one value of the dimension(s) not drawn.
public struct ScanSlice: Sendable {
    public let records: [ScanRecord]
    /// How the slice was taken, for the subtitle ("v = 1 GeV", "projected over v ∈ [a, b]"); nil when nothing was fixed.
    public let note: String?

    /// Keeps the records at the stored value of each dimension in `fixed` closest to `at` (one `at` per fixed dimension
    /// with more than one value; a dimension with one value needs none). A grid or list dimension with several values and
    /// no `at` is refused (naming `option`); a sampled design without `at` is projected (every point drawn).
    public static func take(_ records: [ScanRecord], spec: ScanSpec, fixed dimension: Int, at: Double?, option: String) throws -> ScanSlice {
        let axis = MapAxis.natural(dimension: dimension, spec: spec)
        let name = axis.name(spec)
        let values = records.compactMap { axis.value($0, spec: spec) }
        let distinct = Array(Set(values)).sorted()
        func describe(_ x: Double) -> String { axis == .vev ? String(format: "v = %.4g GeV", x) : String(format: "%@ = %.6g", name, x) }
        guard distinct.count > 1 else {
            if let at, let only = distinct.first, abs(at - only) > 1e-9 * max(abs(at), abs(only)) {
                throw MapError("\(option) \(at): the scan holds only \(describe(only))", option: option)
            }
            return ScanSlice(records: records, note: distinct.first.map(describe))
        }
        let sampled: Bool
        switch spec.design { case .latinHypercube, .sobol: sampled = true; default: sampled = false }
        guard let at else {
            if sampled {
                return ScanSlice(records: records, note: String(format: "projected over %@ ∈ [%.4g, %.4g]", name, distinct.first!, distinct.last!))
            }
            let list = distinct.count <= 6 ? distinct.map { String(format: "%.6g", $0) }.joined(separator: ", ")
                : String(format: "%d values in [%.4g, %.4g]", distinct.count, distinct.first!, distinct.last!)
            throw MapError("\(option): the scan varies \(name) (\(list)), which the map does not draw; give \(option) VALUE to take that slice", option: option)
        }
        guard !sampled else {
            throw MapError("\(option): a sampled (\(name) continuous) design has no slices; leave \(option) out to project all points", option: option)
        }
        guard at.isFinite else { throw MapError("\(option) must be a finite number", option: option) }
        // Nearest stored value (in log for v), which must be within 1 % (relative) of the one asked for.
        let nearest = distinct.min { a, b in distance(a, at, log: axis == .vev) < distance(b, at, log: axis == .vev) }!
        guard abs(nearest - at) <= 0.01 * max(abs(at), 1e-300) || (at == 0 && nearest == 0) else {
            throw MapError(String(format: "%@ %@: no stored %@ within 1 %% (nearest %.6g)", option, "\(at)", name, nearest), option: option)
        }
        return ScanSlice(records: records.filter { axis.value($0, spec: spec) == nearest }, note: describe(nearest))
    }

    static func distance(_ a: Double, _ b: Double, log: Bool) -> Double {
        log && a > 0 && b > 0 ? abs(Foundation.log(a / b)) : abs(a - b)
    }
}

/// The data of a heat map: one point per record of the slice, its position, its value (nil: not completing or no value),
/// its outcome; and, when the points fill a rectangular grid, the grid's distinct x and y values.
public struct HeatMapData: Sendable {
    public struct Point: Sendable, Equatable {
        public let index: Int
        public let x: Double, y: Double
        public let value: Double?
        public let status: String
    }
    public let points: [Point]
    /// Distinct sorted x and y values when every (x, y) pair occurs exactly once (cells are drawn), else nil (markers).
    public let grid: (x: [Double], y: [Double])?
    public let note: String?

    public var isGrid: Bool { grid != nil }

    /// Builds the map of `key` over (x, y) from `records`, fixing the third dimension at `at` (`ScanSlice`). Refuses
    /// (`MapError`, naming the option) an unknown key, the same dimension twice, an axis that was not scanned (fewer than
    /// two values), or g_rel without g_roll.
    public static func make(records: [ScanRecord], spec: ScanSpec, key: String, x: MapAxis, y: MapAxis, at: Double?) throws -> HeatMapData {
        let key = try MapKey.validate(key)
        guard x.dimension != y.dimension else {
            throw MapError("--x \(x.name(spec)) and --y \(y.name(spec)) are the same scan axis (g and g_rel both show the coupling)", option: "--y")
        }
        guard !records.isEmpty else { throw MapError("--db: the database holds no points yet (run the scan first)", option: "--db") }
        let third = 3 - x.dimension - y.dimension
        let slice = try ScanSlice.take(records, spec: spec, fixed: third, at: at, option: "--at")
        var points = [Point]()
        for r in slice.records {
            guard let px = x.value(r, spec: spec), let py = y.value(r, spec: spec) else {
                throw MapError("g_rel needs g_roll(λ), which this model or λ does not have; use g", option: x == .gaugeRelative ? "--x" : "--y")
            }
            let completes = outcomeCompletes(r.status) == true
            points.append(Point(index: r.index, x: px, y: py, value: completes ? MapKey.value(r, key: key) : nil, status: r.status))
        }
        for (axis, option) in [(x, "--x"), (y, "--y")] {
            let n = Set(points.map { axis == x ? $0.x : $0.y }).count
            guard n >= 2 else {
                throw MapError("\(option) \(axis.name(spec)): the scan has \(n) value\(n == 1 ? "" : "s") of it\(slice.note.map { " (at \($0))" } ?? ""); a map needs at least 2 (was it scanned?)", option: option)
            }
        }
        return HeatMapData(points: points, grid: detectGrid(points.map { ($0.x, $0.y) }), note: slice.note)
    }

    /// The distinct x and y values if the points are exactly their Cartesian product (each pair once), else nil.
    public static func detectGrid(_ xy: [(Double, Double)]) -> (x: [Double], y: [Double])? {
        let xs = Array(Set(xy.map(\.0))).sorted(), ys = Array(Set(xy.map(\.1))).sorted()
        guard xs.count >= 2, ys.count >= 2, xs.count * ys.count == xy.count else { return nil }
        var seen = Set<String>()
        for (a, b) in xy { guard seen.insert("\(a.bitPattern):\(b.bitPattern)").inserted else { return nil } }
        return (xs, ys)
    }

    /// Cell bounds around sorted grid values: halfway between neighbours in the axis's own coordinate (`transform`,
    /// e.g. log10 for a log axis), the outer cells as wide as their inner halves; returned in data values.
    public static func cellBounds(_ values: [Double], transform: (Double) -> Double, inverse: (Double) -> Double) -> [(lower: Double, upper: Double)] {
        let t = values.map(transform)
        guard t.count >= 2 else { return values.map { ($0, $0) } }
        var edges = [Double]()
        edges.append(t[0] - (t[1] - t[0]) / 2)
        for k in 0..<(t.count - 1) { edges.append((t[k] + t[k + 1]) / 2) }
        edges.append(t[t.count - 1] + (t[t.count - 1] - t[t.count - 2]) / 2)
        return (0..<t.count).map { (inverse(edges[$0]), inverse(edges[$0 + 1])) }
    }
}
