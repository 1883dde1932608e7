#!/usr/bin/env python3
"""Add a teacher's label distributions over unannotated notes to WORK/data.pt, for distillation
(train.py --distill-ratio).

    dotnet tools/train/teacher/bin/Release/net10.0/FhirNer.TeacherLabels.dll \
        --model models/fhirner-cantemist-ensemble --notes ../shared/cantemist/background --out WORK/teacher
    /usr/bin/python3 tools/train/distill_label.py --work WORK --teacher WORK/teacher

The teacher tool ran the model as the C# runtime does (same tokenizer, windows and merging), so
its token ids are taken as they are; they are checked against WORK/vocab.txt's size. Stored as
data["distill"]: {"name", "ids", "soft": float16 [tokens, labels]}. dev2 is refused by the tool.
"""
import argparse
import os
import sys

import numpy as np
import torch

from corpus import LABELS


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True)
    parser.add_argument("--teacher", required=True, help="folder with teacher.tsv and teacher.bin")
    args = parser.parse_args()
    path = os.path.join(args.work, "data.pt")
    data = torch.load(path)
    with open(os.path.join(args.work, "vocab.txt"), encoding="utf-8") as f:
        vocab_size = sum(1 for _ in f)
    blob = np.fromfile(os.path.join(args.teacher, "teacher.bin"), dtype=np.uint8)
    labels = len(LABELS)
    docs = []
    with open(os.path.join(args.teacher, "teacher.tsv"), encoding="utf-8") as f:
        for line in f:
            name, offset, count = line.rstrip("\n").split("\t")
            offset, count = int(offset), int(count)
            ids = blob[offset:offset + 4 * count].view(np.int32)
            soft = blob[offset + 4 * count:offset + 4 * count + 2 * count * labels].view(np.float16).reshape(count, labels)
            if count and (ids.max() >= vocab_size or ids.min() < 0):
                raise SystemExit(f"{name}: token ids outside the vocabulary: was the teacher's tokenizer WORK/tokenizer?")
            docs.append({"name": name, "ids": ids.tolist(), "soft": soft.copy()})
    data["distill"] = docs
    torch.save(data, path + ".tmp")
    os.replace(path + ".tmp", path)
    tokens = sum(len(d["ids"]) for d in docs)
    confident = sum(int((d["soft"].max(axis=1) > 0.9).sum()) for d in docs)
    print(f"distill: {len(docs)} notes, {tokens} tokens ({confident / max(1, tokens):.3f} with a label above 0.9) -> {path}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
