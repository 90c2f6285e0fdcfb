#!/usr/bin/env bash
# Runs every native Go fuzz target (func FuzzXxx(f *testing.F) in a _test.go file under
# internal/) for FUZZTIME each (default 30s). go test -fuzz takes one package and one
# target at a time, so the targets are found here and run one after the other, each
# with -parallel FUZZPARALLEL (default 1: the machine is shared). FUZZ narrows the
# targets by regular expression. Prints one line per target with its executions; a
# failing input is written to the package's testdata/fuzz/<target>/ by go test: fix the
# parser and commit the file, which then runs with the package's unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-30s}
parallel=${FUZZPARALLEL:-1}
select=${FUZZ:-.}

status=0
total=0
start=$(date +%s)
dirs=$(grep -rl --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' internal | xargs -n1 dirname | sort -u)
for dir in $dirs; do
  targets=$(grep -hoE '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' "$dir"/*_test.go | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/' | sort -u)
  for target in $targets; do
    [[ $target =~ $select ]] || continue
    log=$(mktemp)
    result=ok
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -parallel "$parallel" "./$dir" >"$log" 2>&1; then
      result=FAIL
      # go test -fuzz fails with a bare "context deadline exceeded" when FUZZTIME ends
      # before the corpus has been run once (a short FUZZTIME on a busy machine): the
      # corpus passed as far as it ran, and nothing was found.
      if grep -q 'context deadline exceeded' "$log" && ! grep -qE 'Failing input written|panic:|--- FAIL: Fuzz[A-Za-z0-9_]*/' "$log"; then
        result=ok
      else
        status=1
      fi
    fi
    execs=$( (grep -oE 'execs: [0-9]+' "$log" || true) | tail -1 | awk '{print $2}')
    total=$((total + ${execs:-0}))
    printf '%-4s %-22s %-24s %12s execs\n' "$result" "./$dir" "$target" "${execs:-?}"
    if [ "$result" = FAIL ]; then
      grep -vE '^fuzz: elapsed' "$log" | tail -60
    fi
    rm -f "$log"
  done
done
echo "fuzz: ${total} executions in $(($(date +%s) - start)) s, FUZZTIME=${fuzztime} per target"
exit "$status"
