"""Render a document into a .docx template with docxtpl, in a Jinja sandbox."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from docx.enum.section import WD_ORIENT
from docx.image.image import Image as ImageHeader
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError
from jinja2.exceptions import SecurityError

from sopmodel.exporters.base import Destination, ExportError
from sopmodel.exporters.deadline import time_limit
from sopmodel.exporters.officefile import TEMPLATE_LIMITS, check_office_file
from sopmodel.exporters.word import TEMPLATES, WordOptions
from sopmodel.exporters.word.figures import figures
from sopmodel.exporters.word.language import tag_language
from sopmodel.exporters.word.richtext import RichWriter
from sopmodel.exporters.word.sandbox import BoundedSandbox
from sopmodel.exporters.word.template_cache import compiled, patched
from sopmodel.exporters.writing import (
    describe_office_file,
    export_time,
    graphviz_missing,
    normalized_zip,
    printed_date,
)
from sopmodel.i18n import labels as labels_for
from sopmodel.model import Document, Plan, Procedure

__all__ = ["write_docx", "write_template"]

DocumentT = TypeVar("DocumentT", Procedure, Plan)

TEXT_HEIGHT_MM = 240.0
"""The tallest an image may be on an A4 page with the default margins."""
WHAT = "Word template"


def _template(document: Document, options: WordOptions) -> Path:
    """Return the template to use; a custom one is checked as untrusted input first."""
    if options.template is None:
        return TEMPLATES / f"{document.kind}.docx"
    check_office_file(options.template, WHAT, TEMPLATE_LIMITS, required=["word/document.xml"])
    return options.template


class _Sandbox(BoundedSandbox):
    """The bounded sandbox, compiling each template part once per process (and keeping the
    compiled code in the user's cache, see template_cache).

    Exporting many documents with the same template then costs one compilation, not one
    per document.
    """

    def __init__(self) -> None:
        super().__init__()
        self._compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) > 64:
                self._compiled.clear()
            self._compiled[source] = compiled(self, source)
        return self._compiled[source]


class _Template(DocxTemplate):  # type: ignore[misc]
    """A DocxTemplate that prepares (patches) each template part once per process."""

    _patched: ClassVar[dict[str, str]] = {}

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            if len(self._patched) > 64:
                self._patched.clear()
            self._patched[src_xml] = patched(src_xml, super().patch_xml)
        return self._patched[src_xml]


_SANDBOX: _Sandbox | None = None


def _environment() -> _Sandbox:
    """Return the process's sandboxed environment, made on first use."""
    global _SANDBOX
    if _SANDBOX is None:
        _SANDBOX = _Sandbox()
    return _SANDBOX


def _picture_maker(template: DocxTemplate, widest_mm: float) -> Any:
    def picture(path: Path, width_mm: float | None) -> InlineImage:
        try:
            header = ImageHeader.from_file(str(path))
        except Exception as error:  # python-docx raises several kinds for unreadable files
            raise ExportError(f"image {path} cannot be read: {error}") from None
        native_w = header.px_width / (header.horz_dpi or 96) * 25.4
        native_h = header.px_height / (header.vert_dpi or 96) * 25.4
        width = min(width_mm or widest_mm, native_w, widest_mm)
        if native_h and native_w and width * native_h / native_w > TEXT_HEIGHT_MM:
            width = TEXT_HEIGHT_MM * native_w / native_h
        return InlineImage(template, str(path), width=Mm(width))

    return picture


FIGURE_ROOM_MM = 28.0
"""The height a flowchart page leaves on its page for the heading above it and its caption."""
CHART_DPI = 150
"""The resolution of the flowchart's pictures."""


def _chart_area(template: _Template) -> tuple[float, float]:
    """Return the width and height, in mm, a flowchart page may take: the text area of the
    template's landscape section (made for the flowchart), else of its first section, less
    room for a heading and a caption."""
    sections = list(template.docx.sections)
    chosen = next((s for s in sections if s.orientation == WD_ORIENT.LANDSCAPE), sections[0])
    sides = (chosen.page_width, chosen.page_height, chosen.left_margin, chosen.right_margin)
    ends = (chosen.top_margin, chosen.bottom_margin)
    if any(length is None for length in (*sides, *ends)):
        return 170.0, TEXT_HEIGHT_MM
    width = chosen.page_width - chosen.left_margin - chosen.right_margin
    height = chosen.page_height - chosen.top_margin - chosen.bottom_margin
    return Length(width).mm, Length(height).mm - FIGURE_ROOM_MM


def _flowchart(
    document: Document, options: WordOptions, template: _Template, labels: Any
) -> list[dict[str, Any]]:
    """Return the flowchart pages as figures, or [] with a warning when `dot` is missing.

    The pages are cut to fit the text area of the template's landscape section with their
    text at 8 pt at least, and their boxes say only a step's number, title and condition:
    the document's steps say the rest.
    """
    if not options.flowchart or isinstance(document, Plan):
        return []
    if graphviz_missing(document.id, "flowchart"):
        return []
    from sopmodel.exporters.flowchart import FlowchartOptions
    from sopmodel.exporters.flowchart.render import chart_pages

    width_mm, height_mm = _chart_area(template)
    area = (width_mm * 72 / 25.4, height_mm * 72 / 25.4)
    chart = FlowchartOptions(lang=options.lang, dpi=CHART_DPI, brief=True, fit_within=area)
    drawn = chart_pages(document, "png", chart)

    def width(picture: bytes) -> float:
        header = ImageHeader.from_blob(picture)
        native = header.px_width / CHART_DPI * 25.4, header.px_height / CHART_DPI * 25.4
        return float(native[0] * min(1.0, width_mm / native[0], height_mm / native[1]))

    return figures(template, drawn, "flowchart", width, labels)


def _close_up_section_breaks(docx: Any) -> None:
    """Remove the empty paragraphs just before a section break (the flowchart's landscape
    pages): one that spills onto a new page would leave that page blank before the break."""
    body = docx.element.body
    for properties in body.iterchildren(qn("w:p")):
        if properties.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
            continue
        before = properties.getprevious()
        while before is not None and before.tag == qn("w:p") and len(before) == 0:
            body.remove(before)
            before = properties.getprevious()


def _render(template: _Template, context: dict[str, Any], name: str, options: WordOptions) -> None:
    """Render the template in the bounded sandbox, within the time limit; one line if it fails."""
    try:
        with time_limit(options.render_timeout, f"{name}: rendering the {WHAT}"):
            template.render(context, jinja_env=_environment(), autoescape=True)
    except ExportError:
        raise
    except SecurityError as error:
        raise ExportError(
            f"{name}: the {WHAT} tried something unsafe and was stopped: {error}"
        ) from None
    except TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        message = " ".join(str(error.message).split())
        raise ExportError(f"{name}: the {WHAT} cannot be rendered{where}: {message}") from None
    except (RecursionError, MemoryError):
        raise ExportError(f"{name}: the {WHAT} nests or computes too much") from None
    except Exception as error:
        if options.template is None:
            raise  # the shipped template failing is a bug to report
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        raise ExportError(f"{name}: the {WHAT} is not usable: {detail}") from None


def _opened(template: _Template, name: str, options: WordOptions) -> Any:
    """Return the template's document, opened; one line if a custom template cannot be."""
    try:
        return template.get_docx()
    except Exception as error:  # python-docx and lxml raise many kinds for a broken file
        if options.template is None:
            raise  # the shipped template failing is a bug to report
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        raise ExportError(f"{name}: the {WHAT} is not usable: {detail}") from None


def write_template(
    document: Document,
    path: Path,
    context_of: Callable[[_Template, RichWriter], dict[str, Any]],
    destination: Destination,
    options: WordOptions,
) -> None:
    """Render the context `context_of(template, writer)` gives into the Word template at
    path, in the bounded sandbox, mark it with its language and properties, and write the
    .docx to destination.path with fixed timestamps."""
    template = _Template(str(path))
    writer = RichWriter(_opened(template, str(path), options))
    context = context_of(template, writer)
    _render(template, context, str(path), options)
    _close_up_section_breaks(template.docx)
    tag = options.language_tag(document)
    tag_language(template.docx, tag)
    when = export_time(document)
    describe_office_file(template.docx.core_properties, document, tag, when)
    saved = BytesIO()
    template.save(saved)
    destination.path.write_bytes(normalized_zip(saved.getvalue(), when))


def write_docx(document: Document, destination: Destination, options: WordOptions) -> None:
    """Write the Word document of a procedure or a plan to destination.path."""
    language = str(options.lang or document.language)
    labels = labels_for(language)
    printed = printed_date() if options.printed else None

    def context_of(template: _Template, writer: RichWriter) -> dict[str, Any]:
        if isinstance(document, Plan):  # each kind imports only its own modules
            from sopmodel.exporters.word.plan_context import plan_context
            from sopmodel.exporters.word.timeline import timeline_figures

            timeline = timeline_figures(document, labels, template)
            return plan_context(document, labels, printed, writer, timeline)
        from sopmodel.exporters.word.procedure_context import procedure_context

        picture = _picture_maker(template, options.image_width_mm)
        figures = _flowchart(document, options, template, labels)
        return procedure_context(document, labels, picture, figures, printed, writer)

    write_template(document, _template(document, options), context_of, destination, options)
