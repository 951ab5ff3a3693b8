"""Turn bytes into text, or say clearly why not.

Government files come as UTF-8 (with or without BOM), UTF-16 with BOM, or
GB18030/GBK. Detection libraries guess wrong on short Chinese text (chardet
has called two GB2312 characters MacRoman), so ipplan tries the encodings it
expects, strictly, in order, and refuses rather than produce mojibake.
"""
from __future__ import annotations

import regex


class InputError(ValueError):
    """Input ipplan cannot read; the message is one line, fit for stderr."""


_HTML = regex.compile(r"<\s*(html|body|div|p|table|tbody|tr|td|span|br|head|meta)\b[^>]*>", regex.I)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name). Raises InputError for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError("the input is empty")
    if encoding:
        try:
            return _lines(data.decode(encoding)), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise InputError("the input is not text (it contains NUL bytes); is it a PDF, Word or image file?")
        candidates = ["utf-8", "gb18030"]
    for name in candidates:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            raise InputError("the input is not text (too many control characters)")
        return _lines(text), "gbk" if name == "gb18030" and _is_gbk(data) else name
    raise InputError("cannot decode the input as UTF-8, UTF-16 or GB18030/GBK; pass --encoding")


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
        return True
    except UnicodeDecodeError:
        return False


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(3, len(sample) // 100)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").lstrip("\ufeff")


def check_text(text: str) -> None:
    """Refuse input that is text but not a notice ipplan can read yet."""
    if not text.strip():
        raise InputError("the input is empty")
    if len(_HTML.findall(text[:20000])) >= 3:
        raise InputError("the input is HTML; ipplan reads plain text and markdown only (convert the page to text first)")
