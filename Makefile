# Two commands for users: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := news-analysis
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: setup report test lab benchmark clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed; found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (news-analysis)" >/dev/null
	@touch $(STAMP)

report: setup
	@mkdir -p reports
	$(BIN)/jupyter nbconvert --to html --execute --ExecutePreprocessor.timeout=900 \
		--ExecutePreprocessor.kernel_name=$(KERNEL) --output-dir reports $(NOTEBOOKS)
	@echo "Reports written:"; for nb in $(NOTEBOOKS); do echo "  $(CURDIR)/reports/$$(basename $$nb .ipynb).html"; done

test: setup
	$(BIN)/python -m pytest

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks

benchmark: setup
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) reports .pytest_cache
