"""The deployment files say only what Rangwan understands: every variable they set is
read somewhere, every command they run exists, every file they name is in the repo."""

import re
import subprocess

import pytest
from django.core.management import get_commands

from tests.subprocesses import ROOT

DEPLOY = ROOT / "deploy"
ENV_FILES = [DEPLOY / "rangwan.env.example", DEPLOY / "compose.env.example"]
# Where a variable may be read: the settings, gunicorn's settings, and compose itself.
READERS = [ROOT / "config/settings.py", DEPLOY / "gunicorn.conf.py", ROOT / "compose.yaml"]
SCHEDULED = [
    DEPLOY / "cron.d-rangwan",
    DEPLOY / "systemd/rangwan-worker.service",
    ROOT / "compose.yaml",
]
SERVICES = [*SCHEDULED, DEPLOY / "systemd/rangwan.service", ROOT / "Dockerfile"]


def variables(path):
    return [
        line.split("=", 1)[0]
        for line in path.read_text().splitlines()
        if line and not line.startswith("#")
    ]


@pytest.mark.parametrize("env_file", ENV_FILES, ids=lambda p: p.name)
def test_every_variable_in_an_environment_example_is_read(env_file):
    readers = "\n".join(path.read_text() for path in READERS)
    unread = [
        name
        for name in variables(env_file)
        if f'"{name}"' not in readers and f"${{{name}" not in readers
    ]
    assert unread == []


@pytest.mark.parametrize("env_file", ENV_FILES, ids=lambda p: p.name)
def test_an_environment_example_is_production_and_keeps_no_real_secret(env_file):
    values = dict(
        line.split("=", 1)
        for line in env_file.read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert values["DEBUG"] == "False"
    assert values["SECRET_KEY"] == "change-me"
    assert values["S3_BUCKET"]  # files go to object storage, not the app server's disk


@pytest.mark.parametrize("path", SCHEDULED, ids=lambda p: p.name)
def test_every_management_command_a_schedule_runs_exists(path):
    named = set(re.findall(r"manage\.py\"?,? \"?([a-z_]+)", path.read_text()))
    assert named, f"{path.name} runs no management command"
    assert named <= set(get_commands())


def test_with_env_runs_a_command_with_the_environment_file(tmp_path):
    env_file = tmp_path / "rangwan.env"
    env_file.write_text("# a comment\nDEBUG=False\nS3_BUCKET=rangwan-files\n")
    done = subprocess.run(  # noqa: S603 (our own script)
        [DEPLOY / "with-env", "sh", "-c", 'echo "$DEBUG $S3_BUCKET"'],
        env={"RANGWAN_ENV_FILE": str(env_file), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "False rangwan-files\n"


def test_files_the_deployment_names_are_in_the_repository():
    named = re.findall(
        r"(deploy/[\w./-]+\.(?:conf|py|service)|config\.wsgi)",
        "\n".join(path.read_text() for path in SERVICES),
    )
    assert named
    missing = [
        name
        for name in named
        if not (ROOT / name.replace("config.wsgi", "config/wsgi.py")).exists()
    ]
    assert missing == []
