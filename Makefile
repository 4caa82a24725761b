# Two commands do all the set-up (see README.md):
#   make lab   - create .venv, install the package with the lesson extras, start JupyterLab
#   make test  - create .venv, install the test extras, run ruff, mypy, pytest (doctests included)
#   make test-fast - the same without the tests marked slow (lessons executed, docs build,
#                    browser, Binder): about a minute, for before each commit; make test runs all
#   make classroom - create .venv-classroom with oTree, to play games in class (make test does it)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
# oTree (the classroom extra) lives in its own environment: its pins (MarkupSafe 1.1.1,
# Starlette 0.14, click 7) would break JupyterLab's Jinja2 in .venv. Only the extra's own
# requirements go there (read from pyproject.toml); negotiation.classroom runs its otree.
CLASSROOM_VENV ?= .venv-classroom
OTREE          := $(CURDIR)/$(CLASSROOM_VENV)/bin/otree

.PHONY: lab test test-fast lint typecheck pytest docs bench present clean classroom binder-link

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.lessons-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[lessons]'
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $@ $(VENV)/.lessons-installed

$(CLASSROOM_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(CLASSROOM_VENV)
	$(PYTHON) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))\
	['project']['optional-dependencies']['classroom'], sep='\n')" > $(CLASSROOM_VENV)/requirements.txt
	$(CLASSROOM_VENV)/bin/python -m pip install --quiet -r $(CLASSROOM_VENV)/requirements.txt
	touch $@

classroom: $(CLASSROOM_VENV)/.installed

# Jupyter refuses to run as root unless told; root is normal in a container.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# The course's JupyterLab settings (no news pop-up over the apps on a projector) are read
# from negotiation/lab_settings/overrides.json; present mode and Binder use the same file.
LAB_SETTINGS := $(CURDIR)/negotiation/lab_settings

lab: $(VENV)/.lessons-installed
	$(BIN)/jupyter lab --notebook-dir=lessons --port=$(PORT) $(AS_ROOT) \
		--LabApp.app_settings_dir=$(LAB_SETTINGS) lessons/00-start-here.ipynb

test: $(VENV)/.test-installed $(CLASSROOM_VENV)/.installed lint typecheck pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test-installed
	$(BIN)/mypy

# pytest runs on every CPU (pytest-xdist); the test files that share a slow fixture each
# stay in one worker (tests/conftest.py). The ten slowest tests are listed at the end.
# PYTEST_WORKERS=0 runs in one process (for -s, --pdb and the like).
PYTEST_WORKERS ?= logical
PYTEST_ARGS    := -n $(PYTEST_WORKERS) --durations=10

pytest: $(VENV)/.test-installed $(CLASSROOM_VENV)/.installed
	NEGOTIATION_OTREE=$(OTREE) $(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.test-installed $(CLASSROOM_VENV)/.installed lint typecheck
	NEGOTIATION_OTREE=$(OTREE) $(BIN)/python -m pytest $(PYTEST_ARGS) -m "not slow"

bench: $(VENV)/.test-installed
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(CLASSROOM_VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis artifacts docs/_build

# --- documentation and present mode (docs/, negotiation/present.py) -----------------------
# make docs                          - build the HTML documentation in docs/_build/html
# make present MODEL=currency_claims - project one model's app in JupyterLab, in large type
#                                      (SCENARIO=july-2025-deal to start from a scenario)
MODEL    ?= tariff_standoff
SCENARIO ?=

docs: $(VENV)/.test-installed
	$(BIN)/sphinx-build -b html -n --keep-going docs docs/_build/html
	@echo "Open docs/_build/html/index.html"

present: $(VENV)/.lessons-installed
	$(BIN)/negotiation present $(MODEL) --port $(PORT) $(if $(SCENARIO),--scenario $(SCENARIO))

# make binder-link - after publishing the course on GitHub (git remote origin set): write its
#                    owner/repository into the Binder badge of README.md and lesson 0; commit
binder-link: $(VENV)/.lessons-installed
	$(BIN)/negotiation binder-link
