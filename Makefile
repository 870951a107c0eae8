# SmartPlan — QGIS plugin. Every target works on a fresh Debian 12 machine as root.
SHELL := /bin/bash
PY := .venv/bin/python
PKG := smartplan_plugin
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
ZIP := dist/$(PKG)-$(VERSION).zip
APT_PACKAGES := qgis python3-qgis qgis-providers python3-shapely python3-venv xvfb gdal-bin \
	pyqt5-dev-tools qttools5-dev-tools zip unzip make
export QT_QPA_PLATFORM ?= offscreen
export XDG_CACHE_HOME ?= $(CURDIR)/.cache
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
export PYTHONDONTWRITEBYTECODE := 1
export QGIS_PROCESS := /usr/bin/qgis_process.bin

.PHONY: setup system-packages translations ts test test-unit test-qgis test-e2e demo bench bench-city lint screenshots \
	package deploy styles models clean

setup: .venv/.setup-done translations

system-packages:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing QGIS and tools from apt (Debian 12: QGIS 3.22 LTR) ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $(APT_PACKAGES); \
	fi

# --system-site-packages: QGIS' bindings, numpy, scipy and GDAL come from Debian.
# constraints.txt pins numpy/scipy to Debian's versions so pip never hides them.
.venv/.setup-done: requirements-dev.txt constraints.txt
	$(MAKE) system-packages
	/usr/bin/python3 -m venv --system-site-packages .venv
	.venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	$(PY) -c "import numpy, qgis.core; assert numpy.__version__.startswith('1.24'), numpy.__version__"
	touch $@

# German translation: i18n/smartplan_de.ts (source of truth) -> .qm
translations: i18n/smartplan_de.qm
i18n/smartplan_de.qm: i18n/smartplan_de.ts
	@command -v lrelease >/dev/null || $(MAKE) system-packages
	lrelease -silent $< -qm $@

# refresh the .ts from the sources (keeps existing translations)
ts:
	pylupdate5 -noobsolete $$(find $(PKG) -name '*.py' | sort) -ts i18n/smartplan_de.ts

styles:
	/usr/bin/python3 scripts/make_styles.py

models:
	/usr/bin/python3 scripts/make_models.py

test: setup
	$(PY) -m pytest -p no:cacheprovider tests/unit tests/hostile tests/qgis tests/e2e

test-unit: setup
	$(PY) -m pytest -p no:qgis -p no:cacheprovider tests/unit tests/hostile

test-qgis: setup
	$(PY) -m pytest -p no:cacheprovider tests/qgis

test-e2e: setup
	$(PY) -m pytest -p no:cacheprovider tests/e2e

screenshots: setup
	SMARTPLAN_UPDATE_DOCS=1 $(PY) -m pytest -p no:cacheprovider -q tests/e2e/test_screenshot.py \
		tests/qgis/test_feedback_panel.py tests/qgis/test_table_mode.py -k "screenshot or import_filter"

# the demo runs on QGIS' own Python through qgis_process, as users do: no venv, no test tools
demo: system-packages package
	bash scripts/demo.sh

bench: setup
	.venv/bin/pip install -q --disable-pip-version-check -c constraints.txt -r requirements-bench.txt
	$(PY) bench/run_bench.py

# the city-scale section alone; sizes in million cells: make bench-city SMARTPLAN_BENCH_CITY=25,100,400,1000
bench-city: setup
	$(PY) bench/run_bench.py city

lint: setup
	.venv/bin/ruff check $(PKG) tests scripts bench
	# QGS402 (QMetaType) and QGS105 (iface argument of classFactory) do not apply while QGIS 3.22 is supported
	.venv/bin/flake8 --select=QGS --ignore=QGS201,QGS202,QGS402,QGS105 $(PKG)

package: translations
	rm -rf build/$(PKG) && mkdir -p build/$(PKG) dist
	cp -r $(PKG)/. build/$(PKG)/
	cp metadata.txt LICENSE README.md CHANGELOG.md build/$(PKG)/
	@# the contact the plugin repository shows: the maintainer's, set at packaging
	@if [ -n "$(MAINTAINER_EMAIL)" ]; then sed -i 's/^email=.*/email=$(MAINTAINER_EMAIL)/' build/$(PKG)/metadata.txt; \
	else echo "note: email= in metadata.txt is a placeholder; make package MAINTAINER_EMAIL=you@example.de for a zip to publish"; fi
	mkdir -p build/$(PKG)/i18n
	cp -r resources build/$(PKG)/
	cp i18n/*.qm build/$(PKG)/i18n/
	cp processing/*.model3 processing/*.sh build/$(PKG)/processing/
	cp processing/README.md build/$(PKG)/processing/RECIPES.md
	find build/$(PKG) -name '__pycache__' -prune -exec rm -rf {} +
	rm -f dist/$(PKG)*.zip
	cd build && zip -qr ../$(ZIP) $(PKG)
	@echo "Built $(ZIP)"

# Link the plugin into the default QGIS profile: a folder of symlinks to the sources (package
# modules, metadata.txt, resources, i18n; models are found in the checkout), so edits apply after
# a plugin reload.
PROFILE_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins
deploy: translations
	rm -rf build/deploy/$(PKG) && mkdir -p build/deploy/$(PKG) $(PROFILE_PLUGINS)
	for f in $(PKG)/* metadata.txt resources i18n; do \
		ln -s $(CURDIR)/$$f build/deploy/$(PKG)/$$(basename $$f); done
	rm -rf $(PROFILE_PLUGINS)/$(PKG)
	ln -s $(CURDIR)/build/deploy/$(PKG) $(PROFILE_PLUGINS)/$(PKG)
	@echo "Linked into $(PROFILE_PLUGINS)/$(PKG); enable SmartPlan in the plugin manager."

clean:
	rm -rf build dist demo-output bench-output .cache .qgis-settings i18n/*.qm
