"""Every notebook runs top to bottom on the bundled data, and is committed without outputs."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def kernel_name(nb) -> str:
    name = nb.metadata.get("kernelspec", {}).get("name", "python3")
    try:
        KernelSpecManager().get_kernel_spec(name)
        return name
    except NoSuchKernel:        # pytest run outside `make`: use this interpreter's kernel
        return "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name=kernel_name(nb),
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert images >= 1 or path.name == "05_classroom.ipynb", f"{path.name} shows no chart"   # the lesson shows tables
    if path.name == "04_coverage_dates.ipynb":
        # durations and the present are shown apart from the dates, and only dates are charted
        shown = [str(o.get("data", {}).get("text/html", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        apart = next(h for h in shown if "in den vergangenen Monaten" in h)
        assert "duration" in apart and "in den nächsten Tagen" in apart
        dates = next(h for h in shown if "im April 2019" in h)
        assert "in den vergangenen Monaten" not in dates


def test_at_least_the_overview_notebook_exists():
    assert any(p.name == "01_corpus_overview.ipynb" for p in NOTEBOOKS)
