"""sopmodel.changes: pairs of versions written for the purpose, compared as a person would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sopmodel
from sopmodel.changes import (
    Changes,
    ChangesError,
    ItemChangeKind,
    StepChange,
    StepChangeKind,
    compare,
    document_fingerprint,
    step_fingerprints,
)

DATA = Path(__file__).resolve().parent / "data" / "changes"


def load(name: str) -> sopmodel.Procedure:
    document = sopmodel.load(DATA / f"{name}.yaml")
    assert isinstance(document, sopmodel.Procedure)
    return document


def against_base(name: str) -> Changes:
    return compare(load("base"), load(name))


def only_step(changes: Changes) -> StepChange:
    assert len(changes.steps) == 1, [s.to_dict() for s in changes.steps]
    return changes.steps[0]


def test_a_document_compared_with_itself_has_no_change() -> None:
    changes = against_base("base")
    assert not changes
    assert changes.steps == () and changes.items == ()
    assert not changes.content_changed


def test_a_typo_fix_with_spacing_case_and_markup_edits_is_not_a_change() -> None:
    base, typo = load("base"), load("typo")
    changes = compare(base, typo)
    assert not changes, changes.to_dict()
    assert step_fingerprints(base) == step_fingerprints(typo)
    assert document_fingerprint(base) == document_fingerprint(typo)


def test_a_number_changed_is_a_rewording_with_the_words() -> None:
    step = only_step(against_base("reword"))
    assert step.key == "soak"
    assert step.kinds == (StepChangeKind.reworded,)
    (field,) = step.fields
    assert (field.field, field.before, field.after) == (
        "title",
        "Soak the glassware for 15 minutes",
        "Soak the glassware for 50 minutes",
    )
    assert step.roles_concerned == ("technician",)


def test_a_negation_dropped_from_a_warning_is_a_rewording() -> None:
    step = only_step(against_base("negation"))
    assert step.key == "mix"
    assert StepChangeKind.reworded in step.kinds
    assert [(f.field, f.before, f.after) for f in step.fields] == [
        (
            "notes",
            "warning: Never add acid to the peroxide.",
            "warning: Add acid to the peroxide.",
        )
    ]


def test_a_step_given_to_another_role_is_reassigned_and_concerns_both() -> None:
    step = only_step(against_base("reassign"))
    assert step.key == "rinse"
    assert step.kinds == (StepChangeKind.reassigned,)
    assert (step.roles_before, step.roles_after) == (("technician",), ("supervisor",))
    assert set(step.roles_concerned) == {"technician", "supervisor"}


def test_a_decision_branch_sent_elsewhere_is_rerouted() -> None:
    step = only_step(against_base("reroute"))
    assert step.key == "inspect"
    assert step.kinds == (StepChangeKind.rerouted,)
    (field,) = step.fields
    assert field.field == "decision"
    assert field.before is not None and "no → soak" in field.before
    assert field.after is not None and "no → dispose" in field.after


def test_a_danger_note_added_to_a_step() -> None:
    step = only_step(against_base("danger"))
    assert step.key == "soak"
    assert step.kinds == (StepChangeKind.note_added,)
    assert step.fields[0].after == "danger: The solution boils if the glassware is wet."


def test_a_step_moved_up_is_moved_and_the_one_it_passed_only_renumbered() -> None:
    changes = against_base("reorder")
    kinds = {(step.key, step.old_number, step.new_number): step.kinds for step in changes.steps}
    assert kinds == {
        ("mix", "2", "1"): (StepChangeKind.moved,),
        ("prepare", "1", "2"): (StepChangeKind.renumbered,),
        # sub-steps without ids are matched by their words; keyed by their numbers
        ("2.1", "1.2", "2.1"): (StepChangeKind.moved,),
        ("2.2", "1.1", "2.2"): (StepChangeKind.renumbered,),
    }
    assert changes.content_changed
    assert [s.key for s in changes.steps if s.substantive] == ["mix", "2.1"]


def test_a_step_inserted_before_renumbers_the_following_ones_without_changing_them() -> None:
    changes = against_base("insert")
    assert changes.steps[0].key == "wait" and changes.steps[0].kinds == (StepChangeKind.added,)
    rest = changes.steps[1:]
    assert [s.key for s in rest] == ["soak", "inspect", "rinse", "dispose"]
    assert all(s.kinds == (StepChangeKind.renumbered,) for s in rest)
    assert not any(s.substantive for s in rest)
    assert (rest[0].old_number, rest[0].new_number) == ("3", "4")
    base, inserted = step_fingerprints(load("base")), step_fingerprints(load("insert"))
    assert {k: v for k, v in inserted.items() if k != "wait"} == base


def test_the_revision_entry_of_the_new_version_says_why() -> None:
    changes = against_base("reroute")
    assert (changes.old_version, changes.new_version) == ("2.0.0", "2.1.0")
    assert changes.why == "reroute"
    data = changes.to_dict()
    assert data["revision"]["version"] == "2.1.0"
    json.dumps(data)  # JSON-able as it is


def test_to_dict_lists_the_step_changes_with_kinds_and_locations() -> None:
    data = against_base("danger").to_dict()
    (step,) = data["steps"]
    assert step["kinds"] == ["note-added"]
    assert step["new_loc"] == ["steps", 2]
    assert data["roles_concerned"] == ["technician"]


def test_a_kpi_retargeted_is_reported_at_document_level() -> None:
    base = load("base")
    new = base.model_copy(deep=True)
    new.quality.kpis[0].target = 1
    (item,) = compare(base, new).items
    assert (item.section, item.key, item.kind) == ("kpis", "incidents", ItemChangeKind.retargeted)
    assert [(f.field, f.before, f.after) for f in item.fields] == [("target", "0", "1")]


def test_two_documents_with_different_ids_cannot_be_compared() -> None:
    base = load("base")
    other = base.model_copy(update={"id": "LAB-008"})
    with pytest.raises(ChangesError, match="LAB-007 and LAB-008"):
        compare(base, other)
