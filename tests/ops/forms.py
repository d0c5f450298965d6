"""A form as a browser would send it: its fields' current values read from the page's HTML
(hidden fields, the CSRF token, a formset's management form, defaults), then the test's own."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.forms.append((a.get("action", ""), {}))
        if not self.forms or ("name" not in a and tag != "option"):
            return
        fields = self.forms[-1][1]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                fields[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select":
            self._select, self._first_option = a["name"], None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
                fields.setdefault(self._select, value)
            if "selected" in a:
                fields[self._select] = value
        elif tag == "textarea":
            fields[a["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def form(html: str, field: str) -> tuple[str, dict[str, str]]:
    """(action, values) of the page's first POST form that has `field`."""
    parser = _Forms()
    parser.feed(html)
    for action, fields in parser.forms:
        if field in fields:
            return action, fields
    raise AssertionError(f"no form with {field!r} on the page:\n{html[:3000]}")
