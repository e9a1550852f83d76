import Foundation
import Cosmology
import EffectivePotential
import SupercoolNumerics

/// A reproducible random sample of the DarkU1 input domain, run through `TransitionAnalysis`, with every
/// outcome counted: the robustness check of issue 9 ("every valid input gives a physics answer").
///
/// The domain is the documented one (`DarkU1.vevRange`, 0 < λ < 4π, 0 < g < 4π), sampled as a physicist
/// would scan it: v log-uniform over all of `DarkU1.vevRange`; λ log-uniform in [1e-4, 4π); g log-uniform in
/// [1e-2, 4π) for half of the points and, for the other half, near g_roll(λ) (where the supercooled window is),
/// g = g_roll (1 ± 10^u) with u uniform in [−5, −0.3] (falling back to log-uniform where g_roll does not exist).
public struct DomainSweep: Sendable {
    /// One sampled point.
    public struct Point: Sendable, Codable, Equatable {
        public let vev: Double
        public let lambda: Double
        public let gauge: Double
    }

    /// What one point gave: an outcome code (`TransitionOutcome.code`) or an internal error, and the wall time.
    public struct Record: Sendable {
        public let index: Int
        public let point: Point
        /// nil: an internal error (`error` says which).
        public let result: TransitionResult?
        public let error: String?
        public let seconds: Double
        /// The outcome code, or "internal_error".
        public var code: String { result?.status.code ?? "internal_error" }
    }

    public let seed: UInt64
    public let count: Int

    public init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
    }

    public static let lambdaRange = 1e-4...(4 * Double.pi)
    public static let gaugeRange = 1e-2...(4 * Double.pi)

    /// The sampled points (deterministic in `seed` and `count`: the first k points do not depend on `count`).
    public var points: [Point] {
        var rng = SplitMix64(seed: seed)
        func logUniform(_ r: ClosedRange<Double>) -> Double {
            exp(log(r.lowerBound) + (log(r.upperBound) - log(r.lowerBound)) * rng.nextUnit())
        }
        // Open upper ends (λ, g < 4π; v ≤ 1e16).
        func below(_ x: Double, _ limit: Double) -> Double { min(x, limit.nextDown) }
        return (0..<count).map { _ in
            let v = logUniform(DarkU1.vevRange)
            let lambda = below(logUniform(Self.lambdaRange), 4 * Double.pi)
            let nearRoll = rng.nextUnit() < 0.5
            let sign: Double = rng.nextUnit() < 0.5 ? -1 : 1
            let u = -5 + 4.7 * rng.nextUnit()
            let free = logUniform(Self.gaugeRange)
            let gRoll = DarkU1.rollingCoupling(lambda: lambda)
            var g = free
            if nearRoll, gRoll.isFinite {
                let near = gRoll * (1 + sign * pow(10, u))
                if near > 0 && near < 4 * Double.pi { g = near }
            }
            return Point(vev: v, lambda: lambda, gauge: below(g, 4 * Double.pi))
        }
    }

    /// Run every point (in parallel, at most `concurrency` at once), reporting each record as it finishes.
    public func run(potentialConventions: PotentialConventions = .default, conventions: TransitionConventions = .default,
                    resources: ProjectResources, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                    onRecord: @Sendable (Record) -> Void = { _ in }) async -> [Record] {
        let points = self.points
        // The g* table is parsed once for the whole sweep (a failure is every point's internal error).
        let table: Result<StandardModelDegreesOfFreedom, Error> = Result { try StandardModelDegreesOfFreedom(resources: resources) }
        @Sendable func evaluate(_ index: Int) -> Record {
            let p = points[index]
            let start = Date()
            do {
                let model = try DarkU1(vev: p.vev, lambda: p.lambda, gauge: p.gauge)
                let result = try TransitionAnalysis(model: model, potentialConventions: potentialConventions, conventions: conventions,
                                                    standardModel: .table(try table.get())).run()
                return Record(index: index, point: p, result: result, error: nil, seconds: Date().timeIntervalSince(start))
            } catch {
                return Record(index: index, point: p, result: nil, error: "\(error)", seconds: Date().timeIntervalSince(start))
            }
        }
        return await withTaskGroup(of: Record.self) { group in
            var next = 0
            var records = [Record]()
            for _ in 0..<max(1, min(concurrency, points.count)) {
                let i = next; next += 1
                group.addTask { evaluate(i) }
            }
            for await record in group {
                onRecord(record)
                records.append(record)
                if next < points.count {
                    let i = next; next += 1
                    group.addTask { evaluate(i) }
                }
            }
            return records.sorted { $0.index < $1.index }
        }
    }
}
