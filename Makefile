# The README's commands. Each installs whatever is missing first (scripts/install-tools.sh).
.PHONY: setup serve dist test bench reproducible

setup:
	@bash scripts/install-tools.sh

dist: setup
	@PATH="$(CURDIR)/node_modules/.bin:$$PATH" bash scripts/build-release.sh

serve: dist
	@node tests/e2e/support/serve.mjs --root dist --prefix / --port 8080

test: setup
	@bash scripts/test.sh

bench: dist
	@bash scripts/bench.sh

# Two builds of the current commit in two directories must give identical bytes.
reproducible: setup
	@bash scripts/check_reproducible.sh
