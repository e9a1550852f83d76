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
        let m = curve.minimum
        #expect(abs(m.temperature / T0 - 1) < 1e-5, "T_min = \(m.temperature)")
        #expect(abs(m.value - 100) < 1e-6, "min = \(m.value)")
    }
}
