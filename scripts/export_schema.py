"""Write the JSON Schema of the two output records (generated from the pydantic models).

python scripts/export_schema.py          # rewrite schema/*.schema.json
python scripts/export_schema.py --check  # exit 1 if the committed files are stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.schema import SCHEMA_VERSION, DocumentRecord, Task  # noqa: E402

TARGETS = {"task.schema.json": Task, "document.schema.json": DocumentRecord}


def render(model: type) -> str:
    schema = model.model_json_schema()  # type: ignore[attr-defined]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$comment"] = f"extractor output contract, schema_version {SCHEMA_VERSION}; generated, do not edit"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only check that schema/ is current")
    args = parser.parse_args()
    out = ROOT / "schema"
    stale = []
    for name, model in TARGETS.items():
        text = render(model)
        path = out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            out.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("stale: " + ", ".join(stale) + " (run python scripts/export_schema.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
