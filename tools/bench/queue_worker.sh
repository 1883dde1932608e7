#!/usr/bin/env bash
# Per-worker throughput of the queue path: notes/s of one `fhirner serve` process working its
# SQLite queue with 1 and 2 messages in flight, against the test FHIR server.
# Usage: tools/bench/queue_worker.sh [NOTES (default 20)] [PORT (default 47420; PORT+1 for serve)]
# Loads NOTES CANTEMIST dev2 notes under a fresh type code per run, queues them with
# `fhirner backfill --queue FILE` (and times that), starts `fhirner serve` over the file, times
# from "listening" (model loaded) until the queue is empty, and stops everything.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
notes="${1:-20}"
port="${2:-47420}"
serve_port=$((port + 1))
export FHIRNER_CANTEMIST_DIR="${FHIRNER_CANTEMIST_DIR:-$root/../shared/cantemist}"
dotnet build "$root/src/FhirNer.Cli" -c Release --nologo -v quiet >/dev/null
fhirner="$root/src/FhirNer.Cli/bin/Release/net10.0/fhirner.dll"
pid="$(FHIR_TEST_SERVER_LOG="${TMPDIR:-/tmp}/fhirner-bench-server-$port.log" "$root/tools/fhir-test-server/start" "$port")"
work="$(mktemp -d)"
serve_pid=""
trap 'kill "$pid" 2>/dev/null || true; [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port/fhir"
count() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from messages").fetchone()[0])' "$1"; }
for workers in 1 2; do
  type="queue-bench-$workers-$$"
  queue="$work/queue-$workers.db"
  python3 "$root/tools/bench/load_notes.py" "$base" "$notes" "$type"
  start=$(date +%s.%N)
  dotnet "$fhirner" backfill --fhir-base "$base" --query "DocumentReference?type=http://loinc.org|$type" --queue "$queue" 2>/dev/null
  queued=$(date +%s.%N)
  FhirNer__Queue__Path="$queue" FhirNer__Queue__Workers="$workers" FhirNer__Queue__PollInterval="00:00:00.100" \
    dotnet "$fhirner" serve --urls "http://127.0.0.1:$serve_port" --fhir-base "$base" --state-dir "$work/state-$workers" >"$work/serve.log" 2>&1 &
  serve_pid=$!
  until grep -q "listening" "$work/serve.log"; do
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
  done
  listening=$(date +%s.%N)
  while [ "$(count "$queue")" -gt 0 ]; do sleep 0.5; done
  done_at=$(date +%s.%N)
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
  python3 -c 'import sys; n, s, q, l, d = int(sys.argv[1]), *map(float, sys.argv[2:6]); print(f"{sys.argv[6]} in flight: queued {n} in {q - s:.1f} s; worked {n} in {d - l:.1f} s = {n / (d - l):.2f} notes/s")' \
    "$notes" "$start" "$queued" "$listening" "$done_at" "$workers"
done
