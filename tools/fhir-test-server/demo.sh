#!/usr/bin/env bash
# Shows the whole FHIR path on the test server: a Patient and a DocumentReference holding a
# CANTEMIST note, then `fhirner enrich` run, repeated, and run again on a new version of the
# note, with the number of resources of each type on the server after each step.
# Usage: tools/fhir-test-server/demo.sh [NOTE.txt]   (default: the first dev2 note)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
notes=("$repo"/../shared/cantemist/dev2/*.txt)
note="${1:-${notes[0]}}"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
pid="$("$repo/tools/fhir-test-server/start" "$port")"
v2=""
trap 'kill "$pid" 2>/dev/null || true; rm -f "$v2"' EXIT
base="http://127.0.0.1:$port/fhir"
json='Content-Type: application/fhir+json'
dotnet build "$repo/src/FhirNer.Cli" -c Release --nologo -v q >/dev/null
fhirner="$repo/src/FhirNer.Cli/bin/Release/net10.0/fhirner"

id_of() { python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }
counts() {
  local line="$1:"
  for type in Observation Condition Provenance Device; do
    line+=" $type=$(curl -s "$base/$type?_tag=https://fhirner.org/fhir/CodeSystem/fhirner-tag|fhirner-derived&_count=1000" | python3 -c 'import json, sys; print(len(json.load(sys.stdin).get("entry", [])))')"
  done
  line+=" (Condition entered-in-error: $(curl -s "$base/Condition?verification-status=entered-in-error&_count=1000" | python3 -c 'import json, sys; print(len(json.load(sys.stdin).get("entry", [])))'))"
  echo "$line"
}
document() {
  printf '{"resourceType":"DocumentReference",%s"status":"current","subject":{"reference":"Patient/%s"},"content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"%s"}}]}' "$1" "$2" "$(base64 -w0 "$3")"
}

patient="$(curl -s -X POST -H "$json" "$base/Patient" -d '{"resourceType":"Patient","name":[{"family":"Demo"}]}' | id_of)"
doc="$(document "" "$patient" "$note" | curl -s -X POST -H "$json" "$base/DocumentReference" -d @- | id_of)"
echo "note: $note -> DocumentReference/$doc (Patient/$patient)"
counts "before"
"$fhirner" enrich --fhir-base "$base" "DocumentReference/$doc"
counts "after enrich"
"$fhirner" enrich --fhir-base "$base" "DocumentReference/$doc"
counts "after a repeat"
v2="$(mktemp)"
head -c 600 "$note" > "$v2"
document "\"id\":\"$doc\"," "$patient" "$v2" | curl -s -X PUT -H "$json" "$base/DocumentReference/$doc" -d @- >/dev/null
echo "updated DocumentReference/$doc: the note cut to its first 600 characters"
"$fhirner" enrich --fhir-base "$base" "DocumentReference/$doc"
counts "after the update"
