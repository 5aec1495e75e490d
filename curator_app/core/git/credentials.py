"""The user's own git credentials for pygit2: SSH agent and keys, git credential helpers.

libgit2 does not consult git's credential helpers, so this module asks them itself
(`git credential fill` when git is installed, else the configured `git-credential-*`
program, else the plain-text store file). Nothing here stores or logs a secret.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pygit2

# A GUI-provided prompt: (url, username or None) -> (username, password), or None to give up.
AskPassword = Callable[[str, str | None], tuple[str, str] | None]

_HELPER_TIMEOUT = 30  # seconds; a helper that waits for a terminal must not hang the app


def _split_url(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    fields = {"protocol": parts.scheme, "host": parts.hostname or ""}
    if parts.port:
        fields["host"] += f":{parts.port}"
    if parts.path:
        fields["path"] = parts.path.lstrip("/")
    if parts.username:
        fields["username"] = unquote(parts.username)
    return fields


def _parse_reply(text: str) -> tuple[str, str] | None:
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    if values.get("username") and values.get("password"):
        return values["username"], values["password"]
    return None


def _run(argv: list[str] | str, request: str, shell: bool = False, cwd: Path | None = None) -> str | None:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    try:
        done = subprocess.run(
            argv,
            input=request,
            capture_output=True,
            text=True,
            timeout=_HELPER_TIMEOUT,
            shell=shell,
            env=env,
            cwd=cwd,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _request(url: str, username: str | None) -> str:
    fields = _split_url(url)
    if username:
        fields["username"] = username
    return "".join(f"{k}={v}\n" for k, v in fields.items()) + "\n"


def _helpers(config: pygit2.Config) -> list[str]:
    try:
        return [str(v) for v in config.get_multivar("credential.helper")]
    except (KeyError, pygit2.GitError):
        return []


def _store_files() -> list[Path]:
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path.home() / ".git-credentials", Path(xdg) / "git" / "credentials"]


def _from_store(url: str, username: str | None, files: list[Path]) -> tuple[str, str] | None:
    want = _split_url(url)
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            have = _split_url(line.strip())
            if not line.strip() or have["protocol"] != want["protocol"]:
                continue
            if have["host"] != want["host"]:
                continue
            user = have.get("username")
            password = unquote(urlsplit(line.strip()).password or "")
            if user and password and (username is None or username == user):
                return user, password
    return None


def _run_helper(helper: str, request: str, cwd: Path | None) -> str | None:
    if helper.startswith("!"):
        return _run(helper[1:] + " get", request, shell=True, cwd=cwd)
    words = shlex.split(helper)
    if not words:
        return None
    program = words[0]
    if not os.path.isabs(program):
        found = shutil.which("git-credential-" + program)
        if found is None and shutil.which("git"):
            exec_path = _run(["git", "--exec-path"], "")
            if exec_path:
                candidate = Path(exec_path.strip()) / ("git-credential-" + program)
                found = str(candidate) if candidate.exists() else None
        if found is None:
            return None
        program = found
    return _run([program, *words[1:], "get"], request, cwd=cwd)


def helper_credentials(
    config: pygit2.Config, url: str, username: str | None, cwd: Path | None = None
) -> tuple[str, str] | None:
    """Username and password for `url` from the user's git credential helpers, if any."""
    request = _request(url, username)
    if shutil.which("git"):
        reply = _run(["git", "credential", "fill"], request, cwd=cwd)
        # git ran every configured helper already; asking them again could prompt twice.
        return _parse_reply(reply) if reply else None
    for helper in _helpers(config):
        name = shlex.split(helper)[0] if helper and not helper.startswith("!") else ""
        if name == "store":
            words = shlex.split(helper)
            files = [Path(words[words.index("--file") + 1])] if "--file" in words else _store_files()
            if found := _from_store(url, username, files):
                return found
            continue
        reply = _run_helper(helper, request, cwd)
        if reply and (found := _parse_reply(reply)):
            return found
    return None


def ssh_key_files() -> list[tuple[Path, Path]]:
    """(public, private) key pairs in ~/.ssh, most preferred first."""
    ssh = Path.home() / ".ssh"
    pairs = []
    for name in ("id_ed25519", "id_ecdsa", "id_rsa"):
        private = ssh / name
        public = ssh / (name + ".pub")
        if private.is_file() and public.is_file():
            pairs.append((public, private))
    return pairs
