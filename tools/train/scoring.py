"""Strict span F1 of a tagger on labelled notes, windowed and decoded as the C# runtime does."""
import contextlib

import numpy as np
import torch

from corpus import LABELS
from decode import prf, spans, viterbi_bio


def window_starts(n, content, stride):
    """SlidingWindowPlanner's plan: windows every stride tokens, the last one flush with the end."""
    return [0] if n <= content else list(range(0, n - content, stride)) + [n - content]


@torch.no_grad()
def evaluate(model, docs, bos, eos, pad, device, window=512, batch=64):
    """Strict span F1 on docs, windowed as the C# runtime does (stride 3/4 of the window's
    content; each token taken from its most central window), greedy and BIO Viterbi."""
    model.eval()
    content = window - 2
    stride = max(1, content * 3 // 4)
    items = []
    for di, d in enumerate(docs):
        for wi, s in enumerate(window_starts(len(d["ids"]), content, stride)):
            items.append((di, wi, s))
    outputs = {}
    order = sorted(items, key=lambda t: -min(content, len(docs[t[0]]["ids"]) - t[2]))
    for k in range(0, len(order), batch):
        chunk = order[k:k + batch]
        seqs = [[bos] + docs[di]["ids"][s:s + content] + [eos] for di, _, s in chunk]
        width = max(len(x) for x in seqs)
        ids = torch.full((len(seqs), width), pad, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for r, x in enumerate(seqs):
            ids[r, :len(x)] = torch.tensor(x)
            mask[r, :len(x)] = 1
        with autocast(device):
            logits = model(ids.to(device), mask.to(device)).float()
        out = torch.log_softmax(logits, dim=-1).cpu().numpy()
        for r, (di, wi, s) in enumerate(chunk):
            outputs[(di, wi)] = out[r, 1:len(seqs[r]) - 1]
    gold, greedy_spans, viterbi_spans = set(), set(), set()
    for di, d in enumerate(docs):
        n = len(d["ids"])
        starts = window_starts(n, content, stride)
        log_probs = np.zeros((n, len(LABELS)), dtype=np.float32)
        for wi, s in enumerate(starts):
            own_s = 0 if wi == 0 else starts[wi] + (starts[wi - 1] + content - starts[wi] + 1) // 2
            own_e = n if wi == len(starts) - 1 else starts[wi + 1] + (s + content - starts[wi + 1] + 1) // 2
            log_probs[own_s:own_e] = outputs[(di, wi)][own_s - s:own_e - s]
        name = d["name"]
        gold |= {(name, s, e) for s, e in d["mentions"]}
        greedy_spans |= {(name, s, e) for s, e in spans(d["text"], d["starts"], d["ends"], log_probs.argmax(axis=1).tolist())}
        viterbi_spans |= {(name, s, e) for s, e in spans(d["text"], d["starts"], d["ends"], viterbi_bio(log_probs))}
    model.train()
    return prf(gold, greedy_spans), prf(gold, viterbi_spans)


def autocast(device):
    """bfloat16 autocast on the GPU; nothing on a CPU (whose PyTorch may lack CUDA entirely)."""
    return torch.autocast(device_type="cuda", dtype=torch.bfloat16) if device.type == "cuda" else contextlib.nullcontext()
