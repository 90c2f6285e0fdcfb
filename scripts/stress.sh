#!/usr/bin/env bash
# make stress: run `make test` several times while two CPU-bound processes run beside it,
# so that a test which depends on the machine being idle shows itself. Exits non-zero
# unless every run passes.
set -uo pipefail
runs=${STRESS_RUNS:-5}
hogs=()
stop_hogs() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap stop_hogs EXIT
for _ in 1 2; do
  (while :; do :; done) &
  hogs+=("$!")
done
echo "stress: ${#hogs[@]} CPU-bound processes running beside make test (pids ${hogs[*]})"

passed=0
for i in $(seq 1 "$runs"); do
  start=$SECONDS
  if make --no-print-directory test >"${TMPDIR:-/tmp}/netops-stress-$i.log" 2>&1; then
    passed=$((passed + 1))
    result=pass
  else
    result=FAIL
  fi
  echo "stress: run $i/$runs $result in $((SECONDS - start)) s ($(tail -n 1 "${TMPDIR:-/tmp}/netops-stress-$i.log"))"
  [ "$result" = FAIL ] && grep -E -- '--- FAIL|^FAIL|✖' "${TMPDIR:-/tmp}/netops-stress-$i.log" | head -20
done
echo "stress: $passed of $runs runs passed"
[ "$passed" = "$runs" ]
