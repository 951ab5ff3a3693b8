"""Turn bytes into text, or say clearly why not.

Government files come as UTF-8 (with or without BOM), UTF-16 with BOM, or
GB18030/GBK. Detection libraries guess wrong on short Chinese text (chardet
has called two GB2312 characters MacRoman), so ipplan tries the encodings it
expects, strictly, in order, and refuses rather than produce mojibake.
"""
from __future__ import annotations

import re

from . import rx


# the files a directory argument picks up: text and markdown, web pages, Word files, PDFs; and old .doc/.wps
# files, so that each gets its one line saying how to convert it instead of being skipped without a word
PARSED_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps")


class InputError(ValueError):
    """Input ipplan cannot read; the message is one line, fit for stderr."""


_MAGIC = [(b"\x89PNG", "a PNG image"), (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx?)"),
          (b"\xd0\xcf\x11\xe0", "an old Office file (.doc/.xls)"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"{\\rtf", "an RTF file"), (b"\x1f\x8b", "a gzip archive")]
_PAGE_BREAK = r"(?:^|(?<=\n))[\f\v]+|[\f\v]+(?=\n|$)"  # compiled at first use (rx): few texts have page breaks


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name). Raises InputError for empty, binary or undecodable input."""
    if not data.strip():
        raise InputError("the input is empty")
    if encoding:
        try:
            return _lines(data.decode(encoding)), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"the input is not text: it looks like {what}; convert it to text first")
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise InputError("the input is not text (it contains NUL bytes); is it a PDF, Word or image file?")
        candidates = ["utf-8", "gb18030"]
    try:
        as_utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
        if _prefers_big5(data):
            candidates = ["big5"]
    # UTF-8, GB18030 and Big5 write a character below U+0020 as that byte and use no such byte in
    # a longer sequence: bytes without a control byte decode to text without a control character,
    # which _looks_binary need not scan (bytes.translate deletes the others in a few µs)
    no_control_byte = candidates != ["utf-16"] and not data.translate(None, _NOT_CONTROL_BYTES)
    for name in candidates:
        try:
            text = as_utf8 if name == "utf-8" and as_utf8 is not None else data.decode(name)
        except UnicodeDecodeError:
            continue
        if not no_control_byte and _looks_binary(text):
            raise InputError("the input is not text (too many control characters)")
        return _lines(text), "gbk" if name == "gb18030" and _is_gbk(data) else name
    raise InputError("cannot decode the input as UTF-8, UTF-16 or GB18030/GBK; pass --encoding")


def _common_share(text: str, codec: str, low: int, high: int) -> float:
    """Share of Han characters whose encoding in `codec` falls in its common-character block."""
    han = [ch for ch in text[:5000] if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = 0
    for ch in han:
        try:
            lead = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        common += low <= lead <= high
    return common / len(han)


def _prefers_big5(data: bytes) -> bool:
    """Big5 bytes decode as GB18030 too, into rare characters: compare how common each reading's characters are."""
    try:
        as_big5 = data.decode("big5")
    except UnicodeDecodeError:
        return False
    try:
        as_gb = data.decode("gb18030")
    except UnicodeDecodeError:
        return True
    gb = _common_share(as_gb, "gb2312", 0xB0, 0xD7)
    big5 = _common_share(as_big5, "big5", 0xA4, 0xC6)
    return big5 > gb + 0.2


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
        return True
    except UnicodeDecodeError:
        return False


# the control characters (below U+0020) a text file does not hold: all but \t \n \f \r
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# every byte but those controls (deleted by bytes.translate, the controls are what is left)
_NOT_CONTROL_BYTES = b"\t\n\f\r" + bytes(range(0x20, 0x100))


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = len(_CONTROL.findall(sample))  # one C-level pass, not a Python test per character
    return controls > max(3, len(sample) // 100)


def normalise_newlines(text: str) -> str:
    """One line end; a form feed (pdftotext's page break) at a line's edge vanishes, inside a line it breaks it.

    Removing edge form feeds keeps line numbers the same as an editor or `grep -n` shows them.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    if "\f" not in text and "\v" not in text:
        return text  # nothing below can change a text without page breaks (the usual case)
    text = rx.sub(_PAGE_BREAK, "", text)
    return text.replace("\f", "\n").replace("\v", "\n")


def _lines(text: str) -> str:
    return normalise_newlines(text)


def check_text(text: str) -> None:
    """Refuse input that is text but not a notice ipplan can read yet."""
    if not text.strip():
        raise InputError("the input is empty")
    from .readers.sniff import looks_like_html

    head = text[:20000]
    if "<" in head and looks_like_html(head.encode("utf-8")):  # no tag without a "<"
        raise InputError("the input is HTML; read it as a page (parse the file, or pass the bytes to parse_bytes)")


def decode_lossy(data: bytes, encoding: str | None = None) -> tuple[str, str, list[int]]:
    """Like `decode`, but bytes no candidate encoding reads become U+FFFD (for `--errors replace`).

    Returns (text, encoding, byte offsets replaced). Empty, binary and HTML input is still
    refused; the encoding that needs the fewest replacements wins.
    """
    try:
        text, used = decode(data, encoding)
        return text, used, []
    except InputError as exc:
        if not str(exc).startswith("cannot decode"):
            raise
    best: tuple[str, str, list[int]] | None = None
    for name in [encoding] if encoding else ["utf-8", "gb18030", "big5"]:
        parts, bad, at = [], [], 0
        while len(bad) <= 1000:
            try:
                parts.append(data[at:].decode(name))
                break
            except LookupError:
                raise InputError(f"unknown encoding {name}") from None
            except UnicodeDecodeError as err:
                parts.append(data[at:at + err.start].decode(name, errors="replace"))
                bad.append(at + err.start)
                parts.append("\ufffd")
                at += max(err.end, err.start + 1)
        if len(bad) <= 1000 and (best is None or len(bad) < len(best[2])):
            best = ("".join(parts), name, bad)
    if best is None or _looks_binary(best[0]):
        raise InputError("the input is not text in any encoding ipplan knows")
    return _lines(best[0]), best[1], best[2]


def read_document(data: bytes, name: str | None = None, input_format: str | None = None,
                  encoding: str | None = None):
    """Bytes of any supported file → `readers.Extracted`: the format is sniffed unless `input_format` forces it.

    Plain text keeps its lines as they are (no origins: its lines are the input's lines).
    """
    from .readers import Extracted
    from .readers.sniff import FORMATS, sniff

    if not data.strip():
        raise InputError("the input is empty")
    fmt = input_format or sniff(data, name)
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "html":
        from .readers.html import read_html

        return read_html(data, encoding)
    if fmt == "docx":
        from .readers.docx import read_docx

        return read_docx(data)
    if fmt == "pdf":
        from .readers.pdf import read_pdf

        return read_pdf(data)
    text, used = decode(data, encoding)
    return Extracted(text, "text", encoding=used)
