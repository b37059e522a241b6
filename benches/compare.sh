#!/usr/bin/env bash
# Times regscope against the peers (scikit-learn, glmnet, skglm) on the standard benchmark cases, in one
# run, and checks every path's accuracy with ../shared/bench/peer.py. Not part of CI (it needs Python and
# takes minutes).
#
#   bash benches/compare.sh [case ...]
#
# cases: small medium wide large (../shared/bench/gen.py), w2000 (250 x 2000: `regscope generate --n 250
# --p 2000 --k 20 --seed 3`), cv (`path --cv 5` on w2000), onecore (large on one core, also timed in
# turn with scikit-learn by benches/interleave.py), binomial (the
# logistic lasso path against scikit-learn, benches/peer_logistic.py). Default: all.
#
# For a path case: the peers are calibrated by peer.py (the loosest tolerance meeting max relative
# suboptimality <= 1e-8, then the median of 5 runs, on 1 BLAS thread). regscope runs at its DEFAULT
# settings (no --tol): its path is checked by peer.py (it must meet 1e-8 too), then run 5 times, and the
# median of its reported solve time (standardization + grid + path; CSV reading excluded) is printed
# next to the fastest peer's median from the same run, with the ratio.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${REGSCOPE_SHARED:-$here/../shared}
out=${REGSCOPE_BENCH_DATA:-/tmp/regscope-bench}
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=(small medium wide large w2000 cv onecore binomial)

PY=$(bash "$shared/bench/setup.sh" | tail -n 1)
mkdir -p "$out"
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/regscope"

data() { # the case's CSV, written once
  local c=$1
  if [ "$c" = w2000 ]; then
    [ -f "$out/w2000.csv" ] || "$bin" generate --n 250 --p 2000 --k 20 --seed 3 --out "$out/w2000.csv" >&2
  else
    [ -f "$out/$c.csv" ] || "$PY" "$shared/bench/gen.py" "$out" "$c" >&2
  fi
}

peers() { # the peers' timings on the case (cached for this run in $out/<case>.peer.txt)
  local c=$1
  [ -f "$out/$c.peer.run" ] && [ "$(cat "$out/$c.peer.run")" = "$$" ] && return
  echo "== $c: peers" >&2
  "$PY" "$shared/bench/peer.py" "$out/$c.csv" --lambdas-out "$out/$c.lambdas" | tee "$out/$c.peer.txt" >&2
  echo "$$" > "$out/$c.peer.run"
}

median_solve() { # median of 5 reported solve times of: regscope path <args>
  local times=() line
  for _ in 1 2 3 4 5; do
    line=$("$@" 2>&1 >/dev/null | grep solve_s || true)
    times+=("$(echo "$line" | sed -n 's/.*solve_s=\([0-9.]*\).*/\1/p')")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n 3p
}

peer_seconds() { sed -n 's/.*median \([0-9.]*\) s.*/\1/p' "$out/$1.peer.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

path_case() { # regscope's default path against the fastest calibrated peer
  local c=$1 prefix=${2:-}
  data "$c"; peers "$c"
  $prefix "$bin" path --data "$out/$c.csv" --lambdas "$out/$c.lambdas" --out "$out/${c}_path.csv" 2>/dev/null
  local check
  check=$("$PY" "$shared/bench/peer.py" "$out/$c.csv" --check "$out/${c}_path.csv" 2>&1 | tail -n 1 || true)
  local median peer_s
  median=$(median_solve $prefix "$bin" path --data "$out/$c.csv" --lambdas "$out/$c.lambdas" --out "$out/${c}_path.csv")
  peer_s=$(peer_seconds "$c")
  echo "$c${prefix:+ ($prefix)}: regscope default median ${median} s [${check%%;*}]; $(grep '^fastest peer' "$out/$c.peer.txt" || echo 'no peer'); ratio $(ratio "$median" "$peer_s")"
}

for c in "${cases[@]}"; do
  case $c in
    cv)
      data w2000; peers w2000
      /usr/bin/time -f '%e' -o "$out/cv.time" "$bin" path --data "$out/w2000.csv" --cv 5 --out "$out/w2000_cv.csv" 2>/dev/null
      t=$(cat "$out/cv.time")
      peer_s=$(peer_seconds w2000)
      echo "cv: regscope path --cv 5 on w2000 (path + 5 folds, wall, CSV included) ${t} s; six fastest-peer paths $(awk -v b="$peer_s" 'BEGIN { printf "%.2f", 6 * b }') s; ratio $(ratio "$t" "$(awk -v b="$peer_s" 'BEGIN { print 6 * b }')")"
      ;;
    onecore)
      path_case large "taskset -c 0"
      # The fair one-core comparison (benches/interleave.py): the two in turn on core 0, round after
      # round, scikit-learn timed on its second call in a row (peer.py's timing above runs it right
      # after the other peers, which made it a third to a half slower).
      "$PY" "$here/benches/interleave.py" "$shared/bench" "$out/large.csv" "$out/large.lambdas" \
        "$out/large.peer.txt" "$bin" 7
      ;;
    binomial)
      # The logistic lasso path against scikit-learn's LogisticRegression (saga, warm-started) at equal
      # accuracy: 2000 x 200, labels from a sparse logistic model (separation 0.3: not separable).
      f="$out/binomial.csv"
      [ -f "$f" ] || "$bin" generate --family binomial --n 2000 --p 200 --k 10 --separation 0.3 --seed 1 --out "$f" 2>/dev/null
      "$bin" path --family binomial --data "$f" --tol 1e-13 --out "$out/binomial_ref.csv" 2>/dev/null
      awk -F, 'NR > 1 { print $1 }' "$out/binomial_ref.csv" > "$out/binomial.lambdas"
      median=$(median_solve "$bin" path --family binomial --data "$f" --lambdas "$out/binomial.lambdas" --out "$out/binomial_ours.csv")
      echo "binomial: $("$PY" "$here/benches/peer_logistic.py" "$f" "$out/binomial_ref.csv" "$out/binomial_ours.csv" "$median" 2>/dev/null | tr '\n' ';')"
      ;;
    *) path_case "$c" ;;
  esac
done
