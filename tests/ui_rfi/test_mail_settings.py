"""Mail settings in the File menu, and the outbox that empties itself when the server answers."""

from __future__ import annotations

import keyring
import pytest

from app.mail import outbox, smtp
from app.services.rfi import mail as mail_service
from app.ui.rfi.mail_settings import (
    MailSettingsDialog,
    OutboxScheduler,
    ensure_scheduler,
    send_waiting,
)
from tests.mail.test_mail import _config, local_server


def test_settings_keep_the_password_in_the_keyring(qtbot, context, memory_keyring) -> None:
    dialog = MailSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    dialog.host.setText("smtp.example.org")
    dialog.username.setText("rbenavides")
    dialog.password.setText("s3cret")
    with qtbot.waitSignal(context.signals.status_message, timeout=30_000):
        assert dialog.save()
    config = mail_service.smtp_settings(context.store)
    assert (config.host, config.port, config.security) == ("smtp.example.org", 587, "starttls")
    assert memory_keyring.secrets[(smtp.KEYRING_SERVICE, config.account)] == "s3cret"
    with context.store.engine.connect() as conn:
        rows = " ".join(str(r) for r in conn.exec_driver_sql("SELECT value FROM local_setting"))
    assert "s3cret" not in rows


def test_no_secure_keyring_is_said_plainly(qtbot, context) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    dialog = MailSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    assert not dialog.password.isEnabled()
    assert "no secure password store" in dialog.keyring_note.text()
    dialog.host.setText("smtp.example.org")
    assert dialog.save()  # the server is kept, the password is not asked for at all
    assert mail_service.smtp_settings(context.store).host == "smtp.example.org"


def test_missing_server_name_is_refused(qtbot, context) -> None:
    dialog = MailSettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.use_server.setChecked(True)
    assert not dialog.save()
    assert "mail server's name" in dialog.problem.text()
    assert mail_service.smtp_settings(context.store) is None


@pytest.fixture
def server():
    controller, inbox = local_server()
    yield controller, inbox
    controller.stop()


def test_waiting_emails_go_out_from_the_menu_and_by_themselves(
    qtbot, context, employer, server
) -> None:
    controller, inbox = server
    store = context.store
    messages: list[str] = []
    context.signals.status_message.connect(messages.append)
    assert send_waiting(context, None) is None
    assert messages[-1].startswith("No mail server")
    mail_service.save_smtp_settings(store, _config(controller.port), None)
    assert send_waiting(context, None) is None
    assert messages[-1] == "No email is waiting to be sent."

    mail_service.queue(store, mail_service.compose(store, employer.id, "follow_up"))
    assert send_waiting(context, None) is not None
    qtbot.waitUntil(lambda: messages[-1] == "Sent 1 email.", timeout=20000)
    assert len(inbox.messages) == 1

    mail_service.queue(store, mail_service.compose(store, employer.id, "rfi_reminder"))
    scheduler = ensure_scheduler(context)
    assert ensure_scheduler(context) is scheduler
    assert isinstance(scheduler, OutboxScheduler)
    scheduler.tick()
    assert scheduler.sending
    qtbot.waitUntil(lambda: not scheduler.sending, timeout=20000)
    assert len(inbox.messages) == 2
    assert outbox.waiting(store) == []
