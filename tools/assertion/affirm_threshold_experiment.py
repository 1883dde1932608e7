#!/usr/bin/env python3
"""Whether asking more of the classifier before it affirms reaches issue 19's unsafe target (<= 0.03) with lost <= 0.01
(tried, not shipped; the closing note of 2026-12-02, twenty-third session).

Reads the trainer's --dump-features file and cross-validated probabilities (10 folds by note) saved by
states_context_experiment.py with SAVE=P.npy; applies the product's decision rule, then, where the result is affirmed
but p(affirmed) < t, the most probable other status instead. Prints the figures for t in 0.5 .. 0.9.

    SAVE=/tmp/cvp.npy /usr/bin/python3 tools/assertion/states_context_experiment.py DUMP.tsv STATES_DIR m,b8,a8
    /usr/bin/python3 tools/assertion/affirm_threshold_experiment.py DUMP.tsv /tmp/cvp.npy
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from experiment_common import decide, load_dump, report  # noqa: E402

if len(sys.argv) != 3:
    sys.exit('usage: affirm_threshold_experiment.py DUMP.tsv P.npy')
rows, y, fold, weight, rule = load_dump(sys.argv[1])
p = np.load(sys.argv[2])
base = decide(p, rule)
report('as shipped', base, y)
other = p[:, 1:].argmax(1) + 1
for t in (0.5, 0.6, 0.7, 0.8, 0.9):
    pred = np.where((base == 0) & (p[:, 0] < t), other, base)
    report(f'affirm only at p >= {t}', pred, y)
