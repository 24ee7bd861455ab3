"""The ``newscrawl`` console script: a thin layer over the store, extractors and viewer."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from newscrawl import __version__
from newscrawl.store import StoreError

# Each module defines ``register(subparsers)``, which adds one subcommand whose parser
# sets ``func(args) -> int``.
SUBCOMMANDS = (
    "newscrawl.cli.extract",
    "newscrawl.cli.history",
    "newscrawl.cli.diff",
    "newscrawl.cli.serve",
    "newscrawl.cli.replay",
    "newscrawl.cli.schedule",
    "newscrawl.cli.status",
    "newscrawl.cli.outlets",
    "newscrawl.cli.watch",
    "newscrawl.cli.unwatch",
    "newscrawl.cli.notify",
    "newscrawl.cli.export",
)
# Subcommands that never read a store; every other one also takes --store after its name.
WITHOUT_STORE = frozenset({"extract", "replay", "outlets"})
STORE_HELP = (
    "store URI (sqlite:///newscrawl.db or mongodb://host:27017/newscrawl); "
    "default: $NEWSCRAWL_STORE, then $MONGO_URI, then sqlite:///newscrawl.db"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl",
        description="Watch news articles change after they are published.",
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    parser.add_argument(
        "--store",
        metavar="URI",
        help=STORE_HELP,
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    for name, subparser in subparsers.choices.items():
        if name not in WITHOUT_STORE:
            # SUPPRESS: when not given here, the value given before the command stands.
            subparser.add_argument(
                "--store", metavar="URI", default=argparse.SUPPRESS, help=STORE_HELP
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows up here, inside the handler below
        return code
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as Python's documentation
        # recommends, sending what is still buffered to devnull instead of the pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except StoreError as exc:
        print(f"newscrawl: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
