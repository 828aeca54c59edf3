"""Settings come from the environment; production refuses unsafe values."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.live import ROOT, SNIPPET, settings_value


def test_production_refuses_the_development_secret():
    result = settings_value("settings.DEBUG", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_are_secure_with_a_real_secret():
    result = settings_value(
        "settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS > 0",
        DEBUG="false",
        SECRET_KEY="x" * 64,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True"


def test_settings_do_not_start_a_database_without_database_url():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", SNIPPET.format(expr="1")],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def test_unix_socket_url_is_moved_to_host():
    result = settings_value(
        "settings.DATABASES['default']['HOST'], settings.DATABASES['default']['NAME']",
        DATABASE_URL="postgresql://postgres@/coalition?host=/tmp/sock",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/tmp/sock coalition"


def test_bad_boolean_is_a_configuration_error():
    result = settings_value("settings.DEBUG", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_production_settings_pass_the_deploy_check():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-" + "z" * 20,
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://unused@localhost/unused"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
