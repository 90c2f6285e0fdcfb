# Shared by the demo scripts: a work directory removed on exit, the standalone mock on
# loopback, and a Terraform CLI configuration that runs the provider built from this tree.
# shellcheck shell=bash
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
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

# start_mock builds and starts the standalone mock with the given flags, waits until it
# has written its env file, and sources it (NETOPS_* variables).
start_mock() {
  go build -o "$work/netops-mock" "$root/internal/mock/cmd/netops-mock"
  "$work/netops-mock" -dir "$work/mock" "$@" >"$work/mock.log" 2>&1 &
  mock_pid=$!
  for _ in $(seq 1 100); do
    [ -f "$work/mock/env" ] && break
    kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.log"; echo "the mock exited" >&2; exit 1; }
    sleep 0.1
  done
  [ -f "$work/mock/env" ] || { cat "$work/mock.log"; echo "the mock did not become ready" >&2; exit 1; }
  # shellcheck disable=SC1091
  source "$work/mock/env"
}

# use_dev_overrides points Terraform at bin/ for netops/netops, with plain output.
use_dev_overrides() {
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
}
