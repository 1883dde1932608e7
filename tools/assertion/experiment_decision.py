"""The product's assertion decision rule and figures, shared by the Python experiments in this folder.

decide() is AssertionClassifier.Decide with the shipped thresholds: the classifier replaces the rules' status where
its top probability is at least `override`, turns a non-affirmed verdict into affirmed only at `affirm`, and a
negation under `negate` is judged uncertain. Statuses are indices: 0 affirmed, 1 negated, 2 uncertain,
3 hypothetical, 4 other. unsafe and lost are issue 19's measures.
"""
import numpy as np


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
