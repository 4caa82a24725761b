"""Classroom sessions on oTree: the generated project, its bots, the server, the data read back.

oTree is the ``classroom`` extra. It pins old web libraries (MarkupSafe 1.1, Starlette 0.14)
that would break JupyterLab's Jinja2, so ``make test`` installs it in its own environment,
``.venv-classroom``, and these tests run its ``otree`` (``$NEGOTIATION_OTREE`` names another).
The tests that need oTree are skipped, saying why, only when it is not installed.
"""

from __future__ import annotations

import ast
import os
import pathlib
import re
import shutil
import socket
import subprocess
import time
from fractions import Fraction

import pytest

from negotiation import BimatrixGame
from negotiation.classroom import export, read_manifest
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
    # the US's payoff (Hold, Accommodate) is 1776/125 $bn = 14.21 points, shown as $14.2bn
    assert game.payoff("Hold", "Accommodate")[0] == Fraction(1776, 125)
    assert c["REAL"][0][1] == ["$14.2bn", "-0.6% of GDP"]
    assert '<strong>14.21</strong> points <span class="unit">($14.2bn)</span>' in c["TABLE_HTML"]
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
    c = constants(project, "tariff_race")
    assert c["PAYOFFS"][1][0] == [30, 0]  # whole points: no decimals
    assert c["REAL"][1][0] == ["$3bn", "$0bn"]
    assert "POINTS_DECIMAL_PLACES = 0" in (project / "settings.py").read_text()


@pytest.mark.parametrize(
    ("game", "kwargs", "message"),
    [
        ("treasury_leverage", {}, "is a game tree; classroom export supports normal-form"),
        (DATA / "treasury_card.efg", {}, "is a game tree"),
        ("deal_bargaining", {}, "is a bargaining"),
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
    assert main(["classroom", "export", "treasury_leverage", "--out", str(tmp_path / "t")]) == 2
    assert "is a game tree" in capsys.readouterr().err
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
