import ArgumentParser
import Foundation
import Cosmology
import EffectivePotential
import TransitionHistory

extension TransitionConventions.RatePrefactor: ExpressibleByArgument {}
extension TransitionConventions.RadiusDefinition: ExpressibleByArgument {}

struct TransitionOptions: ParsableArguments {
    @Option(name: .customLong("vw"), parsing: .unconditional, help: "Wall velocity v_w in [1e-3, 1]. Default 1.")
    var wallVelocity: Double = TransitionConventions.default.wallVelocity

    @Option(name: .customLong("percolation"), parsing: .unconditional, help: "I(T_p) threshold in [1e-3, 5]. Default 0.34.")
    var percolationThreshold: Double = TransitionConventions.default.percolationThreshold

    @Option(help: "Rate prefactor: thermal (T⁴(S3/2πT)^{3/2}, default) or T4.")
    var prefactor: TransitionConventions.RatePrefactor = TransitionConventions.default.ratePrefactor

    @Option(help: "R* reported as H*R*: nb (n_b^{-1/3}, default) or beta ((8π)^{1/3} v_w/β).")
    var radius: TransitionConventions.RadiusDefinition = TransitionConventions.default.radiusDefinition

    @Flag(name: .customLong("o4"), help: "Add the O(4) vacuum tunnelling rate (off by default: S4 ≥ 1160 here).")
    var includeVacuumTunnelling = false

    @Option(name: .customLong("gstar-dark"), parsing: .unconditional, help: ArgumentHelp(
        "g*_dark added to Saikawa–Shirai g*_SM: a number in [0, 1000], or free-energy (default: the model's physical light dof, 4 for DarkU1).",
        discussion: "free-energy counts the false-vacuum dark plasma as the one-loop free energy does at φ = 0 (−T∂V_T/∂T in dof: each loop's dof, incl. the Landau-gauge Goldstone and the 3 Z' modes; tachyonic scalars 1.603 each, J_B frozen at its minimum as in CosmoTransitions): 6.21 for DarkU1, the count of ELENA and of the benchmark table's α. A convention for comparisons; it applies to α and H before the transition, not to the reheated plasma."))
    var gStarDark: GStarDarkChoice?

    @Option(name: .customLong("gstar-constant"), parsing: .unconditional, help: "Use a constant total g*, in [1, 1000], instead of g*_SM(T) + g*_dark.")
    var gStarConstant: Double?

    func conventions() throws -> TransitionConventions {
        // Below these the results run to non-finite values (H/β ∝ 1/v_w in the collision template; R* from
        // a vanishing I(T_p) threshold).
        guard (1e-3...1).contains(wallVelocity) else { throw UsageError("--vw must be in [1e-3, 1], got \(wallVelocity)") }
        guard (1e-3...5).contains(percolationThreshold) else { throw UsageError("--percolation must be in [1e-3, 5], got \(percolationThreshold)") }
        var c = TransitionConventions()
        c.wallVelocity = wallVelocity
        c.percolationThreshold = percolationThreshold
        c.ratePrefactor = prefactor
        c.radiusDefinition = radius
        c.includeVacuumTunnelling = includeVacuumTunnelling
        if let g = gStarConstant {
            guard g.isFinite, g >= 1, g <= 1000 else { throw UsageError("--gstar-constant must be in [1, 1000], got \(g)") }
            guard gStarDark == nil else { throw UsageError("--gstar-dark and --gstar-constant exclude each other") }
            c.degreesOfFreedom = .constant(g)
        } else if let d = gStarDark {
            switch d {
            case .freeEnergy: c.darkDegreesOfFreedomCount = .freeEnergy
            case .count(let d):
                guard d.isFinite, d >= 0, d <= 1000 else { throw UsageError("--gstar-dark must be a number in [0, 1000] or free-energy, got \(d)") }
                c.degreesOfFreedom = .standardModelPlusDark(dark: d)
            }
        }
        return c
    }
}

/// `--gstar-dark`: a constant count or the model's free-energy count.
enum GStarDarkChoice: ExpressibleByArgument, Equatable {
    case count(Double)
    case freeEnergy

    init?(argument: String) {
        if argument == "free-energy" { self = .freeEnergy; return }
        guard let d = Double(argument) else { return nil }
        self = .count(d)
    }
    static var defaultCompletionKind: CompletionKind { .list(["free-energy"]) }
}

/// One computed point, ready for printing.
struct PointReport: Sendable {
    let name: String
    let model: any ParticleModel
    let result: TransitionResult
    let published: BenchmarkPoint.Published?
    let seconds: Double

    /// The library's documented report (`TransitionResult.reportFields`), with the model's masses after α.
    var computedJSON: JSONValue {
        var fields = result.reportFields.map { ($0.key, JSONValue(report: $0.value)) }
        let masses = reportedMasses(model)
        fields.insert(contentsOf: [("m_phi_GeV", .optional(masses.phi)), ("m_Zp_GeV", .optional(masses.zPrime))], at: 3)
        return .object(fields)
    }

    var json: JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(name)), ("inputs", modelJSON(model)), ("computed", computedJSON)]
        if let p = published {
            fields.append(("published", .object([("Tp_MeV", .optional(p.Tp_MeV)), ("HR", .optional(p.HR)), ("alpha", .optional(p.alpha)),
                                                  ("m_phi_GeV", .optional(p.m_phi_GeV)), ("m_Zp_GeV", .optional(p.m_Zp_GeV))])))
            let r = result
            func dev(_ c: Double?, _ p: Double?) -> JSONValue { (c != nil && p != nil) ? .number(c! / p! - 1) : .null }
            fields.append(("relative_deviation", .object([
                ("Tp", dev(r.percolationTemperature.map { $0 * 1000 }, p.Tp_MeV)), ("HR", dev(r.hubbleRadius, p.HR)),
                ("alpha", dev(r.alpha, p.alpha)), ("m_phi", dev(reportedMasses(model).phi, p.m_phi_GeV)), ("m_Zp", dev(reportedMasses(model).zPrime, p.m_Zp_GeV)),
            ])))
        }
        fields.append(("seconds", .number(seconds)))
        return .object(fields)
    }
}

func runPoint(name: String, model: any ParticleModel, published: BenchmarkPoint.Published?, potentialConventions: PotentialConventions,
              conventions: TransitionConventions, resources: ProjectResources) throws -> PointReport {
    let start = Date()
    let analysis = TransitionAnalysis(model: model, potentialConventions: potentialConventions, conventions: conventions, resources: resources)
    let result = try analysis.run()
    return PointReport(name: name, model: model, result: result, published: published, seconds: Date().timeIntervalSince(start))
}

/// The text table of `reproduce` and `point`.
func printTable(_ reports: [PointReport]) throws {
    var lines = [String]()
    func emit(_ line: String) { lines.append(line) }
    func masses(_ r: PointReport) -> (phi: Double?, zPrime: Double?) { reportedMasses(r.model) }
    func f(_ x: Double?, _ format: String = "%.4g") -> String { x.map { String(format: format, $0) } ?? "—" }
    func dev(_ c: Double?, _ p: Double?) -> String {
        guard let c, let p else { return "" }
        return String(format: "(%+.1f%%)", 100 * (c / p - 1))
    }
    // At least one space after every cell, however long its content.
    func cell(_ s: String, _ w: Int) -> String { s.padding(toLength: max(w, s.count + 1), withPad: " ", startingAt: 0) }
    emit(cell("point", 6) + cell("T_p [MeV] computed / published", 34) + cell("H*R*", 26) + cell("α", 28) + cell("m_φ [GeV]", 24) + "m_Z' [GeV]")
    for r in reports {
        let p = r.published, c = r.result
        let tp = c.percolationTemperature.map { $0 * 1000 }
        emit(cell(r.name, 6)
              + cell("\(f(tp)) / \(f(p?.Tp_MeV)) \(dev(tp, p?.Tp_MeV))", 34)
              + cell("\(f(c.hubbleRadius)) / \(f(p?.HR)) \(dev(c.hubbleRadius, p?.HR))", 26)
              + cell("\(f(c.alpha)) / \(f(p?.alpha)) \(dev(c.alpha, p?.alpha))", 28)
              + cell("\(f(masses(r).phi)) / \(f(p?.m_phi_GeV)) \(dev(masses(r).phi, p?.m_phi_GeV))", 24)
              + "\(f(masses(r).zPrime)) / \(f(p?.m_Zp_GeV)) \(dev(masses(r).zPrime, p?.m_Zp_GeV))")
    }
    emit("")
    emit(cell("point", 6) + cell("T_c", 9) + cell("T_n", 9) + cell("T_f", 9) + cell("T_reh", 9) + cell("β/H", 8) + cell("β_V/H", 8)
          + cell("H*R*(β)", 9) + cell("α_V", 9) + cell("min S3/T @ T", 18) + "completes")
    for r in reports {
        let c = r.result
        func mev(_ x: Double?) -> String { f(x.map { $0 * 1000 }) }
        emit(cell(r.name, 6) + cell(mev(c.criticalTemperature), 9) + cell(mev(c.nucleationTemperature), 9) + cell(mev(c.finalTemperature), 9)
              + cell(mev(c.reheatingTemperature), 9) + cell(f(c.betaOverH, "%.3g"), 8) + cell(f(c.betaVOverH, "%.3g"), 8)
              + cell(f(c.hubbleRadiusBeta), 9) + cell(f(c.alphaVacuum), 9)
              + cell("\(f(c.minimumActionOverT, "%.2f")) @ \(mev(c.temperatureOfMinimum))", 18) + (c.completes ? "yes" : "no: \(c.status)")
              + (c.status == .completes || !c.completes ? "" : " (\(c.status))"))
    }
    emit("(temperatures in MeV; H*R* from n_b^{-1/3} unless --radius beta; α from the trace anomaly; deviations relative to the published table)")
    try FiniteText.print(lines, "the table")
}
