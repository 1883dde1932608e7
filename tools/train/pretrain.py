#!/usr/bin/env python3
"""Pretrain a small Transformer as a masked language model, then fine-tune it as the tagger.

    python3 tools/train/pretrain.py --data runs/gpu-input --out OUT --size small --embedding-dim 128 \
        --pretrain-seconds 280 --deadline-seconds 390

Made for a short GPU lease: every phase is bounded by wall-clock time, not by steps (the
learning rate decays over the time given), and the best tagger so far is always on disk.

1. Masked-LM pretraining on DATA/stream.npy (pack_pretraining.py: background + train + dev1
   CANTEMIST notes and NUBes texts; dev2 is not in it): random 510-token spans framed
   <s> ... </s>, 15% of tokens chosen (80% <mask>, 10% random, 10% kept).
2. Fine-tuning on train + dev1 (random-offset windows as train.py), once per --ft-lr while time
   lasts; after each epoch dev2 is scored with the runtime's windowing and BIO Viterbi, and
   the best tagger by dev2 F1 is kept (model selection only; dev2 is never trained on).

Writes OUT/STEM-tagger.part*.npz (float16 weights, meta inside; see encoder.save_weights) or,
if no fine-tuning epoch finished, OUT/STEM-pretrained.part*.npz (STEM: --stem, default the
size); appends to OUT/train.log. --embedding-dim 128 seeds the token table from
DATA/embeddings.npy (fastText): without it minutes of pretraining stay on a plateau.
"""
import argparse
import copy
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
from torch import nn

from corpus import LABELS
from encoder import SIZES, EncoderTagger, Encoder, MaskedLanguageModel, save_weights
from scoring import autocast, evaluate
from train import IGNORE, batches, windows


class Log:
    """Timestamped lines to stderr and OUT/train.log; two runs sharing a GPU share the file."""

    def __init__(self, path, prefix):
        self.path, self.prefix = path, prefix

    def __call__(self, message):
        line = time.strftime("%H:%M:%S ") + f"[{self.prefix}] {message}"
        print(line, file=sys.stderr, flush=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(line + "\n")


def pretrain(mlm, stream, args, specials, device, log, deadline):
    """Masked-LM training until the deadline; the learning rate follows elapsed time."""
    vocab = mlm.encoder.tokens.num_embeddings
    bos, eos, mask_id = specials["bos"], specials["eos"], specials["mask"]
    optimizer = torch.optim.AdamW(mlm.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-6, weight_decay=0.01)
    length = args.seq - 2
    offsets = torch.arange(length, device=device)
    special_ids = torch.tensor(sorted(specials.values()), device=device)
    started = time.time()
    budget = deadline - started
    step, seen, loss_sum, logged_steps, correct, masked, last_log = 0, 0, 0.0, 0, 0, 0, started
    mlm.train()
    while True:
        now = time.time()
        fraction = (now - started) / budget
        if fraction >= 1:
            break
        lr = args.lr * min(1.0, fraction / 0.06) * min(1.0, (1 - fraction) / 0.94)
        for group in optimizer.param_groups:
            group["lr"] = lr
        starts = torch.randint(0, len(stream) - length, (args.batch,), device=device)
        body = stream[starts[:, None] + offsets]
        ids = torch.cat([torch.full_like(body[:, :1], bos), body, torch.full_like(body[:, :1], eos)], dim=1)
        choosable = ~torch.isin(ids, special_ids)
        chosen = (torch.rand(ids.shape, device=device) < 0.15) & choosable
        targets = ids[chosen]
        roll = torch.rand(ids.shape, device=device)
        inputs = ids.clone()
        inputs[chosen & (roll < 0.8)] = mask_id
        random_ids = torch.randint(4, vocab - 1, ids.shape, device=device)
        swap = chosen & (roll >= 0.8) & (roll < 0.9)
        inputs[swap] = random_ids[swap]
        with autocast(device):
            logits = mlm(inputs, chosen.nonzero(as_tuple=True))
            loss = nn.functional.cross_entropy(logits.float(), targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(mlm.parameters(), 1.0)
        optimizer.step()
        step += 1
        seen += ids.numel()
        loss_sum += loss.item()
        logged_steps += 1
        correct += (logits.argmax(-1) == targets).sum().item()
        masked += targets.numel()
        if time.time() - last_log >= args.log_every or step == 1:
            elapsed = time.time() - started
            log(f"pretrain step {step} loss {loss_sum / logged_steps:.3f} masked acc {correct / max(1, masked):.3f} "
                f"lr {lr:.2e} {seen / elapsed:,.0f} tok/s {seen / len(stream):.1f} passes {elapsed:.0f}s")
            loss_sum, logged_steps, correct, masked, last_log = 0.0, 0, 0, 0, time.time()
    log(f"pretraining done: {step} steps, {seen:,} tokens ({seen / len(stream):.1f} passes over {len(stream):,}) in {time.time() - started:.0f}s")
    return {"steps": step, "tokens": seen, "seconds": round(time.time() - started, 1)}


def finetune(encoder_state, size, data, args, specials, device, log, deadline, lr, best):
    """One fine-tuning run at learning rate lr; updates best (dict) and saves when dev2 F1 improves."""
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    encoder = Encoder(args.vocab_size, size, positions=args.seq, dropout=args.dropout, pad_id=specials["pad"],
                      embedding_dim=args.embedding_dim)
    encoder.load_state_dict(encoder_state)
    model = EncoderTagger(encoder, len(LABELS), args.dropout).to(device)
    train_docs = data["train"] + data["dev1"]
    bos, eos, pad = specials["bos"], specials["eos"], specials["pad"]
    steps_per_epoch = math.ceil(len(windows(train_docs, args.seq - 2, bos, eos, random.Random(0))) / args.ft_batch)
    total = steps_per_epoch * args.ft_epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, (s + 1) / (0.1 * total)) * max(0.0, 1 - s / total))
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
    history = []
    for epoch in range(1, args.ft_epochs + 1):
        started = time.time()
        items = windows(train_docs, args.seq - 2, bos, eos, rng)
        rng.shuffle(items)
        total_loss, count = 0.0, 0
        for ids, mask, labels in batches(items, args.ft_batch, pad):
            with autocast(device):
                logits = model(ids.to(device), mask.to(device))
                loss = loss_fn(logits.float().reshape(-1, len(LABELS)), labels.to(device).reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            total_loss += loss.item()
            count += 1
            if args.ft_max_steps and count >= args.ft_max_steps:
                break
        (gp, gr, gf), (vp, vr, vf) = evaluate(model, data["dev2"], bos, eos, pad, device, window=args.seq)
        record = {"lr": lr, "epoch": epoch, "loss": total_loss / count, "greedy": [gp, gr, gf], "viterbi": [vp, vr, vf]}
        history.append(record)
        elapsed = time.time() - started
        log(f"finetune lr {lr:g} epoch {epoch} loss {total_loss / count:.4f} dev2 greedy F1={gf:.4f} "
            f"viterbi P={vp:.4f} R={vr:.4f} F1={vf:.4f} ({elapsed:.0f}s)")
        if vf > best.get("f1", -1):
            best.update(f1=vf, record=record)
            save_weights(model, args.out, f"{args.stem}-tagger", {"size": size, "seq": args.seq, "vocab_size": args.vocab_size,
                                                             "embedding_dim": args.embedding_dim,
                                                             "specials": specials, "dev2": record, "args": vars(args),
                                                             "pretraining": best.get("pretraining")})
        if time.time() + elapsed > deadline:
            log(f"finetune lr {lr:g}: stopping after epoch {epoch}, the deadline is near")
            break
    best.setdefault("history", []).extend(history)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="pack_pretraining.py output")
    parser.add_argument("--out", required=True)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--embedding-dim", type=int, default=0,
                        help="a token table this wide, seeded from DATA/embeddings.npy (fastText) and projected to the hidden size")
    parser.add_argument("--stem", default=None, help="name of the output files (default: the size)")
    parser.add_argument("--seq", type=int, default=512, help="sequence length, special tokens included (= position table)")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--pretrain-seconds", type=float, default=280)
    parser.add_argument("--deadline-seconds", type=float, default=470, help="from the start of this script")
    parser.add_argument("--ft-lr", default="3e-4,1e-4", help="fine-tuning learning rates, tried in order while time lasts")
    parser.add_argument("--ft-epochs", type=int, default=10)
    parser.add_argument("--ft-batch", type=int, default=16)
    parser.add_argument("--ft-max-steps", type=int, default=0, help="cap on steps per epoch (tests of the recipe)")
    parser.add_argument("--limit-docs", type=int, default=0, help="use only this many notes per split (tests of the recipe)")
    parser.add_argument("--log-every", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    begun = time.time()
    args.stem = args.stem or args.size
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    log = Log(os.path.join(args.out, "train.log"), args.stem)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True

    with open(os.path.join(args.data, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    specials = {"bos": vocab["<s>"], "pad": vocab["<pad>"], "eos": vocab["</s>"], "unk": vocab["<unk>"], "mask": vocab["<mask>"]}
    args.vocab_size = len(vocab)
    stream = torch.from_numpy(np.load(os.path.join(args.data, "stream.npy")).astype(np.int64)).to(device)
    try:
        data = torch.load(os.path.join(args.data, "data.pt"), weights_only=False)
    except TypeError:  # PyTorch before weights_only
        data = torch.load(os.path.join(args.data, "data.pt"))
    if args.limit_docs:
        data = {k: v[:args.limit_docs] for k, v in data.items()}
    log(f"device {device} ({torch.cuda.get_device_name() if device.type == 'cuda' else 'cpu'}), torch {torch.__version__}, "
        f"stream {len(stream):,} tokens, train+dev1 {len(data['train']) + len(data['dev1'])} notes, dev2 {len(data['dev2'])}; "
        f"config {json.dumps(vars(args))}")

    encoder = Encoder(len(vocab), args.size, positions=args.seq, dropout=args.dropout, pad_id=specials["pad"],
                      embedding_dim=args.embedding_dim)
    if args.embedding_dim:
        vectors = np.load(os.path.join(args.data, "embeddings.npy")).astype(np.float32)
        if vectors.shape != tuple(encoder.tokens.weight.shape):
            raise SystemExit(f"embeddings.npy is {vectors.shape}, the token table {tuple(encoder.tokens.weight.shape)}")
        # Same geometry, smaller scale: the MLM decoder is tied to this table.
        encoder.tokens.weight.data.copy_(torch.from_numpy(vectors * (0.1 / vectors.std())))
    mlm = MaskedLanguageModel(encoder).to(device)
    log(f"{args.size} {SIZES[args.size]}: {sum(p.numel() for p in encoder.parameters()):,} encoder parameters")
    pretraining = pretrain(mlm, stream, args, specials, device, log, begun + args.pretrain_seconds)
    encoder_state = copy.deepcopy({k: v.detach().cpu() for k, v in encoder.state_dict().items()})
    save_weights(encoder, args.out, f"{args.stem}-pretrained", {"size": args.size, "seq": args.seq, "vocab_size": args.vocab_size,
                                                                 "embedding_dim": args.embedding_dim,
                                                                 "specials": specials, "pretraining": pretraining, "args": vars(args)})
    del mlm, encoder
    if device.type == "cuda":
        torch.cuda.empty_cache()

    best = {"pretraining": pretraining}
    deadline = begun + args.deadline_seconds
    for lr in [float(x) for x in args.ft_lr.split(",")]:
        if time.time() > deadline - 20:
            log(f"no time left for fine-tuning at lr {lr:g}")
            break
        finetune(encoder_state, args.size, data, args, specials, device, log, deadline, lr, best)
        if "record" in best:
            # The tagger holds the pretrained encoder's successor; the GPU machine returns few files.
            for name in os.listdir(args.out):
                if name.startswith(f"{args.stem}-pretrained.part"):
                    os.remove(os.path.join(args.out, name))
    log(f"best dev2 Viterbi F1 {best.get('f1', float('nan')):.4f} at {json.dumps(best.get('record'))}; "
        f"total {time.time() - begun:.0f}s")


if __name__ == "__main__":
    main()
