"""Benchmark: a large class on one classroom server (issue 19).

Exports a normal-form game (the currency claims of lesson 3, fixed pairs, ``--rounds``
rounds), serves it with ``negotiation classroom serve`` on localhost (SQLite in the
project folder, or ``--database-url``), creates a session of ``--participants`` in the
room over oTree's REST API, and plays it through over HTTP as students would: each
student, a thread with its own cookies, opens the room link, answers the comprehension
question, then in each round chooses (the game's equilibrium mix) and submits, reloads
the wait page until the partner has chosen, and goes on from the results. Students
arrive spread over ``--arrival`` seconds and think up to ``--think`` seconds before each
submission. oTree's own pages and forms are used, not its in-process bots.

Bounded: every request has a 30 s timeout, each student makes at most
``(8 + rounds * (3 + POLLS)) * (1 + RETRIES)`` requests (a wait page is reloaded every
second at most ``POLLS`` times per round; a request answered with a server error is sent
again after a second at most ``RETRIES`` times, as a student reloads, and counted in
the table's errors), and the whole run stops after ``--timeout`` seconds.

At the end the data are exported (``/api/export_wide``) and read back with
:func:`negotiation.classroom.load`: a decision is *lost* when a choice a student
submitted (and the server accepted) is not in the export as made. The table gives
each page's median and p95 response time; the last line reads
``N participants, R rounds: p95 X ms, lost K of M decisions``.

Targets on the project's 2-core machine: 200 participants, 10 rounds, p95 <= 500 ms
on SQLite and lost 0; the same on PostgreSQL. Exit status 1 when a target is missed.

Run: ``.venv/bin/python benchmarks/classroom_load.py --participants 200 --rounds 10
[--database-url postgresql://...]`` (a few minutes; oTree from ``make classroom``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import requests

from negotiation.classroom import export, load, prediction

P95_TARGET_MS = 500.0
POLLS = 120
#: A request that fails with a server error is sent again (after 1 s) this many times.
RETRIES = 2
GAME = "currency_claims"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Timings:
    """Response times by page, shared by the students' threads."""

    by_page: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.by_page[page].append(seconds)
            if not ok:
                self.errors[page] += 1


def page_of(url: str) -> str:
    """oTree's page name in a participant URL (``/p/CODE/APP/PAGE/N``)."""
    found = re.search(r"/p/[^/]+/[^/]+/([^/]+)/\d+", url)
    return found[1] if found else url.rsplit("/", 1)[-1].split("?")[0] or "?"


class Student(threading.Thread):
    """One student's browser: plays the session through, recording what was submitted."""

    def __init__(
        self,
        base: str,
        rounds: int,
        answer: dict[str, float],
        mix: dict[str, dict[str, float]],
        timings: Timings,
        deadline: float,
        arrive: float,
        think: float,
        seed: int,
    ) -> None:
        super().__init__(daemon=True)
        self.base, self.rounds, self.answer, self.mix = base, rounds, answer, mix
        self.timings, self.deadline, self.arrive, self.think = timings, deadline, arrive, think
        self.random = random.Random(seed)
        self.http = requests.Session()
        self.code = ""
        self.role = ""
        self.submitted: dict[int, str] = {}  # round -> choice the server accepted
        self.failure = ""
        self.requests = 0
        self.budget = (8 + rounds * (3 + POLLS)) * (1 + RETRIES)

    def _call(self, method: str, url: str, label: str, **kw: object) -> requests.Response:
        """One request, timed; a server error is retried as a student would (reload, resend)."""
        for attempt in range(1 + RETRIES):
            if self.requests >= self.budget:
                raise RuntimeError("request budget spent")
            if time.monotonic() > self.deadline:
                raise RuntimeError("time is up")
            self.requests += 1
            start = time.perf_counter()
            try:
                answer = self.http.request(method, url, timeout=30, **kw)  # type: ignore[arg-type]
            except requests.RequestException:
                self.timings.add(label, time.perf_counter() - start, ok=False)
                if attempt == RETRIES:
                    raise
            else:
                ok = answer.status_code == 200
                self.timings.add(label, time.perf_counter() - start, ok=ok)
                if ok:
                    return answer
                if attempt == RETRIES or answer.status_code < 500:
                    raise RuntimeError(f"{label}: HTTP {answer.status_code}")
            time.sleep(1.0)
        raise AssertionError("unreachable")

    def _pause(self) -> None:
        time.sleep(self.random.uniform(0, self.think))

    def run(self) -> None:
        try:
            self._play()
        except Exception as exc:  # a student's failure is reported, not raised
            self.failure = f"{type(exc).__name__}: {exc}"
        finally:
            self.http.close()

    def _play(self) -> None:
        time.sleep(self.arrive)
        page = self._call("GET", f"{self.base}/room/talks?welcome_page_ok=1", "room link")
        found = re.search(r"/p/([^/]+)/", page.url)
        if not found:
            raise RuntimeError(f"the room link did not lead to a page: {page.url}")
        self.code = found[1]
        role = re.search(r"You play <strong>(\w+)</strong>", page.text)
        if not role:
            raise RuntimeError("no role on the instructions page")
        self.role = role[1]
        self._pause()
        page = self._call(
            "POST", page.url, "Instructions submit", data={"check_points": self.answer[self.role]}
        )
        labels = list(self.mix[self.role])
        weights = list(self.mix[self.role].values())
        for rnd in range(1, self.rounds + 1):
            if page_of(page.url) != "Decide":
                raise RuntimeError(f"round {rnd}: expected the decision page, got {page.url}")
            choice = self.random.choices(labels, weights)[0]
            self._pause()
            page = self._call("POST", page.url, "Decide submit", data={"choice": choice})
            if page_of(page.url) in ("Decide", "Instructions"):
                raise RuntimeError(f"round {rnd}: the choice was refused")
            self.submitted[rnd] = choice
            polls = 0
            while page_of(page.url) != "Results":
                polls += 1
                if polls > POLLS:
                    raise RuntimeError(f"round {rnd}: the wait page never moved on")
                time.sleep(1.0)
                page = self._call("GET", page.url, "ResultsWaitPage reload")
            self._pause()
            page = self._call("POST", page.url, "Results submit")


def start_server(
    project: pathlib.Path, port: int, key: str, database_url: str | None, log: pathlib.Path
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "negotiation", "classroom", "serve", str(project)]
    command += ["--port", str(port)]
    if database_url:
        command += ["--database-url", database_url]
    env = dict(os.environ, OTREE_REST_KEY=key)
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if "Students open:" in log.read_text(errors="replace"):
            return process
        if process.poll() is not None:
            break
        time.sleep(0.3)
    stop_server(process)
    raise SystemExit(f"classroom serve did not start:\n{log.read_text(errors='replace')[-3000:]}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # serve stops oTree and its helper
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--think", type=float, default=3.0, help="most seconds before a submit")
    parser.add_argument("--arrival", type=float, default=20.0, help="seconds students arrive over")
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds for the whole run")
    parser.add_argument(
        "--keep", type=pathlib.Path, default=None, help="keep the project, data and log here"
    )
    args = parser.parse_args(argv)
    if args.participants < 2 or args.participants % 2:
        parser.error("--participants must be an even number of at least 2 (students play in pairs)")
    if not 1 <= args.rounds <= 100:
        parser.error("--rounds must be from 1 to 100")

    work = args.keep or pathlib.Path(tempfile.mkdtemp(prefix="classroom-load-"))
    work.mkdir(parents=True, exist_ok=True)
    project = export(GAME, work / "class", rounds=args.rounds)
    mix = prediction(GAME)
    points = _question_answers(project)
    key = secrets.token_urlsafe(16)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    where = "PostgreSQL" if args.database_url else "SQLite"
    print(f"Serving {GAME} on {where} (port {port}); data and logs in {work}", flush=True)
    server = start_server(project, port, key, args.database_url, work / "serve.log")
    try:
        created = requests.post(
            f"{base}/api/sessions",
            json={
                "session_config_name": GAME,
                "num_participants": args.participants,
                "room_name": "talks",
            },
            headers={"otree-rest-key": key},
            timeout=120,
        )
        created.raise_for_status()
        session = created.json()["code"]
        timings = Timings()
        started = time.monotonic()
        deadline = started + args.timeout
        students = [
            Student(
                base,
                args.rounds,
                points,
                mix,
                timings,
                deadline,
                arrive=args.arrival * k / args.participants,
                think=args.think,
                seed=k,
            )
            for k in range(args.participants)
        ]
        for s in students:
            s.start()
        for s in students:
            s.join(max(0.0, deadline - time.monotonic()) + 60)
        elapsed = time.monotonic() - started
        for _ in range(5):  # the export too can meet a locked SQLite file (see the how-to)
            answer = requests.get(
                f"{base}/api/export_wide", headers={"otree-rest-key": key}, timeout=300
            )
            if answer.status_code == 200:
                break
            time.sleep(3)
        answer.raise_for_status()
        (work / "all_apps_wide.csv").write_text(answer.text, encoding="utf-8")
    finally:
        stop_server(server)

    table = load(work / "all_apps_wide.csv", app=GAME).where(session=session)
    exported = {(r["participant"], r["round"]): r["choice"] for r in table}
    made = {(s.code, rnd): c for s in students for rnd, c in s.submitted.items()}
    decisions = args.participants * args.rounds
    lost = sum(exported.get(k) != c for k, c in made.items())
    not_made = decisions - len(made)  # a decision never submitted (a student who failed)
    failures = [s.failure for s in students if s.failure]

    print(f"\n{'page':<26}{'requests':>9}{'errors':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    everything = []
    for page, times in sorted(timings.by_page.items()):
        ms = np.array(times) * 1000
        everything.extend(ms)
        print(
            f"{page:<26}{len(ms):>9}{timings.errors.get(page, 0):>8}"
            f"{np.median(ms):>11.0f}{np.percentile(ms, 95):>9.0f}{ms.max():>9.0f}"
        )
    p95 = float(np.percentile(everything, 95)) if everything else float("nan")
    requests_made = sum(s.requests for s in students)
    print(
        f"{requests_made} requests in {elapsed:.0f} s; {len(made)} of {decisions} decisions "
        f"submitted; {len(failures)} students failed"
        + (f" (first: {failures[0]})" if failures else "")
    )
    errors = sum(timings.errors.values())
    print(
        f"{where}: {len(exported)} decisions in the export of session {session}; "
        f"{errors} failed requests; {lost} accepted by the server but missing from the export, "
        f"{not_made} never made (the student's pages failed)"
    )
    print(
        f"{args.participants} participants, {args.rounds} rounds: p95 {p95:.0f} ms, "
        f"lost {lost + not_made} of {decisions} decisions"
    )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)  # the class's data and the server's log
    return 0 if p95 <= P95_TARGET_MS and lost + not_made == 0 else 1


def _question_answers(project: pathlib.Path) -> dict[str, float]:
    """Each role's answer to the comprehension question, read from the generated app."""
    import ast

    tree = ast.parse((project / GAME / "__init__.py").read_text(encoding="utf-8"))
    c = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "C")
    values = {
        n.targets[0].id: ast.literal_eval(n.value)
        for n in c.body
        if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
    }
    i, j = values["QUESTION_CELL"]
    return {
        values["ROW_ROLE"]: values["PAYOFFS"][i][j][0],
        values["COL_ROLE"]: values["PAYOFFS"][i][j][1],
    }


if __name__ == "__main__":
    sys.exit(main())
