"""``vnsum cache``: what vnsum keeps between runs (the translation memory, the CTranslate2
copies of models), how big it is, and clearing it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

NAMES = {"memory": "translation memory", "models": "converted models (CTranslate2)"}


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # not reached


def _kinds(memory: bool, models: bool) -> tuple[str, ...]:
    """--memory, --models, or both when neither is given."""
    return tuple(k for k, on in (("memory", memory), ("models", models)) if on) or ("memory", "models")


def _which(f: Callable[..., Any]) -> Callable[..., Any]:
    """The --memory and --models options."""
    f = click.option("--models", is_flag=True, help="Only the CTranslate2 copies of models.")(f)
    return click.option("--memory", is_flag=True, help="Only the translation memory.")(f)


def _can_ask() -> bool:
    return sys.stdin.isatty()


@click.group("cache")
def cache_command() -> None:
    """Show or clear what vnsum keeps between runs: the translation memory and the CTranslate2 copies of models.

    The Hugging Face downloads are the hub's cache (huggingface-cli delete-cache), not vnsum's.
    """


@cache_command.command("info")
@_which
@click.option("--json", "as_json", is_flag=True, help="One JSON document (for scripts).")
def cache_info_command(memory: bool, models: bool, as_json: bool) -> None:
    """Where each cache is, its entries and its size (the memory's cap too)."""
    from vnsum.caches import cache_info

    infos = cache_info(_kinds(memory, models))
    if as_json:
        click.echo(json.dumps([i.to_dict() for i in infos], ensure_ascii=False, indent=2))
        return
    for info in infos:
        unit = "entries" if info.kind == "memory" else ("model" if info.entries == 1 else "models")
        facts = f"{info.entries:,} {unit}, {_size(info.size_bytes)}" if info.exists else "not created yet"
        if info.kind == "memory":
            facts += f" (cap {_size(info.max_bytes)}; VNSUM_MEMORY_MAX_MB)" if info.max_bytes else " (no cap)"
        click.echo(f"{NAMES[info.kind]}: {info.path}\n  {facts}")
        if info.note:
            click.echo(f"  {info.note}")
        for item in info.items:
            click.echo(f"  {item.name}  {_size(item.size_bytes)}")


@cache_command.command("clear")
@_which
@click.option("-y", "--yes", is_flag=True, help="Do not ask (for scripts; required when there is no terminal to ask on).")
def cache_clear_command(memory: bool, models: bool, yes: bool) -> None:
    """Empty the translation memory and delete the converted models (both unless --memory or --models).

    A converted model is made again from the Hugging Face model on its next use.
    """
    from vnsum.caches import cache_info, clear_cache

    kinds = _kinds(memory, models)
    infos = [i for i in cache_info(kinds) if i.exists and i.entries]
    if not infos:
        click.echo("nothing to clear", err=True)
        return
    if not yes:
        if not _can_ask():
            raise click.UsageError("clearing needs --yes when there is no terminal to ask on")
        listing = "; ".join(f"{NAMES[i.kind]} ({i.entries:,} entries, {_size(i.size_bytes)}) in {i.path}" for i in infos)
        if not click.confirm(f"clear the {listing}?", err=True):
            click.echo("nothing cleared", err=True)
            return
    for info in infos:
        before = clear_cache(info.kind)
        click.echo(f"cleared the {NAMES[info.kind]}: {before.entries:,} entries, {_size(before.size_bytes)} ({before.path})", err=True)
