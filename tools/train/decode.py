"""Span decoding for model selection, mirroring the C# runtime's BioSpanDecoder closely."""
import numpy as np

from corpus import B, I, O


def viterbi_bio(log_probs):
    """Best label sequence under the BIO constraint (no I after O, none at the start)."""
    n, k = log_probs.shape
    allowed = np.ones((k, k), dtype=bool)
    allowed[O, I] = False
    score = log_probs[0].copy()
    score[I] = -1e9
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + np.where(allowed, 0.0, -1e9)
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + log_probs[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t][path[-1]]))
    return path[::-1]


def same_word(a, b):
    return (a.isalpha() and b.isalpha()) or (a.isdigit() and b.isdigit())


def trim(text, s, e):
    changed = True
    while changed and s < e:
        changed = False
        while s < e and text[s].isspace():
            s, changed = s + 1, True
        while e > s and text[e - 1].isspace():
            e, changed = e - 1, True
        if e <= s:
            break
        last = text[e - 1]
        span = text[s:e]
        if last in ",;:" or (last == "." and not (0 < len(span[:-1]) - len(span[:-1].rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúÁÉÍÓÚñÑ")) <= 3)):
            e, changed = e - 1, True
        elif last in ")]" and span.count("(" if last == ")" else "[") < span.count(last):
            e, changed = e - 1, True
        elif text[s] in "([" and span.count(text[s]) > span.count(")" if text[s] == "(" else "]"):
            s, changed = s + 1, True
    return s, e


def spans(text, starts, ends, labels):
    out, cur = [], None
    for ts, te, lab in zip(starts, ends, labels):
        if ts >= te:
            continue
        if lab == I and cur is not None:
            cur[1] = max(cur[1], te)
            continue
        if cur is not None:
            out.append(cur)
        cur = [ts, te] if lab in (B, I) else None
    if cur is not None:
        out.append(cur)
    result = []
    for s, e in out:
        while 0 < s < len(text) and same_word(text[s - 1], text[s]):
            s -= 1
        while 0 < e < len(text) and same_word(text[e - 1], text[e]):
            e += 1
        s, e = trim(text, s, e)
        if s < e:
            if result and result[-1][1] > s:
                s = result[-1][0]
                e = max(e, result.pop()[1])
            result.append((s, e))
    return result


def prf(gold, pred):
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
