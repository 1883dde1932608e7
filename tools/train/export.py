#!/usr/bin/env python3
"""Export the best checkpoint to ONNX in the Hugging Face layout the C# runtime loads.

    /usr/bin/python3 tools/train/export.py --work runs/v1 --tokenizer DIR --out models/<name> [--version X]
    /usr/bin/python3 tools/train/export.py --tagger OUT/smallft-tagger --tokenizer DIR --out models/<name> [--version X]

--work takes convolutional runs (train.py; several make an ensemble); --tagger a pretrained
Transformer tagger from pretrain.py, whose weights are stored as float16 in the ONNX file
(exact: they come back from the GPU in float16) and computed in float32.

Writes model.onnx (input_ids, attention_mask -> logits), config.json, vocab.json, merges.txt
and tokenizer.json (for the tokenizer parity tests), and checks ONNX against PyTorch.
"""
import argparse
import json
import os
import shutil

import numpy as np
import onnx
import onnx.numpy_helper
import torch

from corpus import LABELS
from encoder import SIZES, Encoder, EncoderTagger, load_weights
from model import ConvTagger


class Ensemble(torch.nn.Module):
    """Averages the members' label probabilities; returns their log, which is a valid logit."""

    def __init__(self, members):
        super().__init__()
        self.members = torch.nn.ModuleList(members)

    def forward(self, input_ids, attention_mask):
        probabilities = torch.stack([m(input_ids, attention_mask).softmax(-1) for m in self.members]).mean(0)
        return torch.log(probabilities + 1e-9)


def _export(model, vocab, path):
    ids = torch.randint(3, len(vocab), (2, 37))
    mask = torch.ones_like(ids)
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask), path, input_names=["input_ids", "attention_mask"], output_names=["logits"],
                          dynamic_axes={n: {0: "batch", 1: "sequence"} for n in ["input_ids", "attention_mask", "logits"]},
                          opset_version=14)
    onnx.checker.check_model(onnx.load(path))


def store_weights_as_float16(path, min_elements=256, exact=True):
    """Rewrites the ONNX file with its large float32 weights stored as float16, each read through
    a Cast back to float32: half the file, same arithmetic. Lossless for pretrain.py taggers,
    whose weights come back from the GPU machine in float16; ONNX Runtime folds the Casts when it
    loads the model. With exact=False other weights are rounded; returns the largest change."""
    model = onnx.load(path)
    graph = model.graph
    casts = []
    largest_change = 0.0
    for init in graph.initializer:
        if init.data_type != onnx.TensorProto.FLOAT or int(np.prod(init.dims)) < min_elements:
            continue
        values = onnx.numpy_helper.to_array(init)
        half = values.astype(np.float16)
        change = float(np.abs(half.astype(np.float32) - values).max())
        if exact and change > 0:
            raise SystemExit(f"{init.name} is not exactly representable in float16")
        largest_change = max(largest_change, change)
        name = init.name
        init.CopyFrom(onnx.numpy_helper.from_array(half, name + "_float16"))
        casts.append(onnx.helper.make_node("Cast", [name + "_float16"], [name], to=onnx.TensorProto.FLOAT, name=name + "_cast"))
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return len(casts), largest_change


def _write_config(args, vocab, architecture, model_type, shape, training):
    """config.json (the fields every export shares, the model's shape, its training record),
    with the tokenizer files beside it."""
    for name in ["vocab.json", "merges.txt", "tokenizer.json"]:
        shutil.copy(os.path.join(args.tokenizer, name), os.path.join(args.out, name))
    config = {
        "architectures": [architecture],
        "model_type": model_type,
        "fhirner_model_name": args.name or os.path.basename(os.path.normpath(args.out)),
        "fhirner_model_version": args.version,
        "id2label": {str(i): l for i, l in enumerate(LABELS)},
        "label2id": {l: i for i, l in enumerate(LABELS)},
        **shape,
        "bos_token_id": vocab["<s>"], "pad_token_id": vocab["<pad>"], "eos_token_id": vocab["</s>"],
        **training,
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", nargs="+", help="one run, or several to export as an ensemble")
    parser.add_argument("--tagger", help="a pretrained-Transformer tagger from pretrain.py: FOLDER/STEM of its .npz parts")
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", default=None)
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--window", type=int, default=512, help="max_position_embeddings written to config.json")
    args = parser.parse_args()

    with open(os.path.join(args.tokenizer, "vocab.json"), encoding="utf-8") as f:
        vocab = json.load(f)
    if bool(args.work) == bool(args.tagger):
        parser.error("give --work (convolutional runs) or --tagger (a pretrain.py tagger)")
    if args.tagger:
        return export_tagger(args, vocab)
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
    _export(model, vocab, os.path.join(args.out, "model.onnx"))
    _write_config(args, vocab, "FhirNerConvForTokenClassification", "fhirner-conv", {
        # Convolutions have no position table; this is the window the runtime uses by default.
        "max_position_embeddings": args.window,
        "vocab_size": len(vocab),
        "hidden_size": bests[0]["args"]["hidden"],
        "embedding_size": bests[0]["args"]["embedding_dim"],
    }, {"fhirner_training": [{"epoch": b["epoch"], "dev2_python": b["dev2"], "args": b["args"]} for b in bests]})
    print(f"exported {len(members)} model(s), epochs {[b['epoch'] for b in bests]}, "
          f"{sum(p.numel() for p in model.parameters())} parameters, to {args.out}")


def export_tagger(args, vocab):
    folder, stem = os.path.split(args.tagger)
    with np.load(os.path.join(folder, stem + ".part0.npz")) as first:
        meta = json.loads(str(first["__meta__"]))
    encoder = Encoder(len(vocab), meta["size"], positions=meta["seq"], pad_id=vocab["<pad>"], embedding_dim=meta.get("embedding_dim"))
    model = EncoderTagger(encoder, len(LABELS))
    load_weights(model, folder, stem)
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "model.onnx")
    _export(model, vocab, path)
    store_weights_as_float16(path)
    hidden, layers, heads, ffn = SIZES[meta["size"]]
    _write_config(args, vocab, "FhirNerTransformerForTokenClassification", "fhirner-transformer", {
        # Learned positions from 0, no RoBERTa offset: the table is the longest window.
        "max_position_embeddings": meta["seq"],
        "vocab_size": len(vocab),
        "hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": heads, "intermediate_size": ffn,
    }, {
        "fhirner_weights": "float16-stored, float32 arithmetic",
        "fhirner_training": [{"pretraining": meta.get("pretraining"), "dev2_python": meta["dev2"], "args": meta["args"]}],
    })
    print(f"exported {meta['size']} tagger, {sum(p.numel() for p in model.parameters())} parameters, to {args.out}")


if __name__ == "__main__":
    main()
