"""The output formats, in one place: their names, file extensions, and the format an output
file's suffix implies. No imports: the CLI builds its ``--format`` choices from this at start-up."""

#: Every output format: a rich terminal view, plain text, the JSON record, Markdown.
FORMATS = ("view", "text", "json", "markdown")
#: The file extension of each format's per-article files (``view`` is written as plain text).
FORMAT_EXTENSIONS = {"text": "txt", "view": "txt", "markdown": "md", "json": "json"}
#: The format an output file's suffix implies when none is given.
SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown"}
#: Suffixes of formats vnsum does not write: ``-o report.html`` without ``-f`` is refused
#: rather than silently filled with plain text.
FOREIGN_SUFFIXES = frozenset(".html .htm .xhtml .pdf .doc .docx .odt .rtf .xml .csv .tsv .jsonl .ndjson .yaml .yml .epub".split())
