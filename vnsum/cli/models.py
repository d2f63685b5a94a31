"""``vnsum models``: which model each command uses, whether it is cached, and ``models pull``."""

from __future__ import annotations

import sys

import click


@click.group("models", invoke_without_command=True)
@click.pass_context
def models_command(ctx: click.Context) -> None:
    """List the models each command uses, whether they are cached, and their licences."""
    if ctx.invoked_subcommand is not None:
        return
    from vnsum.models import MODELS, is_cached

    header = ("task", "model", "set by", "cached", "licence")
    rows = [
        (
            info.task,
            info.name,
            f"${info.env_var}" if info.name != info.default else "default",
            "yes" if is_cached(info.name) else "no",
            info.license,
        )
        for info in MODELS.values()
    ]
    if not sys.stdout.isatty():  # a pipe gets tab-separated lines, easy to grep and cut
        for row in (header, *rows):
            click.echo("\t".join(row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for column in header:
        table.add_column(column, overflow="fold")  # model paths are shown whole, never cut
    for row in rows:
        table.add_row(*row)
    Console().print(table)


@models_command.command("pull")
@click.argument("names", nargs=-1)
@click.option("--all", "pull_all", is_flag=True, help="Also the models of --strategy direct and --method llm (several GB).")
def models_pull(names: tuple[str, ...], pull_all: bool) -> None:
    """Download models for later offline use [default: translation both ways and the summarizer]."""
    from vnsum.models import DEFAULT_PULL, MODELS, pull

    for name in names or [info.name for key, info in MODELS.items() if pull_all or key in DEFAULT_PULL]:
        click.echo(f"pulling {name} …", err=True)
        click.echo(f"{name}: {pull(name)}")
