"""The review pages in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``) opens each page from disk with the network off; no console error, no
resource fetched, and the page's script works: a click on a finding highlights its numbers,
n/p move between findings, the filters hide findings, a quantity shows its card, and a
hostile report runs nothing. Screenshots go to build/screenshots/ (git-ignored)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from html_support import EDITED, HOSTILE, PLANTED, REPORTS, ROOT, SAMPLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
SCREENSHOTS = ROOT / "build" / "screenshots"
CORPUS = ROOT.parent / "shared" / "corpus" / "state-council-work-reports.jsonl"
LOAD_LIMIT = 60  # seconds for the largest page (all 72 corpus reports) to open

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no chromium + chromedriver on this machine")


def reportkit(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "reportkit", *args], env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    built = {}
    for name, args, code in (
        ("planted", ("check", str(PLANTED)), 1),
        ("sample", ("check", str(SAMPLE)), 0),
        ("parse", ("parse", str(SAMPLE)), 0),
        ("hostile", ("check", str(hostile)), 1),
        ("diff", ("diff", str(REPORTS / "state-council-2024.txt"), str(REPORTS / "state-council-2025.txt")), 0),
        ("diff-edited", ("diff", str(EDITED), str(SAMPLE)), 0),
    ):
        out = folder / f"{name}.html"
        result = reportkit(*args, "--format", "html", "--output", str(out))
        assert result.returncode == code, result.stderr
        built[name] = out
    return built


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000",
                 "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can be fetched
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(LOAD_LIMIT)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert fetched == []


def highlighted(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.q.hl')).map(e => e.getAttribute('data-quantity'))")


def active_finding(driver) -> str | None:
    return driver.execute_script("var a = document.querySelector('.finding.active'); return a && a.id")


def test_click_on_a_finding_highlights_its_numbers(browser, pages):
    open_page(browser, pages["planted"])
    findings = browser.find_elements("css selector", "[data-finding]")
    assert len(findings) == 5
    expected = [["q1", "q2"], ["q1", "q2", "q3"], ["q6", "q7"], ["q8", "q9", "q10"], []]
    for finding, ids in zip(findings, expected):
        finding.click()
        assert highlighted(browser) == ids
        assert "active" in finding.get_attribute("class")
        assert finding.get_attribute("aria-pressed") == "true"


def test_n_and_p_move_between_findings(browser, pages):
    open_page(browser, pages["planted"])
    body = browser.find_element("css selector", "body")
    seen = []
    for key in "nnnppp":
        body.send_keys(key)
        seen.append(active_finding(browser))
    assert seen == ["d1-f1", "d1-f2", "d1-f3", "d1-f2", "d1-f1", "d1-f5"]
    assert highlighted(browser) == []  # d1-f5 is heading-skip: no numbers involved


def test_filters_hide_findings_and_n_skips_them(browser, pages):
    open_page(browser, pages["planted"])
    shown = browser.find_element("id", "shown-count")
    assert shown.text == "显示 5 / 5 个问题"
    browser.find_element("css selector", 'input[data-filter="severity"][value="error"]').click()
    assert shown.text == "显示 1 / 5 个问题"
    visible = [f.get_attribute("data-finding") for f in browser.find_elements("css selector", "[data-finding]")
               if f.is_displayed()]
    assert visible == ["heading-skip"]
    browser.find_element("css selector", "body").send_keys("n")
    assert active_finding(browser) == "d1-f5"
    browser.find_element("css selector", 'input[data-filter="rule"][value="heading-skip"]').click()
    assert shown.text == "显示 0 / 5 个问题"
    assert active_finding(browser) is None


def test_quantity_card_on_hover_and_on_keyboard_focus(browser, pages):
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(browser, pages["planted"])
    card = browser.find_element("id", "card")
    assert not card.is_displayed()
    q8 = browser.find_element("css selector", '[data-quantity="q8"]')
    ActionChains(browser).move_to_element(q8).perform()
    assert card.is_displayed()
    lines = card.text.split("\n")
    assert lines[0] == f"{q8.text}（q8）"
    assert "数值" in lines and "12340000 元" in lines  # 一千二百三十四万元, converted
    ActionChains(browser).move_to_element(browser.find_element("css selector", "header.top h1")).perform()
    assert not card.is_displayed()
    q1 = browser.find_element("css selector", '[data-quantity="q1"]')
    browser.execute_script("arguments[0].focus()", q1)
    assert card.is_displayed() and card.text.split("\n")[0] == f"{q1.text}（q1）"


def test_parse_page_works_without_findings(browser, pages):
    open_page(browser, pages["parse"])
    assert browser.find_elements("css selector", "[data-finding]") == []
    count = browser.execute_script("return document.querySelectorAll('[data-quantity]').length")
    from reportkit.document import load

    assert count == len(load(str(SAMPLE)).quantities)
    from selenium.webdriver.common.action_chains import ActionChains

    details = browser.find_element("css selector", ".outline details")
    summary = details.find_element("tag name", "summary")
    left = -summary.size["width"] // 2 + 4  # the fold marker, not the heading's link
    ActionChains(browser).move_to_element_with_offset(summary, left, 0).click().perform()
    assert details.get_attribute("open") is None


def test_hostile_report_runs_nothing(browser, pages):
    open_page(browser, pages["hostile"])
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements("css selector", ".tx img, .tx script, .tx b, .tx style") == []
    first = browser.find_element("id", "d1-L1").find_element("class name", "tx")
    assert first.text == "一、<script>window.pwned = 1</script>工作情况"


def test_diff_page_links_and_partners(browser, pages):
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(browser, pages["diff-edited"])
    link = browser.find_element("css selector", "#changes tbody a")
    target = link.get_attribute("href").split("#")[1]
    link.click()
    assert browser.execute_script("return document.querySelector(':target').id") == target
    block = browser.find_element("id", target)
    mark = block.find_element("css selector", '[data-doc="old"] [data-quantity]')
    ActionChains(browser).move_to_element(mark).perform()
    partners = browser.find_elements("css selector", ".q.partner")
    assert len(partners) == 2
    assert {p.find_element("xpath", "ancestor::div[@data-doc]").get_attribute("data-doc") for p in partners} == {"old", "new"}
    assert browser.find_element("id", "card").is_displayed()
    open_page(browser, pages["diff"])
    assert len(browser.find_elements("css selector", "svg.chart rect")) > 0


def test_screenshots(browser, pages):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_page(browser, pages["sample"])
    finding = browser.find_element("css selector", "[data-finding]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", finding)
    finding.click()
    from selenium.webdriver.common.action_chains import ActionChains

    number = browser.find_element("css selector", ".q.hl")  # 2.25万, the finding's number
    ActionChains(browser).move_to_element(number).perform()
    assert browser.find_element("id", "card").is_displayed()
    browser.save_screenshot(str(SCREENSHOTS / "check-sample.png"))
    open_page(browser, pages["diff"])
    browser.save_screenshot(str(SCREENSHOTS / "diff-state-council.png"))
    browser.execute_script("document.querySelector('#pairs .pair.changed').scrollIntoView()")
    browser.save_screenshot(str(SCREENSHOTS / "diff-pairs.png"))
    for name in ("check-sample.png", "diff-state-council.png", "diff-pairs.png"):
        assert (SCREENSHOTS / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_corpus_page_is_small_and_opens(browser, tmp_path):
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside this checkout")
    out = tmp_path / "corpus.html"
    result = reportkit("check", str(CORPUS), "--format", "html", "--output", str(out), "--fail-on", "info")
    assert result.returncode in (0, 1), result.stderr
    assert out.stat().st_size < 10 * 1024 * 1024
    started = time.monotonic()
    open_page(browser, out)
    assert time.monotonic() - started < LOAD_LIMIT
    counts = browser.execute_script("""
        var sum = 0;
        document.querySelectorAll('table.files tbody tr').forEach(function (r) { sum += +r.cells[1].textContent; });
        return [document.querySelectorAll('section.doc').length, sum,
                document.querySelectorAll('[data-quantity]').length,
                document.querySelectorAll('[data-finding]').length,
                document.getElementById('verdict').textContent];""")
    sections, listed, marked, findings, verdict = counts
    assert sections == 72 and marked == listed
    assert verdict.startswith("检查了 72 个文件")
    if findings:
        browser.find_element("css selector", "body").send_keys("n")
        assert active_finding(browser) == browser.find_element("css selector", "[data-finding]").get_attribute("id")


def test_card_shows_metric_role_and_relations(browser, tmp_path):
    """What the statement layer adds (Quantity.metric/role, Document.relations) is on the card."""
    from dataclasses import replace

    from reportkit.document import load
    from reportkit.models import Member, Relation
    from reportkit.render.html.review import parse_page

    doc = load(str(PLANTED))
    q1, q2 = doc.quantities[:2]
    relation = Relation(id="r1", kind="flow", mode="received>handled", members=(
        Member("received", q1.id), Member("handled", q2.id)), cue="已", start=q1.start, end=q2.end,
        line=q1.line, certain=False)
    quantities = (replace(q1, metric="群众来信|受理", role="received"), *doc.quantities[1:])
    out = tmp_path / "relations.html"
    out.write_text(parse_page([replace(doc, quantities=quantities, relations=(relation,))]), encoding="utf-8")
    open_page(browser, out)
    browser.execute_script("arguments[0].focus()", browser.find_element("css selector", '[data-quantity="q1"]'))
    lines = browser.find_element("id", "card").text.split("\n")
    assert lines[lines.index("指标") + 1] == "群众来信|受理"
    assert lines[lines.index("角色") + 1] == "received"
    assert lines[lines.index("关系") + 1] == f"flow/received>handled：本数为 received；handled {q2.text}（不确定）"
