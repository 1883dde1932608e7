"""Adds the Transformer member's last hidden state as a second output, `assertion_states`, to an
ensemble exported by ensemble.py, and declares it in config.json (`fhirner_assertion_states`).

The assertion classifier reads a mention's pooled states beside its words
(src/FhirNer.Nlp/Assertion/MentionStates.cs); `logits` and every weight stay as they were.

    /usr/bin/python3 tools/train/add_assertion_states.py models/fhirner-cantemist-ensemble --version 0.4.1
"""
import argparse
import json
import os

import onnx
from onnx import TensorProto, helper

# The output of the Transformer member's final layer norm (member0 in ensemble.py's graph).
STATE_NODE = "member0_/encoder/norm_out/Add_1_output_0"
OUTPUT = "assertion_states"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("--version", required=True, help="the model version to write into config.json")
    args = parser.parse_args()
    path = os.path.join(args.model_dir, "model.onnx")
    model = onnx.load(path)
    graph = model.graph
    if any(o.name == OUTPUT for o in graph.output):
        raise SystemExit(f"{path} already has an '{OUTPUT}' output")
    if not any(STATE_NODE in n.output for n in graph.node):
        raise SystemExit(f"{path} has no node output '{STATE_NODE}': not an ensemble.py graph with the Transformer first")
    graph.node.append(helper.make_node("Identity", [STATE_NODE], [OUTPUT], name=OUTPUT + "_identity"))
    graph.output.append(helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["batch", "sequence", 256]))
    onnx.checker.check_model(model)
    onnx.save(model, path)

    config_path = os.path.join(args.model_dir, "config.json")
    with open(config_path, encoding="utf-8") as f:
        config = json.load(f)
    config["fhirner_model_version"] = args.version
    config["fhirner_assertion_states"] = {
        "output": OUTPUT,
        "size": 256,
        "source": "the Transformer member's last hidden state (after its final layer norm), per token; read by the assertion classifier",
    }
    with open(config_path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"{path}: added '{OUTPUT}'; {config_path}: version {args.version}")


if __name__ == "__main__":
    main()
