#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

Without ``DATABASE_URL`` it uses the embedded PostgreSQL (config/devdb.py), started
here on demand, so ``python manage.py createsuperuser`` works on a fresh checkout.
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


# Commands that never open a database connection: the embedded server is not started
# for them (their settings still need a DATABASE_URL, which is then only named).
NO_DATABASE_COMMANDS = {"", "help", "version", "--help", "-h", "--version"}


def use_embedded_database(command: str) -> None:
    """Point DATABASE_URL at the embedded PostgreSQL when it is not set."""
    if os.environ.get("DATABASE_URL"):
        return
    from config import devdb

    if command in NO_DATABASE_COMMANDS:
        os.environ["DATABASE_URL"] = devdb.planned_url()
    else:
        os.environ["DATABASE_URL"] = devdb.start()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    use_embedded_database(sys.argv[1] if len(sys.argv) > 1 else "")
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
