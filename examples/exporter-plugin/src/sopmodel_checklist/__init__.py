"""A sopmodel exporter plugin: a procedure as a Markdown checklist, one box per step."""

from __future__ import annotations

from typing import Any, ClassVar

from sopmodel.exporters import Destination, ExportOptions
from sopmodel.i18n import format_date, labels
from sopmodel.model import Document, Procedure
from sopmodel.views import number_steps

__all__ = ["ChecklistExporter", "ChecklistOptions"]


class ChecklistOptions(ExportOptions):
    """Options of the checklist exporter."""

    with_details: bool = True
    """Print each step's details under its box."""


class ChecklistExporter:
    """Markdown checklists of procedures."""

    name: ClassVar[str] = "checklist"
    formats: ClassVar[tuple[str, ...]] = ("checklist.md",)
    kinds: ClassVar[tuple[str, ...]] = ("procedure",)
    options: ClassVar[type[ExportOptions]] = ChecklistOptions
    description: ClassVar[str] = "a procedure as a Markdown checklist, one box per step"

    def missing(self, format: str) -> list[str]:
        """Return what is not installed: nothing, Markdown is plain text."""
        return []

    def export(self, document: Document, destination: Destination, options: Any) -> None:
        """Write the checklist to destination.path."""
        assert isinstance(document, Procedure)
        language = str(options.lang or document.language)
        words = labels(language)
        roles = {role.id: role.name for role in document.roles}
        out = [f"# {document.id} · {document.title}", ""]
        if document.effective:
            out += [f"{words['version']} {document.version} · {format_date(document.effective, language)}", ""]
        for item in number_steps(document):
            indent = "  " * item.depth
            who = f" ({roles.get(item.role, item.role)})" if item.role and item.depth == 0 else ""
            out.append(f"{indent}- [ ] **{item.number}** {item.step.title}{who}")
            if options.with_details and item.step.details:
                out.append(f"{indent}  {item.step.details}")
            if item.step.check:
                out.append(f"{indent}  ✔ {words['check']}: {item.step.check}")
            if item.step.warning:
                out.append(f"{indent}  ⚠ {words['warning']}: {item.step.warning}")
        destination.path.write_text("\n".join(out) + "\n", encoding="utf-8")
