"""A learned assertion classifier over the mention in its context (an experiment for issue 19).

The shipped CNN's encoder (tools/train/model.py, started from an exported model's weights) reads
a window of BPE tokens around the mention, with the mention's tokens marked by a learnt vector
added to their embeddings; the mention's mean hidden state and an attention-pooled summary of
the window feed a 5-way status classifier. Trained on the CANTEMIST assertion labels, scored by
K-fold cross-validation by note over the --tune files, then (trained on all of them) on each
--test file. Its probabilities are combined with the product's statuses (brat A lines written by
`fhirner annotate --mentions`): the network replaces the product's status where its probability
is at least tau.

    /usr/bin/python3 tools/assertion/mention_classifier.py --tune A/labels-train.tsv --tune A/labels-dev1.tsv \
        --test A/labels-dev2.tsv --product PRED_ANN_DIR [--folds 5] [--epochs 8]
"""
import argparse
import csv
import os
import random
import sys
import time

import numpy as np
import torch
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "train"))
from corpus import BpeEncoder  # noqa: E402
from model import ConvTagger  # noqa: E402
from train import onnx_state_dict  # noqa: E402

STATUSES = ["affirmed", "negated", "uncertain", "hypothetical", "other"]
CONTEXT = 48  # tokens each side of the mention


class MentionClassifier(nn.Module):
    def __init__(self, tagger):
        super().__init__()
        self.tagger = tagger
        hidden = tagger.classifier.in_features
        self.marker = nn.Parameter(torch.zeros(tagger.embeddings.embedding_dim))
        self.query = nn.Linear(hidden, hidden)
        self.head = nn.Linear(2 * hidden, len(STATUSES))

    def forward(self, ids, mask, mention):
        t = self.tagger
        m = mask.unsqueeze(-1).float()
        e = t.embeddings(ids) + mention.unsqueeze(-1).float() * self.marker
        x = t.project(t.dropout(e)) * m
        for conv, norm in zip(t.convs, t.norms):
            y = conv(x.transpose(1, 2)).transpose(1, 2)
            x = norm(x + t.dropout(nn.functional.gelu(y))) * m
        mm = mention.unsqueeze(-1).float()
        own = (x * mm).sum(1) / mm.sum(1).clamp(min=1)
        scores = (x @ self.query(own).unsqueeze(-1)).squeeze(-1) / x.shape[-1] ** 0.5
        scores = scores.masked_fill(mask == 0, -1e4)
        context = (scores.softmax(-1).unsqueeze(-1) * x).sum(1)
        return self.head(t.dropout(torch.cat([own, context], -1)))


def read_labels(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows.extend(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def note_text(corpus, note, cache={}):
    if note not in cache:
        for split in ("train", "dev1", "dev2"):
            p = os.path.join(corpus, split, note + ".txt")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    cache[note] = f.read()
                break
        else:
            raise SystemExit(f"note {note} not found under {corpus}")
    return cache[note]


def examples(rows, corpus, encoder):
    encoded, out = {}, []
    for r in rows:
        if r["note"] not in encoded:
            encoded[r["note"]] = encoder.encode(note_text(corpus, r["note"]))
        ids, starts, ends = encoded[r["note"]]
        a, b = int(r["start"]), int(r["end"])
        toks = [k for k in range(len(ids)) if starts[k] < b and ends[k] > a]
        lo, hi = max(0, toks[0] - CONTEXT), min(len(ids), toks[-1] + 1 + CONTEXT)
        window = [encoder.bos] + list(ids[lo:hi]) + [encoder.eos]
        marked = [0] + [1 if toks[0] <= k <= toks[-1] else 0 for k in range(lo, hi)] + [0]
        out.append((window, marked, STATUSES.index(r["status"]), 0.5 if r.get("confidence") == "low" else 1.0))
    return out


def batch(items, pad):
    n = max(len(w) for w, *_ in items)
    ids = torch.full((len(items), n), pad, dtype=torch.long)
    mask = torch.zeros((len(items), n), dtype=torch.long)
    mention = torch.zeros((len(items), n), dtype=torch.long)
    for r, (w, m, *_rest) in enumerate(items):
        ids[r, :len(w)] = torch.tensor(w)
        mask[r, :len(w)] = 1
        mention[r, :len(m)] = torch.tensor(m)
    labels = torch.tensor([i[2] for i in items])
    weights = torch.tensor([i[3] for i in items])
    return ids, mask, mention, labels, weights


def fit(train_items, args, encoder):
    torch.manual_seed(args.seed)
    tagger = ConvTagger(len(encoder.vocab), 3, encoder.pad)
    tagger.load_state_dict(onnx_state_dict(args.init_onnx, tagger))
    model = MentionClassifier(tagger)
    head = [p for n, p in model.named_parameters() if not n.startswith("tagger.")]
    optimiser = torch.optim.AdamW([{"params": model.tagger.parameters(), "lr": args.lr},
                                   {"params": head, "lr": args.lr * 4}], weight_decay=0.01)
    rng = random.Random(args.seed)
    model.train()
    for _ in range(args.epochs):
        items = train_items[:]
        rng.shuffle(items)
        for k in range(0, len(items), args.batch):
            ids, mask, mention, labels, weights = batch(items[k:k + args.batch], encoder.pad)
            loss = (nn.functional.cross_entropy(model(ids, mask, mention), labels, reduction="none") * weights).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return model


def predict(model, items, encoder):
    model.eval()
    out = []
    with torch.no_grad():
        for k in range(0, len(items), 64):
            ids, mask, mention, *_ = batch(items[k:k + 64], encoder.pad)
            out.append(model(ids, mask, mention).softmax(-1).numpy())
    return np.concatenate(out)


def product_statuses(rows, folder):
    """The product's status of each row: the A line of its T id, else affirmed."""
    status = {}
    for note in {r["note"] for r in rows}:
        with open(os.path.join(folder, note + ".ann"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("A"):
                    kind, tid = line.rstrip("\n").split("\t")[1].split()
                    status[(note, tid)] = kind.lower()
    return [status.get((r["note"], r["tid"]), "affirmed") for r in rows]


def measures(gold, pred, low):
    def score(keep):
        g = [x for x, k in zip(gold, keep) if k]
        p = [x for x, k in zip(pred, keep) if k]
        n = len(g)
        acc = sum(a == b for a, b in zip(g, p)) / n
        negp = sum(a == b == "negated" for a, b in zip(g, p)) / max(1, sum(b == "negated" for b in p))
        negr = sum(a == b == "negated" for a, b in zip(g, p)) / max(1, sum(a == "negated" for a in g))
        nonaff = [b for a, b in zip(g, p) if a in ("negated", "hypothetical", "other")]
        unsafe = sum(b == "affirmed" for b in nonaff) / max(1, len(nonaff))
        aff = [b for a, b in zip(g, p) if a == "affirmed"]
        lost = sum(b in ("negated", "hypothetical", "other") for b in aff) / max(1, len(aff))
        unc = [b for a, b in zip(g, p) if a == "uncertain"]
        ua = sum(b == "affirmed" for b in unc) / max(1, len(unc))
        return f"n={n} acc={acc:.4f} negP={negp:.3f} negR={negr:.3f} unsafe={unsafe:.3f} lost={lost:.3f} unc->aff={ua:.3f}"
    return score([True] * len(gold)) + " | high-confidence rows: " + score([not x for x in low])


def combine(product, probs, tau):
    return [STATUSES[int(p.argmax())] if p.max() >= tau else s for s, p in zip(product, probs)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "..", "shared", "cantemist"))
    parser.add_argument("--tune", action="append", required=True)
    parser.add_argument("--test", action="append", default=[])
    parser.add_argument("--product", required=True, help="brat folder from fhirner annotate --mentions (A lines)")
    parser.add_argument("--init-onnx", default=os.path.join(here, "..", "..", "models", "fhirner-cantemist-cnn", "model.onnx"))
    parser.add_argument("--tokenizer", default=os.path.join(here, "..", "..", "models", "fhirner-cantemist-cnn"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--taus", default="0.5,0.7,0.8,0.9,0.95,0.98")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    encoder = BpeEncoder(args.tokenizer)
    taus = [float(t) for t in args.taus.split(",")]

    rows = read_labels(args.tune)
    items = examples(rows, args.corpus, encoder)
    gold = [r["status"] for r in rows]
    low = [r.get("confidence") == "low" for r in rows]
    product = product_statuses(rows, args.product)
    notes = sorted({r["note"] for r in rows})
    random.Random(2026).shuffle(notes)
    fold_of = {n: i % args.folds for i, n in enumerate(notes)}
    probs = np.zeros((len(rows), len(STATUSES)))
    started = time.time()
    for fold in range(args.folds):
        train_idx = [i for i, r in enumerate(rows) if fold_of[r["note"]] != fold]
        test_idx = [i for i, r in enumerate(rows) if fold_of[r["note"]] == fold]
        model = fit([items[i] for i in train_idx], args, encoder)
        probs[test_idx] = predict(model, [items[i] for i in test_idx], encoder)
        print(f"fold {fold + 1}/{args.folds} done ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
    print(f"product, tune: {measures(gold, product, low)}")
    print(f"network alone, {args.folds}-fold CV by note, tune: {measures(gold, [STATUSES[int(p.argmax())] for p in probs], low)}")
    for tau in taus:
        print(f"product + network at tau {tau}, CV, tune: {measures(gold, combine(product, probs, tau), low)}")

    if args.test:
        model = fit(items, args, encoder)
        for path in args.test:
            test_rows = read_labels([path])
            test_probs = predict(model, examples(test_rows, args.corpus, encoder), encoder)
            test_gold = [r["status"] for r in test_rows]
            test_low = [r.get("confidence") == "low" for r in test_rows]
            test_product = product_statuses(test_rows, args.product)
            name = os.path.basename(path)
            print(f"product, {name}: {measures(test_gold, test_product, test_low)}")
            print(f"network alone, {name}: {measures(test_gold, [STATUSES[int(p.argmax())] for p in test_probs], test_low)}")
            for tau in taus:
                print(f"product + network at tau {tau}, {name}: {measures(test_gold, combine(test_product, test_probs, tau), test_low)}")


if __name__ == "__main__":
    main()
