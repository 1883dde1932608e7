#!/usr/bin/env python3
"""Pack what pretrain.py needs into one small folder that can travel to a GPU machine.

    /usr/bin/python3 tools/train/pack_pretraining.py --work runs/v1 --out runs/gpu-input [--nubes ../shared/nubes]

Writes OUT/stream.npy: the BPE ids of WORK/tokens.txt (background + train + dev1 notes; dev2
is never in it) and of the NUBes report texts, as one uint16 stream with </s> between
documents; and OUT/data.pt, the labelled train/dev1/dev2 notes from WORK/data.pt.
"""
import argparse
import os
import shutil
import sys

import numpy as np

from corpus import BpeEncoder
from train import embedding_init


def nubes_texts(folder):
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    yield f.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True, help="a run folder with tokens.txt, data.pt and tokenizer/")
    parser.add_argument("--out", required=True)
    parser.add_argument("--embedding-dim", type=int, default=128, help="dimension of WORK/emb.bin")
    parser.add_argument("--nubes", default=None, help="NUBes folder: its texts are added to the stream (unlabelled)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    enc = BpeEncoder(os.path.join(args.work, "tokenizer"))

    stream, notes = [], 0
    with open(os.path.join(args.work, "tokens.txt"), encoding="utf-8") as f:
        for line in f:
            tokens = line.split()
            if tokens:
                stream.extend(enc.vocab[t] for t in tokens)
                stream.append(enc.eos)
                notes += 1
    cantemist_tokens = len(stream)
    if args.nubes:
        for text in nubes_texts(args.nubes):
            ids, _, _ = enc.encode(text)
            if ids:
                stream.extend(ids)
                stream.append(enc.eos)
                notes += 1
    if max(stream) >= 1 << 16:
        raise SystemExit("vocabulary too large for uint16 ids")
    np.save(os.path.join(args.out, "stream.npy"), np.asarray(stream, dtype=np.uint16))
    shutil.copy(os.path.join(args.work, "data.pt"), os.path.join(args.out, "data.pt"))
    if os.path.exists(os.path.join(args.work, "emb.bin")):
        # fastText vectors of every BPE token, to seed a pretrained encoder's token table.
        vectors = embedding_init(args.work, len(enc.vocab), args.embedding_dim)
        np.save(os.path.join(args.out, "embeddings.npy"), vectors.numpy().astype(np.float16))
    for name in ["vocab.json", "merges.txt"]:
        shutil.copy(os.path.join(args.work, "tokenizer", name), os.path.join(args.out, name))
    print(f"stream: {len(stream)} tokens from {notes} documents ({cantemist_tokens} from CANTEMIST)", file=sys.stderr)


if __name__ == "__main__":
    main()
