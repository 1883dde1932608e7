#!/usr/bin/env python3
"""Export the best checkpoint to ONNX in the Hugging Face layout the C# runtime loads.

    /usr/bin/python3 tools/train/export.py --work runs/v1 --tokenizer DIR --out models/<name> [--version X]

Writes model.onnx (input_ids, attention_mask -> logits), config.json, vocab.json, merges.txt
and tokenizer.json (for the tokenizer parity tests), and checks ONNX against PyTorch.
"""
import argparse
import json
import os
import shutil

import onnx
import torch

from corpus import LABELS
from model import ConvTagger


class Ensemble(torch.nn.Module):
    """Averages the members' label probabilities; returns their log, which is a valid logit."""

    def __init__(self, members):
        super().__init__()
        self.members = torch.nn.ModuleList(members)

    def forward(self, input_ids, attention_mask):
        probabilities = torch.stack([m(input_ids, attention_mask).softmax(-1) for m in self.members]).mean(0)
        return torch.log(probabilities + 1e-9)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True, nargs="+", help="one run, or several to export as an ensemble")
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", default=None)
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--window", type=int, default=512, help="max_position_embeddings written to config.json")
    args = parser.parse_args()

    with open(os.path.join(args.tokenizer, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    members, bests = [], []
    for work in args.work:
        best = torch.load(os.path.join(work, "best.pt"))
        train_args = best["args"]
        dilations = tuple(int(d) for d in train_args["dilations"].split(","))
        member = ConvTagger(len(vocab), len(LABELS), vocab["<pad>"], train_args["embedding_dim"], train_args["hidden"], dilations,
                            dropout=train_args["dropout"], attention_heads=train_args.get("attention_heads", 0))
        member.load_state_dict(best["model"])
        members.append(member.eval())
        bests.append(best)
    model = members[0] if len(members) == 1 else Ensemble(members).eval()

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "model.onnx")
    ids = torch.randint(3, len(vocab), (2, 37))
    mask = torch.ones_like(ids)
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask), path, input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ["input_ids", "attention_mask", "logits"]},
                          opset_version=14)
    onnx.checker.check_model(onnx.load(path))

    for name in ["vocab.json", "merges.txt", "tokenizer.json"]:
        shutil.copy(os.path.join(args.tokenizer, name), os.path.join(args.out, name))
    name = args.name or os.path.basename(os.path.normpath(args.out))
    config = {
        "architectures": ["FhirNerConvForTokenClassification"],
        "model_type": "fhirner-conv",
        "fhirner_model_name": name,
        "fhirner_model_version": args.version,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
        # Convolutions have no position table; this is the window the runtime uses by default.
        "max_position_embeddings": args.window,
        "vocab_size": len(vocab),
        "hidden_size": bests[0]["args"]["hidden"],
        "embedding_size": bests[0]["args"]["embedding_dim"],
        "bos_token_id": vocab["<s>"], "pad_token_id": vocab["<pad>"], "eos_token_id": vocab["</s>"],
        "fhirner_training": [{"epoch": b["epoch"], "dev2_python": b["dev2"], "args": b["args"]} for b in bests],
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    print(f"exported {len(members)} model(s), epochs {[b['epoch'] for b in bests]}, "
          f"{sum(p.numel() for p in model.parameters())} parameters, to {args.out}")


if __name__ == "__main__":
    main()
