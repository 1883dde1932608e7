#!/usr/bin/env python3
"""Export a RoBERTa-base-sized token classifier with random weights, as a speed stand-in.

`bsc-bio-ehr-es-cantemist` cannot be downloaded here; its cost per token depends on its shape
(12 layers, hidden 768, 12 heads, FFN 3072, 514 positions, ~52k vocabulary), not on its weight
values. This writes that shape in Hugging Face's ONNX export layout, so `fhirner bench --vs`
measures the reference model's speed through the same runtime. It is ~500 MB: never commit it.

    /usr/bin/python3 tools/bench/export_roberta_base_standin.py --tokenizer models/<name> --out /tmp/roberta-base-standin
"""
import argparse
import json
import math
import os
import shutil

import torch
from torch import nn

LABELS = ["O", "B-MORFOLOGIA_NEOPLASIA", "I-MORFOLOGIA_NEOPLASIA"]


class Layer(nn.Module):
    """A post-norm BERT/RoBERTa encoder layer."""

    def __init__(self, hidden=768, heads=12, ffn=3072):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.norm1 = nn.LayerNorm(hidden)
        self.up = nn.Linear(hidden, ffn)
        self.down = nn.Linear(ffn, hidden)
        self.norm2 = nn.LayerNorm(hidden)

    def forward(self, x, bias):
        b, n, h = x.shape
        q, k, v = self.qkv(x).view(b, n, 3, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(h // self.heads) + bias
        attended = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, n, h)
        x = self.norm1(x + self.out(attended))
        return self.norm2(x + self.down(nn.functional.gelu(self.up(x))))


class RobertaForTokenClassification(nn.Module):
    def __init__(self, vocab=52000, hidden=768, layers=12, positions=514, labels=3):
        super().__init__()
        self.words = nn.Embedding(vocab, hidden)
        self.positions = nn.Embedding(positions, hidden)
        self.norm = nn.LayerNorm(hidden)
        self.layers = nn.ModuleList(Layer(hidden) for _ in range(layers))
        self.classifier = nn.Linear(hidden, labels)

    def forward(self, input_ids, attention_mask):
        # RoBERTa numbers positions from padding_idx + 1 = 2.
        position_ids = torch.cumsum(attention_mask, dim=1) * attention_mask + 1
        x = self.norm(self.words(input_ids) + self.positions(position_ids))
        bias = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return self.classifier(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokenizer", required=True, help="a model directory whose vocab.json/merges.txt to reuse")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.manual_seed(0)
    os.makedirs(args.out, exist_ok=True)
    model = RobertaForTokenClassification().eval()
    ids = torch.randint(3, 1000, (2, 16))
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids)), os.path.join(args.out, "model.onnx"),
                          input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ["input_ids", "attention_mask", "logits"]},
                          opset_version=14)
    for name in ["vocab.json", "merges.txt"]:
        shutil.copy(os.path.join(args.tokenizer, name), os.path.join(args.out, name))
    with open(os.path.join(args.out, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    config = {
        "model_type": "roberta",
        "fhirner_model_name": "roberta-base-standin",
        "fhirner_model_version": "random-weights",
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "max_position_embeddings": 514,
        "vocab_size": 52000,
        "hidden_size": 768,
        "num_hidden_layers": 12,
        "bos_token_id": vocab["<s>"], "pad_token_id": vocab["<pad>"], "eos_token_id": vocab["</s>"],
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    print(f"parameters {sum(p.numel() for p in model.parameters())} -> {args.out}")


if __name__ == "__main__":
    main()
