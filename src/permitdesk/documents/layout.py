"""The page furniture every document shares: US Letter, the jurisdiction's name over the
document's title, a footer with the reference and page number, and a few building blocks
(labelled fields, headings, tables, citations, a QR code)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from permitdesk.documents.text import ENCODING, printable

INK = (20, 20, 20)
MUTED = (90, 90, 90)
RULE = (150, 150, 150)
ALERT = (160, 20, 20)
LABEL_WIDTH = 48.0  # mm: the label column of a field
_HEADINGS = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))


def long_date(day: dt.date) -> str:
    """November 3, 2026 (no zero padding, whatever the platform's strftime)."""
    return f"{day:%B} {day.day}, {day.year}"


def long_moment(moment: dt.datetime) -> str:
    """November 3, 2026, 2:05 PM CST, in the zone the moment carries."""
    hour = moment.hour % 12 or 12
    return f"{long_date(moment.date())}, {hour}:{moment:%M %p %Z}".rstrip()


class Sheet(FPDF):
    """A document of one jurisdiction: `Sheet(jurisdiction=..., title=..., reference=...)`."""

    def __init__(
        self, *, jurisdiction: str, title: str, reference: str, dated: dt.datetime
    ) -> None:
        super().__init__(orientation="portrait", unit="mm", format="Letter")
        self.core_fonts_encoding = ENCODING
        self.jurisdiction_name = jurisdiction
        self.document_title = title
        self.reference = reference
        self.numbered_pages = True  # a batch of letters numbers no pages: each is one letter
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=20)
        # The document's own moment, not the clock: the same case renders the same bytes.
        self.set_creation_date(dated)
        self.set_title(f"{title} {reference}")
        self.set_author(jurisdiction)
        self.set_creator("PermitDesk")
        self.alias_nb_pages()
        self.set_text_color(*INK)

    def normalize_text(self, text: str) -> str:
        # Every string fpdf2 prints passes here: one place brings it into the core fonts' set.
        return super().normalize_text(printable(text))

    # -- furniture -------------------------------------------------------------------------

    def header(self) -> None:
        self.set_font("helvetica", "B", 10)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.jurisdiction_name.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.set_font("helvetica", "B", 18)
        self.cell(0, 10, self.document_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.rule()
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", "", 8)
        self.set_text_color(*MUTED)
        half = (self.w - self.l_margin - self.r_margin) / 2
        self.cell(half, 5, f"{self.document_title} {self.reference}")
        if self.numbered_pages:
            self.cell(half, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*INK)

    # -- building blocks -------------------------------------------------------------------

    def rule(self) -> None:
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(3)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 45:  # never a heading alone at the foot of a page
            self.add_page()
        self.ln(2)
        self.set_font("helvetica", "B", 12)
        self.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("helvetica", "", 10)

    def field(self, label: str, value: str, *, width: float = 0) -> None:
        """A labelled value: the label in a narrow column, the value wrapping beside it."""
        x = self.get_x()
        self.set_font("helvetica", "B", 9)
        self.set_text_color(*MUTED)
        self.cell(LABEL_WIDTH, 5.5, label)
        self.set_text_color(*INK)
        self.set_font("helvetica", "", 10)
        self.multi_cell(
            width or 0, 5.5, value or "-", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.set_x(x)

    def paragraph(self, text: str, *, size: float = 10, style: str = "") -> None:
        self.set_font("helvetica", style, size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def citation(self, text: str) -> None:
        """The ordinance sentence behind what precedes it, small and grey."""
        self.set_font("helvetica", "I", 8)
        self.set_text_color(*MUTED)
        self.multi_cell(0, 4, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.set_font("helvetica", "", 10)
        self.ln(1)

    def banner(self, text: str) -> None:
        """A boxed warning across the page (an ended permit, a permit that allows no one in)."""
        self.set_font("helvetica", "B", 11)
        self.set_text_color(*ALERT)
        self.set_draw_color(*ALERT)
        self.multi_cell(0, 7, text, border=1, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.set_font("helvetica", "", 10)
        self.ln(2)

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str] | None = None,
    ) -> None:
        """A table with a header row repeated on each page it spans."""
        self.set_font("helvetica", "", 10)
        self.set_draw_color(*RULE)
        with self.table(
            col_widths=tuple(widths),
            text_align=tuple(align or ("LEFT",) * len(widths)),
            line_height=6,
            first_row_as_headings=True,
            headings_style=_HEADINGS,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            table.row(list(headings))
            for row in rows:
                table.row(list(row))
        self.ln(2)

    def photo(self, data: bytes, caption: str, *, width: float = 70) -> None:
        """A photo `width` mm wide under its caption, on a new page if it would not fit."""
        self.set_font("helvetica", "B", 9)
        self.cell(0, 5, caption, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.image(io.BytesIO(data), w=width)
        self.ln(2)

    def qr(self, payload: str, *, x: float, y: float, size: float) -> None:
        """A QR code of `payload`, `size` mm square, its top left corner at (x, y)."""
        self.image(qr_png(payload), x=x, y=y, w=size, h=size)


def qr_png(payload: str) -> io.BytesIO:
    """`payload` as a QR code PNG (error correction M, with its quiet zone)."""
    out = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(out, kind="png", scale=8, border=4)
    out.seek(0)
    return out


def pdf_bytes(sheet: Sheet) -> bytes:
    return bytes(sheet.output())
