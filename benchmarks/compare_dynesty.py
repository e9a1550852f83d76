#!/usr/bin/env python3
"""Peer comparison of `supercool infer` (issue 13): the free power law, the γ = 13/3 SMBHB power law and the `sw`
phase-transition template on NANOGrav 15-yr HD (14 bins), same priors (log10 A ∈ U[−18, −11], γ ∈ U[0, 7]; log10 T_p/GeV
∈ U[−3, 0], log10 α ∈ U[−1, 4], log10 H*R* ∈ U[−2, log10 3]), sampled by dynesty (static nested sampling, 400 live
points) on ceffyl's own likelihood, against Supercool's nested sampler on its own likelihood (the same rule at the
native grid, minus ceffyl's constant N·ln d: ln Z differs by exactly that constant, the Bayes factor not at all).
The `sw` spectrum is written here again from its papers (sw_h2omega below), independently of the Swift code, and
checked against `supercool spectrum` at one point before sampling (g*_SM from the raw Saikawa–Shirai table,
interpolated linearly in log T here, Steffen-monotone in Supercool: agreement to ~1e-4 is expected).

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
H100 = 1e5 / 3.0856775814913673e22          # 100 km/s/Mpc in Hz
PT_NAMES = ["log10_Tp_GeV", "log10_alpha", "log10_HR"]
PT_BOUNDS = [(-3.0, 0.0), (-1.0, 4.0), (-2.0, math.log10(3.0))]


def load_gstar():
    """g*_rho(T) of the Standard Model: Saikawa & Shirai (arXiv:1803.01038, 2020 tables), columns T, f, g_s, g_rho."""
    t = np.loadtxt(os.path.join(RAW, "gstar", "saikawa_shirai_2020_gstar.dat"), comments="#")
    return np.log10(t[:, 0]), t[:, 3]


GSTAR_LOGT, GSTAR_RHO = load_gstar()


def gstar(T):
    """g*_SM(T) + 4 (the dark U(1)'s light dof, as `infer --model pt`); constant outside the table."""
    return float(np.interp(math.log10(T), GSTAR_LOGT, GSTAR_RHO)) + 4.0


def sw_h2omega(f, Tp, alpha, HR):
    """Sound waves, Caprini et al. arXiv:1910.13125 eqs. (29)-(31), with v_w = 1:
    h²Ω = 4.13e-7 (H*R*) Υ K² (100/g*)^{1/3} S(f/f_sw), S(x) = x³ (7/(4 + 3x²))^{7/2},
    f_sw = 2.6e-5 Hz (H*R*)^{-1} (T*/100 GeV) (g*/100)^{1/6};  K = κα/(1+α), κ = κ_D = α/(0.73 + 0.083√α + α)
    (Espinosa et al. arXiv:1004.4187 eq. A.4, the v_w → 1 branch); Υ = 1 − 1/√(1 + 2 H*R*/U_f), U_f = √(3K/4)
    (Guo et al. arXiv:2007.08537); T* = T_p (1 + α)^{1/4}, g* = g*_SM(T*) + 4."""
    Tstar = Tp * (1.0 + alpha) ** 0.25
    g = gstar(Tstar)
    kappa = alpha / (0.73 + 0.083 * math.sqrt(alpha) + alpha)
    K = kappa * alpha / (1.0 + alpha)
    Uf = math.sqrt(0.75 * K)
    upsilon = 1.0 - 1.0 / math.sqrt(1.0 + 2.0 * HR / Uf)
    fsw = 2.6e-5 / HR * (Tstar / 100.0) * (g / 100.0) ** (1.0 / 6.0)
    x = np.asarray(f) / fsw
    return 4.13e-7 * HR * upsilon * K * K * (100.0 / g) ** (1.0 / 3.0) * x ** 3 * (7.0 / (4.0 + 3.0 * x * x)) ** 3.5


def sw_psd(f, Tspan, log10_Tp_GeV, log10_alpha, log10_HR):
    """ρ²(f) for ceffyl: h²Ω = 8π⁴ f⁵ T ρ²/H100² (PTArcade's omega2cross)."""
    # ceffyl passes each parameter as a 1-element array; the result takes the shape its power laws would have.
    scalar = [float(np.ravel(x)[0]) for x in (log10_Tp_GeV, log10_alpha, log10_HR)]
    omega = sw_h2omega(f, 10.0 ** scalar[0], 10.0 ** scalar[1], 10.0 ** scalar[2])
    rho2 = omega * H100 ** 2 / (8.0 * np.pi ** 4 * np.asarray(f) ** 5 * Tspan)
    return np.broadcast_to(rho2, np.broadcast(np.asarray(log10_Tp_GeV), np.asarray(f)).shape)


def check_sw_against_supercool():
    """The Python template against `supercool spectrum` (direct mode) at T_p = 12.5 MeV, α = 340, H*R* = 0.2."""
    out = subprocess.run([os.path.join(REPO, ".build", "release", "supercool"), "spectrum", "--Tp", "0.0125", "--alpha", "340",
                          "--HR", "0.2", "--template", "sw", "--fmin", "1e-9", "--fmax", "1e-7", "--points", "41", "--format", "json"],
                         capture_output=True, text=True, check=True)
    j = json.loads(out.stdout)
    ours = sw_h2omega(np.array(j["f_Hz"]), 0.0125, 340.0, 0.2)
    worst = float(np.max(np.abs(ours / np.array(j["h2Omega_GW"]) - 1.0)))
    print("sw template: Python (this script) vs supercool spectrum at T_p = 12.5 MeV, α = 340, H*R* = 0.2, 41 frequencies "
          "in [1e-9, 1e-7] Hz: max |relative difference| = %.2e (g* %.4f vs %.4f)" % (worst, gstar(0.0125 * 341 ** 0.25), j["gstar"]))
    if worst > 1e-3:
        sys.exit("sw template check FAILED (> 1e-3)")


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
    extra = ["--template", "sw"] if model == "pt" else []
    out = subprocess.run([os.path.join(REPO, ".build", "release", "supercool"), "infer", "--model", model, "--data", "ng15",
                          "--bins", str(NBINS), "--seed", str(seed), "--format", "json", "--quiet"] + extra, capture_output=True, text=True, check=True)
    j = json.loads(out.stdout)
    return j["lnZ"], j["lnZ_error"], [p["mean"] for p in j["parameters"]]


def main():
    grid = np.load(os.path.join(DATA, "log10rhogrid.npy"))
    offset = NBINS * math.log(grid[1] - grid[0])
    print("NANOGrav 15-yr HD, %d bins; ceffyl's constant N ln d = %.4f (ln Z_ceffyl − ln Z_supercool should equal it)" % (NBINS, offset))
    check_sw_against_supercool()
    results = {}
    for model, psd, names, bounds in [("powerlaw", powerlaw, ["log10_A", "gamma"], [(-18, -11), (0, 7)]),
                                      ("smbhb", smbhb, ["log10_A"], [(-18, -11)]),
                                      ("pt", sw_psd, PT_NAMES, PT_BOUNDS)]:
        z, ze, mean = run_dynesty(psd, names, bounds, seed=1)
        sz, sze, smean = run_supercool(model, seed=1)
        results[model] = (z, ze, sz, sze)
        print("%-9s dynesty+ceffyl ln Z = %.3f ± %.3f (− offset: %.3f)   supercool ln Z = %.3f ± %.3f   difference %.3f (%.1f σ)"
              % (model, z, ze, z - offset, sz, sze, (z - offset) - sz, abs((z - offset) - sz) / math.hypot(ze, sze)))
        print("          posterior means: dynesty %s   supercool %s" % (["%.3f" % m for m in mean], ["%.3f" % m for m in smean]))
    (z1, e1, s1, f1), (z2, e2, s2, f2), (z3, e3, s3, f3) = results["powerlaw"], results["smbhb"], results["pt"]
    print("ln B(powerlaw vs smbhb): dynesty+ceffyl %.3f ± %.3f   supercool %.3f ± %.3f" % (z1 - z2, math.hypot(e1, e2), s1 - s2, math.hypot(f1, f2)))
    print("ln B(pt sw vs smbhb):    dynesty+ceffyl %.3f ± %.3f   supercool %.3f ± %.3f" % (z3 - z2, math.hypot(e3, e2), s3 - s2, math.hypot(f3, f2)))


if __name__ == "__main__":
    main()
