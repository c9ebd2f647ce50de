"""The ``gongkai`` console command: a thin wrapper over Django's management commands.

``gongkai demo``, ``gongkai serve``, ``gongkai agency add`` … are management commands of the gongkai apps;
this wrapper only sets the settings module, accepts a global ``--data-dir`` and turns ``gongkai check`` into
Django's deployment checks. Each run gets a request id ``cli-…`` for its log lines.
"""

from __future__ import annotations

import os
import sys


def _take_option(argv: list[str], name: str) -> str | None:
    """Remove ``--name VALUE`` / ``--name=VALUE`` from argv and return VALUE (settings need it before setup)."""
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            value = argv[index + 1]
            del argv[index : index + 2]
            return value
        if arg.startswith(name + "="):
            del argv[index]
            return arg.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    data_dir = _take_option(args, "--data-dir")
    if data_dir:
        os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    if args[:1] == ["check"] and "--deploy" not in args:
        args.append("--deploy")
    if args[:1] == ["demo"]:
        # the demo talks to a person at a terminal: its own Chinese lines, not one log line per service call
        os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    from django.core.management import execute_from_command_line

    from gongkai.core import logs

    with logs.context(request_id=logs.new_request_id("cli")):  # the command's log lines share one id
        execute_from_command_line(["gongkai", *args])


if __name__ == "__main__":
    main()
