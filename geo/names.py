"""Vietnamese names: Unicode normalisation and the folded matching key.

Two spellings of one place must meet: "Vạn Hoà" (old tone placement) and
"Vạn Hòa" (new), NFD input from a spreadsheet and NFC from the registry,
"Phường 01" and "phường 1", "Đông Hải" and "Dong Hai". The folded key drops
diacritics, maps đ → d, removes the unit prefix and every non-alphanumeric
character, and strips leading zeros from numbered wards.

Examples
--------
>>> name_key("Xã Vạn Hoà") == name_key("Vạn Hòa")
True
>>> name_key("Phường 01")
'1'
>>> split_prefix("Thị trấn Định An")
('thị trấn', 'Định An')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "UNIT_PREFIXES",
    "nfc",
    "fold",
    "name_key",
    "split_prefix",
    "tone_key",
]

# Longest first, so "thị trấn" wins over a bare "thị".
UNIT_PREFIXES: tuple[str, ...] = (
    "thành phố",
    "thị trấn",
    "thị xã",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# NFD, syllable-final "oa", "oe", "uy" with the tone on the second vowel (new
# style "hoà", "thuỷ"); "qu" is a consonant, so "quý" keeps its mark on y.
_NEW_STYLE_TONE = re.compile(
    r"(?<!q)(o)(a|e)([\u0300\u0301\u0303\u0309\u0323])(?!\w)|(?<!q)(u)(y)([\u0300\u0301\u0303\u0309\u0323])(?!\w)"
)
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with runs of white space collapsed and trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: no diacritics, đ → d, single spaces.

    The tone mark's position ("oà" / "òa") does not matter here because all
    combining marks are dropped.
    """
    lowered = nfc(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def name_key(name: str) -> str:
    """Matching key of a unit name: folded, without prefix or punctuation.

    Numbered wards lose their leading zeros ("Phường 01" → "1"), so the key of
    a numbered ward is its number.

    The prefix is removed before the diacritics are: folded, "Quận" and the
    name "Quản Bạ" would both read "quan", and "Tĩnh Gia" would lose "Tĩnh".
    """
    _, bare_name = split_prefix(name)
    bare = _NON_ALNUM.sub("", fold(bare_name))
    if bare.isdigit():
        return bare.lstrip("0") or "0"
    return bare


def split_prefix(name: str) -> tuple[str | None, str]:
    """Split a full unit name into its lower-case prefix and the bare name.

    Returns ``(None, name)`` when the name carries no known prefix; the bare
    name keeps its diacritics and is NFC.
    """
    clean = nfc(name)
    lowered = clean.lower()
    for prefix in UNIT_PREFIXES:
        if lowered.startswith(prefix + " ") and len(clean) > len(prefix) + 1:
            return prefix, clean[len(prefix) + 1 :]
    return None, clean


def tone_key(name: str) -> str:
    """Diacritic-sensitive key: lower-case, no prefix, one tone placement.

    Where :func:`name_key` lets "Sa Pa" and "Sa Pả" meet, this key keeps them
    apart while "Vạn Hoà" and "Vạn Hòa" still meet (the mark moves to the
    first vowel of a syllable-final "oa", "oe" or "uy").
    """
    _, bare = split_prefix(name)
    decomposed = unicodedata.normalize("NFD", bare.lower())

    def old_style(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + match.group(3) + match.group(2)
        return match.group(4) + match.group(6) + match.group(5)

    moved = _NEW_STYLE_TONE.sub(old_style, decomposed)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", moved)).strip()
