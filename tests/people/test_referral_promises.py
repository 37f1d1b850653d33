"""Referrals keep the agency's promises: work authorization on file first, and a written reason
before sending anyone to an employer whose placements show a poor fit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.core.validation import FieldError
from app.services.agency import org
from app.services.people import participants, placements, referrals
from app.ui.context import AppContext
from app.ui.people.dialogs import ReferralDialog
from tests.people import helpers

TODAY = date.today()


def unconfirmed(store) -> str:
    return helpers.participant(
        store,
        "Luis",
        "Perez",
        work_authorization_confirmed=False,
        work_authorization_confirmed_on=None,
    )


def churning_employer(store) -> str:
    """Two hires let go within a fortnight: a poor fit by the agency's rule."""
    churn = helpers.employer(store, "Churn Logistics")
    for lasted in (5, 12):
        pid = helpers.placement(store, churn, TODAY - timedelta(days=100))
        placements.record_separation(
            store, pid, TODAY - timedelta(days=100 - lasted), "fired", today=TODAY
        )
    return churn


def test_an_unconfirmed_person_is_refused_until_someone_confirms(store) -> None:
    person = unconfirmed(store)
    plant = helpers.employer(store, "Steady Foods")
    with pytest.raises(FieldError) as refused:
        referrals.create_referral(store, person, TODAY, employer_id=plant, position_title="Packer")
    assert refused.value.field == "work_authorization_confirmed_by"
    assert "Luis Perez" in refused.value.message
    assert referrals.list_rows(store) == []
    with pytest.raises(FieldError, match="who confirmed"):
        referrals.create_referral(
            store, person, TODAY, employer_id=plant, position_title="Packer",
            authorization=referrals.AuthorizationCheck(" ", TODAY),
        )  # fmt: skip
    referrals.create_referral(
        store, person, TODAY, employer_id=plant, position_title="Packer",
        authorization=referrals.AuthorizationCheck("Rosa Diaz", TODAY - timedelta(days=1)),
    )  # fmt: skip
    record = participants.get(store, person)
    assert record.work_authorization_confirmed
    assert record.work_authorization_confirmed_by == "Rosa Diaz"
    assert record.work_authorization_confirmed_on == TODAY - timedelta(days=1)


def test_a_poor_fit_needs_a_reason_kept_on_the_referral(store) -> None:
    churn = churning_employer(store)
    person = helpers.participant(store)
    with pytest.raises(FieldError) as refused:
        referrals.create_referral(store, person, TODAY, employer_id=churn, position_title="Loader")
    assert refused.value.field == "fit_reason" and "poor fit" in refused.value.message
    assert "let go within 30 days" in refused.value.message
    made = referrals.create_referral(
        store, person, TODAY, employer_id=churn, position_title="Loader",
        fit_reason="New warehouse manager; asked us to send steady people.",
    )  # fmt: skip
    assert referrals.get(store, made.id).fit_reason.startswith("New warehouse manager")


@pytest.fixture
def ctx(store) -> AppContext:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"])
    return AppContext(store=store)


def test_the_dialog_asks_only_what_the_case_needs(qtbot, ctx) -> None:
    store = ctx.store
    steady = helpers.employer(store, "Steady Foods")
    churn = churning_employer(store)
    person = unconfirmed(store)
    dialog = ReferralDialog(ctx, person, steady, "Steady Foods")
    qtbot.addWidget(dialog)
    assert dialog.row_visible("work_authorization_confirmed_by")
    assert dialog.text("work_authorization_confirmed_by") == "Rosa Diaz"
    assert not dialog.row_visible("fit_reason")
    dialog.employer.choose(churn, "Churn Logistics")
    assert dialog.row_visible("fit_reason")
    assert "poor fit" in dialog.fit_reason.placeholderText()
    dialog.position.setEditText("Loader")
    assert not dialog.save()
    assert "poor fit" in dialog.errors["fit_reason"].text()
    dialog.set_text("fit_reason", "Employer changed its supervisor; we check in weekly.")
    assert dialog.save()
    saved = referrals.list_rows(store)
    assert len(saved) == 1
    assert participants.get(store, person).work_authorization_confirmed_by == "Rosa Diaz"
    # A confirmed person is not asked again.
    again = ReferralDialog(ctx, person, steady, "Steady Foods")
    qtbot.addWidget(again)
    assert not again.row_visible("work_authorization_confirmed_by")
