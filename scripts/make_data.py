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
  Data/pta/ng15_curn.csv         densities) at ceffyl's own log10 rho grid, no resampling:
  Data/pta/epta_dr2new_hd.csv    ln p rounded to 6 decimals, KDE-floor cells left out
  Data/pta/ppta_dr3_hd.csv       (PPTA: cut below its chain's prior edge, see PRIOR_EDGE_MIN_GAP)
  Data/pta/*.bin                 the same tables in a compact binary form made from the CSV text
                                 (what the program loads: no text parsing), checked to read back
                                 to the CSV's numbers bit for bit

Needs numpy and scipy.  Exits non-zero if the g* check fails or a written PTA table does not
reproduce the raw cells within 1e-6; the PTA checks print ln L from the tables against ceffyl's
evaluation rule on the raw arrays (see Data/README.md).
"""

import argparse
import math
import os
import struct
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
    # raw folder, short name, description, source
    ("ng15_30f_fs_hd_ceffyl", "ng15_hd",
     "NANOGrav 15-yr (v1.1) free spectrum, Hellings-Downs correlated (model 3A, 30fCP_30fiRN)",
     "ceffyl KDE density from andrea-mitridate/PTArcade commit 5c108ce2 src/ptarcade/data/30f_fs{hd}_ceffyl/"
     " (= astrolamb/ceffyl data/NG15/fs3A); arXiv:2306.16213, 2306.16219, 2303.15442; MIT"),
    ("ng15_30f_fs_curn_ceffyl", "ng15_curn",
     "NANOGrav 15-yr (v1.1) free spectrum, CURN / no correlations (model 2A, 30fCP_30fiRN)",
     "ceffyl KDE density from andrea-mitridate/PTArcade commit 5c108ce2 src/ptarcade/data/30f_fs{cp}_ceffyl/"
     " (= astrolamb/ceffyl data/NG15/fs2A); arXiv:2306.16213, 2306.16219, 2303.15442; MIT"),
    ("epta_dr2new_20f_fs_hd_ceffyl", "epta_dr2new_hd",
     "EPTA DR2new (25 pulsars) free spectrum, Hellings-Downs correlated (IPTA 3P+ run by W. Lamb,"
     " not an EPTA-collaboration file)",
     "ceffyl KDE density from astrolamb/ceffyl data/epta_dr2_new_hd/ (HEAD ad5fda4c); arXiv:2306.16214,"
     " 2309.00693, 2303.15442; MIT. NOTE: T_obs = 11.04 yr is the span this density was made with"
     " (EPTA papers use 10.33 yr)"),
    ("ppta_dr3_40f_fs_hd_ceffyl", "ppta_dr3_hd",
     "PPTA DR3 free spectrum, Hellings-Downs correlated (IPTA 3P+ run)",
     "ceffyl KDE density from astrolamb/ceffyl data/ppta_dr3_hd/ (HEAD ad5fda4c); arXiv:2306.16215,"
     " 2303.15442; MIT"),
]

# ln p is written with 6 decimals: the table reproduces the raw ln p within 5e-7 per cell.
LNP_DECIMALS = 6
LNP_TOL = 1e-6

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


FYR = 1.0 / (365.25 * 86400.0)


def make_pta(raw_dir):
    """Write each raw ceffyl density at its native grid (no resampling): see Data/README.md for the format."""
    outdir = os.path.join(DATA_DIR, "pta")
    os.makedirs(outdir, exist_ok=True)
    ok = True
    tables = {}
    for folder, short, desc, source in PTA_SETS:
        d = os.path.join(raw_dir, "pta", folder)
        freqs = np.load(os.path.join(d, "freqs.npy"))
        grid = np.load(os.path.join(d, "log10rhogrid.npy"))
        dens = np.load(os.path.join(d, "density.npy"))
        assert dens.ndim == 3 and dens.shape[0] == 1, dens.shape
        dens = np.nan_to_num(dens[0], nan=-36.0)  # as ceffyl does; the raw tables hold no NaN
        nf, ng = dens.shape
        assert nf == len(freqs) and ng == len(grid)
        T_obs = 1.0 / freqs[0]
        kk = np.arange(1, nf + 1)
        if np.max(np.abs(freqs * T_obs - kk)) > 1e-9:
            sys.exit("%s: freqs are not k/T_obs" % folder)
        # The raw grid is numpy.linspace(grid[0], grid[-1], ng) exactly; the table states it as such.
        if not np.array_equal(grid, np.linspace(grid[0], grid[-1], ng)):
            sys.exit("%s: log10rhogrid is not numpy.linspace(start, stop, count)" % folder)
        floor = float(dens.min())

        j0 = 0
        cut, prior_edge = prior_edge_start(grid, dens, np.load(os.path.join(d, "bandwidths.npy")))
        if cut is not None:
            j0 = int(np.searchsorted(grid, cut - 1e-9))
            print("pta %-15s chain prior edge at log10 rho = %.2f inside the grid: table starts at raw cell %d"
                  " (log10 rho = %.4f)" % (short, prior_edge, j0, grid[j0]))
        cgrid = grid[j0:]
        if not np.array_equal(cgrid, np.linspace(cgrid[0], cgrid[-1], len(cgrid))):
            # Within 1 ulp: the cut grid is then restated as a linspace of its own ends.
            dev = np.max(np.abs(cgrid - np.linspace(cgrid[0], cgrid[-1], len(cgrid))))
            assert dev < 1e-12, dev
        cdens = dens[:, j0:]
        count = len(cgrid)

        out = os.path.join(outdir, short + ".csv")
        with open(out, "w") as fh:
            fh.write("# dataset: %s\n" % desc)
            fh.write("# source: %s\n" % source)
            fh.write("# raw: %s/{freqs,log10rhogrid,density}.npy (%d bins x %d grid points, step %.6g dex)\n"
                     % (folder, nf, ng, grid[1] - grid[0]))
            fh.write("# transform: scripts/make_data.py; ceffyl's own grid (no resampling), ln p rounded to %d decimals;"
                     " cells at the KDE floor are empty fields or lie outside the stored run\n" % LNP_DECIMALS)
            if cut is not None:
                fh.write("# cut: the chain's prior starts at log10rho = %.2f; the table starts at raw cell %d, past that edge's"
                         " KDE boundary layer (raw start %r), so below it the likelihood uses the lowest cell\n"
                         % (prior_edge, j0, float(grid[0])))
            fh.write("# T_obs_s: %s\n" % repr(float(T_obs)))
            fh.write("# n_bins: %d\n" % nf)
            fh.write("# log10rho_linspace: %s,%s,%d\n" % (repr(float(cgrid[0])), repr(float(cgrid[-1])), count))
            fh.write("# floor_lnp: %s\n" % repr(floor))
            fh.write("# evaluation: ceffyl's: cell j holds (g_j - d/2, g_j + d/2], d = g_1 - g_0; below the grid cell 0,"
                     " above g_last + d/2 ln L = -inf\n")
            fh.write("# columns: bin k (1-based, f_k = k/T_obs), f_Hz, first = grid index of the first stored cell, then"
                     " ln p of log10(rho_k/s) at cells first, first+1, ...; an empty field is floor_lnp, and so is every"
                     " cell before first or after the last field\n")
            fh.write("bin,f_Hz,first,lnp...\n")
            for k in range(nf):
                row = cdens[k]
                live = np.nonzero(row != floor)[0]
                first, last = (int(live[0]), int(live[-1])) if len(live) else (0, -1)
                fields = ["" if v == floor else _lnp_text(v) for v in row[first:last + 1]]
                fh.write("%d,%.10e,%d," % (k + 1, freqs[k], first) + ",".join(fields) + "\n")

        # Verification from the written file: the expanded table against the raw cells it keeps.
        T_r, (s0, s1, cnt), fl, rows, fr = read_pta_csv(out)
        # The binary form, made from the CSV text, must read back to the very same doubles.
        out_bin = os.path.join(outdir, short + ".bin")
        write_pta_bin(out, out_bin)
        Tb, linb, flb, rowsb, frb = read_pta_bin(out_bin)
        same = (Tb == T_r and linb == (s0, s1, cnt) and flb == fl and rowsb.shape == rows.shape
                and np.array_equal(rowsb.view(np.uint64), rows.view(np.uint64)) and np.array_equal(frb.view(np.uint64), fr.view(np.uint64)))
        print("pta %-15s binary form %s: %.2f MB, %s the CSV bit for bit"
              % (short, os.path.basename(out_bin), os.path.getsize(out_bin) / 1e6, "equals" if same else "DIFFERS FROM"))
        if not same:
            ok = False
        rgrid = np.linspace(s0, s1, cnt)
        err = float(np.max(np.abs(rows - cdens)))
        norm_dev = max(abs(np.sum(np.exp(dens[k])) * (grid[1] - grid[0]) - 1) for k in range(nf))
        size = os.path.getsize(out)
        print("pta %-15s %2d bins, T_obs = %r s, grid linspace(%r, %r, %d), %d raw points, %s"
              % (short, nf, T_r, s0, s1, cnt, ng, "%.2f MB" % (size / 1e6)))
        print("    max |d ln p| vs the raw cells: %.1e (tol %.0e); %.1f%% of cells at the floor %.6f;"
              " max |sum(p)*dgrid - 1| (raw) = %.2e" % (err, LNP_TOL, 100.0 * np.mean(rows == fl), fl, norm_dev))
        if err > LNP_TOL or np.max(np.abs(rgrid - cgrid)) > 1e-12:
            print("    FAILED: the written table does not reproduce the raw cells")
            ok = False
        tables[short] = dict(T=T_r, grid=rgrid, lnp=rows, freqs=fr, raw=(grid, dens, freqs))
    return ok, tables


def _lnp_text(v):
    """ln p with LNP_DECIMALS decimals; never "-0.000000" (its integer form, which the binary stores, has no sign)."""
    t = "%.*f" % (LNP_DECIMALS, v)
    return t[1:] if t.startswith("-") and float(t) == 0 else t


PTA_BIN_MAGIC = b"SCPTA01\n"
PTA_BIN_FLOOR = -2 ** 31


def write_pta_bin(csv_path, bin_path):
    """The compact binary form of a Data/pta CSV (layout in Data/README.md), made from the CSV's own text: each ln p
    field "-3.295975" is stored as the integer m = -3295975 (its digits without the point), which reads back as m/10^6,
    the same correctly rounded double as the text; an empty field (a floor cell inside a run) as -2^31."""
    header, bins = {}, []
    with open(csv_path) as fh:
        for line in fh:
            if line.startswith("#"):
                if ":" in line:
                    key, val = line[1:].split(":", 1)
                    header[key.strip()] = val.strip()
                continue
            if line.startswith("bin,"):
                continue
            f = line.rstrip("\n").split(",")
            fields = [] if f[3:] == [""] else f[3:]
            micro = []
            for x in fields:
                if x == "":
                    micro.append(PTA_BIN_FLOOR)
                    continue
                whole, dot, frac = x.partition(".")
                m = int(whole + frac)
                assert dot and len(frac) == LNP_DECIMALS and not (m == 0 and x.startswith("-")), x
                assert float(x) == m / 10 ** LNP_DECIMALS and -2 ** 31 < m < 2 ** 31, x
                micro.append(m)
            bins.append((float(f[1]), int(f[2]), micro))
    s0, s1, cnt = header["log10rho_linspace"].split(",")
    out = bytearray(PTA_BIN_MAGIC)
    out += struct.pack("<dddiid", float(header["T_obs_s"]), float(s0), float(s1), int(cnt), len(bins), float(header["floor_lnp"]))
    for f, first, micro in bins:
        out += struct.pack("<dii", f, first, len(micro))
    for _, _, micro in bins:
        out += np.array(micro, dtype="<i4").tobytes()
    # A new file moved into place, never rewritten in place: a running supercool keeps the old one mapped, and a file
    # changing under a mapping can kill that process (SIGBUS).
    tmp_path = bin_path + ".tmp"
    with open(tmp_path, "wb") as fh:
        fh.write(bytes(out))
    os.replace(tmp_path, bin_path)


def read_pta_bin(path):
    """Reads the binary form back, like read_pta_csv (and like the Swift loader)."""
    with open(path, "rb") as fh:
        data = fh.read()
    assert data[:8] == PTA_BIN_MAGIC, path
    T_obs, s0, s1, cnt, nb, floor = struct.unpack_from("<dddiid", data, 8)
    entries = [struct.unpack_from("<dii", data, 48 + 16 * k) for k in range(nb)]
    offset = 48 + 16 * nb
    rows, freqs = [], []
    for f, first, n in entries:
        m = np.frombuffer(data, dtype="<i4", count=n, offset=offset).astype(np.int64)
        offset += 4 * n
        row = np.full(cnt, floor)
        row[first:first + n] = np.where(m == PTA_BIN_FLOOR, floor, m / 10.0 ** LNP_DECIMALS)
        rows.append(row)
        freqs.append(f)
    assert offset == len(data), path
    return T_obs, (s0, s1, cnt), floor, np.array(rows), np.array(freqs)


def read_pta_csv(path):
    """Reads a Data/pta table back into a dense (bins x count) array, as the Swift loader does."""
    T_obs = lin = floor = None
    rows, freqs = [], []
    with open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                if line.startswith("# T_obs_s:"):
                    T_obs = float(line.split(":", 1)[1])
                elif line.startswith("# log10rho_linspace:"):
                    a, b, c = line.split(":", 1)[1].split(",")
                    lin = (float(a), float(b), int(c))
                elif line.startswith("# floor_lnp:"):
                    floor = float(line.split(":", 1)[1])
                continue
            if line.startswith("bin,"):
                continue
            f = line.rstrip("\n").split(",")
            first = int(f[2])
            row = np.full(lin[2], floor)
            vals = [floor if x == "" else float(x) for x in f[3:]]
            if vals == [floor]:  # a bin entirely at the floor writes one empty field
                vals = []
            row[first:first + len(vals)] = vals
            rows.append(row)
            freqs.append(float(f[1]))
    return T_obs, lin, floor, np.array(rows), np.array(freqs)


def log10rho_powerlaw(freqs, T_obs, log10A, gamma):
    """0.5 log10 rho^2 of h_c = A (f/f_yr)^((3-gamma)/2): rho^2 = A^2/(12 pi^2) f_yr^(gamma-3) f^-gamma / T."""
    return 0.5 * np.log10((10.0 ** log10A) ** 2 / 12.0 / np.pi ** 2 * FYR ** (gamma - 3) * freqs ** (-gamma) / T_obs)


def lnL_ceffyl(grid, dens, log10rho):
    """ceffyl 1.41 Ceffyl.ln_likelihood on the bins given, without its + ln(dgrid) per bin: bin edges
    grid - d/2 (and the last + d/2), idx = searchsorted(edges, x) - 1, idx < 0 -> 0, idx >= count -> -inf."""
    db = grid[1] - grid[0]
    edges = np.append(grid - 0.5 * db, grid[-1] + 0.5 * db)
    idx = np.searchsorted(edges, log10rho) - 1
    if np.any(idx >= len(grid)):
        return -np.inf
    idx[idx < 0] = 0
    return float(np.sum(dens[np.arange(len(log10rho)), idx]))


def lnL_table(table, log10rho):
    """The same rule on a Data/pta table (what PTALikelihood does)."""
    return lnL_ceffyl(table["grid"], table["lnp"][:len(log10rho)], log10rho)


def check_pta(tables):
    """ln L from the written tables against ceffyl's rule on the raw arrays, over a power-law scan."""
    for short, nb in (("ng15_hd", 14), ("ng15_curn", 14), ("epta_dr2new_hd", 9), ("ppta_dr3_hd", 14)):
        t = tables[short]
        rgrid, rdens, rfreqs = t["raw"]
        diffs, n_inf, n_below = [], 0, 0
        g0 = t["grid"][0] - 0.5 * (t["grid"][1] - t["grid"][0])
        for gamma in np.arange(2.0, 6.5001, 0.25):
            for log10A in np.arange(-15.5, -13.4999, 0.01):
                x = log10rho_powerlaw(t["freqs"][:nb], t["T"], log10A, gamma)
                if np.any(x <= g0) and t["grid"][0] > rgrid[0]:
                    n_below += 1  # below a cut table's start (PPTA): deliberately not ceffyl's floor cell
                    continue
                a = lnL_table(t, x)
                b = lnL_ceffyl(rgrid, rdens[:nb], log10rho_powerlaw(rfreqs[:nb], 1.0 / rfreqs[0], log10A, gamma))
                if np.isfinite(a) and np.isfinite(b):
                    diffs.append(a - b)
                elif np.isfinite(a) != np.isfinite(b):
                    n_inf += 1
        diffs = np.array(diffs)
        print("check %-15s %2d bins, power laws gamma 2..6.5, log10A -15.5..-13.5 (%d finite): this table - ceffyl's rule"
              " on the raw table (without ln dgrid) in [%.2e, %.2e]; finite/-inf disagreements: %d%s"
              % (short, nb, len(diffs), diffs.min(), diffs.max(), n_inf,
                 "; %d below the cut start left out" % n_below if n_below else ""))
    t = tables["ng15_hd"]
    print("check NG15 HD power law, first 14 bins, ceffyl's evaluation without ln(dgrid) (README table):")
    for log10A, gamma in ((-14.62, 13.0 / 3.0), (-15.00, 13.0 / 3.0), (-14.19, 13.0 / 3.0), (-14.19, 3.20)):
        v = lnL_table(t, log10rho_powerlaw(t["freqs"][:14], t["T"], log10A, gamma))
        print("    log10A %-7.2f gamma %-6.3f ln L = %.3f" % (log10A, gamma, v))
    gam, la = np.meshgrid(np.arange(2.0, 6.5001, 0.05), np.arange(-15.5, -13.5001, 0.005), indexing="ij")
    L = np.array([[lnL_table(t, log10rho_powerlaw(t["freqs"][:14], t["T"], a, g)) for a, g in zip(ra, rg)]
                  for ra, rg in zip(la, gam)])
    i = np.unravel_index(np.argmax(L), L.shape)
    print("    scan gamma 2..6.5 (0.05), log10A -15.5..-13.5 (0.005): argmax (gamma, log10A) = (%.2f, %.3f), ln L = %.3f"
          % (gam[i], la[i], L[i]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("raw_dir", nargs="?", default=DEFAULT_RAW,
                    help="raw reference data folder (default: %(default)s)")
    ap.add_argument("--gstar-per-decade", type=int, default=GSTAR_POINTS_PER_DECADE,
                    help="g* grid points per decade of T (default: %(default)s)")
    args = ap.parse_args()
    raw = os.path.abspath(args.raw_dir)
    print("raw data: %s" % raw)
    os.makedirs(DATA_DIR, exist_ok=True)

    ok = make_gstar(raw, args.gstar_per_decade)
    ok_pta, tables = make_pta(raw)
    ok = ok and ok_pta
    check_pta(tables)

    total = 0
    for root, _, files in os.walk(DATA_DIR):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    print("Data/ total size: %.2f MB" % (total / 1e6))
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
