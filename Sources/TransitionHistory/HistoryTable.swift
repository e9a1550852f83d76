import Foundation
import SupercoolNumerics

/// The history integrals of `HistoryIntegrals` at every temperature in one pass down from T_upper: the nested integrals
/// N(T), I(T) and n_b(T) as a linear ODE system, integrated in x = ln(T/T_upper) (adaptive Prince–Dormand 8(9), relative
/// 1e-10; x near 0 keeps full double resolution when T_upper − T_lower is 1e-5 of T, as in weak transitions)
/// with the state kept at each accepted step. With f = Γ/(T'⁴H), Q' = 1/H and J_k(T) = ∫_T^{T_u} f [Q(T') − Q(T)]^k dT'
/// (the definitions of physics.md §5; Athron et al. 2305.02357 eqs. 4.2–4.6):
///
///     dJ_0/dT = −f,   dJ_k/dT = −k J_{k−1}/H (k = 1, 2, 3: the boundary term of d/dT vanishes),
///     I = (4π/3) v_w³ J_3,   dI/dT = −4π v_w³ J_2/H,   dN/dT = −Γ/(T H⁴),   d(n_b/T³)/dT = −f e^{−I}.
///
/// Going down in T every right-hand side is ≥ 0: the sums accumulate without cancellation (expanding [Q' − Q]³ into
/// moments would cancel catastrophically near T). One pass replaces the ~250 separate quadratures of the
/// root searches (T_n, T_p, T_e, T_f) and of n_b's P_f table; `HistoryIntegrals`' pointwise quadratures stay as the
/// independent check (tests; the reported error of I(T_p)).
public struct HistoryTable: Sendable {
    public let integrals: HistoryIntegrals
    /// ln(T/T_upper) at the accepted steps, from 0 down to ln(T_lower/T_upper), and the state there:
    /// (N, J_0, J_1, J_2, J_3, n_b/T³, 0, 0).
    let logT: [Double]
    let states: [SIMD8<Double>]
    let integrator: AdaptiveODEIntegrator
    /// Typical passes take 100–800 steps; a pass that needs more meets rate noise it cannot resolve (below).
    static let maxSteps = 20_000

    /// `relativeTolerance` per step on every component, above each one's negligible level: N and I below 1e-14 do not
    /// matter next to the levels they are compared with (1, the percolation threshold); since [Q(T') − Q(T)] ≤ ΔQ =
    /// Q(T_upper) − Q(T_lower), J_k ≥ J_3/ΔQ^{3−k}, so a floor of (J_3's floor)/ΔQ^{3−k} on J_k (and J_0's on n_b/T³ ≤ J_0)
    /// is at least as strict as J_3's. (Without such floors the step control
    /// chases the rounding of subnormal numbers where Γ ≈ 1e-320 turns on, and stalls.)
    public init(_ integrals: HistoryIntegrals, relativeTolerance: Double = 1e-10) throws {
        self.integrals = integrals
        let negligible = HistoryIntegrals.negligibleCount
        let volume = 4 * Double.pi / 3 * pow(integrals.wallVelocity, 3)
        let range = max(integrals.Q(integrals.upperTemperature), 1)
        let j3 = negligible / volume
        var integrator = AdaptiveODEIntegrator(absoluteTolerance: 1, relativeTolerance: relativeTolerance, maxSteps: Self.maxSteps)
        integrator.absoluteScales = [negligible, j3 / pow(range, 3), j3 / (range * range), j3 / range, j3, j3 / pow(range, 3), 1, 1]
        self.integrator = integrator
        let xUpper = 0.0, xLower = log(integrals.lowerTemperature / integrals.upperTemperature)
        var xs = [xUpper], ys = [SIMD8<Double>()]
        if xLower < xUpper {
            let rhs = Self.rightHandSide(integrals)
            let outcome = try integrator.integrate(from: xUpper, SIMD8<Double>(), to: xLower, initialStep: -1e-3 * max(xUpper - xLower, 1e-12),
                                                   rhs: rhs) { x, y in xs.append(x); ys.append(y); return .proceed }
            if xs.last! > xLower { xs.append(outcome.t); ys.append(outcome.state) }
        }
        logT = xs
        states = ys
    }

    /// d/dx of (N, J_0, J_1, J_2, J_3, n_b/T³) with x = ln(T/T_upper) (each d/dT times T).
    static func rightHandSide(_ h: HistoryIntegrals) -> (Double, SIMD8<Double>) -> SIMD8<Double> {
        let rate = h.rate, hubble = h.hubble, top = h.upperTemperature
        let volume = 4 * Double.pi / 3 * pow(h.wallVelocity, 3)
        return { x, y in
            let T = top * exp(x)
            let gamma = rate(T), H = hubble(T)
            let tf = gamma / (T * T * T * H)          // T f
            let tOverH = T / H
            let H2 = H * H
            let r = SIMD8(-gamma / (H2 * H2), -tf, -tOverH * y[1], -2 * tOverH * y[2], -3 * tOverH * y[3],
                         -tf * exp(-volume * y[4]), 0, 0)
            return r
        }
    }

    public var upperTemperature: Double { integrals.upperTemperature }
    public var lowerTemperature: Double { integrals.lowerTemperature }

    /// The state at T (within [T_lower, T_upper]): from the nearest stored step above T, integrated down to T.
    func state(at T: Double) throws -> SIMD8<Double> {
        let x = log(T / upperTemperature)
        guard x < logT[0] else { return states[0] }
        // logT decreases: the last index with logT[k] ≥ x.
        var lo = 0, hi = logT.count - 1
        if x <= logT[hi] { return states[hi] }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if logT[mid] >= x { lo = mid } else { hi = mid }
        }
        if logT[lo] == x { return states[lo] }
        let step = x - logT[lo]
        return try integrator.integrate(from: logT[lo], states[lo], to: x, initialStep: step,
                                        rhs: Self.rightHandSide(integrals)) { _, _ in .proceed }.state
    }

    var volumeFactor: Double { 4 * Double.pi / 3 * pow(integrals.wallVelocity, 3) }

    /// N(T), bubbles nucleated per Hubble volume above T (without P_f, as `HistoryIntegrals.nucleatedBubbles`).
    public func nucleatedBubbles(at T: Double) throws -> Double { try state(at: T)[0] }
    /// I(T); P_f = e^{−I}.
    public func extendedVolume(at T: Double) throws -> Double { volumeFactor * (try state(at: T)[4]) }
    /// dI/dT = −4π v_w³ J_2/H.
    public func extendedVolumeDerivative(at T: Double) throws -> Double {
        -4 * Double.pi * pow(integrals.wallVelocity, 3) * (try state(at: T)[3]) / integrals.hubble(T)
    }
    /// n_b(T) = T³ ∫_T dT' Γ P_f/(T'⁴H) (GeV³).
    public func bubbleNumberDensity(at T: Double) throws -> Double { pow(T, 3) * (try state(at: T)[5]) }

    /// T_n: N(T_n) = 1.
    public func nucleationTemperature() throws -> Double? { try crossing(level: 1) { $0[0] } }
    /// The highest T where I(T) = level (T_p for the percolation threshold, T_e for 1, T_f for ln(1/P_f)); nil if I stays below.
    public func temperature(extendedVolume level: Double) throws -> Double? {
        let c = volumeFactor
        return try crossing(level: level) { c * $0[4] }
    }

    /// Where a component (increasing as T falls) first reaches `level`: bracketed by the stored steps, then Brent in T
    /// (relative 1e-12) on the re-integrated state.
    func crossing(level: Double, _ value: (SIMD8<Double>) -> Double) throws -> Double? {
        guard let k = states.firstIndex(where: { value($0) >= level }) else { return nil }
        if k == 0 { return upperTemperature }
        return try RootFinder(absoluteTolerance: 0, relativeTolerance: 1e-12).root(
            ofThrowing: { T in value(try state(at: T)) - level }, in: upperTemperature * exp(logT[k]), upperTemperature * exp(logT[k - 1]))
    }
}

/// The ODE pass where it converges, the pointwise quadratures of `HistoryIntegrals` where it does not: in the weakest
/// transitions (T_c − T_0 ~ 1e-5 T_c) S3/T falls by thousands within 1e-7 in ln T, so the rounding of ln T alone moves
/// Γ by ~1e-4 relative, noise the ODE's 1e-10 step control cannot get below (it stalls); adaptive quadrature only asks
/// for the integrals' own tolerance and copes (the domain sweep's weak points, DomainRobustnessTests).
struct HistoryEvaluator {
    let table: HistoryTable?
    let integrals: HistoryIntegrals

    init(_ integrals: HistoryIntegrals) {
        self.integrals = integrals
        table = try? HistoryTable(integrals)
    }

    private func either<T>(_ fast: (HistoryTable) throws -> T, _ slow: (HistoryIntegrals) throws -> T) throws -> T {
        if let table, let value = try? fast(table) { return value }
        return try slow(integrals)
    }

    func nucleationTemperature() throws -> Double? { try either({ try $0.nucleationTemperature() }, { try $0.nucleationTemperature() }) }
    func temperature(extendedVolume level: Double) throws -> Double? {
        try either({ try $0.temperature(extendedVolume: level) }, { try $0.temperature(extendedVolume: level) })
    }
    func extendedVolume(at T: Double) throws -> Double { try either({ try $0.extendedVolume(at: T) }, { try $0.extendedVolume(at: T) }) }
    func extendedVolumeDerivative(at T: Double) throws -> Double {
        try either({ try $0.extendedVolumeDerivative(at: T) }, { try $0.extendedVolumeDerivative(at: T) })
    }
    func bubbleNumberDensity(at T: Double) throws -> Double { try either({ try $0.bubbleNumberDensity(at: T) }, { try $0.bubbleNumberDensity(at: T) }) }
}
