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


def edited(name: str, *pairs: tuple[str, str]) -> sopmodel.Procedure:
    text = (DATA / f"{name}.yaml").read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    document = sopmodel.load_bytes(text, "edited.yaml")
    assert isinstance(document, sopmodel.Procedure)
    return document


def test_a_step_whose_id_changed_is_found_by_its_words() -> None:
    renamed = edited(
        "base", ("id: soak", "id: soak-glassware"), ("goto: soak", "goto: soak-glassware")
    )
    changes = compare(load("base"), renamed)
    assert not changes  # the same step under a new id, and the branch still leads to it
    assert changes.content_changed  # the text did change: the fingerprints say so
    reworded = edited(
        "base",
        ("id: soak\n    title: Soak the glassware for 15 minutes", "id: s3\n    title: Soak all"
         " the glassware for 15 minutes"),
    )  # fmt: skip
    (step,) = compare(load("base"), reworded).steps
    assert (step.old_key, step.new_key, step.kinds) == ("soak", "s3", (StepChangeKind.reworded,))


def test_sub_steps_follow_their_parent_to_another_role() -> None:
    new = edited("base", ("id: prepare\n    title: Put on the protective equipment\n    role:"
                          " technician", "id: prepare\n    title: Put on the protective"
                          " equipment\n    role: supervisor"))  # fmt: skip
    changes = compare(load("base"), new)
    assert [(s.key, s.kinds) for s in changes.steps] == [
        ("prepare", (StepChangeKind.reassigned,)),
        ("1.1", (StepChangeKind.reassigned,)),
        ("1.2", (StepChangeKind.reassigned,)),
    ]
    assert step_fingerprints(load("base"))["1.1"] != step_fingerprints(new)["1.1"]


def test_markdown_markup_does_not_count_but_a_link_address_does() -> None:
    base = edited("base", ("Wear **face shield**", "Wear [a face shield](https://a.example)"))
    restyled = edited("base", ("Wear **face shield**", "Wear *[a face shield](https://a.example)*"))
    elsewhere = edited("base", ("Wear **face shield**", "Wear [a face shield](https://b.example)"))
    assert not compare(base, restyled)
    (step,) = compare(base, elsewhere).steps
    assert step.kinds == (StepChangeKind.reworded,) and step.fields[0].field == "details"


def test_a_check_added_and_removed() -> None:
    base = load("base")
    without = edited("base", ("    check: The fume hood sash is below the marked line.\n", ""))
    (removed,) = compare(base, without).steps
    assert removed.kinds == (StepChangeKind.check_removed,)
    assert removed.fields[0].before == "The fume hood sash is below the marked line."
    (added,) = compare(without, base).steps
    assert added.kinds == (StepChangeKind.check_added,)


def test_a_plan_compares_its_objectives_kpis_phases_and_milestones() -> None:
    plan = sopmodel.load(
        Path(__file__).resolve().parent.parent / "examples" / "plan-sop-90-jours.fr.yaml"
    )
    assert isinstance(plan, sopmodel.Plan)
    new = plan.model_copy(deep=True)
    new.kpis[0].target = 1.5
    new.milestones[0].date = new.milestones[-1].date
    removed = new.phases[0].activities.pop(0)
    new.objectives[0].statement = "Autre chose"
    changes = compare(plan, new)
    assert changes.steps == ()
    found = {(i.section, i.key): i for i in changes.items}
    assert found[("kpis", "taux-doublons")].kind is ItemChangeKind.retargeted
    assert found[("kpis", "taux-doublons")].new_loc == ("kpis", 0)
    assert found[("milestones", "lancement")].kind is ItemChangeKind.changed
    assert found[("activities", removed.id)].kind is ItemChangeKind.removed
    assert found[("activities", removed.id)].old_loc == ("phases", 0, "activities", 0)
    (statement,) = found[("objectives", "doublons")].fields
    assert statement.after == "Autre chose"
    assert set(changes.roles_concerned) >= {new.kpis[0].owner}


def test_a_sub_step_moved_under_another_step() -> None:
    gloves = "      - title: Check the gloves for holes\n"
    new = edited(
        "base",
        (gloves, ""),
        ("    title: Soak the glassware for 15 minutes\n    role: technician\n",
         "    title: Soak the glassware for 15 minutes\n    role: technician\n    substeps:\n"
         + gloves),
    )  # fmt: skip
    changes = compare(load("base"), new)
    moved = {s.title: (s.old_number, s.new_number, s.kinds) for s in changes.steps}
    assert moved["Check the gloves for holes"] == ("1.1", "3.1", (StepChangeKind.moved,))
    assert moved["Close the fume hood sash halfway"] == ("1.2", "1.1", (StepChangeKind.renumbered,))


def test_a_step_removed_concerns_the_roles_that_did_it() -> None:
    rinse = "  - id: rinse\n    title: Rinse the glassware with deionised water\n"
    new = edited("base", (rinse + "    role: technician\n", ""), ("goto: rinse", "goto: dispose"))
    changes = compare(load("base"), new)
    removed = [s for s in changes.steps if s.kinds == (StepChangeKind.removed,)]
    assert [(s.key, s.old_number, s.new_number, s.roles_concerned) for s in removed] == [
        ("rinse", "5", None, ("technician",))
    ]
    assert removed[0].old_loc == ("steps", 4) and removed[0].new_loc is None


def test_steps_sharing_an_id_are_matched_by_their_content() -> None:
    steps = [{"id": "a", "title": "Same"}, {"id": "a", "title": "Same", "end": True}]
    old = sopmodel.Procedure.model_validate({"id": "X", "title": "X", "steps": steps})
    new = sopmodel.Procedure.model_validate({"id": "X", "title": "X", "steps": steps[::-1]})
    kinds = sorted(step.kinds for step in compare(old, new).steps)
    assert kinds == [(StepChangeKind.moved,), (StepChangeKind.renumbered,)]
