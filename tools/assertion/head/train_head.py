"""Trains the assertion head: the default model's top Transformer block(s), fine-tuned to read one
mention, marked, in the tokens around it, and say its status (issue 19's first route).

Input: slices written by the assertion trainer (`--dump-slices MODEL_DIR`, a model whose
`assertion_states` output is the residual stream entering block FIRST_BLOCK), so the head reads
exactly what the runtime's windows gave. The head = blocks FIRST_BLOCK..5 of the ensemble's
Transformer member (initialised from the shipped weights) + a learned mention marker added to the
mention's tokens + the final layer norm + a linear layer over [mention mean, slice mean].

    /usr/bin/python3 tools/assertion/head/train_head.py --slices /tmp/head/tune.bin \
        --model models/fhirner-cantemist-ensemble --cv 5 --epochs 2 --out-probs /tmp/head/oof.tsv
"""
import argparse
import os
import struct
import sys
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "train"))
from encoder import Block  # noqa: E402

STATUSES = ["Affirmed", "Negated", "Uncertain", "Hypothetical", "Other"]
SIZE = 256


def read_slices(path):
    """[(status, low, fold, states float16 [n, 256], first, last)] and the index rows (note, start, end)."""
    data = open(path, "rb").read()
    out, at = [], 0
    while at < len(data):
        status, low, fold, n, first, last = struct.unpack_from("<6i", data, at)
        at += 24
        states = np.frombuffer(data, dtype=np.float16, count=n * SIZE, offset=at).reshape(n, SIZE)
        at += n * SIZE * 2
        out.append((status, low, fold, states, first, last))
    index = [line.rstrip("\n").split("\t") for line in open(path + ".tsv", encoding="utf-8")]
    assert len(index) == len(out), (len(index), len(out))
    return out, index


def onnx_weights(model_dir):
    """The Transformer member's float32 weights by torch name (blocks.K.*, norm_out.*)."""
    model = onnx.load(os.path.join(model_dir, "model.onnx"))
    inits = {i.name: numpy_helper.to_array(i).astype(np.float32) for i in model.graph.initializer}
    producers = {o: n for n in model.graph.node for o in n.output}

    def resolve(name):
        while name not in inits:
            node = producers[name]
            assert node.op_type in ("Cast", "Identity"), (name, node.op_type)
            name = node.input[0]
        return inits[name]

    weights = {}
    for n in model.graph.node:
        for i in n.input:
            if i.startswith("member0_encoder.") and i.replace("member0_encoder.", "") not in weights:
                weights[i.replace("member0_encoder.", "")] = resolve(i)
        parts = n.name.split("/")  # member0_, encoder, blocks.K, qkv, MatMul
        if n.op_type == "MatMul" and len(parts) == 5 and parts[2].startswith("blocks.") and parts[3] in ("qkv", "out", "ff1", "ff2"):
            weights[f"{parts[2]}.{parts[3]}.weight"] = resolve(n.input[1]).T.copy()
    return weights


class Head(nn.Module):
    def __init__(self, weights, first_block, layers=6, heads=4, ffn=1024, dropout=0.1):
        super().__init__()
        self.blocks = nn.ModuleList(Block(SIZE, heads, ffn, dropout) for _ in range(first_block, layers))
        self.norm_out = nn.LayerNorm(SIZE)
        state = {}
        for k, block_index in enumerate(range(first_block, layers)):
            for name in ("norm1", "qkv", "out", "norm2", "ff1", "ff2"):
                for p in ("weight", "bias"):
                    state[f"blocks.{k}.{name}.{p}"] = torch.from_numpy(weights[f"blocks.{block_index}.{name}.{p}"])
        state["norm_out.weight"] = torch.from_numpy(weights["norm_out.weight"])
        state["norm_out.bias"] = torch.from_numpy(weights["norm_out.bias"])
        missing = self.load_state_dict(state, strict=False)
        assert not missing.unexpected_keys, missing
        self.marker = nn.Parameter(torch.zeros(SIZE))
        self.classifier = nn.Linear(2 * SIZE, len(STATUSES))
        self.dropout = nn.Dropout(dropout)

    def forward(self, states, mention, mask):
        """states [b, n, 256] (residual stream), mention [b, n] 0/1, mask [b, n] 0/1 -> logits [b, 5]."""
        x = states + mention.unsqueeze(-1) * self.marker
        bias = (1.0 - mask[:, None, None, :]) * -1e4
        for block in self.blocks:
            x = block(x, bias)
        x = self.norm_out(x)
        m = mention.unsqueeze(-1)
        mention_mean = (x * m).sum(1) / m.sum(1).clamp(min=1)
        k = mask.unsqueeze(-1)
        slice_mean = (x * k).sum(1) / k.sum(1).clamp(min=1)
        return self.classifier(self.dropout(torch.cat([mention_mean, slice_mean], -1)))


def batches(rows, size, side, shuffle, rng):
    order = rng.permutation(len(rows)) if shuffle else np.arange(len(rows))
    for b in range(0, len(order), size):
        chosen = [rows[i] for i in order[b:b + size]]
        cut = []
        for status, low, _, states, first, last in chosen:
            lo, hi = max(0, first - side), min(len(states), last + 1 + side)
            cut.append((status, low, states[lo:hi], first - lo, last - lo))
        n = max(len(c[2]) for c in cut)
        x = np.zeros((len(cut), n, SIZE), dtype=np.float32)
        mention = np.zeros((len(cut), n), dtype=np.float32)
        mask = np.zeros((len(cut), n), dtype=np.float32)
        for i, (_, _, s, f, l) in enumerate(cut):
            x[i, :len(s)] = s
            mention[i, f:l + 1] = 1
            mask[i, :len(s)] = 1
        y = torch.tensor([c[0] for c in cut])
        w = torch.tensor([0.5 if c[1] else 1.0 for c in cut])
        yield order[b:b + size], torch.from_numpy(x), torch.from_numpy(mention), torch.from_numpy(mask), y, w


def train(rows, weights, args, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    head = Head(weights, args.first_block)
    new = [head.marker] + list(head.classifier.parameters())
    old = [p for n, p in head.named_parameters() if not n.startswith(("marker", "classifier"))]
    optimiser = torch.optim.AdamW([{"params": old, "lr": args.lr}, {"params": new, "lr": args.lr * 10}], weight_decay=0.01)
    steps = args.epochs * ((len(rows) + args.batch - 1) // args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: max(0.0, 1 - s / steps))
    head.train()
    started, seen = time.time(), 0
    for epoch in range(args.epochs):
        total = 0.0
        for _, x, mention, mask, y, w in batches(rows, args.batch, args.side, True, rng):
            loss = (F.cross_entropy(head(x, mention, mask), y, reduction="none") * w).sum() / w.sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(y)
            seen += int(mask.sum())
            step = schedule.last_epoch
            if step % 100 == 0:
                print(f"    step {step}/{steps}: {seen / (time.time() - started):.0f} tokens/s", flush=True)
        print(f"  epoch {epoch + 1}: loss {total / len(rows):.4f}, {seen / (time.time() - started):.0f} tokens/s", flush=True)
    return head


def predict(head, rows, args):
    head.eval()
    probs = np.zeros((len(rows), len(STATUSES)), dtype=np.float32)
    with torch.no_grad():
        for idx, x, mention, mask, _, _ in batches(rows, 64, args.side, False, None):
            probs[idx] = head(x, mention, mask).softmax(-1).numpy()
    return probs


class Probabilities(nn.Module):
    def __init__(self, head):
        super().__init__()
        self.head = head

    def forward(self, states, mention, mask):
        return self.head(states, mention, mask).softmax(-1)


def export(head, path):
    """ONNX: states [batch, tokens, 256] float, mention and mask [batch, tokens] float -> probabilities [batch, 5]."""
    from export import store_weights_as_float16
    head.eval()
    example = (torch.zeros(2, 7, SIZE), torch.zeros(2, 7), torch.ones(2, 7))
    torch.onnx.export(Probabilities(head), example, path, input_names=["states", "mention", "mask"], output_names=["probabilities"],
                      dynamic_axes={"states": {0: "batch", 1: "tokens"}, "mention": {0: "batch", 1: "tokens"},
                                    "mask": {0: "batch", 1: "tokens"}, "probabilities": {0: "batch"}}, opset_version=14)
    casts, change = store_weights_as_float16(path, exact=False)
    print(f"wrote {path}: {casts} weights stored as float16, largest rounding {change:.2e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", required=True)
    parser.add_argument("--model", default="models/fhirner-cantemist-ensemble")
    parser.add_argument("--first-block", type=int, default=4)
    parser.add_argument("--cv", type=int, default=5, help="folds (the dumped 10-fold ids modulo this)")
    parser.add_argument("--only-folds", type=int, default=0, help="run only the first K folds (0: all)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--side", type=int, default=24)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out-probs")
    parser.add_argument("--final-out", help="also train on every mention and write the head as ONNX here")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows, index = read_slices(args.slices)
    weights = onnx_weights(args.model)
    print(f"{len(rows)} mentions; blocks {args.first_block}-5 fine-tuned; side {args.side}", flush=True)
    probs = np.full((len(rows), len(STATUSES)), np.nan, dtype=np.float32)
    folds = args.only_folds or args.cv
    for f in range(folds):
        train_rows = [r for r in rows if r[2] % args.cv != f]
        test_ids = [i for i, r in enumerate(rows) if r[2] % args.cv == f]
        head = train(train_rows, weights, args, seed=13 + f)
        probs[test_ids] = predict(head, [rows[i] for i in test_ids], args)
        gold = np.array([rows[i][0] for i in test_ids])
        acc = (probs[test_ids].argmax(1) == gold).mean()
        print(f"fold {f + 1}/{args.cv}: {len(test_ids)} mentions, head alone accuracy {acc:.4f}", flush=True)
    done = ~np.isnan(probs[:, 0])
    gold = np.array([r[0] for r in rows])
    print(f"head alone, out of fold: accuracy {(probs[done].argmax(1) == gold[done]).mean():.4f} over {done.sum()} mentions")
    if args.final_out:
        head = train(rows, weights, args, seed=13)
        export(head, args.final_out)
    if args.out_probs:
        with open(args.out_probs, "w", encoding="utf-8") as out:
            for i in np.nonzero(done)[0]:
                out.write("\t".join(index[i] + [f"{p:.6f}" for p in probs[i]]) + "\n")


if __name__ == "__main__":
    main()
