import Testing
import Foundation
@testable import TransitionHistory

@Suite struct ActionCurveTests {
    /// S3/T = 100 + 50 ln²(T/T0) sampled on a grid that misses T0: the minimum must be refined on the
    /// spline to T0 (not left at the nearest sample, 2 % away) with the value 100.
    @Test func minimumIsRefinedBetweenSamples() throws {
        let T0 = 0.01234
        let samples = (0..<40).map { k -> ActionCurve.Sample in
            let T = 0.005 * pow(10, Double(k) / 39)   // 5 MeV … 50 MeV, ratio 1.061 between samples
            let l = log(T / T0)
            return ActionCurve.Sample(temperature: T, actionOverT: 100 + 50 * l * l)
        }
        let curve = try ActionCurve(samples: samples)
        let m = try curve.minimum()
        #expect(abs(m.temperature / T0 - 1) < 1e-5, "T_min = \(m.temperature)")
        #expect(abs(m.value - 100) < 1e-6, "min = \(m.value)")
    }

    /// β/H = T d(S3/T)/dT and β_V/H = T √(d²(S3/T)/dT²) at the minimum (1809.08242; 2305.02357) for
    /// S3/T = 100 + 50 ln²(T/T0): β/H = 100 ln(T/T0) (69.3 at 2T0), β_V/H = √(2·50) = 10 exactly.
    @Test func betaFromTheSplineMatchesClosedForms() throws {
        let T0 = 0.01234
        let samples = (0..<80).map { k -> ActionCurve.Sample in
            let T = 0.002 * pow(100, Double(k) / 79)
            let l = log(T / T0)
            return ActionCurve.Sample(temperature: T, actionOverT: 100 + 50 * l * l)
        }
        let curve = try ActionCurve(samples: samples)
        let T = 2 * T0
        #expect(abs(T * curve.derivative(T) / (100 * log(2.0)) - 1) < 1e-4)
        let m = try curve.minimum()
        #expect(abs(m.temperature * curve.secondDerivative(m.temperature).squareRoot() / 10 - 1) < 1e-4)
    }
}

