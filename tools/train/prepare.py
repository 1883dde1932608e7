#!/usr/bin/env python3
"""Tokenise the corpus for training: labelled token sequences and a token stream for embeddings.

    /usr/bin/python3 tools/train/prepare.py --tokenizer DIR --work DIR [--cantemist ../shared/cantemist]

Writes WORK/data.pt (train+dev1 for training, dev2 for model selection only) and
WORK/tokens.txt (background + train + dev1 as space-separated BPE tokens, one note a line).
"""
import argparse
import os
import sys

import torch

from corpus import BpeEncoder, labelled_note, read_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--cantemist", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "cantemist"))
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    enc = BpeEncoder(args.tokenizer)
    inverse = {i: t for t, i in enc.vocab.items()}

    data = {}
    for split in ["train", "dev1", "dev2"]:
        docs = []
        for name, text, mentions in read_split(os.path.join(args.cantemist, split)):
            docs.append(labelled_note(enc, name, text, mentions))
        data[split] = docs
        print(f"{split}: {len(docs)} notes, {sum(len(d['ids']) for d in docs)} tokens", file=sys.stderr)
    torch.save(data, os.path.join(args.work, "data.pt"))

    # dev2 stays out of the embedding corpus too: it is only for model selection.
    with open(os.path.join(args.work, "tokens.txt"), "w", encoding="utf-8") as out:
        for split in ["background", "train", "dev1"]:
            folder = os.path.join(args.cantemist, split)
            for name in sorted(os.listdir(folder)):
                if name.endswith(".txt"):
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        ids, _, _ = enc.encode(f.read())
                    out.write(" ".join(inverse[i] for i in ids) + "\n")
    with open(os.path.join(args.work, "vocab.txt"), "w", encoding="utf-8") as out:
        for i in range(len(inverse)):
            out.write(inverse[i] + "\n")


if __name__ == "__main__":
    main()
