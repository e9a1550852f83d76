#!/usr/bin/env python3
"""Peer comparison of `supercool infer` (issue 13): the free power law and the γ = 13/3 SMBHB power law on NANOGrav 15-yr
HD (14 bins), same priors (log10 A ∈ U[−18, −11], γ ∈ U[0, 7]), sampled by dynesty (static nested sampling, 400 live
points) on ceffyl's own likelihood, against Supercool's nested sampler on its own likelihood (the same rule at the
native grid, minus ceffyl's constant N·ln d: ln Z differs by exactly that constant, the Bayes factor not at all).

Usage (from the repository root; RAW_DIR defaults to ../shared/data; needs a release build of supercool):

    python3 -m venv /tmp/ceffyl-venv
    /tmp/ceffyl-venv/bin/pip install --no-deps ceffyl==1.41.2 enterprise-pulsar dynesty && /tmp/ceffyl-venv/bin/pip install numpy scipy
    /tmp/ceffyl-venv/bin/python benchmarks/compare_dynesty.py [RAW_DIR]
"""

import json
import math
import os
import subprocess
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAW = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.normpath(os.path.join(REPO, "..", "shared", "data"))
DATA = os.path.join(RAW, "pta", "ng15_30f_fs_hd_ceffyl")
NBINS = 14
FYR = 1.0 / (365.25 * 86400.0)


def powerlaw(f, Tspan, log10_A, gamma):
    return (10.0 ** log10_A) ** 2 / 12.0 / np.pi ** 2 * FYR ** (gamma - 3) * f ** (-gamma) / Tspan


def smbhb(f, Tspan, log10_A):
    return powerlaw(f, Tspan, log10_A, 13.0 / 3.0)


def run_dynesty(psd, names, bounds, seed):
    import dynesty
    from ceffyl import Ceffyl
    from enterprise.signals import parameter
    sig = Ceffyl.signal(N_freqs=NBINS, psd=psd, params=[parameter.Uniform(lo, hi)(n) for n, (lo, hi) in zip(names, bounds)], name="")
    c = Ceffyl.ceffyl(DATA).add_signals([sig])

    def loglike(x):
        with np.errstate(divide="ignore"):
            v = float(c.ln_likelihood(np.asarray(x)))
        return v if np.isfinite(v) else -1e300

    def transform(u):
        return np.array([lo + ui * (hi - lo) for ui, (lo, hi) in zip(u, bounds)])

    s = dynesty.NestedSampler(loglike, transform, len(names), nlive=400, rstate=np.random.default_rng(seed))
    s.run_nested(dlogz=0.01, print_progress=False)
    r = s.results
    w = np.exp(r.logwt - r.logz[-1])
    mean = [float(np.sum(w * r.samples[:, k]) / np.sum(w)) for k in range(len(names))]
    return float(r.logz[-1]), float(r.logzerr[-1]), mean


def run_supercool(model, seed):
    out = subprocess.run([os.path.join(REPO, ".build", "release", "supercool"), "infer", "--model", model, "--data", "ng15",
                          "--bins", str(NBINS), "--seed", str(seed), "--format", "json", "--quiet"], capture_output=True, text=True, check=True)
    j = json.loads(out.stdout)
    return j["lnZ"], j["lnZ_error"], [p["mean"] for p in j["parameters"]]


def main():
    grid = np.load(os.path.join(DATA, "log10rhogrid.npy"))
    offset = NBINS * math.log(grid[1] - grid[0])
    print("NANOGrav 15-yr HD, %d bins; ceffyl's constant N ln d = %.4f (ln Z_ceffyl − ln Z_supercool should equal it)" % (NBINS, offset))
    results = {}
    for model, psd, names, bounds in [("powerlaw", powerlaw, ["log10_A", "gamma"], [(-18, -11), (0, 7)]),
                                      ("smbhb", smbhb, ["log10_A"], [(-18, -11)])]:
        z, ze, mean = run_dynesty(psd, names, bounds, seed=1)
        sz, sze, smean = run_supercool(model, seed=1)
        results[model] = (z, ze, sz, sze)
        print("%-9s dynesty+ceffyl ln Z = %.3f ± %.3f (− offset: %.3f)   supercool ln Z = %.3f ± %.3f   difference %.3f (%.1f σ)"
              % (model, z, ze, z - offset, sz, sze, (z - offset) - sz, abs((z - offset) - sz) / math.hypot(ze, sze)))
        print("          posterior means: dynesty %s   supercool %s" % (["%.3f" % m for m in mean], ["%.3f" % m for m in smean]))
    (z1, e1, s1, f1), (z2, e2, s2, f2) = results["powerlaw"], results["smbhb"]
    print("ln B(powerlaw vs smbhb): dynesty+ceffyl %.3f ± %.3f   supercool %.3f ± %.3f" % (z1 - z2, math.hypot(e1, e2), s1 - s2, math.hypot(f1, f2)))


if __name__ == "__main__":
    main()
