/// One value of the documented per-point report (README "reproduce" JSON, scans): a number in the key's unit,
/// or nil where the quantity does not exist.
public enum ReportValue: Sendable, Equatable {
    case number(Double?)
    case integer(Int?)
    case flag(Bool?)
    case text(String)
    case records([[ReportField]])
}

public struct ReportField: Sendable, Equatable {
    public let key: String
    public let value: ReportValue
    public init(_ key: String, _ value: ReportValue) { self.key = key; self.value = value }
}

extension TransitionResult {
    /// The documented keys and units of a point's result, in their documented order (temperatures in MeV as the
    /// keys say; H*R*, α, β/H dimensionless). The one place where field names and units are decided: the CLI's
    /// JSON and any scan output render this list.
    public var reportFields: [ReportField] {
        func mev(_ x: Double?) -> ReportValue { .number(x.map { $0 * 1000 }) }
        return [
            ReportField("Tp_MeV", mev(percolationTemperature)), ReportField("HR", .number(hubbleRadius)), ReportField("alpha", .number(alpha)),
            ReportField("Tn_MeV", mev(nucleationTemperature)), ReportField("Te_MeV", mev(extendedVolumeUnityTemperature)),
            ReportField("Tf_MeV", mev(finalTemperature)), ReportField("Treh_MeV", mev(reheatingTemperature)), ReportField("Tc_MeV", mev(criticalTemperature)),
            ReportField("beta_over_H", .number(betaOverH)), ReportField("betaV_over_H", .number(betaVOverH)),
            ReportField("HR_nb", .number(hubbleRadiusNumberDensity)), ReportField("HR_beta", .number(hubbleRadiusBeta)),
            ReportField("alpha_vacuum", .number(alphaVacuum)), ReportField("min_S3_over_T", .number(minimumActionOverT)),
            ReportField("min_S4", .number(minimumVacuumAction)),
            ReportField("O4_rate_included", .flag(vacuumRateIncluded)), ReportField("failed_O4_bounces", .integer(failedVacuumBounces)),
            ReportField("T_at_min_MeV", mev(temperatureOfMinimum)), ReportField("gstar_at_Tp", .number(gStarAtPercolation)),
            ReportField("gstar_at_Treh", .number(gStarAtReheating)),
            ReportField("I_at_Tp_relative_error", .number(percolationIntegralRelativeError)),
            ReportField("volume_slope_at_Tp", .number(volumeSlopeAtPercolation)), ReportField("volume_slope_at_Tf", .number(volumeSlopeAtFinal)),
            ReportField("T0_MeV", mev(barrierVanishingTemperature)),
            ReportField("completes", .flag(completes)), ReportField("status", .text(status.code)), ReportField("status_reason", .text(status.description)),
            ReportField("action_samples", .integer(actionSamples)), ReportField("failed_bounces", .integer(failedBounces)),
            ReportField("action_curve_resolved", .flag(actionCurveResolved)),
            ReportField("alpha_inf", .number(wallDynamics?.alphaInfinity)), ReportField("alpha_eq", .number(wallDynamics?.alphaEquilibrium)),
            ReportField("gamma_eq", .number(wallDynamics?.gammaEquilibrium)), ReportField("gamma_star", .number(wallDynamics?.gammaCollision)),
            ReportField("wall_regime", wallDynamics.map { .text($0.regime.rawValue) } ?? .number(nil)),
            ReportField("kappa_col", .number(wallDynamics?.kappaCollision)), ReportField("kappa_sw", .number(wallDynamics?.kappaSoundWaves)),
            ReportField("alpha_eff", .number(wallDynamics?.alphaEffective)),
            ReportField("wall_note", wallDynamicsNote.map { .text($0) } ?? .number(nil)),
            ReportField("bounce_failures", .records(bounceFailures.map {
                [ReportField("T_MeV", .number($0.temperature * 1000)), ReportField("reason", .text($0.reason.description))]
            })),
        ]
    }
}

/// A JSON/plist key made at run time (the report's documented names).
struct ReportKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension TransitionResult {
    /// Encodes exactly `reportFields`: the documented keys and units (e.g. `Tp_MeV`), null where a quantity does not
    /// exist; a non-finite number is an encoding error, never "NaN" in the output.
    public func encode(to encoder: Encoder) throws {
        try Self.encode(reportFields, into: encoder.container(keyedBy: ReportKey.self))
    }

    static func encode(_ fields: [ReportField], into container: KeyedEncodingContainer<ReportKey>) throws {
        var container = container
        for field in fields {
            let key = ReportKey(field.key)
            switch field.value {
            case .number(let x?):
                guard x.isFinite else {
                    throw EncodingError.invalidValue(x, .init(codingPath: container.codingPath + [key], debugDescription: "non-finite \(field.key)"))
                }
                try container.encode(x, forKey: key)
            case .integer(let n?): try container.encode(n, forKey: key)
            case .flag(let b?): try container.encode(b, forKey: key)
            case .number(nil), .integer(nil), .flag(nil): try container.encodeNil(forKey: key)
            case .text(let s): try container.encode(s, forKey: key)
            case .records(let rows):
                var list = container.nestedUnkeyedContainer(forKey: key)
                for row in rows { try encode(row, into: list.nestedContainer(keyedBy: ReportKey.self)) }
            }
        }
    }
}
