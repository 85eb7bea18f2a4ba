#!/usr/bin/env bash
# Bounded fuzzing of the anatomy (layout) and times stages with atheris (libFuzzer for Python).
#
#   fuzz/run.sh                 # 20,000 inputs per target
#   fuzz/run.sh 200000          # more
#   FUZZ_TARGETS=times fuzz/run.sh 5000
#
# Each target starts from fuzz/seeds/<target>/ and grows a working corpus in a temporary folder.
# A crash, a broken invariant or an input slower than 10 s (a super-linear path) stops the target;
# the input that did it is written to $FUZZ_FINDINGS (default /tmp/warta-fuzz-findings) and the
# script exits 1. Replay one with: python fuzz/fuzz_<target>.py <file>
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-${FUZZ_RUNS:-20000}}"
TARGETS="${FUZZ_TARGETS:-layout times}"
FINDINGS="${FUZZ_FINDINGS:-/tmp/warta-fuzz-findings}"
python -c "import atheris" 2>/dev/null || python -m pip install -q "atheris>=2.3"
mkdir -p "$FINDINGS"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for target in $TARGETS; do
  mkdir -p "$work/$target"
  started=$(date +%s)
  if python "fuzz/fuzz_$target.py" -runs="$RUNS" -max_len=4096 -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 \
      -artifact_prefix="$FINDINGS/$target-" "$work/$target" "fuzz/seeds/$target" >"$work/$target.log" 2>&1; then
    outcome="ok"
  else
    outcome="FOUND A PROBLEM (see $FINDINGS and the log below)"
    status=1
    tail -40 "$work/$target.log"
  fi
  runs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$work/$target.log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$work/$target.log" | tail -1 | grep -Eo '[0-9]+' || echo "?")
  echo "fuzz $target: $runs inputs in $(( $(date +%s) - started )) s, coverage $cov edges, corpus $(ls "$work/$target" | wc -l) files: $outcome"
done
exit $status
