#!/usr/bin/env bash
# Runs every test of the solution from a fresh clone: restores, builds, tests, then prints
# one closing line "N passed, N failed, N skipped". Sets up whatever the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET 10 SDK (dotnet) is required" >&2
  exit 1
fi
corpus="${FHIRNER_CANTEMIST_DIR:-../shared/cantemist}"
if [ ! -d "$corpus/dev2" ]; then
  echo "error: the CANTEMIST corpus is not at $corpus; set FHIRNER_CANTEMIST_DIR" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test FhirNer.sln --nologo "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: a, Passed: b, Skipped: c" line per test project.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
       n++ }
     END { if (n == 0) { print "error: no test results found" > "/dev/stderr"; exit 1 }
           printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log" || status=1
if [ "$status" -ne 0 ]; then
  echo "error: the test run failed (exit $status); see the build or test errors above" >&2
fi
exit "$status"
