"""Headless Qt, an in-memory keyring and a throwaway store for every test."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every file a test makes lands under one temporary folder, removed at the end.
_TEST_HOME = tempfile.mkdtemp(prefix="employer-desk-tests-")
os.environ["EMPLOYER_DESK_HOME"] = _TEST_HOME
os.environ["XDG_CONFIG_HOME"] = _TEST_HOME
os.environ["XDG_DATA_HOME"] = _TEST_HOME
os.environ["XDG_CACHE_HOME"] = _TEST_HOME

import keyring  # noqa: E402
from hypothesis import HealthCheck  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

# Examples are not kept between runs, and hypothesis' own cache goes to the temporary
# folder: the suite leaves no files behind.
set_hypothesis_home_dir(os.path.join(_TEST_HOME, "hypothesis"))
# No per-example deadline and no "too slow" check: both time examples with the wall clock,
# so a property that passes on an idle machine would fail on a busy one.
hypothesis_settings.register_profile(
    "suite", database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("suite")
# Properties over whole stores that sync through a share cost seconds per example: they
# take their settings from the "stores" profile, a few examples on every run (a new random
# draw each time, no example database), many more with HYPOTHESIS_PROFILE=thorough.
STORES_THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
hypothesis_settings.register_profile(
    "stores",
    database=None,
    deadline=None,
    max_examples=60 if STORES_THOROUGH else 6,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test run ends."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.secrets[(service, username)]
        except KeyError as exc:
            raise PasswordDeleteError(username) from exc


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring every test starts with (secure), and no secrets left from another test."""
    from app import secrets

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    secrets.forget_session()
    yield backend
    keyring.set_keyring(previous)
    secrets.forget_session()


@pytest.fixture
def forms_folder(tmp_path: Path) -> Iterator[Path]:
    """A copy of the shipped forms folder, read by the app for this test (edit it freely)."""
    import shutil

    from app import forms

    folder = tmp_path / "forms"
    shutil.copytree(forms.folder(), folder)
    forms.set_folder(folder)
    yield folder
    forms.set_folder(None)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store file made once per run; no device id yet (that comes at
    open). Copying it is what opening a new store file would leave, without running every
    migration again for each test (the migrations have their own tests)."""
    from app.store import migrate
    from app.store.engine import make_engine

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(path)
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def store(store_path: Path, migrated_template: Path):
    """A migrated store with the agency's offices and programs."""
    import shutil

    from app.services.agency.org import ensure_reference_data
    from app.store.engine import open_store

    shutil.copyfile(migrated_template, store_path)
    opened = open_store(store_path)
    ensure_reference_data(opened)
    yield opened
    no_work_left_running()
    opened.close()


def no_work_left_running() -> None:
    """Before a store closes: wait for every worker thread a test left running, however
    busy the machine (a worker inside SQLite while its store closes crashes the process)."""
    threads = sys.modules.get("app.ui.threads")
    if threads is not None:
        assert threads.stop_all(120_000), "a worker thread did not end within two minutes"


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo dataset, generated once per run; copy it before writing to it."""
    from app.services.demo.dataset import DemoSize, write_demo
    from app.store.engine import open_store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    opened = open_store(path)
    write_demo(opened, DemoSize(employers=60, activities_per_employer=4))
    opened.close()
    return path


@pytest.fixture
def demo_store(demo_store_file: Path, tmp_path: Path):
    from app.store.engine import copy_store, open_store

    path = tmp_path / "demo-copy.sqlite"
    copy_store(demo_store_file, path)
    opened = open_store(path)
    yield opened
    opened.close()


def pytest_configure(config: pytest.Config) -> None:
    if not config.option.basetemp:
        config.option.basetemp = str(Path(_TEST_HOME) / "tmp")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    import shutil

    shutil.rmtree(_TEST_HOME, ignore_errors=True)
