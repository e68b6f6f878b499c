"""The browser tests' world: a store made by `selon ingest`, `selon serve`'s app on uvicorn in a thread on
127.0.0.1, and one headless Chromium driven by Selenium through the system's chromedriver.

Skipped, with the reason, where Chromium, chromedriver or Selenium is missing (`.ci/run` installs
them). Screenshots go to $SELON_SCREENSHOTS when set (`SELON_SCREENSHOTS=docs/screenshots` refreshes
the README's), else to a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from helpers import EXAMPLES, FOUNDING, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
]


def _require_browser() -> None:
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("headless Chromium and chromedriver are absent (apt-get install chromium chromium-driver)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed (./scripts/setup.sh --dev installs it)")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory):
    """The founding example and its English account through `selon ingest`, plus a hostile article."""
    _require_browser()
    from api.conftest import hostile
    from selon.cli.main import main
    from selon.corpus import Corpus
    from selon.store import Store

    folder = tmp_path_factory.mktemp("web")
    records = [
        {
            "id": FOUNDING,
            "text": (EXAMPLES / f"{FOUNDING}.txt").read_text(encoding="utf-8"),
            "language": "fr",
            "outlet": "Business News",
            "published": "2025-06-25",
            "title": "La Russie aide la Corée du Nord",
        },
        {
            "id": "founding-en",
            "text": (ROOT / "tests" / "fixtures" / "corpus" / "founding_en.txt").read_text(),
            "language": "en",
            "outlet": "Kyiv Wire",
            "published": "2025-06-27",
            "title": "Russia helps North Korea",
        },
    ]
    jsonl = folder / "founding.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    db = folder / "web.db"
    assert main(["ingest", str(jsonl), "--db", str(db)]) == 0
    with Store(db) as store:
        store.save(hostile())
        Corpus(store).update()
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(web_db):
    """`selon serve`'s application on uvicorn, in a thread; its base URL."""
    import uvicorn

    from selon.api import create_app
    from selon.settings import load_settings

    port = _free_port()
    app = create_app(web_db, load_settings(env={}, serve_token="browser-token"))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", server_header=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(server, tmp_path_factory):
    """One headless Chromium for the whole session, with a fresh profile; its console is kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where the screenshots go."""
    wanted = os.environ.get("SELON_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
