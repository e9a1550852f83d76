import Testing
import Foundation
@testable import SupercoolNumerics

/// Numerical building blocks that scans over the whole parameter space rely on (issue 9).
@Suite struct RobustnessNumericsTests {
    struct Marker: Error, Equatable {}

    /// A root finder probing a few ulps below the top of its range asks for ∫ over an interval QAGS cannot bisect
    /// (it reported "singularity", GSL status 21, at λ = 0.006, g = 0.6): Simpson there, exact to round-off.
    @Test func quadratureOnAnIntervalFewUlpsWide() throws {
        let a = 0.23717882924488337
        let b = a.nextUp.nextUp.nextUp.nextUp
        let r = try Quadrature(absoluteTolerance: 1e-150, relativeTolerance: 1e-9).integrateBestEffort({ exp(-1 / $0) }, from: a, to: b)
        let exact = exp(-1 / a) * (b - a)   // the integrand is constant to 1e-15 over 4 ulps
        #expect(abs(r.value / exact - 1) < 1e-12)
    }

    /// An error thrown inside the function reaches the caller as itself, not as GSL's "bad function" that follows.
    @Test func rootOfThrowingFunctionRethrowsTheCause() {
        #expect(throws: Marker.self) {
            try RootFinder().root(ofThrowing: { x in
                if x > 0.3 && x < 0.7 { throw Marker() }
                return x - 0.5
            }, in: 0, 1)
        }
        #expect((try? RootFinder().root(ofThrowing: { $0 * $0 - 2 }, in: 0, 2)).map { abs($0 - 2.squareRoot()) < 1e-12 } == true)
    }

    @Test func bracketingUpward() throws {
        let x = try RootFinder(relativeTolerance: 1e-14).rootExpandingUpward(of: { $0 * $0 - 1e6 }, from: 1)
        #expect(abs(x - 1000) < 1e-9)
        #expect(throws: NumericalError.self) { try RootFinder().rootExpandingUpward(of: { _ in 1 }, from: 1, maxExpansions: 5) }
    }

    /// The boundary of x² < 2 on [0, 2] is √2; 40 halvings of a width-2 bracket leave 2·2⁻⁴⁰.
    @Test func bisectionFindsAPredicateBoundary() {
        let edge = Bisection.boundary(holds: 0, fails: 2, steps: 40) { $0 * $0 < 2 }
        #expect(edge.holds * edge.holds < 2 && edge.fails * edge.fails >= 2)
        #expect(abs(edge.fails - edge.holds) <= 2 * pow(2, -40) && abs(edge.holds - 2.squareRoot()) < 4e-12)
        // Either orientation: the holding end may be the upper one.
        let down = Bisection.boundary(holds: 2, fails: 0, steps: 40) { $0 * $0 >= 2 }
        #expect(abs(down.holds - 2.squareRoot()) < 4e-12)
    }

    /// Golden section: the maximum of −(x − 0.3)² on [0, 1] to the bracket's width after 40 shrinkings (0.618⁴⁰ ≈ 4e-9).
    @Test func goldenSectionFindsAMaximum() {
        let m = GoldenSection.maximum(of: { -($0 - 0.3) * ($0 - 0.3) }, lower: 0, upper: 1)
        #expect(abs(m.x - 0.3) < 1e-8 && abs(m.value) < 1e-16)
    }

    /// The payload variant carries each end's evaluation and stops early on request.
    @Test func bisectionCarriesPayloadsAndStops() {
        var calls = 0
        let edge = Bisection.boundary(holds: (0.0, "start"), fails: (2.0, "end"), steps: 60, stop: { abs($1 - $0) < 1e-3 }) { x -> (holds: Bool, payload: String) in
            calls += 1
            return (x * x < 2, "x=\(x)")
        }
        #expect(calls == 11 && edge.holds.payload == "x=\(edge.holds.x)" && abs(edge.fails.x - edge.holds.x) < 1e-3)
    }

    /// Callers match GSL failures by kind, not by status number.
    @Test func gslErrorsHaveKinds() {
        #expect(GSLError(status: 18, context: "").kind == .roundOff)
        #expect(GSLError(status: 11, context: "").kind == .iterationLimit)
        #expect(GSLError(status: 21, context: "").kind == .singularity)
        #expect(GSLError(status: 22, context: "").kind == .divergence)
        #expect(GSLError(status: 9, context: "").kind == .badFunction)
        #expect(throws: GSLError.self) { try Quadrature().integrate({ 1 / $0 }, from: 0, to: 1) }
    }

    @Test func simpsonIsExactForCubics() {
        #expect(abs(Quadrature.simpson({ $0 * $0 * $0 - 2 * $0 }, from: 0, to: 2, intervals: 2) - 0) < 1e-14)
        #expect(abs(Quadrature.simpson({ $0 * $0 }, from: 1, to: 4, intervals: 4) - 21) < 1e-13)
    }

    /// A running integral of a noisy integrand (here: a deterministic ±1e-6 jitter) must not steer the step size:
    /// controlled, the steps collapse (the error test sees the jitter); uncontrolled, y = t is integrated in a few
    /// steps and the integral is still right to the jitter's size.
    @Test func uncontrolledComponentsDoNotSteerTheSteps() throws {
        func rhs(_ t: Double, _ y: SIMD4<Double>) -> SIMD4<Double> {
            let jitter = 1e-6 * sin(1e7 * t)
            return SIMD4(1, 0, t * (1 + jitter), 0)
        }
        var integrator = AdaptiveODEIntegrator(stepper: .rk8pd, absoluteTolerance: 1e-13, relativeTolerance: 1e-11, maxSteps: 2000)
        #expect(throws: (any Error).self) {
            try integrator.integrate(from: 0, SIMD4(0, 0, 0, 0), to: 10, initialStep: 1e-3, rhs: rhs, observer: { _, _ in .proceed })
        }
        integrator.uncontrolledComponents = [2]
        let outcome = try integrator.integrate(from: 0, SIMD4(0, 0, 0, 0), to: 10, initialStep: 1e-3, rhs: rhs, observer: { _, _ in .proceed })
        #expect(outcome.steps < 200)
        #expect(abs(outcome.state[0] - 10) < 1e-12)
        #expect(abs(outcome.state[2] / 50 - 1) < 1e-5)
    }
}
