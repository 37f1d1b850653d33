"""The employer pipeline: the stages a partnership moves through."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    PROSPECT = "prospect"
    FIRST_MEETING = "first_meeting"
    RFI_SENT = "rfi_sent"
    RFI_RECEIVED = "rfi_received"
    ELIGIBILITY_TOLD = "eligibility_told"
    ACTIVE_PARTNER = "active_partner"
    NOT_A_FIT = "not_a_fit"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS: dict[Stage, str] = {
    Stage.PROSPECT: "Prospect",
    Stage.FIRST_MEETING: "First meeting held",
    Stage.RFI_SENT: "RFI sent",
    Stage.RFI_RECEIVED: "RFI received",
    Stage.ELIGIBILITY_TOLD: "Eligibility told",
    Stage.ACTIVE_PARTNER: "Active partner",
    Stage.NOT_A_FIT: "Not a fit",
}

#: The forward path; "not a fit" can be reached from any stage.
PIPELINE: tuple[Stage, ...] = (
    Stage.PROSPECT,
    Stage.FIRST_MEETING,
    Stage.RFI_SENT,
    Stage.RFI_RECEIVED,
    Stage.ELIGIBILITY_TOLD,
    Stage.ACTIVE_PARTNER,
)


def stage_label(value: str) -> str:
    """A stage's label for display; unknown values (from a newer version) show as they are."""
    try:
        return Stage(value).label
    except ValueError:
        return value


def advance(current: str, to: Stage) -> str:
    """The stage after an event that implies `to`: never moves a partnership backwards.

    Logging a meeting for an active partner must not demote it to "first meeting held".
    """
    try:
        cur = Stage(current)
    except ValueError:
        return to.value
    if cur == Stage.NOT_A_FIT or to == Stage.NOT_A_FIT:
        return to.value
    if PIPELINE.index(to) > PIPELINE.index(cur):
        return to.value
    return cur.value
