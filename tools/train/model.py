"""The compact tagger: BPE embeddings -> stack of dilated residual 1-D convolutions -> label logits.

Chosen by measurement on the 2-core training machine (see README): a BiLSTM trained at
800-3,300 tokens/s, too slow to converge in the time there is; dilated convolutions (as in
Strubell et al., 2017, "Fast and Accurate Entity Recognition with Iterated Dilated
Convolutions") run in parallel over the sequence, see ~35 tokens of context, and are cheap
at inference. Takes input_ids/attention_mask and returns logits like a Hugging Face token
classifier, so the C# runtime serves it and RoBERTa exports alike.
"""
import torch
from torch import nn

DEFAULT_DILATIONS = (1, 2, 4, 8, 1, 1)


class ConvTagger(nn.Module):
    def __init__(self, vocab_size, labels, pad_id, embedding_dim=128, hidden=192, dilations=DEFAULT_DILATIONS,
                 kernel=3, dropout=0.25):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim, padding_idx=pad_id)
        self.project = nn.Linear(embedding_dim, hidden)
        self.convs = nn.ModuleList(
            nn.Conv1d(hidden, hidden, kernel, padding=d * (kernel // 2), dilation=d) for d in dilations)
        self.norms = nn.ModuleList(nn.LayerNorm(hidden) for _ in dilations)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, labels)

    def forward(self, input_ids, attention_mask):
        # Padding is zeroed after every layer so it never leaks into real tokens' context.
        mask = attention_mask.unsqueeze(-1).to(torch.float32)
        x = self.project(self.dropout(self.embeddings(input_ids))) * mask
        for conv, norm in zip(self.convs, self.norms):
            y = conv(x.transpose(1, 2)).transpose(1, 2)
            x = norm(x + self.dropout(nn.functional.gelu(y))) * mask
        return self.classifier(self.dropout(x))
