"""Each step as every output tells it: number, title, conditions, timing, roles, notes, links.

Word, the deck, the checklist and the chart all show the same facts in the same words; they
differ only in how they draw them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.i18n import Labels, format_duration
from sopmodel.markup import Block
from sopmodel.model import Attachment, Link, Procedure, SubStep
from sopmodel.views.numbering import NumberedStep, number_steps
from sopmodel.views.richtext import Callout, callouts, plain, rich

__all__ = ["LinkText", "StepText", "link_texts", "role_names", "step_texts"]


@dataclass(frozen=True, slots=True)
class LinkText:
    """A link ready to show: what the reader sees, and where it leads."""

    label: str
    """The title; else the address, or 'procedure ID'."""
    url: str | None
    """The web address, or None for a link to another procedure."""
    procedure: str | None
    """The id of the procedure it refers to, or None."""
    shown: str
    """The label, followed by '(procedure ID)' for a titled link to a procedure."""
    address: str
    """Where it leads as a reader writes it: the web address, or 'procedure ID'."""


def link_texts(links: list[Link], labels: Labels) -> list[LinkText]:
    """Return links ready to show."""
    found = []
    for link in links:
        reference = labels.format("procedure_link", id=link.procedure) if link.procedure else ""
        label = plain(link.title, labels.language) if link.title else link.url or reference
        shown = f"{label} ({reference})" if reference and label != reference else label
        found.append(LinkText(label, link.url, link.procedure, shown, link.url or reference))
    return found


def role_names(ids: tuple[str, ...], procedure: Procedure, labels: Labels) -> str:
    """Return the names of roles that work together: 'Buyer', 'Buyer with Finance, Legal'."""
    names = {role.id: role.name for role in procedure.roles}
    shown = [plain(names.get(i, i), labels.language) for i in ids]
    if len(shown) < 2:
        return "".join(shown)
    return labels.format("roles_together", lead=shown[0], others=", ".join(shown[1:]))


@dataclass(frozen=True, slots=True)
class StepText:
    """One step or sub-step with everything it says, in the document's words."""

    item: NumberedStep
    """Its number, label, depth, location and roles."""
    title: str
    who: str
    """The roles that do it, when it names its own ('' when it inherits them)."""
    condition: str
    """'Only if: ...' for a conditional step, else ''."""
    duration: str
    """'10–15 min', or ''."""
    within: str
    """'Within 4 h of the start', or ''."""
    repeat: str
    """'Repeat for each supplier', or ''."""
    details: tuple[Block, ...]
    check: str
    """The error-prevention point, or ''."""
    callouts: list[Callout]
    """Its notes and its `warning`, most serious first."""
    links: list[LinkText]
    attachments: list[Attachment]

    @property
    def step(self) -> SubStep:
        """Return the step itself."""
        return self.item.step

    def facts(self) -> list[str]:
        """Return the short facts shown under the title, in order: who, when, timing, repeat."""
        return [
            text
            for text in (self.who, self.condition, self.duration, self.within, self.repeat)
            if text
        ]


def step_texts(procedure: Procedure, labels: Labels) -> list[StepText]:
    """Return every step and sub-step of a procedure, in reading order, ready to show."""
    language = labels.language
    result = []
    for item in number_steps(procedure):
        step = item.step
        duration = within = ""
        if step.duration is not None:
            shown = format_duration(step.duration.low, language, step.duration.high)
            duration = labels.format("labelled", label=labels["duration"], text=shown)
        if step.within is not None:
            within = labels.format("within", time=format_duration(step.within, language))
        own = step.role_ids if item.depth else item.roles
        who = role_names(own, procedure, labels)
        result.append(
            StepText(
                item=item,
                title=plain(step.title, language),
                who=labels.format("labelled", label=labels["who"], text=who) if who else "",
                condition=labels.format("only_if", condition=plain(step.when, language))
                if step.when
                else "",
                duration=duration,
                within=within,
                repeat=labels.format("repeat", text=plain(step.repeat, language))
                if step.repeat
                else "",
                details=rich(step.details, language),
                check=plain(step.check, language) if step.check else "",
                callouts=callouts(step.all_notes(), language),
                links=link_texts(step.links, labels),
                attachments=list(step.attachments),
            )
        )
    return result
