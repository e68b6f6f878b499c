"""The pages in headless Chromium: the founding article highlighted with its cards, its cluster, a conflict
chart, an article made of markup shown as text with no script run, and axe-core's accessibility audit."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpers import FOUNDING

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def wait_for(condition, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out waiting in the browser"
        time.sleep(0.1)


def console_errors(browser) -> list[str]:
    """The console's errors since the last call (CSP violations show up here)."""
    return [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def open_page(browser, url: str) -> None:
    browser.get(url)
    wait_for(lambda: browser.execute_script("return document.readyState") == "complete")


def test_article_highlights_the_first_claim_as_hedged(browser, server, shots):
    from selenium.webdriver.common.by import By

    console_errors(browser)
    open_page(browser, f"{server}/documents/{FOUNDING}")
    first = browser.find_element(By.CSS_SELECTOR, '#text span[data-claims~="c1"]')
    assert "c-hedged" in first.get_attribute("class").split()
    assert first.text.startswith("La Russie fournirait")
    background = first.value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "highlighted"
    tag = browser.find_element(By.CSS_SELECTOR, 'a.tag[data-claim="c1"]')
    assert tag.text == "c1 hedged", "the certainty is written beside its colour"
    tag.click()
    card = browser.find_element(By.ID, "card-c1")
    wait_for(card.is_displayed)
    assert "Kirill Boudanov" in card.text and "hedged" in card.text
    assert not browser.find_element(By.ID, "card-c2").is_displayed()
    selected = browser.find_elements(By.CSS_SELECTOR, "#text .selected")
    assert selected and all("c1" in s.get_attribute("data-claims").split() for s in selected)
    assert browser.find_elements(By.CSS_SELECTOR, "#text .sel-src"), "its source mention is marked"
    assert browser.find_elements(By.CSS_SELECTOR, "#text .sel-cue"), "and its cue"
    browser.save_screenshot(str(shots / "article.png"))
    assert console_errors(browser) == []


def test_keyboard_goes_claim_to_claim_and_filters_work(browser, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    open_page(browser, f"{server}/documents/{FOUNDING}#card-c1")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    wait_for(lambda: browser.find_element(By.ID, "card-c2").is_displayed())
    body.send_keys("k")
    wait_for(lambda: browser.find_element(By.ID, "card-c1").is_displayed())
    body.send_keys(Keys.ESCAPE)
    Select(browser.find_element(By.ID, "f-certainty")).select_by_value("hedged")
    shown = [li for li in browser.find_elements(By.CSS_SELECTOR, "#claim-list li") if li.is_displayed()]
    assert shown and all(li.get_attribute("data-certainty") == "hedged" for li in shown)


def test_cluster_page_from_the_card(browser, server, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{server}/documents/{FOUNDING}#card-c5")
    card = browser.find_element(By.ID, "card-c5")
    wait_for(card.is_displayed)
    card.find_element(By.CSS_SELECTOR, 'a[href^="/clusters/"]').click()
    wait_for(lambda: "/clusters/" in browser.current_url)
    verdict = browser.find_element(By.CLASS_NAME, "verdict").text
    assert "rests on 1 independent source" in verdict and "relayed by 2 outlets in 2 languages" in verdict
    links = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main table a")}
    assert any(f"/documents/{FOUNDING}#" in h for h in links) and any("/documents/founding-en#" in h for h in links)
    browser.save_screenshot(str(shots / "cluster.png"))


def test_conflict_chart_renders_under_the_csp(browser, server, shots):
    from selenium.webdriver.common.by import By

    console_errors(browser)
    open_page(browser, f"{server}/conflicts")
    browser.find_element(By.CSS_SELECTOR, 'a[href="/conflicts/1"]').click()
    chart = browser.find_element(By.CSS_SELECTOR, ".chart")
    wait_for(lambda: chart.get_attribute("data-rendered") or chart.get_attribute("data-error"))
    assert chart.get_attribute("data-error") is None
    marks = browser.find_elements(By.CSS_SELECTOR, ".chart svg path.mark-symbol, .chart svg .mark-symbol path")
    assert len(marks) >= 2, "one mark per value"
    browser.save_screenshot(str(shots / "conflict.png"))
    assert [m for m in console_errors(browser) if "Content Security Policy" in m] == []


@pytest.mark.parametrize(("path", "name"), [("/search?q=drones", "search"), ("/analyze", "analyze")])
def test_other_pages(browser, server, shots, path, name):
    open_page(browser, server + path)
    browser.save_screenshot(str(shots / f"{name}.png"))
    assert console_errors(browser) == []


def test_source_page_chart(browser, server, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{server}/sources?q=budanov")
    browser.find_element(By.CSS_SELECTOR, 'table.list a[href^="/sources/"]').click()
    chart = browser.find_element(By.CSS_SELECTOR, ".chart")
    wait_for(lambda: chart.get_attribute("data-rendered") or chart.get_attribute("data-error"))
    assert chart.get_attribute("data-error") is None
    browser.save_screenshot(str(shots / "source.png"))


def test_markup_in_an_article_is_text_and_runs_nothing(browser, server, shots):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    console_errors(browser)
    open_page(browser, f"{server}/documents/hostile-1")
    time.sleep(0.5)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    text = browser.find_element(By.ID, "text")
    assert "<script>alert('xss')</script>" in text.text
    assert '<img src=x onerror="alert(1)">' in text.text
    injected = browser.execute_script(
        "return document.querySelectorAll('#text script, #text img, #text a[href^=\"javascript:\"], main b').length"
    )
    assert injected == 0
    assert browser.find_element(By.CSS_SELECTOR, ".meta").text.startswith("<b>Evil</b> Outlet")
    browser.save_screenshot(str(shots / "hostile.png"))


@pytest.mark.parametrize(
    "path", [f"/documents/{FOUNDING}", "/search?q=drones", "/analyze", "/clusters", "/conflicts/1", "/sources", "/"]
)
def test_no_serious_accessibility_violation(browser, server, path):
    open_page(browser, server + path)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done(String(e)));"
    )
    assert isinstance(result, list), result
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_analyse_page_shows_the_analysed_text(browser, server, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{server}/analyze")
    browser.find_element(By.ID, "text").send_keys("Selon le ministre, la réforme serait abandonnée dès cette année.")
    browser.find_element(By.ID, "token").send_keys("browser-token")
    browser.find_element(By.CSS_SELECTOR, "form.analyze button").click()
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#text .claim"))
    assert "analysed, not stored" in browser.find_element(By.CSS_SELECTOR, ".meta").text
    hedged = browser.find_elements(By.CSS_SELECTOR, "#text .c-hedged")
    assert hedged and "réforme" in " ".join(h.text for h in hedged)
    browser.save_screenshot(str(shots / "analyzed.png"))


def test_api_docs_page_runs_under_the_csp(browser, server):
    from selenium.webdriver.common.by import By

    console_errors(browser)
    open_page(browser, f"{server}/docs")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock"), timeout=30)
    assert [m for m in console_errors(browser) if "Content Security Policy" in m] == []
