"""Classroom sessions on oTree: the generated project, its bots, the server, the data read back.

oTree is the ``classroom`` extra. It pins old web libraries (MarkupSafe 1.1, Starlette 0.14)
that would break JupyterLab's Jinja2, so ``make test`` installs it in its own environment,
``.venv-classroom``, and these tests run its ``otree`` (``$NEGOTIATION_OTREE`` names another).
The tests that need oTree are skipped, saying why, only when it is not installed.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import io
import os
import pathlib
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from fractions import Fraction

import pytest
import requests

from negotiation import BimatrixGame
from negotiation.classroom import Decisions, export, load, read_manifest, start
from negotiation.classroom.server import PID_FILE, find_otree
from negotiation.cli import main
from negotiation.models import MODELS

ROOT = pathlib.Path(__file__).parent.parent
DATA = pathlib.Path(__file__).parent / "data"


# --- helpers ------------------------------------------------------------------------------


def constants(project: pathlib.Path, app: str) -> dict:
    """The literals of the generated app's ``class C``, read without importing oTree."""
    tree = ast.parse((project / app / "__init__.py").read_text(encoding="utf-8"))
    c = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "C")
    return {
        n.targets[0].id: ast.literal_eval(n.value)
        for n in c.body
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
    }


def otree_executable() -> pathlib.Path | None:
    given = os.environ.get("NEGOTIATION_OTREE")
    candidates = [given] if given else []
    candidates += [str(ROOT / ".venv-classroom" / "bin" / "otree"), shutil.which("otree")]
    for c in candidates:
        if c and pathlib.Path(c).is_file():
            return pathlib.Path(c)
    return None


@pytest.fixture
def otree():
    found = otree_executable()
    if found is None:
        pytest.skip(
            "oTree is not installed: 'make test' installs it in .venv-classroom "
            "(or set NEGOTIATION_OTREE to an otree executable)"
        )
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def otree_env(otree: pathlib.Path, **more: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(otree.parent), env.get("PATH", "")])
    env["NEGOTIATION_OTREE"] = str(otree)
    env.pop("OTREE_ADMIN_PASSWORD", None)
    env.pop("DATABASE_URL", None)
    env.update(more)
    return env


def expected_points(game: BimatrixGame, row: str, col: str) -> tuple[float, float]:
    u, v = game.payoff(row, col)
    return round(float(u), 2), round(float(v), 2)


# --- export -------------------------------------------------------------------------------


def test_export_writes_an_otree_project_of_the_model(tmp_path):
    project = export("tariff_standoff", tmp_path / "class", rounds=3, scenario="april-2025")
    assert (project / "_static").is_dir()
    for name in ("settings.py", "requirements.txt", "classroom.json"):
        assert (project / name).is_file()
    app = project / "tariff_standoff"
    for name in ("__init__.py", "tests.py", "Instructions.html", "Decide.html", "Results.html"):
        assert (app / name).is_file(), name
    for py in (project / "settings.py", app / "__init__.py", app / "tests.py"):
        compile(py.read_text(encoding="utf-8"), str(py), "exec")  # valid Python
    game = MODELS["tariff_standoff"].at()
    c = constants(project, "tariff_standoff")
    assert (c["ROW_ROLE"], c["COL_ROLE"]) == ("US", "Japan")
    assert c["ROW_LABELS"] == ["Hold", "Cut"] and c["COL_LABELS"] == ["Retaliate", "Accommodate"]
    assert c["NUM_ROUNDS"] == 3 and c["PLAYERS_PER_GROUP"] == 2 and c["MATCHING"] == "fixed"
    for i, r in enumerate(game.row_labels):
        for j, col in enumerate(game.col_labels):
            assert tuple(c["PAYOFFS"][i][j]) == expected_points(game, r, col)
    # the US's payoff (Hold, Accommodate) is 1776/125 $bn = 14.21 points, shown as $14.21bn
    assert game.payoff("Hold", "Accommodate")[0] == Fraction(1776, 125)
    assert c["REAL"][0][1] == ["$14.21bn", "-0.6% of GDP"]
    assert '<strong>14.21</strong> points <span class="unit">($14.21bn)</span>' in c["TABLE_HTML"]
    # the equilibrium the bots play: US holds, Japan accommodates (the model's own analysis)
    assert c["EQUILIBRIUM_ROW"] == [1.0, 0.0] and c["EQUILIBRIUM_COL"] == [0.0, 1.0]
    assert MODELS["tariff_standoff"].summary in c["INSTRUCTIONS_HTML"]
    assert "3 rounds" in c["INSTRUCTIONS_HTML"]
    manifest = read_manifest(project)
    assert manifest["app"] == "tariff_standoff" and manifest["room"] == "talks"
    assert manifest["title"] == "The tariff standoff (april-2025)"


def test_settings_have_a_room_and_no_password(tmp_path):
    project = export("currency_claims", tmp_path / "p", room="econ101", matching="random")
    settings = (project / "settings.py").read_text(encoding="utf-8")
    assert "dict(name='econ101'" in settings
    assert 'ADMIN_PASSWORD = environ.get("OTREE_ADMIN_PASSWORD")' in settings
    assert "POINTS_DECIMAL_PLACES = 2" in settings  # currency claims' payoffs are decimals
    assert constants(project, "currency_claims")["MATCHING"] == "random"
    # two exports get different secret keys (never a fixed default)
    other = export("currency_claims", tmp_path / "q")
    key = re.compile(r"OTREE_SECRET_KEY\", '([^']+)'")
    assert key.search(settings)[1] != key.search((other / "settings.py").read_text())[1]


def test_a_mixed_equilibrium_reaches_the_bots(tmp_path):
    project = export("currency_claims", tmp_path / "p")
    c = constants(project, "currency_claims")
    solution = MODELS["currency_claims"].analyse().result
    x, y = solution[0].strategies
    assert c["EQUILIBRIUM_ROW"] == pytest.approx([float(p) for p in x])
    assert c["EQUILIBRIUM_COL"] == pytest.approx([float(p) for p in y])
    assert 0 < c["EQUILIBRIUM_ROW"][0] < 1  # really mixed


def test_export_a_game_file_and_a_game_object(tmp_path):
    project = export(DATA / "prisoners_dilemma.nfg", tmp_path / "pd", rounds=1)
    manifest = read_manifest(project)
    assert manifest["app"] == "prisoners_dilemma" and manifest["units"] == ["", ""]
    game = BimatrixGame(
        [[2, 0], [3, 1]],
        [[2, 3], [0, 1]],
        players=("US", "Japan"),
        row_labels=("Keep", "Raise"),
        col_labels=("Keep", "Raise"),
        title="Tariff race",
    )
    project = export(game, tmp_path / "race", units="$bn", points_per_unit=10)
    c = constants(project, "tariff_race")  # the app is named after the title
    assert c["PAYOFFS"][1][0] == [30, 0]  # whole points: no decimals
    assert c["REAL"][1][0] == ["$3bn", "$0bn"]
    assert "POINTS_DECIMAL_PLACES = 0" in (project / "settings.py").read_text()
    long = game.replace(title="1 very long title: the tariff race between the US and Japan")
    assert read_manifest(export(long, tmp_path / "long"))["app"] == "game_1_very_long_title_the_tar"


@pytest.mark.parametrize(
    ("game", "kwargs", "message"),
    [
        ("issue_linkage", {}, "is a linkage; classroom export supports normal-form"),
        ("no_such_model", {}, "unknown game 'no_such_model'"),
        ("tariff_standoff", {"rounds": 0}, "rounds must be an integer from 1 to 100, got 0"),
        ("tariff_standoff", {"matching": "shuffle"}, "matching must be 'fixed' or 'random'"),
        ("tariff_standoff", {"room": "Room 1"}, "room must be a short lower-case name"),
        ("tariff_standoff", {"app": "otree"}, "clashes with a Python module"),
        ("tariff_standoff", {"points_per_unit": -1}, "points_per_unit must be a positive"),
        ("tariff_standoff", {"units": ("$bn",)}, "units must be one string or two strings"),
        ("tariff_standoff", {"values": {"tariff": 999}}, "tariff"),
        (DATA / "prisoners_dilemma.nfg", {"scenario": "april-2025"}, "apply to models"),
    ],
)
def test_export_refuses_bad_input(tmp_path, game, kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        export(game, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_more_than_two_players_is_refused(tmp_path):
    three = tmp_path / "three.nfg"
    three.write_text('NFG 1 R "three" { "A" "B" "C" } { 2 2 2 }\n' + " ".join(["1"] * 24) + "\n")
    with pytest.raises(ValueError, match=r"only two-player games .* 3 player"):
        export(three, tmp_path / "out")

    class ThreePlayers:
        players = ("US", "Japan", "EU")

    with pytest.raises(ValueError, match="the game has 3 players"):
        export(ThreePlayers(), tmp_path / "out")
    with pytest.raises(TypeError, match="game must be a BimatrixGame"):
        export(42, tmp_path / "out")


def test_export_protects_other_folders_and_overwrites_its_own(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="is not empty and is not a classroom project"):
        export("tariff_standoff", busy)
    assert (busy / "notes.txt").read_text() == "mine"
    project = export("tariff_standoff", tmp_path / "p", rounds=2)
    (project / "db.sqlite3").write_text("data")
    with pytest.raises(ValueError, match="already holds a classroom project"):
        export("tariff_standoff", project)
    export("tariff_standoff", project, rounds=4, overwrite=True)
    assert constants(project, "tariff_standoff")["NUM_ROUNDS"] == 4
    assert (project / "db.sqlite3").read_text() == "data"  # the class's data are kept


def test_cli_export(tmp_path, capsys):
    out = tmp_path / "class"
    code = main(
        ["classroom", "export", "tariff_standoff", "--out", str(out), "--rounds", "2",
         "--matching", "random", "--set", "tariff=30"]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0
    assert f"negotiation classroom serve {out}" in printed
    c = constants(out, "tariff_standoff")
    assert c["NUM_ROUNDS"] == 2 and c["MATCHING"] == "random"
    at_30 = MODELS["tariff_standoff"].at(tariff=30)
    assert tuple(c["PAYOFFS"][0][1]) == expected_points(at_30, "Hold", "Accommodate")
    assert main(["classroom", "export", "issue_linkage", "--out", str(tmp_path / "t")]) == 2
    assert "is a linkage" in capsys.readouterr().err
    pd = str(DATA / "prisoners_dilemma.nfg")
    assert main(["classroom", "export", pd, "--out", str(tmp_path / "x"), "--set", "a=1"]) == 2
    assert "--scenario and --set apply to models" in capsys.readouterr().err


# --- oTree's bots (headless, no server) ----------------------------------------------------


def run_bots(otree, project, app, participants, export_to):
    started = time.monotonic()
    run = subprocess.run(
        [str(otree), "test", app, str(participants), "--export", str(export_to)],
        cwd=project,
        env=otree_env(otree),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stdout[-4000:]
    # one session per bot case: equilibrium play, then random play
    assert "session (test case 0)" in run.stdout and "session (test case 1)" in run.stdout
    assert run.stdout.count("Bots completed session") == 2
    return time.monotonic() - started


@pytest.mark.parametrize(
    ("model", "matching", "participants"),
    [("tariff_standoff", "fixed", 2), ("currency_claims", "random", 6)],
)
def test_otree_bots_play_the_app_and_the_data_load_back(
    tmp_path, otree, model, matching, participants
):
    rounds = 3
    project = export(model, tmp_path / "p", rounds=rounds, matching=matching)
    seconds = run_bots(otree, project, model, participants, tmp_path / "bots")
    print(f"otree test {model} {participants}: {seconds:.1f} s")
    game = MODELS[model].at()
    for name in ("all_apps_wide.csv", f"{model}.csv"):
        table = load(tmp_path / "bots" / name, app=model)
        assert len(table) == 2 * participants * rounds  # two sessions (bot cases)
        assert set(table.column("app")) == {model}
        assert set(table.column("round")) == {1, 2, 3}
        for row in table:
            us, japan = (
                (row["choice"], row["partner_choice"])
                if row["role"] == "US"
                else (row["partner_choice"], row["choice"])
            )
            points = expected_points(game, us, japan)[0 if row["role"] == "US" else 1]
            assert row["points"] == pytest.approx(points)
            assert row["payoff"] == pytest.approx(points)
        # every student failed the question once (the bots try a wrong answer first)
        assert set(table.where(round=1).column("check_errors")) == {1}
        # pairs are real pairs: each group has one US and one Japan, choices mirrored
        for session in set(table.column("session")):
            for rnd in (1, 2, 3):
                for group in set(table.where(session=session, round=rnd).column("group")):
                    pair = list(table.where(session=session, round=rnd, group=group))
                    assert sorted(p["role"] for p in pair) == ["Japan", "US"]
                    assert pair[0]["choice"] == pair[1]["partner_choice"]
    if model == "tariff_standoff":
        # in the equilibrium case the US always holds and Japan always accommodates
        sessions = {s: table.where(session=s) for s in set(table.column("session"))}
        assert any(
            set(t.where(role="US").column("choice")) == {"Hold"}
            and set(t.where(role="Japan").column("choice")) == {"Accommodate"}
            for t in sessions.values()
        )
    else:
        # random matching: some student meets a new partner after round 1
        moved = False
        for p in set(table.column("participant")):
            groups = table.where(participant=p).column("group")
            moved |= len(set(groups)) > 1
        assert moved


# --- the server ---------------------------------------------------------------------------


def test_serve_refuses_a_folder_that_is_not_a_project(tmp_path, capsys):
    assert main(["classroom", "serve", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is not a classroom project" in err and "classroom export" in err
    with pytest.raises(ValueError, match="is not a classroom project"):
        start(tmp_path / "missing")
    project = export("tariff_standoff", tmp_path / "p")
    assert main(["classroom", "serve", str(project), "--database-url", "mysql://db"]) == 2
    assert "database_url must start with sqlite:///, postgres://, postgresql://" in (
        capsys.readouterr().err
    )
    assert main(["classroom", "serve", str(project), "--port", "0"]) == 2
    assert "port must be an integer from 1 to 65535, got 0" in capsys.readouterr().err
    with pytest.raises(ValueError, match="admin_password must be a string of at least 8"):
        start(project, admin_password="short")


def test_serve_refuses_a_port_in_use_and_a_missing_otree(tmp_path):
    project = export("tariff_standoff", tmp_path / "p")
    fake = tmp_path / "otree"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ValueError, match=f"port {port} is in use"):
            start(project, port=port, otree=fake)
    with pytest.raises(FileNotFoundError, match="pip install 'negotiation-games\\[classroom\\]'"):
        start(project, otree=tmp_path / "nowhere" / "otree")
    with pytest.raises(ValueError, match="database_url must start with"):
        start(project, otree=fake, database_url="mysql://x")
    with pytest.raises(ValueError, match="port must be an integer"):
        start(project, otree=fake, port=70000)
    # an oTree that stops at once is reported, with its exit status
    with pytest.raises(RuntimeError, match="exit status 3"):
        start(project, otree=fake, port=free_port(), timeout=20)
    assert not (project / PID_FILE).exists()


def test_find_otree_prefers_the_environment(tmp_path, monkeypatch):
    fake = tmp_path / "otree"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("NEGOTIATION_OTREE", str(fake))
    assert find_otree() == fake
    monkeypatch.setenv("NEGOTIATION_OTREE", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match="no oTree executable at"):
        find_otree()
    # without the variable: the environment named like this one with -classroom
    monkeypatch.delenv("NEGOTIATION_OTREE")
    sibling = tmp_path / "env-classroom" / "bin" / "otree"
    sibling.parent.mkdir(parents=True)
    sibling.write_text("#!/bin/sh\n")
    sibling.chmod(0o755)
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "env" / "bin" / "python"))
    assert find_otree() == sibling


class Served:
    """``negotiation classroom serve`` running in its own process group (a teacher's terminal)."""

    def __init__(self, process, project, port, output):
        self.process, self.project, self.port, self.output = process, project, port, output
        self.base = f"http://127.0.0.1:{port}"

    @property
    def text(self):
        return self.output.read_text(errors="replace")

    def otree_group(self):
        with contextlib.suppress(OSError, ValueError):
            return int((self.project / PID_FILE).read_text().split()[0])
        return None

    def crash(self):
        """kill -9 oTree's process group (the server and its helper), then the command, as
        when a laptop dies. oTree's group goes first so that its parent, the command, reaps
        it (a process orphaned in a container may stay a zombie)."""
        group = self.otree_group()
        assert group is not None, "serve wrote no pid file"
        os.killpg(group, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and pathlib.Path(f"/proc/{group}").exists():
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the port is free once the group is gone
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)
        raise AssertionError(f"port {self.port} still answers after kill -9")

    def stop(self):
        group = self.otree_group()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # serve stops oTree and its helper
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        if group is not None:  # after a crash, or if serve could not stop it
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)


@pytest.fixture
def serve_cli(otree, tmp_path):
    """Start ``negotiation classroom serve`` and wait for its links; everything is killed after."""
    started: list[Served] = []

    def launch(project, port, expect_links=True, **env):
        output = tmp_path / f"serve-{len(started)}.out"
        with output.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "negotiation", "classroom", "serve", str(project),
                 "--port", str(port)],
                env=otree_env(otree, **env),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        served = Served(process, project, port, output)
        started.append(served)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if "Students open:" in served.text or process.poll() is not None:
                break
            time.sleep(0.2)
        if expect_links:
            assert "Students open:" in served.text, served.text[-3000:]
        else:
            process.wait(60)
        return served

    yield launch
    for served in started:
        served.stop()


def join(base, room="talks"):
    """A student opens the room link in a new browser; returns the browser and the page."""
    browser = requests.Session()
    page = browser.get(f"{base}/room/{room}?welcome_page_ok=1", timeout=30)
    assert page.status_code == 200 and "/p/" in page.url, page.url
    return browser, page


def role_of(page):
    return re.search(r"You play <strong>(\w+)</strong>", page.text)[1]


def submit(browser, page, **fields):
    answer = browser.post(page.url, data=fields, timeout=30)
    assert answer.status_code == 200, answer.text[-2000:]
    return answer


def export_wide(base, key, path):
    answer = requests.get(f"{base}/api/export_wide", headers={"otree-rest-key": key}, timeout=30)
    assert answer.status_code == 200, answer.text
    path.write_text(answer.text, encoding="utf-8")
    return decisions_in(answer.text)


def decisions_in(text, app="tariff_standoff"):
    """{(role, round): (choice, points)} from oTree's wide CSV, read with the csv module."""
    found = {}
    for line in csv.DictReader(io.StringIO(text)):
        for rnd in (1, 2):
            cell = f"{app}.{rnd}.player."
            if line.get(cell + "choice"):
                points = line[cell + "points"]
                found[line[cell + "role"], rnd] = (
                    line[cell + "choice"],
                    float(points) if points else None,
                )
    return found


@pytest.mark.slow
def test_a_session_survives_kill_9_and_students_continue(serve_cli, tmp_path):
    project = export("tariff_standoff", tmp_path / "class", rounds=2)
    c = constants(project, "tariff_standoff")
    key = secrets.token_urlsafe(16)
    port = free_port()
    served = serve_cli(project, port, OTREE_REST_KEY=key)
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
    students = {}
    for _ in range(2):
        browser, page = join(served.base)
        students[role_of(page)] = [browser, page]
    assert set(students) == {"US", "Japan"}
    i, j = c["QUESTION_CELL"]
    for k, role in enumerate(("US", "Japan")):
        browser, page = students[role]
        wrong = submit(browser, page, check_points=c["PAYOFFS"][i][j][k] + 1)
        assert "Not quite" in wrong.text and "/Instructions/" in wrong.url
        students[role][1] = submit(browser, page, check_points=c["PAYOFFS"][i][j][k])
        assert "/Decide/" in students[role][1].url
    # round 1: both choose; round 2: only the US chooses, then the laptop dies
    made = {("US", 1): "Cut", ("Japan", 1): "Retaliate", ("US", 2): "Hold"}
    for role in ("US", "Japan"):
        browser, page = students[role]
        students[role][1] = submit(browser, page, choice=made[role, 1])
    for role in ("US", "Japan"):  # the first to choose waited; reloading shows the results
        browser, page = students[role]
        results = browser.get(page.url, timeout=30)
        assert "/Results/" in results.url, results.url
        students[role][1] = submit(browser, results)
        assert "round 2 of 2" in students[role][1].text
        # the student's own record of round 1, with the points the table gives
        mine, theirs = made[role, 1], made["Japan" if role == "US" else "US", 1]
        k = 0 if role == "US" else 1
        record = f"<td>1</td><td>{mine}</td><td>{theirs}</td><td>{c['PAYOFFS'][1][0][k]:.2f}</td>"
        assert record in students[role][1].text.replace("\n", "")
    browser, page = students["US"]
    students["US"][1] = submit(browser, page, choice=made["US", 2])
    served.crash()

    again = serve_cli(project, port, OTREE_REST_KEY=key)
    password = re.compile(r"user admin, password (\S+)")
    assert password.search(again.text)[1] == password.search(served.text)[1]  # kept
    found = export_wide(again.base, key, tmp_path / "after-crash.csv")
    assert {k: v[0] for k, v in found.items()} == made  # every decision made before the kill -9
    assert found["US", 1][1] == c["PAYOFFS"][1][0][0]  # (Cut, Retaliate)
    assert found["Japan", 1][1] == c["PAYOFFS"][1][0][1]
    # Japan reopens the room link in the same browser and continues where it was
    browser, page = students["Japan"]
    back = browser.get(f"{again.base}/room/talks?welcome_page_ok=1", timeout=30)
    assert back.url == page.url and "round 2 of 2" in back.text
    back = browser.get(page.url, timeout=30)  # and reloading the page itself
    assert "/Decide/" in back.url and "round 2 of 2" in back.text
    submit(browser, back, choice="Accommodate")
    found = export_wide(again.base, key, tmp_path / "end.csv")
    assert found["US", 2] == ("Hold", c["PAYOFFS"][0][1][0])
    assert found["Japan", 2] == ("Accommodate", c["PAYOFFS"][0][1][1])
    # the same, read back with classroom.load: one row per student per round
    table = load(tmp_path / "end.csv", app="tariff_standoff")
    assert {(r["role"], r["round"]): (r["choice"], r["points"]) for r in table} == found
    assert len(set(table.column("participant"))) == 2 and set(table.column("group")) == {1}


@pytest.mark.slow
def test_the_teachers_pages_need_the_password(serve_cli, tmp_path):
    project = export("tariff_standoff", tmp_path / "class")
    key = secrets.token_urlsafe(16)
    port = free_port()
    served = serve_cli(project, port, OTREE_REST_KEY=key)
    printed = re.search(r"user admin, password (\S+)", served.text)
    assert printed, served.text
    password = printed[1]
    assert len(password) >= 12
    assert "/room/talks" in served.text and "/room_without_session/talks" in served.text
    # generated for this project, kept for restarts readable only by the teacher, and
    # nowhere else (oTree signs students' cookies with it)
    kept = project / ".admin-password"
    assert kept.read_text().strip() == password and kept.stat().st_mode & 0o777 == 0o600
    for file in project.rglob("*"):
        if file.is_file() and file != kept and file.suffix != ".sqlite3":
            assert password not in file.read_text(errors="replace"), file

    for page in ("/sessions", "/demo", "/room_without_session/talks", "/ExportWide"):
        answer = requests.get(served.base + page, allow_redirects=False, timeout=30)
        assert answer.status_code == 302 and answer.headers["location"].endswith("/login"), page
    for headers in ({}, {"otree-rest-key": "wrong"}, {"otree-rest-key": key + "x"}):
        refused = requests.get(f"{served.base}/api/sessions", headers=headers, timeout=30)
        assert refused.status_code == 403, headers
        refused = requests.get(f"{served.base}/api/export_wide", headers=headers, timeout=30)
        assert refused.status_code == 403, headers
    ok = requests.get(f"{served.base}/api/sessions", headers={"otree-rest-key": key}, timeout=30)
    assert ok.status_code == 200 and ok.json() == []
    # the printed password opens the teacher's pages
    teacher = requests.Session()
    form = teacher.get(f"{served.base}/login", timeout=30)
    token = re.search(r'name="csrftoken" value="(\d+)"', form.text)[1]
    for attempt, expected in (("wrong-password", False), (password, True)):
        teacher.post(
            f"{served.base}/login",
            data={"username": "admin", "password": attempt, "csrftoken": token},
            timeout=30,
        )
        sessions = teacher.get(f"{served.base}/sessions", allow_redirects=False, timeout=30)
        assert (sessions.status_code == 200) is expected, attempt
    # a second server on the same project, or on the same port, is refused
    other = serve_cli(project, free_port(), expect_links=False)
    assert other.process.returncode == 2 and "is already being served" in other.text
    busy = serve_cli(export("currency_claims", tmp_path / "b"), port, expect_links=False)
    assert busy.process.returncode == 2 and f"port {port} is in use" in busy.text
    # another project gets another password (never a fixed default)
    second = serve_cli(export("currency_claims", tmp_path / "c"), free_port())
    assert password not in second.text
    assert re.search(r"user admin, password (\S+)", second.text)[1] != password


# --- reading the class's data back ---------------------------------------------------------

WIDE = (
    "participant.id_in_session,participant.code,participant.label,session.code,"
    "talks.1.player.id_in_group,talks.1.player.role,talks.1.player.payoff,talks.1.player.choice,"
    "talks.1.player.partner_choice,talks.1.player.points,talks.1.group.id_in_subsession,"
    "talks.1.subsession.round_number,talks.2.player.id_in_group,talks.2.player.role,"
    "talks.2.player.payoff,talks.2.player.choice,talks.2.player.partner_choice,"
    "talks.2.player.points,talks.2.group.id_in_subsession,talks.2.subsession.round_number\n"
    "1,aaaa,,s1,1,US,3,Hold,Accommodate,3,1,1,1,US,,,,,1,2\n"
    "2,bbbb,,s1,2,Japan,1,Accommodate,Hold,1,1,1,2,Japan,,,,,1,2\n"
)


def test_load_reads_the_wide_export_and_leaves_out_rounds_not_played(tmp_path):
    path = tmp_path / "all_apps_wide.csv"
    path.write_text("\ufeff" + WIDE, encoding="utf-8")  # oTree's "CSV for Excel" has a BOM
    table = load(path)
    assert isinstance(table, Decisions) and len(table) == 2  # round 2 not played yet
    assert table.columns[:11] == (
        "session", "participant", "label", "app", "round", "group", "id_in_group", "role",
        "choice", "partner_choice", "points",
    )  # fmt: skip
    us = next(r for r in table if r["role"] == "US")
    assert us == {
        "session": "s1", "participant": "aaaa", "label": None, "app": "talks", "round": 1,
        "group": 1, "id_in_group": 1, "role": "US", "choice": "Hold",
        "partner_choice": "Accommodate", "points": 3, "payoff": 3,
    }  # fmt: skip
    assert table.array("points").tolist() == [3.0, 1.0]
    assert table.where(role="Japan").column("choice") == ["Accommodate"]
    assert table.counts("choice") == {"Accommodate": 1, "Hold": 1}
    with pytest.raises(ValueError, match="no column 'colour'; the columns are session"):
        table.column("colour")
    with pytest.raises(ValueError, match="column 'choice' is not numeric"):
        table.array("choice")


@pytest.mark.parametrize(
    ("content", "app", "message"),
    [
        (None, None, "cannot read '.*': no such file"),
        (b"\x89PNG\r\n\x1a\n\x00\xff", None, "it is not UTF-8 text"),
        ("name,score\nada,3\n", None, "is not an oTree data export .no participant.code"),
        ("participant.code,session.code\n", None, "holds no data"),
        (
            WIDE,
            "currency_claims",
            "is a CSV from another app: it holds talks, not 'currency_claims'",
        ),
        (
            "participant.code,session.code,public_goods.1.player.contribution,"
            "public_goods.1.group.id_in_subsession\nx,s,10,1\n",
            None,
            "is a CSV from another app: it has no player.choice column .apps in it: public_goods",
        ),
    ],
)
def test_load_refuses_what_is_not_a_classroom_export(tmp_path, content, app, message):
    path = tmp_path / "export.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load(path, app=app)


def test_load_checks_its_arguments(tmp_path):
    with pytest.raises(TypeError, match="path must be the path of a CSV file, got int"):
        load(3)
    with pytest.raises(ValueError, match="it is a folder"):
        load(tmp_path)
    with pytest.raises(ValueError, match="app must be an app's name or None"):
        load(tmp_path / "x.csv", app="")
