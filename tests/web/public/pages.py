"""Reading the public pages in client tests: a field's error, the value an input kept."""

from __future__ import annotations

import html
import re

from django.test import Client


def field_error(body: str, name: str) -> str:
    """The error message shown next to field `name` ('' when none)."""
    found = re.search(rf'id="id_{name}-error"[^>]*>([^<]*)<', body)
    return html.unescape(found.group(1)) if found else ""


def alert(body: str) -> str:
    """The text of the error summary at the top of the form."""
    found = re.search(r'class="usa-alert usa-alert--error".*?</div>\s*</div>', body, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def kept(body: str, name: str) -> str:
    """The value an input of the re-rendered form holds."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', body)
    return html.unescape(found.group(1)) if found else ""


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()
