"""The written reports open in a real browser (Debian's headless Chromium) without a console
error or a broken image. `.ci/run` installs chromium and chromium-driver when they are missing
and sets REQUIRE_BROWSER=1, so in CI a missing browser fails instead of skipping."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        message = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    os.environ["SE_OFFLINE"] = "true"            # selenium must not look for drivers online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # flags that keep Chromium off the network (a closed network here) and quiet as root
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    subprocess.run([sys.executable, "-m", "analysis", "report", "--out", str(out), "--quiet"],
                   capture_output=True, text=True, timeout=900, check=True)
    return out


def test_reports_open_without_console_errors_or_broken_images(browser, reports):
    pages = sorted(reports.glob("*.html"))
    assert [p.name for p in pages] == ["01_corpus_overview.html", "02_source_reliance.html",
                                       "03_term_frequency.html", "04_coverage_dates.html",
                                       "05_classroom_student_de.html", "05_classroom_student_en.html",
                                       "05_classroom_teacher_de.html", "05_classroom_teacher_en.html", "index.html"]
    for page in pages:
        browser.get(page.as_uri())
        assert browser.execute_script("return document.readyState") == "complete", page.name
        errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert not errors, (page.name, errors)
        images = browser.execute_script("return document.images.length")
        broken = browser.execute_script(
            "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
            ".map(i => i.alt.slice(0, 60))")
        assert not broken, (page.name, broken)
        if page.name != "index.html" and not page.name.startswith("05_classroom"):
            assert images >= 1, page.name                  # every report has charts, and they drew


def test_the_browser_check_sees_a_broken_page(browser, tmp_path):
    # the check itself can fail: a missing image and a script error are both reported
    page = tmp_path / "broken.html"
    page.write_text('<html><body><img alt="gone" src="missing.png"><script>undefined_call()</script></body></html>',
                    encoding="utf-8")
    browser.get(page.as_uri())
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    broken = browser.execute_script("return Array.from(document.images).filter(i => i.naturalWidth === 0).length")
    assert errors and broken == 1
