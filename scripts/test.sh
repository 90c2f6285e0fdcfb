#!/usr/bin/env bash
# make test: every package's tests, with TF_ACC=1 so that every acceptance case runs through
# the Terraform on PATH (or TF_ACC_TERRAFORM_PATH). Two runs side by side:
# - every package but the provider's, under the race detector (the clients, transport and
#   mocks, where the concurrency is), four packages at once;
# - the provider package, whose acceptance cases start Terraform about 1,600 times, without
#   it (make testacc runs them under the race detector, and so does CI).
# GOGC=800 trades memory for less collection in the short-lived test and Terraform
# processes. The events of both go to bin/test.json (go run ./tools/skipcheck lists skips).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p bin
export TF_ACC=1 GOGC=800
gotestsum=(go tool gotestsum --format-hide-empty-pkg --format pkgname-and-test-fails)
mapfile -t others < <(go list ./... | grep -v '/internal/provider$')

"${gotestsum[@]}" --jsonfile bin/test-race.json -- -race -count=1 -p 4 -timeout 30m "${others[@]}" &
race=$!
"${gotestsum[@]}" --jsonfile bin/test-provider.json -- -count=1 -parallel 6 -timeout 30m ./internal/provider/ &
provider=$!

status=0
wait "$race" || status=1
wait "$provider" || status=1
cat bin/test-race.json bin/test-provider.json >bin/test.json
exit "$status"
