import Foundation
import Cosmology
import EffectivePotential
import TransitionHistory

/// Runs every variant for every point in parallel (structured concurrency) and prints the spread.
func exploreConventions(points: [(name: String, model: DarkU1, published: BenchmarkPoint.Published?)],
             potential: PotentialConventions, transition: TransitionConventions,
             resources: ProjectResources, format: OutputFormat) async throws {
    let variants = ConventionVariant.matrix(potential: potential, transition: transition)
    let total = points.count * variants.count
    FileHandle.standardError.write("exploring \(variants.count) convention variants × \(points.count) points …\n".data(using: .utf8)!)
    let results = try await withThrowingTaskGroup(of: (Int, Int, PointReport).self) { group in
        for (i, point) in points.enumerated() {
            for (j, variant) in variants.enumerated() {
                group.addTask {
                    (i, j, try runPoint(name: point.name, model: point.model, published: point.published,
                                        potentialConventions: variant.potential, conventions: variant.transition, resources: resources))
                }
            }
        }
        var table = [[PointReport?]](repeating: [PointReport?](repeating: nil, count: variants.count), count: points.count)
        var done = 0
        for try await (i, j, report) in group {
            table[i][j] = report
            done += 1
            FileHandle.standardError.write("\r  \(done)/\(total)".data(using: .utf8)!)
        }
        FileHandle.standardError.write("\n".data(using: .utf8)!)
        return table
    }

    func spread(_ values: [Double?]) -> (min: Double, max: Double)? {
        let v = values.compactMap { $0 }
        guard let lo = v.min(), let hi = v.max() else { return nil }
        return (lo, hi)
    }
    switch format {
    case .json:
        var pointsJSON = [JSONValue]()
        for (i, point) in points.enumerated() {
            let row = results[i].map { $0! }
            let tp = row.map { $0.result.percolationTemperature.map { $0 * 1000 } }
            let alpha = row.map { $0.result.alpha }, hr = row.map { $0.result.hubbleRadius }
            func range(_ s: (min: Double, max: Double)?) -> JSONValue { s.map { .array([.number($0.min), .number($0.max)]) } ?? .null }
            pointsJSON.append(.object([
                ("name", .string(point.name)), ("inputs", modelJSON(point.model)),
                ("default", row[0].computedJSON),
                ("spread", .object([("Tp_MeV", range(spread(tp))), ("alpha", range(spread(alpha))), ("HR", range(spread(hr)))])),
                ("variants", .array(zip(variants, row).map { .object([("label", .string($0.label)), ("computed", $1.computedJSON)]) })),
            ]))
        }
        print(try JSONValue.object([("points", .array(pointsJSON))]).rendered())
    default:
        for (i, point) in points.enumerated() {
            let row = results[i].map { $0! }
            print("\(point.name): v = \(point.model.vev) GeV, λ = \(point.model.lambda), g = \(point.model.gauge)"
                  + (point.published?.Tp_MeV.map { "   published T_p = \($0) MeV, H*R* = \(point.published?.HR.map { "\($0)" } ?? "—"), α = \(point.published?.alpha.map { "\($0)" } ?? "—")" } ?? ""))
            print("  " + "variant".padding(toLength: 38, withPad: " ", startingAt: 0) + "T_p [MeV]   α           H*R*      min S3/T  completes")
            for (variant, report) in zip(variants, row) {
                let r = report.result
                func f(_ x: Double?, _ width: Int, _ fmt: String = "%.4g") -> String {
                    (x.map { String(format: fmt, $0) } ?? "—").padding(toLength: width, withPad: " ", startingAt: 0)
                }
                print("  " + variant.label.padding(toLength: 38, withPad: " ", startingAt: 0)
                      + f(r.percolationTemperature.map { $0 * 1000 }, 12) + f(r.alpha, 12)
                      + f(r.hubbleRadius, 10) + f(r.minimumActionOverT, 10, "%.2f") + (r.completes ? "yes" : "no"))
            }
            let tp = spread(row.map { $0.result.percolationTemperature.map { $0 * 1000 } })
            let a = spread(row.map { $0.result.alpha }), h = spread(row.map { $0.result.hubbleRadius })
            func show(_ name: String, _ d: Double?, _ s: (min: Double, max: Double)?) -> String {
                guard let d, let s else { return "\(name): default none" + (s.map { String(format: ", variants [%.4g, %.4g]", $0.min, $0.max) } ?? "") }
                return String(format: "%@ = %.4g [%.4g, %.4g]", name, d, s.min, s.max)
            }
            print("  theory spread: " + [show("T_p/MeV", row[0].result.percolationTemperature.map { $0 * 1000 }, tp),
                                          show("α", row[0].result.alpha, a), show("H*R*", row[0].result.hubbleRadius, h)].joined(separator: ";  "))
            print("")
        }
    }
}

/// For each point with a published T_p: the g inside the printed rounding interval [g − δ, g + δ) that
/// reproduces T_p (T_p falls steeply as g − g_roll grows), and α, H*R* there.
func calibrate(points: [(name: String, model: DarkU1, published: BenchmarkPoint.Published?)],
               potential: PotentialConventions, transition: TransitionConventions,
               resources: ProjectResources, gauge halfWidth: Double, format: OutputFormat) async throws {
    struct Calibration: Sendable {
        let name: String
        let model: DarkU1
        let interval: ClosedRange<Double>
        let report: PointReport?
        let note: String
    }
    let candidates: [(String, DarkU1, BenchmarkPoint.Published?)] = try points.flatMap { p -> [(String, DarkU1, BenchmarkPoint.Published?)] in
        var list: [(String, DarkU1, BenchmarkPoint.Published?)] = [(p.name, p.model, p.published)]
        // λ from the published m_φ column, where it differs from the printed λ beyond rounding.
        // Published masses that imply λ or g out of range are bad input (exit 2), named with their point.
        let derived: DarkU1?
        do { derived = try ParameterCalibration.massDerivedModel(p.model, scalarMass: p.published?.m_phi_GeV, darkPhotonMass: p.published?.m_Zp_GeV) }
        catch let e as DarkU1.InvalidParameter { throw UsageError("\(p.name): published m_φ/m_Z' imply \(e.description)") }
        if let m = derived {
            list.append(("\(p.name) (λ = \(String(format: "%.6f", m.lambda)) from m_φ)", m, p.published))
        }
        return list
    }
    FileHandle.standardError.write("calibrating g within ±\(halfWidth) for \(candidates.count) points …\n".data(using: .utf8)!)
    let calibrations = try await withThrowingTaskGroup(of: Calibration.self) { group in
        for (name, model, published) in candidates {
            group.addTask {
                guard let target = published?.Tp_MeV.map({ $0 / 1000 }) else {
                    return Calibration(name: name, model: model, interval: model.gauge...model.gauge, report: nil, note: "no published T_p")
                }
                let lo = model.gauge - halfWidth, hi = model.gauge + halfWidth
                guard lo > 0, hi < 4 * Double.pi else {
                    throw UsageError("\(name): g ± --g-half-width = [\(lo), \(hi)] leaves (0, 4π); use a smaller --g-half-width")
                }
                func tp(_ g: Double) throws -> (value: Double, payload: PointReport) {
                    let m = try DarkU1(vev: model.vev, lambda: model.lambda, gauge: g)
                    let r = try runPoint(name: name, model: m, published: published, potentialConventions: potential, conventions: transition, resources: resources)
                    return (r.result.percolationTemperature ?? 0, r)
                }
                // 9 points, then bisection of the bracket where T_p − target changes sign (T_p = 0: no percolation).
                switch try ParameterCalibration.solve(target: target, in: lo...hi, tp) {
                case .notBracketed(let best):
                    return Calibration(name: name, model: model, interval: lo...hi, report: best.payload,
                                       note: String(format: "no g in [%.5f, %.5f] reproduces T_p = %.4g MeV; closest g = %.6f gives %@", lo, hi, target * 1000, best.x,
                                                    best.value > 0 ? String(format: "%.4g MeV", best.value * 1000) : "no percolation"))
                case .calibrated(let best):
                    return Calibration(name: name, model: try DarkU1(vev: model.vev, lambda: model.lambda, gauge: best.x), interval: lo...hi, report: best.payload,
                                       note: String(format: "g = %.7f reproduces T_p", best.x))
                }
            }
        }
        var all = [Calibration]()
        for try await c in group { all.append(c) }
        return all.sorted { $0.name < $1.name }
    }
    switch format {
    case .json:
        print(try JSONValue.object([("calibrations", .array(calibrations.map { c in
            .object([("name", .string(c.name)), ("g_interval", .array([.number(c.interval.lowerBound), .number(c.interval.upperBound)])),
                     ("inputs", modelJSON(c.model)), ("note", .string(c.note)), ("result", c.report.map(\.json) ?? .null)])
        }))]).rendered())
    default:
        for c in calibrations {
            print("\(c.name): \(c.note)")
            if let r = c.report { try printTable([r]) }
            print("")
        }
    }
}
