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

    @Option(name: .customLong("T"), parsing: .unconditional, help: "Temperature in GeV: 0, or in [1e-10 v, 100 v] (below 1e-10 v V_eff equals its T = 0 value to double precision).")
    var temperature: Double

    @Option(name: .customLong("phi-max"), parsing: .unconditional, help: "Largest φ, in units of v (> 0). Default 1.2.")
    var phiMax: Double = 1.2

    @Option(parsing: .unconditional, help: "Number of grid points (2…100000).")
    var points: Int = 200

    @Option(help: "csv (default) or json.", transform: OutputFormat.only(.csv, .json))
    var format: OutputFormat = .csv

    func run() throws {
        let (darkU1, _) = try model.resolve()
        // Between 0 and 1e-10 v the thermal functions' m/T overflows (V_eff is not finite below ~1e-150 v)
        // while V_eff already equals its T = 0 value: those T are refused, T = 0 is exact.
        guard temperature == 0 || (1e-10 * darkU1.vev...100 * darkU1.vev).contains(temperature) else {
            throw UsageError("--T must be 0 or in [1e-10 v, 100 v] = [\(1e-10 * darkU1.vev), \(100 * darkU1.vev)] GeV, got \(temperature)")
        }
        guard phiMax.isFinite, phiMax > 0, phiMax <= 100 else { throw UsageError("--phi-max must be in (0, 100] (units of v), got \(phiMax)") }
        guard (2...100_000).contains(points) else { throw UsageError("--points must be in 2…100000, got \(points)") }
        let V = ThermalEffectivePotential(model: darkU1, conventions: conventionOptions.conventions)
        // ΔV from the shifted potential (field-independent part left out): precise where V ≫ ΔV.
        let shifted0 = V.shiftedValue(0, temperature: temperature), constant = V.fieldIndependentPart(temperature: temperature)
        var rows = [(Double, Double, Double, Double)]()
        for k in 0..<points {
            let phi = phiMax * darkU1.vev * Double(k) / Double(points - 1)
            let (shifted, derivative) = V.shiftedValueAndDerivative(phi, temperature: temperature)
            rows.append((phi, try requireFinite(shifted + constant, "V"), shifted - shifted0, try requireFinite(derivative, "dV/dphi")))
        }
        switch format {
        case .csv:
            try FiniteText.print(["# supercool potential: DarkU1 v=\(darkU1.vev) GeV lambda=\(darkU1.lambda) g=\(darkU1.gauge) T=\(temperature) GeV",
                                  "# conventions: \(conventionOptions.conventions.label)",
                                  "phi_GeV,V_GeV4,DeltaV_GeV4,dVdphi_GeV3"] + rows.map { "\($0.0),\($0.1),\($0.2),\($0.3)" }, "the potential CSV")
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
