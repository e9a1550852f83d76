import Foundation
import Bounce
import Cosmology
import EffectivePotential
import SupercoolNumerics

/// Everything `reproduce`, `point` and `completion` report for one model point (GeV unless said).
/// Optional fields are nil where the quantity does not exist (e.g. no percolation).
public struct TransitionResult: Sendable, Codable {
    public var criticalTemperature: Double?
    public var nucleationTemperature: Double?
    public var percolationTemperature: Double?
    /// I(T_e) = 1.
    public var extendedVolumeUnityTemperature: Double?
    /// P_f(T_f) = 0.01 (by default).
    public var finalTemperature: Double?
    /// 3 + T dI/dT at T_p and T_f: negative when the physical false-vacuum volume shrinks.
    public var volumeSlopeAtPercolation: Double?
    public var volumeSlopeAtFinal: Double?
    /// Percolates (T_p exists), reaches T_f, and the false-vacuum volume shrinks at both.
    public var completes: Bool = false
    public var bubbleNumberDensity: Double?
    /// R* = n_b^{−1/3} at T_p (GeV⁻¹).
    public var meanBubbleSeparation: Double?
    /// H(T_p) R* with R* = n_b^{−1/3}.
    public var hubbleRadiusNumberDensity: Double?
    /// H(T_p) R* with R* = (8π)^{1/3} v_w/β.
    public var hubbleRadiusBeta: Double?
    /// H*R* under the chosen `RadiusDefinition`.
    public var hubbleRadius: Double?
    /// β/H = T d(S3/T)/dT at T_p.
    public var betaOverH: Double?
    /// β_V/H = T √(d²(S3/T)/dT²) at the minimum of S3/T: the width of Gaussian nucleation, where β → 0
    /// (Athron et al. 2305.02357 §5; from d²lnΓ/dt² with dt = −dT/(TH)).
    public var betaVOverH: Double?
    /// α from the trace anomaly, Δθ/ρ_rad with θ = (ρ − 3p)/4, at T_p.
    public var alpha: Double?
    /// α = ΔV/ρ_rad at T_p.
    public var alphaVacuum: Double?
    public var reheatingTemperature: Double?
    /// GSL's estimated relative error of I(T_p) (asked for 1e-9; reported because QAGS may stop on round-off).
    public var percolationIntegralRelativeError: Double?
    /// g*_ρ of the true-vacuum plasma at T_reh (enters the GW redshift).
    public var gStarAtReheating: Double?
    public var minimumActionOverT: Double?
    /// Smallest sampled S4 when the O(4) rate is included.
    public var minimumVacuumAction: Double?
    public var temperatureOfMinimum: Double?
    public var gStarAtPercolation: Double?
    public var hubbleAtPercolation: Double?
    public var vacuumEnergyAtPercolation: Double?
    /// Number of S3/T samples and failed bounces.
    public var actionSamples: Int = 0
    public var failedBounces: Int = 0
    /// A sentence for the user: completes / no percolation / eternal supercooling / no T_c …
    public var status: String = ""

    public init() {}
}

/// From model parameters alone to the transition history (physics.md §3–§5).
public struct TransitionAnalysis: Sendable {
    public let model: any ParticleModel
    public let potentialConventions: PotentialConventions
    public let conventions: TransitionConventions
    public let resources: ProjectResources

    public init(model: any ParticleModel, potentialConventions: PotentialConventions = .default,
                conventions: TransitionConventions = .default, resources: ProjectResources) {
        self.model = model
        self.potentialConventions = potentialConventions
        self.conventions = conventions
        self.resources = resources
    }

    /// g*(T) of the false-vacuum plasma (during supercooling): the model's light dof on top of the SM.
    public var plasmaModel: DegreesOfFreedomModel {
        conventions.degreesOfFreedom ?? .standardModelPlusDark(dark: model.relativisticDegreesOfFreedom)
    }

    /// g*(T) of the true-vacuum plasma after reheating: the SM plus the broken phase's massive particles
    /// (a Z' heavier than T_reh no longer counts). A user-chosen g* model applies to both phases.
    public var reheatedPlasmaModel: DegreesOfFreedomModel {
        conventions.degreesOfFreedom ?? .standardModelPlusMassive(model.brokenPhaseParticles.map {
            MassiveSpecies(degreesOfFreedom: $0.degreesOfFreedom, mass: $0.mass, isFermion: $0.statistics == .fermion)
        })
    }

    /// The sampled S3/T curve (exposed for plots and tests).
    public func actionCurve() throws -> (curve: ActionCurve, criticalTemperature: Double)? {
        let potential = ThermalEffectivePotential(model: model, conventions: potentialConventions)
        let tunnelling = ThermalTunnelling(potential: potential)
        guard let Tc = try tunnelling.phases.criticalTemperature() else { return nil }
        return (try sampleActionCurve(tunnelling, criticalTemperature: Tc), Tc)
    }

    func sampleActionCurve(_ tunnelling: ThermalTunnelling, criticalTemperature Tc: Double) throws -> ActionCurve {
        try ActionCurve.sample(tunnelling: tunnelling, criticalTemperature: Tc, lowestFraction: conventions.lowestSampledFraction,
                               coarsePoints: conventions.coarseSamples, densePoints: conventions.denseSamples,
                               window: conventions.denseWindow, cutoff: conventions.actionOverTemperatureCutoff)
    }

    public func run() throws -> TransitionResult {
        var result = TransitionResult()
        let potential = ThermalEffectivePotential(model: model, conventions: potentialConventions)
        let tunnelling = ThermalTunnelling(potential: potential)
        let phases = tunnelling.phases
        guard let Tc = try phases.criticalTemperature() else {
            result.status = "no first-order transition: the broken minimum never becomes degenerate with the symmetric one (no T_c)"
            return result
        }
        result.criticalTemperature = Tc
        let curve = try sampleActionCurve(tunnelling, criticalTemperature: Tc)
        result.actionSamples = curve.samples.count
        result.failedBounces = curve.failures.count
        let minimum = curve.minimum
        result.minimumActionOverT = minimum.value
        result.temperatureOfMinimum = minimum.temperature
        let lowT = curve.temperatureRange.lowerBound, highT = curve.temperatureRange.upperBound

        // ΔV(T) = V(0,T) − V(φ_b(T),T) on a log grid (cubic spline in ln T).
        var logTs = [Double](), depths = [Double]()
        let nDepth = 160
        for k in 0...nDepth {
            let T = lowT * 0.5 * pow(Tc / (lowT * 0.5), Double(k) / Double(nDepth))
            guard let dv = phases.vacuumEnergyDifference(at: T) else { continue }
            logTs.append(log(T)); depths.append(dv)
        }
        let depthSpline = try Interpolant(x: logTs, y: depths, kind: .cubic)
        let vacuumEnergy: @Sendable (Double) -> Double = { T in max(depthSpline(log(T)), 0) }
        let plasma = try Plasma(model: plasmaModel, resources: resources)
        // H² = (ρ_rad + ΔV)/(3 M_Pl²): the false-vacuum energy dominates while supercooling (2306.17239).
        let hubble: @Sendable (Double) -> Double = { T in
            PhysicalConstants.hubbleRate(radiationEnergyDensity: plasma.radiationEnergyDensity(at: T), vacuumEnergy: vacuumEnergy(T))
        }
        let prefactor = conventions.ratePrefactor
        var vacuumRate: VacuumRateCurve?
        if conventions.includeVacuumTunnelling {
            vacuumRate = try VacuumRateCurve.sample(tunnelling: tunnelling, temperatures: curve.samples.map(\.temperature))
            result.minimumVacuumAction = vacuumRate?.minimumAction
        }
        let vacuum = vacuumRate
        // Γ(T) = T⁴ (S3/(2πT))^{3/2} e^{−S3/T} (physics.md §4), or T⁴ e^{−S3/T}; plus Γ4 if asked for.
        let rate: @Sendable (Double) -> Double = { T in
            let s = max(curve(T), 0)
            let p = prefactor == .thermal && s > 0 ? pow(s / (2 * Double.pi), 1.5) : 1
            return pow(T, 4) * p * exp(-s) + (vacuum?(T) ?? 0)
        }
        let integrals = try HistoryIntegrals(rate: rate, hubble: hubble, lowerTemperature: lowT, upperTemperature: highT,
                                             wallVelocity: conventions.wallVelocity)
        result.nucleationTemperature = try integrals.nucleationTemperature()
        guard let Tp = try integrals.temperature(extendedVolume: conventions.percolationThreshold) else {
            let Ilow = (try? integrals.extendedVolume(at: lowT)) ?? 0
            result.status = String(format: "no percolation down to T = %.4g GeV (%.2g T_c): I = %.3g < %.2f there (min S3/T = %.2f)",
                                   lowT, lowT / Tc, Ilow, conventions.percolationThreshold, minimum.value)
            return result
        }
        result.percolationTemperature = Tp
        let percolation = try integrals.extendedVolumeWithError(at: Tp)
        result.percolationIntegralRelativeError = percolation.error / max(percolation.value, .leastNormalMagnitude)
        result.extendedVolumeUnityTemperature = try integrals.temperature(extendedVolume: 1)
        result.finalTemperature = try integrals.temperature(extendedVolume: -log(conventions.finalFalseVacuumFraction))
        let slopeP = 3 + Tp * (try integrals.extendedVolumeDerivative(at: Tp))
        result.volumeSlopeAtPercolation = slopeP
        if let Tf = result.finalTemperature {
            result.volumeSlopeAtFinal = 3 + Tf * (try integrals.extendedVolumeDerivative(at: Tf))
        }
        result.completes = slopeP < 0 && (result.volumeSlopeAtFinal ?? 1) < 0

        let H = hubble(Tp)
        result.hubbleAtPercolation = H
        result.gStarAtPercolation = plasma.energyDegreesOfFreedom(at: Tp)
        let nb = try integrals.bubbleNumberDensity(at: Tp)
        result.bubbleNumberDensity = nb
        let separation = pow(nb, -1.0 / 3)
        result.meanBubbleSeparation = separation
        result.hubbleRadiusNumberDensity = H * separation
        let betaOverH = Tp * curve.derivative(Tp)
        result.betaOverH = betaOverH
        if betaOverH > 0 {
            result.hubbleRadiusBeta = pow(8 * Double.pi, 1.0 / 3) * conventions.wallVelocity / betaOverH
        }
        result.hubbleRadius = conventions.radiusDefinition == .numberDensity ? result.hubbleRadiusNumberDensity : result.hubbleRadiusBeta
        // β_V only for an interior minimum of S3/T (not where the barrier has vanished and S3/T = 0).
        let curvature = curve.secondDerivative(minimum.temperature)
        if curvature > 0 && minimum.value > 0 && minimum.temperature > lowT * 1.0001 {
            result.betaVOverH = minimum.temperature * curvature.squareRoot()
        }

        // α: ΔV/ρ_rad and the trace-anomaly form Δθ/ρ_rad, θ = (ρ − 3p)/4 ⇒ Δθ = ΔV − (T/4) dΔV/dT
        // (Giese, Konstandin, van de Vis 2004.06995; physics.md §5).
        let dv = vacuumEnergy(Tp)
        let rho = plasma.radiationEnergyDensity(at: Tp)
        let dDepthdT = depthSpline.derivative(log(Tp)) / Tp
        result.vacuumEnergyAtPercolation = dv
        result.alphaVacuum = dv / rho
        result.alpha = (dv - Tp / 4 * dDepthdT) / rho
        // Reheating: energy conservation ρ_true(T_reh) = ρ_rad(T_p) + ΔV(T_p) (physics.md §5), with the
        // true-vacuum plasma's g*(T_reh) (its massive dark particles Boltzmann weighted).
        let target = rho + dv
        let reheated = try Plasma(model: reheatedPlasmaModel, resources: resources)
        if let treh = try? RootFinder(relativeTolerance: 1e-12).root(
            of: { reheated.radiationEnergyDensity(at: $0) - target }, in: Tp * 1e-3, Tp * 1e3) {
            result.reheatingTemperature = treh
            result.gStarAtReheating = reheated.energyDegreesOfFreedom(at: treh)
        }

        if result.completes {
            result.status = "percolates and completes"
        } else if result.finalTemperature == nil {
            result.status = "percolates but does not reach P_f = \(conventions.finalFalseVacuumFraction) above \(String(format: "%.4g", lowT)) GeV"
        } else {
            result.status = "percolates, but the false-vacuum volume does not shrink (3 + T dI/dT ≥ 0): eternal-inflation risk, no completion"
        }
        return result
    }
}
