"""The cycle collector pause: off inside, back as it was after, whatever happens."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from app.core.collector import collector_paused


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    try:
        yield
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()


@pytest.mark.parametrize("on_before", [True, False])
def test_off_inside_and_as_it_was_after(collector_restored, on_before: bool) -> None:
    gc.enable() if on_before else gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is on_before


def test_back_on_after_the_block_raises(collector_restored) -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a row the store refused")
    assert gc.isenabled()


def test_a_nested_pause_leaves_it_off_until_the_outer_one_ends(collector_restored) -> None:
    gc.enable()
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_as_a_decorator_each_call_pauses_and_restores(collector_restored) -> None:
    seen: list[bool] = []

    @collector_paused()
    def work() -> None:
        seen.append(gc.isenabled())

    gc.enable()
    work()
    work()
    assert seen == [False, False]
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_never_leave_it_off(collector_restored) -> None:
    """Thread A pauses, B pauses (finding it off), A ends, then B ends: the collector
    must be on at the end, whichever order the two end in."""
    gc.enable()
    a_in, b_in, a_may_end = threading.Event(), threading.Event(), threading.Event()

    def a() -> None:
        with collector_paused():
            a_in.set()
            b_in.wait()
            a_may_end.wait()

    def b() -> None:
        a_in.wait()
        with collector_paused():
            b_in.set()
            a_may_end.set()
            first.join()

    first = threading.Thread(target=a)
    second = threading.Thread(target=b)
    first.start()
    second.start()
    second.join()
    assert gc.isenabled()
