#!/usr/bin/env bash
# Scores the assertion step on NUBes phrases: fhirner judges every T line of the given samples
# (--mentions), then `fhirner eval --assertion` compares with the scopes NUBes annotates.
# Usage: tools/assertion/eval_nubes.sh [SAMPLE ...]   (default: the held-out SAMPLE-007 SAMPLE-008)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
nubes="${FHIRNER_NUBES_DIR:-$repo/../shared/nubes}"
samples=("$@")
[ ${#samples[@]} -gt 0 ] || samples=(SAMPLE-007 SAMPLE-008)
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet build "$repo/src/FhirNer.Cli" -c Release --nologo -v q >/dev/null
cli="$repo/src/FhirNer.Cli/bin/Release/net10.0/fhirner"
gold=()
for sample in "${samples[@]}"; do
  "$cli" annotate "$nubes/$sample" --mentions "$nubes/$sample" --format brat --out "$out"
  gold+=(--gold "$nubes/$sample")
done
"$cli" eval "${gold[@]}" --pred "$out" --assertion
