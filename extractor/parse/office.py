"""Legacy Word ``.doc`` and ``.rtf`` through an installed converter.

Why LibreOffice first: ``soffice --headless --convert-to docx`` keeps what the pipeline needs
(automatic list labels, the borderless header and signature tables, bold), and the .docx is then
read by :func:`extractor.parse.docx.parse_docx`, so a .doc gives the same blocks as its .docx.
Without LibreOffice a .doc falls back to ``antiword`` (or ``catdoc``): plain text, one block per
line, labels as typed text only. RTF needs LibreOffice. Every run has a timeout and its own
LibreOffice profile (parallel runs and a user's open LibreOffice do not clash); every failure is
one line: :class:`~extractor.errors.MissingTool` naming the Debian packages, or
:class:`~extractor.errors.UnreadableFile`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from extractor.diagnostics import Diagnostic
from extractor.errors import MissingTool, UnreadableFile
from extractor.parse.docx import parse_docx
from extractor.parse.text import parse_text
from extractor.tree import ParsedDocument

TIMEOUT_S = 120.0
CONVERTERS = ("soffice", "antiword", "catdoc")  # in order of preference
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FIB_MAGIC = b"\xec\xa5"  # wIdent of a Word 97-2003 FIB, at the start of the WordDocument stream
_PACKAGES = {
    "doc": "apt-get install libreoffice-writer-nogui (or antiword)",
    "rtf": "apt-get install libreoffice-writer-nogui",
}
_profile_lock = threading.Lock()  # one LibreOffice at a time per profile
_profile: str | None = None  # one LibreOffice profile per process, created on first use


def _which(tool: str) -> str | None:
    if tool == "soffice":
        return shutil.which("soffice") or shutil.which("libreoffice")
    return shutil.which(tool)


def _run(cmd: list[str], timeout: float, what: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``cmd`` in its own process group; on timeout kill the whole group (soffice forks)."""
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise UnreadableFile(f"{what} took longer than {timeout:.0f} s and was stopped") from exc
        return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _check(data: bytes, fmt: str) -> list[str]:
    """Refuse what no converter can read, before paying for one; return warnings."""
    if not data:
        raise UnreadableFile(f"the .{fmt} file is empty (0 bytes)")
    if fmt == "doc":
        if not data.startswith(_OLE_MAGIC):
            raise UnreadableFile("not a Word 97-2003 .doc (no OLE header)")
        if len(data) < 1536 or len(data) % 512:
            raise UnreadableFile(
                "the .doc is truncated (its size is not a whole number of sectors)", code="truncated"
            )
        encrypted = _doc_encrypted(data)
        if encrypted is None:
            raise UnreadableFile("not a Word 97-2003 .doc (an OLE file without a Word document stream)")
        if encrypted:
            raise UnreadableFile("the .doc is encrypted and needs a password", code="encrypted")
        return []
    head = data[:64].lstrip()
    if not head.startswith(b"{\\rtf"):
        raise UnreadableFile("not an RTF document (no {\\rtf header)")
    if _rtf_depth(data) != 0:
        message = "the RTF looks truncated (unbalanced braces); text may be incomplete"
        return [Diagnostic("rtf-truncated", "office", message, severity="error")]
    return []


def _doc_encrypted(data: bytes) -> bool | None:
    """fEncrypted of the FIB, found at the first sector that starts with the Word magic; None: no FIB."""
    for off in range(512, min(len(data), 1 << 22), 512):
        if (
            data[off : off + 2] == _FIB_MAGIC
            and 0x65 <= int.from_bytes(data[off + 2 : off + 4], "little") <= 0x200
        ):
            flags = int.from_bytes(data[off + 10 : off + 12], "little")
            return bool(flags & 0x0100)
    return None


def _rtf_depth(data: bytes) -> int:
    """Open groups left at the end ({ minus }, escaped braces skipped): 0 for a complete RTF."""
    text = data.replace(b"\\\\", b"").replace(b"\\{", b"").replace(b"\\}", b"")
    return text.count(b"{") - text.count(b"}")


def _soffice_to_docx(binary: str, data: bytes, fmt: str, timeout: float, truncated: bool) -> bytes:
    global _profile
    with _profile_lock, tempfile.TemporaryDirectory(prefix="extractor-office-") as tmp:
        if _profile is None:
            _profile = tempfile.mkdtemp(prefix="extractor-lo-profile-")
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        cmd = [
            binary,
            f"-env:UserInstallation={Path(_profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ]
        run = _run(cmd, timeout, "LibreOffice")
        target = out / "input.docx"
        if not target.exists() or target.stat().st_size == 0:
            if truncated:
                raise UnreadableFile(
                    f"the .{fmt} is truncated and LibreOffice could not read it", code="truncated"
                )
            said = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
            said = [s for s in said if "javaldx" not in s]
            why = f": {said[-1].strip()}" if said else ""
            raise UnreadableFile(f"LibreOffice could not read the .{fmt} (damaged or not a {fmt} file){why}")
        return target.read_bytes()


def _text_of(binary: str, tool: str, data: bytes, timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="extractor-office-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        if tool == "antiword":
            cmd = [binary, "-m", "UTF-8.txt", "-w", "0", str(src)]
        else:
            cmd = [binary, "-d", "utf-8", "-w", str(src)]
        run = _run(cmd, timeout, tool)
        if run.returncode != 0:
            said = run.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UnreadableFile(f"{tool} could not read the .doc ({said[-1] if said else 'no message'})")
        return run.stdout.decode("utf-8", "replace")


def _legible(parsed: ParsedDocument) -> ParsedDocument:
    """Refuse gibberish: LibreOffice imports any bytes it cannot parse as plain text.

    Real text is mostly short alphabetic words (Vietnamese: ~3.5 letters); binary junk has few
    spaces and few purely alphabetic tokens.
    """
    tokens = " ".join(b.text for b in parsed.blocks).split()
    if not tokens:
        return parsed
    alpha = sum(1 for t in tokens if t.strip(".,;:()!?\"'-–/%").isalpha())
    mean_len = sum(map(len, tokens)) / len(tokens)
    if alpha / len(tokens) < 0.3 or mean_len > 20:
        raise UnreadableFile(f"the .{parsed.format} holds no readable text (garbage or binary content)")
    return parsed


def parse_office(
    data: bytes, fmt: str, *, converters: Sequence[str] = CONVERTERS, timeout: float = TIMEOUT_S
) -> ParsedDocument:
    """Parse a .doc or .rtf (``fmt`` "doc" / "rtf") with the first converter installed.

    ``converters`` restricts and orders the tools tried (tests use it to force a fallback).
    """
    if fmt not in _PACKAGES:
        raise UnreadableFile(f"parse_office reads .doc and .rtf, not {fmt!r}")
    warnings = _check(data, fmt)
    for tool in converters:
        if fmt == "rtf" and tool != "soffice":
            continue
        binary = _which(tool)
        if binary is None:
            continue
        if tool == "soffice":
            parsed = parse_docx(_soffice_to_docx(binary, data, fmt, timeout, bool(warnings)))
            parsed.format = fmt
            parsed.warnings[:0] = warnings
            return _legible(parsed)
        parsed = parse_text(_text_of(binary, tool, data, timeout).encode("utf-8"))
        parsed.format = fmt
        plain = Diagnostic(
            "converted-plain", "office", f"read with {tool}: list labels and tables are plain text"
        )
        parsed.warnings[:0] = [*warnings, plain]
        return _legible(parsed)
    raise MissingTool(f"reading a .{fmt} file needs LibreOffice; install it with: {_PACKAGES[fmt]}")
