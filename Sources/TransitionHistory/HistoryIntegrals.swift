import Foundation
import SupercoolNumerics

/// The transition history from a nucleation rate Γ(T) and a Hubble rate H(T), assuming adiabatic
/// cooling in the false vacuum (dt = −dT/(T H)); Athron et al. 2305.02357 §4–5, Ellis, Lewicki, No
/// 1809.08242 §2 (physics.md §5). Independent of any model: the toy-rate tests drive it directly.
public struct HistoryIntegrals: Sendable {
    /// Γ(T) in GeV⁴.
    public let rate: @Sendable (Double) -> Double
    /// H(T) in GeV.
    public let hubble: @Sendable (Double) -> Double
    /// Upper end of every T-integral (above it Γ is negligible), GeV.
    public let upperTemperature: Double
    /// Lowest temperature considered, GeV.
    public let lowerTemperature: Double
    public let wallVelocity: Double
    /// ∫ dT/H (the inner integral of I), as a spline on a log grid: Q(T) = ∫_{T_low}^{T} dT''/H(T'').
    let distance: Interpolant

    public init(rate: @escaping @Sendable (Double) -> Double, hubble: @escaping @Sendable (Double) -> Double,
                lowerTemperature: Double, upperTemperature: Double, wallVelocity: Double) throws {
        self.rate = rate; self.hubble = hubble
        self.lowerTemperature = lowerTemperature; self.upperTemperature = upperTemperature
        self.wallVelocity = wallVelocity
        // Q(T) on 600 log-spaced points by cumulative Simpson on each interval (1/H is smooth: the cubic spline's error, ~h⁴/384
        // relative with h ≈ 0.01 in ln T, is ~1e-11; the pointwise quadratures only check the ODE pass, HistoryTable).
        let n = 600
        var xs = [Double](), qs = [Double]()
        var q = 0.0
        var previous = lowerTemperature
        xs.append(log(lowerTemperature)); qs.append(0)
        for k in 1...n {
            let T = exp(log(lowerTemperature) + (log(upperTemperature) - log(lowerTemperature)) * Double(k) / Double(n))
            q += Quadrature.simpson({ 1 / hubble($0) }, from: previous, to: T, intervals: 2)
            xs.append(log(T)); qs.append(q)
            previous = T
        }
        distance = try Interpolant(x: xs, y: qs, kind: .cubic)
    }

    @inline(__always) func Q(_ T: Double) -> Double { distance(log(T)) }

    /// Integrate over [a, upper] in 8 log-spaced pieces (the integrands are sharply peaked). Each piece
    /// after the first is asked for 1e-10 of the running total in absolute terms, so that pieces where
    /// Γ is negligible (towards T_c) do not chase a relative precision of nothing.
    func integrateUp(from a: Double, relativeTolerance: Double = 1e-9, negligible: Double = 1e-150, _ f: (Double) -> Double) throws -> Double {
        try integrateUpWithError(from: a, relativeTolerance: relativeTolerance, negligible: negligible, f).value
    }

    /// An error this small on N or I is nothing next to the levels they are compared with (N = 1, I ≥ 0.01).
    static let negligibleCount = 1e-14

    /// The same, with GSL's error estimate summed over the pieces. A piece where QAGS stops early (round-off,
    /// "divergence" of its extrapolation on a piece that is physically nothing) is accepted when its estimated
    /// error is below 1e-3 of the piece or `relativeTolerance` of the whole integral: that is only known once all
    /// pieces are in (an early piece can be 1e-60 of the total, where no absolute tolerance fits every integral).
    func integrateUpWithError(from a: Double, relativeTolerance: Double = 1e-9, negligible: Double = 1e-150,
                              _ f: (Double) -> Double) throws -> (value: Double, error: Double) {
        guard a < upperTemperature else { return (0, 0) }
        let edges = (0...8).map { a * pow(upperTemperature / a, Double($0) / 8) }
        var pieces = [(Quadrature.Attempt, Double, Double)]()
        var total = 0.0
        for i in 0..<8 {
            // Each piece after the first asks for 1e-10 of the running total in absolute terms, so that pieces where Γ
            // is negligible do not chase a relative precision of nothing (floor 1e-150: below any N, I or n_b/T³).
            let q = Quadrature(absoluteTolerance: max(1e-10 * abs(total), 1e-150), relativeTolerance: relativeTolerance, workspaceLimit: 2000)
            let piece = try q.attempt(f, from: edges[i], to: edges[i + 1])
            pieces.append((piece, edges[i], edges[i + 1]))
            total += piece.value
        }
        var error = 0.0
        for (piece, lo, hi) in pieces {
            let acceptable = piece.succeeded
                || (piece.stoppedEarly && piece.estimatedError <= max(1e-3 * abs(piece.value), relativeTolerance * abs(total), negligible))
            guard acceptable else {
                throw GSLError(status: piece.status, context: "quadrature on [\(lo), \(hi)] (estimate \(piece.value) ± \(piece.estimatedError), total \(total))")
            }
            error += abs(piece.estimatedError)
        }
        return (total, error)
    }

    /// Expected number of bubbles per Hubble volume, N(T) = ∫_T dT' Γ/(T' H⁴).
    public func nucleatedBubbles(at T: Double) throws -> Double {
        try integrateUp(from: T, negligible: Self.negligibleCount) { t in rate(t) / (t * pow(hubble(t), 4)) }
    }

    /// I(T) = (4π/3) ∫_T dT' Γ(T')/(T'⁴ H(T')) [v_w ∫_T^{T'} dT''/H(T'')]³; P_f = e^{−I}.
    public func extendedVolume(at T: Double) throws -> Double { try extendedVolumeWithError(at: T).value }

    /// I(T) and the quadrature's estimated absolute error on it.
    public func extendedVolumeWithError(at T: Double) throws -> (value: Double, error: Double) {
        let qT = Q(T)
        let factor = 4 * Double.pi / 3 * pow(wallVelocity, 3)
        let r = try integrateUpWithError(from: T, negligible: Self.negligibleCount / factor) { t in
            let r = Q(t) - qT
            return rate(t) / (pow(t, 4) * hubble(t)) * r * r * r
        }
        return (factor * r.value, factor * r.error)
    }

    /// dI/dT = −4π v_w³ Q'(T) ∫_T dT' Γ/(T'⁴H) [Q(T') − Q(T)]², Q' = 1/H.
    public func extendedVolumeDerivative(at T: Double) throws -> Double {
        let qT = Q(T)
        let integral = try integrateUp(from: T) { t in
            let r = Q(t) - qT
            return rate(t) / (pow(t, 4) * hubble(t)) * r * r
        }
        return -4 * Double.pi * pow(wallVelocity, 3) / hubble(T) * integral
    }

    public func falseVacuumFraction(at T: Double) throws -> Double { exp(-(try extendedVolume(at: T))) }

    /// Physical bubble number density n_b(T) = T³ ∫_T dT' Γ P_f/(T'⁴ H) (GeV³). P_f(T') = e^{−I(T')} is
    /// tabulated on 120 log-spaced points above T and interpolated (I is smooth and monotone), so the
    /// nested integral costs ~120 evaluations of I instead of one per quadrature node.
    public func bubbleNumberDensity(at T: Double, includeFalseVacuumFraction: Bool = true) throws -> Double {
        // Nothing above the top of the range (and no table to make on an interval of zero width).
        guard upperTemperature / T - 1 > 1e-12 else { return 0 }
        var falseVacuum: Interpolant?
        if includeFalseVacuumFraction {
            let n = 120
            var xs = [Double](), ys = [Double]()
            for k in 0...n {
                let t = T * pow(upperTemperature / T, Double(k) / Double(n))
                xs.append(log(t)); ys.append(try extendedVolume(at: t))
            }
            falseVacuum = try Interpolant(x: xs, y: ys, kind: .steffen)
        }
        let total = try integrateUp(from: T, relativeTolerance: 1e-8) { t in
            let pf = falseVacuum.map { exp(-$0(log(t))) } ?? 1
            return self.rate(t) * pf / (pow(t, 4) * self.hubble(t))
        }
        return pow(T, 3) * total
    }

    /// The temperature where `f` (decreasing in T) crosses `level`, scanning down from the top; nil if never.
    func solveDecreasing(_ f: (Double) throws -> Double, level: Double) throws -> Double? {
        let n = 60
        var upper = upperTemperature
        if try f(upper) >= level { return upper }
        for k in 1...n {
            let T = upperTemperature * pow(lowerTemperature / upperTemperature, Double(k) / Double(n))
            let value = try f(T)
            if value >= level {
                return try RootFinder(absoluteTolerance: 0, relativeTolerance: 1e-12).root(ofThrowing: { try f($0) - level }, in: T, upper)
            }
            upper = T
        }
        return nil
    }

    /// T_n: N(T_n) = 1.
    public func nucleationTemperature() throws -> Double? { try solveDecreasing(nucleatedBubbles, level: 1) }
    /// Temperature where I(T) = level (T_p for 0.34, T_e for 1, T_f for ln 100).
    public func temperature(extendedVolume level: Double) throws -> Double? { try solveDecreasing(extendedVolume, level: level) }
}
