"""``python -m analysis report DATA… [--out DIR] [--title TEXT]``: the HTML reports on any corpus."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("report",):
        print("usage: python -m analysis report [DATA ...] [--out DIR] [--title TEXT]", file=sys.stderr)
        return 2
    from .report import main as report

    return report(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
