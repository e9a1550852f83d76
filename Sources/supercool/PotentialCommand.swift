import ArgumentParser
import Foundation
import EffectivePotential

struct PotentialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "potential",
        abstract: "Print V_eff(φ, T) and ∂V/∂φ on a grid of φ (GeV units).",
        discussion: """
        CSV columns: phi_GeV, V_GeV4 (absolute V_eff), DeltaV_GeV4 (V(φ) − V(0)), dVdphi_GeV3. \
        Lines starting with '#' record the inputs and conventions.
        """)

    @OptionGroup var model: ModelOptions
    @OptionGroup var conventionOptions: ConventionOptions

    @Option(name: .customLong("T"), parsing: .unconditional, help: "Temperature in GeV (≥ 0).")
    var temperature: Double

    @Option(name: .customLong("phi-max"), parsing: .unconditional, help: "Largest φ, in units of v (> 0). Default 1.2.")
    var phiMax: Double = 1.2

    @Option(parsing: .unconditional, help: "Number of grid points (2…100000).")
    var points: Int = 200

    @Option(help: "csv (default) or json.")
    var format: OutputFormat = .csv

    func run() throws {
        let (darkU1, _) = try model.resolve()
        guard temperature.isFinite, temperature >= 0, temperature <= 100 * darkU1.vev else {
            throw UsageError("--T must be in [0, 100 v] = [0, \(100 * darkU1.vev)] GeV, got \(temperature)")
        }
        guard phiMax.isFinite, phiMax > 0, phiMax <= 100 else { throw UsageError("--phi-max must be in (0, 100] (units of v), got \(phiMax)") }
        guard (2...100_000).contains(points) else { throw UsageError("--points must be in 2…100000, got \(points)") }
        guard format != .text else { throw UsageError("--format for potential must be csv or json") }
        let V = ThermalEffectivePotential(model: darkU1, conventions: conventionOptions.conventions)
        let v0 = V.value(0, temperature: temperature)
        var rows = [(Double, Double, Double, Double)]()
        for k in 0..<points {
            let phi = phiMax * darkU1.vev * Double(k) / Double(points - 1)
            let (value, derivative) = V.valueAndDerivative(phi, temperature: temperature)
            rows.append((phi, try requireFinite(value, "V"), value - v0, try requireFinite(derivative, "dV/dphi")))
        }
        switch format {
        case .csv:
            print("# supercool potential: DarkU1 v=\(darkU1.vev) GeV lambda=\(darkU1.lambda) g=\(darkU1.gauge) T=\(temperature) GeV")
            print("# conventions: \(conventionOptions.conventions.label)")
            print("phi_GeV,V_GeV4,DeltaV_GeV4,dVdphi_GeV3")
            for r in rows { print("\(r.0),\(r.1),\(r.2),\(r.3)") }
        default:
            let json = JSONValue.object([
                ("model", .string("DarkU1")),
                ("inputs", modelJSON(darkU1)),
                ("T_GeV", .number(temperature)),
                ("conventions", conventionsJSON(conventionOptions.conventions)),
                ("points", .array(rows.map { .object([("phi_GeV", .number($0.0)), ("V_GeV4", .number($0.1)), ("DeltaV_GeV4", .number($0.2)), ("dVdphi_GeV3", .number($0.3))]) })),
            ])
            print(try json.rendered())
        }
    }
}
