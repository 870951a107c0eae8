# SmartPlan — QGIS plugin. Every target works on a fresh Debian 12 machine as root.
SHELL := /bin/bash
PY := .venv/bin/python
PKG := smartplan
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
ZIP := dist/$(PKG)-$(VERSION).zip
APT_PACKAGES := qgis python3-qgis qgis-providers python3-scipy python3-shapely python3-venv xvfb openbox gdal-bin \
	pyqt5-dev-tools qttools5-dev-tools zip unzip make
export QT_QPA_PLATFORM ?= offscreen
export XDG_CACHE_HOME ?= $(CURDIR)/.cache
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
export PYTHONDONTWRITEBYTECODE := 1
export QGIS_PROCESS := /usr/bin/qgis_process.bin

.PHONY: setup system-packages translations ts test test-unit test-qgis test-e2e demo bench bench-city lint screenshots \
	package deploy styles models clean release test-qgis340 qt6-check

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

lint: setup qt6-check
	.venv/bin/ruff check $(PKG) tests scripts bench
	.venv/bin/ruff format --check $(PKG) tests scripts bench
	@# the plugin repository's upload scan: nothing of medium or high severity (the low ones are
	@# the accelerator's pip call: a fixed argument list, no shell)
	.venv/bin/bandit -q -r $(PKG) --severity-level medium
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
	@# the models and recipes, not the shell scripts (the repository's upload scan flags them;
	@# batch_tiles.sh is run from a clone of the repository)
	cp processing/*.model3 build/$(PKG)/processing/
	cp processing/README.md build/$(PKG)/processing/RECIPES.md
	/usr/bin/python3 scripts/metadata_changelog.py CHANGELOG.md build/$(PKG)/metadata.txt
	find build/$(PKG) -name '__pycache__' -prune -exec rm -rf {} +
	rm -f dist/$(PKG)*.zip
	cd build && zip -qr ../$(ZIP) $(PKG)
	@echo "Built $(ZIP)"

# QGIS 4 / Qt 6 readiness: QGIS' own migration script (scripts/pyqt5_to_pyqt6 of QGIS 3.40's
# source, from Debian's archive, checksum checked; it rewrites in place) must find nothing to change in a copy of the
# package (it runs on PyQt6 from PyPI, in its own venv); scripts/check_qt6.py checks QGIS'
# enums by introspection of QGIS' bindings, which the migration script cannot see without a
# Qt 6 build of QGIS.
QGIS_SRC := qgis_3.40.6+dfsg.orig.tar.xz
QGIS_SRC_SHA256 := 957e20a3db941eab236eb7b784a8a7eee3ca40dadcbc6be89b9c8365c2b4973b
MIGRATE := .cache/qgis-src/qgis-3.40.6/scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py
$(MIGRATE):
	mkdir -p .cache/qgis-src
	/usr/bin/python3 -c "import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])" \
		http://deb.debian.org/debian/pool/main/q/qgis/$(QGIS_SRC) .cache/qgis-src/$(QGIS_SRC)
	echo "$(QGIS_SRC_SHA256)  .cache/qgis-src/$(QGIS_SRC)" | sha256sum -c --quiet
	tar -xJf .cache/qgis-src/$(QGIS_SRC) -C .cache/qgis-src --wildcards '*/scripts/pyqt5_to_pyqt6/*'
	rm -f .cache/qgis-src/$(QGIS_SRC)
	touch $@
.venv-qt6/.done:
	/usr/bin/python3 -m venv .venv-qt6
	.venv-qt6/bin/pip install -q --disable-pip-version-check PyQt6==6.11.0 PyQt6-QScintilla==2.14.1 \
		tokenize-rt==6.2.0
	touch $@
qt6-check: setup $(MIGRATE) .venv-qt6/.done
	rm -rf build/qt6-check && mkdir -p build/qt6-check && cp -r $(PKG) build/qt6-check/
	@if ! .venv-qt6/bin/python $(MIGRATE) build/qt6-check > build/qt6-check.log 2>&1; then \
		diff -ru $(PKG) build/qt6-check/$(PKG); echo "QGIS' pyqt5_to_pyqt6.py would change the code above"; exit 1; fi
	@echo "QGIS' pyqt5_to_pyqt6.py: nothing to change"
	$(PY) scripts/check_qt6.py $(PKG)

# A release for the QGIS plugin repository: lint clean, committed, a CHANGELOG section for the
# version, the maintainer's e-mail; writes the zip, its release notes and checksum to dist/.
release: lint
	@test -n "$(MAINTAINER_EMAIL)" || { echo "make release MAINTAINER_EMAIL=you@example.de (the contact the repository shows)"; exit 1; }
	@grep -q "^## $(VERSION) " CHANGELOG.md || { echo "CHANGELOG.md has no section '## $(VERSION) …'"; exit 1; }
	@if grep -q "^## $(VERSION) — unreleased" CHANGELOG.md; then echo "CHANGELOG.md: give $(VERSION) its date instead of 'unreleased'"; exit 1; fi
	@git diff --quiet HEAD -- || { echo "commit your changes first"; exit 1; }
	$(MAKE) package MAINTAINER_EMAIL=$(MAINTAINER_EMAIL)
	awk '/^## $(VERSION) /{p=1} /^## / && !/^## $(VERSION) /{p=0} p' CHANGELOG.md > dist/$(PKG)-$(VERSION).changelog.md
	cd dist && sha256sum $(PKG)-$(VERSION).zip > $(PKG)-$(VERSION).zip.sha256
	@echo "Release $(VERSION): dist/$(PKG)-$(VERSION).zip (+ .changelog.md, .sha256); tag it: git tag v$(VERSION)"

# QGIS 3.40 LTR (Debian 13) in a cached debootstrap chroot: the QGIS and end-to-end tests there,
# without and with numba (scripts/qgis_chroot.sh; needs root). SMARTPLAN_CHROOT_SUITE=sid: QGIS 3.44.
test-qgis340:
	bash scripts/qgis_chroot.sh

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
