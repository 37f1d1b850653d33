from app.core.pipeline import PIPELINE, Stage, advance, stage_label


def test_advance_never_moves_backwards() -> None:
    assert advance(Stage.PROSPECT.value, Stage.FIRST_MEETING) == Stage.FIRST_MEETING.value
    assert advance(Stage.ACTIVE_PARTNER.value, Stage.FIRST_MEETING) == Stage.ACTIVE_PARTNER.value
    for i, stage in enumerate(PIPELINE):
        for later in PIPELINE[i:]:
            assert advance(stage.value, later) == later.value


def test_not_a_fit_and_unknown_stages() -> None:
    assert advance(Stage.RFI_SENT.value, Stage.NOT_A_FIT) == Stage.NOT_A_FIT.value
    assert advance("from-a-newer-version", Stage.RFI_SENT) == Stage.RFI_SENT.value
    assert stage_label("from-a-newer-version") == "from-a-newer-version"
    assert stage_label("rfi_sent") == "RFI sent"
