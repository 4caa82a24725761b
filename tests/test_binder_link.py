"""make binder-link: the owner/repository of the git remote goes into the README badge and lesson 0."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from negotiation.binder import BINDER_LINK, binder_url, parse_github_remote, write_binder_link
from negotiation.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def links(folder: Path) -> list[str]:
    found = [m.group(0) for m in BINDER_LINK.finditer((folder / "README.md").read_text())]
    notebook = nbformat.read(folder / "lessons" / "00-start-here.ipynb", as_version=4)
    for cell in notebook.cells:
        found += [m.group(0) for m in BINDER_LINK.finditer(cell.source)]
    return found


def course_copy(tmp_path: Path, remote: str | None) -> Path:
    """A temporary git repository holding the two linked files, with ``remote`` as origin."""
    folder = tmp_path / "course"
    (folder / "lessons").mkdir(parents=True)
    shutil.copy(ROOT / "README.md", folder / "README.md")
    shutil.copy(ROOT / "lessons" / "00-start-here.ipynb", folder / "lessons")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    if remote is not None:
        subprocess.run(["git", "-C", str(folder), "remote", "add", "origin", remote], check=True)
    return folder


def test_the_shipped_links_are_the_placeholder_and_agree():
    shipped = links(ROOT)
    assert len(shipped) >= 3  # the README badge, lesson 0's badge and its address in words
    assert set(shipped) == {"mybinder.org/v2/gh/OWNER/negotiation-games/HEAD"}


@pytest.mark.parametrize(
    "remote",
    [
        "git@github.com:acme-edu/trade-course.git",
        "https://github.com/acme-edu/trade-course.git",
        "https://github.com/acme-edu/trade-course",
        "ssh://git@github.com/acme-edu/trade-course.git",
    ],
)
def test_binder_link_writes_the_remote_into_both_files(tmp_path, capsys, remote):
    folder = course_copy(tmp_path, remote)
    before = (folder / "README.md").read_text()
    assert main(["binder-link", "--root", str(folder)]) == 0
    assert "acme-edu/trade-course" in capsys.readouterr().out
    assert set(links(folder)) == {"mybinder.org/v2/gh/acme-edu/trade-course/HEAD"}
    assert len(links(folder)) == len(links(ROOT))
    after = (folder / "README.md").read_text()
    # only the link changed
    assert after == before.replace("/gh/OWNER/negotiation-games/", "/gh/acme-edu/trade-course/")
    assert binder_url("acme-edu", "trade-course") in after
    notebook = nbformat.read(folder / "lessons" / "00-start-here.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
    # running it again changes nothing
    assert write_binder_link(folder) == ("acme-edu", "trade-course", [])


def test_binder_link_without_a_github_remote_fails_clearly(tmp_path, capsys):
    folder = course_copy(tmp_path, None)
    assert main(["binder-link", "--root", str(folder)]) != 0
    assert "no git remote 'origin'" in capsys.readouterr().err
    subprocess.run(
        ["git", "-C", str(folder), "remote", "add", "origin", "https://gitlab.com/a/b.git"],
        check=True,
    )
    assert main(["binder-link", "--root", str(folder)]) != 0
    assert "not a GitHub repository's address" in capsys.readouterr().err
    assert set(links(folder)) == {"mybinder.org/v2/gh/OWNER/negotiation-games/HEAD"}


def test_remote_parsing_validates():
    assert parse_github_remote("https://user@github.com/o/r.git") == ("o", "r")
    with pytest.raises(TypeError):
        parse_github_remote(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a GitHub"):
        parse_github_remote("https://github.com/only-owner")
    with pytest.raises(ValueError, match="owner must be a GitHub name"):
        binder_url("bad owner", "r")


def test_make_binder_link_runs_the_command():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(
        [make, "--no-print-directory", "-n", "binder-link"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert dry.stdout.strip().splitlines()[-1].endswith("negotiation binder-link")
    docs = (ROOT / "docs" / "howto" / "run-for-a-class.md").read_text()
    assert "When to run `make binder-link`" in docs
