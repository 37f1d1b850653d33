"""The training plan of an agreement: the skills to learn, each with a start level, a target
level and hours, and whether it is taught in a classroom."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session, select

from app.core import validation as v
from app.core.models import OjtAgreement, TrainingPlanSkill
from app.services.ojt import policy as ojt_policy
from app.services.records import clean, live, set_field, soft_delete, whole_number
from app.store.engine import Store


def skills_in(session: Session, agreement_id: str) -> list[TrainingPlanSkill]:
    return list(
        session.exec(
            select(TrainingPlanSkill)
            .where(
                TrainingPlanSkill.agreement_id == agreement_id,
                TrainingPlanSkill.deleted_at.is_(None),  # type: ignore[union-attr]
            )
            .order_by(TrainingPlanSkill.position, TrainingPlanSkill.id)  # type: ignore[arg-type]
        )
    )


def skills(store: Store, agreement_id: str) -> list[TrainingPlanSkill]:
    """The training plan's skills, in order."""
    with store.session() as session:
        return skills_in(session, agreement_id)


def _level(field: str) -> Callable[[Any], str]:
    def clean_level(value: Any) -> str:
        levels = ojt_policy.policy().levels
        return v.clean_choice(str(value or ""), {lv: lv for lv in levels}, field, "The level")

    return clean_level


SKILL_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "skill": lambda x: v.clean_required(str(x or ""), "skill", "The skill"),
    "start_level": _level("start_level"),
    "target_level": _level("target_level"),
    "hours": whole_number("hours", 0, 4000),
    "classroom": lambda x: str(x).strip().lower() in {"1", "true", "yes", "y", "on"},
}


def add_skill(store: Store, agreement_id: str, values: dict[str, Any]) -> TrainingPlanSkill:
    cleaned = {k: clean(SKILL_CLEANERS, k, val) for k, val in values.items()}
    if "skill" not in cleaned:
        clean(SKILL_CLEANERS, "skill", "")
    with store.transaction() as session:
        live(session, OjtAgreement, agreement_id, "OJT agreement")
        position = len(skills_in(session, agreement_id))
        row = TrainingPlanSkill(agreement_id=agreement_id, position=position, **cleaned)
        session.add(row)
    return row


def update_skill(store: Store, skill_id: str, field: str, value: Any) -> Any:
    return edit_skill(store, skill_id, {field: value})[field]


def edit_skill(store: Store, skill_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Save several edited values of one skill at once: all are cleaned first, so a refused
    value saves none of them."""
    cleaned = {k: clean(SKILL_CLEANERS, k, val) for k, val in values.items()}
    with store.transaction() as session:
        row = live(session, TrainingPlanSkill, skill_id, "training skill")
        for field, value in cleaned.items():
            set_field(session, row, field, value)
    return cleaned


def delete_skill(store: Store, skill_id: str) -> None:
    with store.transaction() as session:
        soft_delete(session, live(session, TrainingPlanSkill, skill_id, "training skill"))
