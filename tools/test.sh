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

if ! command -v npm >/dev/null; then
  echo "error: npm (Node.js) is required for the test FHIR server (tools/fhir-test-server)" >&2
  exit 1
fi

# The review page's browser test drives Debian's Chromium with playwright-core.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    # --no-install-recommends: chromium and the libraries it depends on, nothing merely recommended.
    echo "installing Debian's chromium for the browser test: apt-get install --no-install-recommends chromium"
    apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }
    echo "installed: $(dpkg-query -W -f='${Version}' chromium 2>/dev/null | sed 's/^/chromium /')"
  else
    echo "error: /usr/bin/chromium is required for the browser test (apt-get install chromium)" >&2
    exit 1
  fi
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "installing playwright-core (npm, tests/browser; no browser download)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

log="$(mktemp)"
server_pid=""
azurite_pid=""
cleanup() {
  rm -f "$log"
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ -n "$azurite_pid" ]; then kill "$azurite_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# One test FHIR server for every test project (test fixtures start their own when this is unset).
if [ -z "${FHIRNER_TEST_FHIR_BASE:-}" ]; then
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  server_pid="$(tools/fhir-test-server/start "$port")"
  export FHIRNER_TEST_FHIR_BASE="http://127.0.0.1:$port/fhir"
  echo "test FHIR server: $FHIRNER_TEST_FHIR_BASE (pid $server_pid)"
fi

# Azurite (queues and blobs) for the Functions app's queue path and checkpoint.
if [ -z "${FHIRNER_TEST_STORAGE_CONNECTION:-}" ]; then
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  blob_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  azurite_pid="$(tools/azurite/start "$port" "$blob_port")"
  export FHIRNER_TEST_STORAGE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:$port/devstoreaccount1;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;"
  echo "Azurite queues: 127.0.0.1:$port, blobs: 127.0.0.1:$blob_port (pid $azurite_pid)"
fi

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
if [ -f artifacts/review-page.png ]; then
  echo "review page screenshot: artifacts/review-page.png"
fi
exit "$status"
