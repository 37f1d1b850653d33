"""Every control on the people screens has a name a screen reader can say."""

from __future__ import annotations

from datetime import date

from app.services.agency import org
from app.services.people import partners, referrals, tours
from app.ui.context import AppContext
from app.ui.people import dialogs as d
from app.ui.people.employer_sections import EmployerPlacementsSection, EmployerToursSection
from app.ui.people.openings import OpeningEmailDialog
from app.ui.people.participants_page import MergeDialog, ParticipantsPage
from app.ui.people.today_sections import OverdueCheckInsSection, SilentEmployersSection
from app.ui.people.tours_page import PlanTourDialog, ToursPage
from tests.people import helpers
from tests.ui.test_accessibility import CONTROLS, unnamed


def test_people_screens_and_forms_name_every_control(qtbot, store) -> None:
    office = org.offices(store)[0]
    org.save_profile(store, "Rosa Diaz", office.id, ["wioa-adult"])
    ctx = AppContext(store=store)
    employer = helpers.employer(store)
    person = helpers.participant(store)
    ref = referrals.create_referral(
        store, person, "2026-03-01", employer_id=employer, position_title="Cook"
    )
    placement = helpers.placement(store, employer, date(2026, 3, 10), person=person)
    tours.plan_tour(store, employer, "2026-05-01")
    partner = partners.create_partner(store, {"name": "Sector Center"})
    opening = partners.record_opening(store, partner.id, "Welder", "2026-05-01", employer_name="X")
    widgets = [
        ParticipantsPage(ctx),
        ToursPage(ctx),
        EmployerToursSection(ctx),
        EmployerPlacementsSection(ctx),
        OverdueCheckInsSection(ctx),
        SilentEmployersSection(ctx),
        d.NewParticipantDialog(ctx),
        d.ReferralDialog(ctx, person),
        d.OutcomeDialog(ctx, ref.id),
        d.PlacementDialog(ctx, person, ref.id),
        d.SeparationDialog(ctx, placement),
        d.CheckInDialog(ctx, placement),
        d.PartnerDialog(ctx),
        d.OpeningDialog(ctx),
        d.SendResumeDialog(ctx, opening.id),
        OpeningEmailDialog(ctx, opening.id),
        PlanTourDialog(ctx),
        MergeDialog(ctx, person),
    ]
    missing = []
    for widget in widgets:
        qtbot.addWidget(widget)
        missing += [f"{type(widget).__name__}: {m}" for m in unnamed(widget)]
    assert missing == []
    checked = sum(len(w.findChildren(kind)) for w in widgets for kind in CONTROLS)
    assert checked > 150  # the check looked at the real controls
