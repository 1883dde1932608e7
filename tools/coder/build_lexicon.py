#!/usr/bin/env python3
"""Build the ICD-O-3 morphology lexicon the C# coder reads (morphology-lexicon.json).

Terms come from the CANTEMIST train + dev1 annotations (mention text -> code, with counts),
curated acronyms and eponyms (acronyms.tsv, eponyms.tsv, each worth one mention) and the eCIE-O-3.1 descriptions
(each description a term of its code). dev2 is left out: it is where the coder is measured.
The C# side normalises and indexes the terms at load time.

The file also carries the classifier section (classifier.py): linear weights that predict
histology, behaviour and grade of wording no term matches, trained on the same terms, with
check predictions the C# tests reproduce. It needs Debian's python3-torch; --no-classifier
leaves it out (the coder then uses word-stem similarity alone).

    /usr/bin/python3 tools/coder/build_lexicon.py --out models/fhirner-cantemist-ensemble/morphology-lexicon.json --version 2026.11.25.3

The shipped 2026.12.01.1 is 2026.11.25.3's classifier with the eponyms added as terms:

    git show bd2113e:models/fhirner-cantemist-ensemble/morphology-lexicon.json > /tmp/lexicon-2026.11.25.3.json
    /usr/bin/python3 tools/coder/build_lexicon.py --classifier-from /tmp/lexicon-2026.11.25.3.json \
        --out models/fhirner-cantemist-ensemble/morphology-lexicon.json --version 2026.12.01.1

To tune a coder change without dev2, code two held-out splits' gold mentions and keep the change
only if both gain (a neutral change moves either by about 5 mentions):
dev1 with `--splits train`, and train with `--splits dev1`, each through
`fhirner annotate SPLIT --mentions SPLIT --lexicon LEXICON --format brat --out DIR` and
`fhirner eval --gold SPLIT --pred DIR --norm`.
"""
import argparse
import collections
import json
import os
import sys

import classifier

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT = "fhirner-morphology-lexicon/1"


def read_codes(folder):
    displays = {}
    for name in ["morfologia-6.tsv", "morfologia-7.tsv"]:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for i, line in enumerate(f):
                fields = line.rstrip("\r\n").split("\t")
                if i == 0 or len(fields) < 2 or not fields[0]:
                    continue
                displays.setdefault(fields[0], fields[1].strip().strip('"'))
    return displays


def read_annotations(folder):
    pairs = collections.Counter()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".ann"):
            continue
        texts, codes = {}, {}
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if line.startswith("T") and len(fields) >= 3:
                    texts[fields[0]] = fields[2]
                elif line.startswith("#") and len(fields) >= 3 and fields[1].startswith("AnnotatorNotes "):
                    codes[fields[1].split(" ")[1]] = fields[2].strip()
        for tid, text in texts.items():
            if tid in codes:
                pairs[(text, codes[tid])] += 1
    return pairs


def read_curated(path):
    """Curated terms (acronyms.tsv, eponyms.tsv: term, code, note), each worth one annotated mention."""
    pairs = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                acronym, code = line.rstrip("\n").split("\t")[:2]
                pairs[(acronym, code)] += 1
    return pairs


CHECKS = [
    "infiltración focal ósea por adenocarcinoma",
    "carcinoma ductal infiltrante de mama izquierda grado histológico II",
    "recidiva hepática de hepatoblastoma",
    "linfoma B difuso de células grandes",
    "sarcoma pleomórfico indiferenciado de alto grado",
    "metástasis cerebrales de melanoma",
    "adenoma tubular con displasia de bajo grado",
    "carcinoma urotelial papilar no invasivo",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cantemist", default=os.path.join(HERE, "..", "..", "..", "shared", "cantemist"))
    parser.add_argument("--out", required=True)
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--splits", default="train,dev1",
                        help="annotated splits to learn from (default train,dev1; train alone to tune a coder change on dev1, dev1 alone to check it on train)")
    parser.add_argument("--seed", type=int, default=0, help="classifier example order")
    parser.add_argument("--no-classifier", action="store_true", help="terms only (no torch needed)")
    parser.add_argument("--classifier-from", metavar="LEXICON",
                        help="reuse LEXICON's classifier section instead of training one (terms added since then act as exact terms only; "
                             "a retrain on a changed term list moves dozens of dev2 codes either way)")
    parser.add_argument("--curated", default="acronyms.tsv,eponyms.tsv",
                        help="curated term files beside this script (default acronyms.tsv,eponyms.tsv; fewer to measure what one adds)")
    args = parser.parse_args()

    displays = read_codes(os.path.join(args.cantemist, "codes"))
    pairs = collections.Counter()
    for split in args.splits.split(","):
        if split == "dev2":
            raise SystemExit("dev2 is where the coder is measured: it cannot be in the lexicon")
        pairs += read_annotations(os.path.join(args.cantemist, split))
    for name in args.curated.split(","):
        pairs += read_curated(os.path.join(HERE, name))
    terms = [[text, code, count] for (text, code), count in sorted(pairs.items())]
    # A description is weaker evidence than an annotated mention.
    terms += [[display, code, 0.5] for code, display in sorted(displays.items())]
    lexicon = {
        "format": FORMAT,
        "version": args.version,
        "source": f"CANTEMIST {' + '.join(args.splits.split(','))} annotations and eCIE-O-3.1 morphology descriptions (CC BY 4.0)",
        "codes": dict(sorted(displays.items())),
        "terms": terms,
    }
    if args.classifier_from:
        with open(args.classifier_from, encoding="utf-8") as f:
            lexicon["classifier"] = json.load(f)["classifier"]
    elif not args.no_classifier:
        section = classifier.train(terms, seed=args.seed, progress=lambda m: print(m, file=sys.stderr, flush=True))
        # Wording no term matches exactly: what the C# tests must predict the same way.
        section["checks"] = []
        for text in CHECKS:
            predicted = classifier.predict(section, classifier.normalize(text))
            section["checks"].append([text] + [predicted[head][0] for head in classifier.HEADS])
        lexicon["classifier"] = section
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(lexicon, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(terms)} terms, {len(displays)} code descriptions -> {args.out}")


if __name__ == "__main__":
    main()
