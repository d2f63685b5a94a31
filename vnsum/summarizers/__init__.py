"""Summarization methods, one module each, over the shared base in ``base.py``.

- ``extractive``: ranks the article's own sentences; no model, works offline.
- ``abstractive``: an mT5 model (XL-Sum; CrossSum for the ``direct`` strategy).
- ``llm``: an instruction-tuned chat model driven by a prompt template.
"""
