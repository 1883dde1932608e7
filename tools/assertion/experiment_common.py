"""What the Python assertion experiments in this folder share: the trainer's dump, the notes, the product's decision
rule and figures.

load_dump() reads the trainer's --dump-features file: per tuning mention its note, UTF-16 span, fold (10 by note),
status, low-confidence flag, the rules' verdict and its features (joined by U+001F). decide() is AssertionClassifier.Decide with the shipped thresholds: the classifier replaces the rules' status where
its top probability is at least `override`, turns a non-affirmed verdict into affirmed only at `affirm`, and a
negation under `negate` is judged uncertain. Statuses are indices: 0 affirmed, 1 negated, 2 uncertain,
3 hypothetical, 4 other. unsafe and lost are issue 19's measures.
"""
import collections
import glob

import numpy as np
import torch


def load_dump(path):
    rows = [line.rstrip('\n').split('\t') for line in open(path, encoding='utf-8')]
    y = np.array([int(r[4]) for r in rows])
    fold = np.array([int(r[3]) for r in rows])
    weight = np.array([0.5 if r[5] == '1' else 1.0 for r in rows])
    rule = np.array([int(r[6]) for r in rows])
    return rows, y, fold, weight, rule


_texts = {}


def note_text(note, corpus='../shared/cantemist'):
    if note not in _texts:
        _texts[note] = open(glob.glob(f'{corpus}/**/{note}.txt', recursive=True)[0], encoding='utf-8').read()
    return _texts[note]


def sentence_bounds(t, s, e):
    """The sentence around [s, e) of text t, roughly: from after the last line break or '. ', '? ', '! ' before it to the next."""
    a = max(t.rfind('\n', 0, s), max(t.rfind(x, 0, s) + 1 for x in ('. ', '? ', '! '))) + 1
    ends = [b for b in (t.find(x, e) for x in ('\n', '. ', '? ', '! ')) if b >= 0]
    return a, (min(ends) if ends else len(t))


def decide(p, rule, override=0.5, affirm=0.9, negate=0.7):
    best = p.argmax(1)
    sure = p.max(1) >= np.where((best == 0) & (rule != 0), affirm, override)
    out = np.where(sure, best, rule)
    return np.where((out == 1) & (p[:, 1] < negate), 2, out)


def report(name, pred, y):
    negP = ((pred == 1) & (y == 1)).sum() / max(1, (pred == 1).sum())
    negR = ((pred == 1) & (y == 1)).sum() / (y == 1).sum()
    otherR = ((pred == 4) & (y == 4)).sum() / (y == 4).sum()
    unsafe = ((y != 0) & (y != 2) & (pred == 0)).sum() / ((y != 0) & (y != 2)).sum()
    lost = ((y == 0) & (pred != 0) & (pred != 2)).sum() / (y == 0).sum()
    unc_aff = ((y == 2) & (pred == 0)).sum() / (y == 2).sum()
    print(f'{name}: acc={(pred == y).mean():.4f} negP={negP:.3f} negR={negR:.3f} otherR={otherR:.3f} '
          f'unsafe={unsafe:.3f} lost={lost:.4f} unc->aff={unc_aff:.3f}', flush=True)


def sparse_design(feats, min_count=2):
    """Binary design matrix (coalesced sparse COO, rows x features) of the features seen in at least min_count rows, as the trainer keeps them."""
    counts = collections.Counter(x for fs in feats for x in set(fs))
    index = {k: i for i, k in enumerate(sorted(k for k, c in counts.items() if c >= min_count))}
    rows, cols = [], []
    for i, fs in enumerate(feats):
        for k in set(fs):
            if k in index:
                rows.append(i)
                cols.append(index[k])
    return torch.sparse_coo_tensor([rows, cols], torch.ones(len(rows)), (len(feats), len(index))).coalesce(), len(index)
