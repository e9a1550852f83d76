// The user's side of nested sampling: a prior, written as a transform of the unit hypercube, and a log-likelihood.

/// A Bayesian problem for ``NestedSampler``: named parameters, a prior given as a transform of the unit hypercube,
/// and a log-likelihood.
///
/// The prior is the image of the uniform distribution on the open unit cube (0, 1)^d under
/// ``transform(unitCube:)`` (d = `parameterNames.count`): for a uniform prior on [a, b] the transform is
/// `a + u (b − a)`, for a log-uniform one `10^(log10 a + u (log10 b − log10 a))`, for independent priors
/// the inverse CDF coordinate by coordinate. The sampler works in the cube and only ever calls the transform
/// with coordinates strictly between 0 and 1.
///
/// The log-likelihood may return −∞ for excluded points (zero likelihood: they are part of the prior volume
/// and simply carry no weight); NaN and +∞ are refused with ``NestedSamplingError/logLikelihoodIsNaN(parameters:)``
/// and ``NestedSamplingError/logLikelihoodIsPlusInfinity(parameters:)``. A thrown error stops the run as
/// ``NestedSamplingError/likelihoodFailed(parameters:description:)``. Both functions must be deterministic
/// (the same input gives the same output) and safe to call from several threads at once: the sampler evaluates
/// independent points concurrently.
public protocol NestedSamplingProblem: Sendable {
    /// One name per parameter; the count is the dimension d. Names must be distinct and non-empty.
    var parameterNames: [String] { get }
    /// The prior transform: a point of the open unit cube (d coordinates) → the d physical parameters.
    func transform(unitCube: [Double]) -> [Double]
    /// ln L of the physical parameters; −∞ allowed, NaN and +∞ are errors. A conformer may omit `throws`.
    func logLikelihood(_ parameters: [Double]) throws -> Double
}
