"""Speed and memory figures; each script prints JSON with ``--json`` (saved under results/)."""
