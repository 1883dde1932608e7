"""The compact tagger: BPE embeddings -> stack of dilated residual 1-D convolutions -> label logits.

Chosen by measurement on the 2-core training machine (see README): a BiLSTM trained at
800-3,300 tokens/s, too slow to converge in the time there is; dilated convolutions (as in
Strubell et al., 2017, "Fast and Accurate Entity Recognition with Iterated Dilated
Convolutions") run in parallel over the sequence, see ~35 tokens of context, and are cheap
at inference. Takes input_ids/attention_mask and returns logits like a Hugging Face token
classifier, so the C# runtime serves it and RoBERTa exports alike.
"""
import math

import torch
from torch import nn

DEFAULT_DILATIONS = (1, 2, 4, 8, 1, 1)


class SelfAttention(nn.Module):
    """One pre-norm multi-head self-attention block over the whole window.

    Written with plain matmuls (not nn.MultiheadAttention) so the ONNX export is simple and
    padding is masked explicitly; it adds window-wide context to the convolutions' ~35 tokens.
    """

    def __init__(self, hidden, heads, dropout):
        super().__init__()
        self.heads = heads
        self.norm = nn.LayerNorm(hidden)
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, attention_mask):
        b, n, h = x.shape
        q, k, v = self.qkv(self.norm(x)).reshape(b, n, 3, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(h // self.heads)
        scores = scores + (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -1e4
        y = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, n, h)
        return x + self.dropout(self.out(y))


class ConvTagger(nn.Module):
    def __init__(self, vocab_size, labels, pad_id, embedding_dim=128, hidden=192, dilations=DEFAULT_DILATIONS,
                 kernel=3, dropout=0.25, attention_heads=0):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_id)
        self.project = nn.Linear(embedding_dim, hidden)
        self.convs = nn.ModuleList(
            nn.Conv1d(hidden, hidden, kernel, padding=d * (kernel // 2), dilation=d) for d in dilations)
        self.norms = nn.ModuleList(nn.LayerNorm(hidden) for _ in dilations)
        self.dropout = nn.Dropout(dropout)
        self.attention = SelfAttention(hidden, attention_heads, dropout) if attention_heads else None
        self.classifier = nn.Linear(hidden, labels)

    def forward(self, input_ids, attention_mask):
        # Padding is zeroed after every layer so it never leaks into real tokens' context.
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        x = self.project(self.dropout(self.embeddings(input_ids))) * mask
        for conv, norm in zip(self.convs, self.norms):
            y = conv(x.transpose(1, 2)).transpose(1, 2)
            x = norm(x + self.dropout(nn.functional.gelu(y))) * mask
        if self.attention is not None:
            x = self.attention(x, attention_mask) * mask
        return self.classifier(self.dropout(x))
