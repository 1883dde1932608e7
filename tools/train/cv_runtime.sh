#!/usr/bin/env bash
# The cross-validation folds of cv.sh scored by the product itself: each finished fold's model
# is exported to ONNX and run by `fhirner annotate` (windows, Viterbi, span repairs, coding)
# over the notes that fold held out, then scored by `fhirner eval` (strict spans, and NORM).
# Python scoring in cv.sh stops at the decoder; this is the figure a user of the model gets.
#
#   tools/train/cv_runtime.sh WORK K          (after cv.sh WORK K ...; unfinished folds are skipped)
#
# NORM is optimistic here: the morphology lexicon and code classifier learnt from all labelled
# notes, the held-out ones included. Strict span F1 is not: only the NER weights are the fold's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(cd "${1:?usage: cv_runtime.sh WORK K}" && pwd)"
folds="${2:?usage: cv_runtime.sh WORK K}"
corpus="$root/../shared/cantemist"
python=/usr/bin/python3
cli="$root/src/FhirNer.Cli/bin/Release/net10.0/fhirner.dll"
[ -f "$cli" ] || dotnet build "$root/src/FhirNer.Cli" -c Release --nologo -v q
tokenizer="$root/models/fhirner-cantemist-cnn"
for ((i = 0; i < folds; i++)); do
  fold="$work/cv-$folds-$i"
  if ! grep -q '^.* done: ' "$fold/train.log" 2>/dev/null; then
    echo "fold $((i + 1))/$folds: not finished, skipped" >&2
    continue
  fi
  if [ ! -f "$fold/runtime/strict.txt" ]; then
    rm -rf "$fold/runtime" && mkdir -p "$fold/runtime/gold"
    (cd "$here" && "$python" export.py --work "$fold" --tokenizer "$tokenizer" --out "$fold/runtime/model" \
      --name "cv-$folds-$i" --version "fold-$((i + 1))-of-$folds" >&2)
    # The fold's held-out notes, dealt exactly as train.py --folds deals them.
    (cd "$here" && "$python" - "$work/data.pt" "$folds" "$i" <<'PY') | while read -r set name; do
import argparse, sys, torch
from train import split
data = torch.load(sys.argv[1])
_, held, _ = split(data, argparse.Namespace(all_labelled=False, folds=int(sys.argv[2]), fold=int(sys.argv[3])))
where = {d["name"]: s for s in ("train", "dev1", "dev2") for d in data[s]}
for d in held:
    print(where[d["name"]], d["name"])
PY
      cp "$corpus/$set/$name.txt" "$corpus/$set/$name.ann" "$fold/runtime/gold/"
    done
    dotnet "$cli" annotate "$fold/runtime/gold" --model "$fold/runtime/model" --format brat --out "$fold/runtime/pred" >&2
    dotnet "$cli" eval --gold "$fold/runtime/gold" --pred "$fold/runtime/pred" > "$fold/runtime/strict.txt"
    dotnet "$cli" eval --gold "$fold/runtime/gold" --pred "$fold/runtime/pred" --norm > "$fold/runtime/norm.txt"
  fi
  echo "fold $((i + 1))/$folds: $(grep -m1 'strict micro' "$fold/runtime/strict.txt")"
  echo "fold $((i + 1))/$folds: $(grep -m1 'NORM' "$fold/runtime/norm.txt")"
done
