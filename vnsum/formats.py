"""The output formats, in one place: their names, file extensions, and the format an output
file's suffix implies. No imports: the CLI builds its ``--format`` choices from this at start-up."""

#: Every output format: a rich terminal view, plain text, the JSON record, Markdown.
FORMATS = ("view", "text", "json", "markdown")
#: The file extension of each format's per-article files (``view`` is written as plain text).
FORMAT_EXTENSIONS = {"text": "txt", "view": "txt", "markdown": "md", "json": "json"}
#: The format an output file's suffix implies when none is given.
SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown"}
