"""Assertion measured as a registry receives it: per note and morphology code, the Condition the write-back writes.

Usage:
    fhirner annotate NOTES_DIR --mentions NOTES_DIR --format jsonl > pred.jsonl      # gold mentions, the product's codes
    /usr/bin/python3 tools/assertion/condition_level.py pred.jsonl LABELS.tsv [LABELS.tsv ...]

Over the labelled mentions only, each (note, code) is written with the strongest of affirmed > uncertain (provisional)
among its mentions' statuses, or not at all. The product side reads each finding's code status (morphologyAssertion where
there is one, else its assertion); the gold side reads the label, with the same code-level reading: a stage's claim is its
text's, a lesion named by another mention takes that mention's label. Prints counts: Conditions by the labels and by the
product, the same status, invented (the product writes affirmed or provisional where the labels write nothing), lost (the
labels write affirmed or provisional, the product nothing), and affirmed where the labels say provisional.
"""
import collections
import csv
import json
import sys


def strongest(statuses):
    for status in ('affirmed', 'uncertain'):
        if status in statuses:
            return status
    return None


def main(pred, label_files):
    gold = {}
    for path in label_files:
        for row in csv.DictReader(open(path, encoding='utf-8'), delimiter='\t'):
            gold[(row['note'], int(row['start']), int(row['end']))] = row['status']
    counts = collections.Counter()
    for line in open(pred, encoding='utf-8'):
        doc = json.loads(line)
        note = doc['document']
        by_id = {f['id']: f for f in doc['findings']}
        codes = collections.defaultdict(lambda: ([], []))
        for f in doc['findings']:
            key = (note, f['mention']['start'], f['mention']['end'])
            if key not in gold or not f.get('morphology'):
                continue
            label, claim = gold[key], f.get('morphologyAssertion')
            product = claim.get('status') if claim else f['assertion']
            expected = label
            if claim and label == 'affirmed':
                if claim['reason'] == 'natureNamedByMention':
                    named = by_id[claim['namedBy']]['mention']
                    expected = gold.get((note, named['start'], named['end']), label)
                else:
                    expected = claim.get('status')
            codes[f['morphology']['code']][0].append(product)
            codes[f['morphology']['code']][1].append(expected)
        for product, expected in codes.values():
            p, g = strongest(product), strongest(expected)
            counts['code groups'] += 1
            counts['Conditions by the labels'] += g is not None
            counts['Conditions by the product'] += p is not None
            counts['same status'] += p == g and g is not None
            counts['groups the labels do not write'] += g is None
            counts['groups the labels write affirmed'] += g == 'affirmed'
            counts['invented affirmed'] += p == 'affirmed' and g is None
            counts['invented provisional'] += p == 'uncertain' and g is None
            counts['lost affirmed'] += p is None and g == 'affirmed'
            counts['lost provisional'] += p is None and g == 'uncertain'
            counts['affirmed where the labels say provisional'] += p == 'affirmed' and g == 'uncertain'
    for key, value in counts.items():
        print(f'{key}: {value}')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit('usage: condition_level.py PRED.jsonl LABELS.tsv [LABELS.tsv ...]')
    main(sys.argv[1], sys.argv[2:])
