#!/usr/bin/env python3
"""ln L of a few spectra by ceffyl's own evaluation on the raw ceffyl data: the reference numbers of
Tests/PulsarTimingTests/CeffylParityTests.swift.

Usage (from the repository root; RAW_DIR defaults to ../shared/data):

    python3 benchmarks/ceffyl_reference.py [RAW_DIR]

Two evaluations, which must agree:
  * ceffyl itself (PyPI `ceffyl` 1.41.2: `Ceffyl.ceffyl(datadir).add_signals([...]).ln_likelihood(x)`), when it
    imports. Its `enterprise-pulsar` dependency needs scikit-sparse, which does not build here; installing
    `pip install --no-deps ceffyl==1.41.2 enterprise-pulsar` plus numpy and scipy in a venv is enough for
    `Ceffyl.py` to import and run.
  * an independent transcription of ceffyl 1.41.2's `Ceffyl.ln_likelihood` (bin edges g - d/2 and g_last + d/2,
    idx = searchsorted(edges, log10 rho) - 1, idx < 0 -> 0, idx >= count -> -inf, + ln d per bin) over the first
    N bins (ceffyl's `add_signals` sets N_freqs to the largest signal's N_freqs).

ceffyl's value minus Supercool's is the constant  n_table_bins * ln d + sum of the lowest cells of the bins
beyond the N fitted: printed as `offset`.
"""

import math
import os
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RAW = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.normpath(os.path.join(REPO, "..", "shared", "data"))

H100 = 1e5 / 3.0856775814913673e22   # 100 km/s/Mpc in 1/s
FYR = 1.0 / (365.25 * 86400.0)

POWER_LAWS = [(-14.62, 13.0 / 3.0), (-15.00, 13.0 / 3.0), (-14.19, 3.2), (-14.5, 5.5)]
# BP1-like: the sound-wave shape (f/fp)^3 (7/(4 + 3 (f/fp)^2))^3.5 with BP1's peak (supercool spectrum --bp BP1).
BP1_LIKE = (2.3e-8, 5.6e-8)   # h^2 Omega_peak, f_peak [Hz]
SETS = [("ng15_30f_fs_hd_ceffyl", 14), ("epta_dr2new_20f_fs_hd_ceffyl", 9)]


def rho2_powerlaw(f, Tspan, log10_A, gamma):
    return (10.0 ** log10_A) ** 2 / 12.0 / np.pi ** 2 * FYR ** (gamma - 3) * f ** (-gamma) / Tspan


def rho2_bp1(f, Tspan, log10_Omega_p, log10_f_p):
    x = f / 10.0 ** log10_f_p
    h2omega = 10.0 ** log10_Omega_p * x ** 3 * (7.0 / (4.0 + 3.0 * x * x)) ** 3.5
    return H100 ** 2 * h2omega / (8 * np.pi ** 4 * f ** 5 * Tspan)


def independent(datadir, nbins, psd, **params):
    freqs = np.load(os.path.join(datadir, "freqs.npy"))
    grid = np.load(os.path.join(datadir, "log10rhogrid.npy"))
    dens = np.nan_to_num(np.load(os.path.join(datadir, "density.npy"))[0], nan=-36.0)
    db = grid[1] - grid[0]
    edges = np.append(grid - 0.5 * db, grid[-1] + 0.5 * db)
    rho2 = psd(freqs[:nbins], 1.0 / freqs[0], **params)
    with np.errstate(divide="ignore"):
        idx = np.searchsorted(edges, 0.5 * np.log10(rho2)) - 1
    if np.any(idx >= len(grid)):
        return -np.inf
    idx[idx < 0] = 0
    return float(np.sum(dens[np.arange(nbins), idx] + np.log(db)))


def offset(datadir, nbins):
    grid = np.load(os.path.join(datadir, "log10rhogrid.npy"))
    return nbins * math.log(grid[1] - grid[0])


def with_ceffyl(datadir, nbins, psd, **params):
    try:
        from ceffyl import Ceffyl
        from enterprise.signals import parameter
    except Exception as e:  # noqa: BLE001
        return None, "ceffyl not importable (%s)" % type(e).__name__
    names = list(params)
    sig = Ceffyl.signal(N_freqs=nbins, psd=psd, params=[parameter.Uniform(-30, 30)(n) for n in names], name="")
    c = Ceffyl.ceffyl(datadir).add_signals([sig])
    with np.errstate(divide="ignore"):
        return float(c.ln_likelihood(np.array([params[n] for n in names]))), "ceffyl %s" % getattr(
            sys.modules.get("ceffyl"), "__version__", "1.41.2")


def main():
    for folder, nbins in SETS:
        d = os.path.join(RAW, "pta", folder)
        print("%s, %d bins: offset (ceffyl - Supercool) = %.6f" % (folder, nbins, offset(d, nbins)))
        cases = [("powerlaw log10A=%g gamma=%.6g" % (a, g), rho2_powerlaw, dict(log10_A=a, gamma=g)) for a, g in POWER_LAWS]
        cases.append(("BP1-like Omega_p=%g f_p=%g" % BP1_LIKE, rho2_bp1,
                      dict(log10_Omega_p=math.log10(BP1_LIKE[0]), log10_f_p=math.log10(BP1_LIKE[1]))))
        for label, psd, params in cases:
            a = independent(d, nbins, psd, **params)
            b, how = with_ceffyl(d, nbins, psd, **params)
            print("    %-40s independent %.6f   %s %s" % (label, a, how, "%.6f" % b if b is not None else ""))
            if b is not None and abs(a - b) > 1e-9:
                sys.exit("ceffyl and the independent transcription disagree")


if __name__ == "__main__":
    main()
