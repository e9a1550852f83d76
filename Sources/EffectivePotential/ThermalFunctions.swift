import SupercoolNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one-loop thermal functions
///
///     J_B(y) = ∫₀^∞ dx x² ln(1 − e^{−√(x²+y)}),   J_F(y) = ∫₀^∞ dx x² ln(1 + e^{−√(x²+y)}),
///
/// with y = m²/T², so that V_T = T⁴/(2π²) [Σ_b n_b J_B(y_b) − Σ_f n_f J_F(y_f)]
/// (Quirós, hep-ph/9901312, eq. 157; physics.md §2). For y < 0 (tachyonic masses) J_B is complex
/// and its real part is meant, as for the one-loop potential itself.
///
/// Evaluation is fast and accurate to about 1e-12 relative (tests: ≤ 1e-8 against quadrature):
/// - |y| ≤ 4: the convergent high-temperature series (radius 4π² for J_B, π² for J_F),
///   evaluated directly. J_B = −π⁴/45 + π²y/12 − π y^{3/2}/6 − y²/32 ln(|y|/a_b)
///   − 2π^{7/2} Σ_{l≥1} (−1)^l ζ(2l+1) Γ(l+½)/(l+2)! (y/4π²)^{l+2}, ln a_b = 2 ln 4π − 2γ_E + 3/2
///   (Dolan & Jackiw 1974; Anderson & Hall, PRD 45 (1992) 2685; the normalisation of the sum was
///   checked against quadrature to 30 digits, see the tests).
/// - y > 4: Chebyshev fits in s = √y of e^{s} J(s²), made from the exact Bessel series
///   J_B = −Σ_n y K₂(n√y)/n², J_F = Σ_n (−1)^{n+1} y K₂(n√y)/n².
/// - −(2πN)² ≤ y < −4: Chebyshev fits between consecutive Matsubara branch points
///   y = −(2πn)², where Re J_B has (y + 4π²n²)^{3/2} cusps; in u = √(y − y_left) each piece is
///   analytic. The fits are made from direct quadrature.
/// - Beyond the tables: direct evaluation (Bessel series / quadrature), slower but exact.
public struct ThermalFunctions: Sendable {
    /// A shared, immutable instance (built once, on first use; the build takes a fraction of a second).
    public static let standard: ThermalFunctions = {
        do { return try ThermalFunctions() } catch { fatalError("thermal function tables could not be built: \(error)") }
    }()

    /// Deepest tabulated y (more negative values are evaluated by quadrature).
    public static let matsubaraSegments = 16
    public static let highTBoundary = 4.0
    static let largeS = 128.0

    private struct Piece: Sendable {
        let lower: Double, upper: Double   // in y
        let value: ChebyshevSeries          // in the piece's own variable
        let derivative: ChebyshevSeries     // dJ/dy, in the same variable
    }

    private let bosonNegative: [Piece]      // y from −(2πN)² to −4, ordered by decreasing y
    private let bosonPositive: [Piece]      // y from 4 to largeS², in s = √y, storing e^s J
    private let fermionPositive: [Piece]
    private let bosonSeries: [Double]       // coefficients of (y/4π²)^{l+2}, l = 1...
    private let fermionSeries: [Double]     // coefficients of (y/π²)^{l+2}

    static let eulerGamma = 0.57721566490153286061
    static let lnAb = 2 * log(4 * Double.pi) - 2 * eulerGamma + 1.5   // ≈ 5.4076
    static let lnAf = 2 * log(Double.pi) - 2 * eulerGamma + 1.5       // ≈ 2.6351

    public init() throws {
        var bs = [Double](), fs = [Double]()
        var factorial = 2.0 // (l+2)! for l = 0
        for l in 1...30 {
            factorial *= Double(l + 2)
            let common = pow(-1.0, Double(l)) * (try SpecialFunctions.zeta(Double(2 * l + 1)))
                * (try SpecialFunctions.gamma(Double(l) + 0.5)) / factorial
            bs.append(-2 * pow(Double.pi, 3.5) * common)
            fs.append(-pow(Double.pi, 3.5) / 4 * common * (1 - pow(2.0, Double(-2 * l - 1))))
        }
        bosonSeries = bs
        fermionSeries = fs

        // y > 4: e^s J(s²) in s on octave-wide pieces.
        func positivePieces(_ exact: (Double) throws -> Double, from s0: Double) throws -> [Piece] {
            var pieces = [Piece]()
            var a = s0
            while a < Self.largeS {
                let b = min(2 * a, Self.largeS)
                let value = try Self.adaptiveFit({ s in try exact(s * s) * exp(s) }, a, b)
                let dv = value.derivative()
                // dJ/dy = e^{−s} (h'(s) − h(s)) / (2s); stored as a function of s times e^{s}.
                let derivative = ChebyshevSeries(fitting: { s in (dv(s) - value(s)) / (2 * s) }, on: a, b, order: value.coefficients.count + 4)
                pieces.append(Piece(lower: a * a, upper: b * b, value: value, derivative: derivative))
                a = b
            }
            return pieces
        }
        bosonPositive = try positivePieces(Self.bosonBesselSeries, from: 2)
        fermionPositive = try positivePieces(Self.fermionBesselSeries, from: 2)

        // −(2πN)² ≤ y < −4: pieces between Matsubara branch points, variable u = √(y − y_left).
        var negative = [Piece]()
        for n in 0..<Self.matsubaraSegments {
            let right = n == 0 ? -Self.highTBoundary : -pow(2 * Double.pi * Double(n), 2)
            let left = -pow(2 * Double.pi * Double(n + 1), 2)
            let width = sqrt(right - left)
            let value = try Self.adaptiveFit({ u in try Self.bosonQuadrature(left + u * u) }, 0, width)
            let dv = value.derivative()
            let derivative = ChebyshevSeries(fitting: { u in dv(u) / (2 * u) }, on: 0, width, order: value.coefficients.count + 4)
            negative.append(Piece(lower: left, upper: right, value: value, derivative: derivative))
        }
        bosonNegative = negative
    }

    /// Chebyshev fit whose order is raised until the tail coefficients are negligible.
    static func adaptiveFit(_ f: (Double) throws -> Double, _ a: Double, _ b: Double) throws -> ChebyshevSeries {
        var best: ChebyshevSeries?
        for order in [24, 36, 48, 64, 80] {
            let series = try ChebyshevSeries(fitting: f, on: a, b, order: order)
            let scale = max(series.coefficients.map(abs).max() ?? 1, 1e-300)
            best = series
            if series.tailMagnitude < 2e-15 * scale { break }
        }
        return best!
    }

    // MARK: Fast evaluation

    /// Re J_B(y).
    @inline(__always)
    public func bosonic(_ y: Double) -> Double { bosonicWithDerivative(y).value }

    /// Re J_B(y) and d Re J_B/dy.
    public func bosonicWithDerivative(_ y: Double) -> (value: Double, derivative: Double) {
        if abs(y) <= Self.highTBoundary {
            return highT(y, coefficients: bosonSeries, scale: 4 * Double.pi * Double.pi,
                         constant: -pow(Double.pi, 4) / 45, linear: Double.pi * Double.pi / 12,
                         threeHalves: -Double.pi / 6, lnA: Self.lnAb)
        }
        if y > 0 {
            let s = y.squareRoot()
            if s >= Self.largeS { return Self.directBosonic(y) }
            return evaluatePositive(bosonPositive, s: s)
        }
        // y < −4
        for piece in bosonNegative where y >= piece.lower {
            let u = (y - piece.lower).squareRoot()
            return (piece.value(u), piece.derivative(u))
        }
        return Self.directBosonic(y)
    }

    /// J_F(y) for y ≥ 0 (fermion masses squared are non-negative; y < 0 is clamped to 0).
    public func fermionic(_ y: Double) -> Double { fermionicWithDerivative(y).value }

    public func fermionicWithDerivative(_ y: Double) -> (value: Double, derivative: Double) {
        let y = max(y, 0)
        if y <= Self.highTBoundary {
            return highT(y, coefficients: fermionSeries, scale: Double.pi * Double.pi,
                         constant: 7 * pow(Double.pi, 4) / 360, linear: -Double.pi * Double.pi / 24,
                         threeHalves: 0, lnA: Self.lnAf)
        }
        let s = y.squareRoot()
        if s >= Self.largeS {
            let v = (try? Self.fermionBesselSeries(y)) ?? 0
            let h = 1e-6 * y
            let d = (((try? Self.fermionBesselSeries(y + h)) ?? 0) - ((try? Self.fermionBesselSeries(y - h)) ?? 0)) / (2 * h)
            return (v, d)
        }
        return evaluatePositive(fermionPositive, s: s)
    }

    @inline(__always)
    private func evaluatePositive(_ pieces: [Piece], s: Double) -> (value: Double, derivative: Double) {
        let y = s * s
        for piece in pieces where y <= piece.upper {
            let damping = exp(-s)
            return (piece.value(s) * damping, piece.derivative(s) * damping)
        }
        let last = pieces[pieces.count - 1]
        let damping = exp(-s)
        return (last.value(s) * damping, last.derivative(s) * damping)
    }

    /// c0 + c1 y + c32 y^{3/2}θ(y) − y²/32 ln(|y|/a) + Σ_l c_l (y/scale)^{l+2}, and its y-derivative.
    @inline(__always)
    private func highT(_ y: Double, coefficients: [Double], scale: Double, constant: Double, linear: Double,
                       threeHalves: Double, lnA: Double) -> (value: Double, derivative: Double) {
        var value = constant + linear * y
        var derivative = linear
        if y > 0 && threeHalves != 0 {
            let r = y.squareRoot()
            value += threeHalves * y * r
            derivative += 1.5 * threeHalves * r
        }
        if y != 0 {
            let l = log(abs(y)) - lnA
            value -= y * y / 32 * l
            derivative -= y / 16 * l + y / 32
        }
        // Horner in x = y/scale for Σ_{l≥1} c_l x^{l+2} = x³ Σ c_l x^{l−1}.
        let x = y / scale
        var p = 0.0, dp = 0.0
        var k = coefficients.count - 1
        while k >= 0 {
            dp = dp * x + p
            p = p * x + coefficients[k]
            k -= 1
        }
        let x2 = x * x
        value += x2 * x * p
        derivative += (3 * x2 * p + x2 * x * dp) / scale
        return (value, derivative)
    }

    // MARK: Exact (slow) evaluations, used to build the tables and as test references

    /// J_B(y) = −Σ_{n≥1} y K₂(n√y)/n² for y > 0 (exact; converges like e^{−n√y}).
    public static func bosonBesselSeries(_ y: Double) throws -> Double {
        precondition(y > 0)
        let s = y.squareRoot()
        var sum = 0.0
        for n in 1...400 {
            let x = Double(n) * s
            let term = y * (try SpecialFunctions.besselKnScaled(2, x)) * exp(-x) / Double(n * n)
            sum += term
            if term < 1e-18 * abs(sum) { break }
        }
        return -sum
    }

    /// J_F(y) = Σ_{n≥1} (−1)^{n+1} y K₂(n√y)/n² for y > 0.
    public static func fermionBesselSeries(_ y: Double) throws -> Double {
        precondition(y > 0)
        let s = y.squareRoot()
        var sum = 0.0
        for n in 1...400 {
            let x = Double(n) * s
            let term = y * (try SpecialFunctions.besselKnScaled(2, x)) * exp(-x) / Double(n * n)
            sum += n % 2 == 1 ? term : -term
            if term < 1e-18 * abs(sum) { break }
        }
        return sum
    }

    /// Re J_B(y) by direct quadrature, any real y. For y < 0 the integral splits at x = √(−y):
    /// below, √(x²+y) = iθ and Re ln(1 − e^{−iθ}) = ln|2 sin(θ/2)|; the substitutions
    /// θ = √(−y−x²) and u = √(x²+y) remove the square-root end points, and the log zeros of
    /// sin(θ/2) at θ = 2πk are passed to QAGP as break points.
    public static func bosonQuadrature(_ y: Double, relativeTolerance: Double = 1e-12) throws -> Double {
        do { return try bosonQuadratureOnce(y, relativeTolerance: relativeTolerance) } catch let error as GSLError where error.status == 18 {
            // GSL_EROUND: the requested tolerance is below round-off for this y; accept a looser one.
            do { return try bosonQuadratureOnce(y, relativeTolerance: 100 * relativeTolerance) } catch let error as GSLError where error.status == 18 {
                return try bosonQuadratureOnce(y, relativeTolerance: 1e4 * relativeTolerance)
            }
        }
    }

    static func bosonQuadratureOnce(_ y: Double, relativeTolerance: Double) throws -> Double {
        let quad = Quadrature(absoluteTolerance: 1e-15, relativeTolerance: relativeTolerance, workspaceLimit: 2000)
        if y >= 0 { return try positiveQuadrature(y, relativeTolerance: relativeTolerance, sign: -1) }
        let a = (-y).squareRoot()
        let outer = try quad.integrate({ u in u * (u * u - y).squareRoot() * log(-expm1(-u)) }, from: 0).value
        // Integrate piecewise between the zeros θ = 2πk of sin(θ/2): each piece has only
        // integrable end-point logarithms, which QAGS extrapolates away.
        var edges = [0.0]
        var k = 1.0
        while 2 * Double.pi * k < a * (1 - 1e-9) { edges.append(2 * Double.pi * k); k += 1 }
        edges.append(a)
        // Split every piece at its midpoint too, so each QAGS call sees one singular end only;
        // |2 sin(θ/2)| = |2 sin(δ/2)| with δ the distance to the nearest 2πk keeps full precision.
        let integrand: (Double) -> Double = { theta in
            let x = max(-y - theta * theta, 0).squareRoot()
            let delta = theta - 2 * Double.pi * (theta / (2 * Double.pi)).rounded()
            return x * theta * log(abs(2 * sin(delta / 2)))
        }
        // Absolute target per piece on the scale of the whole integral (≈ a³), so that small pieces
        // do not chase a relative precision that round-off forbids.
        let pieceQuad = Quadrature(absoluteTolerance: relativeTolerance * max(a * a * a, 1) / Double(edges.count),
                                   relativeTolerance: relativeTolerance, workspaceLimit: 2000)
        var inner = 0.0
        for i in 0..<(edges.count - 1) {
            let mid = 0.5 * (edges[i] + edges[i + 1])
            for (lo, hi) in [(edges[i], mid), (mid, edges[i + 1])] {
                do { inner += try pieceQuad.integrate(integrand, from: lo, to: hi).value } catch is GSLError {
                    inner += try pieceQuad.integrateRobust(integrand, from: lo, to: hi).value
                }
            }
        }
        return outer + inner
    }

    /// J_F(y) by direct quadrature, y ≥ 0.
    public static func fermionQuadrature(_ y: Double, relativeTolerance: Double = 1e-12) throws -> Double {
        try positiveQuadrature(max(y, 0), relativeTolerance: relativeTolerance, sign: +1)
    }

    /// ∫_{√y}^∞ du u √(u²−y) ln(1 ∓ e^{−u}) for y ≥ 0, written with u = √y + t and the factor e^{−√y}
    /// pulled out so that the Boltzmann-suppressed values keep full relative precision.
    static func positiveQuadrature(_ y: Double, relativeTolerance: Double, sign: Double) throws -> Double {
        let s = y.squareRoot()
        let quad = Quadrature(absoluteTolerance: 0, relativeTolerance: relativeTolerance, workspaceLimit: 2000)
        let scaled = try quad.integrate({ t in
            let u = s + t
            // e^{s} ln(1 ∓ e^{−u}); for large s this tends to ∓e^{−t} without overflow.
            let logTerm = s > 30 ? log1p(sign * exp(-u)) / exp(-s) : log1p(sign * exp(-u)) * exp(s)
            return u * (t * (2 * s + t)).squareRoot() * logTerm
        }, from: 0).value
        return scaled * exp(-s)
    }

    /// Outside the tables: exact but slow. The derivative uses a symmetric difference of the exact value.
    static func directBosonic(_ y: Double) -> (value: Double, derivative: Double) {
        let f: (Double) -> Double = { y in
            (y > 0 ? try? bosonBesselSeries(y) : try? bosonQuadrature(y, relativeTolerance: 1e-11)) ?? .nan
        }
        let h = 1e-5 * abs(y)
        return (f(y), (f(y + h) - f(y - h)) / (2 * h))
    }
}
