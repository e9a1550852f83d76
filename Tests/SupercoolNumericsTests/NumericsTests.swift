import Testing
import Foundation
@testable import SupercoolNumerics

/// The GSL wrappers against closed forms, and their failures as Swift errors (never an abort).
@Suite struct QuadratureTests {
    @Test func closedForms() throws {
        let q = Quadrature(relativeTolerance: 1e-12)
        #expect(abs(try q.integrate({ sin($0) }, from: 0, to: .pi).value - 2) < 1e-13)
        // Integrable end-point singularity: ∫₀¹ x^{-1/2} dx = 2 (QAGS extrapolation).
        #expect(abs(try q.integrate({ 1 / $0.squareRoot() }, from: 0, to: 1).value - 2) < 1e-10)
        // ∫₀^∞ e^{-x²} dx = √π/2 (QAGIU).
        #expect(abs(try q.integrate({ exp(-$0 * $0) }, from: 0).value - Double.pi.squareRoot() / 2) < 1e-12)
        // CQUAD: ∫₀¹ ln x dx = −1.
        #expect(abs(try q.integrateRobust({ log($0) }, from: 0, to: 1).value + 1) < 1e-10)
    }

    @Test func divergentIntegralIsAnError() {
        // ∫₀¹ dx/x diverges: GSL reports it; the wrapper throws instead of aborting or returning a number.
        #expect(throws: GSLError.self) { try Quadrature().integrate({ 1 / $0 }, from: 0, to: 1) }
    }
}

@Suite struct RootAndMinimumTests {
    @Test func dottieNumber() throws {
        // The unique real root of cos x = x (the Dottie number).
        let x = try RootFinder().root(of: { cos($0) - $0 }, in: 0, 1)
        #expect(abs(x - 0.7390851332151607) < 1e-12)
    }

    @Test func badBracketsAreErrors() {
        #expect(throws: NumericalError.self) { try RootFinder().root(of: { $0 * $0 + 1 }, in: -1, 1) }
        #expect(throws: NumericalError.self) { try RootFinder().root(of: { _ in .nan }, in: 0, 1) }
    }

    @Test func parabola() throws {
        let m = try Minimizer().minimum(of: { ($0 - 2) * ($0 - 2) + 1 }, lower: 0, guess: 1.5, upper: 5)
        #expect(abs(m.x - 2) < 1e-6 && abs(m.value - 1) < 1e-14)
        // A guess above an end point is rejected by GSL: an error, not an abort.
        #expect(throws: GSLError.self) { try Minimizer().minimum(of: { $0 }, lower: 0, guess: 0.5, upper: 1) }
    }
}

@Suite struct SecantRootSearchTests {
    /// Drives the search on f from a bracket; returns the evaluations spent and the final best point.
    func solve(_ f: (Double) -> Double, lower: Double, upper: Double, tolerance: Double, limit: Int = 100) -> (evaluations: Int, best: Double) {
        var search = SecantRootSearch()
        search.record(x: upper, f: f(upper))
        search.record(x: lower, f: f(lower))
        var evaluations = 2
        while let b = search.best, abs(b.f) > tolerance, evaluations < limit, let x = search.next() {
            search.record(x: x, f: f(x))
            evaluations += 1
        }
        return (evaluations, search.best!.x)
    }

    @Test func linearFunctionInOneStep() {
        // The secant through two points of a straight line is its root: one evaluation beyond the bracket's two.
        let r = solve({ 3 * ($0 - 0.3) }, lower: -2, upper: 5, tolerance: 1e-14)
        #expect(r.evaluations == 3 && abs(r.best - 0.3) < 1e-15)
    }

    @Test func smoothRootSuperlinearly() {
        // cos x = x: secant order 1.618; from [0, 1] to 1e-14 in under 10 evaluations.
        let r = solve({ cos($0) - $0 }, lower: 0, upper: 1, tolerance: 1e-14)
        #expect(r.evaluations <= 10 && abs(r.best - 0.7390851332151607) < 1e-13)
    }

    @Test func kinkAndFlatSideStillConverge() {
        // Slopes 1 and 1000 on the two sides, and x³ (a triple root) for the Illinois and bisection safeguards.
        let kinked = solve({ $0 > 0.2 ? 1000 * ($0 - 0.2) : $0 - 0.2 }, lower: -1, upper: 1, tolerance: 1e-12)
        #expect(abs(kinked.best - 0.2) < 1e-12 && kinked.evaluations < 60)
        let cubic = solve({ pow($0 - 0.1, 3) }, lower: -1, upper: 2, tolerance: 1e-30, limit: 400)
        #expect(abs(cubic.best - 0.1) < 1e-9)
    }

    @Test func boundsAndHints() {
        // A bound only bounds: with one valued point and no hint there is no step before a bracket, a Newton step with one.
        var search = SecantRootSearch()
        search.record(x: 2, f: 4)
        #expect(search.next() == nil)
        #expect(search.next(slopeHint: 2) == 0)
        search.recordBound(x: -1, positive: false)
        #expect(search.hasBracket && search.bracketWidth == 3)
        // With a bracket and a single point the regula falsi needs two values: bisection.
        #expect(search.next() == 0.5)
        search.record(x: 0.5, f: 0)
        #expect(search.next() == nil)
    }
}

@Suite struct ODETests {
    /// y'' = −y from (1, 0): after one period (1, 0) again, and the energy y² + y'² stays 1.
    @Test func harmonicOscillatorPeriod() throws {
        var maxEnergyError = 0.0
        let out = try AdaptiveODEIntegrator(absoluteTolerance: 1e-13, relativeTolerance: 1e-12).integrate(
            from: 0, SIMD4(1, 0, 0, 0), to: 2 * .pi, initialStep: 1e-3,
            rhs: { _, y in SIMD4(y[1], -y[0], 0, 0) },
            observer: { _, y in maxEnergyError = max(maxEnergyError, abs(y[0] * y[0] + y[1] * y[1] - 1)); return .proceed })
        #expect(!out.stoppedByObserver && abs(out.t - 2 * .pi) < 1e-15)
        #expect(abs(out.state[0] - 1) < 1e-10 && abs(out.state[1]) < 1e-10)
        #expect(maxEnergyError < 1e-10)
    }

    @Test func observerStopsAndLimitsHold() throws {
        // y' = 1: the observer stops the run once y ≥ 0.5.
        let stopped = try AdaptiveODEIntegrator().integrate(from: 0, SIMD4(0, 0, 0, 0), to: 10, initialStep: 0.01,
                                                            rhs: { _, _ in SIMD4(1, 0, 0, 0) },
                                                            observer: { _, y in y[0] >= 0.5 ? .stop : .proceed })
        #expect(stopped.stoppedByObserver && stopped.state[0] >= 0.5 && stopped.t < 10)
        // y' = y² from y(0) = 1 blows up at t = 1: a thrown error, not a NaN result or a hang.
        #expect(throws: (any Error).self) {
            try AdaptiveODEIntegrator(maxSteps: 10_000).integrate(from: 0, SIMD4(1, 0, 0, 0), to: 2, initialStep: 1e-3,
                                                                   rhs: { _, y in SIMD4(y[0] * y[0], 0, 0, 0) },
                                                                   observer: { _, _ in .proceed })
        }
    }
}

@Suite struct InterpolationAndSeriesTests {
    @Test func splineOfSine() throws {
        let xs = (0...200).map { Double($0) * .pi / 200 }
        let s = try Interpolant(x: xs, y: xs.map(sin))
        for t in stride(from: 0.1, to: 3.0, by: 0.37) {
            #expect(abs(s(t) - sin(t)) < 1e-8)
            #expect(abs(s.derivative(t) - cos(t)) < 1e-5)
        }
        #expect(abs(s.integral(from: 0, to: .pi) - 2) < 1e-8)
        #expect(abs(s.integral(from: .pi, to: 0) + 2) < 1e-8)
        // Linear interpolation is exact for linear data; outside the table the value is clamped.
        let l = try Interpolant(x: [0, 1, 3], y: [1, 3, 7], kind: .linear)
        #expect(abs(l(2.2) - 5.4) < 1e-15 && l(-1) == 1)
    }

    @Test func badTablesAreErrors() {
        #expect(throws: NumericalError.self) { try Interpolant(x: [0, 2, 1, 3], y: [0, 0, 0, 0]) }
        #expect(throws: NumericalError.self) { try Interpolant(x: [0, 1, 2], y: [0, .nan, 0]) }
        #expect(throws: NumericalError.self) { try Interpolant(x: [0, 1], y: [0, 1, 2]) }
    }

    @Test func chebyshevExponential() {
        // The truncation error of a degree-24 fit of e^x on [−1, 2] is ~0.75²⁴/24! ≈ 1e-27: what remains is
        // round-off, ~ε for the values and ~n²ε = 6e-13 for the derivative (Markov's inequality), and the
        // tail coefficients are round-off too (~ε · max |c_j|).
        let c = ChebyshevSeries(fitting: { exp($0) }, on: -1, 2, order: 24)
        let d = c.derivative()
        for x in stride(from: -1.0, through: 2.0, by: 0.125) {
            #expect(abs(c(x) / exp(x) - 1) < 1e-14)
            #expect(abs(d(x) / exp(x) - 1) < 5e-12)
        }
        #expect(c.tailMagnitude < 1e-14)
    }
}

@Suite struct SampleStatisticsTests {
    @Test func medianOfOddEvenAndNone() {
        #expect(SampleStatistics.median([3, 1, 2]) == 2)
        #expect(SampleStatistics.median([4, 1, 3, 2]) == 2.5)
        #expect(SampleStatistics.median([7]) == 7)
        #expect(SampleStatistics.median([]) == nil)
    }
}

/// The piecewise table's stored form: Chebyshev coefficients → powers of t, summed by Estrin's scheme.
@Suite struct PowerBasisTests {
    /// T_4 = 8t⁴ − 8t² + 1 and T_7 = 64t⁷ − 112t⁵ + 56t³ − 7t (exact integers).
    @Test func chebyshevPolynomialsExactly() {
        let transform = ChebyshevTransform(points: 8)
        var c = [Double](repeating: 0, count: 8)
        c[4] = 1
        #expect(transform.powerBasis(c) == [1, 0, -8, 0, 8, 0, 0, 0])
        c[4] = 0; c[7] = 1
        #expect(transform.powerBasis(c) == [0, -7, 0, 56, 0, -112, 0, 64])
    }

    /// e^{3t} interpolated at degree 12 (one block of 16) and degree 24 (two): the power-basis sum equals Clenshaw's sum
    /// of the Chebyshev series to a few ulps of the largest term (the change of basis costs ~Σ|c_k|(1+√2)^k ulps).
    @Test(arguments: [12, 24]) func estrinMatchesClenshaw(degree: Int) {
        let n = degree + 1, blocks = (n + 15) / 16
        let transform = ChebyshevTransform(points: n)
        let c = transform.coefficients(transform.nodes.map { exp(3 * $0) })
        var a = transform.powerBasis(c)
        a += [Double](repeating: 0, count: 16 * blocks - n)
        for t in stride(from: -1.0, through: 1.0, by: 0.0625) {
            let clenshaw = c.withUnsafeBufferPointer { clenshawSum($0.baseAddress!, count: n, at: t) }
            let estrin = a.withUnsafeBufferPointer { powerSeriesSum($0.baseAddress!, blocks: blocks, at: t) }
            #expect(abs(estrin - clenshaw) <= 1e-13 * exp(3.0), "t = \(t): \(estrin) vs \(clenshaw)")
            if degree == 24 { #expect(abs(estrin / exp(3 * t) - 1) < 1e-12) }
        }
    }
}

@Suite struct SpecialFunctionTests {
    @Test func knownValues() throws {
        #expect(abs(try SpecialFunctions.gamma(5) - 24) < 1e-13)
        #expect(abs(try SpecialFunctions.gamma(0.5) - Double.pi.squareRoot()) < 1e-14)
        #expect(abs(try SpecialFunctions.zeta(2) - Double.pi * Double.pi / 6) < 1e-14)
        #expect(abs(try SpecialFunctions.zeta(3) - 1.2020569031595942) < 1e-14)
        // I_{1/2}(x) = √(2/(πx)) sinh x exactly.
        for x in [0.3, 2.0, 40.0] {
            let exact = (2 / (Double.pi * x)).squareRoot() * (1 - exp(-2 * x)) / 2
            #expect(abs(try SpecialFunctions.besselInuScaled(0.5, x) / exact - 1) < 1e-12)
        }
        // K_{1/2}(x) = √(π/(2x)) e^{−x}, K_{3/2}(x) = K_{1/2}(x)(1 + 1/x) exactly (DLMF 10.39.2, 10.29.1).
        for x in [0.3, 2.0, 40.0] {
            let half = (Double.pi / (2 * x)).squareRoot()
            #expect(abs(try SpecialFunctions.besselKnuScaled(0.5, x) / half - 1) < 1e-12)
            #expect(abs(try SpecialFunctions.besselKnuScaled(1.5, x) / (half * (1 + 1 / x)) - 1) < 1e-12)
        }
        // K_{n+1} = K_{n−1} + (2n/x) K_n (the recurrence, independent of how GSL evaluates each).
        let x = 1.7
        let (k0, k1, k2) = (try SpecialFunctions.besselKnScaled(0, x), try SpecialFunctions.besselKnScaled(1, x), try SpecialFunctions.besselKnScaled(2, x))
        #expect(abs(k2 / (k0 + 2 / x * k1) - 1) < 1e-13)
    }

    @Test func domainAndOverflowAreErrors() {
        // GSL's default handler would abort here; the wrappers throw.
        #expect(throws: GSLError.self) { try SpecialFunctions.gamma(-1) }
        #expect(throws: GSLError.self) { try SpecialFunctions.gamma(200) }
        #expect(throws: GSLError.self) { try SpecialFunctions.zeta(1) }
        let e = GSLError(status: 1, context: "test")
        #expect(e.description.contains("test") && e.description.contains("status 1"))
    }
}

/// The Swift Prince–Dormand 8(7) (`integratePrinceDormand`, which `integrate` uses for rk8pd) against GSL's rk8pd
/// (`integrateRaw`) on the same problem: the same tableau and step control, so the same number of steps and the same
/// state to round-off. A damped anharmonic oscillator with a running integral, uncontrolled like the bounce's.
@Suite struct PrinceDormandTests {
    @Test func swiftStepperTakesGSLsSteps() throws {
        var integrator = AdaptiveODEIntegrator(stepper: .rk8pd, absoluteTolerance: 1e-13, relativeTolerance: 1e-11, maxSteps: 100_000)
        integrator.uncontrolledComponents = [3]
        func f(_ t: Double, _ y: SIMD4<Double>) -> SIMD4<Double> {
            SIMD4(y[1], -y[0] - y[0] * y[0] * y[0] - 2 / (t + 1) * y[1], y[1] * y[1], y[0] * y[0])
        }
        let y0 = SIMD4<Double>(1, 0, 0, 0)
        var swiftSteps = [Double]()
        let native = try integrator.integratePrinceDormand(from: 0, y0, to: 30, initialStep: 1e-3, rhs: f,
                                                           observer: { t, _ in swiftSteps.append(t); return .proceed })
        var gslSteps = [Double]()
        let gsl = try integrator.integrateRaw(from: 0, [1, 0, 0, 0], to: 30, initialStep: 1e-3,
            rhs: { t, y, dydt in
                let d = f(t, SIMD4(y[0], y[1], y[2], y[3]))
                for i in 0..<4 { dydt[i] = d[i] }
            },
            observer: { t, _ in gslSteps.append(t); return .proceed })
        #expect(native.steps == gsl.steps && swiftSteps.count == gslSteps.count)
        for (a, b) in zip(swiftSteps, gslSteps) { #expect(abs(a - b) <= 1e-13 * max(1, abs(b))) }
        for i in 0..<4 { #expect(abs(native.state[i] - gsl.state[i]) <= 1e-13 * max(1, abs(gsl.state[i])), "component \(i)") }
        #expect(native.t == 30 && gsl.t == 30)
    }

    /// Backwards in t (HistoryTable integrates from high to low T) and a stop requested by the observer.
    @Test func backwardsAndStopped() throws {
        let integrator = AdaptiveODEIntegrator()
        let out = try integrator.integratePrinceDormand(from: 1, SIMD4<Double>(1, 0, 0, 0), to: -3, initialStep: -1e-2,
                                                        rhs: { _, y in SIMD4(y[0], 0, 0, 0) }, observer: { _, _ in .proceed })
        #expect(abs(out.state[0] - exp(-4)) < 1e-10 * exp(-4) && out.t == -3)
        let stopped = try integrator.integratePrinceDormand(from: 0, SIMD4<Double>(1, 0, 0, 0), to: 10, initialStep: 1e-2,
                                                            rhs: { _, y in SIMD4(y[0], 0, 0, 0) }, observer: { _, y in y[0] > 2 ? .stop : .proceed })
        #expect(stopped.stoppedByObserver && stopped.state[0] > 2 && stopped.t < 10)
    }
}
