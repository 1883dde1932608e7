#!/usr/bin/env bash
# Runs the fhirner tool from source (builds it first if needed), from any folder.
# With no arguments it annotates the sample notes with the shipped model.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ "$#" -eq 0 ]; then
  set -- annotate "$root/samples/notes"
fi
dll="$root/src/FhirNer.Cli/bin/Release/net10.0/fhirner.dll"
if [ ! -f "$dll" ]; then
  echo "fhirner.sh: building the tool (first run, about a minute)..." >&2
fi
# Build only when a source, project or model file is newer than the tool (an up-to-date
# `dotnet build` still costs about 7 s a call).
if [ ! -f "$dll" ] || [ -n "$(find "$root/src" "$root/models" "$root"/Directory.* -type f -newer "$dll" \
    -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]; then
  if ! build_log="$(dotnet build "$root/src/FhirNer.Cli" -c Release --nologo -v quiet 2>&1)"; then
    echo "$build_log" >&2
    exit 1
  fi
  touch "$dll"
fi
exec dotnet "$dll" "$@"
