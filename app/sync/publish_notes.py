"""What publishing tells the BSR when it found a copied store or damaged files of ours."""

from __future__ import annotations

from app.sync.segment import Kind
from app.sync.transport import Transport


def clone_note(evidence: str, old: str, new: str, carried: int) -> str:
    """What the BSR is told when this store turned out to be a copy of another computer's."""
    again = (
        f" {carried} change(s) of this store that the share no longer held as written "
        "are published again under it."
        if carried
        else ""
    )
    return (
        f"This store file is a copy of another computer's: {evidence}. Both copies used "
        f"device id {old}; this one now publishes as device {new}.{again}"
    )


def repair_note(
    transport: Transport, me: str, damaged: dict[int, str], changes: int, files: list[str]
) -> str:
    """What the BSR is told when files of ours on the share were damaged and published again."""
    which = "; ".join(
        f"{transport.publish_path(me, Kind.CHANGES, s)}: {why}"
        for s, why in sorted(damaged.items())
    )
    where = ", ".join(files) or "a new file"
    return (
        f"This computer's folder on the share holds file(s) the team cannot read as this "
        f"computer wrote them ({which}). This is not a copied store: the device id stays. "
        f"{changes} change(s) from those files were published again from this computer's "
        f"records in {where}, and the team is told to skip the bad file(s)."
    )


__all__ = ["clone_note", "repair_note"]
