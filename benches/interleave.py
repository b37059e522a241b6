#!/usr/bin/env python3
"""Times regscope's lasso path and scikit-learn's in alternation on one core (core 0), for compare.sh's
`onecore` case.

On a shared machine the speed of a core moves by 20% from one minute to the next; peer.py times the peers
together, then compare.sh times regscope a minute later, so a ratio of the two can be off by as much. Here
each round runs both, in turn, so a slow minute slows both. scikit-learn's path also runs 0.15 to 0.35 s
slower right after another large computation (another peer in peer.py's process, or a regscope process
just ended) than right after itself, so each round runs it twice and times the second: the yardstick is
scikit-learn at its best, the hardest one to beat. scikit-learn is called exactly as
../shared/bench/peer.py calls it (its own functions: loading, standardization, `enet_path` with one BLAS
thread) at the tolerance peer.py calibrated; regscope runs at its defaults and reports its solve time
(standardization, grid and path; CSV reading excluded, as the peer's time excludes loading and
standardizing).

    python interleave.py SHARED_BENCH_DIR DATA.csv LAMBDAS PEER_TXT REGSCOPE_BIN [ROUNDS]

PEER_TXT is peer.py's output for DATA.csv (the calibrated tolerance is read from its scikit-learn line).
Prints one line per round, then the medians and their ratio, and what bounds that ratio: the Gram
product X^T X that both paths compute in full on data like `large` (numpy's `Xs.T @ Xs`, OpenBLAS's
syrk on one thread, timed in each round too) against 0.7 of scikit-learn's path.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def sklearn_tolerance(peer_txt):
    with open(peer_txt) as f:
        for line in f:
            if line.startswith("{"):
                record = json.loads(line)
                if record.get("solver") == "sklearn":
                    return float(record["tol"])
    sys.exit(f"interleave.py: {peer_txt}: no scikit-learn line")


def regscope_seconds(binary, data, lambdas, out):
    run = subprocess.run([binary, "path", "--data", data, "--lambdas", lambdas, "--out", out],
                         capture_output=True, text=True, check=True)
    for field in run.stderr.split():
        if field.startswith("solve_s="):
            return float(field.split("=", 1)[1])
    sys.exit(f"interleave.py: no solve_s in regscope's summary: {run.stderr.strip()}")


def main(argv):
    bench_dir, data, lambdas_file, peer_txt, binary = argv[:5]
    rounds = int(argv[5]) if len(argv) > 5 else 7
    os.sched_setaffinity(0, {0})  # this process, and regscope, which inherits it
    sys.path.insert(0, bench_dir)
    import peer  # fixes the BLAS threads (1) before numpy loads
    import numpy as np

    X, y, _, _ = peer.load_data(data, None)
    Xs, yc, _, _, _ = peer.standardize(X, y)
    with open(lambdas_file) as f:
        lambdas = np.array([float(v) for v in f if v.strip()])
    tol = sklearn_tolerance(peer_txt)

    def sklearn_seconds():
        t = time.perf_counter()
        peer.sk_enet(Xs, yc, lambdas, 1.0, tol)
        return time.perf_counter() - t

    def gram_seconds():
        t = time.perf_counter()
        Xs.T @ Xs
        return time.perf_counter() - t

    ours, theirs, gram = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "path.csv")
        for r in range(rounds):
            sklearn_seconds()  # untimed: the timed call follows scikit-learn itself (the first imports it)
            theirs.append(sklearn_seconds())
            ours.append(regscope_seconds(binary, data, lambdas_file, out))
            gram.append(gram_seconds())
            print(f"round {r + 1}: regscope {ours[-1]:.4f} s, scikit-learn (tol={tol:g}) {theirs[-1]:.4f} s, "
                  f"ratio {ours[-1] / theirs[-1]:.2f}", file=sys.stderr)
    a, b = statistics.median(ours), statistics.median(theirs)
    per_round = sorted(o / t for o, t in zip(ours, theirs))
    print(f"interleaved on core 0, {rounds} rounds: regscope median {a:.4f} s, scikit-learn median {b:.4f} s, "
          f"ratio {a / b:.2f} (per round {per_round[0]:.2f} to {per_round[-1]:.2f})")
    g = statistics.median(gram)
    print(f"the Gram product X^T X alone (numpy, OpenBLAS on 1 thread): median {g:.4f} s; "
          f"0.7 x scikit-learn's path: {0.7 * b:.4f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
