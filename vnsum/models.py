"""Which model each task uses: one registry, overridable per call or by environment.

Model names live only here (like faster-whisper's ``_MODELS``). A name is a Hugging Face
hub id or a local directory; the hub's own cache is the model cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from vnsum.errors import InputError, ModelUnavailableError

LANGUAGES = ("vi", "en")
#: The languages' English names (prompts, reports; mT5's ``langid_map`` has them in lower case).
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


@dataclass(frozen=True)
class ModelInfo:
    key: str
    task: str
    default: str
    license: str
    env_var: str

    @property
    def name(self) -> str:
        """The model in use: the environment override, else the default."""
        return os.environ.get(self.env_var, "").strip() or self.default


MODELS: dict[str, ModelInfo] = {
    "vi-en": ModelInfo("vi-en", "translate vi→en", "Helsinki-NLP/opus-mt-vi-en", "apache-2.0", "VNSUM_MODEL_VI_EN"),
    "en-vi": ModelInfo("en-vi", "translate en→vi", "Helsinki-NLP/opus-mt-en-vi", "apache-2.0", "VNSUM_MODEL_EN_VI"),
    # CC BY-NC-SA 4.0: the XL-Sum / CrossSum summarizers are for non-commercial use only.
    "summarizer": ModelInfo(
        "summarizer",
        "summarize (abstractive)",
        "csebuetnlp/mT5_multilingual_XLSum",
        "cc-by-nc-sa-4.0 (non-commercial)",
        "VNSUM_MODEL_SUMMARIZER",
    ),
    "crosssum": ModelInfo(
        "crosssum", "summarize --strategy direct", "csebuetnlp/mT5_m2m_crossSum", "cc-by-nc-sa-4.0 (non-commercial)", "VNSUM_MODEL_CROSSSUM"
    ),
    "llm": ModelInfo("llm", "summarize --method llm", "Qwen/Qwen2.5-1.5B-Instruct", "apache-2.0", "VNSUM_MODEL_LLM"),
}
#: What `vnsum models pull` fetches by default: the models of the default commands.
DEFAULT_PULL = ("vi-en", "en-vi", "summarizer")
# Files a hub snapshot needs; TensorFlow/Flax/ONNX weights are never fetched.
IGNORED_FILES = ["*.h5", "*.msgpack", "*.onnx", "tf_*", "flax_*", "rust_*", "*.ot"]


def translation_model(source_lang: str, target_lang: str, override: str | None = None) -> str:
    """The model name for a direction: ``override``, else the environment, else the default."""
    key = f"{source_lang}-{target_lang}"
    if key not in MODELS:
        valid = ", ".join(MODELS)
        raise InputError(f"no translation model for {source_lang}→{target_lang}; directions: {valid}")
    return override or MODELS[key].name


def is_local(name: str) -> bool:
    return Path(name).expanduser().is_dir()


def is_cached(name: str) -> bool:
    """True if the model can be loaded without the network."""
    if is_local(name):
        return (Path(name).expanduser() / "config.json").is_file()
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        return False
    from huggingface_hub import try_to_load_from_cache

    try:
        return isinstance(try_to_load_from_cache(name, "config.json"), str)
    except Exception:  # an invalid repo id is simply not cached
        return False


#: What ``save_pretrained`` writes: the weights (any of these patterns) and the tokenizer
#: (any of these files; which ones a tokenizer needs depends on its class).
WEIGHT_PATTERNS = ("*.safetensors", "pytorch_model*.bin", "*.safetensors.index.json", "pytorch_model.bin.index.json")
TOKENIZER_FILES = (
    "tokenizer.json", "tokenizer_config.json", "vocab.json", "vocab.txt", "merges.txt", "source.spm", "target.spm",
    "spiece.model", "sentencepiece.bpe.model", "tokenizer.model", "target_vocab.json",
)  # fmt: skip


#: The files a tokenizer class cannot do without (its ``tokenizer_config.json`` names the class);
#: others are only checked by loading them.
REQUIRED_TOKENIZER_FILES = {"MarianTokenizer": ("source.spm", "target.spm", "vocab.json")}


def check_model_folder(folder: Path, name: str) -> None:
    """A local model folder must hold what ``save_pretrained`` writes: config.json, weights
    and tokenizer files. Which is missing is said here, before torch is imported."""
    if not (folder / "config.json").is_file():
        raise ModelUnavailableError(name, "the folder has no config.json, so it is not a saved model")
    if not any(next(folder.glob(pattern), None) for pattern in WEIGHT_PATTERNS):
        raise ModelUnavailableError(name, "the folder has config.json but no weights (model.safetensors or pytorch_model.bin)")
    if not any((folder / f).is_file() for f in TOKENIZER_FILES):
        raise ModelUnavailableError(
            name, "the folder has no tokenizer files (tokenizer.json, tokenizer_config.json, source.spm/target.spm, spiece.model…)"
        )
    try:
        tokenizer_class = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8")).get("tokenizer_class")
    except (OSError, ValueError, AttributeError):
        return
    missing = [f for f in REQUIRED_TOKENIZER_FILES.get(str(tokenizer_class), ()) if not (folder / f).is_file()]
    if missing:
        needs = " and ".join(missing)
        raise ModelUnavailableError(name, f"its tokenizer ({tokenizer_class}) needs {needs}, which the folder does not have")


def tokenizer_files(folder: Path) -> list[str]:
    """The tokenizer files a local folder has (for error messages)."""
    return [f for f in TOKENIZER_FILES if (folder / f).is_file()]


def ensure_available(name: str) -> None:
    """Fail fast, with a clear reason, when ``name`` can be neither loaded nor downloaded.

    Without this, an uncached model on a machine with no network costs half a minute of
    retries from the hub client before the same failure.
    """
    path = Path(name).expanduser()
    if is_local(name):
        check_model_folder(path, name)
        return
    if name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelUnavailableError(name, "no such local folder")
    if is_cached(name):
        return
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        raise ModelUnavailableError(name, "it is not in the local cache and HF_HUB_OFFLINE is set")
    if not hub_reachable():
        raise ModelUnavailableError(name, "it is not in the local cache and the Hugging Face hub cannot be reached (no network?)")


def hub_reachable(timeout: float = 5.0) -> bool:
    """A quick TCP connection to the hub (HF_ENDPOINT), with no retries."""
    import socket
    from urllib.parse import urlsplit

    url = urlsplit(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    try:
        with socket.create_connection((url.hostname or "", url.port or (443 if url.scheme == "https" else 80)), timeout=timeout):
            return True
    except OSError:
        return False


def pull(name: str) -> str:
    """Download a model into the Hugging Face cache (with progress); return its folder."""
    if is_local(name):
        return str(Path(name).expanduser())
    from huggingface_hub import list_repo_files, snapshot_download

    ensure_available(name)
    try:
        files = list_repo_files(name)
        ignore = list(IGNORED_FILES)
        if any(f.endswith(".safetensors") for f in files):
            ignore.append("*.bin")  # the same weights twice otherwise
        return snapshot_download(name, ignore_patterns=ignore)
    except Exception as e:  # network, auth, unknown repo: all mean "not available"
        raise ModelUnavailableError(name, error_reason(e)) from None


def folder_fingerprint(folder: Path) -> str:
    """A hash of a local model folder's files (all of them, recursively): their relative
    paths, sizes and modification times. Retraining into the same folder changes it."""
    digest = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        st = f.stat()
        digest.update(f"{f.relative_to(folder).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def cached_snapshot(model: str) -> Path | None:
    """The folder of a hub model's cached snapshot (named by its commit), read from the
    Hugging Face cache without touching the network; None if it is not cached."""
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(model, "config.json")
    except Exception:  # not installed, invalid id: simply unknown
        return None
    return Path(found).parent if isinstance(found, str) else None


def model_revision(model: str) -> str | None:
    """The revision to key a model by, without loading it (None if unknown).

    A local folder: ``local-`` and its ``folder_fingerprint``. A hub id: the commit of its
    cached snapshot (its first 12 hex digits, as git shortens it). The translation memory
    and the CTranslate2 conversion cache both key models by this.
    """
    path = Path(model).expanduser()
    if path.is_dir():
        return "local-" + folder_fingerprint(path)
    snapshot = cached_snapshot(model)
    return snapshot.name[:12] if snapshot is not None else None


def error_reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else type(error).__name__
    if "offline" in first.lower() or "HF_HUB_OFFLINE" in str(error):
        return "it is not in the local cache and HF_HUB_OFFLINE is set"
    return f"{type(error).__name__}: {first[:200]}"
