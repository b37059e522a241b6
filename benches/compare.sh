#!/usr/bin/env bash
# Times regscope against the peers (scikit-learn, glmnet) on the standard benchmark cases, in one run,
# and checks every path's accuracy with ../shared/bench/peer.py. Not part of CI (it needs Python and
# takes minutes).
#
#   bash benches/compare.sh [case ...]        cases: medium wide large (default: all three)
#
# regscope's tolerance is calibrated as peer.py calibrates the peers: the loosest value on the decade
# ladder 1e-4 .. 1e-9 whose path meets max relative suboptimality <= 1e-8; then `regscope path` runs
# 5 times and the median of its reported solve time (standardization + grid + path; CSV reading
# excluded) is printed next to the fastest peer's median from the same run.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${REGSCOPE_SHARED:-$here/../shared}
out=${REGSCOPE_BENCH_DATA:-/tmp/regscope-bench}
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=(medium wide large)

PY=$(bash "$shared/bench/setup.sh" | tail -n 1)
mkdir -p "$out"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/regscope"

for c in "${cases[@]}"; do
  [ -f "$out/$c.csv" ] || "$PY" "$shared/bench/gen.py" "$out" "$c" >&2
  echo "== $c: peers" >&2
  "$PY" "$shared/bench/peer.py" "$out/$c.csv" --lambdas-out "$out/$c.lambdas" | tee "$out/$c.peer.txt" >&2
  chosen=""
  for tol in 1e-4 1e-5 1e-6 1e-7 1e-8 1e-9; do
    "$bin" path --data "$out/$c.csv" --lambdas "$out/$c.lambdas" --tol "$tol" --out "$out/${c}_path.csv" 2>/dev/null
    if "$PY" "$shared/bench/peer.py" "$out/$c.csv" --check "$out/${c}_path.csv" > "$out/$c.check.txt" 2>&1; then
      chosen=$tol; break
    fi
  done
  [ -n "$chosen" ] || { echo "$c: no tolerance on the ladder met the target" >&2; continue; }
  times=()
  for _ in 1 2 3 4 5; do
    line=$("$bin" path --data "$out/$c.csv" --lambdas "$out/$c.lambdas" --tol "$chosen" --out "$out/${c}_path.csv" 2>&1)
    times+=("$(echo "$line" | sed -n 's/.*solve_s=\([0-9.]*\).*/\1/p')")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
  peer=$(grep '^fastest peer' "$out/$c.peer.txt" || true)
  peer_s=$(echo "$peer" | sed -n 's/.*median \([0-9.]*\) s.*/\1/p')
  ratio=$(awk -v a="$median" -v b="$peer_s" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
  echo "$c: regscope tol=$chosen median ${median} s ($(tail -n 1 "$out/$c.check.txt" | cut -d: -f1)); $peer; ratio ${ratio}"
done
