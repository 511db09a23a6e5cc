"""The urban page shows an upload's problems as plain text: Markdown from the file is never rendered."""

from __future__ import annotations

import pytest

from tests.test_browser import _shot, app_url, browser, outside_requests, page  # noqa: F401 - pytest fixtures

pytestmark = pytest.mark.browser

HOSTILE_CSV = (
    b"code,population,year\n"
    b"[x](javascript:alert(1)),10,2024\n"
    b"![i](http://evil.example/a.png),10,2024\n"
    b"**bold**,10,2024\n"
)


def test_markdown_in_an_upload_is_shown_literally(app_url, page, outside_requests, tmp_path):  # noqa: F811
    upload = tmp_path / "[a](javascript:x).csv"
    upload.write_bytes(HOSTILE_CSV)
    page.goto(f"{app_url}/urban?district=817")
    page.get_by_text("Nhập số liệu dân số mới", exact=False).first.click()
    page.locator("input[type=file]").first.set_input_files(str(upload))
    page.get_by_text("no row was imported", exact=False).first.wait_for(timeout=60_000)
    page.get_by_text("Row 4: code", exact=False).first.wait_for(timeout=30_000)  # the list follows the sentence
    body = page.locator("section.main, [data-testid='stMain']").first
    text = body.inner_text()
    assert "File [a](javascript:x).csv has 3 problems; no row was imported." in text
    assert "Row 2: code '[x](javascript:alert(1))' is not a 5-digit commune code." in text
    assert "Row 3: code '![i](http://evil.example/a.png)' is not a 5-digit commune code." in text
    assert "Row 4: code '**bold**' is not a 5-digit commune code." in text
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("img[src*='evil.example']").count() == 0
    assert not [url for url in outside_requests if "evil.example" in url]
    page.get_by_text("Row 4: code", exact=False).first.scroll_into_view_if_needed()
    _shot(page, "browser-upload-markdown.png")
