#!/usr/bin/env bash
# Adopting existing appliances with `terraform query` (Terraform 1.14+): start the
# standalone mock, set up a Log Insight member and an FTD HA configuration on each unit
# "by hand" (examples/query/existing, whose state is then thrown away), run
# `terraform query -generate-config-out=generated.tf` on examples/query, print the
# generated configuration, import it and show that the next plan has no changes. Then open
# a FireFlow traffic change request and implement it with ActiveChange (an action).
# TERRAFORM names the Terraform binary, 1.14 or newer (make demo-query sets it).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
terraform=${TERRAFORM:-terraform}

version=$("$terraform" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\).*/\1/p')
case "$version" in
  0.* | 1.[0-9] | 1.[0-9].* | 1.1[0-3] | 1.1[0-3].*)
    echo "terraform query needs Terraform 1.14 or newer; $terraform is $version (set TERRAFORM)" >&2
    exit 1 ;;
esac
echo "Terraform $version ($terraform)"

step "building the provider"
(cd "$root" && go build -o bin/terraform-provider-netops .)

step "starting the mock (loopback only)"
start_mock -ftd-job-duration 1s -ftd-sync-duration 1s -loginsight-start-delay 1s
use_dev_overrides

step "setting up the appliances by hand (examples/query/existing; its state is discarded)"
cp -r "$root/examples/query/existing" "$work/existing"
"$terraform" -chdir="$work/existing" apply -auto-approve -input=false >"$work/existing.log" 2>&1 || { cat "$work/existing.log"; exit 1; }
grep -E '^Apply complete' "$work/existing.log"
rm -f "$work/existing/terraform.tfstate"*

step "terraform query -generate-config-out=generated.tf (examples/query)"
mkdir "$work/query"
cp "$root/examples/query/main.tf" "$root/examples/query/adopt.tfquery.hcl" "$work/query/"
# The dev_overrides warning is said once, above.
quiet() { sed '/Warning: Provider development overrides are in effect/,/releases\./d'; }
tf() { "$terraform" -chdir="$work/query" "$@" 2>&1 | quiet; return "${PIPESTATUS[0]}"; }
tf query -generate-config-out=generated.tf

step "generated.tf"
cat "$work/query/generated.tf"

step "terraform apply (imports only: nothing to add, change or destroy)"
tf plan -input=false -out=import.tfplan | tee "$work/plan.log" | grep -E '^Plan:|No changes'
grep -q ' 0 to add, 0 to change, 0 to destroy' "$work/plan.log" || { cat "$work/plan.log"; echo "the import plan changes something" >&2; exit 1; }
tf apply -input=false import.tfplan | grep -E '^Apply complete'

step "terraform plan after the import (no changes expected)"
tf plan -input=false -detailed-exitcode

step "FireFlow: open a traffic change request (examples/query/active-change)"
mkdir "$work/active-change"
cp "$root/examples/query/active-change/main.tf" "$work/active-change/"
ac() { "$terraform" -chdir="$work/active-change" "$@" 2>&1 | quiet; return "${PIPESTATUS[0]}"; }
ac apply -auto-approve -input=false | grep -E '^(netops_|Apply complete|traffic_request)'

step "terraform apply -invoke=action.netops_fireflow_active_change.demo (ActiveChange on each child request)"
ac apply -auto-approve -input=false -invoke=action.netops_fireflow_active_change.demo

step "terraform destroy (FireFlow keeps the request: no API cancels one)"
ac destroy -auto-approve -input=false | grep -E 'Warning: FireFlow change request left open|^Destroy complete'

step "demo-query finished"
