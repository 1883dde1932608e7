#!/usr/bin/env python3
"""Train the convolutional tagger on CANTEMIST train + dev1; checkpoint every epoch.

    /usr/bin/python3 tools/train/train.py --work runs/v1 [--epochs 30] [--resume] [--keep last]

Reads WORK/data.pt (prepare.py) and WORK/emb.bin (fastText skipgram over BPE tokens).
Writes WORK/checkpoint.pt (resume point), WORK/best.pt and WORK/train.log. dev2 is scored after
every epoch; with --keep best (the old default) best.pt is the epoch with the best dev2 F1, which
makes dev2 a selection set and overstates unseen notes; with --keep last it is the last epoch of
a schedule fixed beforehand, and dev2's figure stays an honest held-out one.

Distillation (--distill-ratio R): each epoch adds a fresh sample of notes labelled with a
teacher's full label distributions (distill_label.py), worth R times the gold tokens; on those
windows the loss is the cross-entropy against the teacher's distribution (Hinton et al., 2015,
temperature 1), on the gold windows against the gold labels.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time

import numpy as np
import torch
from torch import nn

from corpus import B, I, LABELS
from model import DEFAULT_DILATIONS, ConvTagger
from scoring import evaluate

IGNORE = -100


def log(work, message):
    line = time.strftime("%H:%M:%S ") + message
    print(line, file=sys.stderr, flush=True)
    with open(os.path.join(work, "train.log"), "a", encoding="utf-8") as f:
        f.write(line + "\n")


def embedding_init(work, vocab_size, dim):
    path = os.path.join(work, "emb.bin")
    if not os.path.exists(path):
        return None
    with open(os.path.join(work, "vocab.txt"), encoding="utf-8") as f:
        out = subprocess.run(["fasttext", "print-word-vectors", path], stdin=f, capture_output=True, text=True, check=True).stdout
    weights = np.random.normal(0, 0.1, (vocab_size, dim)).astype(np.float32)
    for i, line in enumerate(out.splitlines()[:vocab_size]):
        values = line.rstrip().split(" ")[1:]
        if len(values) == dim:
            weights[i] = np.asarray(values, dtype=np.float32)
    return torch.from_numpy(weights)


def onnx_state_dict(path, model):
    """The weights of an exported ConvTagger (export.py): initializers keep the parameter names,
    except the two Linear weights, which the exporter stores transposed as MatMul inputs."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(path).graph
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).astype(np.float32)) for i in graph.initializer}
    state = {}
    for name, value in model.state_dict().items():
        if name in weights:
            state[name] = weights[name]
            continue
        # project.weight [hidden, embedding] and classifier.weight [labels, hidden] appear as [in, out] MatMul inputs.
        candidates = [w for n, w in weights.items() if n.startswith("onnx::MatMul") and tuple(w.shape) == tuple(value.shape[::-1])]
        if len(candidates) != 1:
            raise SystemExit(f"{path}: cannot find the weights of {name} {tuple(value.shape)}: not this architecture?")
        state[name] = candidates[0].t().contiguous()
    return state


def mention_runs(labels):
    """(start, end) token ranges of the gold mentions in a BIO label sequence."""
    k = 0
    while k < len(labels):
        if labels[k] == B:
            e = k + 1
            while e < len(labels) and labels[e] == I:
                e += 1
            yield k, e
            k = e
        else:
            k += 1


def mention_pool(docs):
    """Token sequences of every training mention: material for mention replacement."""
    return [d["ids"][s:e] for d in docs for s, e in mention_runs(d["labels"])]


def replace_mentions(d, pool, p, rng):
    """Mention replacement (Dai & Adel, 2020): each gold mention is swapped with probability p for
    another training mention, so the tagger learns boundaries from context, not from memorised names."""
    if p <= 0:
        return d
    ids, labels, at = [], [], 0
    for s, e in mention_runs(d["labels"]):
        span = rng.choice(pool) if rng.random() < p else d["ids"][s:e]
        ids += d["ids"][at:s] + span
        labels += d["labels"][at:s] + [B] + [I] * (len(span) - 1)
        at = e
    return {"ids": ids + d["ids"][at:], "labels": labels + d["labels"][at:]}


def windows(docs, length, bos, eos, rng, pool=None, replace=0.0):
    """Random-offset, non-overlapping windows of each note, framed as at inference: (ids, labels, soft)
    where soft is the teacher's [tokens, labels] distribution for distillation notes, else None."""
    out = []
    for d in docs:
        soft = d.get("soft")
        if soft is None:
            d = replace_mentions(d, pool, replace, rng)
        n = len(d["ids"])
        offset = rng.randrange(0, max(1, min(length, n))) if n > length else 0
        starts = ([0] if offset else []) + list(range(offset, n, length))
        for s in starts:
            e = min(n, s + length if s else (offset or length))
            ids = [bos] + d["ids"][s:e] + [eos]
            if soft is None:
                out.append((ids, [IGNORE] + d["labels"][s:e] + [IGNORE], None))
            else:
                out.append((ids, [IGNORE] * len(ids), soft[s:e]))
    return out


def batches(items, size, pad):
    """Padded (ids, mask, labels, soft) batches; soft is [batch, width, labels], zero where there is
    no teacher distribution (gold windows, special tokens, padding)."""
    for k in range(0, len(items), size):
        chunk = items[k:k + size]
        width = max(len(ids) for ids, _, _ in chunk)
        ids = torch.full((len(chunk), width), pad, dtype=torch.long)
        labels = torch.full((len(chunk), width), IGNORE, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        soft = torch.zeros((len(chunk), width, len(LABELS)), dtype=torch.float32)
        for r, (i, l, s) in enumerate(chunk):
            ids[r, :len(i)] = torch.tensor(i)
            labels[r, :len(l)] = torch.tensor(l)
            mask[r, :len(i)] = 1
            if s is not None:
                soft[r, 1:1 + len(s)] = torch.from_numpy(np.asarray(s, dtype=np.float32))
        yield ids, mask, labels, soft


def sample_notes(docs, ratio, gold_tokens, rng):
    """A fresh random sample of docs worth about ratio x the gold tokens."""
    sample, tokens = [], 0
    for d in rng.sample(docs, len(docs)):
        if tokens >= ratio * gold_tokens:
            break
        sample.append(d)
        tokens += len(d["ids"])
    return sample


def token_loss(logits, labels, soft):
    """Mean per-token loss: cross-entropy against the gold label, or against the teacher's
    distribution where a window carries one (rows of soft summing to ~1)."""
    log_probs = torch.log_softmax(logits, dim=-1)
    hard = labels != IGNORE
    has_soft = soft.sum(-1) > 0.5
    hard_loss = -log_probs.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)[hard]
    soft_loss = -(soft * log_probs).sum(-1)[has_soft]
    return (hard_loss.sum() + soft_loss.sum()) / max(1, int(hard.sum()) + int(has_soft.sum()))


def split(data, args):
    """(training notes, scored notes, their name): train + dev1 scored on dev2 by default; with
    --folds, every labelled note dealt into folds by a fixed shuffle of the note names (the same
    for every seed), one fold scored; with --all-labelled, all three sets (dev2 then scored
    only to show the fit)."""
    if args.all_labelled:
        return data["train"] + data["dev1"] + data["dev2"], data["dev2"], "dev2 (trained on)"
    if not args.folds:
        return data["train"] + data["dev1"], data["dev2"], "dev2"
    notes = sorted(data["train"] + data["dev1"] + data["dev2"], key=lambda d: d["name"])
    random.Random(2026).shuffle(notes)
    held = {d["name"] for k, d in enumerate(notes) if k % args.folds == args.fold}
    return ([d for d in notes if d["name"] not in held], [d for d in notes if d["name"] in held],
            f"fold {args.fold + 1}/{args.folds}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--hidden", type=int, default=192)
    parser.add_argument("--dilations", default=",".join(map(str, DEFAULT_DILATIONS)))
    parser.add_argument("--embedding-dim", type=int, default=128)
    parser.add_argument("--window", type=int, default=256)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--dropout", type=float, default=0.25)
    parser.add_argument("--attention-heads", type=int, default=0, help="add one self-attention block (0: none)")
    parser.add_argument("--replace", type=float, default=0.0, help="mention-replacement probability per gold mention")
    parser.add_argument("--pseudo-ratio", type=float, default=0.0,
                        help="self-training: each epoch adds teacher-labelled notes (pseudo_label.py) worth this many times the gold tokens")
    parser.add_argument("--distill-ratio", type=float, default=0.0,
                        help="distillation: each epoch adds teacher-distribution notes (distill_label.py) worth this many times the gold tokens")
    parser.add_argument("--keep", choices=["best", "last"], default="best",
                        help="best.pt holds the best dev2 epoch (selection on dev2) or the last epoch (dev2 stays held out)")
    parser.add_argument("--init-onnx", default=None,
                        help="start from the weights of an exported convolutional model (model.onnx of the same architecture)")
    parser.add_argument("--folds", type=int, default=0,
                        help="cross-validation by note over train + dev1 + dev2: deal the notes into this many folds")
    parser.add_argument("--fold", type=int, default=0, help="with --folds: the fold held out and scored (0-based)")
    parser.add_argument("--all-labelled", action="store_true",
                        help="train on train + dev1 + dev2 (the shipped recipe once the epochs are fixed); dev2 is then no held-out figure")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--resume", action="store_true")
    args = parser.parse_args()
    if args.folds and not 0 <= args.fold < args.folds:
        raise SystemExit(f"--fold must be in 0..{args.folds - 1}")
    if args.folds and args.all_labelled:
        raise SystemExit("--folds and --all-labelled exclude each other")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    data = torch.load(os.path.join(args.work, "data.pt"))
    with open(os.path.join(args.work, "vocab.txt"), encoding="utf-8") as f:
        vocab = [l.rstrip("\n") for l in f]
    bos, pad, eos = vocab.index("<s>"), vocab.index("<pad>"), vocab.index("</s>")
    train_docs, scored_docs, scored_name = split(data, args)
    dilations = tuple(int(d) for d in args.dilations.split(","))
    model = ConvTagger(len(vocab), len(LABELS), pad, args.embedding_dim, args.hidden, dilations, dropout=args.dropout,
                       attention_heads=args.attention_heads)
    pool = mention_pool(train_docs)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    pseudo_docs = data.get("pseudo", []) if args.pseudo_ratio > 0 else []
    if args.pseudo_ratio > 0 and not pseudo_docs:
        raise SystemExit(f"--pseudo-ratio needs teacher-labelled notes in {args.work}/data.pt: run pseudo_label.py first")
    distill_docs = data.get("distill", []) if args.distill_ratio > 0 else []
    if args.distill_ratio > 0 and not distill_docs:
        raise SystemExit(f"--distill-ratio needs teacher distributions in {args.work}/data.pt: run distill_label.py first")
    gold_tokens = sum(len(d["ids"]) for d in train_docs)
    windows_per_epoch = sum(math.ceil(len(d["ids"]) / args.window) + 1 for d in train_docs)
    for extra, ratio in ((pseudo_docs, args.pseudo_ratio), (distill_docs, args.distill_ratio)):
        if extra:
            mean_windows = sum(math.ceil(len(d["ids"]) / args.window) + 1 for d in extra) / len(extra)
            mean_tokens = sum(len(d["ids"]) for d in extra) / len(extra)
            windows_per_epoch += round(ratio * gold_tokens / mean_tokens * mean_windows)
    steps_per_epoch = math.ceil(windows_per_epoch / args.batch)
    total = steps_per_epoch * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(1.0, (step + 1) / 200) * max(0.05, 1 - step / total))
    state = {"epoch": 0, "best_f1": -1.0, "history": []}

    checkpoint = os.path.join(args.work, "checkpoint.pt")
    if args.resume and os.path.exists(checkpoint):
        saved = torch.load(checkpoint)
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        schedule.load_state_dict(saved["schedule"])
        state = saved["state"]
        rng.setstate(saved["rng"])
        log(args.work, f"resumed after epoch {state['epoch']} (best dev2 F1 {state['best_f1']:.4f})")
    elif args.init_onnx:
        model.load_state_dict(onnx_state_dict(args.init_onnx, model))
        log(args.work, f"weights initialised from {args.init_onnx}")
        log(args.work, f"config {json.dumps(vars(args))}; parameters {sum(p.numel() for p in model.parameters())}")
    else:
        init = embedding_init(args.work, len(vocab), args.embedding_dim)
        if init is not None:
            model.embeddings.weight.data.copy_(init)
            log(args.work, "embeddings initialised from fastText")
        log(args.work, f"config {json.dumps(vars(args))}; parameters {sum(p.numel() for p in model.parameters())}")

    model.train()
    while state["epoch"] < args.epochs:
        started = time.time()
        items = windows(train_docs, args.window, bos, eos, rng, pool, args.replace)
        if pseudo_docs:
            items += windows(sample_notes(pseudo_docs, args.pseudo_ratio, gold_tokens, rng), args.window, bos, eos, rng)
        if distill_docs:
            items += windows(sample_notes(distill_docs, args.distill_ratio, gold_tokens, rng), args.window, bos, eos, rng)
        rng.shuffle(items)
        total_loss, count = 0.0, 0
        for ids, mask, labels, soft in batches(items, args.batch, pad):
            logits = model(ids, mask)
            loss = token_loss(logits, labels, soft)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            schedule.step()
            total_loss += loss.item()
            count += 1
            if count % 100 == 0:
                print(f"  epoch {state['epoch'] + 1} batch {count}/{steps_per_epoch} loss {total_loss / count:.4f} "
                      f"({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
        state["epoch"] += 1
        (gp, gr, gf), (vp, vr, vf) = evaluate(model, scored_docs, bos, eos, pad, torch.device("cpu"))
        state["history"].append({"epoch": state["epoch"], "loss": total_loss / count, "greedy": [gp, gr, gf], "viterbi": [vp, vr, vf]})
        log(args.work, f"epoch {state['epoch']} loss {total_loss / count:.4f} {scored_name} greedy P={gp:.4f} R={gr:.4f} F1={gf:.4f} "
                       f"viterbi P={vp:.4f} R={vr:.4f} F1={vf:.4f} ({time.time() - started:.0f}s)")
        if args.keep == "last" or max(gf, vf) > state["best_f1"]:
            state["best_f1"] = max(gf, vf)
            torch.save({"model": model.state_dict(), "args": vars(args), "epoch": state["epoch"], "dev2": state["history"][-1]},
                       os.path.join(args.work, "best.pt"))
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(),
                    "state": state, "rng": rng.getstate()}, checkpoint + ".tmp")
        os.replace(checkpoint + ".tmp", checkpoint)
    kept = "the last epoch" if args.keep == "last" else f"the best epoch on {scored_name} (selected on it)"
    log(args.work, f"done: best.pt holds {kept}, {scored_name} F1 {state['best_f1']:.4f}")


if __name__ == "__main__":
    main()
