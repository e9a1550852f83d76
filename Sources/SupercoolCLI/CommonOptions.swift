import ArgumentParser
import Foundation
import EffectivePotential
import Cosmology

/// A user error: printed as one line on stderr, exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A failure of the program itself (a result that is not finite, say): exit code 1.
struct InternalError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// A physics answer that is not a number (no barrier, no nucleation, ...): exit code 3.
struct PhysicsOutcome: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, csv

    /// A parser for `@Option(transform:)` accepting only the formats a command supports, so that neither
    /// --help nor the error lists a format the command would refuse (the enum's own list has all three).
    static func only(_ allowed: OutputFormat...) -> @Sendable (String) throws -> OutputFormat {
        { text in
            guard let format = OutputFormat(rawValue: text), allowed.contains(format) else {
                throw ValidationError("allowed: \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            return format
        }
    }
}

/// The model inputs: either --bp NAME or --v/--lambda/--g (any given one overrides the BP's value).
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("bp"), help: "Benchmark point name (BP1…BP4) read from BenchmarkPoints/.")
    var benchmarkPoint: String?

    @Option(name: .customLong("v"), parsing: .unconditional, help: "Symmetry-breaking scale v_φ in GeV, in [1e-12, 1e16].")
    var vev: Double?

    @Option(name: .customLong("lambda"), parsing: .unconditional, help: "Quartic coupling λ, in (0, 4π).")
    var lambda: Double?

    @Option(name: .customLong("g"), parsing: .unconditional, help: "Gauge coupling g_D, in (0, 4π).")
    var gauge: Double?

    /// The model, and the benchmark point when one was named.
    func resolve() throws -> (model: DarkU1, benchmark: BenchmarkPoint?) {
        var bp: BenchmarkPoint?
        if let name = benchmarkPoint {
            bp = try BenchmarkPoint.load(named: name, from: try ProjectResources.locate())
        }
        guard let v = vev ?? bp?.vev else { throw UsageError("missing --v (v_φ in GeV, in [1e-12, 1e16]) or --bp BP1…BP4") }
        guard let l = lambda ?? bp?.lambda else { throw UsageError("missing --lambda (λ in (0, 4π)) or --bp BP1…BP4") }
        guard let g = gauge ?? bp?.gauge else { throw UsageError("missing --g (g_D in (0, 4π)) or --bp BP1…BP4") }
        do {
            return (try DarkU1(vev: v, lambda: l, gauge: g), bp)
        } catch let error as DarkU1.InvalidParameter {
            throw UsageError(error.description)
        }
    }
}

extension PotentialConventions.Daisy: ExpressibleByArgument {}
extension PotentialConventions.ScalarThermal: ExpressibleByArgument {}

struct ConventionOptions: ParsableArguments {
    @Option(help: "Daisy resummation: ae (Arnold–Espinosa, default), parwani, none.")
    var daisy: PotentialConventions.Daisy = PotentialConventions.default.daisy

    @Option(help: "Scalar (h, G) thermal loops: hightl (leading λT²φ²/6 term, default), full (Re J_B), none.")
    var scalars: PotentialConventions.ScalarThermal = PotentialConventions.default.scalarThermal

    var conventions: PotentialConventions { PotentialConventions(daisy: daisy, scalarThermal: scalars) }

    /// The first option set away from its default (for modes that do not use a thermal potential).
    var changedOption: String? {
        if daisy != PotentialConventions.default.daisy { return "--daisy" }
        if scalars != PotentialConventions.default.scalarThermal { return "--scalars" }
        return nil
    }
}

func modelJSON(_ model: DarkU1) -> JSONValue {
    .object([("v_GeV", .number(model.vev)), ("lambda", .number(model.lambda)), ("g", .number(model.gauge))])
}

func conventionsJSON(_ c: PotentialConventions) -> JSONValue {
    .object([("daisy", .string(c.daisy.rawValue)), ("scalars", .string(c.scalarThermal.rawValue))])
}

func requireFinite(_ x: Double, _ name: String) throws -> Double {
    guard x.isFinite else { throw InternalError("internal error: \(name) is not finite (please report the command line)") }
    return x
}
