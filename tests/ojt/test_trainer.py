"""Who trains: a named person and a title are told apart; a bare job title is never a name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core.trainer import Trainer, is_person_name, signing_trainer, split_trainer
from app.services.demo.people import FIRST, LAST
from app.services.demo.rfi_answers import TRAINING

TITLES = [t[2] for t in TRAINING] + ["Head baker", "Owner", "Lead machinist", "HR"]


def test_answers_as_employers_write_them() -> None:
    assert split_trainer("Dana Okafor, Shift lead") == Trainer("Dana Okafor", "Shift lead")
    assert split_trainer("Shift lead - Dana Okafor") == Trainer("Dana Okafor", "Shift lead")
    assert split_trainer("Dana Okafor (Head cook)") == Trainer("Dana Okafor", "Head cook")
    assert split_trainer("Dana Okafor") == Trainer("Dana Okafor", "")
    assert split_trainer("Head baker") == Trainer("", "Head baker")
    assert split_trainer("Store Manager") == Trainer("", "Store Manager")
    assert split_trainer("") == Trainer("", "")
    assert split_trainer("dana okafor") == Trainer("", "dana okafor")  # not sure: signed by hand


def test_signature_line_takes_the_stored_title() -> None:
    assert signing_trainer("Foreman", "") == Trainer("", "Foreman")
    assert signing_trainer("Dana Okafor", "Foreman") == Trainer("Dana Okafor", "Foreman")
    assert signing_trainer("Dana Okafor, Foreman", "") == Trainer("Dana Okafor", "Foreman")


@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(TITLES))
def test_a_name_and_title_split_in_either_order(first: str, last: str, title: str) -> None:
    name = f"{first} {last}"
    assert split_trainer(f"{name}, {title}") == Trainer(name, title)
    assert split_trainer(f"{title} - {name}") == Trainer(name, title)


@given(st.sampled_from(TITLES), st.sampled_from(["", " ", "  "]))
def test_a_bare_job_title_is_never_a_name(title: str, pad: str) -> None:
    assert not is_person_name(title)
    assert split_trainer(pad + title + pad).name == ""
    assert signing_trainer(title, "").name == ""
