import _CGSL

/// Bracketing root finder (GSL Brent) for a continuous scalar function.
public struct RootFinder: Sendable {
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    public var maxIterations: Int

    public init(absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-12, maxIterations: Int = 200) {
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.maxIterations = maxIterations
    }

    /// A root of `f` in [lower, upper]; f(lower) and f(upper) must differ in sign.
    public func root(of f: (Double) -> Double, in lower: Double, _ upper: Double) throws -> Double {
        let fl = f(lower), fu = f(upper)
        guard fl.isFinite, fu.isFinite else { throw NumericalError("root finder: non-finite value at the bracket ends") }
        if fl == 0 { return lower }
        if fu == 0 { return upper }
        guard (fl < 0) != (fu < 0) else {
            throw NumericalError("root finder: f(\(lower)) = \(fl) and f(\(upper)) = \(fu) have the same sign")
        }
        return try withGSLFunction(f) { fn in
            guard let solver = gsl_root_fsolver_alloc(cgsl_root_brent()) else {
                throw GSLError(status: Int32(GSL_ENOMEM), context: "root solver")
            }
            defer { gsl_root_fsolver_free(solver) }
            try check(gsl_root_fsolver_set(solver, fn, lower, upper), "root solver set-up")
            for _ in 0..<maxIterations {
                try check(gsl_root_fsolver_iterate(solver), "root solver iteration")
                let lo = gsl_root_fsolver_x_lower(solver), hi = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    return gsl_root_fsolver_root(solver)
                }
            }
            throw GSLError(status: Int32(GSL_EMAXITER), context: "root solver after \(maxIterations) iterations")
        }
    }
}

extension RootFinder {
    /// A root of a throwing `f` in [lower, upper]: an error thrown by `f` is rethrown as itself (not as the
    /// root finder's "bad function" that follows from it).
    public func root(ofThrowing f: (Double) throws -> Double, in lower: Double, _ upper: Double) throws -> Double {
        var thrown: Error?
        let value: Double
        do {
            value = try root(of: { x in
                if thrown != nil { return .nan }
                do { return try f(x) } catch { thrown = error; return .nan }
            }, in: lower, upper)
        } catch {
            throw thrown ?? error
        }
        if let thrown { throw thrown }
        return value
    }

    /// A root of `f` above `lower` (where f(lower) must be finite and non-zero): the upper end starts at
    /// `lower`·`factor` and grows by `factor` until f changes sign, at most `maxExpansions` times.
    public func rootExpandingUpward(of f: (Double) throws -> Double, from lower: Double, factor: Double = 10,
                                    maxExpansions: Int = 60) throws -> Double {
        precondition(lower > 0 && factor > 1)
        let fLower = try f(lower)
        guard fLower.isFinite else { throw NumericalError("root finder: f(\(lower)) = \(fLower) is not finite") }
        if fLower == 0 { return lower }
        var a = lower, b = lower * factor
        for _ in 0..<maxExpansions {
            let fb = try f(b)
            guard fb.isFinite else { throw NumericalError("root finder: f(\(b)) = \(fb) is not finite while bracketing upward from \(lower)") }
            if (fb < 0) != (fLower < 0) || fb == 0 { return try root(ofThrowing: f, in: a, b) }
            a = b; b *= factor
        }
        throw NumericalError("root finder: no sign change of f between \(lower) and \(a) (f(\(lower)) = \(fLower))")
    }
}

/// Bisection on a predicate: the boundary between where it holds and where it does not, for functions that have
/// no useful value to hand to Brent (a phase that exists or not, a transition that completes or not).
public enum Bisection {
    /// Shrinks [holds, fails] (either order) `steps` times, keeping `predicate(holds) == true` and
    /// `predicate(fails) == false` at the ends, and returns the final pair. Throws what the predicate throws.
    public static func boundary(holds: Double, fails: Double, steps: Int, stop: (Double, Double) -> Bool = { _, _ in false },
                                _ predicate: (Double) throws -> Bool) rethrows -> (holds: Double, fails: Double) {
        let edge = try boundary(holds: (holds, ()), fails: (fails, ()), steps: steps, stop: stop) { (try predicate($0), ()) }
        return (edge.holds.x, edge.fails.x)
    }

    /// The same, carrying what each evaluation produced (a payload) with the two ends; `stop(holds, fails)` ends the
    /// halving early (e.g. once the bracket is a few ulps or a tolerance wide).
    public static func boundary<Payload>(holds: (x: Double, payload: Payload), fails: (x: Double, payload: Payload), steps: Int,
                                         stop: (Double, Double) -> Bool = { _, _ in false },
                                         _ classify: (Double) throws -> (holds: Bool, payload: Payload)) rethrows
        -> (holds: (x: Double, payload: Payload), fails: (x: Double, payload: Payload)) {
        var a = holds, b = fails
        for _ in 0..<steps {
            let mid = 0.5 * (a.x + b.x)
            let c = try classify(mid)
            if c.holds { a = (mid, c.payload) } else { b = (mid, c.payload) }
            if stop(a.x, b.x) { break }
        }
        return (a, b)
    }
}

/// Golden-section search for the maximum of a unimodal function on [lower, upper] (Kiefer 1953): `iterations`
/// shrinkings by 1/φ; returns the final bracket's midpoint and the function there.
public enum GoldenSection {
    public static func maximum(of f: (Double) -> Double, lower: Double, upper: Double, iterations: Int = 40) -> (x: Double, value: Double) {
        var lo = lower, hi = upper
        let g = (5.0.squareRoot() - 1) / 2
        for _ in 0..<iterations {
            let a = hi - g * (hi - lo), b = lo + g * (hi - lo)
            if f(a) > f(b) { hi = b } else { lo = a }
        }
        let x = 0.5 * (lo + hi)
        return (x, f(x))
    }
}

/// Bracketed one-dimensional minimiser (GSL Brent).
/// Near a minimum f(x) − f_min ∝ (x − x_min)², so x is only determined to ~√ε ≈ 1.5e-8 relative (times
/// √(f/(f″x²))): the default 1e-7 is reachable; tighter ones end in GSL_EMAXITER (GSL manual, "One Dimensional Minimization").
public struct Minimizer: Sendable {
    public var absoluteTolerance: Double
    public var relativeTolerance: Double
    public var maxIterations: Int

    public init(absoluteTolerance: Double = 0, relativeTolerance: Double = 1e-7, maxIterations: Int = 200) {
        self.absoluteTolerance = absoluteTolerance
        self.relativeTolerance = relativeTolerance
        self.maxIterations = maxIterations
    }

    /// Minimum of `f` in (lower, upper) given a guess with f(guess) below both ends.
    public func minimum(of f: (Double) -> Double, lower: Double, guess: Double, upper: Double) throws -> (x: Double, value: Double) {
        try withGSLFunction(f) { fn in
            guard let solver = gsl_min_fminimizer_alloc(cgsl_min_brent()) else {
                throw GSLError(status: Int32(GSL_ENOMEM), context: "minimiser")
            }
            defer { gsl_min_fminimizer_free(solver) }
            try check(gsl_min_fminimizer_set(solver, fn, guess, lower, upper), "minimiser set-up (guess must be below both ends)")
            for _ in 0..<maxIterations {
                try check(gsl_min_fminimizer_iterate(solver), "minimiser iteration")
                let lo = gsl_min_fminimizer_x_lower(solver), hi = gsl_min_fminimizer_x_upper(solver)
                if gsl_min_test_interval(lo, hi, absoluteTolerance, relativeTolerance) == Int32(GSL_SUCCESS) {
                    return (gsl_min_fminimizer_x_minimum(solver), gsl_min_fminimizer_f_minimum(solver))
                }
            }
            throw GSLError(status: Int32(GSL_EMAXITER), context: "minimiser after \(maxIterations) iterations")
        }
    }
}

/// Root search for an expensive function, one evaluation at a time: the caller evaluates, `record`s and asks for the
/// `next` point, so it can change how it evaluates (e.g. tighten a tolerance) between steps. Secant steps through the
/// two newest points (superlinear for a smooth root); once both signs have been seen they are safeguarded by the
/// bracket (Dekker 1969): a secant step outside it gives way to Illinois regula falsi (Dowell & Jarratt 1971), and two
/// steps in a row that do not halve the smallest |f| to a bisection. A bracket end may be a bound whose sign alone is
/// known (`recordBound`).
public struct SecantRootSearch: Sendable {
    public struct Point: Sendable, Equatable {
        public let x: Double
        public let f: Double
    }
    /// The two newest evaluated points, newest first.
    public private(set) var newest: [Point] = []
    /// The evaluated point with the smallest |f|.
    public private(set) var best: Point?
    /// The bracket's ends: the newest x with f > 0 and with f < 0 (value nil for a bound).
    public private(set) var positiveEnd: (x: Double, f: Double?)?
    public private(set) var negativeEnd: (x: Double, f: Double?)?
    /// Consecutive records that did not halve the smallest |f| (`next` bisects at two, and starts counting again).
    public private(set) var stalls = 0
    private var lastSide = 0
    private var positiveWeight = 1.0, negativeWeight = 1.0

    public init() {}

    public var hasBracket: Bool { positiveEnd != nil && negativeEnd != nil }
    /// |x₊ − x₋| once both signs have been seen.
    public var bracketWidth: Double? {
        guard let p = positiveEnd, let n = negativeEnd else { return nil }
        return abs(p.x - n.x)
    }

    /// Records f(x). A zero ends the search (`next` returns nil); a non-finite x or f is ignored.
    public mutating func record(x: Double, f: Double) {
        guard x.isFinite, f.isFinite else { return }
        let improved = best.map { abs(f) <= 0.5 * abs($0.f) } ?? true
        stalls = improved ? 0 : stalls + 1
        let point = Point(x: x, f: f)
        if best == nil || abs(f) < abs(best!.f) { best = point }
        newest = [point] + newest.prefix(1)
        setEnd(x: x, f: f, positive: f > 0, zero: f == 0)
    }

    /// Records that f has the given sign at x, its value unknown (a bracket end only).
    public mutating func recordBound(x: Double, positive: Bool) {
        setEnd(x: x, f: nil, positive: positive, zero: false)
    }

    private mutating func setEnd(x: Double, f: Double?, positive: Bool, zero: Bool) {
        guard !zero else { return }
        // Illinois: the same end replaced twice in a row halves the weight of the other end.
        if positive {
            positiveEnd = (x, f)
            if lastSide == 1 { negativeWeight *= 0.5 }
            positiveWeight = 1
            lastSide = 1
        } else {
            negativeEnd = (x, f)
            if lastSide == -1 { positiveWeight *= 0.5 }
            negativeWeight = 1
            lastSide = -1
        }
    }

    /// Slope of the secant through the two newest points (nil with fewer, or a zero or non-finite slope).
    public var secantSlope: Double? {
        guard newest.count == 2, newest[0].x != newest[1].x else { return nil }
        let slope = (newest[0].f - newest[1].f) / (newest[0].x - newest[1].x)
        return slope.isFinite && slope != 0 ? slope : nil
    }

    /// The next point to evaluate; nil once f = 0 was recorded or the bracket is a few ulps wide, and, before a
    /// bracket exists, when there is neither a secant that moves towards smaller |f| (at most 10 of its last steps far)
    /// nor a `slopeHint` for a Newton step: the caller must then bracket.
    public mutating func next(slopeHint: Double? = nil) -> Double? {
        guard let latest = newest.first else { return nil }
        if let b = best, b.f == 0 { return nil }
        guard let p = positiveEnd, let n = negativeEnd else {
            if let slope = secantSlope, abs(newest[0].f) < abs(newest[1].f) {
                let step = -latest.f / slope
                if step.isFinite && abs(step) <= 10 * abs(newest[0].x - newest[1].x) { return latest.x + step }
            }
            if let slope = slopeHint, slope != 0, slope.isFinite {
                let x = latest.x - latest.f / slope
                if x.isFinite { return x }
            }
            return nil
        }
        let lower = min(p.x, n.x), upper = max(p.x, n.x)
        if upper - lower <= 4 * Double.ulpOfOne * max(1, abs(lower), abs(upper)) { return nil }
        if stalls >= 2 {
            stalls = 0
            return 0.5 * (lower + upper)
        }
        if let slope = secantSlope {
            let x = latest.x - latest.f / slope
            if x > lower && x < upper { return x }
        }
        if let fp = p.f, let fn = n.f {
            let wp = fp * positiveWeight, wn = fn * negativeWeight
            let x = (p.x * wn - n.x * wp) / (wn - wp)
            if x > lower && x < upper { return x }
        }
        return 0.5 * (lower + upper)
    }
}
