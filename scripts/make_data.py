#!/usr/bin/env python3
"""Derive the compact tables in Data/ from the raw reference data.

Usage (from the repository root):

    python3 scripts/make_data.py [RAW_DIR]

RAW_DIR defaults to <repo_root>/../shared/data.  The raw data are only read
here; the project itself reads nothing but the derived files in Data/, which
are committed.  Every table is resampled or converted, never copied verbatim.

Outputs
  Data/gstar_sm.csv              g_*rho(T), g_*s(T): Saikawa & Shirai (2020 tables),
                                 PCHIP-resampled to 100 points per decade in log10 T.
  Data/pta/ng15_hd.csv           ln p_k(log10 rho) of PTA free spectra (ceffyl KDE
  Data/pta/ng15_curn.csv         densities), linearly resampled onto a uniform
  Data/pta/epta_dr2new_hd.csv    log10 rho grid (0.0025 dex; PPTA: 0.01 dex).
  Data/pta/ppta_dr3_hd.csv       (PPTA: cut below its chain's prior edge, see PRIOR_EDGE_MIN_GAP)

Needs numpy and scipy.  Exits non-zero if the g* check fails; the PTA checks print their figures
and warn (the raw KDE tails cannot be resampled within 0.02 in ln p: see Data/README.md).
"""

import argparse
import math
import os
import sys

import numpy as np
from scipy.interpolate import PchipInterpolator

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(SCRIPT_DIR)
DATA_DIR = os.path.join(REPO_ROOT, "Data")
DEFAULT_RAW = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data"))

# ---------------------------------------------------------------------------
# 1. g*(T)
# ---------------------------------------------------------------------------

GSTAR_POINTS_PER_DECADE = 100  # 50/decade misses the 1e-3 tolerance at the QCD crossover
GSTAR_TOL = 1e-3


def make_gstar(raw_dir, n=GSTAR_POINTS_PER_DECADE):
    src = os.path.join(raw_dir, "gstar", "saikawa_shirai_2020_gstar.dat")
    raw = np.loadtxt(src, comments="#")
    T, g_s, g_rho = raw[:, 0], raw[:, 2], raw[:, 3]
    if np.any(np.diff(T) <= 0):
        sys.exit("gstar: raw T column is not strictly increasing")
    lt = np.log10(T)

    # Uniform grid log10 T = k / n, clipped to the raw range.
    k0 = math.ceil(lt[0] * n - 1e-9)
    k1 = math.floor(lt[-1] * n + 1e-9)
    lgrid = np.arange(k0, k1 + 1) / n
    Tgrid = 10.0 ** lgrid

    rho_raw = PchipInterpolator(lt, g_rho)
    s_raw = PchipInterpolator(lt, g_s)
    g_rho_new = rho_raw(lgrid)
    g_s_new = s_raw(lgrid)

    out = os.path.join(DATA_DIR, "gstar_sm.csv")
    with open(out, "w") as fh:
        fh.write("# Standard Model effective degrees of freedom g_*rho(T) and g_*s(T).\n")
        fh.write("# Source: K. Saikawa and S. Shirai, arXiv:1803.01038 (JCAP 05 (2018) 035), 2020 update of\n")
        fh.write("#   their tables, as distributed in PTArcade (andrea-mitridate/PTArcade, src/ptarcade/data/g_star.dat,\n")
        fh.write("#   commit 2473ce8, MIT licence).\n")
        fh.write("# Resampled by scripts/make_data.py: monotone PCHIP interpolation in log10(T) onto the uniform grid\n")
        fh.write("#   log10(T/GeV) = k/%d, k = %d..%d (%d points, %d per decade), clipped to the raw T range\n"
                 % (n, k0, k1, len(lgrid), n))
        fh.write("#   [%.7e, %.7e] GeV. The raw f[Hz] column is dropped.\n" % (T[0], T[-1]))
        fh.write("# Units: T in GeV; g_rho and g_s dimensionless. Interpolate in log10(T) (monotone cubic).\n")
        fh.write("T_GeV,g_rho,g_s\n")
        for t, gr, gs in zip(Tgrid, g_rho_new, g_s_new):
            fh.write("%.10e,%.8f,%.8f\n" % (t, gr, gs))

    # Verification: re-read the written file (as the Swift side would), PCHIP
    # back onto the raw T's (clamped to the table range), compare.
    back = _read_csv(out)
    lt_tab = np.log10(back[:, 0])
    rho_tab = PchipInterpolator(lt_tab, back[:, 1])
    s_tab = PchipInterpolator(lt_tab, back[:, 2])
    ltc = np.clip(lt, lt_tab[0], lt_tab[-1])
    dev_rho = np.max(np.abs(rho_tab(ltc) / g_rho - 1))
    dev_s = np.max(np.abs(s_tab(ltc) / g_s - 1))
    print("gstar: %d raw points, T in [%.4e, %.4e] GeV -> %d points (log10 T = %g .. %g)"
          % (len(T), T[0], T[-1], len(lgrid), lgrid[0], lgrid[-1]))
    print("gstar: max rel. deviation vs raw points: g_rho %.3e, g_s %.3e (tol %.0e)"
          % (dev_rho, dev_s, GSTAR_TOL))
    for T_MeV, ref in ((12.4, 10.79), (22.3, 11.58)):
        v = float(rho_tab(np.log10(T_MeV * 1e-3)))
        print("gstar: g_rho(T = %.1f MeV) = %.4f   (raw README: %.2f)" % (T_MeV, v, ref))
    ok = dev_rho < GSTAR_TOL and dev_s < GSTAR_TOL
    if not ok:
        print("gstar: FAILED tolerance")
    return ok


def _read_csv(path):
    rows = []
    with open(path) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if line[0].isalpha():  # header
                continue
            rows.append([float(x) for x in line.split(",")])
    return np.array(rows)


# ---------------------------------------------------------------------------
# 2. PTA free-spectrum densities
# ---------------------------------------------------------------------------

PTA_SETS = [
    # raw folder, short name, step (dex), description, source
    ("ng15_30f_fs_hd_ceffyl", "ng15_hd", 0.0025,
     "NANOGrav 15-yr (v1.1) free spectrum, Hellings-Downs correlated (model 3A, 30fCP_30fiRN)",
     "ceffyl KDE density from andrea-mitridate/PTArcade commit 5c108ce2 src/ptarcade/data/30f_fs{hd}_ceffyl/"
     " (= astrolamb/ceffyl data/NG15/fs3A); arXiv:2306.16213, 2306.16219, 2303.15442; MIT"),
    ("ng15_30f_fs_curn_ceffyl", "ng15_curn", 0.0025,
     "NANOGrav 15-yr (v1.1) free spectrum, CURN / no correlations (model 2A, 30fCP_30fiRN)",
     "ceffyl KDE density from andrea-mitridate/PTArcade commit 5c108ce2 src/ptarcade/data/30f_fs{cp}_ceffyl/"
     " (= astrolamb/ceffyl data/NG15/fs2A); arXiv:2306.16213, 2306.16219, 2303.15442; MIT"),
    ("epta_dr2new_20f_fs_hd_ceffyl", "epta_dr2new_hd", 0.0025,
     "EPTA DR2new (25 pulsars) free spectrum, Hellings-Downs correlated (IPTA 3P+ run by W. Lamb,"
     " not an EPTA-collaboration file)",
     "ceffyl KDE density from astrolamb/ceffyl data/epta_dr2_new_hd/ (HEAD ad5fda4c); arXiv:2306.16214,"
     " 2309.00693, 2303.15442; MIT. NOTE: T_obs = 11.04 yr is the span this density was made with"
     " (EPTA papers use 10.33 yr)"),
    ("ppta_dr3_40f_fs_hd_ceffyl", "ppta_dr3_hd", 0.01,
     "PPTA DR3 free spectrum, Hellings-Downs correlated (IPTA 3P+ run)",
     "ceffyl KDE density from astrolamb/ceffyl data/ppta_dr3_hd/ (HEAD ad5fda4c); arXiv:2306.16215,"
     " 2303.15442; MIT"),
]

LNP_CHECK_ABOVE = -20.0
LNP_TOL = 0.02

# A chain whose prior starts inside the grid (PPTA DR3: log10 rho >= -9 while the grid starts at -15.5)
# leaves only the KDE floor (-36.04) below its prior edge, so ceffyl's "below the grid = lowest cell" would
# score "no signal in this bin" as excluded by 36 per bin. Such a table is cut to start where every bin is
# past the KDE boundary layer of that edge: lowest supported point + 2 sqrt(5) h (the Epanechnikov kernel
# reaches sqrt(5) h on each side), so that "lowest cell" continues the posterior flat from the prior edge,
# the upper-limit behaviour the likelihood intends. Applied only when every bin's support starts more than
# PRIOR_EDGE_MIN_GAP dex above the grid start (NG15, EPTA: support reaches the grid start; not cut).
PRIOR_EDGE_MIN_GAP = 0.5
EPANECHNIKOV_HALF_WIDTH = math.sqrt(5.0)


def prior_edge_start(grid, dens, bandwidths):
    """Grid start past the prior edge's KDE boundary layer, or None if the support reaches the grid start."""
    floor = dens.min()
    edges = []
    for k in range(dens.shape[0]):
        above = np.nonzero(dens[k] > floor + 1.0)[0]
        edges.append(grid[above[0]])
    edges = np.array(edges)
    if np.min(edges) - grid[0] <= PRIOR_EDGE_MIN_GAP:
        return None, None
    prior_edge = float(np.median(edges + EPANECHNIKOV_HALF_WIDTH * bandwidths))
    return float(np.max(edges + 2 * EPANECHNIKOV_HALF_WIDTH * bandwidths)), prior_edge


def _fmt_step(x):
    return repr(float(x))


def make_pta(raw_dir, step_override=None):
    outdir = os.path.join(DATA_DIR, "pta")
    os.makedirs(outdir, exist_ok=True)
    ok = True
    tables = {}
    for folder, short, step, desc, source in PTA_SETS:
        d = os.path.join(raw_dir, "pta", folder)
        if step_override is not None and short != "ppta_dr3_hd":
            step = step_override
        freqs = np.load(os.path.join(d, "freqs.npy"))
        grid = np.load(os.path.join(d, "log10rhogrid.npy"))
        dens = np.load(os.path.join(d, "density.npy"))
        assert dens.ndim == 3 and dens.shape[0] == 1, dens.shape
        dens = dens[0]
        nf, ng = dens.shape
        assert nf == len(freqs) and ng == len(grid)
        T_obs = 1.0 / freqs[0]
        kk = np.arange(1, nf + 1)
        if np.max(np.abs(freqs * T_obs - kk)) > 1e-9:
            sys.exit("%s: freqs are not k/T_obs" % folder)

        start, stop = float(grid[0]), float(grid[-1])
        cut, prior_edge = prior_edge_start(grid, dens, np.load(os.path.join(d, "bandwidths.npy")))
        if cut is not None:
            start = start + step * math.ceil((cut - start) / step - 1e-9)
            print("pta %-15s chain prior edge at log10 rho = %.2f inside the grid: table starts at %.3f" % (short, prior_edge, start))
        nint = (stop - start) / step
        count = int(round(nint)) + 1
        if abs(nint - (count - 1)) > 1e-6:
            sys.exit("%s: grid range %.6g is not a multiple of step %g" % (folder, stop - start, step))
        # Round start to the step's decimals so that the header is exact.
        start = round(start, 6)
        cgrid = start + step * np.arange(count)
        cdens = np.empty((nf, count))
        for k in range(nf):
            cdens[k] = np.interp(cgrid, grid, dens[k])

        out = os.path.join(outdir, short + ".csv")
        with open(out, "w") as fh:
            fh.write("# dataset: %s\n" % desc)
            fh.write("# source: %s\n" % source)
            fh.write("# raw: %s/{freqs,log10rhogrid,density}.npy (%d bins x %d grid points, step %.6g dex)\n"
                     % (folder, nf, ng, (stop - grid[0]) / (ng - 1)))
            fh.write("# transform: scripts/make_data.py, ln p linearly interpolated onto the grid below;"
                     " floor values (~ -36.04) kept\n")
            if cut is not None:
                fh.write("# cut: the chain's prior starts at log10rho = %.2f; the grid starts past that edge's KDE"
                         " boundary layer (raw start %r), so below it the likelihood uses the lowest cell\n"
                         % (prior_edge, float(grid[0])))
            fh.write("# T_obs_s: %s\n" % repr(float(T_obs)))
            fh.write("# n_bins: %d\n" % nf)
            fh.write("# log10rho_grid: %s,%s,%d\n" % (repr(start), _fmt_step(step), count))
            fh.write("# columns: bin k (1-based, f_k = k/T_obs), f_Hz, then lnp_j = natural log of the posterior"
                     " density of log10(rho_k/s) at log10rho = start + j*step, j = 0..count-1\n")
            fh.write("bin,f_Hz," + ",".join("lnp_%d" % j for j in range(count)) + "\n")
            for k in range(nf):
                fh.write("%d,%.10e," % (k + 1, freqs[k]))
                fh.write(",".join("%.6f" % v for v in cdens[k]))
                fh.write("\n")

        # Verification from the written file: interpolate the coarse table back
        # onto the raw grid (linearly) and compare ln p where raw ln p > -20.
        T_r, g0, gstep, gcount, rows = read_pta_csv(out)
        rgrid = g0 + gstep * np.arange(gcount)
        err, err_at, n_chk, n_bad, core_err, norm_dev = 0.0, None, 0, 0, 0.0, 0.0
        kept = grid >= rgrid[0] - 1e-12
        for k in range(nf):
            back = np.interp(grid, rgrid, rows[k, 2:])
            e = np.abs(back - dens[k])
            m = (dens[k] > LNP_CHECK_ABOVE) & kept
            n_chk += int(m.sum())
            n_bad += int(np.sum(e[m] >= LNP_TOL))
            j = int(np.argmax(np.where(m, e, -1.0)))
            if m[j] and e[j] > err:
                err, err_at = e[j], (k + 1, grid[j], dens[k][j])
            core = (dens[k] > dens[k].max() - 5.0) & kept  # within 5 e-folds of the peak
            core_err = max(core_err, e[core].max())
            norm_dev = max(norm_dev, abs(np.sum(np.exp(rows[k, 2:])) * gstep - 1 + np.sum(np.exp(dens[k][~kept])) * (grid[1] - grid[0])))
        print("pta %-15s %2d bins, T_obs = %r s, grid %r:%r:%d (raw %d pts)"
              % (short, nf, T_r, g0, gstep, gcount, ng))
        print("    max |d ln p| where ln p > %g: %.4f (bin %d, log10rho %.3f, raw ln p %.2f); %d of %d such"
              " raw points (%.2f%%) off by >= %.2f" % (LNP_CHECK_ABOVE, err, err_at[0], err_at[1], err_at[2],
                                                      n_bad, n_chk, 100.0 * n_bad / n_chk, LNP_TOL))
        print("    max |d ln p| within 5 of each bin's peak: %.4f;  max |sum(p)*dgrid - 1| = %.2e"
              % (core_err, norm_dev))
        if err >= LNP_TOL:
            print("    WARNING: target max |d ln p| < %.2f not met (jagged KDE tails, see Data/README.md)"
                  % LNP_TOL)
        tables[short] = (T_r, rgrid, rows, (grid, dens))
    return ok, tables


def read_pta_csv(path):
    T_obs = None
    g = None
    rows = []
    with open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                if line.startswith("# T_obs_s:"):
                    T_obs = float(line.split(":", 1)[1])
                elif line.startswith("# log10rho_grid:"):
                    a, b, c = line.split(":", 1)[1].split(",")
                    g = (float(a), float(b), int(c))
                continue
            if line.startswith("bin,"):
                continue
            rows.append([float(x) for x in line.split(",")])
    return T_obs, g[0], g[1], g[2], np.array(rows)


def lnL_powerlaw(grid, lnp, freqs, T_obs, log10A, gamma, nbins=14):
    """ln L = sum_k ln p_k(log10 rho_k), linear interpolation, no ln(dgrid).

    log10A and gamma may be numpy arrays (broadcast).  Below the grid the lowest
    cell is used (upper-limit behaviour); above it, -inf.
    """
    fyr = 1.0 / (365.25 * 86400.0)
    log10A = np.asarray(log10A, dtype=float)
    gamma = np.asarray(gamma, dtype=float)
    tot = np.zeros(np.broadcast(log10A, gamma).shape)
    for k in range(nbins):
        x = 0.5 * (2 * log10A - math.log10(12 * math.pi ** 2) + (gamma - 3) * math.log10(fyr)
                   - gamma * math.log10(freqs[k]) - math.log10(T_obs))
        tot = tot + np.where(x > grid[-1], -np.inf, np.interp(x, grid, lnp[k]))
    return tot


def lnL_nearest(grid, lnp, freqs, T_obs, log10A, gamma, nbins=14):
    """The same, in ceffyl's nearest-cell convention (without ln dgrid)."""
    fyr = 1.0 / (365.25 * 86400.0)
    dg = grid[1] - grid[0]
    tot = 0.0
    for k in range(nbins):
        x = 0.5 * (2 * log10A - math.log10(12 * math.pi ** 2) + (gamma - 3) * math.log10(fyr)
                   - gamma * math.log10(freqs[k]) - math.log10(T_obs))
        j = min(max(int(round((x - grid[0]) / dg)), 0), len(grid) - 1)
        tot += lnp[k][j]
    return tot


def check_ng15(table):
    T_obs, grid, rows, (rgrid, rdens) = table
    freqs, lnp = rows[:, 1], rows[:, 2:]
    rfreqs = np.arange(1, len(freqs) + 1) / T_obs
    print("check NG15 HD power law, first 14 bins, linear interpolation, without ln(dgrid):")
    print("    %-8s %-6s %10s %10s %12s %10s" % ("log10A", "gamma", "Data/", "raw", "raw nearest", "README"))
    for log10A, gamma, ref in ((-14.62, 13.0 / 3.0, -18.18), (-15.00, 13.0 / 3.0, -57.11),
                               (-14.19, 13.0 / 3.0, -98.99), (-14.19, 3.20, -12.82)):
        v = float(lnL_powerlaw(grid, lnp, freqs, T_obs, log10A, gamma))
        r = float(lnL_powerlaw(rgrid, rdens, rfreqs, T_obs, log10A, gamma))
        rn = lnL_nearest(rgrid, rdens, rfreqs, T_obs, log10A, gamma)
        print("    %-8.2f %-6.3f %10.3f %10.3f %12.3f %10.2f" % (log10A, gamma, v, r, rn, ref))
    # Fidelity over a (gamma, log10A) scan: resampled vs raw table.
    gam, la = np.meshgrid(np.arange(2.0, 6.5001, 0.05), np.arange(-15.5, -13.5001, 0.005), indexing="ij")
    L = lnL_powerlaw(grid, lnp, freqs, T_obs, la, gam)
    R = lnL_powerlaw(rgrid, rdens, rfreqs, T_obs, la, gam)
    d = np.abs(L - R)
    mx = R.max()
    i = np.unravel_index(np.argmax(L), L.shape)
    print("    scan gamma 2..6.5, log10A -15.5..-13.5: max |d lnL| vs raw = %.3f where raw lnL > max-10,"
          " %.3f where > max-30; argmax (gamma, log10A) = (%.2f, %.3f), lnL = %.3f"
          % (d[R > mx - 10].max(), d[R > mx - 30].max(), gam[i], la[i], L[i]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("raw_dir", nargs="?", default=DEFAULT_RAW,
                    help="raw reference data folder (default: %(default)s)")
    ap.add_argument("--gstar-per-decade", type=int, default=GSTAR_POINTS_PER_DECADE,
                    help="g* grid points per decade of T (default: %(default)s)")
    ap.add_argument("--pta-step", type=float, default=None,
                    help="log10 rho step in dex for NG15/EPTA (default 0.0025; PPTA always 0.01)")
    args = ap.parse_args()
    raw = os.path.abspath(args.raw_dir)
    print("raw data: %s" % raw)
    os.makedirs(DATA_DIR, exist_ok=True)

    ok = make_gstar(raw, args.gstar_per_decade)
    ok_pta, tables = make_pta(raw, args.pta_step)
    ok = ok and ok_pta
    check_ng15(tables["ng15_hd"])

    total = 0
    for root, _, files in os.walk(DATA_DIR):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    print("Data/ total size: %.2f MB" % (total / 1e6))
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
