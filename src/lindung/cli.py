"""The `lindung` command: manage.py plus `demo` and `serve`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    if sys.argv[1:2] == ["demo"]:
        # The demo serves plain http://127.0.0.1: no HTTPS redirect, no secure-only cookies.
        os.environ.setdefault("LINDUNG_HTTPS", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lindung", *sys.argv[1:]])


if __name__ == "__main__":
    main()
