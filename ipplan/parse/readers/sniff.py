"""Tell a file's format from its first bytes, not from its name.

Files are renamed, saved without extension or downloaded as `download.php`;
a `.doc` is often a web page or a .docx in disguise. The magic bytes decide;
the extension only breaks ties (an OLE2 container is a .doc or a .wps alike).
"""
from __future__ import annotations

import regex

from .. import rx
from ..read import InputError

# a web page, or a fragment of one: structural tags near the start (markdown may hold a stray <br>)
# (compiled at first use, through rx: plain text without "<" never needs them)
_HTML_START = rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b"
_TAG_LINE = rb"<\s*/?\s*[A-Za-z][\w:-]*[^>]*>"
_HTML_TAGS = rb"<\s*(?:html|body|div|p|table|tbody|tr|td|head)\b[^>]*>"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_REFUSED = [
    (b"\x89PNG", "a PNG image; ipplan does not do OCR"),
    (b"\xff\xd8\xff", "a JPEG image; ipplan does not do OCR"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image (a scan?); ipplan does not do OCR"),
    (b"MM\x00*", "a TIFF image (a scan?); ipplan does not do OCR"),
    (b"{\\rtf", "an RTF file; save it as .docx first"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
]

FORMATS = ("text", "html", "docx", "pdf")


def sniff(data: bytes, name: str | None = None) -> str:
    """One of FORMATS, or InputError naming what the file is and what to do with it."""
    head = data[:4096]
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if b"%PDF-" in data[:1024]:  # the header may follow a few bytes of junk
        return "pdf"
    if head.startswith(_OLE2):
        if suffix == "wps" or b"K\x00i\x00n\x00g\x00s\x00o\x00f\x00t" in data[:65536]:
            raise InputError("a WPS Office file (.wps): open it in WPS and save it as .docx, then read the .docx")
        if suffix in ("xls", "et"):
            raise InputError("an old Excel file (.xls); ipplan reads notices, not spreadsheets")
        raise InputError("an old binary Word file (.doc): ipplan reads .docx; convert it first "
                         "(Word: Save As .docx, or `libreoffice --headless --convert-to docx FILE`)")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for magic, what in _REFUSED:
        if head.startswith(magic):
            raise InputError(f"the input is not text: it looks like {what}")
    if looks_like_html(head):
        return "html"
    return "text"


def looks_like_html(head: bytes) -> bool:
    """A document that opens as a page, or markup throughout: structural tags on most of its lines.

    Markdown may carry a `<div align=center>` or a `<br>` and is still text: its lines are mostly tag-free.
    """
    sample = head[:20000]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        sample = sample.decode("utf-16", errors="ignore").encode("utf-8")
    elif sample.startswith(b"\xef\xbb\xbf"):
        sample = sample[3:]
    if b"<" not in sample:
        return False  # every pattern below starts at a "<": plain text is answered by one C-level search
    if rx.match(_HTML_START, sample, regex.I | regex.S):
        return True
    if len(rx.findall(_HTML_TAGS, sample, regex.I)) < 3:
        return False
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    tagged = sum(1 for line in lines if rx.search(_TAG_LINE, line))
    return tagged >= 0.3 * len(lines)


def _zip_kind(data: bytes) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"a damaged ZIP container (a corrupt or truncated .docx?): {exc}") from None
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise InputError("an Excel workbook (.xlsx); ipplan reads notices, not spreadsheets")
    if any(n.startswith("ppt/") for n in names):
        raise InputError("a PowerPoint file (.pptx); ipplan reads notices as text, HTML, .docx or PDF")
    if "mimetype" in names and "content.xml" in names:
        raise InputError("an OpenDocument file (.odt); save it as .docx first")
    raise InputError("a ZIP archive that holds no Word document; unpack it first")
