#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Writes made by a management command are recorded in history with the command's
name and the operating-system user as context (django-pghistory).
"""

import os
import sys

# Commands that change the schema or run other processes get no history context.
UNTRACKED_COMMANDS = {
    "check",
    "collectstatic",
    "createcachetable",
    "makemigrations",
    "migrate",
    "runserver",
    "showmigrations",
    "spectacular",
    "sqlmigrate",
    "test",
}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if not command or command.startswith("-") or command in UNTRACKED_COMMANDS:
        execute_from_command_line(sys.argv)
        return

    import getpass

    import django

    django.setup()
    import pghistory

    with pghistory.context(command=command, os_user=getpass.getuser()):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
