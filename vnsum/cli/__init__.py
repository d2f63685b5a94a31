"""The ``vnsum`` command line: parse, call the library, render, map errors to exit codes.

``app`` holds the group and the one table from domain error to exit code; ``options``
the options commands share; ``output`` reading the input and writing the result (the one
atomic writer); one module per command (``translate``, ``summarize``, ``check``,
``models``, ``batch``, ``cache``; ``progress`` is batch's display). No command module imports
another: they are put together here. Nothing heavy is imported until a command runs:
``vnsum --help`` must answer at once, without torch or transformers.
"""

from vnsum.cli.app import main
from vnsum.cli.batch import batch_command
from vnsum.cli.cache import cache_command
from vnsum.cli.check import check_command
from vnsum.cli.models import models_command
from vnsum.cli.summarize import summarize_command
from vnsum.cli.translate import translate_command

for _command in (translate_command, summarize_command, check_command, models_command, batch_command, cache_command):
    main.add_command(_command)

__all__ = ["main"]
