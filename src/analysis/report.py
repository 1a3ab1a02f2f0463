"""Write the HTML reports: run each notebook top to bottom and export it, sanitised.

``python -m analysis report [DATA ...] [--out DIR] [--title TEXT]`` (``make report DATA=…
OUT=…``) runs every notebook on DATA (a folder, files or a table; default: the bundled sample),
injected into the notebook's cell tagged ``parameters`` as papermill does, and writes one HTML
file per notebook, ``DIR/tables/`` (the tables behind the charts as CSV and one workbook) and
``DIR/index.html``. Article text is escaped where the library turns it into HTML
(:mod:`analysis.views`); as a second wall, every HTML output is passed through nbconvert's
sanitiser with an allow-list of the tags tables and marked sentences need, so no script,
event handler or ``javascript:`` link from the data can survive into a shared report. The
template loads nothing from the web, and two runs on the same data write the same bytes.
A notebook that fails is named with its cell; the others are still written.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
TEMPLATE = Path(__file__).resolve().parent / "templates" / "report.html.j2"
KERNEL = "news-analysis"
# what tables (pandas, Styler) and the evidence sentences use; nothing that runs code
ALLOWED_TAGS = ["table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
                "div", "span", "p", "br", "pre", "code", "b", "i", "u", "em", "strong", "mark",
                "small", "sub", "sup", "ul", "ol", "li", "a", "style", "h2", "h3"]
ALLOWED_ATTRIBUTES = {"*": ["class", "id", "title"], "a": ["href", "title"], "th": ["colspan", "rowspan"],
                      "td": ["colspan", "rowspan"], "style": ["type"]}


@dataclass
class Result:
    notebook: Path
    html: Path | None
    error: str | None = None
    version: str | None = None          # the lesson's "student, de" …


LESSON_LANGUAGES = ("de", "en")
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _kernel_name(nb) -> str:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    name = nb.metadata.get("kernelspec", {}).get("name", "python3")
    try:
        KernelSpecManager().get_kernel_spec(name)
        return name
    except NoSuchKernel:          # outside `make`: this interpreter's kernel
        return "python3"


def exporter(*, code: bool = True, remove_tags: frozenset = frozenset()):
    """nbconvert's HTML exporter with the sanitiser on and no code fetched from a CDN;
    ``code=False`` leaves out the code cells' input, ``remove_tags`` whole cells so tagged."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors.sanitize import SanitizeHTML
    from traitlets.config import Config

    config = Config()
    config.SanitizeHTML.tags = ALLOWED_TAGS
    config.SanitizeHTML.attributes = ALLOWED_ATTRIBUTES
    config.SanitizeHTML.strip = True
    # the injected parameters name local paths (the output folder): not part of the report
    config.TagRemovePreprocessor.remove_cell_tags = {"injected-parameters", *remove_tags}
    config.TagRemovePreprocessor.enabled = True
    config.HTMLExporter.exclude_input = not code
    config.HTMLExporter.exclude_input_prompt = not code
    config.HTMLExporter.exclude_output_prompt = not code
    html = HTMLExporter(config=config, template_file=str(TEMPLATE))
    html.register_preprocessor(SanitizeHTML(config=config), enabled=True)
    return html


def inject_parameters(nb, values: dict) -> None:
    """Papermill's convention: a cell tagged ``injected-parameters`` right after the cell tagged
    ``parameters`` sets the values; the notebook's defaults stay visible above it."""
    from nbformat.v4 import new_code_cell

    at = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if at is None:
        raise ValueError("the notebook has no cell tagged 'parameters'")
    source = "# Injected parameters\n" + "\n".join(f"{k} = {v!r}" for k, v in values.items())
    cell = new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    cell["id"] = "injected-parameters"
    nb.cells.insert(at + 1, cell)


def _execute(notebook: Path, *, timeout: int, parameters: dict | None, progress: bool, desc: str):
    """The executed notebook and the failing cell (None when all ran)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    if parameters:
        inject_parameters(nb, parameters)
    error = None
    bar = None
    if progress:
        from tqdm.auto import tqdm

        # disable=False: TQDM_DISABLE is set for the notebooks' own bars, not this one
        bar = tqdm(total=sum(c.cell_type == "code" for c in nb.cells), desc=desc, unit="cell", disable=False)
    try:
        # coalesce_streams: one output per stream however the kernel chunked the messages
        NotebookClient(nb, timeout=timeout, kernel_name=_kernel_name(nb), coalesce_streams=True,
                       resources={"metadata": {"path": str(notebook.parent)}},
                       on_cell_executed=(lambda **_: bar.update(1)) if bar is not None else None).execute(
            # a written report has no kernel to answer widgets, and progress timings would
            # make two runs differ: the kernel is told so whoever calls this
            env={**os.environ, "ANALYSIS_STATIC": "1", "TQDM_DISABLE": "1"})
    except CellExecutionError as exc:
        cell = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                     and any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        if cell is not None:
            first_line = nb.cells[cell].source.strip().splitlines()[0][:60] if nb.cells[cell].source.strip() else ""
            message = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()[-1]   # no terminal colours
            error = f"cell {cell + 1} ({first_line!r}): {message}"
        else:
            error = str(exc)
    finally:
        if bar is not None:
            bar.close()
    nb.metadata.pop("widgets", None)          # no widget state (and the text it holds) in the page
    return nb, error


def _write(body: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def build_report(notebook: Path, out_dir: Path, *, timeout: int = 900, parameters: dict | None = None,
                 progress: bool = False) -> Result:
    """Execute one notebook and write ``out_dir/<name>.html``; a failure is returned, not raised.
    ``parameters`` (e.g. ``{"data": "corpus.csv"}``) are injected after its parameters cell;
    ``progress`` shows a bar of the cells run (on stderr, never in the report)."""
    nb, error = _execute(notebook, timeout=timeout, parameters=parameters, progress=progress, desc=notebook.stem)
    body, _ = exporter().from_notebook_node(nb)
    return Result(notebook, _write(body, out_dir / (notebook.stem + ".html")), error)


def is_lesson(notebook: Path) -> bool:
    """A lesson takes a ``lang`` parameter: it is written in every language, for students and teachers."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
    return cell is not None and re.search(r"^lang\s*=", cell.source, re.M) is not None


def build_lesson(notebook: Path, out_dir: Path, *, timeout: int = 900, parameters: dict | None = None,
                 progress: bool = False) -> list[Result]:
    """Run a lesson once per language and write two versions of each: for students (no code,
    no cells tagged ``answer`` or ``teacher``: a worksheet that prints) and for teachers
    (answers and notes, no code). Files: ``<name>_student_de.html``, ``<name>_teacher_de.html`` …"""
    import copy

    results = []
    for lang in LESSON_LANGUAGES:
        nb, error = _execute(notebook, timeout=timeout, parameters={**(parameters or {}), "lang": lang},
                             progress=progress, desc=f"{notebook.stem} ({lang})")
        for version, tags in (("student", frozenset({"answer", "teacher"})), ("teacher", frozenset())):
            body, _ = exporter(code=False, remove_tags=tags).from_notebook_node(copy.deepcopy(nb))
            path = _write(body, out_dir / f"{notebook.stem}_{version}_{lang}.html")
            results.append(Result(notebook, path, error, f"{version}, {LANGUAGE_NAMES[lang]}"))
    return results


def question(notebook: Path) -> str:
    """What a report answers: its notebook's first heading."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return notebook.stem


def collect_tables(folder: Path) -> Path | None:
    """All CSV tables the notebooks wrote to ``folder``, as one workbook ``tables.xlsx``."""
    import pandas as pd

    from .export import write_workbook

    csvs = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not csvs:
        return None
    return write_workbook({p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in csvs},
                          folder / "tables.xlsx")


def write_index(out_dir: Path, results: list[Result], data, title: str,
                workbook: Path | None = None) -> Path:
    """``out_dir/index.html``: the title, what the corpus holds, one line per report (what it
    answers, whether it was written, a link) and how far to trust the source figures. Every
    text taken from the data is escaped."""
    import warnings

    import analysis
    from analysis.sources.evaluate import trust_table
    from analysis.views import describe_data

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = analysis.load_articles(data, progress=False)
    esc = html.escape
    dated = articles["published"].dropna()
    facts = [f"{len(articles):,} articles, {int(articles['n_words'].sum()):,} words of body text",
             f"{articles['label'].nunique()} outlets: " + ", ".join(esc(str(x)) for x in sorted(articles["label"].unique())[:30])
             + (" …" if articles["label"].nunique() > 30 else ""),
             "languages: " + ", ".join(f"{esc(str(k))} {v}" for k, v in articles["language"].value_counts().items()),
             f"published {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d}" if len(dated) else "no publication dates"]
    rows = []
    for r in results:
        status = f"<strong>failed</strong> at {esc(r.error)}" if r.error else "written"
        name = question(r.notebook) + (f" ({r.version})" if r.version else "")
        rows.append(f"<li><a href=\"{esc(r.html.name)}\">{esc(name)}</a> ({status})</li>")
    trust = trust_table()
    trust_rows = "".join(f"<tr><td>{esc(str(g))}</td><td>{esc(str(w))}</td><td>{f:.2f}</td></tr>"
                         for g, w, f in zip(trust["gold set"], trust["what it measures"], trust["f1"]))
    tables_html = ""
    if workbook is not None:
        csvs = sorted(workbook.parent.glob("*.csv"))
        links = ", ".join(f'<a href="tables/{esc(p.name)}">{esc(p.stem)}</a>' for p in csvs)
        tables_html = (f'<h2>Tables</h2><p>Every table behind the charts, as CSV ({links}) and all in one '
                       f'Excel workbook: <a href="tables/{esc(workbook.name)}">{esc(workbook.name)}</a>.</p>')
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>body{{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}}td{{padding:0 1rem 0 0}}</style>
</head><body>
<h1>{esc(title)}</h1>
<p>Data: {esc(describe_data(data))}</p>
<ul>{"".join(f"<li>{f}</li>" for f in facts)}</ul>
<h2>Reports</h2>
<ul>{"".join(rows)}</ul>
{tables_html}
<h2>How far to trust the source figures</h2>
<p>Micro-F1 of the source detector on gold labels (real news held out from training is the figure to believe):</p>
<table>{trust_rows}</table>
</body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis report", description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", help="a folder, files or a table of articles (default: the bundled sample)")
    parser.add_argument("--notebooks", nargs="*", type=Path, help="notebooks to run (default: all in notebooks/)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the HTML files")
    parser.add_argument("--by", default="label",
                        help="the column to compare (default: label, the outlet; any column of the data)")
    parser.add_argument("--title", default="How do news outlets cover the same story?", help="title of the index page")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    parser.add_argument("--quiet", action="store_true", help="no progress bar while the notebooks run")
    args = parser.parse_args(argv)
    # progress bars print timings on stderr: in a report they would make two runs differ
    os.environ["TQDM_DISABLE"] = "1"
    # no kernel answers widgets in a written report: the evidence browser shows its tables
    os.environ["ANALYSIS_STATIC"] = "1"
    # the four notebooks and the index load the same corpus: parse it once, then read Parquet
    import tempfile

    cache = tempfile.TemporaryDirectory(prefix="analysis-cache-")
    os.environ.setdefault("ANALYSIS_CACHE", cache.name)
    notebooks = args.notebooks or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    if args.data and not args.notebooks:
        # the lesson is written for the bundled articles (its exercises name their sentences):
        # on other data it is built only when asked for by --notebooks
        notebooks = [nb for nb in notebooks if not is_lesson(nb)]
    paths = [str(Path(d).resolve()) for d in args.data]
    data = paths[0] if len(paths) == 1 else (paths or None)      # what load_articles takes
    tables = args.out / "tables"
    parameters = {"data": data, "tables": str(tables.resolve()), "by": args.by}
    results = []
    for nb in notebooks:
        build = build_lesson if is_lesson(nb) else build_report
        done = build(nb, args.out, timeout=args.timeout, parameters=parameters, progress=not args.quiet)
        for result in done if isinstance(done, list) else [done]:
            results.append(result)
            status = f"FAILED at {result.error}" if result.error else "ok"
            print(f"{result.html.name}: {status} -> {result.html.resolve()}", flush=True)
    workbook = collect_tables(tables)
    index = write_index(args.out, results, data, args.title, workbook)
    print(f"index: {index.resolve()}")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
