import GravitationalWaves

extension TransitionResult {
    /// The GW source of a computed transition (physics.md §5–§6): T* = T_reh and g* = g*(T_reh) of the reheated
    /// (true-vacuum) plasma, α and H*R* at T_p, and the walls' energy split (1903.09642 §2) when they were computed; nil
    /// unless the transition percolates and completes.
    public func gravitationalWaveSource(wallVelocity: Double) -> GWSource? {
        guard completes, let a = alpha, let hr = hubbleRadius, let treh = reheatingTemperature, let g = gStarAtReheating else { return nil }
        return GWSource(temperature: treh, degreesOfFreedom: g, alpha: a, hubbleRadius: hr, wallVelocity: wallVelocity,
                        energySplit: wallDynamics?.energySplit)
    }
}
