"""Times scikit-learn's LogisticRegression along a lasso path against regscope's binomial path, at
equal accuracy (benches/compare.sh runs it; numpy and scikit-learn from ../shared/bench/setup.sh).

    python benches/peer_logistic.py DATA.csv REFERENCE.csv OURS.csv OURS_SECONDS

DATA.csv: features, then 0/1 labels in the last column. REFERENCE.csv: `regscope path --family binomial
--tol 1e-13` on it (lambda,intercept,<features>), the optimum at each lambda. OURS.csv: regscope's path at
its defaults on the same lambdas, timed at OURS_SECONDS. scikit-learn fits the same lambdas, warm-started
from one to the next (saga, the solver for an L1 penalty with an unpenalized intercept; C = 1 / (n lambda))
at decreasing tolerances; the fastest whose every lambda is within 1e-6 of the optimum's objective
(relative) is its time. Prints one line per solver and the ratio.
"""
import csv, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], np.array([[float(v) for v in r] for r in rows[1:]])


def objective(Z, y, lam, b, w):
    eta = b + Z @ w
    loss = np.mean(np.logaddexp(0.0, eta) - y * eta)
    return loss + lam * np.abs(w).sum()


def worst_gap(Z, y, ref, fits):
    """The largest relative objective excess over the reference optimum along the path."""
    gaps = []
    for row, (b, w) in zip(ref, fits):
        lam, best = row[0], objective(Z, y, row[0], row[1], row[2:])
        gaps.append((objective(Z, y, lam, b, w) - best) / abs(best))
    return max(gaps)


def sklearn_path(Z, y, lambdas, tol):
    n = len(y)
    model = LogisticRegression(C=1.0, l1_ratio=1.0, solver="saga", tol=tol, max_iter=100000, warm_start=True)
    fits = []
    for lam in lambdas:
        model.set_params(C=1.0 / (n * lam))
        model.fit(Z, y)
        fits.append((model.intercept_[0], model.coef_[0].copy()))
    return fits


def main():
    data_path, ref_path, ours_path, ours_seconds = sys.argv[1:5]
    _, data = read(data_path)
    X, y = data[:, :-1], data[:, -1]
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    _, ref = read(ref_path)
    _, ours = read(ours_path)
    ours_gap = worst_gap(Z, y, ref, [(r[1], r[2:]) for r in ours])
    print(f"regscope defaults: {float(ours_seconds):.4f} s, worst relative objective excess {ours_gap:.2e}")
    best = None
    for tol in [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8]:
        started = time.perf_counter()
        fits = sklearn_path(Z, y, ref[:, 0], tol)
        seconds = time.perf_counter() - started
        gap = worst_gap(Z, y, ref, fits)
        print(f"  sklearn saga tol={tol:g}: {seconds:.4f} s, worst relative objective excess {gap:.2e}", file=sys.stderr)
        if gap <= 1e-6:
            best = (tol, seconds, gap)
            break
    if best is None:
        print("sklearn: no tolerance reached 1e-6")
        return
    tol, seconds, gap = best
    print(f"sklearn saga (tol={tol:g}, warm-started, 1 thread): {seconds:.4f} s, worst relative objective excess {gap:.2e}")
    print(f"ratio regscope / sklearn: {float(ours_seconds) / seconds:.3f}")


if __name__ == "__main__":
    main()
