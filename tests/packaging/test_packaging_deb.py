"""The .deb as IT uses it: `apt install ./curator_*.deb` in a clean Debian 12 root, then
`curator --version` and `curator self-test` from PATH, an upgrade to a rebuilt package that
keeps the user's files, and removal that leaves them too.

The clean root is a minimal debootstrap of bookworm, made once and cached as a tarball
(CURATOR_TEST_CACHE, default ~/.cache/curator-tests) with the packages apt downloads, so
later runs only unpack it. Each command runs in its own mount namespace, so the bind
mounts it needs vanish with it even when the test is interrupted."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curator_app import __version__

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("CURATOR_TEST_CACHE", Path.home() / ".cache" / "curator-tests"))
BASE_TAR = CACHE / "debian12-minbase.tar"
APT_ARCHIVES = CACHE / "debian12-apt-archives"
HOME = "/home/curator"

# Building the bundle (shared, conftest.py), a first debootstrap and the first download of
# Qt's Debian libraries each take minutes on a busy 2-core machine; later runs reuse them.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(3600),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Debian packages are built on Linux"),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed"),
]

def _private_mounts() -> bool:
    """Whether this machine lets a root process make a private mount namespace, which the
    clean root's bind mounts need. A machine that is itself a chroot (fresh-check's root)
    cannot: unshare refuses to change the propagation of a root that is no mount point."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


needs_root = pytest.mark.skipif(
    shutil.which("debootstrap") is None or not _private_mounts(),
    reason="a clean Debian root needs root, debootstrap, and unshare able to make a private "
           "mount namespace (this machine's CI has them; a chroot such as fresh-check's does not)",
)


def _run(cmd: list[str], timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    assert proc.returncode == 0, f"{cmd[:3]}… exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def _build_deb(dist: Path, revision: int) -> Path:
    env = {**os.environ, "DIST_DIR": str(dist), "DEB_REVISION": str(revision)}
    _run(["bash", str(ROOT / "packaging" / "deb.sh")], timeout=1200, env=env)
    debs = list(dist.glob(f"curator_{__version__}-{revision}_*.deb"))
    assert len(debs) == 1, debs
    return debs[0]


@pytest.fixture(scope="module")
def deb(bundle: Path) -> Path:
    return _build_deb(bundle, revision=1)


def _field(deb: Path, name: str) -> str:
    return _run(["dpkg-deb", "--field", str(deb), name], timeout=60).stdout.strip()


def test_deb_metadata_and_layout(deb: Path, tmp_path: Path) -> None:
    assert deb.name == f"curator_{__version__}-1_{_field(deb, 'Architecture')}.deb"
    assert _field(deb, "Package") == "curator"
    assert _field(deb, "Version") == f"{__version__}-1"
    depends = {d.strip() for d in _field(deb, "Depends").split(",")}
    # Libraries Qt and QtWebEngine load that a desktop may lack, and nothing of the build
    # host's own Qt (the bundle carries Qt).
    for package in ("libnss3", "libxcb-cursor0", "libxkbcommon-x11-0", "libgbm1", "libasound2", "libenchant-2-2"):
        assert package in depends, (package, depends)
    assert not [d for d in depends if d.startswith("libqt")], depends
    assert _field(deb, "Recommends") == "hunspell-en-gb | hunspell-en-us"
    files = _run(["dpkg-deb", "--contents", str(deb)], timeout=120).stdout
    paths = {line.split()[5].removeprefix(".") for line in files.splitlines()}
    assert "/opt/curator/curator" in paths
    assert "/opt/curator/_internal/PySide6/Qt/libexec/QtWebEngineProcess" in paths
    assert "/usr/share/applications/curator.desktop" in paths
    assert "/usr/share/icons/hicolor/scalable/apps/curator.svg" in paths
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/curator.png" in paths, size
    assert re.search(r"^l\S+ root/root .* \./usr/bin/curator -> /opt/curator/curator$", files, re.M), files[:500]
    # The one maintainer script only tidies empty folders inside /opt/curator.
    control = tmp_path / "control"
    _run(["dpkg-deb", "--control", str(deb), str(control)], timeout=60)
    assert sorted(p.name for p in control.iterdir()) == ["control", "postrm"]
    postrm = (control / "postrm").read_text()
    assert "-type d -empty -delete" in postrm
    assert "/home" not in postrm and "rm " not in postrm


def _mirror() -> str:
    """The Debian mirror this machine's apt uses (the root comes from the same place)."""
    uri = re.compile(r"^(?:URIs:|deb(?:\s+\[[^\]]*\])?)\s+(https?://\S+?/debian)/?(?:\s|$)", re.M)
    sources = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*.*"))]
    for path in sources:
        if path.is_file() and path.suffix in (".list", ".sources"):
            found = uri.search(path.read_text())
            if found:
                return found.group(1)
    return "http://deb.debian.org/debian"


def _base_tarball() -> Path:
    """A minimal Debian 12 root as a tarball, debootstrapped once."""
    if BASE_TAR.is_file():
        return BASE_TAR
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="debian12-", dir="/var/tmp"))
    try:
        _run(["debootstrap", "--variant=minbase", "bookworm", str(work / "root"), _mirror()], timeout=1800)
        partial = BASE_TAR.with_suffix(".part")
        _run(["tar", "-C", str(work / "root"), "--numeric-owner", "-cf", str(partial), "."], timeout=600)
        partial.rename(BASE_TAR)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BASE_TAR


class DebianRoot:
    """A throwaway copy of the clean root; commands run in it as root with a fake user home."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, script: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess[str]:
        # Mounts are made inside a private mount namespace and disappear with it.
        setup = (
            'set -e; r="$0"; '
            'mount --bind /proc "$r/proc"; mount --bind /sys "$r/sys"; mount --bind /dev "$r/dev"; '
            'mount --bind /dev/pts "$r/dev/pts"; mount --bind /dev/shm "$r/dev/shm"; '
            'mount --bind "$2" "$r/var/cache/apt/archives"; '
            'exec chroot "$r" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin '
            f"HOME={HOME} LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive QT_QPA_PLATFORM=offscreen "
            f"{self._proxy_env()}"
            '/bin/sh -c "$1"'
        )
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c", setup,
               str(self.path), script, str(APT_ARCHIVES)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if check:
            assert proc.returncode == 0, f"{script}\n exited {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc

    @staticmethod
    def _proxy_env() -> str:
        keys = ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY")
        return "".join(f"{k}={os.environ[k]} " for k in keys if os.environ.get(k))

    def file(self, path: str) -> Path:
        return self.path / path.lstrip("/")


@pytest.fixture
def debian12(tmp_path: Path) -> Iterator[DebianRoot]:
    tarball = _base_tarball()
    (APT_ARCHIVES / "partial").mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="curator-deb-", dir="/var/tmp"))
    try:
        _run(["tar", "-C", str(root), "--numeric-owner", "-xf", str(tarball)], timeout=600)
        root.chmod(0o755)  # mkdtemp makes it private; apt drops to its own user inside
        shutil.copy2("/etc/resolv.conf", root / "etc" / "resolv.conf")
        yield DebianRoot(root)
    finally:
        # The namespaces are gone, so nothing is mounted below root any more.
        subprocess.run(["rm", "-rf", "--one-file-system", str(root)], check=False)


def _user_files(root: DebianRoot) -> dict[str, bytes]:
    """What a curator has in their home: settings, a recovery copy, the workspace."""
    return {
        f"{HOME}/.config/Curator/Curator.ini": b"[folders]\nlast=/home/curator/Documents/Curator\n",
        f"{HOME}/.local/state/curator/recovery/item.md.json": b'{"path": "item.md", "text": "unsaved"}\n',
        f"{HOME}/Documents/Curator/content/item.md": b"---\ntitle: Kept\n---\nbody\n",
    }


@needs_root
def test_deb_installs_upgrades_and_removes_in_clean_debian12(
    deb: Path, bundle: Path, debian12: DebianRoot
) -> None:
    shutil.copy2(deb, debian12.file(f"/tmp/{deb.name}"))
    apt = "apt-get -o APT::Keep-Downloaded-Packages=true -o Dpkg::Use-Pty=0 -y -q"
    debian12.run(f"apt-get update -q && apt install -y -q -o APT::Keep-Downloaded-Packages=true ./tmp/{deb.name}", timeout=1800)

    proc = debian12.run("command -v curator && curator --version")
    assert proc.stdout.split() == ["/usr/bin/curator", "curator", __version__]
    assert debian12.file("/usr/share/applications/curator.desktop").is_file()
    assert debian12.file("/usr/share/icons/hicolor/256x256/apps/curator.png").is_file()
    proc = debian12.run(f"mkdir -p {HOME} && cd {HOME} && curator self-test", timeout=600)
    assert "opened and saved byte-identical" in proc.stdout
    assert "self-test passed" in proc.stdout

    files = _user_files(debian12)
    for path, data in files.items():
        debian12.file(path).parent.mkdir(parents=True, exist_ok=True)
        debian12.file(path).write_bytes(data)

    # The rebuilt package: the same bundle with a higher revision (building it twice would
    # add minutes and test nothing more).
    upgrade = _build_deb(bundle, revision=2)
    shutil.copy2(upgrade, debian12.file(f"/tmp/{upgrade.name}"))
    debian12.run(f"{apt} install ./tmp/{upgrade.name}", timeout=900)
    proc = debian12.run("dpkg-query -W -f '${Version}' curator && echo && curator --version")
    assert proc.stdout.split() == [f"{__version__}-2", "curator", __version__]
    for path, data in files.items():
        assert debian12.file(path).read_bytes() == data, path

    debian12.run(f"{apt} purge curator")
    left = sorted(str(p) for p in debian12.file("/opt").rglob("*"))
    assert not debian12.file("/opt/curator").exists(), left[:20]
    assert not debian12.file("/usr/bin/curator").exists()
    assert not debian12.file("/usr/share/applications/curator.desktop").exists()
    assert debian12.run("command -v curator", check=False).returncode != 0
    for path, data in files.items():
        assert debian12.file(path).read_bytes() == data, path
