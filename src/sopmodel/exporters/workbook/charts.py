"""KPI charts that LibreOffice and Excel draw the same: the typed cells themselves as data (an
empty week is a gap, never a zero), straight lines, weeks with their dates on the axis, the
target as a line, and one chart per row of the page so that no chart straddles a page break."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.chart import LineChart, Reference, Series
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.utils import get_column_letter, quote_sheetname

from sopmodel.exporters.workbook.cells import print_setup, put
from sopmodel.i18n import Labels
from sopmodel.i18n.typography import typeset
from sopmodel.model import KPI

__all__ = ["CHART_HEIGHT", "CHART_WIDTH", "kpi_charts"]

CHART_WIDTH = 140
"""The width of the Charts sheet's column, in characters: the width of an A4 page in landscape
(792 points between its margins)."""
CHART_HEIGHT = 240.0
"""The height of a chart's row, in points: two rows fill an A4 page in landscape."""
LABELLED_WEEKS = 27
"""The most weeks labelled on a chart's axis: past them, every second (third...) week is."""
_EMU_PER_POINT = 12700
_GAP = 8 * _EMU_PER_POINT
"""The space above each chart and on its left, in EMU."""
MEASURED = "1F4E79"
TARGET = "C00000"


def kpi_charts(
    book: Any,
    kpi_sheet: Any,
    kpis: Sequence[KPI],
    weeks: int,
    labels: Labels,
    first_column: int,
) -> Any:
    """Add the Charts sheet (each KPI against its target) and the hidden sheet of the targets;
    the measured values are read from the KPI sheet's week cells, `first_column` the first."""
    targets = book.create_sheet(labels["sheet_chart_data"])
    sheet = book.create_sheet(labels["sheet_charts"])
    sheet.column_dimensions["A"].width = CHART_WIDTH
    columns = range(first_column, first_column + weeks)
    categories = [str(kpi_sheet.cell(row=1, column=c).value) for c in columns]
    for index, kpi in enumerate(kpis):
        row = index + 2
        values = [kpi_sheet.cell(row=row, column=c).value for c in columns]
        chart = _chart(kpi, labels)
        chart.x_axis.tickLblSkip = -(-weeks // LABELLED_WEEKS)
        measured = Series(
            Reference(kpi_sheet, min_col=first_column, max_col=first_column + weeks - 1,
                      min_row=row),
            title=labels["measured"],
        )  # fmt: skip
        _cache(measured, values)
        _line(measured, MEASURED, marker=True)
        chart.series.append(measured)
        if kpi.target is not None:
            put(targets, index + 1, 1, kpi.name)
            for week in range(weeks):
                targets.cell(row=index + 1, column=week + 2).value = kpi.target
            target = Series(
                Reference(targets, min_col=2, max_col=weeks + 1, min_row=index + 1),
                title=labels["target"],
            )
            _cache(target, [kpi.target] * weeks)
            _line(target, TARGET, marker=False, dash="dash")
            chart.series.append(target)
        reference = (
            f"{quote_sheetname(kpi_sheet.title)}!$"
            f"{get_column_letter(first_column)}$1:${get_column_letter(first_column + weeks - 1)}$1"
        )
        for series in chart.series:
            series.cat = AxDataSource(
                strRef=StrRef(
                    f=reference,
                    strCache=StrData(
                        ptCount=weeks, pt=[StrVal(idx=i, v=v) for i, v in enumerate(categories)]
                    ),
                )
            )
        chart.anchor = _anchor(index)
        sheet.add_chart(chart)
        sheet.row_dimensions[index + 1].height = CHART_HEIGHT
    targets.sheet_state = "hidden"
    print_setup(sheet, title_row=None)
    sheet.page_margins.top = sheet.page_margins.bottom = 0.55
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    return sheet


def _chart(kpi: KPI, labels: Labels) -> LineChart:
    """Return an empty line chart of a KPI: its name as title, its unit on the value axis."""
    chart = LineChart()
    chart.title = typeset(kpi.name, labels.language)
    chart.display_blanks = "gap"
    chart.y_axis.title = kpi.unit or None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.txPr = _small_text(900)
    chart.y_axis.txPr = _small_text(1000)
    chart.legend.position = "b"
    chart.plot_area.layout = Layout(ManualLayout(x=0.06, y=0.14, w=0.92, h=0.62))
    return chart


def _small_text(size: int) -> RichText:
    """Return the text properties of axis labels `size` hundredths of a point high."""
    properties = CharacterProperties(sz=size)
    return RichText(
        p=[Paragraph(pPr=ParagraphProperties(defRPr=properties), endParaRPr=properties)]
    )


def _cache(series: Series, values: Sequence[Any]) -> None:
    """Store the values a series shows, a week without a number left out (a gap)."""
    points = [
        NumVal(idx=i, v=v)
        for i, v in enumerate(values)
        if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    series.val.numRef.numCache = NumData(ptCount=len(values), pt=points, formatCode="General")


def _line(series: Series, colour: str, marker: bool, dash: str | None = None) -> None:
    """Draw a series as a straight line of a colour, with round markers where it has values."""
    series.smooth = False
    series.graphicalProperties.line.solidFill = colour
    series.graphicalProperties.line.width = 28575
    if dash:
        series.graphicalProperties.line.dashStyle = dash
    series.marker.symbol = "circle" if marker else "none"
    if marker:
        series.marker.size = 6
        series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
        series.marker.graphicalProperties.line.solidFill = colour


def _anchor(index: int) -> TwoCellAnchor:
    """Return where chart `index` lies: inside its own row, which a page break never splits."""
    anchor = TwoCellAnchor(editAs="twoCell")
    anchor._from = AnchorMarker(col=0, colOff=_GAP, row=index, rowOff=_GAP)
    anchor.to = AnchorMarker(col=1, colOff=0, row=index + 1, rowOff=0)
    return anchor
