"""``serve``: run a generated project on oTree's production server, ready for a class.

A classroom needs what oTree's ``devserver`` does not give: a database on disk (the
devserver keeps it in memory and loses it when killed) and admin pages behind a
password. :func:`start` runs ``otree prodserver`` in the project folder with

* ``OTREE_PRODUCTION=1`` and ``OTREE_AUTH_LEVEL=STUDY`` (admin pages need the password;
  the REST API needs ``OTREE_REST_KEY``, passed through when it is set);
* ``OTREE_ADMIN_PASSWORD`` from the environment, or one generated at the project's first
  start (never a fixed default) and kept, readable only by its owner, in
  ``PROJECT/.admin-password``: oTree signs students' cookies with it, so a restart with
  the same password lets a student who reopens the room link continue;
* the data in ``PROJECT/db.sqlite3`` (SQLite, written as each page is submitted, in
  write-ahead-log mode so that oTree's two processes do not lock each other out), or
  at ``database_url`` (PostgreSQL, for large classes);
* the folder of the ``otree`` executable first on ``PATH`` (``prodserver`` starts
  ``otree`` again as a subprocess).

oTree is found by :func:`find_otree`: ``$NEGOTIATION_OTREE``, then the ``otree``
next to this Python, then the one in ``.venv-classroom`` beside this ``.venv``, then
``otree`` on ``PATH``.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, TextIO

from .project import read_manifest

__all__ = ["ClassroomServer", "find_otree", "serve", "start"]

#: The environment variable naming the ``otree`` executable to use.
OTREE_ENV = "NEGOTIATION_OTREE"
#: In a project being served: the server's process group and port (``PGID PORT``).
PID_FILE = "otree.pid"
#: In a project: the admin password generated at its first start (owner-only, mode 0600).
PASSWORD_FILE = ".admin-password"


def find_otree(otree: str | os.PathLike[str] | None = None) -> pathlib.Path:
    """The ``otree`` executable: ``otree`` if given, else ``$NEGOTIATION_OTREE``, else
    the one installed next to this Python, else the one in the environment named like
    this one with ``-classroom`` (``.venv-classroom`` beside ``.venv``, as ``make
    classroom`` creates it), else the first on ``PATH``.

    Raises
    ------
    FileNotFoundError
        When there is none, with the command that installs it.

    Examples
    --------
    >>> find_otree("/nonexistent/otree")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no oTree executable at '/nonexistent/otree'; install oTree with: pip install 'negotiation-games[classroom]' (in a copy of the repository: make classroom)
    """
    hint = (
        "install oTree with: pip install 'negotiation-games[classroom]' "
        "(in a copy of the repository: make classroom)"
    )
    given = otree if otree is not None else os.environ.get(OTREE_ENV) or None
    if given is not None:
        if not isinstance(given, str | os.PathLike):
            raise TypeError(f"otree must be a path, got {type(given).__name__}")
        path = pathlib.Path(given)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise FileNotFoundError(f"no oTree executable at {str(path)!r}; {hint}")
        return path
    for beside in (
        pathlib.Path(sys.executable).parent / "otree",  # installed with this package
        pathlib.Path(f"{sys.prefix}-classroom") / "bin" / "otree",  # .venv-classroom by .venv
    ):
        if beside.is_file():
            return beside
    found = shutil.which("otree")
    if found:
        return pathlib.Path(found)
    raise FileNotFoundError(f"oTree is not installed (no 'otree' command); {hint}")


def _check_port_number(port: Any) -> int:
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise ValueError(f"port must be an integer from 1 to 65535, got {port!r}")
    return port


def _check_port_free(port: int) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # as the server will: connections of a stopped server (TIME_WAIT) do not count
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
            probe.listen()
        except OSError:
            raise ValueError(
                f"port {port} is in use (another server, or a classroom server still running); "
                "stop it or choose another port with --port"
            ) from None
    return port


def _check_database_url(url: Any) -> str | None:
    if url is None:
        return None
    schemes = ("sqlite:///", "postgres://", "postgresql://")
    if not isinstance(url, str) or not url.startswith(schemes):
        raise ValueError(
            f"database_url must start with {', '.join(schemes)}, got {url!r} "
            "(for example postgresql://user:password@localhost/otree)"
        )
    return url


def lan_address() -> str:
    """This computer's address on the local network (students' devices reach it there).

    No packet is sent: connecting a UDP socket only chooses the outgoing interface.
    ``127.0.0.1`` when there is no network.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address: str = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return address


@dataclass
class ClassroomServer:
    """A running ``otree prodserver`` for a classroom project (see :func:`start`).

    Attributes
    ----------
    project : pathlib.Path
        The project folder.
    port : int
        The port it listens on (every interface).
    host : str
        The address students use (this computer's address on the network).
    room : str
        The room's name (students open ``/room/ROOM``).
    title : str
        The game's title.
    admin_password : str
        The admin password (user ``admin``).
    process : subprocess.Popen
        The ``otree prodserver`` process, leader of its own process group (with the
        helper process oTree starts); its id is in ``PROJECT/otree.pid`` while it runs.
    database : str
        Where the data are (the SQLite file, or the database URL).

    Examples
    --------
    A server started from Python (oTree installed), stopped at the end of the block::

        with start("class-project", port=8001) as server:
            print(server.links())
    """

    project: pathlib.Path
    port: int
    host: str
    room: str
    title: str
    admin_password: str
    process: subprocess.Popen[bytes]
    database: str
    _log: TextIO | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The server's address, ``http://HOST:PORT``."""
        return f"http://{self.host}:{self.port}"

    @property
    def room_url(self) -> str:
        """The one link students open."""
        return f"{self.url}/room/{self.room}"

    @property
    def admin_url(self) -> str:
        """The teacher's page for the room (login ``admin`` and the password)."""
        return f"{self.url}/room_without_session/{self.room}"

    def links(self) -> str:
        """What the teacher is told, with the password (shown once)."""
        return "\n".join(
            [
                f"Classroom server for {self.title!r} on port {self.port}; data in {self.database}",
                f"  Students open: {self.room_url}",
                f"  Teacher:       {self.admin_url}",
                f"                 user admin, password {self.admin_password}",
                "  (keep the same password when you restart: set OTREE_ADMIN_PASSWORD to "
                "choose it)",
                "Stop with Ctrl-C. After a restart, serve the same folder again: "
                "sessions and students' links continue.",
            ]
        )

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, sig)

    def _forget(self) -> None:
        pid_file = self.project / PID_FILE
        with contextlib.suppress(OSError, ValueError):
            if int(pid_file.read_text().split()[0]) == self.process.pid:
                pid_file.unlink()
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (and the process oTree started beside it); wait for it."""
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(timeout)
        self._signal(signal.SIGKILL)  # the helper oTree started may outlive its parent
        self._forget()

    def kill(self) -> None:
        """``kill -9`` the server and its helper at once, as a crash would."""
        self._signal(signal.SIGKILL)
        self.process.wait(10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> ClassroomServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _kept_password(folder: pathlib.Path) -> str:
    """The project's generated admin password, made on the first start and kept after.

    oTree signs its cookies with the admin password: with a new password after a
    restart, a student who reopens the room link would no longer be recognised. So the
    password is generated once (``secrets``) and kept in ``PROJECT/.admin-password``,
    readable only by its owner, like the data next to it.
    """
    path = folder / PASSWORD_FILE
    try:
        kept = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        kept = ""
    if len(kept) >= 12:
        return kept
    password = secrets.token_urlsafe(12)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(password + "\n")
    return password


def _check_not_served(folder: pathlib.Path) -> None:
    """Refuse to start a second server on one project (two servers, one SQLite file)."""
    pid_file = folder / PID_FILE
    try:
        pid, port = (int(word) for word in pid_file.read_text().split()[:2])
    except (OSError, ValueError):
        return
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return  # left by a server that was killed (or a laptop that restarted)
    except PermissionError:
        pass
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(2)
        if probe.connect_ex(("127.0.0.1", port)) != 0:
            return  # nothing answers: the group left is a killed server's (or a new process)
    raise ValueError(
        f"{str(folder)!r} is already being served (process group {pid}, port {port}); "
        f"stop that server first (Ctrl-C in its terminal, or: kill -- -{pid})"
    )


def _sqlite_wal(path: pathlib.Path) -> None:
    """Put the project's SQLite file in write-ahead-log mode (a setting kept in the file).

    oTree's production server runs two processes on the file: the server and its timeout
    worker. In SQLite's default mode a reader blocks a writer, and a write that waits
    more than five seconds fails with "database is locked" (a server error the student
    sees). In WAL mode readers and the writer no longer block each other; a commit is
    still on disk when the server is killed (the log is replayed at the next start).
    """
    with contextlib.closing(sqlite3.connect(path, timeout=30)) as db:
        db.execute("PRAGMA journal_mode=WAL")


def _wait_until_up(server: ClassroomServer, timeout: float, log: pathlib.Path | None) -> None:
    deadline = time.monotonic() + timeout
    local = f"http://127.0.0.1:{server.port}/login"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.is_file() else ""
            raise RuntimeError(
                f"oTree stopped at start (exit status {server.process.returncode})"
                + (f"; the end of {log}:\n{tail}" if tail else "")
            )
        try:
            with urllib.request.urlopen(local, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"oTree did not answer on port {server.port} within {timeout:g} s")


def start(
    project: str | os.PathLike[str],
    *,
    port: int = 8000,
    database_url: str | None = None,
    admin_password: str | None = None,
    otree: str | os.PathLike[str] | None = None,
    log: str | os.PathLike[str] | bool | None = True,
    timeout: float = 60.0,
) -> ClassroomServer:
    """Start ``otree prodserver`` for a project written by :func:`export`; return once it answers.

    Parameters
    ----------
    project : path
        A folder written by :func:`negotiation.classroom.export`.
    port : int, default 8000
        The port (on every network interface).
    database_url : str, optional
        A PostgreSQL URL for large classes; SQLite in ``PROJECT/db.sqlite3`` otherwise.
    admin_password : str, optional
        The admin password; ``$OTREE_ADMIN_PASSWORD``, else the project's own (generated
        at its first start and kept in ``PROJECT/.admin-password``).
    otree : path, optional
        The ``otree`` executable (see :func:`find_otree`).
    log : path, True or None, default True
        Where oTree's output goes: ``True`` for ``PROJECT/otree.log``, ``None`` for
        this process's own output.
    timeout : float, default 60
        Seconds to wait for the server to answer.

    Raises
    ------
    ValueError
        For a folder that is not a classroom project, a port in use, a bad URL.
    FileNotFoundError
        When oTree is not installed.
    RuntimeError
        When oTree stops at start or does not answer in time.

    Examples
    --------
    >>> start("/nonexistent")
    Traceback (most recent call last):
    ...
    ValueError: '/nonexistent' is not a classroom project (no folder there); create one with 'negotiation classroom export GAME --out DIR'
    """
    if not isinstance(project, str | os.PathLike):
        raise TypeError(f"project must be a path, got {type(project).__name__}")
    folder = pathlib.Path(project).resolve()
    manifest = read_manifest(folder)
    url = _check_database_url(database_url)
    port = _check_port_number(port)
    if admin_password is not None and (
        not isinstance(admin_password, str) or len(admin_password) < 8
    ):
        raise ValueError("admin_password must be a string of at least 8 characters")
    executable = find_otree(otree)
    _check_not_served(folder)
    port = _check_port_free(port)
    password = admin_password or os.environ.get("OTREE_ADMIN_PASSWORD") or _kept_password(folder)
    env = dict(os.environ)
    env.update(
        OTREE_PRODUCTION="1",
        OTREE_AUTH_LEVEL="STUDY",
        OTREE_ADMIN_PASSWORD=password,
        PATH=os.pathsep.join([str(executable.parent), env.get("PATH", "")]),
    )
    if url is not None:
        env["DATABASE_URL"] = url
    database = env.get("DATABASE_URL") or str(folder / "db.sqlite3")
    if not env.get("DATABASE_URL"):
        _sqlite_wal(folder / "db.sqlite3")
    log_path: pathlib.Path | None
    if log is True:
        log_path = folder / "otree.log"
    elif log is None or log is False:
        log_path = None
    else:
        log_path = pathlib.Path(log)
    out = log_path.open("a", encoding="utf-8") if log_path is not None else None
    process = subprocess.Popen(
        [str(executable), "prodserver", str(port)],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=subprocess.STDOUT if out is not None else None,
        start_new_session=True,  # its own process group: stop() reaches oTree's helper too
    )
    (folder / PID_FILE).write_text(f"{process.pid} {port}\n", encoding="utf-8")
    server = ClassroomServer(
        project=folder,
        port=port,
        host=lan_address(),
        room=str(manifest.get("room", "")),
        title=str(manifest.get("title", folder.name)),
        admin_password=password,
        process=process,
        database=database,
        _log=out,
    )
    try:
        _wait_until_up(server, timeout, log_path)
    except BaseException:
        server.stop()
        raise
    return server


def serve(
    project: str | os.PathLike[str],
    *,
    port: int = 8000,
    database_url: str | None = None,
    admin_password: str | None = None,
    otree: str | os.PathLike[str] | None = None,
) -> int:
    """Serve a project until Ctrl-C (or SIGTERM): what ``negotiation classroom serve`` runs.

    Starts the server like :func:`start` with oTree's output on this terminal, prints
    the students' link, the teacher's link and the password, and waits.

    Returns
    -------
    int
        0 after Ctrl-C or SIGTERM, else oTree's exit status.

    Examples
    --------
    >>> serve("/nonexistent", port=0)
    Traceback (most recent call last):
    ...
    ValueError: '/nonexistent' is not a classroom project (no folder there); create one with 'negotiation classroom export GAME --out DIR'
    """
    server = start(
        project,
        port=port,
        database_url=database_url,
        admin_password=admin_password,
        otree=otree,
        log=None,
    )
    print(server.links(), flush=True)

    def _terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        status = server.process.wait()
    except KeyboardInterrupt:
        status = 0
    finally:
        server.stop()  # also oTree's helper process, which outlives the server otherwise
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return status
