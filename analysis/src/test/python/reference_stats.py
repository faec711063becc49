#!/usr/bin/env python3
"""Independent reference values for io.frugal.analysis.stats, computed with SciPy.

Writes analysis/src/test/resources/io/frugal/analysis/stats/reference.json, which
ReferenceDataTest reads (no Python is needed at test time). Rerun after changing a cell:

    python3 analysis/src/test/python/reference_stats.py

Nothing here is computed by porting the Java code: means and standard deviations come from
Python's `statistics` (exact rational sums, so identical values give exactly sd 0 where numpy's
float sums give 1.4e-16), t quantities from scipy.stats.ttest_ind / t, rank tests from
scipy.stats.mannwhitneyu (asymptotic) or by enumerating all splits with scipy.stats.rankdata
(exact with ties, which SciPy's exact method does not handle), Hedges' g from scipy.special.gammaln
and the noncentral t of scipy.stats.nct as a check on the power approximation.
"""
import itertools
import json
import math
import pathlib
import statistics
import sys

import numpy as np
import scipy
from scipy import special, stats

OUT = pathlib.Path(__file__).resolve().parents[1] / "resources/io/frugal/analysis/stats/reference.json"
MAX_SPLITS = 2_000_000  # same rule as RankTest: exact when C(n1 + n2, n1) <= this
ALPHA, POWER, MAX_SEEDS = 0.05, 0.8, 1_000_000


def synthetic(seed, n, mean, sd, decimals):
    """Seeded normal accuracies rounded like a trainer's log (rounding makes ties)."""
    rng = np.random.default_rng(seed)
    return [round(float(v), decimals) for v in rng.normal(mean, sd, n)]


CELLS = {
    "reduced5": [0.95, 0.93, 0.96, 0.94, 0.92],
    "baseline5": [0.97, 0.975, 0.965, 0.98, 0.97],
    "ties4": [0.91, 0.92, 0.92, 0.93],
    "ties5": [0.92, 0.93, 0.93, 0.94, 0.95],
    "same3": [0.7015, 0.7015, 0.7015],
    "same2": [0.7015, 0.7015],
    "other_same3": [0.7, 0.7, 0.7],
    "spread3": [0.69, 0.70, 0.71],
    "one": [0.9],
    "pair2": [0.95, 0.96],
    "three": [0.97, 0.98, 0.99],
    "equal_means2": [0.90, 0.92],
    "equal_means3": [0.91, 0.89, 0.93],
    "tiny_spread": [0.99 + 1e-9, 0.99 + 2e-9, 0.99 + 3e-9],
    "a12": [0.912, 0.905, 0.921, 0.899, 0.915, 0.908, 0.918, 0.902, 0.911, 0.925, 0.907, 0.913],
    "b12": [0.921, 0.917, 0.930, 0.915, 0.926, 0.919, 0.928, 0.913, 0.922, 0.935, 0.920, 0.924],
    "u3": [0.81, 0.84, 0.80],
    "u8": [0.83, 0.85, 0.82, 0.86, 0.84, 0.85, 0.87, 0.83],
    "e11a": synthetic(11, 11, 0.930, 0.006, 3),
    "e11b": synthetic(12, 11, 0.934, 0.006, 3),
    "c15": synthetic(15, 15, 0.712, 0.010, 3),
    "c13": synthetic(13, 13, 0.705, 0.015, 3),
    "d20": synthetic(20, 20, 0.991, 0.0008, 4),
    "d25": synthetic(25, 25, 0.9925, 0.0007, 4),
}

COMPARISONS = [
    ("reduced5", "baseline5"), ("ties4", "ties5"), ("same3", "same2"), ("same3", "other_same3"),
    ("same3", "spread3"), ("one", "baseline5"), ("pair2", "three"), ("equal_means2", "equal_means3"),
    ("tiny_spread", "three"), ("a12", "b12"), ("u3", "u8"), ("e11a", "e11b"), ("c15", "c13"), ("d20", "d25"),
]


def num(x):
    """JSON has no NaN or infinity: NaN is null, infinity the string "inf"."""
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def summary(v):
    out = {"values": v, "n": len(v), "mean": statistics.mean(v)}
    if len(v) < 2:
        return out | {"sd": None, "se": None, "ci_low": None, "ci_high": None}
    sd = statistics.stdev(v)
    se = sd / math.sqrt(len(v))
    q = stats.t.ppf(0.975, len(v) - 1)
    assert sd == 0 or math.isclose(se, stats.sem(v), rel_tol=1e-9), "statistics and scipy disagree"
    return out | {"sd": sd, "se": se, "ci_low": out["mean"] - q * se, "ci_high": out["mean"] + q * se}


def exact_rank_p(x, y):
    """P(|U - n1 n2 / 2| >= |U_obs - n1 n2 / 2|) over every split, mid-ranks for ties."""
    rank = stats.rankdata(x + y)
    n1, n2 = len(x), len(y)
    offset, centre = n1 * (n1 + 1) / 2, n1 * n2 / 2
    observed = abs(rank[:n1].sum() - offset - centre)
    hits = total = 0
    for split in itertools.combinations(rank.tolist(), n1):
        total += 1
        hits += abs(sum(split) - offset - centre) >= observed - 1e-9
    return hits / total


def rank_test(x, y):
    if len(x) < 2 or len(y) < 2:
        return {"u": None, "rank_p": None, "rank_method": "NONE"}
    u = stats.mannwhitneyu(x, y).statistic  # U of x, ties counted 1/2
    if math.comb(len(x) + len(y), len(x)) <= MAX_SPLITS:
        p = exact_rank_p(x, y)
        if len(set(x + y)) == len(x + y):  # no ties: SciPy's exact distribution must agree
            assert math.isclose(p, stats.mannwhitneyu(x, y, method="exact").pvalue, rel_tol=1e-12)
        return {"u": u, "rank_p": p, "rank_method": "EXACT"}
    p = stats.mannwhitneyu(x, y, method="asymptotic", use_continuity=True).pvalue
    return {"u": u, "rank_p": p, "rank_method": "NORMAL_APPROXIMATION"}


def welch(x, y):
    if len(x) < 2 or len(y) < 2:
        return {"welch_t": None, "welch_df": None, "welch_p": None, "ci_low": None, "ci_high": None}
    if statistics.stdev(x) == 0 and statistics.stdev(y) == 0:
        # No spread on either side: the statistic is 0/0 or infinite. scipy returns NaN here too.
        return {"welch_t": None, "welch_df": None, "welch_p": None, "ci_low": None, "ci_high": None}
    r = stats.ttest_ind(x, y, equal_var=False)
    ci = r.confidence_interval(0.95)
    return {"welch_t": r.statistic, "welch_df": r.df, "welch_p": r.pvalue, "ci_low": ci.low, "ci_high": ci.high}


def pooled_sd(x, y):
    n1, n2 = len(x), len(y)
    return math.sqrt(((n1 - 1) * statistics.variance(x) + (n2 - 1) * statistics.variance(y)) / (n1 + n2 - 2))


def hedges(x, y):
    none = {"hedges_g": None, "g_ci_low": None, "g_ci_high": None}
    if len(x) < 2 or len(y) < 2 or pooled_sd(x, y) == 0:
        return none
    n1, n2 = len(x), len(y)
    df = n1 + n2 - 2
    j = math.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / math.sqrt(df / 2)
    g = j * (statistics.mean(x) - statistics.mean(y)) / pooled_sd(x, y)
    half = stats.norm.ppf(0.975) * math.sqrt((n1 + n2) / (n1 * n2) + g * g / (2 * (n1 + n2)))
    return {"hedges_g": g, "g_ci_low": g - half, "g_ci_high": g + half}


def power_shifted_t(n, effect):
    df = 2 * n - 2
    c = stats.t.ppf(1 - ALPHA / 2, df)
    ncp = effect * math.sqrt(n / 2)
    return stats.t.sf(c - ncp, df) + stats.t.cdf(-c - ncp, df)


def power_nct(n, effect):
    df = 2 * n - 2
    c = stats.t.ppf(1 - ALPHA / 2, df)
    ncp = effect * math.sqrt(n / 2)
    return stats.nct.sf(c, df, ncp) + stats.nct.cdf(-c, df, ncp)


def seeds(x, y, power):
    if len(x) < 2 or len(y) < 2 or pooled_sd(x, y) == 0:
        return math.nan
    effect = abs(statistics.mean(x) - statistics.mean(y)) / pooled_sd(x, y)
    if effect == 0 or power(MAX_SEEDS, effect) < POWER:
        return math.inf
    n = 2
    while power(n, effect) < POWER:  # counted up, not bisected: a different route to the same n
        n = n + 1 if n < 64 else int(n * 1.01) + 1
        if n >= 64 and power(n, effect) >= POWER:  # step back to the first n that reaches the power
            while power(n - 1, effect) >= POWER:
                n -= 1
            break
    return n


def prob_improvement(x, y):
    return stats.mannwhitneyu(x, y).statistic / (len(x) * len(y))


def holm(p, members):
    """Holm over the members; a member without p counts in m as p = 1 and keeps NaN."""
    m = sum(members)
    idx = sorted((i for i in range(len(p)) if members[i] and not math.isnan(p[i])), key=lambda i: p[i])
    out = [math.nan] * len(p)
    for k, i in enumerate(idx):
        out[i] = max(min(1.0, (m - j) * p[idx[j]]) for j in range(k + 1))
    return out


def main():
    rows = []
    for a, b in COMPARISONS:
        x, y = CELLS[a], CELLS[b]
        row = {"sample": a, "reference": b, "delta": statistics.mean(x) - statistics.mean(y)}
        row |= welch(x, y) | rank_test(x, y) | hedges(x, y)
        row["p_improvement"] = prob_improvement(x, y)
        row["seeds_per_arm"] = seeds(x, y, power_shifted_t)
        row["seeds_per_arm_nct"] = seeds(x, y, power_nct)
        row["in_family"] = len(x) >= 2 and len(y) >= 2
        rows.append(row)
    members = [r["in_family"] for r in rows]
    for key in ("welch_p", "rank_p"):
        adjusted = holm([math.nan if r[key] is None else r[key] for r in rows], members)
        for r, v in zip(rows, adjusted):
            r[key + "_holm"] = v
    doc = {
        "generated_by": "analysis/src/test/python/reference_stats.py",
        "python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
        "max_splits": MAX_SPLITS, "holm_family_size": sum(members),
        "cells": {k: {kk: (vv if kk == "values" else num(vv) if vv is not None else None) for kk, vv in summary(v).items()}
                  for k, v in CELLS.items()},
        "comparisons": [{k: (num(v) if isinstance(v, (float, int, np.floating)) and not isinstance(v, bool) else v)
                         for k, v in r.items()} for r in rows],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=1, allow_nan=False) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
