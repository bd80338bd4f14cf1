# The two commands a newcomer needs: `make demo` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
BUILD := $(CURDIR)/.build
# Tests import and run the working tree through this symlinked collection path.
DEV_COLLECTIONS := $(BUILD)/dev-collections
DEV_LINK := $(DEV_COLLECTIONS)/ansible_collections/proofpoint/essentials
# community.general for the DNS tests, taken out of PyPI's ansible package.
DNS_COLLECTIONS := $(BUILD)/dns-collections
# ansible-test needs a real ansible_collections/<namespace>/<name> tree: a copy of the tracked files,
# outside this git checkout (inside it, ansible-test would ask git, which ignores .build). Each step that
# runs ansible-test has a tree of its own (its venvs and tests/output in it), so that steps run side by side.
TREES := /tmp/ppe-ansible-test-$(shell printf %s "$(CURDIR)" | md5sum | cut -c1-10)
tree = $(TREES)/$(1)/ansible_collections/proofpoint/essentials
TREE_STEPS := unit unit-newest integration-targets sanity-main sanity-newest lint
DEMO_COLLECTIONS := $(BUILD)/collections
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt

export PATH := $(BIN):$(PATH)
export ANSIBLE_NOCOLOR := 1
export ANSIBLE_FORCE_COLOR := 0
export PY_COLORS := 0
# Python keeps the bytecode it compiles, whatever the machine's environment says: the steps start thousands
# of short-lived Python processes (ansible-playbook, ansible-test's helpers, emulators) over the same files.
unexport PYTHONDONTWRITEBYTECODE

# The matrix besides the main venv (requirements/runtime.txt): <ansible-core>-py<Python>, each with
# requirements/compat-<ansible-core>.txt, on the Python the guide gives each (3.11 up to 2.19, 3.13 after).
NEWEST := 2.21-py3.13
COMPAT_MATRIX := 2.17-py3.11 2.18-py3.11 2.20-py3.13 $(NEWEST)

.PHONY: bind9 demo emulator two-partners guides drift-report docsite docs-rst chromium java check test unit unit-newest unit-wide plugin-docs newest-ansible-test integration-targets e2e compat sanity lint style types docs changelog galaxy bench bench-loops clean dev-link main-ansible-test test-steps sanity-main sanity-newest $(addprefix tree-,$(TREE_STEPS))

$(BIN)/.runtime: requirements/runtime.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements/runtime.txt
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements/dev.txt
	$(PIP) -r requirements/dev.txt
	touch $@

## make demo: the demo playbook against a local emulator (state kept in .build/demo-state.json)
demo: $(BIN)/.runtime
	@mkdir -p $(BUILD)/dist $(DEMO_COLLECTIONS)
	$(BIN)/ansible-galaxy collection build --force --output-path $(BUILD)/dist >/dev/null
	ANSIBLE_COLLECTIONS_PATH=$(DEMO_COLLECTIONS) $(BIN)/ansible-galaxy collection install --force -p $(DEMO_COLLECTIONS) $(BUILD)/dist/proofpoint-essentials-*.tar.gz >/dev/null
	@echo "emulator/launcher.py ... ansible-playbook -i playbooks/inventory/localhost.yaml playbooks/demo.yml --diff"
	@ANSIBLE_COLLECTIONS_PATH=$(DEMO_COLLECTIONS) \
	PROOFPOINT_ESSENTIALS_USER=admin@customer.com PROOFPOINT_ESSENTIALS_PASSWORD=demo-Passw0rd \
	$(BIN)/python emulator/launcher.py --seed emulator/seed.json --state $(BUILD)/demo-state.json -- \
	  $(BIN)/ansible-playbook -i playbooks/inventory/localhost.yaml playbooks/demo.yml --diff

## make emulator: the emulator of emulator/seed.json, up until Ctrl-C; prints what to export for the guides
emulator: $(BIN)/.runtime
	$(BIN)/python emulator/launcher.py --seed emulator/seed.json

## make two-partners: two emulators as the partners of docs/examples/several-partners; prints what to export
two-partners: $(BIN)/.runtime
	$(BIN)/python emulator/launcher.py --two-partners

## make drift-report: the fleet's drift report against the demo's emulator state (after make demo)
drift-report: $(BIN)/.runtime dev-link
	@echo "emulator/launcher.py ... ansible-playbook -i playbooks/fleet/inventory playbooks/fleet/drift-report.yml"
	@ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) PROOFPOINT_ESSENTIALS_ORG=partner.net \
	PROOFPOINT_ESSENTIALS_USER=msp@partner.net PROOFPOINT_ESSENTIALS_PASSWORD=demo-Passw0rd \
	$(BIN)/python emulator/launcher.py --seed emulator/seed.json --state $(BUILD)/demo-state.json -- \
	  $(BIN)/ansible-playbook -i playbooks/fleet/inventory playbooks/fleet/drift-report.yml \
	  -e drift_report_dir=$(BUILD)/drift-report

# Headless Chromium for the browser tests, from Debian's packages (Playwright drives it and never
# downloads a browser). If it cannot be installed, the browser tests fail and say so.
chromium:
	@command -v chromium >/dev/null || { \
	  sudo=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null \
	  || { $$sudo apt-get update >/dev/null && \
	       $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium >/dev/null; } \
	  || echo "make: could not install Debian's chromium; the browser tests will fail"; }

# Java for ansible-rulebook's rule engine (the event source's tests): Debian's openjdk-17-jre-headless, or
# openjdk-21 where Debian has no 17 (Debian 13). If none can be installed, the event source's tests fail and say so.
java:
	@tests/tools/has-java 17 || { \
	  sudo=$$(test "$$(id -u)" = 0 || echo sudo); \
	  install() { $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$$@" >/dev/null; }; \
	  install openjdk-17-jre-headless || install openjdk-21-jre-headless \
	  || { $$sudo apt-get update >/dev/null && { install openjdk-17-jre-headless || install openjdk-21-jre-headless; }; } \
	  || echo "make: could not install Java 17 or newer from Debian; the event source's tests will fail"; }

# A real DNS server for the domain ownership and DKIM tests: Debian's bind9 (named), only if missing. If it
# cannot be installed, those tests fail and say so.
bind9:
	@test -x /usr/sbin/named || command -v named >/dev/null || { \
	  sudo=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bind9 >/dev/null \
	  || { $$sudo apt-get update >/dev/null && \
	       $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bind9 >/dev/null; } \
	  || echo "make: could not install Debian's bind9; the DNS tests will fail"; }

# community.general (its nsupdate module, for the DNS tests and the domain ownership guide), from PyPI's ansible
# package pinned in requirements/dns.txt (Galaxy is not reachable): only that collection is taken out of it.
$(DNS_COLLECTIONS)/.done: requirements/dns.txt $(BIN)/.runtime
	@rm -rf $(DNS_COLLECTIONS) $(BUILD)/dns-wheel && mkdir -p $(DNS_COLLECTIONS)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps -r requirements/dns.txt -d $(BUILD)/dns-wheel
	$(BIN)/python tests/tools/take_collection.py $(BUILD)/dns-wheel/ansible-*.whl community.general $(DNS_COLLECTIONS)
	@touch $@

dev-link:
	@mkdir -p $(dir $(DEV_LINK))
	@ln -sfn $(CURDIR) $(DEV_LINK)

## make check: the inner loop (about a minute on a warm venv): ruff, mypy, unit tests with the coverage floor,
## ansible-doc of every plugin and the role
check: style types unit plugin-docs

## make test: everything CI runs, TEST_JOBS steps side by side (each step's output is shown when it ends)
TEST_JOBS ?= 3
test:
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-steps

# The longest steps first, so that the short ones fill the gaps they leave.
test-steps: e2e compat sanity galaxy check guides unit-newest integration-targets docs lint changelog

# The unit tests run under ansible-test (as Galaxy's CI would run them), in the copied tree, with
# coverage of plugins/ held above the floor in tests/tools/coverage_floor.py.
unit: tree-unit
	cd $(call tree,unit) && rm -rf tests/output/coverage && \
	  $(BIN)/ansible-test units --coverage --venv --requirements --python 3.11 --color no && \
	  $(BIN)/ansible-test coverage report --venv --requirements --python 3.11 --color no --include 'plugins/*' \
	    | $(BIN)/python $(CURDIR)/tests/tools/coverage_floor.py

# The unit tests again with the newest ansible-test and ansible-core, on Python 3.13.
unit-newest: tree-unit-newest newest-ansible-test
	cd $(call tree,unit-newest) && $(CURDIR)/$(VENV)-$(NEWEST)/bin/ansible-test units --venv --requirements --python 3.13 --color no

# The property tests with the "wide" Hypothesis profile (tests/unit/conftest.py): more examples, randomized.
unit-wide: $(BIN)/.dev dev-link
	cd $(DEV_LINK) && HYPOTHESIS_PROFILE=wide PYTHONPATH=$(DEV_COLLECTIONS) $(BIN)/python -m pytest -q -p no:cacheprovider \
	  tests/unit/plugins/module_utils/test_properties.py

# ansible-doc renders every plugin of plugins/ and the role (what `ansible-doc` users and Galaxy see).
plugin-docs: $(BIN)/.runtime dev-link
	set -e; export ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS); \
	for path in plugins/modules/*.py plugins/inventory/*.py plugins/filter/*.py; do \
	  type=$$(basename $$(dirname $$path)); type=$${type%s}; \
	  $(BIN)/ansible-doc -t $$type proofpoint.essentials.$$(basename $$path .py) >/dev/null; \
	done; \
	$(BIN)/ansible-doc -t role proofpoint.essentials.domains >/dev/null; echo "plugin-docs: every plugin and the role render"

# ruff (lint and format, settings in ruff.toml) and mypy (mypy.ini) over the collection's Python.
style: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(BIN)/.dev dev-link
	cd $(DEV_COLLECTIONS) && $(BIN)/mypy --config-file $(CURDIR)/mypy.ini -p ansible_collections.proofpoint.essentials.plugins

# Three workers on two cores: a test mostly waits on its emulator and its ansible-playbook.
e2e: $(BIN)/.dev dev-link chromium java bind9 $(DNS_COLLECTIONS)/.done
	PYTHONPATH=$(DEV_COLLECTIONS) ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python -m pytest -q -p no:cacheprovider -n 3 tests/e2e emulator/test_emulated.py

# Every command the guides (README.md, docs/*.md) mark runnable, run as written from the root of a fresh copy
# of the repository, against the emulator when it needs one (tests/guides/test_guides.py says how to mark them).
guides: $(BIN)/.dev
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/guides

# ansible-test integration makes its SSH key pair on first use; on a new machine, the steps that run it side by
# side (integration-targets, the compat matrix) would race to make it, and all but one fail at ssh-keygen's prompt.
TEST_KEY := $(HOME)/.ansible/test/id_rsa
$(TEST_KEY):
	mkdir -p $(dir $@) && ssh-keygen -m PEM -q -t rsa -N '' -f $@

# The integration targets (tests/integration/targets) as Galaxy and Automation Hub run them: each starts
# its own emulator through setup_emulator. --local: the venv has what the targets need (requests).
integration-targets: tree-integration-targets $(TEST_KEY)
	cd $(call tree,integration-targets) && $(BIN)/ansible-test integration --local --color no

# A matrix venv; tests/tools/find-python names the interpreter, or fails saying what is missing.
.SECONDEXPANSION:
$(VENV)-%/bin/.ready: requirements/compat-$$(firstword $$(subst -py, ,$$*)).txt
	python=$$(tests/tools/find-python $(lastword $(subst -py, ,$*))) && $$python -m venv $(VENV)-$*
	$(VENV)-$*/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

# The integration targets (with that version's ansible-test), the multi-org run, the inventory's trust and
# the installed artifact again on every ansible-core and Python of the matrix, two entries at a time
# (tests/tools/compat-entry; each mostly waits on its emulator and subprocesses).
compat: $(BIN)/.dev dev-link $(TEST_KEY) $(foreach entry,$(COMPAT_MATRIX),$(VENV)-$(entry)/bin/.ready)
	printf '%s\n' $(COMPAT_MATRIX) | xargs -P 2 -I{} tests/tools/compat-entry {}

$(addprefix tree-,$(TREE_STEPS)): tree-%: $(BIN)/.dev main-ansible-test
	rm -rf $(call tree,$*) && mkdir -p $(call tree,$*)
	git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t $(call tree,$*)

main-ansible-test: $(BIN)/.dev
	$(BIN)/python tests/tools/offline_get_pip.py

newest-ansible-test: $(VENV)-$(NEWEST)/bin/.ready
	$(VENV)-$(NEWEST)/bin/python tests/tools/offline_get_pip.py

# Sanity with the main ansible-test and with the newest one (its sanity has checks the older ones lack).
sanity: sanity-main sanity-newest

# The linters whose verdict does not depend on ansible-core (changelog, pep8, yamllint) run once, with the newest.
sanity-main: tree-sanity-main
	cd $(call tree,sanity-main) && $(BIN)/ansible-test sanity --venv --requirements --python 3.11 --color no \
	  --skip-test changelog --skip-test pep8 --skip-test yamllint

sanity-newest: tree-sanity-newest newest-ansible-test
	cd $(call tree,sanity-newest) && $(CURDIR)/$(VENV)-$(NEWEST)/bin/ansible-test sanity --venv --requirements --python 3.13 --color no

# Plain ansible-lint, as contributors, pre-commit and certification run it: in a checkout laid out as
# ansible_collections/proofpoint/essentials, with no ANSIBLE_COLLECTIONS_PATH (ansible.cfg resolves it).
# community.general (nsupdate, in the domain ownership examples) beside the tree's own collection.
lint: tree-lint $(DNS_COLLECTIONS)/.done
	cd $(call tree,lint) && env -u ANSIBLE_COLLECTIONS_PATHS ANSIBLE_COLLECTIONS_PATH=$$(cd ../../.. && pwd):$(DNS_COLLECTIONS) \
	  $(BIN)/ansible-lint --profile production

## make docsite: the collection's HTML documentation (antsibull-docs, Sphinx -W), guides included: .build/docsite
docsite: $(BIN)/.dev
	$(BIN)/python docs/docsite/build.py --out $(BUILD)/docsite

## make docs-rst: docs/docsite/rst (the guides as Galaxy and antsibull-docs read them) written from docs/*.md
docs-rst: $(BIN)/.dev
	$(BIN)/python docs/docsite/build.py --update-rst

# The docsite built, then browsed in headless Chromium. Building it lints the tracked files' docs first, as
# the community's linter does (antsibull-docs lint-collection-docs --plugin-docs, in docs/docsite/build.py).
docs: docsite chromium
	PP_DOCSITE=$(BUILD)/docsite $(BIN)/python -m pytest -q -p no:cacheprovider tests/docsite

changelog: $(BIN)/.dev
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

# galaxy-importer in a venv of its own (it pins its own ansible-core and ansible-lint).
IMPORTER := $(CURDIR)/.venv-importer
$(IMPORTER)/bin/.ready: requirements/importer.txt
	$(PYTHON) -m venv $(IMPORTER)
	$(IMPORTER)/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	touch $@

galaxy: $(BIN)/.dev $(IMPORTER)/bin/.ready
	PP_IMPORTER_BIN=$(IMPORTER)/bin $(BIN)/python -m pytest -q -p no:cacheprovider tests/galaxy

## make bench: the benchmark (writes bench/results.md): the bulk module against loops, the fleet, throughput
bench: $(BIN)/.dev dev-link
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/run.py
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/fleet.py
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/fleet.py --block-sender 300 3000
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/throughput.py
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/scale.py
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/eda.py
	$(BIN)/python bench/plot.py

# The loops measured at N=1000 (about 25 minutes): run once in a while, not by `make bench`.
bench-loops: $(BIN)/.dev dev-link
	ANSIBLE_COLLECTIONS_PATH=$(DEV_COLLECTIONS) $(BIN)/python bench/loops.py
	$(BIN)/python bench/plot.py

clean:
	rm -rf $(BUILD) $(VENV) $(VENV)-* $(TREES)
