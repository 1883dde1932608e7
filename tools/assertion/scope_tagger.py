"""Negation/uncertainty scope tagger trained on NUBes (an experiment for issue 19).

Each BPE token is tagged O, in a negation scope, in an uncertainty scope, or a negation /
uncertainty cue, learnt from NUBes' markers and their `Scope` relations (SAMPLE-001..006 and
IULA+; SAMPLE-007/008 stay held out). The network is the shipped CNN's (tools/train/model.py),
started from its exported weights with a new 5-label classifier, so it reads whole note windows
like the NER model. A mention's status features are then the mean label probabilities over its
tokens.

    /usr/bin/python3 tools/assertion/scope_tagger.py train --out WORK
    /usr/bin/python3 tools/assertion/scope_tagger.py mentions --work WORK --labels A/labels-*.tsv --out F.tsv
"""
import argparse
import json
import os
import random
import sys
import time

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "train"))
from corpus import BpeEncoder  # noqa: E402
from model import ConvTagger  # noqa: E402
from train import onnx_state_dict  # noqa: E402

LABELS = ["O", "NEG", "UNC", "NEG_CUE", "UNC_CUE"]
NEG_MARKERS = {"NegSynMarker", "NegLexMarker", "NegMorMarker"}
UNC_MARKERS = {"UncertSynMarker", "UncertLexMarker"}
TRAIN_SAMPLES = ["SAMPLE-001", "SAMPLE-002", "SAMPLE-003", "SAMPLE-004", "SAMPLE-005", "SAMPLE-006", "IULA+"]
HELD_OUT = ["SAMPLE-007", "SAMPLE-008"]
WINDOW = 256


def read_nubes_file(txt_path):
    """(text, [(start, end, label)]) with scope spans labelled NEG/UNC and cue spans NEG_CUE/UNC_CUE."""
    with open(txt_path, encoding="utf-8") as f:
        text = f.read()
    spans, kinds, relations = {}, {}, []
    with open(txt_path[:-4] + ".ann", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("T"):
                kind, offsets = fields[1].split(" ", 1)
                parts = [tuple(map(int, p.split())) for p in offsets.split(";")]
                spans[fields[0]], kinds[fields[0]] = parts, kind
            elif line.startswith("R"):
                kind, a1, a2 = fields[1].split()
                relations.append((kind, a1.split(":")[1], a2.split(":")[1]))
    out = []
    for kind, marker, scope in relations:
        if kind not in ("Scope", "DiscScope") or marker not in kinds or scope not in spans:
            continue
        label = "NEG" if kinds[marker] in NEG_MARKERS else "UNC" if kinds[marker] in UNC_MARKERS else None
        if label:
            out.extend((s, e, label) for s, e in spans[scope])
    for t, kind in kinds.items():
        if kind in NEG_MARKERS or kind in UNC_MARKERS:
            out.extend((s, e, "NEG_CUE" if kind in NEG_MARKERS else "UNC_CUE") for s, e in spans[t])
    return text, out


def token_labels(starts, ends, spans):
    labels = np.zeros(len(starts), dtype=np.int64)
    # Uncertainty wins over negation ("no se puede descartar X" is uncertain); cues win over scopes.
    # Label codes are in priority order, so a higher code wins.
    for s, e, label in spans:
        code = LABELS.index(label)
        for k in range(len(starts)):
            if starts[k] < e and ends[k] > s and code > labels[k]:
                labels[k] = code
    return labels


def load_samples(nubes, samples, encoder):
    docs = []
    for sample in samples:
        folder = os.path.join(nubes, sample)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                text, spans = read_nubes_file(os.path.join(folder, name))
                ids, starts, ends = encoder.encode(text)
                docs.append((np.array(ids, dtype=np.int64), token_labels(starts, ends, spans)))
    return docs


def windows(docs, encoder, rng):
    items = []
    for ids, labels in docs:
        offset = rng.randrange(WINDOW - 2)
        for start in range(-offset, len(ids), WINDOW - 2):
            s = max(start, 0)
            chunk_ids = ids[s:start + WINDOW - 2]
            chunk_labels = labels[s:start + WINDOW - 2]
            if len(chunk_ids) == 0:
                continue
            items.append((np.concatenate([[encoder.bos], chunk_ids, [encoder.eos]]),
                          np.concatenate([[-100], chunk_labels, [-100]])))
    rng.shuffle(items)
    return items


def batch(items, pad):
    n = max(len(i) for i, _ in items)
    ids = torch.full((len(items), n), pad, dtype=torch.long)
    labels = torch.full((len(items), n), -100, dtype=torch.long)
    mask = torch.zeros((len(items), n), dtype=torch.long)
    for r, (i, l) in enumerate(items):
        ids[r, :len(i)] = torch.from_numpy(i)
        labels[r, :len(l)] = torch.from_numpy(l)
        mask[r, :len(i)] = 1
    return ids, mask, labels


def build_model(encoder, init_onnx):
    model = ConvTagger(len(encoder.vocab), 3, encoder.pad)
    model.load_state_dict(onnx_state_dict(init_onnx, model))
    model.classifier = torch.nn.Linear(model.classifier.in_features, len(LABELS))
    return model


def score_docs(model, docs, encoder):
    """Token accuracy and per-label P/R/F1 over the scope labels."""
    model.eval()
    tp, fp, fn = np.zeros(len(LABELS)), np.zeros(len(LABELS)), np.zeros(len(LABELS))
    with torch.no_grad():
        items = windows(docs, encoder, random.Random(0))
        for k in range(0, len(items), 64):
            ids, mask, labels = batch(items[k:k + 64], encoder.pad)
            pred = model(ids, mask).argmax(-1)
            keep = labels != -100
            for c in range(1, len(LABELS)):
                tp[c] += ((pred == c) & (labels == c) & keep).sum().item()
                fp[c] += ((pred == c) & (labels != c) & keep).sum().item()
                fn[c] += ((pred != c) & (labels == c) & keep).sum().item()
    model.train()
    return " ".join(f"{LABELS[c]} F1={2 * tp[c] / max(1, 2 * tp[c] + fp[c] + fn[c]):.3f}" for c in range(1, len(LABELS)))


def train(args):
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    encoder = BpeEncoder(args.tokenizer)
    t0 = time.time()
    train_docs = load_samples(args.nubes, TRAIN_SAMPLES, encoder)
    held = load_samples(args.nubes, HELD_OUT, encoder)
    print(f"NUBes: {len(train_docs)} files, {sum(len(d[0]) for d in train_docs)} tokens to train; "
          f"{sum(len(d[0]) for d in held)} held out ({time.time() - t0:.0f}s)", flush=True)
    model = build_model(encoder, args.init_onnx)
    if args.resume:
        model.load_state_dict(torch.load(os.path.join(args.out, "scope.pt")))
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    os.makedirs(args.out, exist_ok=True)
    for epoch in range(1, args.epochs + 1):
        t0, total, steps = time.time(), 0.0, 0
        items = windows(train_docs, encoder, rng)
        for k in range(0, len(items), args.batch):
            ids, mask, labels = batch(items[k:k + args.batch], encoder.pad)
            loss = torch.nn.functional.cross_entropy(model(ids, mask).transpose(1, 2), labels, ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        print(f"epoch {epoch} loss {total / steps:.4f} held-out {score_docs(model, held, encoder)} ({time.time() - t0:.0f}s)", flush=True)
        torch.save(model.state_dict(), os.path.join(args.out, "scope.pt"))


def read_labels(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            for line in f:
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def note_path(corpus, note):
    for split in ("train", "dev1", "dev2"):
        p = os.path.join(corpus, split, note + ".txt")
        if os.path.exists(p):
            return p
    raise SystemExit(f"note {note} not found under {corpus}")


def mentions(args):
    torch.set_num_threads(args.threads)
    encoder = BpeEncoder(args.tokenizer)
    model = build_model(encoder, args.init_onnx)
    model.load_state_dict(torch.load(os.path.join(args.work, "scope.pt")))
    model.eval()
    rows = read_labels(args.labels)
    by_note = {}
    for r in rows:
        by_note.setdefault(r["note"], []).append(r)
    with open(args.out, "w", encoding="utf-8") as out, torch.no_grad():
        out.write("note\ttid\tstatus\tconfidence\t" + "\t".join(f"p_{l}" for l in LABELS) + "\tcue_near\n")
        for note, items in by_note.items():
            with open(note_path(args.corpus, note), encoding="utf-8") as f:
                text = f.read()
            ids, starts, ends = encoder.encode(text)
            probs = np.zeros((len(ids), len(LABELS)))
            counts = np.zeros(len(ids))
            step = WINDOW // 2
            for s in range(0, max(1, len(ids) - step), step):
                chunk = ids[s:s + WINDOW - 2]
                x = torch.tensor([[encoder.bos] + chunk + [encoder.eos]])
                p = model(x, torch.ones_like(x)).softmax(-1)[0, 1:-1].numpy()
                probs[s:s + len(chunk)] += p
                counts[s:s + len(chunk)] += 1
            probs /= np.maximum(counts, 1)[:, None]
            for r in items:
                a, b = int(r["start"]), int(r["end"])
                toks = [k for k in range(len(ids)) if starts[k] < b and ends[k] > a]
                p = probs[toks].mean(0) if toks else np.zeros(len(LABELS))
                near = [k for k in range(max(0, toks[0] - 12), min(len(ids), toks[-1] + 13))] if toks else []
                cue = probs[near, 3:].max() if near else 0.0
                out.write(f"{note}\t{r['tid']}\t{r['status']}\t{r.get('confidence', '')}\t"
                          + "\t".join(f"{v:.3f}" for v in p) + f"\t{cue:.3f}\n")


def main():
    repo = os.path.abspath(os.path.join(here, "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["train", "mentions"])
    parser.add_argument("--nubes", default=os.path.join(repo, "..", "shared", "nubes"))
    parser.add_argument("--corpus", default=os.path.join(repo, "..", "shared", "cantemist"))
    parser.add_argument("--tokenizer", default=os.path.join(repo, "models", "fhirner-cantemist-cnn"))
    parser.add_argument("--init-onnx", default=os.path.join(repo, "models", "fhirner-cantemist-cnn", "model.onnx"))
    parser.add_argument("--out")
    parser.add_argument("--work")
    parser.add_argument("--labels", nargs="*")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--resume", action="store_true", help="start from OUT/scope.pt")
    args = parser.parse_args()
    train(args) if args.command == "train" else mentions(args)


if __name__ == "__main__":
    main()
