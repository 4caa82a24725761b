"""The Binder badge for whoever publishes the course: the owner and repository from ``git remote``.

The README's badge and lesson 0's link point at
``https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=...``. Until the course is
published, ``OWNER`` is a placeholder. After creating the public GitHub repository
(and ``git remote add origin ...``), ``make binder-link`` (``negotiation
binder-link``) reads the owner and the repository from the remote and writes them
into both links, so that the badge launches *that* copy of the course.

Examples
--------
>>> parse_github_remote("git@github.com:acme/negotiation-games.git")
('acme', 'negotiation-games')
>>> binder_url("acme", "negotiation-games")
'https://mybinder.org/v2/gh/acme/negotiation-games/HEAD?urlpath=lab/tree/lessons/00-start-here.ipynb'
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat

__all__ = [
    "BINDER_LINK",
    "LINKED_FILES",
    "binder_url",
    "parse_github_remote",
    "remote_url",
    "write_binder_link",
]

#: The files that hold the link, relative to the repository's root.
LINKED_FILES = ("README.md", "lessons/00-start-here.ipynb")

#: The owner/repository part of a Binder link to GitHub (``OWNER/negotiation-games``).
BINDER_LINK = re.compile(r"mybinder\.org/v2/gh/(?P<owner>[^/\s)`]+)/(?P<repo>[^/\s)`]+)/HEAD")

_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$")
_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/|git://github\.com/)"
    r"(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/?$"
)


def parse_github_remote(url: str) -> tuple[str, str]:
    """The owner and repository of a GitHub remote (HTTPS or SSH address).

    Raises
    ------
    TypeError
        If ``url`` is not a string.
    ValueError
        If it is not a GitHub repository's address (Binder's ``gh`` links need one).
    """
    if not isinstance(url, str):
        raise TypeError(f"a remote's address is a string, got {type(url).__name__}")
    match = _REMOTE.match(url.strip())
    if match is None:
        raise ValueError(
            f"not a GitHub repository's address: {url!r}; the Binder badge needs the course "
            "on GitHub (https://github.com/OWNER/REPO or git@github.com:OWNER/REPO.git)"
        )
    owner, repo = match.group("owner"), match.group("repo")
    for kind, name in (("owner", owner), ("repository", repo)):
        if not _NAME.match(name):
            raise ValueError(f"the remote {url!r} has an unexpected {kind} name {name!r}")
    return owner, repo


def binder_url(owner: str, repo: str) -> str:
    """The Binder address that opens lesson 0 of ``owner/repo``."""
    for kind, name in (("owner", owner), ("repo", repo)):
        if not isinstance(name, str):
            raise TypeError(f"{kind} must be a string, got {type(name).__name__}")
        if not _NAME.match(name):
            raise ValueError(f"{kind} must be a GitHub name (letters, digits, . _ -), got {name!r}")
    return (
        f"https://mybinder.org/v2/gh/{owner}/{repo}/HEAD"
        "?urlpath=lab/tree/lessons/00-start-here.ipynb"
    )


def remote_url(root: str | Path = ".", remote: str = "origin") -> str:
    """The address of ``remote`` in the git repository at ``root`` (ValueError without one)."""
    if not isinstance(remote, str) or not remote or remote.startswith("-"):
        raise ValueError(f"remote must be a remote's name such as 'origin', got {remote!r}")
    result = subprocess.run(
        ["git", "-C", str(root), "remote", "get-url", remote],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ValueError(
            f"no git remote {remote!r} in {root}: publish the course on GitHub first "
            f"(git remote add {remote} https://github.com/OWNER/REPO.git); "
            f"git said: {result.stderr.strip()}"
        )
    return result.stdout.strip()


def _relink(text: str, owner: str, repo: str) -> str:
    return BINDER_LINK.sub(f"mybinder.org/v2/gh/{owner}/{repo}/HEAD", text)


def write_binder_link(
    root: str | Path = ".", remote: str = "origin", *, owner_repo: tuple[str, str] | None = None
) -> tuple[str, str, list[Path]]:
    """Write the remote's owner and repository into the README's badge and lesson 0's link.

    Parameters
    ----------
    root : str or Path
        The repository's root folder.
    remote : str
        The git remote to read (``origin``).
    owner_repo : tuple of str, optional
        Owner and repository to write instead of reading the remote.

    Returns
    -------
    owner, repo, changed
        What was written, and the files that changed (empty when already right).

    Raises
    ------
    ValueError
        Without a GitHub remote, or when a file has no Binder link to rewrite.
    """
    folder = Path(root)
    owner, repo = (
        owner_repo if owner_repo is not None else parse_github_remote(remote_url(folder, remote))
    )
    binder_url(owner, repo)  # validates both names
    changed: list[Path] = []
    for name in LINKED_FILES:
        path = folder / name
        if not path.exists():
            raise ValueError(f"{path} is missing: run this from the course's repository root")
        if path.suffix == ".ipynb":
            notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
            found = any(BINDER_LINK.search(cell.source) for cell in notebook.cells)
            edited = False
            for cell in notebook.cells:
                new = _relink(cell.source, owner, repo)
                if new != cell.source:
                    cell.source, edited = new, True
            if edited:
                nbformat.write(notebook, path)  # type: ignore[no-untyped-call]
        else:
            text = path.read_text(encoding="utf-8")
            found = BINDER_LINK.search(text) is not None
            new_text = _relink(text, owner, repo)
            edited = new_text != text
            if edited:
                path.write_text(new_text, encoding="utf-8")
        if not found:
            raise ValueError(f"{path} has no mybinder.org/v2/gh/... link to rewrite")
        if edited:
            changed.append(path)
    return owner, repo, changed
