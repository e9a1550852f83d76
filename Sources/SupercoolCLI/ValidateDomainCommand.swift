import ArgumentParser
import Foundation
import SupercoolNumerics
import Cosmology
import EffectivePotential
import TransitionHistory

struct ValidateDomainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-domain",
        abstract: "Run a seeded random sample of the whole (v, λ, g) domain and count the outcomes (robustness check).",
        discussion: """
        v log-uniform in [1e-12, 1e16] GeV, λ log-uniform in [1e-4, 4π), g log-uniform in [1e-2, 4π) for half the \
        points and g_roll(1 ± 10^u), u ∈ [−5, −0.3], for the other half (DomainSweep in TransitionHistory). \
        Prints one progress line per finished point on stderr, then the counts per outcome and the slowest points; \
        every internal error is listed with the command line that reproduces it. Exit 1 if any point ended in an \
        internal error. --output FILE writes one CSV row per point (index,v_GeV,lambda,g,status,seconds,Tp_GeV,alpha,HR,failed_bounces,action_curve_resolved,error).
        """)

    @Option(parsing: .unconditional, help: "Number of points, 1…1000000. Default 200.")
    var points: Int = 200

    @Option(parsing: .unconditional, help: "Seed of the sample (an unsigned 64-bit integer). Default 1.")
    var seed: UInt64 = 1

    @Option(help: "Write one CSV row per point to this file.")
    var output: String?

    @OptionGroup var conventionOptions: ConventionOptions
    @OptionGroup var transitionOptions: TransitionOptions

    func validate() throws {
        guard (1...1_000_000).contains(points) else { throw ValidationError("--points must be in 1…1000000, got \(points)") }
    }

    func run() async throws {
        if let path = output { try OutputFile.validate(path, option: "--output") }
        let resources = try ProjectResources.locate()
        let transition = try transitionOptions.conventions()
        let potential = conventionOptions.conventions
        let sweep = DomainSweep(count: points, seed: seed)
        let progress = ProgressReporter(total: points)
        let records = await sweep.run(potentialConventions: potential, conventions: transition, resources: resources) { record in
            progress.finished(String(format: "#%d v = %.4g GeV, λ = %.4g, g = %.6g: %@ (%.2f s)", record.index, record.point.vev,
                                     record.point.lambda, record.point.gauge, record.code, record.seconds))
        }
        var counts = [String: Int]()
        for r in records { counts[r.code, default: 0] += 1 }
        let times = records.map(\.seconds).sorted()
        print("validate-domain: \(points) points, seed \(seed); conventions: \(potential.label); \(transitionLabel(transition))")
        for code in TransitionOutcome.allCodes + ["internal_error"] where counts[code] != nil {
            print("  " + code.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%7d", counts[code]!))
        }
        print(String(format: "  time per point: median %.2f s, 99th percentile %.2f s, max %.2f s (total %.0f s of CPU)",
                      SampleStatistics.median(times) ?? 0, times[min(times.count - 1, Int(0.99 * Double(times.count)))], times.last!, times.reduce(0, +)))
        let flags = conventionFlags(potential, transition)
        for r in records.sorted(by: { $0.seconds > $1.seconds }).prefix(3) {
            print(String(format: "  slowest: %.2f s  supercool point --v %@ --lambda %@ --g %@%@  (%@)", r.seconds, "\(r.point.vev)",
                         "\(r.point.lambda)", "\(r.point.gauge)", flags, r.code))
        }
        // The summary is printed first: a failed write must not lose it.
        if let path = output {
            var csv = "# supercool validate-domain --points \(points) --seed \(seed); conventions: \(potential.label); \(transitionLabel(transition))\n"
            csv += "index,v_GeV,lambda,g,status,seconds,Tp_GeV,alpha,HR,failed_bounces,action_curve_resolved,error\n"
            for r in records {
                func f(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
                let error = FiniteText.sanitized(r.error ?? "").replacingOccurrences(of: "\"", with: "'")
                csv += "\(r.index),\(r.point.vev),\(r.point.lambda),\(r.point.gauge),\(r.code),\(String(format: "%.4f", r.seconds)),"
                csv += "\(f(r.result?.percolationTemperature)),\(f(r.result?.alpha)),\(f(r.result?.hubbleRadius)),"
                csv += "\(r.result.map { "\($0.failedBounces)" } ?? ""),\(r.result.map { "\($0.actionCurveResolved)" } ?? ""),\"\(error)\"\n"
            }
            try FiniteText.check(csv, "the sweep CSV")
            try OutputFile.write(csv, to: path, option: "--output")
        }
        let failures = records.filter { $0.result == nil }
        for r in failures {
            print("  internal error: supercool point --v \(r.point.vev) --lambda \(r.point.lambda) --g \(r.point.gauge)\(flags): \(FiniteText.sanitized(r.error ?? ""))")
        }
        if !failures.isEmpty { throw InternalError("\(failures.count) of \(points) points ended in an internal error (listed above)") }
    }
}

/// The command-line options that reproduce non-default conventions (empty for the defaults).
func conventionFlags(_ p: PotentialConventions, _ t: TransitionConventions) -> String {
    var flags = ""
    if p.daisy != PotentialConventions.default.daisy { flags += " --daisy \(p.daisy.rawValue)" }
    if p.scalarThermal != PotentialConventions.default.scalarThermal { flags += " --scalars \(p.scalarThermal.rawValue)" }
    let d = TransitionConventions.default
    if t.wallVelocity != d.wallVelocity { flags += " --vw \(t.wallVelocity)" }
    if t.percolationThreshold != d.percolationThreshold { flags += " --percolation \(t.percolationThreshold)" }
    if t.ratePrefactor != d.ratePrefactor { flags += " --prefactor \(t.ratePrefactor.rawValue)" }
    if t.radiusDefinition != d.radiusDefinition { flags += " --radius \(t.radiusDefinition.rawValue)" }
    if t.includeVacuumTunnelling { flags += " --o4" }
    switch t.degreesOfFreedom {
    case .some(.constant(let g)): flags += " --gstar-constant \(g)"
    case .some(.standardModelPlusDark(let d)): flags += " --gstar-dark \(d)"
    case .none where t.darkDegreesOfFreedomCount == .freeEnergy: flags += " --gstar-dark free-energy"
    default: break
    }
    return flags
}

/// One line per finished item on stderr, with the rate and the estimated time left. Thread-safe.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let start = Date()
    private var done = 0

    init(total: Int) { self.total = total }

    func finished(_ what: String) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        FileHandle.standardError.write(String(format: "[%d/%d] %@  (%.1f/s, %.0f s elapsed, ETA %.0f s)\n",
                                              done, total, what, rate, elapsed, eta).data(using: .utf8)!)
    }
}
