/// The built-in models, by name (`--model`, benchmark-point files). Adding a model: one file conforming to
/// `ParticleModel`, one case here with its inputs.
public enum ModelKind: String, CaseIterable, Sendable, Codable {
    /// `DarkU1`: inputs v, λ, g (arXiv:2501.15649).
    case darkU1 = "darku1"
    /// `ConformalDarkU1`: inputs v, g, y; λ follows from V'(v) = 0 (arXiv:2502.19478).
    case conformalU1 = "conformal-u1"

    /// The input names of benchmark-point files (`inputs` object), in order.
    public var inputNames: [String] {
        switch self {
        case .darkU1: return ["v_GeV", "lambda", "g"]
        case .conformalU1: return ["v_GeV", "g", "y"]
        }
    }

    /// The catalogue entry of a built-in model (nil for a user's own model): the one place that maps types to names.
    public static func kind(of model: any ParticleModel) -> ModelKind? {
        switch model {
        case is DarkU1: return .darkU1
        case is ConformalDarkU1: return .conformalU1
        default: return nil
        }
    }

    /// The model from its inputs (GeV for v); each model's own initialiser validates the ranges.
    public func make(vev: Double, lambda: Double?, gauge: Double, yukawa: Double?) throws -> any ParticleModel {
        switch self {
        case .darkU1:
            guard let lambda else { throw DarkU1.InvalidParameter(description: "lambda is required for the darku1 model") }
            guard yukawa == nil else { throw DarkU1.InvalidParameter(description: "y does not belong to the darku1 model") }
            return try DarkU1(vev: vev, lambda: lambda, gauge: gauge)
        case .conformalU1:
            guard lambda == nil else { throw ConformalDarkU1.InvalidParameter(description: "lambda is derived in the conformal-u1 model (V'(v) = 0), not an input") }
            return try ConformalDarkU1(vev: vev, gauge: gauge, yukawa: yukawa ?? 0)
        }
    }
}
