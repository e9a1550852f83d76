import ArgumentParser
import Foundation
import EffectivePotential

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Masses, vacuum depth, g_roll, T_c and barrier information of a DarkU1 point.")

    @OptionGroup var model: ModelOptions
    @OptionGroup var conventionOptions: ConventionOptions

    @Option(help: "text (default) or json.", transform: OutputFormat.only(.text, .json))
    var format: OutputFormat = .text

    func run() throws {
        let (darkU1, bp) = try model.resolve()
        let V = ThermalEffectivePotential(model: darkU1, conventions: conventionOptions.conventions)
        let phases = PhaseStructure(potential: V)
        let v = darkU1.vev
        let deltaV0 = V.shiftedValue(0, temperature: 0) - V.shiftedValue(v, temperature: 0)
        let gRoll = darkU1.rollingCoupling
        let curvature0 = phases.curvatureAtOrigin(at: 0)
        let barrier0 = try phases.barrier(at: 0)
        let Tc = try phases.criticalTemperature()
        let T0 = try Tc.flatMap { try phases.barrierDisappearanceTemperature(criticalTemperature: $0) }
        let brokenAtTc = try Tc.flatMap { try phases.brokenMinimum(at: $0) }
        let barrierAtTc = try Tc.flatMap { try phases.barrier(at: $0) }
        // Broken-minimum track from T_c down to 1 % of T_c.
        let track: [(T: Double, minimum: Minimum?, depth: Double?)] = try Tc.map { tc in
            try phases.trackBrokenMinimum(temperatures: [1.0, 0.8, 0.6, 0.4, 0.2, 0.1, 0.05, 0.02, 0.01].map { $0 * tc }).map { row in
                (row.temperature, row.minimum, row.minimum.map { V.shiftedValue(0, temperature: row.temperature) - $0.value })
            }
        } ?? []

        switch format {
        case .json:
            let json = JSONValue.object([
                ("model", .string("DarkU1")),
                ("benchmark_point", bp.map { .string($0.name) } ?? .null),
                ("inputs", modelJSON(darkU1)),
                ("conventions", conventionsJSON(conventionOptions.conventions)),
                ("m_phi_GeV", .number(darkU1.scalarMass)),
                ("m_Zp_GeV", .number(darkU1.darkPhotonMass)),
                ("deltaV0_GeV4", .number(deltaV0)),
                ("deltaV0_over_v4", .number(deltaV0 / pow(v, 4))),
                ("deltaV0_one_loop_estimate_GeV4", .number(darkU1.vacuumDepthEstimate)),
                ("g_roll", .optional(gRoll.isFinite ? gRoll : nil)),
                ("curvature_at_origin_T0_GeV2", .number(curvature0)),
                ("broken_vacuum_is_deeper_at_T0", .bool(deltaV0 > 0)),
                ("barrier_at_T0", .bool(barrier0 != nil)),
                ("barrier_T0_phi_GeV", .optional(barrier0?.phi)),
                ("barrier_T0_height_GeV4", .optional(barrier0?.height)),
                ("Tc_GeV", .optional(Tc)),
                ("phi_broken_at_Tc_GeV", .optional(brokenAtTc?.phi)),
                ("barrier_at_Tc_height_GeV4", .optional(barrierAtTc?.height)),
                ("T_barrier_vanishes_GeV", .optional(T0)),
                ("broken_minimum_track", .array(track.map {
                    .object([("T_GeV", .number($0.T)), ("phi_GeV", .optional($0.minimum?.phi)), ("DeltaV_GeV4", .optional($0.depth))])
                })),
            ])
            print(try json.rendered())
        default:
            func f(_ x: Double?, _ unit: String = "") -> String { x.map { String(format: "%.6g", $0) + unit } ?? "none" }
            var out = [String]()
            out.append("DarkU1\(bp.map { " (\($0.name))" } ?? ""): v = \(v) GeV, λ = \(darkU1.lambda), g = \(darkU1.gauge)")
            out.append("conventions: \(conventionOptions.conventions.label)")
            out.append("m_φ  = \(f(darkU1.scalarMass, " GeV"))   (√(2λ) v)")
            out.append("m_Z' = \(f(darkU1.darkPhotonMass, " GeV"))   (g v)")
            out.append("ΔV0  = \(f(deltaV0, " GeV⁴")) = \(f(deltaV0 / pow(v, 4))) v⁴   (one-loop estimate v⁴[λ/4 − 3g⁴/128π²] = \(f(darkU1.vacuumDepthEstimate / pow(v, 4))) v⁴)")
            out.append("g_roll = \(f(gRoll.isFinite ? gRoll : nil))   (g − g_roll = \(f(gRoll.isFinite ? darkU1.gauge - gRoll : nil)))")
            if deltaV0 <= 0 {
                out.append("T = 0: the symmetric vacuum φ = 0 is the deeper one (ΔV0 ≤ 0): the U(1) stays unbroken, no transition")
            } else if let b = barrier0 {
                out.append("T = 0: barrier at φ = \(f(b.phi, " GeV")), height \(f(b.height, " GeV⁴")) (origin metastable: supercooling possible)")
            } else {
                out.append("T = 0: no barrier at the origin (V''(0) = \(f(curvature0, " GeV²")))")
            }
            out.append("T_c  = \(f(Tc, " GeV"))\(brokenAtTc.map { "   (broken minimum at φ = \(f($0.phi, " GeV")))" } ?? "")")
            out.append("barrier vanishes at T = \(T0.map { f($0, " GeV") } ?? (Tc == nil ? "n/a" : "never (persists to T = 0)"))")
            if !track.isEmpty {
                out.append("broken minimum:  T [GeV]        φ_b [GeV]      V(0) − V(φ_b) [GeV⁴]")
                for row in track {
                    out.append("                 " + f(row.T).padding(toLength: 15, withPad: " ", startingAt: 0)
                          + f(row.minimum?.phi).padding(toLength: 15, withPad: " ", startingAt: 0) + f(row.depth))
                }
            }
            try FiniteText.print(out, "the model text")
        }
    }
}
