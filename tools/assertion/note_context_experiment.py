#!/usr/bin/env python3
"""How the note-context inputs were chosen (tools/assertion/trainer/README.md, "Note context").

Reads the trainer's --dump-features file (fold, status, confidence, rules' verdict per tuning mention) and its
--cv-probs file (the classifier's held-out probabilities), fits a second-stage multinomial logistic regression
per fold on the other folds' rows, over the mention's own log-probabilities plus each group of inputs from the
note's other mentions, and prints the figures under the product's decision rule (override 0.5, affirm 0.9,
negation floor 0.7). Then, as NoteContext computes it (a lone mention keeps its own probabilities; the others'
mean shrunk towards the mean probabilities as if PRIOR_WEIGHT typical mentions were in the note), the prior
weights tried, and whether the sentence naming the patient ("D:patient") helps as an input beside them.
Needs the CANTEMIST notes at ../shared/cantemist; numpy and torch (Debian packages).

    /usr/bin/python3 tools/assertion/note_context_experiment.py DUMP.tsv CVPROBS.tsv
"""
import collections
import glob
import os
import sys

import numpy as np
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experiment_common import decide, report  # noqa: E402

dump, cvprobs = sys.argv[1], sys.argv[2]
rows = [l.rstrip('\n').split('\t') for l in open(dump, encoding='utf-8')]
probs = {}
for line in open(cvprobs, encoding='utf-8'):
    p = line.rstrip('\n').split('\t')
    probs[(p[0], int(p[1]), int(p[2]))] = np.array([float(x) for x in p[3:]])
texts = {}


def text(note):
    if note not in texts:
        found = glob.glob(f'../shared/cantemist/**/{note}.txt', recursive=True)
        texts[note] = open(found[0], encoding='utf-8').read()
    return texts[note]


by_note = collections.defaultdict(list)
for i, r in enumerate(rows):
    by_note[r[0]].append(i)
N = len(rows)
y = np.array([int(r[4]) for r in rows])
fold = np.array([int(r[3]) for r in rows])
weight = np.array([0.5 if r[5] == '1' else 1.0 for r in rows])
rule = np.array([int(r[6]) for r in rows])
P = np.stack([probs[(r[0], int(r[1]), int(r[2]))] for r in rows])


def inputs(i):
    note, s, e = rows[i][0], int(rows[i][1]), int(rows[i][2])
    t = text(note)
    line_start = t.rfind('\n', 0, s) + 1
    line_end = t.find('\n', e)
    line_end = len(t) if line_end < 0 else line_end
    order = sorted(by_note[note], key=lambda j: int(rows[j][1]))
    k = order.index(i)
    paragraph = [j for j in order if j != i and line_start <= int(rows[j][1]) < line_end]
    others = [j for j in order if j != i]
    groups = {
        'own': list(np.log(P[i] + 1e-6)),
        'paragraph': list(P[paragraph].mean(0) if paragraph else np.zeros(5)) + [1.0 if paragraph else 0.0],
        'note': list(P[others].mean(0) if others else np.zeros(5)),
        'neighbours': [],
        'position': [s / len(t)],
    }
    for n in (k - 1, k + 1):
        if 0 <= n < len(order):
            j = order[n]
            gap = t[min(e, int(rows[j][2])):max(s, int(rows[j][1]))]
            same = '.' not in gap and '\n' not in gap
            groups['neighbours'] += list(P[j] * same) + list(P[j] * (not same))
        else:
            groups['neighbours'] += [0.0] * 10
    return groups


X = [inputs(i) for i in range(N)]


def fit(x, labels, w, l2=1e-3):
    x, labels, w = torch.tensor(x), torch.tensor(labels), torch.tensor(w, dtype=torch.float32)
    W = torch.zeros(x.shape[1], 5, requires_grad=True)
    b = torch.zeros(5, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], max_iter=500)

    def closure():
        opt.zero_grad()
        loss = (torch.nn.functional.cross_entropy(x @ W + b, labels, reduction='none') * w).sum() / w.sum() + l2 * (W ** 2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    return W.detach(), b.detach()


report('classifier alone', decide(P, rule), y)
for groups in (['own'], ['own', 'note'], ['own', 'paragraph', 'note', 'neighbours', 'position'], ['own', 'paragraph'], ['own', 'neighbours']):
    x = np.array([sum((g[k] for k in groups), []) for g in X], dtype=np.float32)
    x = (x - x.mean(0)) / (x.std(0) + 1e-6)
    reread = np.zeros((N, 5))
    for f in sorted(set(fold)):
        W, b = fit(x[fold != f], y[fold != f], weight[fold != f])
        reread[fold == f] = torch.softmax(torch.tensor(x[fold == f]) @ W + b, 1).numpy()
    report('second stage over ' + ' + '.join(groups), decide(reread, rule), y)


# As NoteContext computes it: own log-probabilities and the others' mean shrunk towards the prior; unstandardised,
# L2 1e-4; lone mentions are not reread. Figures for every mention, and for those in notes of at most 3 mentions.
count = np.array([len(by_note[r[0]]) for r in rows])
patient = np.array([1.0 if 'D:patient' in r[7].split('\x1f') else 0.0 for r in rows])
prior = P.mean(0)
for prior_weight, with_patient in [(0, False), (1, False), (2, False), (4, False), (8, False), (16, False), (4, True)]:
    x = np.zeros((N, 11 if with_patient else 10), np.float32)
    for idx in by_note.values():
        total = P[idx].sum(0)
        for i in idx:
            x[i, :5] = np.log(np.maximum(P[i], 1e-6))
            x[i, 5:10] = (total - P[i] + prior_weight * prior) / (len(idx) - 1 + prior_weight) if len(idx) > 1 else prior
            if with_patient:
                x[i, 10] = patient[i]
    reread = P.copy()
    multi = count >= 2
    for f in sorted(set(fold)):
        W, b = fit(x[(fold != f) & multi], y[(fold != f) & multi], weight[(fold != f) & multi], l2=1e-4)
        reread[(fold == f) & multi] = torch.softmax(torch.tensor(x[(fold == f) & multi]) @ W + b, 1).numpy()
    name = f'prior weight {prior_weight}' + (' + sentence names the patient' if with_patient else '')
    report(name, decide(reread, rule), y)
    lost_small = ((y == 0) & (count <= 3) & ~np.isin(decide(reread, rule), [0, 2])).sum()
    print(f'  lost in notes of at most 3 mentions: {lost_small} of {((y == 0) & (count <= 3)).sum()}')
