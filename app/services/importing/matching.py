"""Which rows are one business, which stored employer they are, and which look alike but may not be.

Rows are the same business when they share the mapped business key (an account
number), or the normalised name plus the normalised street, or the name plus a
phone. Near matches (similar names at one address or one phone, or very similar
names) are only reported, with the evidence, never merged here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.core import normalize as norm
from app.services.importing.rows import CleanRow

#: Names at least this alike (0-100) are reported even at different addresses.
NAME_ALIKE = 90
#: Names at least this alike are reported when they share an address or a phone.
NAME_ALIKE_SAME_PLACE = 70
#: Blocks larger than this skip the fuzzy name comparison (reported in the notes).
MAX_BLOCK = 400
#: At most this many possible duplicates are listed (the most alike first).
MAX_REPORTED = 1000
#: More employers than this at one address or phone are not paired with each other.
MAX_SAME_PLACE = 40


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_rows(rows: Sequence[CleanRow], links: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Indexes of `rows` that are one business, each group in file order, groups by first row.

    `links` are pairs of row numbers a person said are the same business.
    """
    uf = _UnionFind(len(rows))
    first: dict[tuple[str, ...], int] = {}
    name_only: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, set[int]] = defaultdict(set)

    def link(key: tuple[str, ...], i: int) -> None:
        if key in first:
            uf.union(first[key], i)
        else:
            first[key] = i

    for i, r in enumerate(rows):
        if r.key:
            link(("key", r.key), i)
        if not r.name_key:
            continue
        if r.street_key:
            link(("addr", r.name_key, r.street_key), i)
        for phone in r.phones:
            link(("phone", r.name_key, phone), i)
        if not r.street_key and not r.phones:
            name_only[r.name_key].append(i)
        by_name[r.name_key].add(i)
    for name, members in name_only.items():
        for i in members[1:]:
            uf.union(members[0], i)
        # A row with only a name joins the one business of that name, if there is exactly one.
        others = {uf.find(j) for j in by_name[name]} - {uf.find(members[0])}
        if len(others) == 1:
            uf.union(members[0], others.pop())
    index = {r.row: i for i, r in enumerate(rows)}
    for a, b in links:
        if a in index and b in index:
            uf.union(index[a], index[b])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[uf.find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


@dataclass
class Candidate:
    """Something a row group may duplicate: a planned new employer or a stored one."""

    ref: str
    label: str
    names: tuple[str, ...]
    street_key: str
    street: str
    phones: tuple[str, ...]
    is_new: bool


@dataclass
class PossibleDuplicate:
    """Two employers that look like one business; `evidence` says why, for a person to decide."""

    a: str
    b: str
    a_label: str
    b_label: str
    evidence: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a < self.b else (self.b, self.a)


def _best_name_score(a: Candidate, b: Candidate) -> tuple[int, str, str]:
    best = (0, "", "")
    for x in a.names:
        for y in b.names:
            score = int(
                round(
                    max(
                        fuzz.token_sort_ratio(x, y),
                        fuzz.ratio(x.replace(" ", ""), y.replace(" ", "")),
                    )
                )
            )
            if score > best[0]:
                best = (score, x, y)
    return best


def find_possible_duplicates(
    candidates: Sequence[Candidate],
) -> tuple[list[PossibleDuplicate], list[str]]:
    """Pairs that look alike (at least one of each pair is new), with evidence; plus notes."""
    notes: list[str] = []
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    by_street: dict[str, list[int]] = defaultdict(list)
    by_phone: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        if c.street_key:
            by_street[c.street_key].append(i)
        for p in c.phones:
            by_phone[p].append(i)
    crowded = 0
    for kind, blocks in (("street", by_street), ("phone", by_phone)):
        for members in blocks.values():
            if len(members) > MAX_SAME_PLACE:
                crowded += 1  # a switchboard or a mall: pairing everyone would bury the report
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs[(members[x], members[y])].add(kind)
    if crowded:
        notes.append(
            f"{crowded} addresses or phone numbers are shared by more than {MAX_SAME_PLACE} "
            "employers; those were not compared with each other."
        )
    # Similar names anywhere: compare names that share their first word and their numbers
    # ("Subway 1204" and "Subway 1377" are two shops, not a typo, so they never need comparing).
    by_word: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        for key in {(n.split()[0], _numbers(n)) for n in c.names if n}:
            by_word[key].append(i)
    blocks: list[list[int]] = []
    for (_word, numbers), members in by_word.items():
        if len(members) <= MAX_BLOCK:
            blocks.append(members)
            continue
        # A common first word ("Chicago ..."): compare within the first two words instead.
        finer: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
        for i in members:
            finer[(" ".join(candidates[i].names[0].split()[:2]), numbers)].append(i)
        blocks.extend(finer.values())
    skipped = 0
    for members in blocks:
        if len(members) < 2:
            continue
        if len(members) > MAX_BLOCK:
            skipped += len(members)
            continue
        names = [candidates[i].names[0] for i in members]
        joined = [n.replace(" ", "") for n in names]
        for x in range(len(names) - 1):
            # Word order ("Chicago Austin" / "Austin Chicago") and spacing ("Metal Works" /
            # "Metalworks") both hide a match from one scorer; use both.
            for texts, scorer in ((names, fuzz.token_sort_ratio), (joined, fuzz.ratio)):
                for _match, _score, y in process.extract(
                    texts[x], texts[x + 1 :], scorer=scorer, score_cutoff=NAME_ALIKE, limit=None
                ):
                    a, b = members[x], members[x + 1 + y]
                    # "Subway 1204" and "Subway 1377" are two shops, not a typo.
                    if _numbers(texts[x]) == _numbers(texts[x + 1 + y]):
                        pairs[(min(a, b), max(a, b))].add("name")
    if skipped:
        notes.append(
            f"{skipped} employers share a very common first word; their names were compared only "
            "where they also share an address or phone."
        )
    result = []
    for (i, j), why in pairs.items():
        a, b = candidates[i], candidates[j]
        if not (a.is_new or b.is_new):
            continue
        score, x, y = _best_name_score(a, b)
        same_place = "street" in why or "phone" in why
        if "phone" in why:
            pass  # one phone number is strong evidence on its own
        elif score < (NAME_ALIKE_SAME_PLACE if same_place else NAME_ALIKE):
            continue
        evidence = []
        if score:
            evidence.append(f"names {score}% alike: “{x}” and “{y}”")
        if "street" in why:
            evidence.append(f"same address: {a.street or b.street}")
        if "phone" in why:
            shared = sorted(set(a.phones) & set(b.phones))
            evidence.append(f"same phone: {', '.join(_show_phone(p) for p in shared)}")
        if "street" not in why and a.street and b.street:
            evidence.append(f"different addresses: {a.street} / {b.street}")
        result.append(
            PossibleDuplicate(
                a=a.ref, b=b.ref, a_label=a.label, b_label=b.label, evidence=evidence, score=score
            )
        )
    result.sort(key=lambda d: (-d.score, d.a_label, d.b_label))
    if len(result) > MAX_REPORTED:
        notes.append(
            f"{len(result)} possible duplicates were found; the {MAX_REPORTED} most alike are listed."
        )
        result = result[:MAX_REPORTED]
    return result, notes


_DIGITS = re.compile(r"\d+")


def _numbers(text: str) -> tuple[str, ...]:
    return tuple(_DIGITS.findall(text))


def _show_phone(digits: str) -> str:
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return digits


def candidate_names(legal: str, dba: str) -> tuple[str, ...]:
    names = [norm.business_name(legal)] if legal else []
    if dba and norm.business_name(dba) not in names:
        names.append(norm.business_name(dba))
    return tuple(n for n in names if n) or ("",)
