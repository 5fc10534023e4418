"""scripts/deps-debian.sh: what `make test` installs on a bare Debian machine.

The script runs here with its probes pointed at a temporary directory (DEPS_ROOT,
DEPS_FC_LIST, DEPS_LDCONFIG) and a fake apt-get and sudo that only record what they are
asked, so every path is exercised and nothing is installed. Its package list is checked
against the code: the fonts the PDF stylesheets name, the browser the e2e tests drive,
the programs the tests call.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "deps-debian.sh"
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
ALL_FONTS = ["DejaVu Sans", "DejaVu Serif", "Liberation Serif"]
ALL_LIBRARIES = ["libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz-subset.so.0"]
ALL_FILES = ["usr/bin/chromium", "usr/bin/pdftoppm", "usr/bin/fc-list"]
# The environment without CHROMIUM: the script's own default browser path.
DEFAULT_ENV = {k: v for k, v in os.environ.items() if k != "CHROMIUM"}


def table(*groups: str, env: dict | None = None) -> list[tuple[str, str, str, str]]:
    """The script's requirements: (group, probe, package, what) for the given groups."""
    out = subprocess.run(
        ["bash", str(SCRIPT), "--list", *groups],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return [tuple(line.split("\t")) for line in out.splitlines()]


def executable(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/usr/bin/env bash\n" + body)
    path.chmod(0o755)
    return path


class Mesin:
    """A pretend machine: which files, libraries and fonts it has, and its apt-get.

    The fake apt-get records each call and "installs" a package by adding the files,
    libraries and fonts the script expects from it, so the script's check after the
    install sees them as on a real machine.
    """

    def __init__(self, tmp_path: Path, *, os_release="ID=debian", files=(), fonts=(), libraries=()):
        self.root = tmp_path / "root"
        self.log = tmp_path / "apt.log"
        (self.root / "etc").mkdir(parents=True)
        (self.root / "etc" / "os-release").write_text(os_release + '\nVERSION_ID="12"\n')
        self.fonts = tmp_path / "fonts"
        self.libraries = tmp_path / "libraries"
        self.fonts.touch()
        self.libraries.touch()
        for f in files:
            self.add_file("/" + f)
        for family in fonts:
            self.add_font(family)
        for name in libraries:
            self.add_library(name)
        bin_ = tmp_path / "bin"
        self.env = {
            "PATH": os.environ["PATH"],
            "DEPS_ROOT": str(self.root),
            "DEPS_FC_LIST": str(executable(bin_ / "fc-list", f'cat "{self.fonts}"\n')),
            "DEPS_LDCONFIG": str(executable(bin_ / "ldconfig", f'cat "{self.libraries}"\n')),
            "DEPS_APT_GET": str(executable(bin_ / "apt-get", self._apt_get())),
            "DEPS_SUDO": str(executable(bin_ / "sudo", f'echo sudo >> "{self.log}"\nexec "$@"\n')),
            "DEPS_UID": "0",
            "TMPDIR": str(tmp_path),
        }

    def add_file(self, path: str) -> None:
        executable(self.root / path.lstrip("/"), "")

    def add_font(self, family: str) -> None:
        with self.fonts.open("a") as f:
            f.write(f"{family}\n")

    def add_library(self, name: str) -> None:
        with self.libraries.open("a") as f:
            f.write(f"\t{name} (libc6,x86-64) => /lib/x86_64-linux-gnu/{name}\n")

    def _apt_get(self) -> str:
        """apt-get: log the call; on install, unless APT_FAILS, provide what was asked."""
        provides: dict[str, list[str]] = {}
        for _, probe, package, what in table("pdf", "browser", "postgres", env=DEFAULT_ENV):
            if probe == "file":
                target = self.root / what.lstrip("/")
                line = f'mkdir -p "{target.parent}"; touch "{target}"; chmod +x "{target}"'
            elif probe == "font":
                line = f'echo "{what}" >> "{self.fonts}"'
            else:
                line = f'printf "\\t%s (libc6) => /lib/%s\\n" {what} {what} >> "{self.libraries}"'
            provides.setdefault(package, []).append(line)
        cases = "".join(f"  {p})\n    " + "\n    ".join(ls) + " ;;\n" for p, ls in provides.items())
        return (
            f'echo "apt-get $*" >> "{self.log}"\n'
            '[ "$1" = install ] || exit 0\n'
            '[ -z "${APT_FAILS:-}" ] || { echo "E: Unable to locate package" >&2; exit 100; }\n'
            f'for p in "$@"; do case "$p" in\n{cases}esac; done\n'
        )

    def run(self, *groups: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(SCRIPT), *groups],
            capture_output=True,
            text=True,
            env={**self.env, **env},
            timeout=30,
        )

    def apt_calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


def lengkap(tmp_path, **kwargs) -> Mesin:
    """A machine with everything but what the test leaves out."""
    kwargs.setdefault("files", ALL_FILES)
    kwargs.setdefault("fonts", ALL_FONTS)
    kwargs.setdefault("libraries", ALL_LIBRARIES)
    return Mesin(tmp_path, **kwargs)


def test_silent_and_installs_nothing_when_everything_is_there(tmp_path):
    mesin = lengkap(tmp_path)
    hasil = mesin.run("pdf", "browser")
    assert (hasil.returncode, hasil.stdout, hasil.stderr) == (0, "", "")
    assert mesin.apt_calls() == []


def test_installs_only_what_is_missing_with_one_update(tmp_path):
    mesin = lengkap(
        tmp_path,
        files=["usr/bin/chromium", "usr/bin/fc-list"],
        fonts=["DejaVu Sans", "DejaVu Serif"],
    )
    hasil = mesin.run("pdf", "browser")
    assert hasil.returncode == 0, hasil.stderr
    assert mesin.apt_calls() == [
        "apt-get update -qq",
        "apt-get install -y -qq fonts-liberation poppler-utils",
    ]
    assert hasil.stdout.splitlines() == [
        "deps-debian: installing fonts-liberation (font Liberation Serif), "
        "poppler-utils (/usr/bin/pdftoppm)",
        "deps-debian: installed",
    ]
    # Idempotent: the second run finds everything and does nothing.
    assert mesin.run("pdf", "browser").stdout == ""
    assert len(mesin.apt_calls()) == 2


def test_a_bare_machine_gets_every_package_once(tmp_path):
    mesin = Mesin(tmp_path)
    hasil = mesin.run()
    assert hasil.returncode == 0, hasil.stderr
    install = mesin.apt_calls()[1].split()
    assert install[:4] == ["apt-get", "install", "-y", "-qq"]
    assert install[4:] == [
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz-subset0",
        "fontconfig",
        "fonts-dejavu-core",
        "fonts-liberation",
        "chromium",
        "poppler-utils",
    ]
    assert "fonts-dejavu-core (font DejaVu Sans and font DejaVu Serif)" in hasil.stdout


def test_pdf_group_leaves_the_browser_alone(tmp_path):
    # `make run` and `make test-fast` need Pango and the fonts, not Chromium.
    mesin = lengkap(tmp_path, files=["usr/bin/fc-list"])
    assert mesin.run("pdf").returncode == 0
    assert mesin.apt_calls() == []


def test_through_sudo_when_not_root(tmp_path):
    mesin = lengkap(tmp_path, files=["usr/bin/fc-list", "usr/bin/pdftoppm"])
    hasil = mesin.run("browser", DEPS_UID="1000")
    assert hasil.returncode == 0, hasil.stderr
    assert mesin.apt_calls() == [
        "sudo",
        "apt-get update -qq",
        "sudo",
        "apt-get install -y -qq chromium",
    ]


def _one_line_failure(hasil) -> str:
    assert hasil.returncode != 0
    assert hasil.stdout == ""
    lines = hasil.stderr.splitlines()
    assert len(lines) == 1, hasil.stderr
    return lines[0]


def test_without_root_or_sudo_names_the_packages_and_fails(tmp_path):
    mesin = lengkap(tmp_path, files=["usr/bin/fc-list"], fonts=["DejaVu Sans", "DejaVu Serif"])
    hasil = mesin.run("pdf", "browser", DEPS_UID="1000", DEPS_SUDO=str(tmp_path / "no-sudo"))
    assert _one_line_failure(hasil) == (
        "deps-debian: not root and no sudo: as root, run: "
        "apt-get install -y fonts-liberation chromium poppler-utils"
    )
    assert mesin.apt_calls() == []


@pytest.mark.parametrize("os_id", ["fedora", "arch"])
def test_not_debian_names_the_packages_and_fails(tmp_path, os_id):
    mesin = lengkap(
        tmp_path, os_release=f'ID="{os_id}"', files=["usr/bin/fc-list", "usr/bin/pdftoppm"]
    )
    hasil = mesin.run("pdf", "browser")
    assert _one_line_failure(hasil) == (
        f"deps-debian: not Debian/Ubuntu (ID={os_id}): install the equivalent of these "
        "Debian packages, then re-run: chromium (/usr/bin/chromium)"
    )
    assert mesin.apt_calls() == []


def test_ubuntu_and_derivatives_count_as_debian(tmp_path):
    mesin = lengkap(tmp_path, os_release='ID=linuxmint\nID_LIKE="ubuntu debian"', files=[])
    assert mesin.run("pdf").returncode == 0
    assert mesin.apt_calls()[-1] == "apt-get install -y -qq fontconfig"


def test_a_failed_install_names_the_packages_and_fails(tmp_path):
    mesin = lengkap(tmp_path, files=["usr/bin/fc-list", "usr/bin/pdftoppm"])
    hasil = mesin.run("browser", APT_FAILS="1")
    assert hasil.returncode != 0
    assert hasil.stderr.splitlines()[-1].startswith("deps-debian: apt-get install failed (log: ")
    assert hasil.stderr.splitlines()[-1].endswith("as root, run: apt-get install -y chromium")


def test_unknown_group_fails(tmp_path):
    hasil = lengkap(tmp_path).run("browsr")
    assert "unknown group 'browsr'" in _one_line_failure(hasil)


def _families(declaration: str) -> set[str]:
    """Font family names in a `font` or `font-family` value, generic families left out."""
    names = set(re.findall(r"\"([^\"]+)\"|'([^']+)'", declaration))
    found = {a or b for a, b in names}
    for item in re.sub(r"\"[^\"]*\"|'[^']*'", "", declaration).split(","):
        words = item.split()
        # In the `font` shorthand the family follows the size: its last word.
        if words and words[-1] not in GENERIC_FAMILIES and not re.match(r"[\d.]", words[-1]):
            found.add(words[-1])
    return found


def stylesheet_families() -> set[str]:
    """Every family named in a `font`/`font-family` declaration under templates/dokumen/."""
    families = set()
    for path in (REPO / "templates" / "dokumen").rglob("*"):
        if path.suffix in {".css", ".html"}:
            for value in re.findall(r"(?<![\w-])font(?:-family)?\s*:\s*([^;}]+)", path.read_text()):
                families |= _families(value)
    return families


def test_every_font_the_pdfs_name_is_installed():
    fonts = {what for _, probe, _, what in table("pdf") if probe == "font"}
    families = stylesheet_families()
    assert {"Liberation Serif", "DejaVu Sans"} <= families  # the parser finds them
    assert families <= fonts


def test_every_library_weasyprint_loads_is_installed():
    # WeasyPrint loads these by name (weasyprint/text/ffi.py); without HarfBuzz-Subset it
    # warns on import, which the suite treats as an error.
    import weasyprint.text.ffi as ffi

    source = Path(ffi.__file__).read_text()
    libraries = {what for _, probe, _, what in table("pdf") if probe == "library"}
    for name in ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset"):
        assert f"lib{name}" in source
        assert f"lib{name}.so.0" in libraries


def test_the_browser_the_e2e_tests_drive_is_installed():
    default = ("browser", "file", "chromium", "/usr/bin/chromium")
    assert default in table("browser", env=DEFAULT_ENV)
    # With or without CHROMIUM set, the script checks the path the tests launch.
    browser = [what for _, _, package, what in table("browser") if package == "chromium"]
    assert browser == [CHROMIUM]


def test_every_program_the_tests_call_is_installed():
    files = {Path(what).name for _, probe, _, what in table("pdf", "browser") if probe == "file"}
    called = set()
    for path in (REPO / "tests").rglob("*.py"):
        called |= set(re.findall(r"shutil\.which\(\"([\w.-]+)\"\)", path.read_text()))
    assert "pdftoppm" in called
    # make runs the suite (this file asks for it); it is not something the suite installs.
    assert called - {"make"} <= files


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_installs_the_packages_before_anything_else():
    def commands(target: str) -> list[str]:
        # Outside any make that runs this suite, so its flags and level do not leak in.
        env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
        out = subprocess.run(
            ["make", "-n", "--no-print-directory", target],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        return out.splitlines()

    assert commands("test")[0] == "bash scripts/deps-debian.sh pdf browser"
    assert commands("run")[0] == "bash scripts/deps-debian.sh pdf"
    assert commands("test-fast")[0] == "bash scripts/deps-debian.sh pdf"
