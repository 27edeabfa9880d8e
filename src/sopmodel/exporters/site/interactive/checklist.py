"""The checklist page: every step, sub-step and check of a procedure as a box to tick.

Notes come before the step they belong to, most serious first. A decision step offers its
answers as radio buttons; each step done only after one answer carries, in `data-needs`,
every (decision, answer) it depends on, the nearest first and then those of the decision
itself, so that the page's script hides a branch without knowing the flow graph. Without a
script the page is a plain printable list that says "Only if ..." before such steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from sopmodel.exporters.site.html import blocks_html, step_anchor
from sopmodel.exporters.site.interactive.parts import (
    CalloutView,
    LinkView,
    callout_views,
    link_views,
    step_link,
)
from sopmodel.i18n import Labels
from sopmodel.model import Procedure
from sopmodel.views import StepText, step_texts
from sopmodel.views.branches import BranchMark, branch_marks
from sopmodel.views.references import step_reference
from sopmodel.views.richtext import plain

__all__ = ["ChecklistStep", "Choice", "checklist_steps", "storage_key"]


@dataclass(frozen=True)
class Choice:
    """One answer of a decision step, as a radio button."""

    value: str
    """The branch's position in the decision ("0", "1")."""
    label: str
    """The answer and where it leads: yes (go to step 3)."""


@dataclass
class ChecklistStep:
    """A step or sub-step as the checklist shows it, with its sub-steps."""

    key: str
    """Its anchor and the name its ticks are stored under: step-2-1."""
    own_id: str | None
    label: str
    number: str
    depth: int
    title: str
    facts: list[str]
    details: Markup
    callouts: list[CalloutView]
    check: str
    """'Check: ...' as the second box's label, or ''."""
    links: list[LinkView]
    needs: str
    """Space-separated decision:answer pairs the step depends on ('' for every case)."""
    choices: list[Choice] = field(default_factory=list)
    decision: str = ""
    """The decision's index among the top-level steps, for a decision step."""
    ends: bool = False
    more: str = ""
    """'Picture and attachments: see the procedure' when the step has some, else ''."""
    more_href: str = ""
    children: list[ChecklistStep] = field(default_factory=list)


def storage_key(procedure: Procedure, home: str) -> str:
    """Return the browser storage key: the procedure's page (procedures/ID.html, or ID~2.html
    for a second file with that id) and its version, so a new version starts unticked."""
    return f"sopmodel-checklist:{home.rsplit('/', 1)[-1].removesuffix('.html')}@{procedure.version}"


def _answer_index(procedure: Procedure, mark: BranchMark) -> int:
    branches = procedure.steps[mark.decision].decision or []
    return next(i for i, branch in enumerate(branches) if branch.when == mark.answer)


def _needs(procedure: Procedure, marks: dict[int, BranchMark], index: int) -> str:
    """Return every decision:answer a top-level step depends on, nearest first."""
    found: list[str] = []
    seen: set[int] = set()
    mark = marks.get(index)
    while mark is not None and mark.decision not in seen:
        seen.add(mark.decision)
        found.append(f"{mark.decision}:{_answer_index(procedure, mark)}")
        mark = marks.get(mark.decision)
    return " ".join(found)


def _branch_fact(marks: dict[int, BranchMark], index: int, labels: Labels) -> str:
    mark = marks.get(index)
    if mark is None:
        return ""
    when = plain(mark.answer, labels.language)
    return labels.format("branch_only", when=when, step=mark.decision + 1)


def _choices(procedure: Procedure, index: int, labels: Labels) -> list[Choice]:
    numbers = {step.id: str(i + 1) for i, step in enumerate(procedure.steps) if step.id}
    return [
        Choice(
            str(position),
            labels.format(
                "site_checklist_answer",
                when=plain(branch.when, labels.language),
                step=numbers.get(branch.goto, branch.goto),
            ),
        )
        for position, branch in enumerate(procedure.steps[index].decision or [])
    ]


def _view(
    text: StepText,
    procedure: Procedure,
    marks: dict[int, BranchMark],
    labels: Labels,
    known: Mapping[str, str] | None,
) -> ChecklistStep:
    item = text.item
    top = int(item.number) - 1 if item.depth == 0 else None
    facts = text.facts()
    if top is not None and (branch := _branch_fact(marks, top, labels)):
        facts.insert(0, branch)
    view = ChecklistStep(
        key=step_anchor(item.number),
        own_id=item.step.id,
        label=item.label,
        number=item.number,
        depth=item.depth,
        title=text.title,
        facts=facts,
        details=blocks_html(text.details),
        callouts=callout_views(text.callouts, labels),
        check=labels.format("labelled", label=labels["check"], text=text.check)
        if text.check
        else "",
        links=link_views(text.links, labels, known),
        needs=_needs(procedure, marks, top) if top is not None else "",
    )
    if item.step.image is not None or text.attachments:
        view.more = labels.format(
            "site_checklist_more", step=step_reference(item.number, procedure.layout)
        )
        view.more_href = step_link(procedure.id, item.number)
    if top is not None:
        step = procedure.steps[top]
        view.ends = bool(step.end)
        if step.decision:
            view.decision = str(top)
            view.choices = _choices(procedure, top, labels)
    return view


def checklist_steps(
    procedure: Procedure, labels: Labels, known: Mapping[str, str] | None = None
) -> list[ChecklistStep]:
    """Return the procedure's top-level steps for the checklist, each with its sub-steps
    (`known`: the site's pages by document id, for links to other procedures)."""
    marks = branch_marks(procedure)
    tops: list[ChecklistStep] = []
    parents: list[ChecklistStep] = []
    for text in step_texts(procedure, labels):
        view = _view(text, procedure, marks, labels, known)
        del parents[view.depth :]
        (parents[-1].children if parents else tops).append(view)
        parents.append(view)
    return tops
