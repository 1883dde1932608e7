#!/usr/bin/env bash
# Cross-validated F1 of a training recipe, by note, over every labelled note (train + dev1 +
# dev2): fold i trains on the other folds with the recipe's fixed epoch count and is scored on
# its own notes (train.py --folds K --fold i --keep last). Resumable: each fold works in
# WORK/cv-K-i and resumes from its checkpoint; finished folds are skipped.
#
#   tools/train/cv.sh WORK K [train.py options of the recipe, e.g. --epochs 12 --distill-ratio 1.0]
#
# WORK needs data.pt, vocab.txt and emb.bin (or give --init-onnx of a model that did not see
# the labelled notes). Prints one line per fold, then the mean and standard deviation.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(cd "${1:?usage: cv.sh WORK K [train.py options]}" && pwd)"
folds="${2:?usage: cv.sh WORK K [train.py options]}"
shift 2
python=/usr/bin/python3
for ((i = 0; i < folds; i++)); do
  fold="$work/cv-$folds-$i"
  mkdir -p "$fold"
  for f in data.pt vocab.txt emb.bin; do
    [ -e "$fold/$f" ] || [ ! -e "$work/$f" ] || ln -s "$work/$f" "$fold/$f"
  done
  if ! grep -q '^.* done: ' "$fold/train.log" 2>/dev/null; then
    echo "== fold $((i + 1))/$folds" >&2
    (cd "$here" && "$python" train.py --work "$fold" --folds "$folds" --fold "$i" --keep last --resume "$@")
  fi
done
"$python" - "$work" "$folds" <<'PY'
import re, statistics, sys
work, folds = sys.argv[1], int(sys.argv[2])
scores = []
for i in range(folds):
    lines = [l for l in open(f"{work}/cv-{folds}-{i}/train.log", encoding="utf-8") if " epoch " in l and "viterbi" in l]
    m = re.search(r"viterbi P=([\d.]+) R=([\d.]+) F1=([\d.]+)", lines[-1])
    p, r, f = map(float, m.groups())
    scores.append(f)
    print(f"fold {i + 1}/{folds}: strict P={p:.4f} R={r:.4f} F1={f:.4f} (last epoch, Python scoring with the runtime's windows and Viterbi)")
print(f"mean F1 {statistics.mean(scores):.4f} (sd {statistics.stdev(scores) if len(scores) > 1 else 0:.4f}) over {folds} folds by note")
PY
