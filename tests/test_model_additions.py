"""The second edition of the format: what real procedures need, loaded and numbered as read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sopmodel.cli import main
from sopmodel.i18n import labels
from sopmodel.model import Layout, NoteLevel, Procedure, TimeRange
from sopmodel.model.values import format_range, parse_range
from sopmodel.source import LoadError, load_bytes
from sopmodel.views import number_steps, step_texts

MINUTE = dt.timedelta(minutes=1)


def _procedure(**extra: Any) -> str:
    import yaml

    data = {"sopmodel": 1, "kind": "procedure", "id": "P-1", "title": "T"}
    data.update({"steps": [{"title": "Only step"}], **extra})
    return yaml.safe_dump(data, allow_unicode=True)


def _load(**extra: Any) -> Procedure:
    document = load_bytes(_procedure(**extra), "p.yaml")
    assert isinstance(document, Procedure)
    return document


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10-15min", 10, 15),
        ("10 – 15 min", 10, 15),
        ("1h-90min", 60, 90),
        ("15-10min", 10, 15),
        ("30s", 0.5, 0.5),
        ("PT30M", 30, 30),
        ("1,5-2h", 90, 120),
    ],
)
def test_duration_ranges_and_seconds(text: str, low: float, high: float) -> None:
    value = parse_range(text)
    assert value == TimeRange(low * MINUTE, high * MINUTE)
    assert parse_range(format_range(value)) == value


def test_a_bad_range_says_how_to_write_one() -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(_procedure(steps=[{"title": "x", "duration": "10-min"}]), "p.yaml")
    message = str(caught.value)
    assert "p.yaml:" in message and "steps[0].duration" in message and "10-15min" in message


def test_a_step_done_by_several_roles_leads_with_the_first() -> None:
    document = _load(
        roles=[{"id": "buyer", "name": "Buyer"}, {"id": "finance", "name": "Finance"}],
        steps=[{"title": "Validate", "role": ["buyer", "finance"], "substeps": [{"title": "s"}]}],
    )
    step = document.steps[0]
    assert step.role_ids == ("buyer", "finance") and step.lead_role == "buyer"
    sub = number_steps(document)[1]
    assert sub.roles == ("buyer", "finance") and sub.role == "buyer"
    texts = step_texts(document, labels("en"))
    assert texts[0].who == "Who: Buyer with Finance"
    assert texts[1].who == ""  # a sub-step shows only roles of its own


def test_an_empty_role_list_is_refused_with_its_location() -> None:
    with pytest.raises(LoadError) as caught:
        load_bytes(_procedure(steps=[{"title": "x", "role": []}]), "p.yaml")
    assert "steps[0].role" in str(caught.value)


@pytest.mark.parametrize(
    "link", [{"title": "x"}, {"title": "x", "url": "https://a.b", "procedure": "P-2"}]
)
def test_a_link_needs_exactly_one_target(link: dict[str, str], capsys: Any, tmp_path: Any) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_procedure(links=[link]))
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len([line for line in out if "SCHEMA003" in line]) == 1
    assert "links[0]" in out[0] and "url" in out[0] and "procedure" in out[0]


def test_an_unknown_note_level_names_the_levels(capsys: Any, tmp_path: Any) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(_procedure(notes=[{"level": "deadly", "text": "x"}]))
    assert main(["validate", str(path)]) == 1
    (line, *_) = capsys.readouterr().out.splitlines()
    assert "notes[0].level" in line and "danger" in line and "caution" in line


def test_notes_are_ordered_most_serious_first_with_the_warning_among_them() -> None:
    document = _load(
        steps=[
            {
                "title": "x",
                "warning": "w",
                "notes": [{"level": "info", "text": "i"}, {"level": "danger", "text": "d"}],
            }
        ]
    )
    levels = [note.level for note in document.steps[0].all_notes()]
    assert levels == [NoteLevel.danger, NoteLevel.warning, NoteLevel.info]


def _deep() -> list[dict[str, Any]]:
    leaf = {"title": "leaf", "when": "it rains", "repeat": "for each box", "within": "4h"}
    return [
        {
            "title": "a",
            "substeps": [{"title": "b", "substeps": [{"title": "c", "substeps": [leaf]}]}],
        },
        {"title": "z"},
    ]


@pytest.mark.parametrize(
    ("layout", "labels_"),
    [
        ("hierarchical", ["1", "1.1", "1.1.1", "1.1.1.1", "2"]),
        ("steps", ["1", "a", "i", "1", "2"]),
        ("flowchart", ["1", "a", "i", "1", "2"]),
    ],
)
def test_sub_steps_nest_to_any_depth_numbered_for_the_layout(
    layout: str, labels_: list[str]
) -> None:
    document = _load(layout=layout, steps=_deep())
    assert document.layout is Layout(layout)
    numbered = number_steps(document)
    assert [item.label for item in numbered] == labels_
    assert [item.number for item in numbered] == ["1", "1.1", "1.1.1", "1.1.1.1", "2"]


def test_step_facts_in_french() -> None:
    document = _load(
        language="fr",
        steps=[{"title": "Peser", "when": "Le lot est nouveau", "duration": "10-15min",
                "within": "4h", "repeat": "pour chaque palette"}],
    )  # fmt: skip
    (text,) = step_texts(document, labels("fr"))
    assert text.facts() == [
        "Uniquement si\u00a0: Le lot est nouveau",
        "Durée\u00a0: 10–15\u00a0min",
        "Dans les 4\u00a0h suivant le début",
        "Répéter pour chaque palette",
    ]


def test_trials_approved_versions_and_plan_additions_load() -> None:
    document = _load(
        approvals=[{"role": "r", "name": "N", "version": "1.2.0"}],
        trials=[{"date": "2026-08-20", "tester": "Julie", "version": "1.2.0-rc1",
                 "outcome": "changes-needed", "steps": ["fit"], "remarks": "CRM field"}],
    )  # fmt: skip
    assert document.trials[0].outcome.value == "changes-needed"
    assert document.approvals[0].version == "1.2.0"
    import yaml

    plan = load_bytes(
        yaml.safe_dump(
            {
                "sopmodel": 1,
                "kind": "plan",
                "id": "PL",
                "title": "P",
                "start": "2027-01-04",
                "notes": [{"level": "warning", "text": "n"}],
                "links": [{"title": "Guide", "url": "https://a.b"}, {"procedure": "P-1"}],
                "risks": [{"risk": "r", "severity": "high", "mitigation": "m"}],
                "phases": [
                    {
                        "id": "p",
                        "name": "P",
                        "start": "2027-01-04",
                        "end": "2027-01-31",
                        "goals": ["g1", "g2"],
                    }
                ],
            }
        ),
        "plan.yaml",
    )
    assert plan.kind == "plan" and plan.phases[0].goals == ["g1", "g2"]  # type: ignore[union-attr]


def test_every_file_valid_before_stays_valid_and_equal(tmp_path: Any) -> None:
    old = _procedure(steps=[{"title": "x", "role": "r", "duration": "PT30M", "warning": "w"}])
    document = load_bytes(old, "p.yaml")
    assert isinstance(document, Procedure)
    step = document.steps[0]
    assert step.role == "r" and step.duration == TimeRange(30 * MINUTE, 30 * MINUTE)
    assert (
        document.model_dump(mode="json", exclude_defaults=True)["steps"][0]["duration"] == "30min"
    )
