"""First render of pages in headless Chromium: navigation timing of each page, medians of N loads.

    .venv/bin/python bench/web_render.py --db selon.db --doc 000_b08981ffb30c04a9 [--repeat 7] [--out FILE]

Starts `selon serve` on a free port of 127.0.0.1 (as `bench/web.py` does), loads the article page of
``--doc`` (and the search and clusters pages) ``--repeat`` times each in a fresh tab of one headless
Chromium, and reports, from the browser's own Navigation Timing, the median and the worst of
``domContentLoadedEventEnd`` and ``loadEventEnd`` (milliseconds from the start of the navigation:
the server's answer, parsing, styles, the page's scripts and charts). Target: the article page
rendered in under 1 s. Needs Debian's chromium and chromium-driver and Selenium (`setup.sh --dev`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from web import emit, free_port, start_server, stop_server

FLAGS = (
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
)
TIMING = "const n = performance.getEntriesByType('navigation')[0];return [n.domContentLoadedEventEnd, n.loadEventEnd];"


def browser(profile: str):  # type: ignore[no-untyped-def]
    """One headless Chromium through the system's chromedriver, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def measure(driver, url: str, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Median and worst DOMContentLoaded and load times of ``url`` over ``repeat`` loads (after one warm-up)."""
    driver.get(url)
    dom, load = [], []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(url)
        d, lo = driver.execute_script(TIMING)
        dom.append(float(d))
        load.append(float(lo))
    return {
        "dom_content_loaded_median_ms": round(statistics.median(dom), 1),
        "load_median_ms": round(statistics.median(load), 1),
        "load_max_ms": round(max(load), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--doc", required=True, help="the id of the document whose article page is measured")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    pages = {
        "article": f"{base}/documents/{args.doc}",
        "search": f"{base}/search?q=selon",
        "clusters": f"{base}/clusters",
    }
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(profile)
        try:
            results = {name: measure(driver, url, args.repeat) for name, url in pages.items()}
        finally:
            driver.quit()
            stop_server(server)
    article = results["article"]["load_median_ms"]
    report = {
        "benchmark": "web_render",
        "db": str(args.db),
        "repeat": args.repeat,
        "pages": results,
        "target": {"article_load_median_ms": 1000, "measured": article, "met": article < 1000},
    }
    emit(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
