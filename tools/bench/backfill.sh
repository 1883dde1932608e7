#!/usr/bin/env bash
# Backfill notes/s for 1, 4 and 16 documents in flight against the test FHIR server.
# Usage: tools/bench/backfill.sh [NOTES (default 40)] [PORT (default 47520)]
# Starts its own test FHIR server, loads NOTES CANTEMIST dev2 notes under a fresh type code per
# run (so each run enriches them for the first time), runs a Release build of
# `fhirner backfill --parallel N`, prints its summary line, and stops the server.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
notes="${1:-40}"
port="${2:-47520}"
export FHIRNER_CANTEMIST_DIR="${FHIRNER_CANTEMIST_DIR:-$root/../shared/cantemist}"
dotnet build "$root/src/FhirNer.Cli" -c Release --nologo -v quiet >/dev/null
pid="$(FHIR_TEST_SERVER_LOG="${TMPDIR:-/tmp}/fhirner-bench-server-$port.log" "$root/tools/fhir-test-server/start" "$port")"
trap 'kill "$pid" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port/fhir"
for parallel in 1 4 16; do
  type="bench-$parallel-$$"
  python3 "$root/tools/bench/load_notes.py" "$base" "$notes" "$type"
  summary="$(dotnet "$root/src/FhirNer.Cli/bin/Release/net10.0/fhirner.dll" backfill --fhir-base "$base" \
    --query "DocumentReference?type=http://loinc.org|$type" --parallel "$parallel" 2>/dev/null)"
  echo "--parallel $parallel: $summary"
done
