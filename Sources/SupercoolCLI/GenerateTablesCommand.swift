import ArgumentParser
import Foundation
import EffectivePotential

/// Developer command: recompute the J_B/J_F Chebyshev tables and write them as Swift source.
struct GenerateTablesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-thermal-tables",
        abstract: "Recompute the J_B/J_F tables (developers; writes Swift source).",
        shouldDisplay: false)

    @Option(help: "Output file.")
    var output: String = "Sources/EffectivePotential/ThermalFunctionTables.swift"

    func run() throws {
        let tables = try ThermalFunctions(computing: ())
        try tables.swiftSource().write(toFile: output, atomically: true, encoding: .utf8)
        print("wrote \(output)")
    }
}
