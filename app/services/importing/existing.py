"""The store's employers as an import sees them: matched by the keys rows are grouped on.

`StoreIndex` reads live employers and their contacts once per plan, and also the
deleted and merged ones, so a row naming a business a person deleted or merged is
recognised and left alone instead of being created again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import select

from app.core import normalize as norm
from app.core.models import Contact, Employer
from app.services.importing.matching import Candidate, candidate_names
from app.services.importing.rows import CleanRow
from app.store.engine import Store

CONTACT_FIELDS = ("role", "email", "phone")


@dataclass
class PlannedEmployer:
    """One business from the file: created, or an update of a stored employer."""

    ref: str
    rows: list[int]
    values: dict[str, Any]
    contacts: list[dict[str, Any]]
    existing_id: str | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    contact_updates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.values.get("legal_name", "")

    @property
    def changes_anything(self) -> bool:
        return bool(self.changes or self.contacts or self.contact_updates)


def _follow(merged_into: dict[str, str], employer_id: str) -> str:
    """The employer a merged one ended up in (merges can chain: A into B, B into C)."""
    seen = {employer_id}
    while employer_id in merged_into and merged_into[employer_id] not in seen:
        employer_id = merged_into[employer_id]
        seen.add(employer_id)
    return employer_id


def store_stamp(session: Any) -> tuple[Any, ...]:
    """Counts and latest edit times of employers and contacts: changes when anyone edits them."""
    row = session.execute(
        text(
            "SELECT (SELECT count(*) FROM employer), (SELECT max(updated_at) FROM employer), "
            "(SELECT count(*) FROM contact), (SELECT max(updated_at) FROM contact)"
        )
    ).one()
    return tuple(str(x) for x in row)


class StoreIndex:
    """Live employers and their contacts, keyed the way rows are matched."""

    def __init__(self, store: Store) -> None:
        self.employers: dict[str, Employer] = {}
        self.contacts: dict[str, list[Contact]] = defaultdict(list)
        self.by_addr: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_phone: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        self.phones: dict[str, set[str]] = defaultdict(set)
        #: Deleted employers (not merged) by the keys rows are matched on: a business a
        #: person deleted is not brought back by next month's file.
        self.deleted: dict[str, Employer] = {}
        #: "deleted:id" / "merged:id" -> how a skipped row's business is named in the report.
        self.gone: dict[str, str] = {}
        merged_into: dict[str, str] = {}
        merged: list[Employer] = []
        with store.session() as session:
            everyone = session.exec(select(Employer).order_by(Employer.id))
            for e in everyone:
                if e.merged_into:
                    merged_into[e.id] = e.merged_into
                    merged.append(e)
                elif e.deleted_at is not None:
                    self.deleted[e.id] = e
                else:
                    self.employers[e.id] = e
            for c in session.exec(select(Contact).where(Contact.deleted_at.is_(None))):  # type: ignore[union-attr]
                if c.employer_id in self.employers:
                    self.contacts[c.employer_id].append(c)
            self.stamp = store_stamp(session)
        for e in self.employers.values():
            phones = {norm.phone_digits(e.main_phone)} | {
                norm.phone_digits(c.phone) for c in self.contacts[e.id]
            }
            phones.discard("")
            self.phones[e.id] = phones
            self._index(e, e.id, phones)
        # A row naming a business a person merged into another, or deleted, is left alone:
        # the file is older news than that decision.
        for e in merged:
            survivor = _follow(merged_into, e.id)
            label = self.employers[survivor].legal_name if survivor in self.employers else ""
            self.gone[f"merged:{e.id}"] = (
                f"{e.legal_name} (merged into {label or 'another employer'})"
            )
        for e in self.deleted.values():
            self.gone[f"deleted:{e.id}"] = f"{e.legal_name} (deleted)"
        for e in [*merged, *self.deleted.values()]:
            kind = "merged" if e.merged_into else "deleted"
            self._index(e, f"{kind}:{e.id}", {norm.phone_digits(e.main_phone)} - {""})
        self._matched: set[str] = set()

    def _index(self, e: Employer, target: str, phones: set[str]) -> None:
        name = norm.name_key(e.legal_name)
        street_key = norm.street(e.street)
        if street_key:
            self.by_addr[(name, street_key)].append(target)
        for p in phones:
            self.by_phone[(name, p)].append(target)
        self.by_name[name].append(target)

    def label(self, employer_id: str) -> str:
        return self.employers[employer_id].legal_name

    def match(self, rows: Sequence[CleanRow]) -> tuple[list[str], list[str]]:
        """Live employers the rows are (oldest first); else the deleted or merged ones they are."""
        found: dict[str, None] = {}
        for r in rows:
            if r.street_key:
                for eid in self.by_addr.get((r.name_key, r.street_key), ()):
                    found[eid] = None
            for p in r.phones:
                for eid in self.by_phone.get((r.name_key, p), ()):
                    found[eid] = None
        if not found:
            for r in rows:
                named = set(self.by_name.get(r.name_key, ()))
                if not r.street_key and not r.phones and len(named) == 1:
                    found[named.pop()] = None
        live = sorted(i for i in found if ":" not in i)  # UUIDv7: oldest first
        self._matched.update(live)
        gone = [] if live else sorted(i for i in found if ":" in i)
        return live, gone

    def diff(self, item: PlannedEmployer) -> None:
        """Turn a matched item into the changes it makes: non-empty, different values only."""
        assert item.existing_id is not None
        current = self.employers[item.existing_id]
        for key, new in item.values.items():
            old = getattr(current, key)
            if key == "notes":
                missing = [
                    line for line in str(new).split("\n") if line and line not in (old or "")
                ]
                if missing:
                    combined = "\n".join([old, *missing]) if old else "\n".join(missing)
                    item.changes[key] = (old, combined)
                continue
            if not _same(key, old, new):
                item.changes[key] = (old, new)
        have = {norm.person_name(c.name): c for c in self.contacts[item.existing_id]}
        fresh = []
        for contact in item.contacts:
            known = have.get(norm.person_name(contact["name"]))
            if known is None:
                fresh.append(contact)
                continue
            change = {
                k: contact[k]
                for k in CONTACT_FIELDS
                if contact.get(k) and not _same(k, getattr(known, k), contact[k])
            }
            if change:
                item.contact_updates.append((known.id, change))
        item.contacts = fresh

    def candidates(self) -> list[Candidate]:
        return [
            Candidate(
                ref=f"employer:{e.id}",
                label=e.legal_name,
                names=candidate_names(e.legal_name, e.dba_name),
                street_key=norm.street(e.street),
                street=e.street,
                phones=tuple(sorted(self.phones[e.id])),
                is_new=False,
            )
            for e in self.employers.values()
        ]


def _same(key: str, old: Any, new: Any) -> bool:
    """Equal for this field, ignoring what a person would not call a difference."""
    if old == new:
        return True
    if old is None or new is None:
        return False
    if key in ("legal_name", "dba_name"):
        return norm.name_key(str(old)) == norm.name_key(str(new)) and str(old).strip() != ""
    if key == "street":
        return norm.street(str(old)) == norm.street(str(new)) and norm.fold(str(old)) == norm.fold(
            str(new)
        )
    if key in ("main_phone", "phone"):
        return norm.phone_digits(str(old)) == norm.phone_digits(str(new)) != ""
    if key in ("email", "website", "city", "state", "industry", "source", "role"):
        return str(old).casefold().strip() == str(new).casefold().strip()
    return False
