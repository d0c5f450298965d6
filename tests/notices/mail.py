"""Reading a delivered e-mail back: its text and HTML parts and its attachments."""

from __future__ import annotations

from email.message import Message


def _parts(message: Message, content_type: str) -> list[Message]:
    return [
        part
        for part in message.walk()
        if part.get_content_type() == content_type and part.get_filename() is None
    ]


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset() or "utf-8")


def text_part(message: Message) -> str:
    (part,) = _parts(message, "text/plain")
    return _decoded(part)


def html_part(message: Message) -> str:
    (part,) = _parts(message, "text/html")
    return _decoded(part)


def attachments(message: Message) -> dict[str, tuple[str, bytes]]:
    """{filename: (content type, bytes)}"""
    found = {}
    for part in message.walk():
        name = part.get_filename()
        if name:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            found[name] = (part.get_content_type(), payload)
    return found
