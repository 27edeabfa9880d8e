"""The plan's RACI matrix as Word content: activities by phase down, roles across, a letter
where a role takes part, and the legend of the letters just above."""

from __future__ import annotations

from dataclasses import dataclass

from sopmodel.exporters.fonts import font_metrics
from sopmodel.exporters.word.plan_tables import Column, Row, table_fragment
from sopmodel.exporters.word.richtext import Fragment, RichWriter
from sopmodel.i18n import Labels
from sopmodel.model import Plan
from sopmodel.views import plain

__all__ = ["RaciMatrix", "raci_matrix", "raci_rows"]

LETTERS = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))
LEAST_MM, ACTIVITY_MM = 11.0, 60.0
"""A role's column is at least LEAST_MM wide; the activities' column keeps ACTIVITY_MM."""
TURNED_MM, TALLEST_HEADER_MM = 14.0, 40.0
"""Role names turned upright (roles too many to fit side by side): each column at most
TURNED_MM wide, the header at most TALLEST_HEADER_MM tall (longer names wrap)."""
CELL_MARGINS_MM = 4.4
"""Word's default left and right cell margins (0.19 cm each), and a little more."""
HEADER_POINTS = 8.5
"""The size of the role names across the top, in points."""


@dataclass(frozen=True)
class RaciMatrix:
    """Roles across, and each phase's activities with the letter of each role."""

    roles: list[str]
    """The names of the roles that take part in at least one activity."""
    phases: list[tuple[str, list[tuple[str, list[str]]]]]
    """(phase name, [(activity title, a letter or '' per role)])."""


def raci_rows(plan: Plan, labels: Labels) -> RaciMatrix:
    """Return the matrix of a plan: activities without any role and roles without any
    activity are left out; a role both responsible and accountable reads R/A."""
    language = labels.language
    taking_part = {
        role_id
        for phase in plan.phases
        for activity in phase.activities
        for field, _ in LETTERS
        for role_id in getattr(activity.raci, field)
    }
    roles = [role for role in plan.roles if role.id in taking_part]
    phases = []
    for phase in plan.phases:
        rows = []
        for activity in phase.activities:
            letters = [
                "/".join(
                    letter for field, letter in LETTERS if role.id in getattr(activity.raci, field)
                )
                for role in roles
            ]
            if any(letters):
                rows.append((plain(activity.title, language), letters))
        if rows:
            phases.append((plain(phase.name, language), rows))
    return RaciMatrix([plain(role.name, language) for role in roles], phases)


def _role_width(name: str) -> float:
    """Return the width in mm a role's column needs for its longest word, across the top."""
    widest = max((_points(word) for word in name.split()), default=0.0)
    return max(LEAST_MM, widest / 72 * 25.4 + CELL_MARGINS_MM)


def _points(text: str) -> float:
    return font_metrics("Calibri", bold=True).width(text, HEADER_POINTS) * 1.05


def raci_matrix(plan: Plan, labels: Labels, writer: RichWriter) -> Fragment:
    """Return the RACI matrix with its legend as Word content (empty when no activity has
    a role). Role names run across the top; when they do not fit side by side they are
    turned upright."""
    matrix = raci_rows(plan, labels)
    if not matrix.phases:
        return Fragment("")
    total = writer.width.mm
    widths = [_role_width(name) for name in matrix.roles]
    room = total - ACTIVITY_MM
    turned = 0.0
    if sum(widths) > room:
        widths = [max(8.0, min(TURNED_MM, room / len(widths)))] * len(widths)
        longest = max(_points(name) for name in matrix.roles) / 72 * 25.4
        turned = min(longest + CELL_MARGINS_MM, TALLEST_HEADER_MM)
    columns = [
        Column(labels["activity"], total - sum(widths)),
        *(
            Column(name, width, letters=True)
            for name, width in zip(matrix.roles, widths, strict=True)
        ),
    ]
    rows = []
    for name, activities in matrix.phases:
        rows.append(Row(band=name))
        rows += [Row([title, *letters]) for title, letters in activities]
    return table_fragment(
        writer, labels.language, columns, rows, legend=labels["raci_legend"],
        header_points=HEADER_POINTS, turned_header_mm=turned,
    )  # fmt: skip
