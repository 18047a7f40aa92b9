"""Build the OCR and legacy-format fixtures in ``tests/fixtures/scans/`` from the seed fixtures.

Why: OCR and the .doc/.rtf parsers must be tested on files whose right answer is known. From each
seed .docx (``tests/fixtures/seeds``) LibreOffice writes a Word 97 .doc and an .rtf; from each
seed .pdf every page is rendered at 200 dpi and re-wrapped as a PDF with no text layer. To keep
the folder commit-sized (< 3 MB), one scan (001) is grayscale JPEG, slightly rotated with
scanner noise, and the others are bilevel (CCITT G4, as office scanners and fax software write
them): a grayscale JPEG page of text at 200 dpi costs ~250 KB, a bilevel one ~35 KB.

``hostile/`` holds one broken file per failure the parsers must report in one line: truncated
scan PDF, PDF with zero pages, a page of pure noise, random bytes behind an OLE header (.doc),
a truncated .doc, a .doc marked encrypted (the FIB's fEncrypted flag: LibreOffice cannot write
a password-protected .doc from the command line), garbage RTF and a truncated RTF.

    .venv/bin/python scripts/build_scan_fixtures.py [--out DIR]

Needs LibreOffice (soffice). Deterministic: fixed random seeds, fixed PDF metadata.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "scans"
DPI = 200
GRAY = {"001"}  # stems (first three characters) written as grayscale JPEG scans


def soffice_convert(src: Path, outdir: Path, target: str) -> Path:
    """``soffice --convert-to target`` with a throwaway profile; returns the written file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return outdir / f"{src.stem}.{target.split(':')[0]}"


def with_final_paragraph(docx: bytes) -> bytes:
    """Append an empty paragraph after a final table, as Word always has one.

    LibreOffice writes a .doc that ends in a table without it and then cannot read that table back.
    """
    zin = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                cut = text.rfind("<w:sectPr")
                if cut > 0 and text[:cut].rstrip().endswith("</w:tbl>"):
                    text = text[:cut] + "<w:p/>" + text[cut:]
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


def office_fixtures(out: Path) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for docx in sorted(SEEDS.glob("[0-9][0-9][0-9]_*.docx")):
            src = Path(tmp) / docx.name
            src.write_bytes(with_final_paragraph(docx.read_bytes()))
            for target in ("doc:MS Word 97", "rtf"):
                made = soffice_convert(src, Path(tmp), target)
                dest = out / made.name
                shutil.copyfile(made, dest)
                written.append(dest)
    return written


def render(pdf: Path) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def scanned(image: Image.Image, rng: random.Random) -> Image.Image:
    """What a flatbed scanner makes of a page: a slight rotation, blur and speckle."""
    image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    pixels = image.load()
    assert pixels is not None
    for _ in range(image.width * image.height // 2000):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.choice((0, 90, 160))
    return image


def save_pdf(images: list[Image.Image], dest: Path, **options: object) -> None:
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=DPI, **options)
    dest.write_bytes(buf.getvalue())


def scan_fixtures(out: Path) -> list[Path]:
    written: list[Path] = []
    for pdf in sorted(SEEDS.glob("[0-9][0-9][0-9]_*.pdf")):
        rng = random.Random(pdf.stem)
        pages = render(pdf)
        dest = out / pdf.name
        if pdf.stem[:3] in GRAY:
            save_pdf([scanned(p, rng) for p in pages], dest, quality=40)
        else:
            save_pdf([p.point(lambda v: 0 if v < 170 else 255).convert("1") for p in pages], dest)
        written.append(dest)
    return written


def hostile_fixtures(out: Path) -> list[Path]:
    """One broken file per failure mode; see the module docstring."""
    rng = random.Random(5)
    hostile = out / "hostile"
    hostile.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}

    scan = (out / "000_12272236fee134ef.pdf").read_bytes()
    files["truncated_scan.pdf"] = scan[: len(scan) // 2]

    empty = pdfium.PdfDocument.new()
    buf = io.BytesIO()
    empty.save(buf)
    files["zero_pages.pdf"] = buf.getvalue()

    noise = Image.frombytes("L", (420, 594), bytes(rng.randrange(256) for _ in range(420 * 594)))
    buf = io.BytesIO()
    noise.save(buf, "PDF", resolution=50, quality=60)  # 420x594 px at 50 dpi: one A4 page
    files["noise_scan.pdf"] = buf.getvalue()

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    files["random_bytes.doc"] = ole + bytes(rng.randrange(256) for _ in range(24 * 512 - len(ole)))
    doc = (out / "000_12272236fee134ef.doc").read_bytes()
    files["truncated.doc"] = doc[: (len(doc) // 2) + 100]
    enc = bytearray(doc)
    fib = next(o for o in range(512, len(enc), 512) if enc[o : o + 2] == b"\xec\xa5")
    flags = int.from_bytes(enc[fib + 10 : fib + 12], "little") | 0x0100  # fEncrypted
    enc[fib + 10 : fib + 12] = flags.to_bytes(2, "little")
    files["encrypted.doc"] = bytes(enc)

    junk = bytes(rng.randrange(256) for _ in range(6000)).replace(b"}", b"").replace(b"{", b"")
    files["garbage.rtf"] = b"{\\rtf1\\ansi\\deff0 " + junk + b"}"
    rtf = (out / "000_12272236fee134ef.rtf").read_bytes()
    files["truncated.rtf"] = rtf[: len(rtf) // 2]

    written = []
    for name, data in files.items():
        (hostile / name).write_bytes(data)
        written.append(hostile / name)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = office_fixtures(args.out) + scan_fixtures(args.out) + hostile_fixtures(args.out)
    total = 0
    for path in written:
        size = path.stat().st_size
        total += size
        print(f"wrote {path.relative_to(ROOT)} ({size // 1024} KB)")
    print(f"total {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
