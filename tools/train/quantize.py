#!/usr/bin/env python3
"""Dynamic int8 quantization of an exported tagger's weight matrices, without onnxruntime's Python tools.

    /usr/bin/python3 tools/train/quantize.py IN.onnx OUT.onnx

Each MatMul whose second input is a float32 weight [K, N] becomes what onnxruntime's
quantize_dynamic writes: DynamicQuantizeLinear of the activations (uint8, per tensor), a
MatMulInteger with the weight stored as int8 (symmetric, one scale per output column), and a
Cast + Mul by the two scales. ONNX Runtime fuses that chain into MatMulIntegerToFloat on the
CPU. Attention products (activations x activations), embeddings and LayerNorms stay float32.
Needs a float32 export (export.py before store_weights_as_float16).
"""
import argparse

import numpy as np
import onnx
import onnx.numpy_helper
from onnx import TensorProto, helper


def quantize(model):
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers[name] = consumers.get(name, 0) + 1
    nodes, count = [], 0
    dropped = set()
    for node in graph.node:
        weight = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if weight is None or weight.data_type != TensorProto.FLOAT or len(weight.dims) != 2:
            nodes.append(node)
            continue
        w = onnx.numpy_helper.to_array(weight)
        scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0  # per output column
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        stem = f"{node.name or node.output[0]}_q{count}"
        count += 1
        graph.initializer.extend([
            onnx.numpy_helper.from_array(q, stem + "_w"),
            onnx.numpy_helper.from_array(scale.astype(np.float32), stem + "_w_scale"),
            onnx.numpy_helper.from_array(np.zeros(q.shape[1], dtype=np.int8), stem + "_w_zero"),
        ])
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [node.input[0]], [stem + "_a", stem + "_a_scale", stem + "_a_zero"], name=stem + "_quantize"),
            helper.make_node("MatMulInteger", [stem + "_a", stem + "_w", stem + "_a_zero", stem + "_w_zero"], [stem + "_int"], name=stem + "_matmul"),
            helper.make_node("Cast", [stem + "_int"], [stem + "_float"], to=TensorProto.FLOAT, name=stem + "_cast"),
            helper.make_node("Mul", [stem + "_a_scale", stem + "_w_scale"], [stem + "_scale"], name=stem + "_scales"),
            helper.make_node("Mul", [stem + "_float", stem + "_scale"], [node.output[0]], name=stem + "_rescale"),
        ]
        consumers[weight.name] -= 1
        if consumers[weight.name] == 0:
            dropped.add(weight.name)
    kept = [i for i in graph.initializer if i.name not in dropped]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(nodes)
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    args = parser.parse_args()
    model = onnx.load(args.source)
    count = quantize(model)
    onnx.checker.check_model(model)
    onnx.save(model, args.target)
    print(f"quantized {count} weight matrices to int8: {args.target}")


if __name__ == "__main__":
    main()
