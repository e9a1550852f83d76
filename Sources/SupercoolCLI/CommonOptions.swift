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

extension ModelKind: ExpressibleByArgument {}

/// The model inputs: either --bp NAME or --v/--lambda/--g (any given one overrides the BP's value); `--model` picks
/// the model (DarkU1 by default; `conformal-u1` takes --v, --g, --y and derives λ).
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("bp"), help: "Benchmark point name (BP1…BP4) read from BenchmarkPoints/.")
    var benchmarkPoint: String?

    @Option(name: .customLong("model"), help: "darku1 (default: V = −μ²|Φ|² + λ|Φ|⁴) or conformal-u1 (μ² = 0, inputs v, g, y).")
    var kind: ModelKind?

    @Option(name: .customLong("v"), parsing: .unconditional, help: "Symmetry-breaking scale v_φ in GeV, in [1e-12, 1e16].")
    var vev: Double?

    @Option(name: .customLong("lambda"), parsing: .unconditional, help: "Quartic coupling λ, in (0, 4π) (darku1).")
    var lambda: Double?

    @Option(name: .customLong("g"), parsing: .unconditional, help: "Gauge coupling g_D, in (0, 4π) (conformal-u1: at most ≈ 1.98, more with y).")
    var gauge: Double?

    @Option(name: .customLong("y"), parsing: .unconditional, help: "Dark Yukawa y, in [0, 4π) (conformal-u1 only; default 0).")
    var yukawa: Double?

    /// The DarkU1 model (commands that are DarkU1-specific), and the benchmark point when one was named.
    func resolve() throws -> (model: DarkU1, benchmark: BenchmarkPoint?) {
        let (model, bp) = try resolveAny()
        guard let darkU1 = model as? DarkU1 else {
            throw UsageError("--model \(ModelKind.conformalU1.rawValue) is supported by point, reproduce, spectrum, fit and plot; this command needs --model darku1")
        }
        return (darkU1, bp)
    }

    /// Any built-in model.
    func resolveAny() throws -> (model: any ParticleModel, benchmark: BenchmarkPoint?) {
        var bp: BenchmarkPoint?
        if let name = benchmarkPoint {
            bp = try BenchmarkPoint.load(named: name, from: try ProjectResources.locate())
        }
        let kind = self.kind ?? bp?.model ?? .darkU1
        if let bp, let explicit = self.kind, explicit != bp.model {
            throw UsageError("--model \(explicit.rawValue) contradicts --bp \(bp.name), a \(bp.model.rawValue) point")
        }
        guard let v = vev ?? bp?.vev else { throw UsageError("missing --v (v_φ in GeV, in [1e-12, 1e16]) or --bp NAME") }
        guard let g = gauge ?? bp?.gauge else { throw UsageError("missing --g (g_D in (0, 4π)) or --bp NAME") }
        switch kind {
        case .darkU1:
            guard yukawa == nil else { throw UsageError("--y applies to --model conformal-u1 only") }
            guard let l = lambda ?? bp?.lambda else { throw UsageError("missing --lambda (λ in (0, 4π)) or --bp NAME") }
            do { return (try DarkU1(vev: v, lambda: l, gauge: g), bp) } catch let error as DarkU1.InvalidParameter { throw UsageError(error.description) }
        case .conformalU1:
            guard lambda == nil else { throw UsageError("--lambda does not apply to --model conformal-u1 (λ follows from V'(v) = 0); give --v, --g, --y") }
            do {
                return (try ConformalDarkU1(vev: v, gauge: g, yukawa: yukawa ?? bp?.yukawa ?? 0), bp)
            } catch let error as ConformalDarkU1.InvalidParameter { throw UsageError(error.description) }
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

/// The model's inputs, then the parameters it derives; a model other than the default darku1 is named first (so
/// darku1 reports keep their keys: v_GeV, lambda, g).
func modelJSON(_ model: any ParticleModel) -> JSONValue {
    var fields = (model.inputs + model.derivedParameters).map { ($0.name, JSONValue.number($0.value)) }
    if let kind = ModelKind.kind(of: model), kind != .darkU1 { fields.insert(("model", .string(kind.rawValue)), at: 0) }
    return .object(fields)
}

/// "v=…, λ=…, g=…" (darku1) or "conformal-u1 v=…, g=…, y=…": a point without a name.
func pointLabel(_ model: any ParticleModel) -> String {
    let symbols = ["v_GeV": "v", "lambda": "λ", "g": "g", "y": "y"]
    let body = model.inputs.map { "\(symbols[$0.name] ?? $0.name)=\($0.value)" }.joined(separator: ", ")
    guard let kind = ModelKind.kind(of: model), kind != .darkU1 else { return body }
    return "\(kind.rawValue) \(body)"
}

/// The masses reported beside a result (`m_phi_GeV`, `m_Zp_GeV`): the broken-phase particles a model names "phi" and
/// "Z'" (`ParticleModel.brokenPhaseParticles`); null for a model without them.
func reportedMasses(_ model: any ParticleModel) -> (phi: Double?, zPrime: Double?) {
    let particles = model.brokenPhaseParticles
    return (particles.first { $0.name == "phi" }?.mass, particles.first { $0.name == "Z'" }?.mass)
}

func conventionsJSON(_ c: PotentialConventions) -> JSONValue {
    .object([("daisy", .string(c.daisy.rawValue)), ("scalars", .string(c.scalarThermal.rawValue))])
}

func requireFinite(_ x: Double, _ name: String) throws -> Double {
    guard x.isFinite else { throw InternalError("internal error: \(name) is not finite (please report the command line)") }
    return x
}
