# The front door. `make run` and `make test` work on a fresh Debian 12 machine as root.
.PHONY: all deps build run test bench format clean

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

# The demo org, served, with a mock ATS feeding it signed webhooks (DEMO_RATE events/s).
DEMO_RATE ?= 0.5

run: build
	@exec bash scripts/run-demo.sh $(LISTEN) $(DEMO_DB) $(DEMO_RATE)

test: build
	@ctest --preset default -j $(JOBS)

bench: build
	@BACKEND=$(BACKEND) bash bench/run.sh

format:
	@find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build build-debug
