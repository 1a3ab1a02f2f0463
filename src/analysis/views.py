"""Tables for notebooks and HTML reports, with article text escaped: text is data, never markup.

pandas' ``DataFrame.style`` escapes nothing by default, so a title or sentence holding
``<script>`` would run in a shared report. :func:`html_table` escapes every cell, the index,
the column names and the caption; only columns the library built as HTML itself from escaped
pieces (``html_columns``, e.g. the marked sentences of ``evidence_table``) are passed through.
"""
from __future__ import annotations

import html
import itertools
from pathlib import Path
from collections.abc import Callable, Iterable

import pandas as pd
from pandas.io.formats.style import Styler


_TABLES = itertools.count(1)
MAX_ROWS = 100   # rows a table shows in a notebook or report; the exported CSV keeps all


def html_table(frame: pd.DataFrame, *, formats: dict[str, str | Callable] | None = None,
               caption: str | None = None, index: bool = False,
               html_columns: Iterable[str] = (), max_rows: int | None = MAX_ROWS) -> Styler:
    """A Styler of ``frame`` that escapes every value, label and the caption.

    ``formats`` maps columns to a format string or function (as ``Styler.format``);
    ``html_columns`` are columns that already hold safe HTML (built from escaped text).
    A frame longer than ``max_rows`` shows its first rows, and the caption says how many
    of how many (None: every row).
    """
    if not frame.columns.is_unique:
        raise ValueError(f"html_table needs unique column names; repeated: {sorted(set(frame.columns[frame.columns.duplicated()]))}")
    if max_rows is not None and len(frame) > max_rows:
        cut = (f"The first {max_rows:,} of {len(frame):,} rows; the full table is in the report's "
               f"tables (python -m analysis report) or the DataFrame itself.")
        caption = f"{caption} — {cut}" if caption else cut
        frame = frame.head(max_rows)
    trusted = [c for c in html_columns if c in frame.columns]
    plain = [c for c in frame.columns if c not in trusted]
    styler = frame.style
    formats = formats or {}
    if plain:
        styler = styler.format({c: formats[c] for c in plain if c in formats}, subset=plain,
                               escape="html", na_rep="")
    if trusted:
        styler = styler.format({c: formats[c] for c in trusted if c in formats}, subset=trusted,
                               escape=None, na_rep="")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if caption is not None:
        styler = styler.set_caption(html.escape(caption))
    if not index:
        styler = styler.hide(axis="index")
    # pandas gives each table a random id: a counter makes two runs write the same HTML
    return styler.set_uuid(f"t{next(_TABLES)}")


def show_warnings_inline() -> None:
    """Print warnings (a load report summary, languages left out) in the cell's output, in
    order with everything else: on stderr, their place among the printed lines varies from run
    to run, and a report would not be reproducible."""
    import sys
    import warnings

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"{category.__name__}: {message}", file=sys.stdout)

    warnings.showwarning = show


def describe_data(data) -> str:
    """The data as a reader should see it named: the file or folder names given to
    ``load_articles``, never their local paths ("a.csv, b.csv, c.csv and 2 more"), or the
    bundled sample when None."""
    if data is None:
        return "bundled sample articles (data/articles)"
    items = [data] if isinstance(data, (str, Path)) else list(data)
    names = [Path(str(item)).name for item in items]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def say(template: str, **values) -> None:
    """Show one sentence of commentary under a cell: ``template`` is the notebook's own
    HTML (``<strong>``, ``<em>``), and every value put into it (an outlet name, a term)
    is escaped, since those come from the data."""
    from IPython.display import HTML, display

    text = template.format(**{k: html.escape(str(v)) for k, v in values.items()})
    display(HTML(f"<p>{text}</p>"))


def sample_note(key: str, data) -> None:
    """A remark on the bundled sample (``data/sample_notes.tsv``), shown only when the
    notebook runs on it (``data`` is None)."""
    if data is not None:
        return
    from IPython.display import HTML, display

    from .lexicon import read_tsv

    notes = read_tsv("sample_notes.tsv").set_index("key")["note"]
    display(HTML(f"<p>{notes[key]}</p>"))      # the project's own text, not data
