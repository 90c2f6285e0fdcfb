#!/usr/bin/env bash
# The demo: start the standalone mock on loopback, apply examples/demo/ with the provider
# built from this tree (dev_overrides), show what happened, destroy, stop the mock.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
mock_pid=""

cleanup() {
  if [ -n "$mock_pid" ] && kill -0 "$mock_pid" 2>/dev/null; then
    kill "$mock_pid" && wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n==> %s\n' "$*"; }

step "building the standalone mock"
go build -o "$work/netops-mock" "$root/internal/mock/cmd/netops-mock"

step "starting the mock (loopback only)"
"$work/netops-mock" -dir "$work/mock" >"$work/mock.log" 2>&1 &
mock_pid=$!
for _ in $(seq 1 100); do
  [ -f "$work/mock/env" ] && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.log"; echo "the mock exited" >&2; exit 1; }
  sleep 0.1
done
[ -f "$work/mock/env" ] || { cat "$work/mock.log"; echo "the mock did not become ready" >&2; exit 1; }
cat "$work/mock.log"
# shellcheck disable=SC1091
source "$work/mock/env"

cat >"$work/terraformrc" <<CFG
provider_installation {
  dev_overrides {
    "netops/netops" = "$root/bin"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
export TF_CLI_ARGS="-no-color"
cp -r "$root/examples/demo" "$work/demo"
tf() { terraform -chdir="$work/demo" "$@"; }

step "terraform apply (examples/demo)"
tf apply -auto-approve -input=false

step "outputs"
tf output

step "terraform plan (no resource changes; the \"before\" reading now shows the new roles)"
tf plan -input=false

step "terraform destroy"
tf destroy -auto-approve -input=false

step "demo finished"
