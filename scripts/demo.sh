#!/usr/bin/env bash
# The demo: start the standalone mock on loopback, apply examples/demo/ with the provider
# built from this tree (dev_overrides), show what happened, destroy, stop the mock.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

step "starting the standalone mock (loopback only)"
start_mock
cat "$work/mock.log"
use_dev_overrides
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
