#!/usr/bin/env bash
# The demo: start the standalone mock on loopback, apply examples/demo/ with the provider
# built from this tree (dev_overrides), show what happened, destroy; then a small fleet from
# one provider block (examples/fleet/ against the mock's -fleet appliances): apply, a plan
# that must show no changes, destroy. Stop the mock.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

fleet_size=3 # FTD pairs, Log Insight clusters and SBC pairs of the fleet

step "starting the standalone mock (loopback only; -fleet $fleet_size besides the demo's appliances)"
start_mock -fleet "$fleet_size"
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

# The fleet: every appliance a device of its vendor's block in one provider configuration;
# the mock wrote their addresses as the configuration's variables.
cp -r "$root/examples/fleet" "$work/fleet"
cp "$work/mock/fleet.auto.tfvars.json" "$work/fleet/"
export TF_VAR_ftd_failover_key="demo-fleet-failover-key"
fleet() { terraform -chdir="$work/fleet" "$@"; }

step "fleet: terraform apply (examples/fleet: $fleet_size FTD pairs through netops_ftd_ha_pair with for_each, a member joined to each of $fleet_size Log Insight clusters, the status of $fleet_size SBC pairs; one provider block)"
fleet apply -auto-approve -input=false

step "fleet: terraform plan (no changes expected: any fails the demo)"
fleet plan -input=false -detailed-exitcode

step "fleet: terraform destroy"
fleet destroy -auto-approve -input=false

step "demo finished"
