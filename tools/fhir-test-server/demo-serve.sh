#!/usr/bin/env bash
# End to end through `fhirner serve`: the test FHIR server delivers a rest-hook notification
# for a new DocumentReference (a CANTEMIST note) to FhirNer, which writes the findings back;
# the same notification is then delivered three more times by hand. Prints what was delivered
# and what the server holds after each step.
# Usage: tools/fhir-test-server/demo-serve.sh [NOTE.txt]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
notes=("$repo"/../shared/cantemist/dev2/*.txt)
note="${1:-${notes[0]}}"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
fhir_port="$(free_port)"; serve_port="$(free_port)"
log="$(mktemp)"; state="$(mktemp -d)"
fhir_pid="$(FHIR_TEST_SERVER_LOG="$log" "$repo/tools/fhir-test-server/start" "$fhir_port")"
dotnet build "$repo/src/FhirNer.Cli" -c Release --nologo -v q >/dev/null
"$repo/src/FhirNer.Cli/bin/Release/net10.0/fhirner" serve --urls "http://127.0.0.1:$serve_port" --fhir-base "http://127.0.0.1:$fhir_port/fhir" --state-dir "$state" > "$state/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$fhir_pid" "$serve_pid" 2>/dev/null || true; rm -rf "$log" "$state"' EXIT
base="http://127.0.0.1:$fhir_port/fhir"; json='Content-Type: application/fhir+json'
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$serve_port/api/health" >/dev/null && break; sleep 0.5; done
count() { curl -s "$base/$1?$2&_count=1000" | python3 -c 'import json, sys; print(len(json.load(sys.stdin).get("entry", [])))'; }

echo "fhirner serve on :$serve_port, test FHIR server on :$fhir_port"
curl -s -X POST -H "$json" "$base/Subscription" -d "{\"resourceType\":\"Subscription\",\"status\":\"active\",\"reason\":\"FhirNer\",\"criteria\":\"DocumentReference?status=current\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"http://127.0.0.1:$serve_port/api/fhir/notify\",\"payload\":\"application/fhir+json\"}}" >/dev/null
patient="$(curl -s -X POST -H "$json" "$base/Patient" -d '{"resourceType":"Patient"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')"
doc_json="$(printf '{"resourceType":"DocumentReference","status":"current","subject":{"reference":"Patient/%s"},"content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"%s"}}]}' "$patient" "$(base64 -w0 "$note")" | curl -s -X POST -H "$json" "$base/DocumentReference" -d @-)"
echo "created a DocumentReference with $note for Patient/$patient"
for _ in $(seq 1 60); do [ "$(count Condition "subject=Patient/$patient")" != "0" ] && break; sleep 0.5; done
sleep 1
echo "test server log: $(grep delivered "$log")"
echo "after delivery: Condition=$(count Condition "subject=Patient/$patient") Observation=$(count Observation "subject=Patient/$patient") Provenance=$(count Provenance "_tag=https://fhirner.org/fhir/CodeSystem/fhirner-tag|fhirner-derived")"
for i in 1 2 3; do
  answer="$(curl -s -X POST -H "$json" "http://127.0.0.1:$serve_port/api/fhir/notify" -d "$doc_json" | python3 -c 'import json, sys; print(json.load(sys.stdin)["issue"][0]["diagnostics"])')"
  echo "redelivery $i: $answer"
done
echo "after 3 redeliveries: Condition=$(count Condition "subject=Patient/$patient") Observation=$(count Observation "subject=Patient/$patient") Provenance=$(count Provenance "_tag=https://fhirner.org/fhir/CodeSystem/fhirner-tag|fhirner-derived")"
echo "fhirner serve log:"; grep -v "^\s*$" "$state/serve.log" | sed 's/^/  /' | tail -8
