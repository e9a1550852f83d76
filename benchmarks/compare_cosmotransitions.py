#!/usr/bin/env python3
"""Side-by-side benchmark: CosmoTransitions vs. `supercool bounce`.

For a fixed set of single-field polynomial potentials
    V(phi) = sum_n c_n phi^n,   false vacuum at phi = 0 (c1 = 0, c2 > 0),
and space-time dimensions d = 3 (O(3), alpha = 2) and d = 4 (O(4), alpha = 3),
compute the bounce action with

  * CosmoTransitions: tunneling1D.SingleFieldInstanton(...).findProfile()
    followed by .findAction(profile), timed in-process with
    time.perf_counter;
  * supercool: `$SUPERCOOL bounce --polynomial=c0,...,c4 --dimension d
    --format json --repeat N`, whose JSON reports `median_time_ms`
    (in-process median per bounce).

The two are interleaved: --rounds times (default 5) one CosmoTransitions
bounce, then one supercool call, so that the load of a shared machine falls
on both alike; each round gives a ratio t_CT / t_supercool, and the table
shows the median ratio with its range over the rounds, next to the action
agreement (against CT's default and its tight-tolerance run).

Prints one table and writes it as CSV.  Normally run through
compare_cosmotransitions.sh, which sets up the virtual environment.

Potential family (one parameter b in (0, 1/2)):
    V(phi) = 6 b phi^2 - 4 (1 + b) phi^3 + 3 phi^4
    V'(phi) = 12 phi (phi - b) (phi - 1)
  false vacuum phi = 0 (V = 0, m^2 = V'' = 12 b), barrier top phi = b
  (V = b^3 (2 - b)), true vacuum phi = 1 (V = 2 b - 1 < 0).
  Thin-wallness  r = (V_false - V_true) / (V_top - V_false)
                   = (1 - 2 b) / (b^3 (2 - b)),
  r >> 1 thick wall, r ~ 1 mid, r -> 0 thin wall (b -> 1/2).
  b is solved from the target r and rounded to 10 decimals, so every
  coefficient is a short exact decimal and both tools see identical numbers.

Thin-wall reference (Coleman): the degenerate potential is 3 phi^2 (phi-1)^2,
  sigma = int_0^1 sqrt(2 V_deg) dphi = 1/sqrt(6),  eps = V_false - V_true
  = 1 - 2 b;  S_3 = 16 pi sigma^3 / (3 eps^2),  S_4 = 27 pi^2 sigma^4 / (2 eps^3).
  Its relative error is O(r), so for r <= 0.1 any result differing from it by
  more than THINWALL_TOL is flagged "suspect" (old scipy lets CosmoTransitions
  return such unconverged profiles silently, see README.md).
"""

import argparse
import csv
import json
import math
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import time
import warnings

# ---------------------------------------------------------------------------
# numpy / scipy compatibility shims, applied before importing cosmoTransitions.
# The installed package files are NOT modified.
#   * numpy >= 2.0 removed np.product (used by cosmoTransitions.helper_functions
#     finite-difference weights; only reached when dV/d2V are not supplied,
#     but patched anyway so nothing can trip on it).
#   * tunneling1D already falls back from scipy.integrate.simpson to simps.
# No other removed numpy/scipy API is referenced by tunneling1D.py or
# helper_functions.py of cosmoTransitions 2.0.7 (checked against numpy 2.4,
# scipy 1.17).
# ---------------------------------------------------------------------------
import numpy as np

SHIMS = []
if not hasattr(np, "product"):
    np.product = np.prod
    SHIMS.append("np.product = np.prod")
for _name, _alias in (("float", float), ("int", int), ("complex", complex),
                      ("bool", bool), ("object", object)):
    # np.float & co. were removed in numpy 1.24; harmless aliases.
    if _name not in np.__dict__:
        try:
            setattr(np, _name, _alias)
            SHIMS.append("np.%s = %s" % (_name, _alias.__name__))
        except Exception:
            pass

import scipy  # noqa: E402

try:
    import cosmoTransitions  # noqa: E402
    from cosmoTransitions import tunneling1D  # noqa: E402
    CT_IMPORT_ERROR = None
except Exception as exc:  # pragma: no cover - reported, not fatal
    tunneling1D = None
    CT_IMPORT_ERROR = "%s: %s" % (type(exc).__name__, exc)


def pkg_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return "unknown"


# ---------------------------------------------------------------------------
# Potentials
# ---------------------------------------------------------------------------
def thinness(b):
    """(V_false - V_true) / barrier height for the b-family."""
    return (1.0 - 2.0 * b) / (b ** 3 * (2.0 - b))


def b_for_ratio(r):
    """Solve thinness(b) = r on (0, 1/2) by bisection (thinness decreases)."""
    lo, hi = 1e-6, 0.5
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if thinness(mid) > r:
            lo = mid
        else:
            hi = mid
    return round(0.5 * (lo + hi), 10)


def fmt_coef(x):
    """Shortest decimal that round-trips; '0' for zero; no exponent if short."""
    if x == 0:
        return "0"
    s = repr(float(x))
    if s.endswith(".0"):
        s = s[:-2]
    return s


THINWALL_TOL = 0.10   # relative; applied only where dV/barrier <= 0.1


def thin_wall_action(b, d):
    sigma = 1.0 / math.sqrt(6.0)
    eps = 1.0 - 2.0 * b
    if d == 3:
        return 16.0 * math.pi * sigma ** 3 / (3.0 * eps ** 2)
    if d == 4:
        return 27.0 * math.pi ** 2 * sigma ** 4 / (2.0 * eps ** 3)
    return None


def build_potentials():
    pots = []
    targets = [
        ("thick", 100.0), ("thick", 10.0), ("mid", 1.0),
        ("thin", 1e-1), ("thin", 1e-2), ("thin", 1e-3),
    ]
    for kind, r in targets:
        b = b_for_ratio(r)
        c = [0.0, 0.0, round(6.0 * b, 12), round(-4.0 * (1.0 + b), 12), 3.0]
        pots.append({
            "label": "%s_r%s" % (kind, ("%g" % r).replace("+", "")),
            "b": b,
            "coeffs": c,
        })
    # Same mid-wall potential with a negative constant offset: the action must
    # not change; exercises the `--polynomial=-1,...` argument form.
    base = next(p for p in pots if p["label"] == "mid_r1")
    pots.append({"label": "mid_r1_c0=-1", "b": base["b"],
                 "coeffs": [-1.0] + base["coeffs"][1:]})
    for p in pots:
        p["coeff_str"] = ",".join(fmt_coef(x) for x in p["coeffs"])
    return pots


def poly_funcs(c):
    c = [float(x) for x in c]
    dc = [i * c[i] for i in range(1, len(c))]
    d2c = [i * dc[i] for i in range(1, len(dc))]

    def horner(coefs):
        rev = list(reversed(coefs))

        def f(phi):
            acc = 0.0 * phi + rev[0]
            for a in rev[1:]:
                acc = acc * phi + a
            return acc
        return f
    return horner(c), horner(dc), horner(d2c)


def analyse(c):
    """Locate true vacuum, barrier top and the thin-wall ratio numerically."""
    V, dV, d2V = poly_funcs(c)
    dc = [i * c[i] for i in range(1, len(c))]
    roots = np.roots(list(reversed(dc)))
    real = sorted(float(r.real) for r in roots
                  if abs(r.imag) < 1e-9 and r.real > 1e-12)
    minima = [r for r in real if d2V(r) > 0 and V(r) < V(0.0)]
    if not minima:
        raise ValueError("no deeper minimum at phi > 0")
    phi_t = min(minima, key=V)
    tops = [r for r in real if r < phi_t and d2V(r) < 0]
    phi_top = tops[0] if tops else float("nan")
    ratio = (V(0.0) - V(phi_t)) / (V(phi_top) - V(0.0))
    return phi_t, phi_top, ratio


# ---------------------------------------------------------------------------
# CosmoTransitions
# ---------------------------------------------------------------------------
class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


CT_DEFAULT = {}                                       # CT's own defaults
CT_TIGHT = {"xtol": 1e-10, "phitol": 1e-10, "npoints": 4000}   # reference


def run_ct(c, phi_t, d, repeats, timeout, **find_kw):
    """Return dict(action, phi0, time_ms, times, error)."""
    out = {"action": None, "phi0": None, "time_ms": None, "error": None,
           "runs": 0}
    if tunneling1D is None:
        out["error"] = "import failed: " + CT_IMPORT_ERROR
        return out
    V, dV, d2V = poly_funcs(c)
    times = []
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for _ in range(repeats):
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    t0 = time.perf_counter()
                    inst = tunneling1D.SingleFieldInstanton(
                        phi_t, 0.0, V, dV, d2V, alpha=d - 1)
                    profile = inst.findProfile(**find_kw)
                    S = inst.findAction(profile)
                    t1 = time.perf_counter()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            times.append((t1 - t0) * 1e3)
            S = float(S)
            if not math.isfinite(S):
                out["error"] = "failed: non-finite action %r" % S
                return out
            out["action"] = S
            out["phi0"] = float(profile.Phi[0])
            out["rerr"] = None if profile.Rerr is None else float(profile.Rerr)
            out["runs"] = len(times)
    except _Timeout:
        out["error"] = "failed: timeout after %gs" % timeout
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        out["error"] = "failed: %s%s" % (type(exc).__name__,
                                         (": " + msg[:120]) if msg else "")
    finally:
        signal.signal(signal.SIGALRM, old)
    if times and out["error"] is None:
        out["time_ms"] = statistics.median(times)
    return out


# ---------------------------------------------------------------------------
# supercool
# ---------------------------------------------------------------------------
def _find_key(obj, key):
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        for v in obj.values():
            r = _find_key(v, key)
            if r is not None:
                return r
    elif isinstance(obj, list):
        for v in obj:
            r = _find_key(v, key)
            if r is not None:
                return r
    return None


def _parse_json(text):
    text = text.strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    # Tolerate build chatter (e.g. from `swift run`) around the JSON object.
    start, end = text.find("{"), text.rfind("}")
    while start != -1 and end > start:
        try:
            return json.loads(text[start:end + 1])
        except ValueError:
            start = text.find("{", start + 1)
    raise ValueError("no JSON object in output")


def run_supercool(cmd, coeff_str, d, repeat, timeout):
    out = {"action": None, "phi0": None, "time_ms": None, "wall_ms": None,
           "error": None, "json": None}
    argv = cmd + ["bounce", "--polynomial=" + coeff_str,
                  "--dimension", str(d), "--format", "json",
                  "--repeat", str(repeat)]
    out["argv"] = argv
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(argv, capture_output=True, text=True,
                              timeout=timeout)
    except FileNotFoundError as exc:
        out["error"] = "failed: command not found (%s)" % exc.filename
        return out
    except subprocess.TimeoutExpired:
        out["error"] = "failed: timeout after %gs" % timeout
        return out
    out["wall_ms"] = (time.perf_counter() - t0) * 1e3
    if proc.returncode != 0:
        err = (proc.stderr or "").strip()
        sys.stderr.write("\n[supercool] `%s` exited %d\n%s\n" % (
            " ".join(shlex.quote(a) for a in argv), proc.returncode,
            "\n".join(err.splitlines()[-20:]) or "(no stderr)"))
        last = err.splitlines()[-1] if err else "exit %d" % proc.returncode
        out["error"] = "failed: %s" % last[:120]
        return out
    try:
        data = _parse_json(proc.stdout)
    except ValueError as exc:
        sys.stderr.write("\n[supercool] unparsable output for %s:\nstdout:\n%s\n"
                         "stderr:\n%s\n" % (" ".join(argv), proc.stdout[-2000:],
                                            proc.stderr[-2000:]))
        out["error"] = "failed: %s" % exc
        return out
    out["json"] = data
    for key, dest in (("action", "action"), ("phi0", "phi0"),
                      ("median_time_ms", "time_ms")):
        v = _find_key(data, key)
        try:
            out[dest] = None if v is None else float(v)
        except (TypeError, ValueError):
            out[dest] = None
    for key in ("true_vacuum", "wall_radius", "derrick_ratio"):
        out[key] = _find_key(data, key)
    if out["action"] is None or not math.isfinite(out["action"]):
        err = _find_key(data, "error")
        out["error"] = "failed: %s" % (err or "no finite 'action' in JSON")
        out["action"] = None
    return out


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------
def machine_info():
    info = {"python": platform.python_version(),
            "cosmotransitions": pkg_version("cosmoTransitions"),
            "numpy": np.__version__, "scipy": scipy.__version__,
            "platform": platform.platform(),
            "nproc": str(os.cpu_count())}
    try:
        info["nproc"] = subprocess.run(["nproc"], capture_output=True,
                                       text=True).stdout.strip() or info["nproc"]
    except Exception:
        pass
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["cpu"] = cpu
    try:
        with open("/proc/loadavg") as fh:
            info["load average"] = " ".join(fh.read().split()[:3])
    except OSError:
        pass
    try:
        from threadpoolctl import threadpool_info
        info["blas"] = "; ".join("%s %s (%s)" % (d.get("internal_api"),
                                                 d.get("version"),
                                                 d.get("architecture"))
                                 for d in threadpool_info())
    except Exception:
        pass
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS"):
        if os.environ.get(var):
            info[var] = os.environ[var]
    return info


def fnum(x, fmt="%.6g"):
    return "-" if x is None else fmt % x


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", "--ct-repeat", dest="rounds", type=int, default=5,
                    help="interleaved rounds per bounce: one CosmoTransitions bounce, then one "
                         "supercool call (median of --sc-repeat bounces); default 5")
    ap.add_argument("--sc-repeat", type=int, default=20,
                    help="--repeat passed to supercool, default 20")
    ap.add_argument("--ct-timeout", type=float, default=120.0,
                    help="seconds allowed per CosmoTransitions bounce")
    ap.add_argument("--sc-timeout", type=float, default=1800.0,
                    help="seconds allowed per supercool invocation "
                         "(first `swift run` may build)")
    ap.add_argument("--supercool", default=os.environ.get(
        "SUPERCOOL", "swift run -c release supercool"),
        help="command for supercool (default: $SUPERCOOL or "
             "'swift run -c release supercool')")
    ap.add_argument("--no-ct-ref", action="store_true",
                    help="skip the untimed tight-tolerance CosmoTransitions "
                         "reference run (xtol=phitol=1e-10, npoints=4000)")
    ap.add_argument("--skip-ct", action="store_true")
    ap.add_argument("--skip-supercool", action="store_true")
    ap.add_argument("--only", default=None,
                    help="comma-separated substrings; run matching labels only")
    ap.add_argument("--dims", default="3,4")
    ap.add_argument("--csv", default=os.path.join(
        here, "results_cosmotransitions.csv"))
    args = ap.parse_args()

    info = machine_info()
    print("== environment ==")
    for k, v in info.items():
        print("  %-17s %s" % (k, v))
    if SHIMS:
        print("  %-17s %s" % ("compat shims", ", ".join(SHIMS)))
    if CT_IMPORT_ERROR:
        print("  cosmoTransitions import FAILED: %s" % CT_IMPORT_ERROR)
    sc_cmd = shlex.split(args.supercool)
    print("  %-17s %s" % ("supercool cmd", args.supercool))
    print()

    pots = build_potentials()
    if args.only:
        keys = [k for k in args.only.split(",") if k]
        pots = [p for p in pots if any(k in p["label"] for k in keys)]
    dims = [int(x) for x in args.dims.split(",") if x]

    print("== potentials  V(phi) = sum c_n phi^n  (c0..c4) ==")
    for p in pots:
        phi_t, phi_top, ratio = analyse(p["coeffs"])
        p.update(phi_t=phi_t, phi_top=phi_top, ratio=ratio)
        print("  %-14s b=%-13s c=[%s]  phi_true=%.10g  phi_top=%.6g  "
              "dV/barrier=%.4g" % (p["label"], fmt_coef(p["b"]), p["coeff_str"],
                                   phi_t, phi_top, ratio))
    print()

    rows = []
    header = ["potential", "d", "S_CT", "S_supercool", "rel_diff",
              "t_CT_ms", "t_supercool_ms", "speed_ratio", "speed_ratio_min", "speed_ratio_max", "rounds"]
    extra = ["S_CT_tight", "rel_diff_tight", "CT_tight_status",
             "coefficients", "dV_over_barrier", "phi_true", "S_thinwall",
             "phi0_CT",
             "phi0_supercool", "wall_radius_supercool",
             "derrick_ratio_supercool", "wall_supercool_process_ms",
             "CT_status", "supercool_status"]
    print("== running (CT repeats=%d, supercool --repeat %d) ==" % (
        args.rounds, args.sc_repeat))
    for p in pots:
        for d in dims:
            tag = "%s d=%d" % (p["label"], d)
            # Interleaved rounds: CT once, then supercool once, so that load affects both alike.
            ct_runs, sc_runs, ratios = [], [], []
            for _ in range(max(args.rounds, 1)):
                if args.skip_ct:
                    ct = {"action": None, "phi0": None, "time_ms": None,
                          "error": "skipped"}
                else:
                    ct = run_ct(p["coeffs"], p["phi_t"], d, 1,
                                args.ct_timeout, **CT_DEFAULT)
                if args.skip_supercool:
                    sc = {"action": None, "phi0": None, "time_ms": None,
                          "wall_ms": None, "error": "skipped"}
                else:
                    sc = run_supercool(sc_cmd, p["coeff_str"], d, args.sc_repeat,
                                       args.sc_timeout)
                ct_runs.append(ct)
                sc_runs.append(sc)
                if ct["error"] is None and sc["error"] is None and ct["time_ms"] and sc["time_ms"]:
                    ratios.append(ct["time_ms"] / sc["time_ms"])
                if ct["error"] not in (None, "skipped") and sc["error"] not in (None, "skipped"):
                    break   # both fail: more rounds tell nothing
            ct = dict(ct_runs[-1])
            sc = dict(sc_runs[-1])
            ct_times = [r["time_ms"] for r in ct_runs if r["error"] is None and r["time_ms"]]
            sc_times = [r["time_ms"] for r in sc_runs if r["error"] is None and r["time_ms"]]
            ct["time_ms"] = statistics.median(ct_times) if ct_times else None
            sc["time_ms"] = statistics.median(sc_times) if sc_times else None
            sc_walls = [r["wall_ms"] for r in sc_runs if r.get("wall_ms")]
            sc["wall_ms"] = statistics.median(sc_walls) if sc_walls else None
            ref = {"action": None, "error": "skipped"}
            if not (args.skip_ct or args.no_ct_ref):
                ref = run_ct(p["coeffs"], p["phi_t"], d, 1, args.ct_timeout,
                             **CT_TIGHT)
            s_tw = thin_wall_action(p["b"], d)
            if p["ratio"] <= 0.1 and s_tw:
                for res in (ct, ref, sc):
                    if res["error"] is None and res["action"] is not None:
                        q = res["action"] / s_tw
                        if abs(q - 1.0) > THINWALL_TOL:
                            res["error"] = ("suspect: S/S_thinwall = %.3g "
                                            "(unconverged?)" % q)
            rel = None
            if ct["action"] is not None and sc["action"] is not None:
                rel = (sc["action"] - ct["action"]) / abs(ct["action"])
            rel_ref = None
            if ref["action"] is not None and sc["action"] is not None:
                rel_ref = (sc["action"] - ref["action"]) / abs(ref["action"])
            speed = statistics.median(ratios) if ratios else None
            row = {
                "potential": p["label"], "d": d,
                "S_CT": ct["action"], "S_supercool": sc["action"],
                "rel_diff": rel, "t_CT_ms": ct["time_ms"],
                "t_supercool_ms": sc["time_ms"], "speed_ratio": speed,
                "speed_ratio_min": min(ratios) if ratios else None,
                "speed_ratio_max": max(ratios) if ratios else None,
                "rounds": len(ratios),
                "S_CT_tight": ref["action"], "rel_diff_tight": rel_ref,
                "CT_tight_status": ref["error"] or "ok",
                "coefficients": p["coeff_str"],
                "dV_over_barrier": p["ratio"], "phi_true": p["phi_t"],
                "S_thinwall": s_tw,
                "phi0_CT": ct.get("phi0"), "phi0_supercool": sc.get("phi0"),
                "wall_radius_supercool": sc.get("wall_radius"),
                "derrick_ratio_supercool": sc.get("derrick_ratio"),
                "wall_supercool_process_ms": sc.get("wall_ms"),
                "CT_status": ct["error"] or "ok",
                "supercool_status": sc["error"] or "ok",
            }
            rows.append(row)
            print("  %-20s CT: %-40s supercool: %s" % (
                tag,
                ("S=%.6g  %.1f ms" % (ct["action"], ct["time_ms"]))
                if ct["error"] is None else ct["error"][:60],
                ("S=%.6g  %.3f ms" % (sc["action"], sc["time_ms"] or float("nan")))
                if sc["error"] is None else sc["error"][:60]), flush=True)
    print()

    # Table
    print("== results ==  rel = (S_supercool - S_CT)/S_CT,  speed = t_CT / t_supercool per interleaved"
          " round: median [min-max] over %d rounds,  '?' = suspect (see failures)" % args.rounds)
    print("   rel(tight) = (S_supercool - S_CT_tight)/S_CT_tight, S_CT_tight from"
          " an untimed CT run with xtol=phitol=1e-10, npoints=4000")
    hdr = "%-14s %2s %14s %14s %10s %11s %11s %10s %10s %15s" % (
        "potential", "d", "S_CT", "S_supercool", "rel diff", "rel(tight)",
        "t_CT [ms]", "t_sc [ms]", "speed", "speed range")
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        def shown(status, val):
            if status == "ok":
                return fnum(val, "%.8g")
            if status.startswith("suspect"):
                return fnum(val, "%.6g") + "?"
            return "FAILED"
        s_ct = shown(r["CT_status"], r["S_CT"])
        s_sc = shown(r["supercool_status"], r["S_supercool"])
        if r["CT_status"] == "skipped":
            s_ct = "skipped"
        if r["supercool_status"] == "skipped":
            s_sc = "skipped"
        span = "-" if r["speed_ratio_min"] is None else "%.0f-%.0f" % (r["speed_ratio_min"], r["speed_ratio_max"])
        print("%-14s %2d %14s %14s %10s %11s %11s %10s %10s %15s" % (
            r["potential"], r["d"], s_ct, s_sc,
            fnum(r["rel_diff"], "%.2e"), fnum(r["rel_diff_tight"], "%.2e"),
            fnum(r["t_CT_ms"], "%.2f"), fnum(r["t_supercool_ms"], "%.4f"),
            fnum(r["speed_ratio"], "%.0f"), span))
    both = [r for r in rows if r["speed_ratio"] is not None]
    tight = [abs(r["rel_diff_tight"]) for r in rows if r["rel_diff_tight"] is not None and r["CT_tight_status"] == "ok"]
    if both:
        print("-" * len(hdr))
        print("median speed ratio over the %d cases both converge: %.0f (per-case medians %.0f-%.0f);"
              " max |rel(tight)| %s; CT fails on %d of %d" % (
                  len(both), statistics.median(r["speed_ratio"] for r in both),
                  min(r["speed_ratio"] for r in both), max(r["speed_ratio"] for r in both),
                  fnum(max(tight) if tight else None, "%.1e"),
                  sum(r["CT_status"] not in ("ok", "skipped") for r in rows), len(rows)))
    fails = [r for r in rows if r["CT_status"] not in ("ok", "skipped")
             or r["supercool_status"] not in ("ok", "skipped")]
    if fails:
        print("\nfailures / suspect results:")
        for r in fails:
            if r["CT_status"] not in ("ok", "skipped"):
                print("  %-14s d=%d  CT        %s" % (r["potential"], r["d"],
                                                      r["CT_status"]))
            if r["supercool_status"] not in ("ok", "skipped"):
                print("  %-14s d=%d  supercool %s" % (r["potential"], r["d"],
                                                      r["supercool_status"]))

    with open(args.csv, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header + extra)
        for r in rows:
            w.writerow(["" if r[k] is None else
                        (repr(r[k]) if isinstance(r[k], float) else r[k])
                        for k in header + extra])
    print("\nCSV written to %s" % args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
