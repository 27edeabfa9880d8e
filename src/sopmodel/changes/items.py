"""Compare what two versions of a document hold beside their steps: roles, KPIs, risks..."""

from __future__ import annotations

from sopmodel.changes.fingerprints import flatten
from sopmodel.changes.result import FieldChange, ItemChange, ItemChangeKind
from sopmodel.changes.sections import RETARGETING, Item, document_sections
from sopmodel.model import Document, Procedure

__all__ = ["compare_items"]


def _all_roles(*documents: Document) -> tuple[str, ...]:
    roles: dict[str, None] = {}
    for document in documents:
        roles.update(dict.fromkeys(role.id for role in document.roles))
        if isinstance(document, Procedure):
            for flat in flatten(document):
                roles.update(dict.fromkeys(flat.roles))
    return tuple(roles)


def _item_change(
    section: str, old: Item | None, new: Item | None, everyone: tuple[str, ...]
) -> ItemChange | None:
    item = new or old
    assert item is not None
    roles = tuple(dict.fromkeys((*(new.roles if new else ()), *(old.roles if old else ()))))
    concerned = roles or everyone
    old_loc = old.loc if old is not None else None
    new_loc = new.loc if new is not None else None
    if old is None or new is None:
        kind = ItemChangeKind.added if old is None else ItemChangeKind.removed
        return ItemChange(section, item.key, item.label, kind, (), concerned, old_loc, new_loc)
    names = [name for name in new.fields if new.fields[name] != old.fields.get(name)]
    if not names:
        return None
    retargeted = section == "kpis" and any(name in RETARGETING for name in names)
    kind = ItemChangeKind.retargeted if retargeted else ItemChangeKind.changed
    fields = tuple(
        FieldChange(kind.value, name, old.shown.get(name), new.shown.get(name)) for name in names
    )
    if section == "document":  # the document's own fields: point at the first that changed
        old_loc = new_loc = (names[0],)
    return ItemChange(section, item.key, item.label, kind, fields, concerned, old_loc, new_loc)


def compare_items(old_doc: Document, new_doc: Document) -> list[ItemChange]:
    """Return the changes of the document-level items, section by section: the removed
    items of a section first, then its added and changed ones in the new order."""
    everyone = _all_roles(old_doc, new_doc)
    changes: list[ItemChange] = []
    old_sections = dict(document_sections(old_doc))
    for section, new_items in document_sections(new_doc):
        old_items = {item.key: item for item in old_sections.get(section, [])}
        new_keys = {item.key for item in new_items}
        for key, item in old_items.items():
            if key not in new_keys:
                change = _item_change(section, item, None, everyone)
                if change is not None:
                    changes.append(change)
        for item in new_items:
            change = _item_change(section, old_items.get(item.key), item, everyone)
            if change is not None:
                changes.append(change)
    return changes
