import Testing
import Foundation
import Cosmology
@testable import PulsarTiming

/// The violins' log10 h²Ω is the inverse of `PTALikelihood.residualPower(h2Omega:frequency:)`.
@Suite struct FreeSpectrumViolinTests {
    @Test func violinsInvertTheResidualPower() throws {
        let d = try FreeSpectrumData(.ng15, resources: try ProjectResources.locate())
        let L = try PTALikelihood(data: d)
        let violins = d.violins(bins: 14, range: -14...(-4))
        #expect(violins.count == 14 && violins.map(\.bin) == Array(1...14))
        for v in violins {
            #expect(v.samples.allSatisfy { $0.weight > 1e-3 && $0.weight <= 1 && (-14...(-4)).contains($0.log10H2Omega) })
            for s in v.samples.prefix(5) {
                // ρ² of the drawn h²Ω lies on the table's log10 ρ grid (every 7th cell: 0.01 dex of 0.00145-dex cells).
                let log10Rho = 0.5 * log10(L.residualPower(h2Omega: pow(10, s.log10H2Omega), frequency: v.frequency))
                let cell = (log10Rho - d.gridStart) / d.gridStep
                #expect(abs(cell - cell.rounded()) < 1e-6 && Int(cell.rounded()) % 7 == 0 && d.defaultViolinStride == 7)
            }
        }
    }
}
