"""Drive a real JupyterLab in headless Chromium (Debian's /usr/bin/chromium) with Playwright.

Used by the browser tests of the lessons: start JupyterLab on a free loopback port
with a random token, in an isolated configuration, on a temporary copy of the
notebooks; open a notebook; run all cells from the Run menu; wait for the kernel;
report cells that show errors; move a slider with the keyboard; take screenshots.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("NEGOTIATION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: JupyterLab settings for tests: no news pop-up, no update check.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def browser_available() -> bool:
    return Path(CHROMIUM).exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    log: Path

    def notebook_url(self, relative: str) -> str:
        """The notebook in a workspace of its own, reset, so no earlier tab is restored."""
        workspace = Path(relative).stem
        return f"{self.url}/lab/workspaces/{workspace}/tree/{relative}?reset&token={self.token}"

    def shutdown_kernels(self) -> None:
        """Stop every running session's kernel (one lesson at a time keeps the machine calm)."""
        headers = {"Authorization": f"token {self.token}"}
        request = urllib.request.Request(f"{self.url}/api/sessions", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            sessions = json.loads(response.read())
        for session in sessions:
            delete = urllib.request.Request(
                f"{self.url}/api/sessions/{session['id']}", headers=headers, method="DELETE"
            )
            urllib.request.urlopen(delete, timeout=30).close()


@contextmanager
def jupyterlab(notebooks: list[Path], workdir: Path, timeout: float = 120) -> Iterator[LabServer]:
    """Start JupyterLab on a copy of ``notebooks`` in ``workdir``; stop it afterwards."""
    root = workdir / "notebooks"
    root.mkdir(parents=True)
    for nb in notebooks:
        shutil.copy(nb, root / nb.name)
    settings_dir = workdir / "settings"
    for name, value in LAB_SETTINGS.items():
        plugin, file = name.split("/", 1)[0], name.split("/", 1)[1]
        target = settings_dir / plugin / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))
    port = free_port()
    token = secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(workdir / "config"),
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        IPYTHONDIR=str(workdir / "ipython"),
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "workspaces"),
        MPLBACKEND="Agg",
    )
    log = workdir / "jupyterlab.log"
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{log.read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"JupyterLab did not start:\n{log.read_text()[-3000:]}"
                    ) from None
                time.sleep(0.3)
        yield LabServer(url=url, token=token, root=root, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def launch_browser(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)


PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
"""The notebook on screen (other tabs, if any, are hidden)."""


def run_all_cells(page, timeout_ms: float = 120_000) -> None:  # type: ignore[no-untyped-def]
    """Wait for the kernel, run all cells from the Run menu, wait until every code cell ran.

    JupyterLab enables "Run All Cells" only once the notebook is the active document
    and its kernel is ready; a click that comes too early does nothing. So the notebook
    is clicked first, and the menu is used again until a cell starts running. If
    JupyterLab asks which kernel to use (a race at start-up, more likely on a busy
    machine), the default is taken, whenever the question comes.
    """
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=timeout_ms)
    idle = f"""(panel) => !!document.querySelector(panel + " {KERNEL_IDLE}")"""
    started = """(panel) => [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputArea-prompt')]
        .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
    finished = """(panel) => {
            const prompts = [...document.querySelectorAll(panel + ' .jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }"""
    dialogs: list[str] = []
    _wait_answering_dialogs(page, idle, timeout_ms, dialogs)
    _start_run_all(page, started, dialogs)
    # Wait for every cell to run. If the run stalls (the kernel idle, some cell never run:
    # a kernel dialog answered after the cells were queued drops them), run all again.
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        left_ms = (deadline - time.monotonic()) * 1000
        try:
            _wait_answering_dialogs(page, finished, max(1.0, min(30_000, left_ms)), dialogs)
            break
        except Exception as exc:
            if left_ms <= 30_000:
                if dialogs:
                    exc.add_note("dialogs answered on the way: " + " / ".join(dialogs))
                raise
            if page.evaluate(idle, PANEL) and not page.evaluate(finished, PANEL):
                _start_run_all(page, started, dialogs)
    _wait_kernel_idle(page, timeout_ms)


def _start_run_all(page, started: str, dialogs: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Click Run > Run All Cells until a cell starts (up to five tries)."""
    for _attempt in range(5):
        try:
            _answer_dialog(page, dialogs)
            page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.click(timeout=10_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click(timeout=10_000)
            item = page.locator(
                ".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel", has_text="Run All Cells"
            )
            if item.count():
                item.first.click(timeout=10_000)
                _wait_answering_dialogs(page, started, 10_000, dialogs)
                return
            page.keyboard.press("Escape")
        except Exception:
            pass  # no cell started, or a dialog came in the way of a click: again
        page.wait_for_timeout(1000)


DIALOG = ".jp-Dialog"
KERNEL_IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"


def _wait_answering_dialogs(page, condition: str, timeout_ms: float, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``condition(PANEL)`` holds; meanwhile accept any dialog JupyterLab shows.

    The dialog is JupyterLab asking which kernel to use, a race at start-up: it can come
    before the first cell is queued or after (queued cells already show ``[*]``), and
    until it is answered no cell runs and nothing else can be clicked.
    """
    either = f"(panel) => ({condition})(panel) || !!document.querySelector('{DIALOG}')"
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        left_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        page.wait_for_function(either, arg=PANEL, timeout=left_ms)
        if not _answer_dialog(page, seen):
            return


def _answer_dialog(page, seen: list[str]) -> bool:  # type: ignore[no-untyped-def]
    """Accept the dialog on screen, if any (its text goes to ``seen``, for error messages)."""
    dialog = page.locator(DIALOG)
    if not dialog.count():
        return False
    seen.append(" ".join(dialog.first.inner_text().split())[:200])
    accept = page.locator(f"{DIALOG} .jp-mod-accept")
    if not accept.count():
        raise RuntimeError(f"JupyterLab shows a dialog with no default: {seen[-1]}")
    accept.first.click(timeout=10_000)
    page.wait_for_selector(DIALOG, state="detached", timeout=10_000)
    return True


def _wait_kernel_idle(page, timeout_ms: float) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(f"{PANEL} {KERNEL_IDLE}", timeout=timeout_ms)


def error_outputs(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Text of every output that shows an error or anything on stderr."""
    return [
        el.inner_text()[:2000]
        for el in page.locator(
            f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
            f"{PANEL} .ng-error"
        ).all()
        if el.inner_text().strip()
    ]
