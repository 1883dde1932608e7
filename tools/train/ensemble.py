#!/usr/bin/env python3
"""Join exported token classifiers that share a tokenizer into one ONNX model that averages
their label probabilities.

    /usr/bin/python3 tools/train/ensemble.py --member models/A --member models/B \\
        --out models/fhirner-cantemist-ensemble --name fhirner-cantemist-ensemble --version 0.4.0

Members are model folders in the Hugging Face layout (model.onnx, config.json, vocab.json,
merges.txt, tokenizer.json), as export.py writes them; their tokenizer files must be identical.
The result is one graph with the same inputs and output (input_ids, attention_mask -> logits),
so the C# runtime loads it like any single model: the output is the log of the mean of the
members' softmax probabilities, a valid logit for the runtime's softmax and Viterbi.

Weights are stored as float16 and read through Casts, so arithmetic stays float32. Weights that
came back from training in float16 are unchanged; float32 members are rounded, and the script
prints the largest change (check the result on dev2 against the float32 ensemble).
"""
import argparse
import filecmp
import json
import os
import shutil

import onnx
import onnx.compose
from onnx import TensorProto, helper

from export import store_weights_as_float16

TOKENIZER_FILES = ["vocab.json", "merges.txt", "tokenizer.json"]
# Keeps log() finite where every member gives a label probability that underflows to zero.
EPSILON = 1e-9


def read_config(folder):
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        return json.load(f)


def join(folders):
    """One graph: every member under its own name prefix, fed the shared inputs, then the mean."""
    first = onnx.load(os.path.join(folders[0], "model.onnx"))
    nodes, initializers, value_info, opsets, probabilities = [], [], [], {}, []
    for k, folder in enumerate(folders):
        member = onnx.load(os.path.join(folder, "model.onnx"))
        if [i.name for i in member.graph.input] != ["input_ids", "attention_mask"] or [o.name for o in member.graph.output] != ["logits"]:
            raise SystemExit(f"{folder}: expected inputs input_ids, attention_mask and output logits")
        for opset in member.opset_import:
            opsets[opset.domain] = max(opsets.get(opset.domain, 0), opset.version)
        prefix = f"member{k}_"
        member = onnx.compose.add_prefix(member, prefix)
        shared = {prefix + "input_ids": "input_ids", prefix + "attention_mask": "attention_mask"}
        for node in member.graph.node:
            node.input[:] = [shared.get(name, name) for name in node.input]
            nodes.append(node)
        initializers += list(member.graph.initializer)
        value_info += list(member.graph.value_info)
        nodes.append(helper.make_node("Softmax", [prefix + "logits"], [prefix + "probabilities"], axis=-1))
        probabilities.append(prefix + "probabilities")

    initializers.append(helper.make_tensor("member_count", TensorProto.FLOAT, [], [float(len(folders))]))
    initializers.append(helper.make_tensor("epsilon", TensorProto.FLOAT, [], [EPSILON]))
    nodes.append(helper.make_node("Sum", probabilities, ["probability_sum"]))
    nodes.append(helper.make_node("Div", ["probability_sum", "member_count"], ["mean_probabilities"]))
    nodes.append(helper.make_node("Add", ["mean_probabilities", "epsilon"], ["mean_probabilities_positive"]))
    nodes.append(helper.make_node("Log", ["mean_probabilities_positive"], ["logits"]))
    graph = helper.make_graph(nodes, "fhirner_ensemble", list(first.graph.input), list(first.graph.output), initializers,
                              value_info=value_info)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in sorted(opsets.items())])
    model.ir_version = first.ir_version
    onnx.checker.check_model(model)
    return model


def write_config(args, configs):
    first = configs[0]
    for config in configs[1:]:
        for key in ["id2label", "vocab_size", "bos_token_id", "pad_token_id", "eos_token_id"]:
            if config.get(key) != first.get(key):
                raise SystemExit(f"members disagree on {key}")
    config = {
        "architectures": ["FhirNerEnsembleForTokenClassification"],
        "model_type": "fhirner-ensemble",
        "fhirner_model_name": args.name or os.path.basename(os.path.normpath(args.out)),
        "fhirner_model_version": args.version,
        "id2label": first["id2label"],
        "label2id": first["label2id"],
        # The shortest member window: a Transformer's position table bounds the whole model.
        "max_position_embeddings": min(c["max_position_embeddings"] for c in configs),
        "vocab_size": first["vocab_size"],
        "bos_token_id": first["bos_token_id"],
        "pad_token_id": first["pad_token_id"],
        "eos_token_id": first["eos_token_id"],
        "fhirner_weights": "float16-stored, float32 arithmetic",
        "fhirner_members": [{k: c.get(k) for k in ["fhirner_model_name", "fhirner_model_version", "model_type", "architectures",
                                                    "hidden_size", "num_hidden_layers", "fhirner_training"] if k in c}
                            for c in configs],
    }
    with open(os.path.join(args.out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--member", action="append", required=True, help="an exported model folder (two or more)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", default=None)
    parser.add_argument("--version", default="1.0.0")
    args = parser.parse_args()
    if len(args.member) < 2:
        parser.error("an ensemble needs two or more --member folders")
    for folder in args.member[1:]:
        for name in TOKENIZER_FILES:
            if not filecmp.cmp(os.path.join(args.member[0], name), os.path.join(folder, name), shallow=False):
                raise SystemExit(f"{folder}/{name} differs from {args.member[0]}/{name}: members must share a tokenizer")

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "model.onnx")
    onnx.save(join(args.member), path)
    stored, largest_change = store_weights_as_float16(path, exact=False)
    for name in TOKENIZER_FILES:
        shutil.copy(os.path.join(args.member[0], name), os.path.join(args.out, name))
    write_config(args, [read_config(folder) for folder in args.member])
    print(f"{len(args.member)} members -> {path} ({os.path.getsize(path) / 1e6:.1f} MB); "
          f"{stored} weights stored as float16, largest rounding {largest_change:.2e}")


if __name__ == "__main__":
    main()
