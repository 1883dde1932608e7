#!/usr/bin/env python3
"""Add teacher-labelled notes to WORK/data.pt, for self-training (train.py --pseudo-ratio).

The teacher is any FhirNer model run over unannotated notes, e.g. the background corpus:

    fhirner annotate ../shared/cantemist/background --model TEACHER --format brat --out PSEUDO
    /usr/bin/python3 tools/train/pseudo_label.py --work WORK --notes ../shared/cantemist/background --mentions PSEUDO

Each note of NOTES is tokenised with WORK/tokenizer and labelled BIO from the T lines of
MENTIONS/<name>.ann, as prepare.py labels the gold notes; they are stored as data["pseudo"].
dev2 must never be among them: it is where the student is measured.
"""
import argparse
import os
import sys

import torch

from corpus import BpeEncoder, labelled_note, read_ann


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True)
    parser.add_argument("--notes", required=True, help="folder of unannotated .txt notes")
    parser.add_argument("--mentions", required=True, help="folder of the teacher's brat .ann files")
    args = parser.parse_args()
    if os.path.basename(os.path.normpath(args.notes)) == "dev2":
        raise SystemExit("dev2 is where the model is measured: it cannot be self-training data")
    path = os.path.join(args.work, "data.pt")
    data = torch.load(path)
    enc = BpeEncoder(os.path.join(args.work, "tokenizer"))
    docs, missing = [], 0
    names = sorted(n for n in os.listdir(args.notes) if n.endswith(".txt"))
    for k, name in enumerate(names):
        ann = os.path.join(args.mentions, name[:-4] + ".ann")
        if not os.path.exists(ann):
            missing += 1
            continue
        with open(os.path.join(args.notes, name), encoding="utf-8") as f:
            text = f.read()
        docs.append(labelled_note(enc, name[:-4], text, read_ann(ann)))
        if (k + 1) % 500 == 0:
            print(f"  {k + 1}/{len(names)} notes", file=sys.stderr, flush=True)
    if missing:
        print(f"warning: {missing} notes have no teacher .ann in {args.mentions}", file=sys.stderr)
    data["pseudo"] = docs
    torch.save(data, path + ".tmp")
    os.replace(path + ".tmp", path)
    print(f"pseudo: {len(docs)} notes, {sum(len(d['ids']) for d in docs)} tokens, "
          f"{sum(len(d['mentions']) for d in docs)} mentions -> {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
