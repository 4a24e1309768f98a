"""What a researcher would otherwise do: check condition B of the sigmoid belief net with SymPy.

For eta_d = sum_h W[d,h] z[h] + mu[d] and beta = (W, mu), SymPy builds the natural parameters at
concrete sizes, differentiates each with respect to every parameter it contains, forms J*beta and
expands eta - J*beta to 0 (canonical for polynomials; simplify is slower still). SymPy has no sums over a symbolic range with a Jacobian, so each size
is its own computation. Prints one line per size: H D seconds.

Run: python3 bench/sympy/sbn_identity.py 2,3 20,78 200,784
"""
import sys
import time

import sympy as sp


def check(h_size, d_size):
    start = time.perf_counter()
    z = sp.symbols(f"z0:{h_size}")
    mu = sp.symbols(f"mu0:{d_size}")
    w = [[sp.Symbol(f"W{d}_{h}") for h in range(h_size)] for d in range(d_size)]
    for d in range(d_size):
        eta = sum(w[d][h] * z[h] for h in range(h_size)) + mu[d]
        params = list(w[d]) + [mu[d]]
        j_beta = sum(sp.diff(eta, p) * p for p in params)
        if sp.expand(eta - j_beta) != 0:
            raise SystemExit(f"not proved at d = {d}")
    return time.perf_counter() - start


for size in sys.argv[1:] or ["2,3", "20,78", "200,784"]:
    h_size, d_size = (int(x) for x in size.split(","))
    print(f"{h_size} {d_size} {check(h_size, d_size):.2f}", flush=True)
