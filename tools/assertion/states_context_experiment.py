#!/usr/bin/env python3
"""Whether the assertion classifier gains from more of the encoder's states than the mention and eight tokens each side
(tools/assertion/trainer/README.md, "Round 20 and a wider context"; tried, not shipped).

Reads the trainer's --dump-features file (fold, status, confidence, rules' verdict, features per tuning mention) and
the per-token states it writes with --states MODEL_DIR --dump-states DIR; re-implements the trainer's logistic
regression (300 full-batch Adam steps, L2 3e-4, features seen twice, low-confidence rows weighted 0.5, states
standardised and scaled by SCALE) in torch, cross-validates it on the trainer's 10 folds by note and prints the
figures under the product's decision rule (override 0.5, affirm 0.9, negation floor 0.7), before the note context.
Blocks: m (mention), b8/a8 (eight tokens before/after), wide (tokens 9-WIDE each side, the two sides' means
averaged), sent, para, note (means over the sentence, line, note). Needs numpy and torch (Debian packages).

    /usr/bin/python3 tools/assertion/states_context_experiment.py DUMP.tsv STATES_DIR m,b8,a8,wide   [WIDE=32 SCALE=0.3 SAVE=P.npy]

SAVE writes the cross-validated probabilities (rows as in DUMP, statuses in AssertionStatus order), which
affirm_threshold_experiment.py reads.
"""
import collections, glob, os, struct, sys
import numpy as np, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experiment_common import decide, load_dump, note_text, report, sentence_bounds, sparse_design  # noqa: E402
torch.set_num_threads(2)
rows, y, fold, weight, rule = load_dump(sys.argv[1])
N = len(rows)
text = note_text
def load(note):
    p = os.path.join(sys.argv[2], note + '.bin')
    if not os.path.exists(p): return None
    b = open(p, 'rb').read(); n, d = struct.unpack_from('<ii', b, 0)
    se = np.frombuffer(b, '<i4', 2 * n, 8).reshape(n, 2)
    v = np.frombuffer(b, '<f2', n * d, 8 + 8 * n).reshape(n, d).astype(np.float32)
    return se, v
bounds = sentence_bounds
def mean(v, a, b):
    a = max(0, a); b = min(len(v), b)
    return v[a:b].mean(0) if b > a else np.zeros(v.shape[1], np.float32)
VARIANTS = sys.argv[3].split(',')
blocks = collections.defaultdict(list); have = np.zeros(N, bool)
cache = {}
for i, r in enumerate(rows):
    note, s, e = r[0], int(r[1]), int(r[2])
    if note not in cache: cache = {note: load(note)}
    st = cache[note]
    if st is None:
        for k in VARIANTS: blocks[k].append(None)
        continue
    se, v = st
    idx = np.where((se[:, 0] < e) & (se[:, 1] > s))[0]
    if len(idx) == 0:
        for k in VARIANTS: blocks[k].append(None)
        continue
    have[i] = True
    f, l = idx[0], idx[-1]
    out = {}
    out['m'] = mean(v, f, l + 1); out['b8'] = mean(v, f - 8, f); out['a8'] = mean(v, l + 1, l + 9)
    W = int(os.environ.get('WIDE', '32'))
    out['wide'] = (mean(v, f - W, f - 8) + mean(v, l + 9, l + 1 + W)) / 2
    t = text(note); sa, sb = bounds(t, s, e)
    sidx = np.where((se[:, 0] < sb) & (se[:, 1] > sa))[0]
    out['sent'] = v[sidx].mean(0) if len(sidx) else out['m']
    ls = t.rfind('\n', 0, s) + 1; le = t.find('\n', e); le = len(t) if le < 0 else le
    pidx = np.where((se[:, 0] < le) & (se[:, 1] > ls))[0]
    out['para'] = v[pidx].mean(0) if len(pidx) else out['m']
    out['note'] = v.mean(0)
    for k in VARIANTS: blocks[k].append(out[k])
print('rows with states', have.sum(), 'of', N, flush=True)
D = np.zeros((N, 0), np.float32)
for k in VARIANTS:
    d = next(x for x in blocks[k] if x is not None).shape[0]
    D = np.concatenate([D, np.stack([x if x is not None else np.zeros(d, np.float32) for x in blocks[k]])], 1)
mu = D[have].mean(0); sd = D[have].std(0) + 1e-6
D = np.where(have[:, None], (D - mu) / sd, 0) * float(os.environ.get('SCALE', '0.3'))
D = torch.tensor(D, dtype=torch.float32)
base = [r[7].split('\x1f') if len(r) > 7 and r[7] else [] for r in rows]
X, _ = sparse_design(base)
def fit_predict(tr, te, l2=3e-4, epochs=300):
    F = X.shape[1]; Dd = D.shape[1]
    W = torch.zeros(F, 5, requires_grad=True); Wd = torch.zeros(Dd, 5, requires_grad=True); b = torch.zeros(5, requires_grad=True)
    opt = torch.optim.Adam([W, Wd, b], lr=0.05)
    yt = torch.tensor(y[tr]); wt = torch.tensor(weight[tr], dtype=torch.float32); wt = wt / wt.sum()
    Xt = torch.index_select(X, 0, torch.tensor(tr)).coalesce(); Dt = D[tr]
    for _ in range(epochs):
        opt.zero_grad()
        loss = (torch.nn.functional.cross_entropy(torch.sparse.mm(Xt, W) + Dt @ Wd + b, yt, reduction='none') * wt).sum() + 0.5 * l2 * ((W ** 2).sum() + (Wd ** 2).sum())
        loss.backward(); opt.step()
    with torch.no_grad():
        return torch.softmax(torch.sparse.mm(torch.index_select(X, 0, torch.tensor(te)).coalesce(), W) + D[te] @ Wd + b, 1).numpy()
P = np.zeros((N, 5))
for f in sorted(set(fold)):
    tr = np.where(fold != f)[0]; te = np.where(fold == f)[0]
    P[te] = fit_predict(tr, te)
report(sys.argv[3] + ' scale ' + os.environ.get('SCALE', '0.3'), decide(P, rule), y)
if os.environ.get('SAVE'):
    np.save(os.environ['SAVE'], P)
