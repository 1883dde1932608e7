"""CANTEMIST reading and byte-level BPE encoding with character offsets.

The encoder applies vocab.json + merges.txt exactly as Hugging Face (and so the C# runtime)
does: GPT-2 pre-tokenizer, byte-to-unicode map, merges by rank.
"""
import json
import os
import sys

import regex

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tokenizer"))
from train_bpe import GPT2_PATTERN as GPT2_PATTERN_TEXT, bytes_to_unicode  # noqa: E402  (one definition of the byte map)

GPT2_PATTERN = regex.compile(GPT2_PATTERN_TEXT)
LABELS = ["O", "B-MORFOLOGIA_NEOPLASIA", "I-MORFOLOGIA_NEOPLASIA"]
O, B, I = 0, 1, 2


class BpeEncoder:
    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "vocab.json"), encoding="utf-8") as f:
            self.vocab = json.load(f)
        with open(os.path.join(model_dir, "merges.txt"), encoding="utf-8") as f:
            lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#version")]
        self.ranks = {tuple(l.split(" ")): i for i, l in enumerate(lines)}
        self.byte_map = bytes_to_unicode()
        self.cache = {}
        self.bos, self.pad, self.eos = self.vocab["<s>"], self.vocab["<pad>"], self.vocab["</s>"]

    def bpe(self, word):
        if word in self.cache:
            return self.cache[word]
        parts = list(word)
        while len(parts) > 1:
            pairs = [(self.ranks.get((a, b), 1 << 30), k) for k, (a, b) in enumerate(zip(parts, parts[1:]))]
            rank, k = min(pairs)
            if rank == 1 << 30:
                break
            first, second = parts[k], parts[k + 1]
            merged, j = [], 0
            while j < len(parts):
                if j < len(parts) - 1 and parts[j] == first and parts[j + 1] == second:
                    merged.append(first + second)
                    j += 2
                else:
                    merged.append(parts[j])
                    j += 1
            parts = merged
        self.cache[word] = parts
        return parts

    def encode(self, text):
        """Returns ids, starts, ends (UTF-16 = code-point offsets here; leading space trimmed)."""
        ids, starts, ends = [], [], []
        for m in GPT2_PATTERN.finditer(text):
            piece, base = m.group(), m.start()
            byte_to_char = []
            for ci, ch in enumerate(piece):
                byte_to_char.extend([ci] * len(ch.encode("utf-8")))
            mapped = "".join(self.byte_map[b] for b in piece.encode("utf-8"))
            pos = 0
            for tok in self.bpe(mapped):
                s = base + byte_to_char[pos]
                e = base + byte_to_char[pos + len(tok) - 1] + 1
                while s < e and text[s].isspace():
                    s += 1
                ids.append(self.vocab[tok])
                starts.append(s)
                ends.append(e if s < e else s)
                pos += len(tok)
        return ids, starts, ends


def read_ann(path):
    mentions = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("T"):
                fields = line.rstrip("\n").split("\t")
                offsets = fields[1].split(" ", 1)[1].replace(";", " ").split()
                mentions.append((int(offsets[0]), int(offsets[-1])))
    return sorted(set(mentions))


def read_split(folder):
    docs = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            ann = os.path.join(folder, name[:-4] + ".ann")
            docs.append((name[:-4], text, read_ann(ann) if os.path.exists(ann) else []))
    return docs


def bio_labels(starts, ends, mentions):
    """One label per token; of overlapping gold mentions the longer one wins (BIO cannot nest)."""
    chosen = []
    for s, e in sorted(mentions, key=lambda m: (m[0] - m[1], m[0])):
        if all(e <= cs or s >= ce for cs, ce in chosen):
            chosen.append((s, e))
    labels = [O] * len(starts)
    for s, e in chosen:
        first = True
        for k, (ts, te) in enumerate(zip(starts, ends)):
            if ts < te and ts < e and te > s:
                labels[k] = B if first else I
                first = False
    return labels


def labelled_note(enc, name, text, mentions):
    """A note as training reads it: BPE ids with character offsets, and BIO labels from its mention spans."""
    ids, starts, ends = enc.encode(text)
    return {"name": name, "text": text, "ids": ids, "starts": starts, "ends": ends,
            "labels": bio_labels(starts, ends, mentions), "mentions": mentions}
