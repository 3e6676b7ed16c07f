"""The running explorer in a real headless Chromium: Chinese content on two pages, no CDN needed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.app.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def explorer(seeds_graph_file: Path):
    port = _free_port()
    env = {**os.environ, "REFORMKG_GRAPH": str(seeds_graph_file)}
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        env.pop(name, None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app_streamlit.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not answer within 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


# (url path, words the page must show once rendered, screenshot name)
PAGES = [
    ("", ["营商环境改革图谱", "任务最多的单位"], "overview"),
    ("units", ["单位排名", "市审批局"], "units"),
    (
        "units?unit=unit%3A%E9%84%82%E5%B7%9E%E5%B8%82%3A%E5%B8%82%E5%8F%91%E6%94%B9%E5%A7%94",
        ["协作网络"],
        "unit",
    ),
    ("tasks?task=task%3Aa39044ea9969%3A2.3", ["持续提高办电效率", "牵头与配合单位"], "task"),
    ("indicators", ["获得电力"], "indicators"),
    ("dependencies", ["只看跨文档关联", "跨文档"], "dependencies"),
    ("documents", ["文档对比", "导出图谱"], "documents"),
    ("qa", ["牵头单位被删节(略)"], "qa"),
]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (make browser-deps)")
def test_every_page_renders_chinese_content_without_an_error(explorer: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1440, "height": 1800}, locale="zh-CN")
        for path, words, name in PAGES:
            page.goto(f"{explorer}/{path}", wait_until="networkidle")
            for word in words:
                page.get_by_text(word).first.wait_for(timeout=60000)
            page.wait_for_timeout(1500)
            assert page.locator('[data-testid="stException"]').count() == 0, path
            assert page.get_by_text("Page not found").count() == 0, path
            if os.environ.get("REFORMKG_SCREENSHOTS"):
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.wait_for_timeout(2500)
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        browser.close()
