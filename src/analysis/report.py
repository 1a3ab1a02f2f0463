"""Write the HTML reports: run each notebook top to bottom and export it, sanitised.

``python -m analysis.report [NOTEBOOK ...] [--out DIR]`` (``make report``) runs the notebooks
on the data ``load_articles()`` finds (the bundled sample, or ``$ANALYSIS_DATA``) and writes
one HTML file per notebook. Article text is escaped where the library turns it into HTML
(:mod:`analysis.views`); as a second wall, every HTML output is passed through nbconvert's
sanitiser with an allow-list of the tags tables and marked sentences need, so no script,
event handler or ``javascript:`` link from the data can survive into a shared report.
A notebook that fails is named with its cell; the others are still written.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
KERNEL = "news-analysis"
# what tables (pandas, Styler) and the evidence sentences use; nothing that runs code
ALLOWED_TAGS = ["table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
                "div", "span", "p", "br", "pre", "code", "b", "i", "u", "em", "strong", "mark",
                "small", "sub", "sup", "ul", "ol", "li", "a", "style"]
ALLOWED_ATTRIBUTES = {"*": ["class", "id", "title"], "a": ["href", "title"], "th": ["colspan", "rowspan"],
                      "td": ["colspan", "rowspan"], "style": ["type"]}


@dataclass
class Result:
    notebook: Path
    html: Path | None
    error: str | None = None


def _kernel_name(nb) -> str:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    name = nb.metadata.get("kernelspec", {}).get("name", "python3")
    try:
        KernelSpecManager().get_kernel_spec(name)
        return name
    except NoSuchKernel:          # outside `make`: this interpreter's kernel
        return "python3"


def exporter():
    """nbconvert's HTML exporter with the sanitiser on and no code fetched from a CDN."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors.sanitize import SanitizeHTML
    from traitlets.config import Config

    config = Config()
    config.SanitizeHTML.tags = ALLOWED_TAGS
    config.SanitizeHTML.attributes = ALLOWED_ATTRIBUTES
    config.SanitizeHTML.strip = True
    html = HTMLExporter(config=config)
    html.register_preprocessor(SanitizeHTML(config=config), enabled=True)
    return html


def build_report(notebook: Path, out_dir: Path, *, timeout: int = 900) -> Result:
    """Execute one notebook and write ``out_dir/<name>.html``; a failure is returned, not raised."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    error = None
    try:
        NotebookClient(nb, timeout=timeout, kernel_name=_kernel_name(nb),
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
    except CellExecutionError as exc:
        cell = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                     and any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        error = f"cell {cell}: {str(exc).strip().splitlines()[-1]}" if cell is not None else str(exc)
    body, _ = exporter().from_notebook_node(nb)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / (notebook.stem + ".html")
    path.write_text(body, encoding="utf-8")
    return Result(notebook, path, error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.report", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all in notebooks/)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for the HTML files")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    failed = 0
    for nb in notebooks:
        result = build_report(nb, args.out, timeout=args.timeout)
        status = f"FAILED at {result.error}" if result.error else "ok"
        failed += bool(result.error)
        print(f"{nb.name}: {status} -> {result.html.resolve()}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
