"""Create (or update) a staff user in the ``analysts`` group, able to log in to the admin."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create a staff user in the 'analysts' group. The password comes from "
        "--password, the ANALYST_PASSWORD environment variable, or a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default=None)
        parser.add_argument(
            "--superuser", action="store_true", help="Also make the user a superuser."
        )

    def handle(
        self, *args, username: str, email: str, password: str | None, superuser: bool, **options
    ):
        if not username:
            raise CommandError("Give a username: make analyst NAME=yourname")
        password = password or os.environ.get("ANALYST_PASSWORD")
        if not password:
            password = getpass.getpass(f"Password for {username}: ")
            if password != getpass.getpass("Again: "):
                raise CommandError("The passwords differ.")
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        with transaction.atomic():
            user.email = email or user.email
            user.is_staff = True
            user.is_superuser = user.is_superuser or superuser
            user.set_password(password)
            user.save()
            group, _ = Group.objects.get_or_create(name="analysts")
            user.groups.add(group)
        self.stdout.write(f"{username} can log in at /admin/ and get an API token.")
