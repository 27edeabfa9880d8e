"""What a handbook copies and where: files that share a name or an id never overwrite
each other, and each page links to its own."""

from __future__ import annotations

from pathlib import Path

from sopmodel.exporters.site import Handbook
from tests.test_site_build import read

PROCEDURE = """sopmodel: 1
kind: procedure
id: {id}
title: {title}
roles: [{{id: op, name: Operator}}]
attachments:
{attachments}
steps:
  - title: {step}
    role: op
"""


def write(path: Path, title: str, step: str, attachments: list[str], id: str = "DUP-1") -> None:
    listed = "\n".join(f"  - {{title: {name}, path: {name}}}" for name in attachments) or "  []"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        PROCEDURE.format(id=id, title=title, step=step, attachments=listed), encoding="utf-8"
    )


def linked(site: Path, page: str, text: str) -> bytes:
    """Return the bytes of the file a page's link labelled `text` leads to."""
    parsed = read(site / page)
    html = (site / page).read_text(encoding="utf-8")
    href = next(h for h in parsed.links if f'href="{h}">{text}<' in html)
    return (site / page).parent.joinpath(href).resolve().read_bytes()


def test_attachments_with_one_name_in_two_folders_are_both_copied(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for folder, content in (("forms", b"the form"), ("photos", b"the photo")):
        (docs / folder).mkdir(parents=True)
        (docs / folder / "sheet.pdf").write_bytes(content)
    (docs / "a b.pdf").write_bytes(b"with a space")
    (docs / "a_b.pdf").write_bytes(b"with an underscore")
    write(
        docs / "p.yaml",
        "Two sheets",
        "Fill both",
        ["forms/sheet.pdf", "photos/sheet.pdf", "a b.pdf", "a_b.pdf"],
    )
    site = tmp_path / "site"
    Handbook([docs], site).build()
    page = "procedures/DUP-1.html"
    assert linked(site, page, "forms/sheet.pdf") == b"the form"
    assert linked(site, page, "photos/sheet.pdf") == b"the photo"
    assert linked(site, page, "a b.pdf") == b"with a space"
    assert linked(site, page, "a_b.pdf") == b"with an underscore"


def test_two_files_with_one_id_keep_their_own_pages_checklists_and_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for name, step, content in (
        ("a", "Open the valve", b"first"),
        ("b", "Close the door", b"second"),
    ):
        (docs / name).mkdir(parents=True)
        (docs / name / "form.pdf").write_bytes(content)
        write(docs / name / "p.yaml", f"Copy {name}", step, ["form.pdf"])
    site = tmp_path / "site"
    book = Handbook([docs], site)
    book.build()
    first, second = book.url_of(docs / "a" / "p.yaml"), book.url_of(docs / "b" / "p.yaml")
    assert {first, second} == {"procedures/DUP-1.html", "procedures/DUP-1~2.html"}
    for page, step, content in (
        (first, "Open the valve", b"first"),
        (second, "Close the door", b"second"),
    ):
        assert linked(site, page, "form.pdf") == content
        checklist = page.removesuffix(".html") + ".checklist.html"
        assert checklist.rsplit("/", 1)[-1] in read(site / page).links
        text = " ".join(read(site / checklist).text)
        assert step in text
        back = page.rsplit("/", 1)[-1]
        assert back in read(site / checklist).links
    keys = {
        (site / p.removesuffix(".html"))
        .with_suffix(".checklist.html")
        .read_text("utf-8")
        .split('data-storage-key="')[1]
        .split('"')[0]
        for p in (first, second)
    }
    assert len(keys) == 2


def test_the_quiz_page_names_a_sub_step_as_its_question_does() -> None:
    import re

    from sopmodel.exporters.site.interactive import interactive_pages
    from sopmodel.model import Procedure

    procedure = Procedure.model_validate(
        {
            "id": "Q-1",
            "title": "Clean a part",
            "roles": [{"id": "op", "name": "Operator"}],
            "steps": [
                {"title": "Prepare the bench", "role": "op", "check": "Bench is clear"},
                {
                    "title": "Clean the part",
                    "role": "op",
                    "substeps": [
                        {"title": "Rinse with water", "check": "No residue left"},
                        {"title": "Dry with air", "check": "The part is dry"},
                    ],
                },
            ],
        }
    )
    quiz = next(p for p in interactive_pages(procedure) if p.kind == "quiz")
    links = re.findall(r"See step ([0-9a-z.]+)", str(quiz.main))
    assert "2.a" in links and "2.b" in links
    assert not [n for n in links if re.fullmatch(r"\d+\.\d+", n)]  # never 2.1 beside "Step 2.a"


def test_a_sub_step_is_named_from_elsewhere_as_the_document_names_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.yaml").write_text(
        """sopmodel: 1
kind: procedure
id: SUB-1
title: Clean a part
roles: [{id: op, name: Operator}]
risks:
  - {risk: Burns, severity: high, mitigation: Gloves, step: dry}
troubleshooting:
  - {problem: Still wet, solution: Dry longer, step: dry}
steps:
  - title: Prepare the bench
    role: op
  - title: Clean the part
    role: op
    substeps:
      - title: Rinse with water
      - id: dry
        title: Dry with hot air
        notes: [{level: danger, text: The nozzle burns.}]
""",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    Handbook([docs], site).build()
    page = site / "procedures" / "SUB-1.html"
    html = page.read_text(encoding="utf-8")
    safety = html.split('id="safety"')[1].split("</section>")[0]
    assert '<a href="#step-2-2">2.b.' in safety  # the danger note's step
    assert html.count('<a href="#step-2-2">2.b</a>') == 2  # risks and troubleshooting
    role = " ".join(read(site / "roles" / "op.html").text)
    assert "2.b" in role and "2.2" not in role
