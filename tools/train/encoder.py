"""A small pre-norm Transformer encoder, pretrained as a masked language model, then tagged.

Written with plain matmuls (no nn.MultiheadAttention, no Hugging Face classes) so the same
module trains under the GPU machine's PyTorch 2.x, exports under Debian's PyTorch 1.13, and
its ONNX graph takes only input_ids/attention_mask like a Hugging Face token classifier.
Positions are learned and start at 0 (no RoBERTa padding offset), so config.json says
model_type "fhirner-transformer" and max_position_embeddings is the longest window.
"""
import json
import math
import os

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

SIZES = {
    # name: (hidden, layers, heads, feed-forward)
    "tiny": (64, 2, 2, 128),  # for tests of the recipe on a CPU
    "small": (256, 6, 4, 1024),
    "medium": (384, 6, 6, 1536),
}

# Use fused attention where the PyTorch has it (2.x on the GPU); the plain path is what exports.
_fused_attention = hasattr(F, "scaled_dot_product_attention")


class Block(nn.Module):
    def __init__(self, hidden, heads, ffn, dropout):
        super().__init__()
        self.heads = heads
        self.dropout_p = dropout
        self.norm1 = nn.LayerNorm(hidden)
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.norm2 = nn.LayerNorm(hidden)
        self.ff1 = nn.Linear(hidden, ffn)
        self.ff2 = nn.Linear(ffn, hidden)
        self.dropout = nn.Dropout(dropout)

    def attend(self, q, k, v, bias):
        global _fused_attention
        if _fused_attention and not torch.onnx.is_in_onnx_export():
            try:
                return F.scaled_dot_product_attention(q, k, v, attn_mask=None if bias is None else bias.to(q.dtype),
                                                      dropout_p=self.dropout_p if self.training else 0.0)
            except (RuntimeError, TypeError):
                _fused_attention = False
        scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
        if bias is not None:
            scores = scores + bias
        return self.dropout(scores.softmax(-1)) @ v

    def forward(self, x, bias):
        b, n, h = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, n, 3, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        y = self.attend(q, k, v, bias).transpose(1, 2).reshape(b, n, h)
        x = x + self.dropout(self.out(y))
        return x + self.dropout(self.ff2(F.gelu(self.ff1(self.norm2(x)))))


class Encoder(nn.Module):
    def __init__(self, vocab_size, size="small", positions=512, dropout=0.1, pad_id=1, embedding_dim=None):
        super().__init__()
        hidden, layers, heads, ffn = SIZES[size]
        self.size = size
        # A narrower token table projected up (as ALBERT) lets fastText vectors seed it.
        embedding_dim = embedding_dim or hidden
        self.tokens = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_id)
        self.project = nn.Linear(embedding_dim, hidden) if embedding_dim != hidden else None
        self.positions = nn.Embedding(positions, hidden)
        self.norm_in = nn.LayerNorm(hidden)
        self.blocks = nn.ModuleList(Block(hidden, heads, ffn, dropout) for _ in range(layers))
        self.norm_out = nn.LayerNorm(hidden)
        self.dropout = nn.Dropout(dropout)
        self.apply(_init)

    def forward(self, input_ids, attention_mask=None):
        n = input_ids.shape[1]
        position_ids = torch.arange(n, device=input_ids.device).unsqueeze(0)
        x = self.tokens(input_ids)
        if self.project is not None:
            x = self.project(x)
        x = self.dropout(self.norm_in(x + self.positions(position_ids)))
        bias = None
        if attention_mask is not None:
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -1e4
        for block in self.blocks:
            x = block(x, bias)
        return self.norm_out(x)


class MaskedLanguageModel(nn.Module):
    """Pretraining head: dense + GELU + norm, decoder tied to the token embeddings."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.dense = nn.Linear(encoder.norm_out.normalized_shape[0], encoder.tokens.embedding_dim)
        self.norm = nn.LayerNorm(encoder.tokens.embedding_dim)
        self.bias = nn.Parameter(torch.zeros(encoder.tokens.num_embeddings))

    def forward(self, input_ids, positions):
        """Logits over the vocabulary at the (row, column) positions given (the masked ones only)."""
        h = self.encoder(input_ids)[positions]
        return self.norm(F.gelu(self.dense(h))) @ self.encoder.tokens.weight.t() + self.bias


class EncoderTagger(nn.Module):
    """input_ids, attention_mask -> BIO logits, as a Hugging Face token classifier."""

    def __init__(self, encoder, labels, dropout=0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(encoder.norm_out.normalized_shape[0], labels)

    def forward(self, input_ids, attention_mask):
        return self.classifier(self.dropout(self.encoder(input_ids, attention_mask)))


def _init(module):
    if isinstance(module, (nn.Linear, nn.Embedding)):
        nn.init.normal_(module.weight, std=0.02)
    if isinstance(module, nn.Linear) and module.bias is not None:
        nn.init.zeros_(module.bias)


def save_weights(model, folder, stem, meta, max_bytes=15_000_000):
    """Writes the state dict as float16 STEM.partK.npz files of at most max_bytes each (the GPU
    machine returns at most 8 files of 16 MB), meta as JSON inside part 0; removes older parts."""
    os.makedirs(folder, exist_ok=True)
    parts, current, size = [], {}, 0
    for key, tensor in model.state_dict().items():
        array = tensor.detach().float().cpu().numpy().astype(np.float16)
        if current and size + array.nbytes > max_bytes:
            parts.append(current)
            current, size = {}, 0
        current[key] = array
        size += array.nbytes
    parts.append(current)
    parts[0]["__meta__"] = np.array(json.dumps(dict(meta, parts=len(parts))))
    for name in os.listdir(folder):
        if name.startswith(stem + ".part") and name.endswith(".npz"):
            os.remove(os.path.join(folder, name))
    for k, part in enumerate(parts):
        np.savez(os.path.join(folder, f"{stem}.part{k}.tmp.npz"), **part)
        os.replace(os.path.join(folder, f"{stem}.part{k}.tmp.npz"), os.path.join(folder, f"{stem}.part{k}.npz"))


def load_weights(model, folder, stem):
    """Loads what save_weights wrote into model; returns the meta."""
    state, k, meta = {}, 0, None
    while meta is None or k < meta["parts"]:
        with np.load(os.path.join(folder, f"{stem}.part{k}.npz")) as part:
            for key in part.files:
                if key == "__meta__":
                    meta = json.loads(str(part[key]))
                else:
                    state[key] = torch.from_numpy(part[key].astype(np.float32))
        k += 1
    model.load_state_dict(state)
    return meta
