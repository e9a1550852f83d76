// The umbrella module: `import Supercool` gives the whole pipeline (as swift-numerics' `Numerics` does).
// Each stage stays importable on its own.
@_exported import SupercoolNumerics
@_exported import EffectivePotential
@_exported import Bounce
@_exported import Cosmology
@_exported import TransitionHistory
@_exported import GravitationalWaves
@_exported import PulsarTiming
@_exported import SupercoolPlot
@_exported import ParameterScan
@_exported import NestedSampling
@_exported import PTAInference
