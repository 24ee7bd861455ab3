"""Ground truth: versions and typed changes a correct crawl has stored after each step."""

from __future__ import annotations

from pathlib import Path

from newscrawl.replay import ReplayServer, Schedule, Script, ground_truth, running
from tests.replay.conftest import BREXIT_V1, BREXIT_V2, COP27, NHS, make_script, request, step

BASE = "http://127.0.0.1:9"


def article(truth: dict, name: str) -> dict:
    (found,) = [a for a in truth["articles"].values() if a["name"] == name]
    return found


def changes(truth: dict, name: str) -> list[tuple[int, list[str], list[str]]]:
    return [(c["to_version"], c["kinds"], c["edits"]) for c in article(truth, name)["changes"]]


def test_demo_truth_at_the_end(demo_script: Script) -> None:
    truth = ground_truth(demo_script, len(demo_script.steps) - 1, BASE)
    assert changes(truth, "economy") == [
        (2, ["headline"], ["headline_changed"]),
        (3, ["headline"], ["headline_changed"]),  # the A/B test's first flip
    ]
    assert changes(truth, "rbs") == [(2, ["body"], ["paragraph_edited"])]  # redesign: none
    assert article(truth, "rbs")["status"] == "gone"
    assert changes(truth, "cop27") == [
        (2, ["body", "correction"], ["correction_added", "paragraph_edited"]),
        (3, ["body"], ["paragraph_moved"]),
    ]
    # The cut made during the 503 is caught at the next step.
    assert changes(truth, "brexit") == [
        (2, ["body"], ["paragraph_added"]),
        (3, ["body"], ["paragraph_deleted"]),
    ]
    assert [c["step"] for c in article(truth, "brexit")["changes"]] == [2, 4]


def test_truth_grows_step_by_step(demo_script: Script) -> None:
    counts = [
        {a["name"]: a["versions"] for a in ground_truth(demo_script, i, BASE)["articles"].values()}
        for i in range(len(demo_script.steps))
    ]
    assert counts[0] == {"brexit": 1, "cop27": 1, "economy": 1, "rbs": 1}
    assert counts[1] == {"brexit": 1, "cop27": 1, "economy": 2, "rbs": 2}
    assert counts[3]["brexit"] == 2  # the fault hides the cut...
    assert counts[4]["brexit"] == 3  # ...until the next run
    assert counts[5]["economy"] == counts[4]["economy"] == 3  # flip-flops add nothing


def test_flipflop_back_and_forth_adds_one_version(corpus: Path) -> None:
    script = make_script(
        corpus,
        {"a": NHS},
        [[{"publish": "a"}], [{"flipflop": "a", "text": "Headline B"}], [], [], []],
    )
    truth = ground_truth(script, 4, BASE)
    outcomes = [c["outcome"] for c in article(truth, "a")["checks"]]
    assert outcomes == ["new", "version", "flipflop", "unchanged", "flipflop"]
    assert article(truth, "a")["versions"] == 2


def test_no_version_for_template_boundaries_or_reverts(corpus: Path) -> None:
    script = make_script(
        corpus,
        {"a": BREXIT_V1},
        [
            [{"publish": "a"}],
            [{"template": "a", "page": BREXIT_V2}],
            [{"split": "a", "at": 0, "after": "Boris Johnson has apologised"}],
            [{"merge": "a", "at": 0}],
            [{"edit": "a", "at": 1, "old": "deep regret", "new": "great regret"}],
            [{"edit": "a", "at": 1, "old": "great regret", "new": "deep regret"}],
        ],
    )
    truth = ground_truth(script, 5, BASE)
    outcomes = [c["outcome"] for c in article(truth, "a")["checks"]]
    assert outcomes == ["new", "unchanged", "unchanged", "unchanged", "version", "flipflop"]
    assert article(truth, "a")["versions"] == 2


def test_rechecks_follow_the_schedule(corpus: Path) -> None:
    script = ground_truth_script(corpus)
    truth = ground_truth(script, 3, BASE)
    fetched = [sorted(s["fetches"].values()) for s in truth["steps"]]
    # publish at 08:00; 08:10 is too soon; 08:40 is due (30 min); 09:00 is not (36 min).
    assert fetched == [["new"], [], ["not_modified"], []]
    slower = ground_truth(script, 3, BASE, Schedule(initial=3600))
    assert [len(s["fetches"]) for s in slower["steps"]] == [1, 0, 0, 1]  # due at 09:00


def ground_truth_script(corpus: Path) -> Script:
    from newscrawl.replay import from_dict

    times = ["08:00", "08:10", "08:40", "09:00"]
    return from_dict(
        {
            "articles": {"a": NHS},
            "steps": [
                {"time": f"2024-05-01T{t}:00Z", "do": [{"publish": "a"}] if i == 0 else []}
                for i, t in enumerate(times)
            ],
        },
        corpus,
    )


def test_failed_first_fetch_is_retried(corpus: Path) -> None:
    script = make_script(corpus, {"a": COP27}, [[{"publish": "a"}, {"fault": "a"}], []])
    truth = ground_truth(script, 1, BASE)
    assert [c["outcome"] for c in article(truth, "a")["checks"]] == ["failed", "new"]


def test_truth_endpoint(demo_server: ReplayServer, demo_script: Script) -> None:
    base = demo_server.base_url
    assert request(base + "/_replay/truth").json() == ground_truth(demo_script, 0, base)
    step(demo_server)
    assert request(base + "/_replay/truth").json()["step"] == 1
    assert request(base + "/_replay/truth?step=4").json() == ground_truth(demo_script, 4, base)
    custom = request(base + "/_replay/truth?initial=60&factor=2").json()
    assert custom["schedule"]["initial"] == 60 and custom["schedule"]["factor"] == 2
    assert request(base + "/_replay/truth?step=99").status == 400


def test_same_script_same_pages_byte_for_byte(demo_script: Script) -> None:
    def crawl_all(server: ReplayServer) -> list[bytes]:
        bodies = []
        for index in range(len(demo_script.steps)):
            step(server, to=index)
            for spec in demo_script.articles.values():
                bodies.append(request(server.base_url + spec.path).body)
        return bodies

    with running(demo_script) as one, running(demo_script) as two:
        first = crawl_all(one)
        assert request(one.base_url + "/_replay/reset", "POST").json()["step"] == 0
        again = crawl_all(one)
        other = [b.replace(two.base_url.encode(), one.base_url.encode()) for b in crawl_all(two)]
    assert first == again == other
    assert len(set(first)) > len(demo_script.articles)  # the pages did change over time


def test_step_and_reset_endpoints(demo_server: ReplayServer, demo_script: Script) -> None:
    base = demo_server.base_url
    state = request(base + "/_replay/state").json()
    assert (state["step"], state["time"], state["steps"]) == (0, "2024-05-01T08:00:00+00:00", 6)
    moved = step(demo_server)
    assert (moved["step"], moved["time"]) == (1, "2024-05-01T09:00:00+00:00")
    assert step(demo_server, to=5)["done"] is True
    refused = request(base + "/_replay/step", "POST")
    assert refused.status == 409 and "no step 6" in refused.json()["error"]
    assert request(base + "/_replay/reset", "POST").json()["step"] == 0
    assert request(base + "/_replay/state").json()["step"] == 0
