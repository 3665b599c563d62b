"""The bundle's pieces that need no build: the tarball layout, install.sh, the icons.

`make package-test` runs the real bundle; these keep `install.sh` and the tarball honest
in `make test`, with a stand-in executable in place of the built one.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.photoretriever.PhotoRetriever"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="install.sh is for Linux")


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "packaging_build", ROOT / "packaging" / "build.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _install(top: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(
        ["/bin/sh", str(top / "install.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """The tarball `make package` writes, around a stand-in executable and a profile."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    exe = bundle / "photo-retriever"
    exe.write_text("#!/bin/sh\necho photo-retriever 0.0-test\n")
    exe.chmod(0o755)
    tarball = _build_module().make_tarball(bundle, tmp_path)
    assert tarball.name.endswith("-linux-" + os.uname().machine + ".tar.gz")
    with tarfile.open(tarball) as tar:
        assert all(member.uid == 0 and not member.uname for member in tar.getmembers())
        tar.extractall(tmp_path / "unpacked", filter="data")
    (top,) = (tmp_path / "unpacked").iterdir()
    (top / "photo-retriever.toml").write_text(
        'api_url = "https://api.9pic.ai"\norg = 1\nevent = 2\n'
    )
    return top


def test_install_sh_installs_for_the_user_and_uninstalls(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home with space"
    home.mkdir()
    done = _install(unpacked, home)
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share"
    installed = data / "photo-retriever" / "app" / "photo-retriever"
    assert subprocess.run([str(installed)], capture_output=True, text=True).stdout.startswith(
        "photo-retriever"
    )
    assert (installed.parent / "photo-retriever.toml").is_file()  # the organiser's profile
    desktop = (data / "applications" / "photo-retriever.desktop").read_text()
    assert f'Exec="{installed}"' in desktop and f"TryExec={installed}" in desktop
    assert f"Icon={APP_ID}" in desktop
    for size in (16, 32, 48, 64, 128, 256):
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert Image.open(icon).size == (size, size)
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    link = home / ".local" / "bin" / "photo-retriever"
    assert link.is_symlink() and link.resolve() == installed.resolve()

    again = _install(unpacked, home)  # an update replaces the copy in place
    assert again.returncode == 0 and installed.is_file()

    gone = _install(unpacked, home, "--uninstall")
    assert gone.returncode == 0, gone.stderr
    assert not installed.exists() and not link.exists()
    assert not (data / "applications" / "photo-retriever.desktop").exists()


def test_install_sh_leaves_a_foreign_command_alone(unpacked: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    theirs = home / ".local" / "bin" / "photo-retriever"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("#!/bin/sh\n")
    done = _install(unpacked, home)
    assert done.returncode == 0 and "Left" in done.stdout
    assert theirs.read_text() == "#!/bin/sh\n" and not theirs.is_symlink()


def test_install_sh_refuses_to_run_outside_the_unpacked_folder(tmp_path: Path) -> None:
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "install.sh").write_bytes((ROOT / "packaging" / "install.sh").read_bytes())
    done = _install(lone, tmp_path)
    assert done.returncode == 2 and "unpacked folder" in done.stderr


def test_windows_and_mac_icons_hold_every_size() -> None:
    icons = ROOT / "resources" / "icons"
    ico = Image.open(icons / "photo-retriever.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    icns = Image.open(icons / "photo-retriever.icns")
    assert icns.format == "ICNS" and icns.size == (1024, 1024)
