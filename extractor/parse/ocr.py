"""OCR for PDF pages without a usable text layer: pypdfium2 renders, Tesseract (``vie``) reads.

Why the ``tesseract`` CLI through :mod:`subprocess` and not pytesseract: pytesseract is itself a
subprocess wrapper that writes temporary files; calling the binary directly needs no new Python
dependency, lets us pipe the image on stdin, set a timeout and turn every failure into one line.

A page is rendered in grayscale (300 dpi by default) and sent to ``tesseract stdin stdout -l vie
tsv``; the TSV gives every word with its box and confidence, grouped by Tesseract into lines.
Each Tesseract line becomes one or more :class:`~extractor.parse.layout.Segment` in PDF units (a
gap wider than the column gap splits it), so the layout rules of :mod:`.layout` rebuild
lines, two-column regions (header, signature) and paragraphs from OCR exactly as they do from a
text layer, and every block keeps its page.

Which pages: ``ocr="always"`` every page; ``"auto"`` pages whose text layer is missing or
unusable (mostly private-use or control characters, or a page-sized image carrying only a few
characters, e.g. a signature stamp on a scan); ``"never"`` none (the page is reported). A blank
page (no objects at all) is never sent to Tesseract.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extractor.diagnostics import Diagnostic
from extractor.errors import MissingTool, UnreadableFile
from extractor.parse.layout import COLUMN_GAP, Segment

DPI = 300
MAX_SIDE_PX = 5000  # a huge page is rendered smaller rather than exhausting memory
LANG = "vie"
LOW_CONFIDENCE = 60.0  # a page whose mean word confidence is below this gets a warning
ILLEGIBLE = 30.0  # below this the page's OCR text is dropped: it is noise, not text
TIMEOUT_S = 120.0  # per page
MIN_WORD_CONF = 0.0  # Tesseract marks non-words with -1
SCAN_TEXT_CHARS = 40  # an image-covered page with fewer text-layer characters is a scan
PACKAGES = "tesseract-ocr tesseract-ocr-vie"
SPECK = 0.25  # a word of punctuation smaller than this share of its line's height is dust
BOLD_STROKE = 1.2  # a run whose stems are this much thicker than the page's regular text is bold
_SIZE_PER_WORD_HEIGHT = 1 / 0.85  # a word box (diacritics included) is ~0.85 em tall
_BULLET_MISREAD = ("~ ", "_ ")  # a "-" bullet that dust or blur turned into another mark


@dataclass
class OcrWord:
    """One word from Tesseract's TSV, in pixels of the rendered image."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # (block, paragraph, line) as Tesseract grouped them


@dataclass
class OcrPage:
    """What Tesseract read on one page: words, line boxes and the image geometry."""

    words: list[OcrWord]
    lines: dict[tuple[int, int, int], tuple[int, int, int, int]]  # key -> (left, top, width, height)
    width_px: int
    height_px: int
    dpi: float
    image: Image.Image | None = None  # the rendered page, binarized: tells bold from regular

    @property
    def confidence(self) -> float | None:
        """Mean word confidence (0-100), None when no word was read."""
        confs = [w.conf for w in self.words]
        return statistics.fmean(confs) if confs else None


def _missing(what: str) -> MissingTool:
    return MissingTool(f"{what}; install it with: apt-get install {PACKAGES}")


@functools.lru_cache(maxsize=4)
def _check(binary: str | None) -> str | None:
    """None when Tesseract with the ``vie`` model is usable, else the reason (one line)."""
    if binary is None:
        return "OCR needs the tesseract program, which is not installed"
    try:
        out = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as err:
        return f"OCR needs tesseract, which cannot be run ({err})"
    langs = {ln.strip() for ln in (out.stdout + out.stderr).splitlines()}
    if LANG not in langs:
        return f"Tesseract has no Vietnamese model ({LANG}.traineddata)"
    return None


def require_tesseract() -> str:
    """The tesseract binary's path; :class:`MissingTool` naming the packages when unusable."""
    binary = shutil.which("tesseract")
    reason = _check(binary)
    if reason is not None or binary is None:
        raise _missing(reason or "OCR needs the tesseract program, which is not installed")
    return binary


def parse_tsv(tsv: str) -> tuple[list[OcrWord], dict[tuple[int, int, int], tuple[int, int, int, int]]]:
    """Words (level 5, with text and a confidence) and line boxes (level 4) from Tesseract's TSV."""
    words: list[OcrWord] = []
    lines: dict[tuple[int, int, int], tuple[int, int, int, int]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or not cols[0].isdigit():
            continue
        level = int(cols[0])
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        box = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
        if level == 4:
            lines[key] = box
        elif level == 5:
            text = cols[11].strip()
            conf = float(cols[10])
            if text and conf >= MIN_WORD_CONF:
                words.append(OcrWord(text, *box, conf, key))
    return words, lines


def ocr_page(page: pdfium.PdfPage, dpi: int = DPI, timeout: float = TIMEOUT_S) -> OcrPage:
    """Render ``page`` in grayscale and read it with Tesseract; raises on a failed run."""
    binary = require_tesseract()
    width, height = page.get_size()
    scale = min(dpi / 72, MAX_SIDE_PX / max(width, height, 1.0))
    bitmap = page.render(scale=scale, grayscale=True)
    image = bitmap.to_pil()
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PPM")  # binary PGM: no compression to pay for
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one core per page; threads only add overhead here
    cmd = [binary, "stdin", "stdout", "-l", LANG, "--dpi", str(round(scale * 72)), "--psm", "3", "tsv"]
    try:
        run = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as err:
        raise UnreadableFile(f"OCR took longer than {timeout:.0f} s") from err
    if run.returncode != 0:
        last = (run.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise UnreadableFile(f"tesseract failed ({last})")
    words, lines = parse_tsv(run.stdout.decode("utf-8", "replace"))
    words = [w for w in words if not _speck(w, lines)]
    ink = image.convert("L").point(lambda v: 0 if v < 140 else 255)
    return OcrPage(words, lines, image.width, image.height, scale * 72, ink)


def _speck(word: OcrWord, lines: dict[tuple[int, int, int], tuple[int, int, int, int]]) -> bool:
    """Scanner dust read as "|", "_", "-": no letter or digit and a box far smaller than its line's."""
    if any(c.isalnum() for c in word.text):
        return False
    line_height = lines.get(word.line, (0, 0, 0, word.height))[3]
    return max(word.width, word.height) < SPECK * line_height


def _stroke(ink: Image.Image, left: int, top: int, right: int, bottom: int) -> float | None:
    """Mean horizontal run length of ink in a box (≈ stem width), None when the box is empty.

    Counting on bytes keeps it in C: ink pixels are 0, and each b"\\xff\\x00" is a stroke's left edge.
    """
    raw = ink.crop((left, top, right, bottom)).tobytes()
    edges = raw.count(b"\xff\x00")
    return raw.count(0) / edges if edges >= 4 else None


def segments_of(result: OcrPage) -> list[Segment]:
    """Tesseract lines → segments in PDF units (bottom-up y), split where a column gap opens."""
    unit = 72 / result.dpi
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in result.words:
        by_line.setdefault(word.line, []).append(word)
    # Word heights, not line boxes: a skewed scan makes Tesseract's line boxes taller.
    heights = {k: statistics.median(w.height for w in ws) for k, ws in by_line.items()}
    typical = statistics.median(heights.values()) if heights else 0
    runs: list[tuple[list[OcrWord], float, float, float | None]] = []  # words, base, size, stroke/size
    for key, words in by_line.items():
        # the line's band (for the bold measure): Tesseract's line box, else the words' hull
        top = min(w.top for w in words)
        height = max(w.top + w.height for w in words) - top
        if key in result.lines:
            top, height = result.lines[key][1], result.lines[key][3]
        # One size for all lines of ordinary height: pdf.py breaks paragraphs where the size changes.
        own = heights[key]
        upper = 1.5 if len(words) >= 3 else 2.0  # one or two words: their heights say little
        size_px = (typical if 0.6 * typical <= own <= upper * typical else own) * _SIZE_PER_WORD_HEIGHT
        # Baseline: the median word bottom (the line box grows with skew and with one tall word).
        base = (result.height_px - statistics.median(w.top + w.height for w in words)) * unit
        words.sort(key=lambda w: w.left)
        groups: list[list[OcrWord]] = [[]]
        for word in words:
            if groups[-1] and word.left - (groups[-1][-1].left + groups[-1][-1].width) > COLUMN_GAP * size_px:
                groups.append([])
            groups[-1].append(word)
        for run in groups:
            stroke = None
            if result.image is not None:
                right = run[-1].left + run[-1].width
                stroke = _stroke(result.image, run[0].left, top, right, top + height)
            runs.append((run, base, size_px, stroke / size_px if stroke else None))
    # Bold: strokes markedly thicker, for their size, than the page's usual text.
    ratios = sorted(r[3] for r in runs if r[3] is not None and len(r[0]) >= 2)
    usual = statistics.median(ratios) if ratios else None  # most of a page is regular text
    segments: list[Segment] = []
    for run, base, size_px, ratio in runs:
        text = " ".join(w.text for w in run)
        if text.startswith(_BULLET_MISREAD):
            text = "-" + text[1:]
        bold = usual is not None and ratio is not None and ratio > BOLD_STROKE * usual
        x0 = run[0].left * unit
        x1 = (run[-1].left + run[-1].width) * unit
        n = len(text)
        segments.append(Segment(x0, x1, base, size_px * unit, list(text), n if bold else 0, 0 if bold else n))
    return segments


def _has_content(page: pdfium.PdfPage) -> tuple[bool, float]:
    """(the page has any object, share of the page area covered by images)."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    covered = 0.0
    anything = False
    for obj in page.get_objects(max_depth=2):
        anything = True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 / 4
            left, bottom, right, top = bounds()
            covered += max(right - left, 0) * max(top - bottom, 0)
    return anything, min(covered / area, 1.0)


def usable_text(text: str) -> bool:
    """A text layer is usable unless it is mostly private-use, control or replacement characters."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    bad = sum(1 for c in chars if c == "\ufffd" or "\ue000" <= c <= "\uf8ff" or ord(c) < 0x20)
    return bad / len(chars) < 0.3


@dataclass
class PageReader:
    """Per-page OCR decisions for one PDF; collects ``pages`` (1-based) read by OCR.

    When Tesseract is missing in "auto" mode the page is reported and parsing goes on (other
    pages may have text); :meth:`finish` raises the one-line :class:`MissingTool` if that left
    the document without any text. In "always" mode it raises at once.
    """

    mode: str = "auto"
    pages: list[int] = field(default_factory=list)
    unavailable: MissingTool | None = None

    def read(
        self, page: pdfium.PdfPage, number: int, segments: list[Segment], warnings: list[str]
    ) -> list[Segment]:
        """The segments to use for page ``number``: the text layer's or OCR's."""
        why = self._why(page, segments)
        if why is None:
            return segments
        if self.mode == "never":
            warnings.append(
                Diagnostic("ocr-off", "ocr", f"page {number} {why} and OCR is off (--ocr never)", number)
            )
            return segments
        if why == "has no text layer (scanned?)" and not _has_content(page)[0]:
            warnings.append(
                Diagnostic("page-blank", "ocr", f"page {number} {why}", number)
            )  # nothing to read
            return segments
        try:
            require_tesseract()
        except MissingTool as err:
            if self.mode == "always":
                raise
            self.unavailable = err
            warnings.append(
                Diagnostic(
                    "ocr-unavailable",
                    "ocr",
                    f"page {number} {why} but OCR is unavailable ({err.reason})",
                    number,
                    "error",
                )
            )
            return segments
        try:
            result = ocr_page(page)
        except UnreadableFile as err:
            warnings.append(
                Diagnostic("ocr-failed", "ocr", f"page {number}: OCR failed ({err.reason})", number, "error")
            )
            return segments
        self.pages.append(number)
        conf = result.confidence
        if conf is None:
            warnings.append(Diagnostic("ocr-no-text", "ocr", f"page {number}: OCR found no text", number))
        elif conf < ILLEGIBLE:  # noise, a photo, a blank page with dust: keep no text at all
            message = f"page {number}: OCR found no legible text (confidence {conf:.0f}/100)"
            warnings.append(Diagnostic("ocr-illegible", "ocr", message, number))
            return []
        elif conf < LOW_CONFIDENCE:
            message = f"page {number}: OCR confidence is low ({conf:.0f}/100); check the text"
            warnings.append(Diagnostic("ocr-low-confidence", "ocr", message, number))
        return segments_of(result)

    def _why(self, page: pdfium.PdfPage, segments: list[Segment]) -> str | None:
        """Why the page needs OCR (a phrase after "page N"), None when the text layer will do."""
        if self.mode == "always":
            return "is read by OCR (--ocr always)"
        text = "".join("".join(s.text) for s in segments)
        if not text.strip():
            return "has no text layer (scanned?)"
        if not usable_text(text):
            return "has an unusable text layer"
        if len(text.strip()) < SCAN_TEXT_CHARS and _has_content(page)[1] > 0.5:
            return "is a scanned image with only a few characters of text"
        return None

    def finish(self, any_text: bool) -> None:
        """Raise the missing-Tesseract error when OCR was needed and nothing else could be read."""
        if self.unavailable is not None and not any_text:
            raise self.unavailable
