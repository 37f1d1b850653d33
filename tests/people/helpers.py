"""Small builders the people tests share: an employer, a participant, a placement."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from app.core.models import Contact, Employer
from app.services.people import participants, placements

_numbers = count(100)


def employer(store, name: str = "Lakeside Foods", contact_email: str = "") -> str:
    with store.transaction() as session:
        row = Employer(legal_name=name)
        session.add(row)
        if contact_email:
            session.add(
                Contact(employer_id=row.id, name="Dana Ruiz", email=contact_email, is_primary=True)
            )
    return row.id


def participant(store, first: str = "Ana", last: str = "Lopez", **extra) -> str:
    """A participant whose work authorization is on file, as referrals require."""
    values = {
        "first_name": first,
        "last_name": last,
        "phone": f"(312) 555-0{next(_numbers)}",
        "work_authorization_confirmed": True,
        "work_authorization_confirmed_on": date(2026, 1, 5),
        "work_authorization_confirmed_by": "Rosa Diaz",
        **extra,
    }
    return participants.create_participant(store, values, allow_duplicate=True).id


def placement(store, employer_id: str, hire: date, person: str | None = None, **values) -> str:
    person = person or participant(store, "Placed", f"Person{next(_numbers)}")
    values.setdefault("position_title", "Line cook")
    values["hire_date"] = hire
    return placements.create_placement(
        store, person, employer_id, values, today=hire + timedelta(days=1)
    ).id
