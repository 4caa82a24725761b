"""Classroom apps of game trees, alternating offers and the ultimatum game, and students who drop out.

Each kind of app is generated, played headless by oTree's bots (``otree test APP N``, one
session per bot case: equilibrium play, random play, and a student who lets every
decision page time out), exported, read back with :func:`negotiation.classroom.load`
and checked against the equilibrium computed here by the library, not by the app.
An odd number of participants leaves one student to play the computer player.
oTree runs from ``.venv-classroom`` (see ``tests/test_classroom.py``); the tests that need
it are skipped, saying why, only when it is not installed.
"""

from __future__ import annotations

import ast
import csv
import json
import math
import os
import pathlib
import re
import shutil
import socket
import subprocess
import time

import pytest
import sympy

from negotiation.bargaining.offers import alternating_offers, linear_schedule
from negotiation.classroom import OffersGame, export, load, read_manifest, ultimatum
from negotiation.cli import main
from negotiation.information import weak_perfect_bayesian
from negotiation.models import MODELS
from negotiation.models.deal_bargaining import ROUNDS, offers
from negotiation.trees import GameTree, decision, subgame_perfect
from negotiation.trees.examples import beer_quiche

ROOT = pathlib.Path(__file__).parent.parent
DATA = pathlib.Path(__file__).parent / "data"
CASES = ("equilibrium", "random", "dropout")


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


@pytest.fixture
def otree() -> pathlib.Path:
    given = os.environ.get("NEGOTIATION_OTREE")
    candidates = [given] if given else []
    candidates += [str(ROOT / ".venv-classroom" / "bin" / "otree"), shutil.which("otree")]
    for c in candidates:
        if c and pathlib.Path(c).is_file():
            return pathlib.Path(c)
    pytest.skip(
        "oTree is not installed: 'make test' installs it in .venv-classroom "
        "(or set NEGOTIATION_OTREE to an otree executable)"
    )


def run_bots(otree: pathlib.Path, project: pathlib.Path, app: str, n: int, to: pathlib.Path):
    """``otree test APP N --export``: every bot case, one session each; the seconds it took."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(otree.parent), env.get("PATH", "")])
    env.pop("DATABASE_URL", None)
    started = time.monotonic()
    run = subprocess.run(
        [str(otree), "test", app, str(n), "--export", str(to)],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    seconds = time.monotonic() - started
    assert run.returncode == 0, run.stdout[-4000:]
    assert run.stdout.count("Bots completed session") == len(CASES)
    print(f"otree test {app} {n}: {seconds:.1f} s")
    return seconds


def sessions_by_case(csv_path: pathlib.Path) -> dict[str, str]:
    """The bot case of each session: oTree creates (and exports) them in the order of cases."""
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        codes = list(dict.fromkeys(row["session.code"] for row in csv.DictReader(f)))
    assert len(codes) == len(CASES)
    return dict(zip(CASES, codes, strict=True))


def pairs(table, session):
    """The groups of a session, each as its list of rows (one or two students)."""
    found: dict[tuple[int, int], list[dict]] = {}
    for row in table.where(session=session):
        found.setdefault((row["round"], row["group"]), []).append(row)
    return list(found.values())


# --- export: what students are shown -------------------------------------------------------


def test_a_tree_app_shows_each_player_only_their_information_set(tmp_path):
    project = export(beer_quiche(), tmp_path / "bq", rounds=2, timeout_seconds=30)
    manifest = read_manifest(project)
    assert manifest["kind"] == "game tree" and manifest["matching"] == "by arrival"
    assert manifest["timeout_seconds"] == 30 and manifest["information_sets"] == 4
    c = constants(project, "beer_quiche")
    assert c["ROLES"] == ["Sender", "Receiver"] and c["TIMEOUT_SECONDS"] == 30
    after_beer = next(s for s in c["ISETS"] if s["name"] == "after beer")
    # the receiver sees the sender's breakfast, never the type chance drew
    assert "strong or weak <em>(you do not know which)</em>" in after_beer["seen"]
    assert "Sender: beer" in after_beer["seen"]
    strong = next(s for s in c["ISETS"] if s["name"] == "Sender at ('strong',)")
    assert "Chance: strong" in strong["seen"] and "weak" not in strong["seen"]
    # chance is drawn by the server with the tree's probabilities
    assert c["NODES"]["[]"] == {
        "kind": "chance", "actions": ["strong", "weak"], "probs": [0.9, 0.1]
    }  # fmt: skip
    # the equilibrium the bots and the computer play is the library's weak PBE
    pbe = weak_perfect_bayesian(beer_quiche())[0].profile
    assert [s["eq"] for s in c["ISETS"]] == [[float(p) for p in d] for d in pbe.probabilities]
    assert "cannot tell apart the points marked" in c["TREE_HTML"]


def test_tree_points_have_their_real_units_beside_them(tmp_path):
    project = export("treasury_leverage", tmp_path / "t", points_per_unit=10)
    c = constants(project, "treasury_leverage")
    tree = MODELS["treasury_leverage"].at()
    path, leaf = next(iter(tree.leaves()))
    node = c["NODES"][json.dumps(list(path))]
    assert node["points"] == [round(float(v) * 10, c["DECIMALS"]) for v in leaf.payoffs]
    assert node["real"][1].endswith("bn") and node["real"][0].endswith("% of GDP")
    assert "% of GDP)" in c["TREE_HTML"] and "points" in c["TREE_HTML"]


def test_offers_app_follows_the_models_rounds_of_talks(tmp_path):
    project = export("deal_bargaining", tmp_path / "talks", app="talks")
    c = constants(project, "talks")
    values = MODELS["deal_bargaining"].defaults
    result, pie, _ = offers(values)
    assert c["OFFER_ROUNDS"] == ROUNDS and c["PIE"] == round(float(pie))
    assert c["ROLES"] == ["Japan", "US"] and c["FIRST"] == 1  # the US opens
    japan = linear_schedule(values["patience_partner_start"], values["patience_partner_end"], 7)
    assert c["DISCOUNT"][0][2] == pytest.approx(float(japan[0] * japan[1]))
    for step, planned in zip(result.trace, c["PLAN"], strict=True):
        assert planned["proposer"] == step.proposer
        assert planned["offer"] == math.ceil(float(step.reservation) * c["PIE"] - 1e-9)
    assert c["PLAN"][-1]["offer"] == 0  # the deadline: a take-it-or-leave-it offer
    assert "Who offers" in c["TABLE_HTML"]


def test_ultimatum_app(tmp_path):
    project = export("ultimatum", tmp_path / "u")
    c = constants(project, "ultimatum")
    assert c["OFFER_ROUNDS"] == 1 and c["DECIMALS"] == 0 and c["DISCOUNT"] == [[1.0], [1.0]]
    assert c["PLAN"] == [{"proposer": 1, "reservation": 0.0, "offer": 0}]
    assert (
        "takes it or" not in c["INSTRUCTIONS_HTML"]
        and "rejects (both get" in c["INSTRUCTIONS_HTML"]
    )
    own = export(OffersGame(("A", "B"), 7, rounds=1), tmp_path / "own", app="own")
    assert constants(own, "own")["PIE"] == 7


# --- bad input -----------------------------------------------------------------------------


def test_bad_input_is_refused_clearly(tmp_path):
    three = GameTree(("Japan", "US", "EU"), decision("US", {"Deal": (1, 2, 0), "No": (0, 0, 0)}))
    with pytest.raises(ValueError, match=r"the game tree has 3 players \(Japan, US, EU\); .*two"):
        export(three, tmp_path / "x")
    efg = tmp_path / "three.efg"
    efg.write_text(
        'EFG 2 R "three" { "A" "B" "C" }\n'
        'p "" 1 1 "" { "L" "R" } 0\n'
        't "" 1 "" { 1, 0, 0 }\n'
        't "" 2 "" { 0, 1, 2 }\n'
    )
    with pytest.raises(ValueError, match="the game tree has 3 players"):
        export(efg, tmp_path / "x")
    symbolic = GameTree(("A", "B"), decision("A", {"L": (sympy.Symbol("c"), 0), "R": (0, 1)}))
    with pytest.raises(ValueError, match=r"needs numbers, .* substitute values first"):
        export(symbolic, tmp_path / "x")
    with pytest.raises(TypeError, match="game must be a BimatrixGame, a GameTree, an OffersGame"):
        export(object(), tmp_path / "x")
    with pytest.raises(ValueError, match="is a linkage; classroom export supports"):
        export("issue_linkage", tmp_path / "x")
    with pytest.raises(
        ValueError, match="timeout_seconds must be an integer from 5 to 3600, got 1"
    ):
        export("ultimatum", tmp_path / "x", timeout_seconds=1)
    with pytest.raises(ValueError, match="partner_wait_seconds must be an integer"):
        export("ultimatum", tmp_path / "x", partner_wait_seconds=0)
    with pytest.raises(ValueError, match=re.escape("delta2 must hold 2 discount factors")):
        OffersGame(("A", "B"), 10, rounds=3, delta1=(0.9, 0.9), delta2=(0.9,))
    with pytest.raises(ValueError, match=r"delta1 must be discount factors in \(0, 1\]"):
        OffersGame(("A", "B"), 10, rounds=2, delta1=(1.5,), delta2=(0.9,))
    with pytest.raises(ValueError, match="players must be two different names"):
        ultimatum(players=("A", "A"))
    with pytest.raises(ValueError, match="pie must be a positive number"):
        ultimatum(pie=0)
    with pytest.raises(ValueError, match="less than one point"):
        export(ultimatum(pie=0.2, unit="$bn"), tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_cli_exports_a_tree_file_and_the_ultimatum_game(tmp_path, capsys):
    out = tmp_path / "card"
    efg = DATA / "treasury_card.efg"
    assert (
        main(["classroom", "export", str(efg), "--out", str(out), "--timeout-seconds", "45"]) == 0
    )
    printed = capsys.readouterr().out
    assert "takes more than 45 s to decide is replaced by the computer" in printed
    assert read_manifest(out)["kind"] == "game tree"
    assert main(["classroom", "export", "ultimatum", "--out", str(tmp_path / "u")]) == 0
    assert read_manifest(tmp_path / "u")["kind"] == "ultimatum"
    assert "pairs formed by arrival" in capsys.readouterr().out
    talks = ["classroom", "export", "deal_bargaining", "--scenario", "july-2025-deal"]
    assert main([*talks, "--out", str(tmp_path / "t"), "--app", "talks", "--rounds", "2"]) == 0
    assert "(2 rounds, each up to 8 rounds of offers" in capsys.readouterr().out
    assert read_manifest(tmp_path / "t")["title"] == "Bargaining over the deal (july-2025-deal)"
    code = main(["classroom", "export", "tariff_standoff", "--out", str(tmp_path / "n"),
                 "--timeout-seconds", "4"])  # fmt: skip
    assert code == 2 and "timeout_seconds must be an integer from 5" in capsys.readouterr().err


# --- oTree's bots, the data read back -------------------------------------------------------


def test_tree_with_information_sets_and_chance_played_by_bots(tmp_path, otree):
    tree = beer_quiche()
    project = export(tree, tmp_path / "p", rounds=2, timeout_seconds=30)
    run_bots(otree, project, "beer_quiche", 3, tmp_path / "bots")  # an odd number
    table = load(tmp_path / "bots" / "beer_quiche.csv", app="beer_quiche")
    case = sessions_by_case(tmp_path / "bots" / "beer_quiche.csv")
    assert len(table) == 3 * 2 * len(CASES)  # every student, every round, every case
    pbe = weak_perfect_bayesian(tree)[0].profile
    points = {p: leaf.payoffs for p, leaf in tree.leaves()}
    for row in table:
        path = tuple(json.loads(row["path"]))
        # the points are the leaf's, chance is recorded, and a student's moves are on the path
        assert row["points"] == float(points[path][0 if row["role"] == "Sender" else 1])
        assert json.loads(row["chance"]) == [path[0]]
        assert row["choice"] == path[1 if row["role"] == "Sender" else 2]
    for session in case.values():
        for group in pairs(table, session):
            # one student alone per round plays the computer, marked; the others in pairs
            if len(group) == 1:
                assert group[0]["partner"] == "computer"
            else:
                assert {r["partner"] for r in group} == {"student"}
                assert sorted(r["role"] for r in group) == ["Receiver", "Sender"]
                assert group[0]["choice"] == group[1]["partner_choice"]
        assert sum(len(g) == 1 for g in pairs(table, session)) == 2  # one per round
    # equilibrium play: the pooling equilibrium on beer, whatever chance drew
    played = table.where(session=case["equilibrium"])
    expected = {
        s.player: dict(zip(s.actions, d, strict=True))
        for s, d in zip(tree.information_sets(), pbe.probabilities, strict=True)
        if s.label == "after beer" or s.player == "Sender"
    }
    assert expected["Sender"]["beer"] == 1 and expected["Receiver"]["don't"] == 1
    assert set(played.where(role="Sender").column("choice")) == {"beer"}
    assert set(played.where(role="Receiver").column("choice")) == {"don't"}
    # the dropout: every move of the student in the first role was the computer's, marked
    dropped = table.where(session=case["dropout"])
    marked = dropped.where(played_by="computer")
    assert len(marked) >= 1 and all(r["timeouts"] >= 1 for r in marked)
    assert set(marked.where(role="Sender").column("choice")) <= {"beer"}
    assert set(marked.where(role="Receiver").column("choice")) <= {"don't"}
    assert len(table.students()) + len(table.computer()) == len(table)
    assert all(r["played_by"] == "student" for r in table.where(session=case["random"]))


def test_perfect_information_tree_follows_the_subgame_perfect_path(tmp_path, otree):
    project = export("treasury_leverage", tmp_path / "p", rounds=1)
    run_bots(otree, project, "treasury_leverage", 2, tmp_path / "bots")
    table = load(tmp_path / "bots" / "all_apps_wide.csv")
    case = sessions_by_case(tmp_path / "bots" / "treasury_leverage.csv")
    spe = subgame_perfect(MODELS["treasury_leverage"].at())[0]
    played = table.where(session=case["equilibrium"])
    assert len(played) == 2
    assert {tuple(json.loads(p)) for p in played.column("path")} == {spe.path}


def test_alternating_offers_played_by_bots(tmp_path, otree):
    project = export("deal_bargaining", tmp_path / "p", rounds=1, app="talks")
    run_bots(otree, project, "talks", 2, tmp_path / "bots")
    table = load(tmp_path / "bots" / "talks.csv", app="talks")
    case = sessions_by_case(tmp_path / "bots" / "talks.csv")
    values = MODELS["deal_bargaining"].defaults
    _, pie_bn, _ = offers(values)
    pie = round(float(pie_bn))
    steps = ROUNDS - 1
    spe = alternating_offers(
        linear_schedule(values["patience_partner_start"], values["patience_partner_end"], steps),
        linear_schedule(values["patience_us_start"], values["patience_us_end"], steps),
        rounds=ROUNDS,
        first="US",
        players=("Japan", "US"),
    )
    japan_gets = math.ceil(float(spe.shares[0]) * pie - 1e-9)  # the least whole points
    played = table.where(session=case["equilibrium"])
    assert len(played) == 2
    assert set(played.column("agreement_round")) == {1} == {spe.agreement_round}
    assert set(played.column("first_offer")) == {japan_gets}
    assert played.where(role="Japan").column("share") == [japan_gets]
    assert played.where(role="US").column("share") == [pie - japan_gets]
    assert played.where(role="US").column("choice") == [f"offer {japan_gets}"]
    assert played.where(role="Japan").column("choice") == ["accept"]
    for row in table:  # points are the share at its discounted value (round 1: undiscounted)
        if row["agreement_round"] == 1:
            assert row["points"] == row["share"]
        elif row["agreement_round"] is None:
            assert row["points"] == 0 and row["share"] == 0
        else:
            assert row["points"] <= row["share"]
    dropped = table.where(session=case["dropout"])
    assert {r["played_by"] for r in dropped} == {"student", "computer"}
    assert all(r["timeouts"] >= 1 for r in dropped.where(played_by="computer"))
    assert all(r["timeouts"] == 0 for r in dropped.where(played_by="student"))


def test_a_normal_form_student_who_times_out_is_replaced(tmp_path, otree):
    project = export("tariff_standoff", tmp_path / "p", rounds=2, timeout_seconds=60)
    assert constants(project, "tariff_standoff")["TIMEOUT_SECONDS"] == 60
    assert read_manifest(project)["timeout_seconds"] == 60
    run_bots(otree, project, "tariff_standoff", 2, tmp_path / "bots")
    table = load(tmp_path / "bots" / "tariff_standoff.csv", app="tariff_standoff")
    case = sessions_by_case(tmp_path / "bots" / "tariff_standoff.csv")
    game = MODELS["tariff_standoff"].at()
    dropped = table.where(session=case["dropout"])
    # the US student timed out every round: the computer chose for them, with the
    # equilibrium (the US holds), and their partner's points follow from that choice
    assert dropped.where(role="US").column("played_by") == ["computer", "computer"]
    assert dropped.where(role="US").column("timeouts") == [1, 1]
    assert set(dropped.where(role="US").column("choice")) == {"Hold"}
    assert set(dropped.where(role="Japan").column("played_by")) == {"student"}
    for row in dropped.where(role="Japan"):
        assert row["points"] == pytest.approx(float(game.payoff("Hold", row["choice"])[1]))
    assert len(table.computer()) == 2 and len(table.students()) == len(table) - 2
    # without a timeout the app has neither the timeout nor the third bot case
    plain = export("tariff_standoff", tmp_path / "plain")
    assert constants(plain, "tariff_standoff")["TIMEOUT_SECONDS"] is None
    assert (
        "cases = ['equilibrium', 'random']" in (plain / "tariff_standoff" / "tests.py").read_text()
    )


def test_ultimatum_with_an_odd_number_of_students(tmp_path, otree):
    project = export("ultimatum", tmp_path / "p", rounds=2)
    run_bots(otree, project, "ultimatum", 3, tmp_path / "bots")
    table = load(tmp_path / "bots" / "all_apps_wide.csv", app="ultimatum")
    case = sessions_by_case(tmp_path / "bots" / "ultimatum.csv")
    pie = constants(project, "ultimatum")["PIE"]
    assert len(table) == 3 * 2 * len(CASES)
    for session in case.values():
        groups = pairs(table, session)
        assert sorted(len(g) for g in groups) == [1, 1, 2, 2]  # each round: a pair and one alone
        for g in groups:
            assert {r["partner"] for r in g} == ({"computer"} if len(g) == 1 else {"student"})
    played = table.where(session=case["equilibrium"])
    # subgame-perfect play: the US offers nothing and Japan accepts, also against the computer
    assert set(played.column("first_offer")) == {0}
    assert set(played.where(role="US").column("points")) == {pie}
    assert set(played.where(role="Japan").column("points")) == {0}
    assert set(played.where(role="Japan").column("choice")) == {"accept"}
    # students' own choices apart from the computer's
    assert all(r["partner"] == "computer" for r in played.computer())
    assert len(played.students()) == 4 and len(played.computer()) == 2


# --- a real server: a student who leaves ----------------------------------------------------


def page_name(page) -> str:
    """The page of a participant's URL: /p/CODE/APP/PAGE/INDEX."""
    return page.url.rstrip("/").split("/")[-2]


@pytest.mark.slow
def test_a_student_who_leaves_is_replaced_on_the_server(tmp_path, otree, monkeypatch):
    """prodserver, a session in the room, two students; one leaves after the instructions.

    oTree's timeout worker submits the gone student's page; on SQLite it can fail to
    (oTree 6.0.15 locks the database while it asks the server), so the teacher's
    "Advance slowest participants" (the Monitor tab) is pressed when the partner still
    waits: either way the page is submitted as timed out and the computer plays.
    """
    import requests

    from negotiation.classroom import start
    from negotiation.classroom.server import PID_FILE

    key, password = "rest-key-for-the-test", "teacher-password-for-the-test"
    monkeypatch.setenv("OTREE_REST_KEY", key)
    project = export("ultimatum", tmp_path / "class", rounds=1, timeout_seconds=5)
    answer = constants(project, "ultimatum")["QUESTION_SHARE"]  # round 1: no discount
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = start(project, port=port, admin_password=password, otree=otree, timeout=120)
    base = f"http://127.0.0.1:{port}"
    try:
        made = requests.post(
            f"{base}/api/sessions",
            json={"session_config_name": "ultimatum", "num_participants": 2, "room_name": "talks"},
            headers={"otree-rest-key": key},
            timeout=30,
        )
        assert made.status_code == 201 or made.status_code == 200, made.text
        code = made.json()["code"]
        staying, leaving = requests.Session(), requests.Session()
        pages = {
            "staying": staying.get(f"{base}/room/talks?welcome_page_ok=1", timeout=30),
            "leaving": leaving.get(f"{base}/room/talks?welcome_page_ok=1", timeout=30),
        }
        # the student who leaves answers the question, then closes the tab
        page = pages["leaving"]
        for _ in range(20):
            if page_name(page) == "Instructions":
                page = leaving.post(page.url, data={"check_points": answer}, timeout=30)
                break
            time.sleep(0.5)
            page = leaving.get(page.url, timeout=30)
        assert page_name(page) != "Instructions", page.url
        teacher = requests.Session()
        form = teacher.get(f"{base}/login", timeout=30)
        token = re.search(r'name="csrftoken" value="(\d+)"', form.text)[1]
        teacher.post(
            f"{base}/login",
            data={"username": "admin", "password": password, "csrftoken": token},
            timeout=30,
        )
        page, advanced, started = pages["staying"], 0, time.monotonic()
        while page_name(page) != "Results" and time.monotonic() - started < 90:
            name = page_name(page)
            if name == "Instructions":
                page = staying.post(page.url, data={"check_points": answer}, timeout=30)
            elif name.startswith("Propose") and "Wait" not in name:
                page = staying.post(page.url, data={"offer_points": 10}, timeout=30)
            elif name.startswith("Respond") and "Wait" not in name:
                page = staying.post(page.url, data={"answer": "Accept"}, timeout=30)
            else:  # a wait page: past the timeout, the teacher advances the slowest
                time.sleep(1)
                if time.monotonic() - started > 8 + 4 * advanced:
                    teacher.post(
                        f"{base}/AdvanceSession/{code}",
                        data={"advancemode": "all", "csrftoken": token},
                        timeout=30,
                    )
                    advanced += 1
                page = staying.get(page.url, timeout=30)
        assert page_name(page) == "Results", (page.url, advanced)
        print(f"the partner reached the results after {time.monotonic() - started:.0f} s "
              f"({advanced} presses of 'Advance slowest participants')")  # fmt: skip
        export_csv = requests.get(
            f"{base}/api/export_app?app=ultimatum", headers={"otree-rest-key": key}, timeout=30
        )
        (tmp_path / "class.csv").write_text(export_csv.text, encoding="utf-8")
    finally:
        server.stop()
    assert not (project / PID_FILE).exists()
    table = load(tmp_path / "class.csv", app="ultimatum")
    assert len(table) == 2 and {r["partner"] for r in table} == {"student"}
    gone = table.where(played_by="computer")
    stayed = table.where(played_by="student")
    assert len(gone) == 1 and len(stayed) == 1 and gone.column("timeouts") == [1]
    # the computer played the equilibrium for the student who left
    if gone.column("role") == ["US"]:
        assert gone.column("choice") == ["offer 0"] and stayed.column("choice") == ["accept"]
    else:
        assert gone.column("choice") == ["accept"] and stayed.column("choice") == ["offer 10"]
    assert set(table.column("agreement_round")) == {1}
    assert len(table.students()) == 1 and len(table.computer()) == 1


@pytest.mark.slow
def test_a_student_alone_plays_the_computer_after_the_wait(tmp_path, otree, monkeypatch):
    """A session of 4 places, one student comes: after partner_wait_seconds, the computer."""
    import requests

    from negotiation.classroom import start

    key = "rest-key-for-the-test"
    monkeypatch.setenv("OTREE_REST_KEY", key)
    project = export("ultimatum", tmp_path / "class", rounds=1, partner_wait_seconds=2)
    answer = constants(project, "ultimatum")["QUESTION_SHARE"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = start(project, port=port, admin_password="teacher-password-x", otree=otree)
    base = f"http://127.0.0.1:{port}"
    try:
        made = requests.post(
            f"{base}/api/sessions",
            json={"session_config_name": "ultimatum", "num_participants": 4, "room_name": "talks"},
            headers={"otree-rest-key": key},
            timeout=30,
        )
        assert made.status_code in (200, 201), made.text
        student = requests.Session()
        page = student.get(f"{base}/room/talks?welcome_page_ok=1", timeout=30)
        assert page_name(page) == "Grouping"  # nobody to pair with yet
        started = time.monotonic()
        while page_name(page) == "Grouping" and time.monotonic() - started < 20:
            time.sleep(0.5)  # the browser reloads a grouping page every 10 to 70 s
            page = student.get(page.url, timeout=30)
        waited = time.monotonic() - started
        assert page_name(page) == "Instructions" and waited >= 1.5, (page.url, waited)
        assert "against the computer" in page.text
        page = student.post(page.url, data={"check_points": answer}, timeout=30)
        for _ in range(20):
            name = page_name(page)
            if name == "Results":
                break
            if name.startswith("Propose") and "Wait" not in name:
                page = student.post(page.url, data={"offer_points": 5}, timeout=30)
            elif name.startswith("Respond") and "Wait" not in name:
                page = student.post(page.url, data={"answer": "Accept"}, timeout=30)
            else:
                page = student.get(page.url, timeout=30)
        assert page_name(page) == "Results", page.url
        export_csv = requests.get(
            f"{base}/api/export_app?app=ultimatum", headers={"otree-rest-key": key}, timeout=30
        )
        (tmp_path / "class.csv").write_text(export_csv.text, encoding="utf-8")
    finally:
        server.stop()
    table = load(tmp_path / "class.csv", app="ultimatum")
    assert len(table) == 1  # the three places nobody opened have no decisions
    [row] = list(table)
    assert row["partner"] == "computer" and row["played_by"] == "student"
    # the computer played the equilibrium: it offers 0 as the US, accepts 5 as Japan
    if row["role"] == "US":
        assert row["choice"] == "offer 5" and row["partner_choice"] == "accept"
    else:
        assert row["choice"] == "accept" and row["partner_choice"] == "offer 0"
    assert len(table.students()) == 0 and len(table.computer()) == 1
