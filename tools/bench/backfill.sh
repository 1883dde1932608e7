#!/usr/bin/env bash
# Backfill against the test FHIR server for 1, 4 and 16 documents in flight, with where its time
# went (model, FHIR server), next to the model alone (`fhirner bench`, same notes) and the server
# alone (the backfill's own reads, searches and transactions replayed without the model, same
# documents in flight: fhir_replay.py). Prints a table; "ratio" is backfill notes/s over the lesser
# of the two alone rates (the issue's target: >= 0.8).
# Usage: tools/bench/backfill.sh [NOTES (default 40)] [PORT (default 47520; PORT+1: recording proxy)] [MODEL DIR (default: the default model)]
# Every measurement gets a fresh test FHIR server holding just its NOTES CANTEMIST dev2 notes:
# the in-memory server slows as it fills, so runs on one server would not be comparable.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
notes="${1:-40}"
port="${2:-47520}"
model=()
[ -n "${3:-}" ] && model=(--model "$3")
export FHIRNER_CANTEMIST_DIR="${FHIRNER_CANTEMIST_DIR:-$root/../shared/cantemist}"
dotnet build "$root/src/FhirNer.Cli" -c Release --nologo -v quiet >/dev/null
fhirner=(dotnet "$root/src/FhirNer.Cli/bin/Release/net10.0/fhirner.dll")
work="$(mktemp -d)"
pid=""
proxy=""
stop_server() {
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  pid=""
}
trap 'stop_server; [ -n "$proxy" ] && kill "$proxy" 2>/dev/null; rm -rf "$work"' EXIT
fresh_server() {
  stop_server
  pid="$(FHIR_TEST_SERVER_LOG="$work/server.log" "$root/tools/fhir-test-server/start" "$port")"
}
base="http://127.0.0.1:$port/fhir"
# CPU seconds a process has used (user + system), from /proc.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
query() { echo "DocumentReference?type=http://loinc.org|$1"; }
# Type codes unique to this run: the replay rewrites them wherever they occur.
recorded="fhirner-bench-rec-$$"

# The model alone, on the same notes.
alone_model="$("${fhirner[@]}" bench "${model[@]}" --limit "$notes" "$FHIRNER_CANTEMIST_DIR/dev2" 2>/dev/null | sed -n 's/.* \([0-9.]*\) notes\/s.*/\1/p' | tail -1)"

# The calls a backfill makes, recorded once (one in flight; what is called does not depend on N).
fresh_server
python3 "$root/tools/bench/load_notes.py" "$base" "$notes" "$recorded"
python3 "$root/tools/bench/fhir_replay.py" record "$((port + 1))" "$base" "$work/calls.jsonl" &
proxy=$!
until curl -fsS "http://127.0.0.1:$((port + 1))/fhir/metadata" >/dev/null 2>&1; do sleep 0.1; done
"${fhirner[@]}" backfill --fhir-base "http://127.0.0.1:$((port + 1))/fhir" --query "$(query "$recorded")" --parallel 1 "${model[@]}" >/dev/null 2>&1
kill "$proxy"; proxy=""
python3 "$root/tools/bench/fhir_replay.py" docs "$base" "$recorded" >"$work/docs.json"

printf '%-9s | %-8s | %-11s | %-10s | %-19s | %-20s | %s\n' "in-flight" "notes/s" "model share" "FHIR share" "model-alone notes/s" "server-alone notes/s" "ratio to min"
for parallel in 1 4 16; do
  fresh_server
  python3 "$root/tools/bench/load_notes.py" "$base" "$notes" "fhirner-bench-rep-$$-$parallel"
  cpu_before="$(cpu_of "$pid")"
  alone_server="$(python3 "$root/tools/bench/fhir_replay.py" replay "$base" "$work/calls.jsonl" "$work/docs.json" "fhirner-bench-rep-$$-$parallel" "$parallel" 2>>"$work/replay.log" | sed -n 's/.* = \([0-9.]*\) notes\/s.*/\1/p')" || alone_server="failed"
  echo "$parallel in flight: server CPU $(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$cpu_before" "$(cpu_of "$pid")") s replayed alone" >>"$work/cpu.log"
  fresh_server
  python3 "$root/tools/bench/load_notes.py" "$base" "$notes" "fhirner-bench-run-$$-$parallel"
  cpu_before="$(cpu_of "$pid")"
  out="$("${fhirner[@]}" backfill --fhir-base "$base" --query "$(query "fhirner-bench-run-$$-$parallel")" --parallel "$parallel" --timings "${model[@]}" 2>/dev/null)"
  echo "$out" >>"$work/backfill.log"
  echo "$parallel in flight: server CPU $(python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$cpu_before" "$(cpu_of "$pid")") s under the backfill" >>"$work/cpu.log"
  rate="$(echo "$out" | sed -n 's/.*(\([0-9.]*\) notes\/s).*/\1/p')"
  model_share="$(echo "$out" | sed -n 's/.*runs (\([0-9]*\)%).*/\1%/p')"
  fhir_share="$(echo "$out" | sed -n 's/.*calls (\([0-9]*\)%).*/\1%/p')"
  ratio="$(python3 -c 'import sys; r, m, s = map(float, sys.argv[1:]); print(f"{r / min(m, s):.2f}")' "$rate" "$alone_model" "$alone_server" 2>/dev/null || echo "n/a")"
  printf '%-9s | %-8s | %-11s | %-10s | %-19s | %-20s | %s\n' "$parallel" "$rate" "$model_share" "$fhir_share" "$alone_model" "$alone_server" "$ratio"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "backfill summaries:"; sed 's/^/  /' "$work/backfill.log"
echo "server-alone calls (mean time per call):"; sed 's/^/  /' "$work/replay.log"
echo "test FHIR server CPU for the same calls (more under the backfill: more work; same CPU but more wall time: starved of a core):"; sed 's/^/  /' "$work/cpu.log"
