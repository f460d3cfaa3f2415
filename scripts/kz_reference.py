#!/usr/bin/env python3
"""High-precision reference values for the exact Gaussian hull probability.

Evaluates the Kabluchko-Zaporozhets formula (Theorem 4 of arXiv 2110.09485) with mpmath at
50 significant digits, by a route independent of src/math/hull/exact.rs:

- the internal angles g_k(-1/(k+1)) along the real line, where the integrand cancels by up
  to 18 digits (harmless at 50 digits), with mpmath's tanh-sinh quadrature and mpmath's erfi;
- g_m(r), r > 0, with mpmath's quadrature of Phi(sqrt(r) t)^m phi(t), split at fixed offsets
  around the peak found by 200 bisection steps at 50 digits.

Usage:
  python3 scripts/kz_reference.py angles      # the internal angles, k = 0..29
  python3 scripts/kz_reference.py grid        # P(inside) on the test grid
  python3 scripts/kz_reference.py n50 D N50   # P(inside) at N50 - 1 and N50 for dimension D
  echo "N D" | python3 scripts/kz_reference.py   # any cells, one "N D" per line

The output of `angles`, `grid` and `n50` is pasted into tests/hull_exact.rs (with this script named as
its provenance). Needs mpmath (pip install mpmath); not run by the test suite.
"""
import sys

import mpmath as mp

mp.mp.dps = 50
_angles = {}


def angle(k):
    """g_k(-1/(k+1)), the internal angle of the regular k-simplex at a vertex."""
    if k == 0:
        return mp.mpf(1)
    if k not in _angles:
        a = 1 / mp.sqrt(k + 1)
        f = lambda t: (mp.mpc(0.5, mp.erfi(a * t / mp.sqrt(2)) / 2) ** k).real * mp.exp(-t * t / 2)
        _angles[k] = 2 * mp.quad(f, [0, 2, 5, 10, 20, 40, 80, mp.inf]) / mp.sqrt(2 * mp.pi)
    return _angles[k]


def g_positive(m, r):
    """g_m(r) = (2 pi)^(-1/2) int Phi(sqrt(r) t)^m exp(-t^2/2) dt for r > 0."""
    if m == 0:
        return mp.mpf(1)
    s = mp.sqrt(r)
    h = lambda t: m * mp.log(mp.ncdf(s * t)) - t * t / 2
    dh = lambda t: m * s * mp.npdf(s * t) / mp.ncdf(s * t) - t
    lo, hi = mp.mpf(0), mp.mpf(1)
    while dh(hi) > 0:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if dh(mid) > 0:
            lo = mid
        else:
            hi = mid
    t0 = lo
    h0 = h(t0)
    offsets = (-20, -10, -5, -3, -2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 3, 5, 10, 20)
    pts = [-mp.inf] + [t0 + o for o in offsets] + [mp.inf]
    return mp.quad(lambda t: mp.exp(h(t) - h0), pts) * mp.exp(h0) / mp.sqrt(2 * mp.pi)


def p_outside(n, d):
    if n <= d:
        return mp.mpf(1)
    total = mp.mpf(0)
    for k in range(d - 1, -1, -2):
        total += mp.binomial(n, k) * angle(k) * g_positive(n - k, mp.mpf(1) / (1 + k))
    return 2 * total


def cell(n, d):
    p_out = p_outside(n, d)
    return 1 - p_out


GRID_DIMS = (2, 3, 4, 5, 7, 10, 12, 16, 20, 25, 30)
GRID_NS = (3, 6, 11, 31, 64, 100, 1000, 12345, 10**5, 10**6, 3 * 10**7, 10**8, 10**10)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "angles":
        for k in range(30):
            print(f"({k}, {mp.nstr(angle(k), 20)}),", flush=True)
    elif len(sys.argv) > 1 and sys.argv[1] == "grid":
        for d in GRID_DIMS:
            for n in GRID_NS:
                if n > d:
                    print(f"({d}, {n}, {mp.nstr(cell(n, d), 20)}),", flush=True)
    elif len(sys.argv) > 1 and sys.argv[1] == "n50":
        d, n50 = int(sys.argv[2]), int(sys.argv[3])
        below, at = cell(n50 - 1, d), cell(n50, d)
        ok = below < mp.mpf(1) / 2 <= at
        print(f"d={d} N50={n50} P(N50-1)={mp.nstr(below, 20)} P(N50)={mp.nstr(at, 20)} {'ok' if ok else 'WRONG'}", flush=True)
    else:
        for line in sys.stdin:
            n, d = map(int, line.split())
            print(n, d, mp.nstr(cell(n, d), 25), flush=True)


if __name__ == "__main__":
    main()
