"""The plain-tag fast path of the extent check finds what the general patterns find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.importing import extent

_LETTERS = ["A", "B", "Z", "AA", "XFD"]


def _general(chunk: bytes) -> tuple[int, int, int] | None:
    rows = extent._ROW_REF.findall(chunk)
    cells = extent._CELL_REF.findall(chunk)
    if (len(rows), len(cells)) != (
        len(extent._ROW_TAG.findall(chunk)),
        len(extent._CELL_TAG.findall(chunk)),
    ):
        return None
    numbers = [int(r) for r in rows] + [int(n) for _, n in cells]
    furthest = max((extent._column_number(c) for c, _ in cells), default=0)
    return max(numbers, default=0), furthest, int(rows[-1]) if rows else 0


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=10**6),
            st.lists(st.tuples(st.sampled_from(_LETTERS), st.booleans()), max_size=4),
            st.sampled_from(["", "x:"]),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_fast_path_agrees_with_the_general_patterns(rows) -> None:
    parts = [b"<sheetData>"]
    for number, cells, prefix, ref_first in rows:
        p = prefix.encode()
        parts.append(b'<%brow r="%d" spans="1:3">' % (p, number))
        for letters, styled in cells:
            attrs = b's="1" ' if styled and not ref_first else b""
            parts.append(
                b'<%bc %br="%b%d" t="s"><v>0</v></%bc>' % (p, attrs, letters.encode(), number, p)
            )
        parts.append(b"</%brow>" % p)
    chunk = b"".join(parts)
    assert extent._referenced_extent(chunk) == _general(chunk)


def test_a_cell_without_reference_is_counted_not_guessed() -> None:
    chunk = b'<row r="4"><c r="B4"><v>1</v></c><c t="s"><v>2</v></c></row>'
    assert extent._plain_refs(chunk) is None
    assert extent._referenced_extent(chunk) is None
