"""Linear classifiers over a mention's words that predict the parts of its ICD-O-3 code.

The similarity coder weighs every word the same way whatever it says about the code, so
"infiltración ósea por adenocarcinoma" goes to "infiltración ósea". Logistic regression
learns which words carry the histology, the behaviour and the grade: three heads over one
bag of features (words, 6-letter stems, stem bigrams, character 3-5-grams of words). The
C# side (MorphologyClassifier) computes the same features; keep FEATURES_VERSION and the two
in step. Weights under PRUNE are dropped: it keeps the file small and costs nothing measurable.
"""
import collections
import random
import re

FEATURES_VERSION = "words+stems+stem-bigrams+char3-5/1"
FOLD = str.maketrans("áàäâãéèëêíìïîóòöôõúùüûñç", "aaaaaeeeeiiiiooooouuuunc")
STOP_WORDS = set("de del la las el los con en y a o por para un una al sin su sus que se lo".split())
PRUNE = 0.1


def normalize(text):
    """As MorphologyText.Normalize: folded lower case, runs of ASCII letters and digits joined by single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().translate(FOLD)))


def features(normalized):
    words = [w for w in normalized.split() if w not in STOP_WORDS]
    out = set()
    for w in words:
        out.add("w:" + w)
        out.add("s:" + w[:6])
        framed = f"<{w}>"
        for k in (3, 4, 5):
            for i in range(len(framed) - k + 1):
                out.add("c:" + framed[i:i + k])
    for a, b in zip(words, words[1:]):
        out.add("b:" + a[:6] + "_" + b[:6])
    return out


def code_parts(code):
    """'8140/32/H' -> ('8140', '3', '2'); no grade digit -> '-'."""
    base = code[:-2] if code.endswith("/H") else code
    histology, rest = base.split("/")
    return histology, rest[0], rest[1:] or "-"


HEADS = {"histology": 0, "behaviour": 1, "grade": 2}


def train(terms, epochs=12, lr=0.05, l2=1e-5, seed=0, progress=None):
    """terms: (text, code, weight). Returns the JSON-ready classifier section of the lexicon."""
    import torch  # only the build needs it

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # tiny batches: a second thread only adds contention
    examples = []
    for text, code, weight in terms:
        n = normalize(text)
        if n:
            examples.append((features(n), code_parts(code), min(float(weight), 5.0)))
    names = sorted({f for x, _, _ in examples for f in x})
    index = {f: i for i, f in enumerate(names)}
    section = {"features": FEATURES_VERSION, "vocabulary": names, "heads": {}}
    for head, part in HEADS.items():
        classes = sorted({y[part] for _, y, _ in examples})
        class_index = {c: i for i, c in enumerate(classes)}
        weights = torch.nn.EmbeddingBag(len(names), len(classes), mode="sum")
        torch.nn.init.zeros_(weights.weight)
        bias = torch.nn.Parameter(torch.zeros(len(classes)))
        optimizer = torch.optim.Adam([weights.weight, bias], lr=lr)
        # Decay to zero: the problem is convex, so a settled optimiser gives the same weights
        # whatever the example order; a constant rate left dev1 accuracy varying by ~0.5 point.
        steps = epochs * ((len(examples) + 255) // 256)
        schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: max(0.0, 1.0 - step / steps))
        data = [([index[f] for f in x], class_index[y[part]], w) for x, y, w in examples]
        rng = random.Random(seed)
        for epoch in range(epochs):
            rng.shuffle(data)
            total = 0.0
            for k in range(0, len(data), 256):
                chunk = data[k:k + 256]
                ids = torch.tensor([i for d in chunk for i in d[0]])
                offsets, at = [], 0
                for d in chunk:
                    offsets.append(at)
                    at += len(d[0])
                logits = weights(ids, torch.tensor(offsets)) + bias
                w = torch.tensor([d[2] for d in chunk])
                loss = (torch.nn.functional.cross_entropy(logits, torch.tensor([d[1] for d in chunk]), reduction="none") * w).sum() / w.sum()
                loss = loss + l2 * (weights.weight ** 2).sum()
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                schedule.step()
                total += float(loss) * len(chunk)
            if progress:
                progress(f"{head}: epoch {epoch + 1}/{epochs} loss {total / len(data):.4f}")
        matrix = weights.weight.detach()
        kept = (matrix.abs() >= PRUNE).nonzero().tolist()
        # Flat [feature, class, weight, ...]: a third the size of nested arrays.
        flat = []
        for f, c in kept:
            flat += [f, c, round(float(matrix[f, c]), 3)]
        section["heads"][head] = {"classes": classes, "bias": [round(float(b), 3) for b in bias.detach()], "weights": flat}
    return section


def predict(section, normalized):
    """Pure-Python prediction from the written section: what the C# side must reproduce."""
    import math

    index = {f: i for i, f in enumerate(section["vocabulary"])}
    present = {index[f] for f in features(normalized) if f in index}
    out = {}
    for head, data in section["heads"].items():
        scores = list(data["bias"])
        flat = data["weights"]
        for k in range(0, len(flat), 3):
            if flat[k] in present:
                scores[flat[k + 1]] += flat[k + 2]
        top = max(range(len(scores)), key=lambda i: (scores[i], -i))
        z = sum(math.exp(s - scores[top]) for s in scores)
        out[head] = (data["classes"][top], 1.0 / z) if present else (None, 0.0)
    return out
