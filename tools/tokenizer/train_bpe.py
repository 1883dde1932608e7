#!/usr/bin/env python3
"""Train a byte-level BPE tokenizer (RoBERTa / GPT-2 style) on plain-text files.

Writes vocab.json, merges.txt and tokenizer.json in the layout Hugging Face exports, so the
.NET runtime (Microsoft.ML.Tokenizers) and Hugging Face's own tokenizer read the same files.

Pure Python (plus the `regex` module for \\p{L}): the Hugging Face `tokenizers` package is
not installable on these machines.

    /usr/bin/python3 tools/tokenizer/train_bpe.py --vocab-size 16000 --out DIR FILE_OR_DIR...
"""
import argparse
import collections
import heapq
import json
import os
import sys

import regex

# GPT-2's pre-tokenizer pattern; Hugging Face's ByteLevel pre-tokenizer uses the same one.
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>"]  # ids 0..3, as RoBERTa; <mask> goes last
MASK_TOKEN = "<mask>"


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable unicode characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def iter_texts(paths):
    for path in paths:
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".txt"):
                    with open(os.path.join(path, name), encoding="utf-8") as f:
                        yield f.read()
        else:
            with open(path, encoding="utf-8") as f:
                yield f.read()


def count_words(paths):
    pattern = regex.compile(GPT2_PATTERN)
    byte_map = bytes_to_unicode()
    counts = collections.Counter()
    for text in iter_texts(paths):
        for piece in pattern.findall(text):
            counts["".join(byte_map[b] for b in piece.encode("utf-8"))] += 1
    return counts, byte_map


def train(word_counts, byte_map, vocab_size, min_frequency):
    """Classic BPE: repeatedly merge the most frequent adjacent pair, updating counts locally."""
    alphabet = sorted(set(byte_map.values()))
    words = [list(w) for w in word_counts]
    freqs = list(word_counts.values())
    pair_counts = collections.Counter()
    where = collections.defaultdict(set)
    for i, w in enumerate(words):
        for a, b in zip(w, w[1:]):
            pair_counts[(a, b)] += freqs[i]
            where[(a, b)].add(i)

    target_merges = vocab_size - len(SPECIAL_TOKENS) - 1 - len(alphabet)
    merges = []
    # Max-heap of (-count, pair); entries go stale as counts change and are checked on pop.
    heap = [(-c, p) for p, c in pair_counts.items()]
    heapq.heapify(heap)
    while len(merges) < target_merges and heap:
        negative, best = heapq.heappop(heap)
        count = pair_counts.get(best, 0)
        if count != -negative:
            if count > 0:
                heapq.heappush(heap, (-count, best))
            continue
        if count < min_frequency:
            break
        merges.append(best)
        merged = best[0] + best[1]
        changed = set()
        for i in list(where[best]):
            w = words[i]
            f = freqs[i]
            for a, b in zip(w, w[1:]):  # remove this word's old pairs
                pair_counts[(a, b)] -= f
                if pair_counts[(a, b)] <= 0:
                    del pair_counts[(a, b)]
                where[(a, b)].discard(i)
            j, out = 0, []
            while j < len(w):
                if j < len(w) - 1 and w[j] == best[0] and w[j + 1] == best[1]:
                    out.append(merged)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            words[i] = out
            for a, b in zip(out, out[1:]):
                pair_counts[(a, b)] += f
                where[(a, b)].add(i)
                changed.add((a, b))
        where.pop(best, None)
        for pair in changed:
            if pair in pair_counts:
                heapq.heappush(heap, (-pair_counts[pair], pair))
        if len(merges) % 1000 == 0:
            print(f"  {len(merges)}/{target_merges} merges", file=sys.stderr)

    vocab = {tok: i for i, tok in enumerate(SPECIAL_TOKENS)}
    for ch in alphabet:
        vocab[ch] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    vocab[MASK_TOKEN] = len(vocab)
    return vocab, merges


def hf_tokenizer_json(vocab, merges):
    """tokenizer.json as Hugging Face's RobertaTokenizerFast saves it (used as a parity oracle)."""
    specials = SPECIAL_TOKENS + [MASK_TOKEN]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": vocab[t], "content": t, "single_word": False, "lstrip": t == MASK_TOKEN,
             "rstrip": False, "normalized": False, "special": True}
            for t in specials
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "RobertaProcessing", "sep": ["</s>", vocab["</s>"]], "cls": ["<s>", vocab["<s>"]],
                           "trim_offsets": True, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": [f"{a} {b}" for a, b in merges]},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help=".txt files or folders of them")
    parser.add_argument("--out", required=True)
    parser.add_argument("--vocab-size", type=int, default=16000)
    parser.add_argument("--min-frequency", type=int, default=2)
    args = parser.parse_args()

    counts, byte_map = count_words(args.inputs)
    print(f"{len(counts)} distinct pre-tokens", file=sys.stderr)
    vocab, merges = train(counts, byte_map, args.vocab_size, args.min_frequency)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(args.out, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        f.writelines(f"{a} {b}\n" for a, b in merges)
    with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(hf_tokenizer_json(vocab, merges), f, ensure_ascii=False)
    print(f"vocabulary {len(vocab)}, merges {len(merges)} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
