"""Thin command line over the library: ``extractor extract`` and ``extractor evaluate``.

Errors from the library become one line on stderr naming the file and the reason; one bad
file never stops a batch; output files are written to a temporary file and renamed, so a
crash never leaves half a file; the exit status is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from extractor import __version__, pipeline
from extractor.cli_archive import add_commands
from extractor.errors import ExtractorError
from extractor.evaluate import evaluate_paths, format_report
from extractor.io import atomic_writer, iter_inputs, record_json
from extractor.schema import Result
from extractor.tree import ParseOptions

__all__ = ["build_parser", "main"]


def _say(source: str, message: str, code: str) -> None:
    """One line per finding, with its stable code: ``extractor: PATH: message [code]``."""
    print(f"extractor: {source}: {message} [{code}]", file=sys.stderr)


def _extract_one(source: str, path: Path, ocr: str) -> Result | None:
    """The result, or None after printing the one-line reason (a bug must not stop the batch)."""
    try:
        return pipeline.extract_path(path, source=source, options=ParseOptions(ocr=ocr))
    except ExtractorError as err:
        _say(source, err.reason, err.code)
    except Exception as err:
        _say(source, f"internal error ({type(err).__name__}: {err})", "internal")
    return None


def _report(source: str, result: Result, verbose: bool) -> None:
    """Errors that lost content always; warnings and the task count with ``-v``."""
    for d in result.document.diagnostics:
        if verbose or d.severity == "error":
            _say(source, f"{d.severity}: {d.message}", d.code)
    if verbose:
        print(f"extractor: {source}: {len(result.tasks)} tasks", file=sys.stderr)


def cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    docs_out = contextlib.nullcontext(None) if not args.documents else atomic_writer(args.documents)
    with atomic_writer(args.output) as tasks_handle, docs_out as docs_handle:
        for source, path, error, code in iter_inputs(args.paths):
            result = None
            if error or path is None:
                _say(source, error or "nothing to read", code or "not-found")
            else:
                result = _extract_one(source, path, args.ocr)
            if result is None:
                failed += 1
                continue
            for task in result.tasks:
                tasks_handle.write(record_json(task) + "\n")
            if docs_handle is not None:
                docs_handle.write(record_json(result.document) + "\n")
            _report(source, result, args.verbose)
    return 1 if failed else 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    report = evaluate_paths(Path(args.gold), args.paths)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(format_report(report, verbose=args.verbose))
    return 1 if report.get("errors") else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extractor", description="Turn Vietnamese directive documents into JSONL task records."
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract task and document records from files or folders")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    ex.add_argument(
        "-o", "--output", default="-", help="tasks JSONL file ('-' = standard output, the default)"
    )
    ex.add_argument("--documents", metavar="FILE", help="also write one document record a line to FILE")
    ex.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default="auto",
        help="OCR PDF pages: auto = pages without a usable text layer (default), always, never",
    )
    ex.add_argument("-v", "--verbose", action="store_true", help="report each file on standard error")
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("evaluate", help="score extraction against gold annotations (precision, recall, F1)")
    ev.add_argument("--gold", required=True, help="folder of gold files <stem>.json")
    ev.add_argument("paths", nargs="+", metavar="PATH", help="the documents (files or folders)")
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--verbose", action="store_true", help="list every miss")
    ev.set_defaults(func=cmd_evaluate)

    add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("extractor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
