# The front door. `make run` and `make test` work on a fresh Debian 12 machine as root.
.PHONY: all deps build run test test-sanitize tsan-build fuzz fuzz-build bench bench-web format clean

# make bench BACKEND=postgresql runs the benchmark on a throwaway PostgreSQL.
BACKEND ?= sqlite

DEMO_DB ?= var/demo.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake --preset default >/dev/null
	@cmake --build --preset default -j $(JOBS)
	@bash scripts/build-web.sh

# The demo org, served, with a mock ATS feeding it signed webhooks (DEMO_RATE events/s).
DEMO_RATE ?= 0.5

run: build
	@exec bash scripts/run-demo.sh $(LISTEN) $(DEMO_DB) $(DEMO_RATE)

# Every test, each fuzz target for FUZZ_SMOKE_SECONDS, then the concurrency suites under
# ThreadSanitizer (README "How we test").
FUZZ_SMOKE_SECONDS ?= 20
test: build fuzz-build tsan-build
	@ctest --preset default -j $(JOBS)
	@bash scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)
	@ctest --preset tsan -j $(JOBS)

# The concurrency suites (group commit, the job queue and runner, two PostgreSQL nodes) built
# with ThreadSanitizer in build-tsan/.
tsan-build: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)

# Every test with AddressSanitizer, LeakSanitizer and UBSan (build-asan/): too long for
# `make test` on two cores (README "How we test: sanitizers").
test-sanitize: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

# The libFuzzer targets (clang, ASan, UBSan) in build-fuzz/; `make fuzz` runs each for
# FUZZ_SECONDS, or only FUZZ_TARGETS (names from fuzz/targets/).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?=
fuzz-build: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)

fuzz: fuzz-build
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: build
	@BACKEND=$(BACKEND) bash bench/run.sh
	@node bench/web/list_page.mjs

# Only the web app's rows (bench/web/list_page.mjs): first load, list render time, refetches.
bench-web: build
	@node bench/web/list_page.mjs

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build build-debug build-fuzz build-asan build-tsan web/dist web/node_modules
