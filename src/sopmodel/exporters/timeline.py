"""A plan's timeline drawn to scale: phases as bars, activities and milestones as marks on
the plan's days, under a scale of months and weeks.

Graphviz draws it (the `nop2` layout keeps every position given, so the drawing is to scale),
at the size it is printed: text set at TEXT_SIZE points prints at TEXT_SIZE points. Any
output that shows the timeline (the Word plan document, a slide, a handbook) calls this
module; `views.timeline` says what goes where.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from sopmodel.exporters.flowchart.dot import run_dot
from sopmodel.exporters.flowchart.text import clean
from sopmodel.exporters.fonts import font_metrics
from sopmodel.i18n import Labels
from sopmodel.model import Plan
from sopmodel.views.timeline import Timeline, TimelineRow, plan_timeline

__all__ = [
    "TALLEST_MM",
    "TEXT_SIZE",
    "WIDTH_MM",
    "timeline_parts",
    "timeline_pngs",
    "timeline_source",
    "timeline_svgs",
]

WIDTH_MM = 170.0
"""The width the timeline is drawn and printed at: the text width of an A4 page."""
TALLEST_MM = 215.0
"""The tallest a part of the timeline is drawn: with its heading and caption, one A4 page."""
TEXT_SIZE = 8.5
"""The size of the labels, in points; the scale and the dates beside marks are SMALL_SIZE."""
SMALL_SIZE = 8.25
FONT = "Calibri"
"""The documents' font (LibreOffice draws it with Carlito, which has the same metrics)."""
TIMEOUT = 30.0
"""Seconds `dot` may take to draw the timeline."""
INK, GREY, GRID, BAND = "#1F2A44", "#5B6B7F", "#D5DBE3", "#F1F4F8"
MILESTONE = "#C58B00"
ACTIVITY = "#1F4E8C"
PHASES = ("#3F6FA8", "#2E7D5B", "#A8641A", "#6A4FA3", "#2B7F8F")
LINE = 1.22
"""Line height, in text sizes."""
PAD = 2.4
"""Space above and below a row's text, in points."""


def _quoted(text: str) -> str:
    """Return text as a DOT string: backslashes and quotes escaped, control characters out."""
    return '"' + clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _wrapped(text: str, width: float, size: float, bold: bool) -> list[str]:
    """Return text in lines no wider than width points (a word longer than that stands alone)."""
    metrics = font_metrics(FONT, bold)
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.width(candidate, size) * 1.04 <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]


def _width(text: str, size: float, bold: bool = False) -> float:
    return font_metrics(FONT, bold).width(text, size) * 1.04


class _Label(str):
    """A label already escaped for DOT, lines ended by \\l or \\n."""

    __slots__ = ()


def _value(value: str | float) -> str:
    """Return an attribute value as DOT: numbers as they are, text quoted."""
    if isinstance(value, _Label):
        return f'"{value}"'
    if isinstance(value, str):
        return _quoted(value)
    return f"{value:.4f}"


@dataclass
class _Drawing:
    """Nodes at fixed positions, in points from the bottom left corner, as DOT statements."""

    statements: list[str]
    count: int = 0

    def node(self, x: float, y: float, **attributes: str | float) -> str:
        """Add a node at (x, y) and return its name."""
        self.count += 1
        name = f"n{self.count}"
        shown = " ".join(f"{key}={_value(value)}" for key, value in attributes.items())
        self.statements.append(f'{name} [pos="{x:.2f},{y:.2f}!" {shown}]')
        return name

    def box(self, left: float, top: float, width: float, height: float, **more: str | float) -> str:
        """Draw a rectangle given its top left corner (y counted down from the top)."""
        return self.node(
            left + width / 2, -(top + height / 2), shape="box", width=width / 72,
            height=height / 72, label="", **more,
        )  # fmt: skip

    def text(
        self, left: float, top: float, lines: list[str], size: float, width: float,
        bold: bool = False, color: str = INK, align: str = "l", background: str = "",
    ) -> None:  # fmt: skip
        """Write lines of text inside a box of the given width, from its top left corner,
        on a background colour if one is given (lines behind it are hidden)."""
        height = len(lines) * size * LINE
        end = "\\l" if align == "l" else "\\n"
        label = _Label("".join(_quoted(line)[1:-1] + end for line in lines))
        filled: dict[str, str | float] = (
            {"shape": "box", "style": "filled", "fillcolor": background, "penwidth": 0.0}
            if background
            else {"shape": "plaintext"}
        )
        self.node(
            left + width / 2, -(top + height / 2), width=width / 72, height=height / 72,
            margin="0,0", label=label, fontsize=size, fontcolor=color,
            fontname=f"{FONT} Bold" if bold else FONT, **filled,
        )  # fmt: skip

    def line(self, x1: float, y1: float, x2: float, y2: float, **more: str | float) -> None:
        """Draw a straight line between two points (y counted down from the top)."""
        ends = [
            self.node(x, -y, shape="point", width=0.001, style="invis")
            for x, y in ((x1, y1), (x2, y2))
        ]
        shown = " ".join(f"{key}={_quoted(str(value))}" for key, value in more.items())
        self.statements.append(f"{ends[0]} -- {ends[1]} [{shown}]")


@dataclass(frozen=True)
class _Frame:
    """Where things go: the label column on the left, the days to the right of it."""

    width: float
    column: float
    left: float
    per_day: float

    def x(self, day: float) -> float:
        """Return where a day starts (a fraction of a day is inside it)."""
        return self.left + day * self.per_day


def _frame(width_mm: float, days: int) -> _Frame:
    width = width_mm / 25.4 * 72
    column = round(width * 0.36, 2)
    left, right = column + 6, width - 10
    return _Frame(width, column, left, (right - left) / days)


SCALE_HEIGHT = 2 * SMALL_SIZE * LINE + 8
"""The height of the scale above the rows: months, then the Mondays' days."""


def _scale(drawing: _Drawing, timeline: Timeline, frame: _Frame) -> float:
    """Draw the months, then the Mondays' days of the month (every other one, or fewer, when
    weeks are too narrow for them); return where rows start."""
    band = SMALL_SIZE * LINE + 4
    for index, month in enumerate(timeline.months):
        start, end = frame.x(month.first), frame.x(month.last + 1)
        fill = BAND if index % 2 else "#E4EAF2"
        drawing.box(start, 0, end - start, band, style="filled", fillcolor=fill, color=GRID)
        for name in (month.name, month.short):
            if _width(name, SMALL_SIZE, True) + 4 <= end - start:
                drawing.text(start, 2, [name], SMALL_SIZE, end - start, bold=True, align="c")
                break
    widest = max((_width(shown, SMALL_SIZE) for _, shown in timeline.weeks), default=0.0)
    step = max(1, math.ceil((widest + 8) / (7 * frame.per_day)))
    for index, (day, shown) in enumerate(timeline.weeks):
        if index % step == 0:
            at = frame.x(day) - 12
            drawing.text(at, band + 1, [shown], SMALL_SIZE, 24, color=GREY, align="c")
    return SCALE_HEIGHT


def _lines(row: TimelineRow, frame: _Frame) -> list[str]:
    return _wrapped(row.label, frame.column - 4, TEXT_SIZE, row.kind in _BOLD)


def _height(lines: list[str]) -> float:
    return len(lines) * TEXT_SIZE * LINE + 2 * PAD


def _layout(timeline: Timeline, labels: Labels, frame: _Frame, top: float) -> list[_Placed]:
    """Return each row with its top and its label's lines: a Milestones heading first."""
    rows = list(timeline.rows)
    if any(row.kind == "milestone" for row in rows):
        rows.insert(0, _heading(labels))
    placed = []
    for row in rows:
        lines = _lines(row, frame)
        placed.append(_Placed(row, top, _height(lines), lines))
        top += placed[-1].height
    return placed


def _heading(labels: Labels) -> TimelineRow:
    return TimelineRow("heading", labels["milestones"], None, None, "")


@dataclass(frozen=True)
class _Placed:
    row: TimelineRow
    top: float
    height: float
    lines: list[str]

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


_BOLD = frozenset({"heading", "phase"})
"""Rows whose label is bold, on a tinted band across the whole width."""


def _when(drawing: _Drawing, placed: _Placed, centre: float, frame: _Frame) -> None:
    """Write a mark's date beside it: after it, or before it near the right edge."""
    wide = _width(placed.row.when, SMALL_SIZE) + 2
    start = centre + 7 if centre + 7 + wide <= frame.width else centre - 7 - wide
    top = placed.middle - SMALL_SIZE * LINE / 2
    drawing.text(start, top, [placed.row.when], SMALL_SIZE, wide, color=GREY, background="#FFFFFF")


def _marks(
    drawing: _Drawing, rows: list[_Placed], frame: _Frame, top: float, bottom: float
) -> None:
    """Draw each row's label and its bar or mark: phases as bars, milestones as diamonds
    with a dashed line down the chart, activities as dots at their due date."""
    phase = -1
    for placed in rows:
        row = placed.row
        indent = 2 if row.kind in _BOLD else 8
        drawing.text(
            indent, placed.top + PAD, placed.lines, TEXT_SIZE, frame.column - indent,
            bold=row.kind in _BOLD,
        )  # fmt: skip
        if row.first is None or row.last is None:
            continue
        if row.kind == "phase":
            phase += 1
            start, end = frame.x(row.first), frame.x(row.last + 1)
            colour = PHASES[phase % len(PHASES)]
            drawing.box(start, placed.middle - 6, end - start, 12, style="filled",
                        fillcolor=colour, color=colour)  # fmt: skip
            if _width(row.when, SMALL_SIZE) + 6 <= end - start:
                drawing.text(start + 3, placed.middle - SMALL_SIZE * LINE / 2, [row.when],
                             SMALL_SIZE, end - start - 6, color="#FFFFFF")  # fmt: skip
            continue
        centre = frame.x(row.first + 0.5)
        shape, size, colour = ("diamond", 10, MILESTONE) if row.kind == "milestone" else (
            "circle", 7, ACTIVITY)  # fmt: skip
        if row.kind == "milestone":
            drawing.line(centre, top, centre, bottom, color=MILESTONE, penwidth=0.8, style="dashed")
        drawing.node(centre, -placed.middle, shape=shape, width=size / 72, height=size / 72,
                     label="", style="filled", fillcolor=colour, color="#FFFFFF")  # fmt: skip
        _when(drawing, placed, centre, frame)


def timeline_source(
    timeline: Timeline, labels: Labels, width_mm: float = WIDTH_MM, dpi: int = 0
) -> str:
    """Return the DOT source of a timeline drawn width_mm wide (dpi sets a bitmap's resolution)."""
    frame = _frame(width_mm, timeline.days)
    drawing = _Drawing([])
    top = _scale(drawing, timeline, frame)
    rows = _layout(timeline, labels, frame, top)
    bottom = rows[-1].top + rows[-1].height if rows else top
    for placed in rows:
        if placed.row.kind in _BOLD:
            drawing.box(0, placed.top, frame.width, placed.height, style="filled",
                        fillcolor=BAND, color=BAND)  # fmt: skip
    for day, _ in timeline.weeks:
        drawing.line(frame.x(day), top, frame.x(day), bottom, color=GRID)
    for day in (0, timeline.days):
        drawing.line(frame.x(day), top, frame.x(day), bottom, color=GREY)
    _marks(drawing, rows, frame, top, bottom)
    drawing.node(0, 0, shape="point", width=0.001, style="invis")
    drawing.node(frame.width, -(bottom + 4), shape="point", width=0.001, style="invis")
    resolution = f" dpi={dpi}" if dpi else ""
    return "\n".join(
        [
            "graph timeline {",
            f'\tgraph [layout=nop2 splines=line pad=0 bgcolor="#FFFFFF"{resolution}]',
            f'\tnode [fixedsize=true fontname="{FONT}" fontsize={TEXT_SIZE} penwidth=0.6]',
            "\tedge [penwidth=0.6]",
            *(f"\t{statement}" for statement in drawing.statements),
            "}\n",
        ]
    )


def timeline_parts(
    timeline: Timeline, labels: Labels, width_mm: float = WIDTH_MM, tallest_mm: float = TALLEST_MM
) -> list[Timeline]:
    """Return the timeline cut into parts no taller than tallest_mm, each with the scale; a
    phase cut in two has its bar again at the top of the next part."""
    frame = _frame(width_mm, timeline.days)
    room = tallest_mm / 25.4 * 72 - SCALE_HEIGHT - 4
    heading = _height(_lines(_heading(labels), frame))
    parts: list[list[TimelineRow]] = []
    rows: list[TimelineRow] = []
    used, phase = 0.0, None
    for row in timeline.rows:
        height = _height(_lines(row, frame))
        if row.kind == "milestone" and not any(r.kind == "milestone" for r in rows):
            height += heading
        if rows and used + height > room:
            parts.append(rows)
            rows, used = [], 0.0
            if row.kind == "activity" and phase is not None:
                rows, used = [phase], _height(_lines(phase, frame))
            if row.kind == "milestone":
                height = _height(_lines(row, frame)) + heading
        phase = row if row.kind == "phase" else phase
        rows.append(row)
        used += height
    parts.append(rows)
    return [replace(timeline, rows=tuple(part)) for part in parts]


def _drawings(plan: Plan, labels: Labels, width_mm: float, format: str, dpi: int) -> list[bytes]:
    timeline = plan_timeline(plan, labels.language)
    return [
        run_dot(timeline_source(part, labels, width_mm, dpi), format, TIMEOUT)
        for part in timeline_parts(timeline, labels, width_mm)
    ]


def timeline_svgs(plan: Plan, labels: Labels, width_mm: float = WIDTH_MM) -> list[bytes]:
    """Return a plan's timeline as SVG pictures width_mm wide, one per part; needs `dot`."""
    return _drawings(plan, labels, width_mm, "svg", 0)


def timeline_pngs(
    plan: Plan, labels: Labels, width_mm: float = WIDTH_MM, dpi: int = 220
) -> list[bytes]:
    """Return a plan's timeline as PNG pictures of dpi dots per inch, width_mm wide, one per
    part (see timeline_parts); needs Graphviz's `dot`."""
    return _drawings(plan, labels, width_mm, "png", dpi)
