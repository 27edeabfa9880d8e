"""Rules on how a document becomes official: approvals of the current version, and trials."""

from __future__ import annotations

from collections.abc import Iterator

from sopmodel.diagnostics import Severity
from sopmodel.model import Plan, Procedure
from sopmodel.model.versions import compare_versions, version_key
from sopmodel.rules.engine import Context, Finding, rule

PROCEDURE = ("procedure",)
BOTH = ("procedure", "plan")


def _same_release(tried: str, current: str) -> bool:
    """Return True when tried is current, or a pre-release of it (1.2.0-rc1 for 1.2.0)."""
    if compare_versions(tried, current) == 0:
        return True
    a, b = version_key(tried), version_key(current)
    return a is not None and b is not None and a[:2] == b[:2] and a[2] == 0 and b[2] == 1


@rule("SOP113", "outdated-approval", Severity.warning, BOTH)
def outdated_approval(document: Procedure | Plan, context: Context) -> Iterator[Finding]:
    """An approved procedure's or plan's approver signed an older version than the current one.

    The sign-off block would show an approval of a text that has changed since. Have the
    current version approved (add an approval with its `version`), or set `status` back to
    in_review while it is. An approval without `version` is of the current version; older
    approvals kept as history are fine when the same role also approved the current one.
    With `sopmodel validate --against REF`, an approval without `version` that was already
    there at REF, when the version was an older one, is an approval of that older version.
    """
    if document.status != "approved" or document.version is None:
        return
    latest: dict[str, int] = {}
    for i, approval in enumerate(document.approvals):
        earlier = latest.get(approval.role)
        if earlier is None or _newer(approval.version, document.approvals[earlier].version):
            latest[approval.role] = i
    previous = context.previous
    carried = _carried_over(document, previous) if isinstance(previous, type(document)) else {}
    for i in sorted(latest.values()):
        approval = document.approvals[i]
        if approval.version is None:
            if i in carried:
                yield Finding(
                    ("approvals", i),
                    f"{approval.name}'s approval gives no version and was already there at"
                    f" {context.against}, when the version was {carried[i]}: have"
                    f" {document.version} approved (an approval with version:"
                    f" {document.version}), or set status back to in_review",
                )
            continue
        if compare_versions(approval.version, document.version) == -1:
            yield Finding(
                ("approvals", i, "version"),
                f"{approval.name} approved version {approval.version}, older than the current"
                f" {document.version}: have {document.version} approved, or set status back"
                " to in_review",
            )


def _carried_over(document: Procedure | Plan, previous: Procedure | Plan) -> dict[int, str]:
    """Return {index: old version} for the approvals without a version that the document at
    the compared revision already had, when its version there was an older one."""
    if previous.id != document.id or previous.version is None or document.version is None:
        return {}
    if compare_versions(previous.version, document.version) != -1:
        return {}
    before = [a for a in previous.approvals if a.version is None]
    return {i: previous.version for i, a in enumerate(document.approvals) if a in before}


def _newer(version: str | None, than: str | None) -> bool:
    """Return True when an approval of version replaces one of `than` (None: current)."""
    if than is None:
        return False
    if version is None:
        return True
    return compare_versions(version, than) != -1


@rule("SOP114", "untried-procedure", Severity.warning, PROCEDURE, enabled=False)
def untried_procedure(document: Procedure, context: Context) -> Iterator[Finding]:
    """An approved procedure has no passed trial of its current version.

    A procedure is best tried by someone less familiar with it before it becomes official:
    what its author finds obvious is where a newcomer stops. Record the try under `trials`
    with the version tried and `outcome: passed` (a pass of a pre-release such as
    1.2.0-rc1 counts for 1.2.0; a trial without `version` is of the current version). Off by
    default: turn it on with `--select ALL,SOP114` or `select = ["ALL", "SOP114"]`.
    """
    if document.status != "approved" or document.version is None:
        return
    current = document.version
    tried = [t for t in document.trials if t.version is None or _same_release(t.version, current)]
    if any(t.outcome == "passed" for t in tried):
        return
    if not document.trials:
        yield Finding(
            ("status",),
            f"version {current} is approved but was never tried: have someone less familiar"
            " with it follow it, and record the trial under trials",
        )
        return
    last = tried[-1] if tried else None
    said = f"its trial ended {last.outcome.value}" if last else "no trial is of this version"
    yield Finding(
        ("trials",),
        f"version {current} is approved but {said}: try it again and record a trial with"
        " outcome: passed",
        key=True,
    )
