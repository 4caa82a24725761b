"""The classroom server as a large class runs it: on PostgreSQL, and in a real browser.

PostgreSQL comes from Debian's ``postgresql`` package (``.ci/run`` installs it): each test
that needs it gets a throwaway cluster (``initdb`` and ``pg_ctl`` in a temporary folder,
on a free port, run as the ``postgres`` system user because ``initdb`` refuses root),
stopped and deleted afterwards. The tests are skipped, saying why, only when oTree or
PostgreSQL's programs are not installed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pathlib
import pwd
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from test_classroom import (  # the suite's helpers for a served project
    Served,
    constants,
    decisions_in,
    free_port,
    join,
    otree,  # noqa: F401 (a fixture)
    otree_env,
    role_of,
    submit,
)

from negotiation.classroom import export, load

# --- a throwaway PostgreSQL cluster ---------------------------------------------------------


def postgres_programs() -> pathlib.Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on ``PATH``, else Debian's versioned one."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return pathlib.Path(found).resolve().parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (pathlib.Path(folder) / "initdb").is_file():
            return pathlib.Path(folder)
    return None


@dataclass
class Cluster:
    """A running PostgreSQL cluster with an empty database ``otree``."""

    port: int
    url: str


def _as_postgres(*command: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    runas = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run(
        [*runas, *command], capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture
def postgres() -> Iterator[Cluster]:
    """A throwaway PostgreSQL cluster on a free port, stopped and deleted afterwards."""
    programs = postgres_programs()
    if programs is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("PostgreSQL's 'postgres' system user is missing (initdb refuses root)")
    folder = pathlib.Path(tempfile.mkdtemp(prefix="negotiation-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        for path in (folder, sockets):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = free_port()
    started = False
    try:
        _as_postgres(str(programs / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(data))
        _as_postgres(
            str(programs / "pg_ctl"),
            "-D", str(data),
            "-l", str(folder / "server.log"),
            "-o", f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1",
            "-w", "start",
        )  # fmt: skip
        started = True
        _as_postgres(
            str(programs / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "otree",
        )
        yield Cluster(port, f"postgresql://postgres@127.0.0.1:{port}/otree")
    finally:
        if started:
            with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
                _as_postgres(
                    str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"
                )
        shutil.rmtree(folder, ignore_errors=True)


def psql(cluster: Cluster, query: str) -> str:
    programs = postgres_programs()
    assert programs is not None
    command = [str(programs / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port)]
    done = _as_postgres(*command, "-U", "postgres", "-d", "otree", "-At", "-c", query)
    return done.stdout.strip()


def test_the_postgres_fixture_gives_an_empty_database(postgres):
    assert psql(postgres, "select 1 + 1") == "2"
    assert psql(postgres, "select count(*) from pg_tables where schemaname = 'public'") == "0"


# --- serve on PostgreSQL ---------------------------------------------------------------------


def sqlite_tables(project: pathlib.Path) -> list[str]:
    """The tables in the project's SQLite file (none when the file is missing)."""
    path = project / "db.sqlite3"
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("select name from sqlite_master where type='table'")]


@pytest.fixture
def serve_db(otree, tmp_path):  # noqa: F811 (otree is the imported fixture)
    """``negotiation classroom serve DIR --port N [--database-url URL]``; all killed after."""
    started: list[Served] = []

    def launch(project, port, database_url=None, **env):
        output = tmp_path / f"serve-{len(started)}.out"
        command = [sys.executable, "-m", "negotiation", "classroom", "serve", str(project)]
        command += ["--port", str(port)]
        if database_url is not None:
            command += ["--database-url", database_url]
        with output.open("w") as out:
            process = subprocess.Popen(
                command,
                env=otree_env(otree, **env),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        served = Served(process, project, port, output)
        started.append(served)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if "Students open:" in served.text or process.poll() is not None:
                break
            time.sleep(0.2)
        assert "Students open:" in served.text, served.text[-3000:]
        return served

    yield launch
    for served in started:
        served.stop()


@pytest.mark.slow
def test_a_session_on_postgres_survives_kill_9(serve_db, postgres, tmp_path):
    project = export("tariff_standoff", tmp_path / "class", rounds=2)
    c = constants(project, "tariff_standoff")
    key = secrets.token_urlsafe(16)
    port = free_port()
    served = serve_db(project, port, postgres.url, OTREE_REST_KEY=key)
    assert f"data in {postgres.url}" in served.text
    created = requests.post(
        f"{served.base}/api/sessions",
        json={
            "session_config_name": "tariff_standoff",
            "num_participants": 2,
            "room_name": "talks",
        },
        headers={"otree-rest-key": key},
        timeout=30,
    )
    assert created.status_code == 200, created.text
    # the data are in PostgreSQL, not in the SQLite file beside the project (oTree opens
    # db.sqlite3 at import whatever the database, and leaves it empty)
    assert sqlite_tables(project) == []
    assert psql(postgres, "select count(*) from otree_session") == "1"
    students = {}
    for _ in range(2):
        browser, page = join(served.base)
        students[role_of(page)] = [browser, page]
    i, j = c["QUESTION_CELL"]
    for k, role in enumerate(("US", "Japan")):
        browser, page = students[role]
        students[role][1] = submit(browser, page, check_points=c["PAYOFFS"][i][j][k])
        assert "/Decide/" in students[role][1].url
    made = {("US", 1): "Hold", ("Japan", 1): "Accommodate", ("US", 2): "Cut"}
    for role in ("US", "Japan"):
        browser, page = students[role]
        students[role][1] = submit(browser, page, choice=made[role, 1])
    for role in ("US", "Japan"):
        browser, page = students[role]
        results = browser.get(page.url, timeout=30)
        assert "/Results/" in results.url, results.url
        students[role][1] = submit(browser, results)
        assert "round 2 of 2" in students[role][1].text
    browser, page = students["US"]
    submit(browser, page, choice=made["US", 2])
    served.crash()  # kill -9, as when the server's machine dies

    again = serve_db(project, port, postgres.url, OTREE_REST_KEY=key)
    answer = requests.get(
        f"{again.base}/api/export_wide", headers={"otree-rest-key": key}, timeout=30
    )
    assert answer.status_code == 200, answer.text
    found = decisions_in(answer.text)
    assert {k: v[0] for k, v in found.items()} == made  # every decision made before the kill
    assert found["US", 1][1] == c["PAYOFFS"][0][1][0]  # (Hold, Accommodate)
    assert found["Japan", 1][1] == c["PAYOFFS"][0][1][1]
    # Japan reopens the room link and continues where it was, then decides round 2
    browser, page = students["Japan"]
    back = browser.get(f"{again.base}/room/talks?welcome_page_ok=1", timeout=30)
    assert "/Decide/" in back.url and "round 2 of 2" in back.text
    submit(browser, back, choice="Retaliate")
    answer = requests.get(
        f"{again.base}/api/export_wide", headers={"otree-rest-key": key}, timeout=30
    )
    (tmp_path / "end.csv").write_text(answer.text, encoding="utf-8")
    table = load(tmp_path / "end.csv", app="tariff_standoff")
    rows = {(r["role"], r["round"]): (r["choice"], r["points"]) for r in table}
    assert rows[("Japan", 2)] == ("Retaliate", c["PAYOFFS"][1][0][1])
    assert {k: v[0] for k, v in rows.items()} == {**made, ("Japan", 2): "Retaliate"}
    assert sqlite_tables(project) == []  # nothing fell back to SQLite


# --- a real browser ---------------------------------------------------------------------------

#: Where the screenshots of what students see go when ``$NEGOTIATION_CLASSROOM_SHOTS`` is
#: set (the how-to shows them: ``docs/_static/classroom``); else only in the test's folder.
SHOTS_ENV = "NEGOTIATION_CLASSROOM_SHOTS"


def chromium_missing() -> str | None:
    from jupyterlab_harness import browser_available

    if browser_available():
        return None
    return "headless Chromium not found at /usr/bin/chromium (apt-get install chromium)"


@pytest.mark.slow
@pytest.mark.browser
def test_two_students_play_a_round_in_chromium(serve_db, tmp_path):
    missing = chromium_missing()
    if missing:
        pytest.skip(missing)
    from jupyterlab_harness import launch_browser
    from playwright.sync_api import sync_playwright

    project = export("tariff_standoff", tmp_path / "class", rounds=1)
    c = constants(project, "tariff_standoff")
    key = secrets.token_urlsafe(16)
    served = serve_db(project, free_port(), OTREE_REST_KEY=key)
    created = requests.post(
        f"{served.base}/api/sessions",
        json={
            "session_config_name": "tariff_standoff",
            "num_participants": 2,
            "room_name": "talks",
        },
        headers={"otree-rest-key": key},
        timeout=30,
    )
    assert created.status_code == 200, created.text
    shots = tmp_path / "shots"
    shots.mkdir()
    clicked = {"US": "Cut", "Japan": "Retaliate"}
    with sync_playwright() as pw:
        chromium = launch_browser(pw)
        try:
            pages = {}
            for _ in range(2):  # two students, two browsers (no shared cookies)
                context = chromium.new_context(viewport={"width": 640, "height": 360})
                page = context.new_page()
                page.set_default_timeout(30_000)
                page.goto(f"{served.base}/room/talks")  # the one link students are given
                if not pages:
                    page.screenshot(path=shots / "welcome.png", full_page=True)
                page.get_by_role("button", name="Start").click()  # oTree's welcome page
                page.wait_for_url("**/p/**")
                role = "US" if "You play <strong>US</strong>" in page.content() else "Japan"
                pages[role] = page
            assert set(pages) == {"US", "Japan"}
            i, j = c["QUESTION_CELL"]
            for k, role in enumerate(("US", "Japan")):
                page = pages[role]
                assert "/Instructions/" in page.url
                if role == "US":
                    page.screenshot(path=shots / "instructions.png", full_page=True)
                page.fill("input[name=check_points]", str(c["PAYOFFS"][i][j][k]))
                page.click("button.otree-btn-next")
                page.wait_for_url("**/Decide/**")
            for role, page in pages.items():
                page.check(f"input[name=choice][value={clicked[role]}]")
                if role == "US":  # what a student sees, the choice made, before Next
                    page.screenshot(path=shots / "decide.png", full_page=True)
                page.click("button.otree-btn-next")
            for page in pages.values():  # the wait page moves on by itself
                page.wait_for_url("**/Results/**")
            pages["US"].screenshot(path=shots / "results.png", full_page=True)
            us_results = pages["US"].content()
        finally:
            chromium.close()
    assert "Cut" in us_results and "Retaliate" in us_results
    answer = requests.get(
        f"{served.base}/api/export_wide", headers={"otree-rest-key": key}, timeout=30
    )
    assert answer.status_code == 200
    (tmp_path / "class.csv").write_text(answer.text, encoding="utf-8")
    table = load(tmp_path / "class.csv", app="tariff_standoff")
    assert {r["role"]: r["choice"] for r in table} == clicked  # what was clicked, read back
    assert {r["role"]: r["partner_choice"] for r in table} == {"US": "Retaliate", "Japan": "Cut"}
    assert {r["role"]: r["points"] for r in table} == {
        "US": c["PAYOFFS"][1][0][0],
        "Japan": c["PAYOFFS"][1][0][1],
    }
    for name in ("welcome", "instructions", "decide", "results"):
        assert (shots / f"{name}.png").stat().st_size > 5_000  # a page, not a blank
    if os.environ.get(SHOTS_ENV):
        target = pathlib.Path(os.environ[SHOTS_ENV])
        target.mkdir(parents=True, exist_ok=True)
        for shot in shots.glob("*.png"):
            shutil.copy(shot, target / shot.name)


# --- SQLite, for a class on one laptop --------------------------------------------------------


@pytest.mark.slow
def test_the_sqlite_file_is_in_write_ahead_log_mode(otree, tmp_path):  # noqa: F811
    """oTree's server and its timeout worker share the file: in WAL mode a reader never
    makes a writer wait (a wait of five seconds is a "database is locked" error page)."""
    from negotiation.classroom import start

    project = export("tariff_standoff", tmp_path / "class")
    with start(project, port=free_port(), otree=otree) as server:
        assert server.database == str(project / "db.sqlite3")
        with contextlib.closing(sqlite3.connect(project / "db.sqlite3")) as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            tables = {r[0] for r in db.execute("select name from sqlite_master")}
        assert "otree_session" in tables  # oTree made its tables in the same file
