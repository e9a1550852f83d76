#!/usr/bin/env python3
"""Efficiency factor kappa(alpha, v_w) of a detonation from the bag-model fluid equations.

Independent check of the fits of Espinosa, Konstandin, No, Servant, arXiv:1004.4187 (JCAP 1006:028),
which GravitationalWaves.EfficiencyFactor implements.  Here the self-similar profile is integrated
directly (their section 2-3; c_s^2 = 1/3):
  - junction at the wall (their eq. 19, detonation branch): given v+ = xi_w, solve for v- ;
  - behind the wall a rarefaction wave: dv/dxi = 2 v / (xi gamma^2 (1 - v xi) (mu^2/c_s^2 - 1)),
    mu = (xi - v)/(1 - xi v), down to xi = c_s where v -> 0 (their eq. 10);
  - enthalpy: d ln w / dxi = (1 + 1/c_s^2) gamma^2 mu dv/dxi (their eq. 11), w continuous except at
    the wall, where w- gamma-^2 v- = w+ gamma+^2 v+ ;
  - kappa = 4 / (xi_w^3 alpha w+) * Int w v^2 gamma^2 xi^2 dxi  (their eq. 8, w+ = w_N in front).
Prints kappa for a few (alpha, v_w) detonations; the numbers are copied into GWSpectrumTests.
"""
import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

CS2 = 1.0 / 3.0
CS = np.sqrt(CS2)


def vplus_of_vminus(vm, alpha):
    # 1004.4187 eq. (19), '+' sign: detonations
    x = vm / 2 + 1 / (6 * vm)
    return (x + np.sqrt(x * x + alpha * alpha + 2 * alpha / 3 - 1 / 3)) / (1 + alpha)


def kappa_detonation(alpha, xi_w):
    xi_j = (np.sqrt(2 * alpha / 3 + alpha * alpha) + np.sqrt(1 / 3)) / (1 + alpha)
    assert xi_w > xi_j, (alpha, xi_w, xi_j)
    # v- in (c_s, 1): v+(v-) increases from xi_J at v- = c_s to 1 at v- = 1
    vm = brentq(lambda v: vplus_of_vminus(v, alpha) - xi_w, CS + 1e-12, 1 - 1e-15, xtol=1e-15, rtol=1e-15)
    vp = xi_w
    v0 = (xi_w - vm) / (1 - xi_w * vm)  # fluid velocity just behind the wall, plasma frame
    gp2, gm2 = 1 / (1 - vp * vp), 1 / (1 - vm * vm)
    w_behind = gp2 * vp / (gm2 * vm)     # w-/w+ at the wall

    def rhs(xi, y):
        v, lnw = y
        g2 = 1 / (1 - v * v)
        mu = (xi - v) / (1 - xi * v)
        dv = 2 * v / (xi * g2 * (1 - v * xi) * (mu * mu / CS2 - 1))
        return [dv, (1 + 1 / CS2) * g2 * mu * dv]

    sol = solve_ivp(rhs, [xi_w, CS * (1 + 1e-12)], [v0, np.log(w_behind)], rtol=1e-12, atol=1e-14,
                    dense_output=True, method="DOP853")
    xs = np.linspace(CS * (1 + 1e-12), xi_w, 200001)
    v, lnw = sol.sol(xs)
    integrand = np.exp(lnw) * v * v / (1 - v * v) * xs * xs
    integral = np.trapezoid(integrand, xs) if hasattr(np, "trapezoid") else np.trapz(integrand, xs)
    return 4 / (xi_w ** 3 * alpha) * integral


def kappa_fit_D(alpha):
    return alpha / (0.73 + 0.083 * np.sqrt(alpha) + alpha)


if __name__ == "__main__":
    for alpha, xi_w in [(0.01, 0.8), (0.1, 0.8), (0.1, 0.95), (0.5, 0.9), (1.0, 0.95), (0.5, 0.999)]:
        k = kappa_detonation(alpha, xi_w)
        print("alpha = %-5g v_w = %-6g kappa = %.6f   (v_w -> 1 fit kappa_D = %.6f)" % (alpha, xi_w, k, kappa_fit_D(alpha)))
