#!/usr/bin/env python3
"""Sentence-level tense and genericity features beside the assertion classifier's words (tools/assertion/trainer/README.md,
"Round 20 and a wider context"; tried, not shipped: 10-fold CV by note 0.9480 -> 0.9485).

Reads the trainer's --dump-features file of the words classifier, adds G: features computed from the note's text (a
verb in the preterite or imperfect, present tense only, no verb, past verbs in the paragraph, a date, a measurement,
the patient named in the paragraph, a plural mention, "los/las" before it, a determiner-led subject, a "Discusión"
heading before it, the position in the note), and cross-validates the trainer's logistic regression (re-implemented in
torch) with and without them under the product's decision rule. Needs numpy and torch (Debian packages).

    /usr/bin/python3 tools/assertion/genericity_experiment.py DUMP.tsv [base] [all] [pret,pos,...]
"""
import collections, glob, os, re, sys
import numpy as np, torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experiment_common import decide, load_dump, note_text, report, sentence_bounds, sparse_design  # noqa: E402
torch.set_num_threads(2)
rows, y, fold, weight, rule = load_dump(sys.argv[1])
N = len(rows)
text = note_text
WORD = re.compile(r'\w+', re.U)
PRET = re.compile(r'\b\w{3,}(?:ó|aron|ieron)\b')
IMPF = re.compile(r'\b\w{3,}(?:aba|aban|ían)\b')
PRES = re.compile(r'\b(?:es|son|está|están|existe|existen|presentan|aparece|aparecen|afecta|afectan|tiene|tienen|se \w+an?)\b')
DATE = re.compile(r'\b(?:19|20)\d\d\b|\b(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b')
MEAS = re.compile(r'\d\s?(?:cm|mm|mg|ml|ng|ui)\b', re.I)
DISC = re.compile(r'^\s*(?:discusi[oó]n|comentario|conclusi[oó]n(?:es)?)\s*:?\s*$', re.I | re.M)
PAT = re.compile(r'\b(?:paciente|enferm[oa]|nuestr[oa]s? (?:caso|paciente)|varón|mujer|niñ[oa])\b', re.I)
bounds = sentence_bounds
def extra(r):
    note, s, e = r[0], int(r[1]), int(r[2]); t = text(note)
    a, b = bounds(t, s, e); sent = t[a:b].lower()
    ls = t.rfind('\n', 0, s) + 1; le = t.find('\n', e); le = len(t) if le < 0 else le
    para = t[ls:le].lower()
    f = []
    pret = len(PRET.findall(sent)); impf = len(IMPF.findall(sent)); pres = len(PRES.findall(sent))
    if pret: f.append('G:pret')
    if impf: f.append('G:impf')
    if pres and not pret and not impf: f.append('G:present-only')
    if not pret and not impf and not pres: f.append('G:noverb')
    pp = len(PRET.findall(para)) + len(IMPF.findall(para))
    f.append('G:para-past:' + ('0' if pp == 0 else '1-2' if pp <= 2 else '3+'))
    if DATE.search(sent): f.append('G:date')
    if DATE.search(para): f.append('G:date-p')
    if MEAS.search(sent): f.append('G:measure')
    if PAT.search(para): f.append('G:patient-p')
    m = t[s:e].lower().split()
    if m and m[0].endswith('s'): f.append('G:plural')
    pre = sent[:s - a].split()
    if pre and pre[-1] in ('los', 'las'): f.append('G:los')
    if len(pre) <= 4 and sent.split()[:1] and sent.split()[0] in ('los', 'las', 'el', 'la'): f.append('G:subject-det')
    d = [mm.start() for mm in DISC.finditer(t)]
    if d and d[0] < s: f.append('G:after-discussion')
    q = int(5 * s / max(1, len(t))); f.append(f'G:pos{q}')
    if not PAT.search(para): f.append(f'G:pos{q}-nopatient-p')
    if pres and not pret and not impf and not PAT.search(sent): f.append('G:present-nopatient')
    return f
base = [r[7].split('\x1f') if len(r) > 7 and r[7] else [] for r in rows]
ext = [extra(r) for r in rows]
design = sparse_design
def fit_predict(X, F, tr, te, l2=3e-4, epochs=300):
    W = torch.zeros(F, 5, requires_grad=True); b = torch.zeros(5, requires_grad=True)
    opt = torch.optim.Adam([W, b], lr=0.05)
    yt = torch.tensor(y[tr]); wt = torch.tensor(weight[tr], dtype=torch.float32); wt = wt / wt.sum()
    Xd = Xsub(X, tr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = (torch.nn.functional.cross_entropy(torch.sparse.mm(Xd, W) + b, yt, reduction='none') * wt).sum() + 0.5 * l2 * (W ** 2).sum()
        loss.backward(); opt.step()
    with torch.no_grad():
        return torch.softmax(torch.sparse.mm(Xsub(X, te), W) + b, 1).numpy()
def Xsub(X, idx):
    return torch.index_select(X, 0, torch.tensor(idx)).coalesce()
def cv(feats, name):
    X, F = design(feats); P = np.zeros((N, 5))
    for f in sorted(set(fold)):
        tr = np.where(fold != f)[0]; te = np.where(fold == f)[0]
        P[te] = fit_predict(X, F, tr, te)
    report(name, decide(P, rule), y); return P
sets = sys.argv[2:] or ['base', 'all']
for s in sets:
    if s == 'base': cv(base, 'base')
    elif s == 'all': cv([b + e for b, e in zip(base, ext)], 'base+all G')
    else:
        keep = s.split(',')
        cv([b + [x for x in e if any(x.startswith('G:' + k) for k in keep)] for b, e in zip(base, ext)], 'base+' + s)
