#!/usr/bin/env bash
# The whole recipe, resumable: each step is skipped when its output exists, and training
# resumes from WORK/checkpoint.pt. Run it in the background; follow WORK/train.log.
#
#   tools/train/run.sh [WORK] [MODEL_NAME]        (defaults: tools/train/runs/v1, fhirner-cantemist-cnn)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${1:-$here/runs/v1}"
name="${2:-fhirner-cantemist-cnn}"
cantemist="${CANTEMIST:-$root/../shared/cantemist}"
python=/usr/bin/python3   # Debian's python3-torch / python3-onnx live here, not in a pyenv python
mkdir -p "$work"

if [ ! -f "$work/tokenizer/merges.txt" ]; then
  echo "== byte-level BPE, 16k, on train + background" >&2
  "$python" "$root/tools/tokenizer/train_bpe.py" --vocab-size 16000 --out "$work/tokenizer" "$cantemist/train" "$cantemist/background"
fi
if [ ! -f "$work/data.pt" ]; then
  echo "== tokenise and label train, dev1, dev2; token stream for embeddings" >&2
  (cd "$here" && "$python" prepare.py --tokenizer "$work/tokenizer" --work "$work" --cantemist "$cantemist")
fi
if [ ! -f "$work/emb.bin" ]; then
  echo "== fastText skipgram embeddings of the BPE tokens (background + train + dev1)" >&2
  fasttext skipgram -input "$work/tokens.txt" -output "$work/emb" -dim 128 -epoch 5 -minCount 3 -thread 2 -minn 2 -maxn 5 -ws 5 -verbose 1
fi
echo "== train (resumes from $work/checkpoint.pt)" >&2
(cd "$here" && "$python" train.py --work "$work" --epochs "${EPOCHS:-30}" --resume)
echo "== export to models/$name" >&2
(cd "$here" && "$python" export.py --work "$work" --tokenizer "$work/tokenizer" --out "$root/models/$name" --name "$name")
