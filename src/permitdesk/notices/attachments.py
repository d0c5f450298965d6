"""The documents the outbox attaches, rendered once per document in a worker's run.

A message names its document (``{"document": "permit", "id": 12}``), not its bytes: the PDF is
rendered when the message goes out. Several messages of a run often carry the same document
(a permit to the managing agent and to the applicant, a mailing that attaches one notice to
every unit), and rendering a PDF costs far more than sending it, so a run keeps each
document's bytes by its identity and renders it once. The documents are of records that
rarely change once made (an issued permit, a receipt, a recorded inspection), and a run is one
pass over what is due, so every message of a run carries the document as it read at the first
of them, as if they had gone out together. A document that fails to render
is not kept: each message that carries it is a failed attempt of its own, retried later.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

Rendered = tuple[str, bytes]  # (filename, PDF bytes)
Renderer = Callable[[str, int], Rendered]


def _render(kind: str, object_id: int) -> Rendered:
    # Imported here: the documents app renders PDFs with fpdf2, which only the worker needs.
    from permitdesk.documents import render_attachment

    return render_attachment(kind, object_id)


class Attachments:
    """The rendered documents of one run, by (kind, id); the oldest dropped past `keep`
    (a bound on memory: a mailing's documents are sent in order, so the recent ones are the
    ones asked for again)."""

    def __init__(self, render: Renderer = _render, keep: int = 256) -> None:
        self._render = render
        self._keep = keep
        self._kept: OrderedDict[tuple[str, int], Rendered] = OrderedDict()
        self.rendered = 0  # how many times a document was rendered, for the run's report

    def of(self, attachment: dict[str, Any]) -> Rendered:
        """The filename and bytes of the document `attachment` names."""
        identity = (str(attachment["document"]), int(attachment["id"]))
        found = self._kept.get(identity)
        if found is not None:
            self._kept.move_to_end(identity)
            return found
        found = self._render(*identity)
        self.rendered += 1
        self._kept[identity] = found
        if len(self._kept) > self._keep:
            self._kept.popitem(last=False)
        return found
