"""scipy half of scripts/bench-hull.sh: the same instances as a feasibility LP per query,
solved by scipy.optimize.linprog(method="highs"). Prints JSON.

Usage: python hull_scipy.py DIR QUERIES
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linprog

directory, queries = sys.argv[1], int(sys.argv[2])
cells = []
for d in [2, 4, 8, 16, 32, 64]:
    for n in [100, 1000, 10000]:
        train = np.fromfile(f"{directory}/d{d}_n{n}.train.f64", dtype="<f8").reshape(n, d)
        query = np.fromfile(f"{directory}/d{d}_n{n}.query.f64", dtype="<f8").reshape(-1, d)
        # x in conv(X)  <=>  exists lambda >= 0 with X^T lambda = x and sum(lambda) = 1.
        a_eq = np.vstack([train.T, np.ones((1, n))])
        cost = np.zeros(n)
        times, inside = [], 0
        for x in query[:queries]:
            t = time.perf_counter()
            res = linprog(cost, A_eq=a_eq, b_eq=np.append(x, 1.0), bounds=(0, None), method="highs")
            times.append(time.perf_counter() - t)
            inside += res.status == 0
        times.sort()
        k = len(times)
        cells.append({"d": d, "n": n, "queries": k, "median_us": times[k // 2] * 1e6, "inside": inside / k})
print(json.dumps({"cells": cells}))
