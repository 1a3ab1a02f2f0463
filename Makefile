# Two commands for users: `make report` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := news-analysis
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: setup report test lab benchmark train evaluate evaluate-dates clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed; found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned dependencies into $(VENV) (a few minutes the first time; later runs skip this)"
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -c requirements.lock -e ".[test,train,dask]"
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python (news-analysis)" >/dev/null
	@touch $(STAMP)

# make report DATA=my_articles.csv OUT=my_reports (no DATA: the bundled sample)
DATA ?=
OUT  ?= reports
BY   ?= label

report: setup
	$(BIN)/python -m analysis report $(DATA) --out $(OUT) --by $(BY)

test: setup
	$(BIN)/python -m pytest

# --allow-root: containers and classroom images often run as root
lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# Rebuild the source models in src/analysis/sources/models from ../shared/train and
# data/training (deterministic: the same inputs give the same bytes).
train: setup
	$(BIN)/python -m analysis.sources.train

# Score the source detector: the sample articles' gold and, where present, the dev gold.
evaluate: setup
	$(BIN)/python -m analysis.evaluate --errors 0 --gold ../shared/spec/seed-attributions.jsonl \
		$(foreach f,$(wildcard ../shared/dev/*_dev.jsonl),--gold $(f)) \
		$(foreach b,written_batch1 written_batch2,--gold tests/fixtures/$(b)/attributions.jsonl) \
		--save src/analysis/sources/models/scores.json

# Score date_mentions on external TimeML gold (../shared/dev/dates, kept outside the project):
# span F1, value accuracy and fabricated precision per language. Exit status 1 below its floors.
evaluate-dates: setup
	$(BIN)/python ../shared/dev/dates/score.py all
	$(BIN)/python benchmarks/eval_dates_heldout.py

# about 50 minutes on 2 cores, most of it the 100,000-article corpus
benchmark: setup
	$(BIN)/python benchmarks/bench_scale.py 1000 10000 100000
	$(BIN)/python benchmarks/bench_stream.py 1000000 --full 20000
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_long_input.py
	$(BIN)/python benchmarks/bench_report.py 250 2000

clean:
	rm -rf $(VENV) reports .pytest_cache
