"""Text the PDF's core fonts can print.

fpdf2's core fonts (Helvetica, Times) carry one byte per character: Windows-1252, which is
Latin-1 plus typographic quotes, dashes and the euro sign. We ship no TTF font and rely on
none installed, so a name such as "Łukasz" or "李" is brought into that set here, in one
place: accents that decompose lose only the accent (Ł has no decomposition, so a table
gives L), and a character with no printable form becomes "?" so the gap stays visible
rather than silently dropped.
"""

from __future__ import annotations

import unicodedata

ENCODING = "windows-1252"
UNPRINTABLE = "?"

# Letters that NFKD does not decompose into a base letter and a mark.
_LETTERS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ħ": "H",
        "ħ": "h",
        "ı": "i",
        "Ŀ": "L",
        "ŀ": "l",
        "Ŧ": "T",
        "ŧ": "t",
        "ſ": "s",
        "Ə": "E",
        "ə": "e",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "→": "->",
        "←": "<-",
        "≤": "<=",
        "≥": ">=",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def _printable(char: str) -> bool:
    try:
        char.encode(ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """`text` with every character the core fonts cannot print replaced by its nearest
    printable form: "Zoë Łukasz 李" -> "Zoë Lukasz ?"."""
    out: list[str] = []
    for char in text.translate(_LETTERS):
        if _printable(char):
            out.append(char)
            continue
        base = "".join(
            part for part in unicodedata.normalize("NFKD", char) if not unicodedata.combining(part)
        )
        out.append(base if base and all(_printable(part) for part in base) else UNPRINTABLE)
    return "".join(out)
