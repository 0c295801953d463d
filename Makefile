# park -- build, test, install. Output goes to build/.
#   make            build build/park (checks the libraries; prints how to install any missing)
#   make test       every test; ends with "N passed, N failed"
#   make demo       open the sample report in Neovim with :ParkCheck run
#   make bench      measure against the machine and the peers: bench/RESULTS.md
#   make install    PREFIX=/usr/local: park binary, default rules and snippets

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    := build
NVIM     ?= nvim

MSGPACK_PC = $(shell pkg-config --exists msgpack-c 2>/dev/null && echo msgpack-c || echo msgpack)
PKGS       = libuv $(MSGPACK_PC) libpcre2-8
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -pthread

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 $(PKG_CFLAGS) -I$(BUILD)/gen -MMD -MP

SRCS := $(wildcard src/*.c)
OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS))
LIB_OBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))

TEST_SRCS := $(wildcard tests/c/test-*.c)
TEST_OBJS := $(patsubst tests/c/%.c,$(BUILD)/obj/tests/%.o,$(TEST_SRCS)) $(BUILD)/obj/tests/runner.o

# Fuzz targets (tests/fuzz/fuzz-NAME.c): libFuzzer builds in build/fuzz/, and
# replay builds (any compiler, no libFuzzer) that `make test` runs over the
# seeds and the regression inputs.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
REPLAY_BINS  := $(patsubst %,$(BUILD)/fuzz-replay/%,$(FUZZ_TARGETS))


.PHONY: all test demo bench accuracy install clean check

# Plain `make` (what a plugin manager runs) only checks the libraries and
# prints the install command; the goals that set up a machine install them.
INSTALL_GOALS := test check demo bench check-sanitize check-tsan valgrind fuzz fuzz-long test-bins
DEPS_MODE     := $(if $(filter $(INSTALL_GOALS),$(MAKECMDGOALS)),,--check)

all: $(BUILD)/park doc/tags

# The tags of :help park, for a native-package install (plugin managers run
# :helptags themselves): made by the editor that is installed; without one
# make says how, and goes on.
doc/tags: doc/park.txt
	@if command -v nvim >/dev/null 2>&1; then nvim --headless -u NONE -i NONE -n -c 'helptags doc' -c 'qa!'; \
	elif command -v vim >/dev/null 2>&1; then vim -u NONE -i NONE -N -es -c 'helptags doc' -c 'qa!'; \
	else echo "park: no nvim or vim here to make doc/tags; run :helptags ALL in your editor for :help park"; fi

$(BUILD)/.deps: tools/install-deps.sh
	@mkdir -p $(BUILD)
	@tools/install-deps.sh $(DEPS_MODE)
	@touch $@

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Tables generated from data/ (the placeholder detector's vocabulary).
GEN_HDRS := $(BUILD)/gen/placeholder_words.h $(BUILD)/gen/site_words.h
$(BUILD)/gen/placeholder_words.h: data/placeholder-words.txt tools/gen-placeholder-words.sh
	@mkdir -p $(dir $@)
	tools/gen-placeholder-words.sh $< $@
$(BUILD)/gen/site_words.h: data/site-words.txt tools/gen-site-words.sh
	@mkdir -p $(dir $@)
	tools/gen-site-words.sh $< $@
$(BUILD)/obj/placeholder.o $(BUILD)/obj/siteline.o: $(GEN_HDRS)

$(BUILD)/park: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/obj/tests/%.o: tests/c/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/park-tests: $(TEST_OBJS) $(LIB_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

test: $(BUILD)/park $(BUILD)/park-tests $(REPLAY_BINS)
	@tools/install-deps.sh --test
	@$(MAKE) --no-print-directory doc/tags
	@tests/run.sh

check: test

# ---- reliability: fuzzing, sanitizers, valgrind ---------------------------------
#   make fuzz [FUZZ_SECONDS=30]  every libFuzzer target for that long (clang; installs it)
#   make fuzz-long [FUZZ_RUNS=10000000] [FUZZ_LONG_MAX_SECONDS=0]  every target in turn for
#                                that many runs (0 s = no time cap) with dictionaries and seeds,
#                                then llvm-cov line/region coverage of src/ per target (not in CI)
#   make check-sanitize          helper and tests built with ASan+UBSan in build/asan/,
#                                then every suite of `make test` against them
#   make valgrind                the RPC protocol tests with the helper under memcheck

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_DEFS     = -DPARK_FUZZ_ROOT='"$(CURDIR)"' -Isrc -Itests/fuzz
FUZZ_CFLAGS   = -std=c11 $(filter-out -Werror,$(WARN)) -g -O1 -fno-omit-frame-pointer -D_GNU_SOURCE \
                -DPCRE2_CODE_UNIT_WIDTH=8 $(PKG_CFLAGS) -I$(BUILD)/gen -fsanitize=address,undefined -fno-sanitize-recover=undefined -MMD -MP
FUZZ_LIB_OBJS := $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(filter-out src/main.c,$(SRCS)))
SAN_BUILD    := $(BUILD)/asan
SAN_CFLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: fuzz fuzz-long check-sanitize check-tsan valgrind test-bins
.SECONDARY: $(FUZZ_LIB_OBJS) $(patsubst %,$(BUILD)/obj/fuzz/fuzz-%.o,$(FUZZ_TARGETS)) $(BUILD)/obj/fuzz/replay.o
-include $(wildcard $(FUZZ_DIR)/obj/*.d)

$(FUZZ_DIR)/.deps: tools/install-deps.sh
	@mkdir -p $(FUZZ_DIR)
	@tools/install-deps.sh --fuzz
	@touch $@

$(FUZZ_DIR)/obj/placeholder.o $(FUZZ_DIR)/obj/siteline.o: $(GEN_HDRS)
$(FUZZ_DIR)/obj/%.o: src/%.c | $(FUZZ_DIR)/.deps $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_DEFS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJS) $(PKG_LIBS)

$(BUILD)/obj/fuzz/%.o: tests/fuzz/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(FUZZ_DEFS) -c $< -o $@

$(BUILD)/fuzz-replay/%: $(BUILD)/obj/fuzz/fuzz-%.o $(BUILD)/obj/fuzz/replay.o $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz: $(patsubst %,$(FUZZ_DIR)/fuzz-%,$(FUZZ_TARGETS))
	@tests/fuzz/fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# fuzz-long (issue #17; not in CI): every target in turn for FUZZ_RUNS
# executions with its dictionary (tests/fuzz/dict/) and seeds
# (tests/fuzz/corpus/), the corpus it grows kept in build/fuzz-long/; then the
# corpus replayed through the same sources built with coverage
# (build/fuzz-cov/), and llvm-cov's line and region totals over src/ printed.
FUZZ_RUNS             ?= 10000000
FUZZ_LONG_MAX_SECONDS ?= 0
FUZZ_COV_DIR          := $(BUILD)/fuzz-cov
FUZZ_COV_FLAGS        := -fprofile-instr-generate -fcoverage-mapping
FUZZ_COV_LIB_OBJS     := $(patsubst src/%.c,$(FUZZ_COV_DIR)/obj/%.o,$(filter-out src/main.c,$(SRCS)))
.SECONDARY: $(FUZZ_COV_LIB_OBJS)
-include $(wildcard $(FUZZ_COV_DIR)/obj/*.d)

$(FUZZ_COV_DIR)/obj/placeholder.o $(FUZZ_COV_DIR)/obj/siteline.o: $(GEN_HDRS)
$(FUZZ_COV_DIR)/obj/%.o: src/%.c | $(FUZZ_DIR)/.deps $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_COV_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_COV_DIR)/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_COV_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_COV_FLAGS) $(FUZZ_DEFS) -fsanitize=fuzzer -o $@ $< $(FUZZ_COV_LIB_OBJS) $(PKG_LIBS)

fuzz-long: $(patsubst %,$(FUZZ_DIR)/fuzz-%,$(FUZZ_TARGETS)) $(patsubst %,$(FUZZ_COV_DIR)/fuzz-%,$(FUZZ_TARGETS))
	@tools/fuzz-long.sh $(FUZZ_DIR) $(FUZZ_COV_DIR) $(BUILD)/fuzz-long $(FUZZ_RUNS) $(FUZZ_LONG_MAX_SECONDS) $(FUZZ_TARGETS)

test-bins: $(BUILD)/park $(BUILD)/park-tests $(REPLAY_BINS)

# Sanitizer reports go to build/asan/log/ (from every process, also helpers
# started by Neovim); any file there fails the target.
check-sanitize:
	@$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) CFLAGS="$(SAN_CFLAGS)" test-bins
	@tools/install-deps.sh --test
	@$(MAKE) --no-print-directory doc/tags
	@ln -sfn ../rules $(BUILD)/rules && ln -sfn ../snippets $(BUILD)/snippets && ln -sfn ../data $(BUILD)/data # found beside build/asan/park
	@rm -rf $(SAN_BUILD)/log && mkdir -p $(SAN_BUILD)/log
	@PARK_BUILD=$(SAN_BUILD) \
	ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/$(SAN_BUILD)/log/asan \
	UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/$(SAN_BUILD)/log/ubsan \
	tests/run.sh; st=$$?; \
	if [ -n "$$(ls $(SAN_BUILD)/log)" ]; then \
		echo "sanitizer reports:"; head -n 40 $(SAN_BUILD)/log/*; exit 1; fi; \
	echo "sanitizers: no reports"; exit $$st

# Threads (park check --jobs, the lazily filled literal table): the helper and
# the C tests built with ThreadSanitizer in build/tsan/; the C tests of the
# matcher and the checker, then a 600 KB document (the corpus repeated)
# checked with four threads, which must print what one thread prints. Any
# sanitizer report fails the target.
TSAN_BUILD  := $(BUILD)/tsan
TSAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=thread
check-tsan:
	@$(MAKE) --no-print-directory BUILD=$(TSAN_BUILD) CFLAGS="$(TSAN_CFLAGS)" DEPS_MODE= $(TSAN_BUILD)/park $(TSAN_BUILD)/park-tests
	@rm -rf $(TSAN_BUILD)/log $(TSAN_BUILD)/doc && mkdir -p $(TSAN_BUILD)/log $(TSAN_BUILD)/doc
	@export TSAN_OPTIONS=log_path=$(CURDIR)/$(TSAN_BUILD)/log/tsan; st=0; \
	$(TSAN_BUILD)/park-tests 'litset_*' 'check_*' 'ruleset_*' 'config_*' 'bufstore_*' > $(TSAN_BUILD)/log.txt || st=1; tail -n 1 $(TSAN_BUILD)/log.txt; \
	for i in $$(seq 1 60); do cat tests/corpus/*.txt; done > $(TSAN_BUILD)/doc/large.txt; \
	for j in 1 4; do PARK_DATA_DIR=$(CURDIR)/data $(TSAN_BUILD)/park check --rules-dir rules --jobs $$j $(TSAN_BUILD)/doc/large.txt \
		> $(TSAN_BUILD)/doc/jobs$$j.out; done; \
	if cmp -s $(TSAN_BUILD)/doc/jobs1.out $(TSAN_BUILD)/doc/jobs4.out && [ -s $(TSAN_BUILD)/doc/jobs1.out ]; then \
		echo "four threads print what one prints ($$(wc -l < $(TSAN_BUILD)/doc/jobs1.out) findings)"; \
	else echo "four threads differ from one"; st=1; fi; \
	if [ -n "$$(ls $(TSAN_BUILD)/log)" ]; then \
		echo "thread sanitizer reports:"; head -n 40 $(TSAN_BUILD)/log/*; exit 1; fi; \
	echo "thread sanitizer: no reports"; exit $$st

# Every RPC protocol test, with the helper it starts run under valgrind
# (PARK_WRAPPER, see tests/c/test-rpc.c), then the in-process session and
# framing tests themselves under valgrind; each process's log must end clean.
# tests/valgrind.supp names the one false report it hides (PCRE2 JIT code).
VALGRIND = valgrind --error-exitcode=99 --suppressions=$(CURDIR)/tests/valgrind.supp --leak-check=full --show-leak-kinds=definite,indirect \
           --errors-for-leak-kinds=definite,indirect --log-file=$(CURDIR)/$(BUILD)/valgrind/vg.%p.log
valgrind: $(BUILD)/park $(BUILD)/park-tests
	@tools/install-deps.sh --valgrind
	@rm -rf $(BUILD)/valgrind && mkdir -p $(BUILD)/valgrind
	@PARK_WRAPPER="$(VALGRIND)" $(BUILD)/park-tests 'rpc_*'; st=$$?; \
	$(VALGRIND) $(BUILD)/park-tests 'rpc_session_*' 'msgframe_*' || st=1; \
	tools/valgrind-logs.sh $(BUILD)/valgrind || st=1; exit $$st

demo: $(BUILD)/park
	@tools/demo.sh

# Precision on text that should be clean (also a suite of make test).
accuracy: $(BUILD)/park
	@tests/accuracy/run.sh

bench: $(BUILD)/park
	@tools/install-deps.sh --bench
	python3 bench/bench.py

install: $(BUILD)/park
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/park/rules
	install -m 755 $(BUILD)/park $(DESTDIR)$(PREFIX)/bin/park
	install -m 644 rules/*.rules $(DESTDIR)$(PREFIX)/share/park/rules/
	install -d $(DESTDIR)$(PREFIX)/share/park/snippets
	install -m 644 snippets/*.json $(DESTDIR)$(PREFIX)/share/park/snippets/
	install -d $(DESTDIR)$(PREFIX)/share/park/data
	install -m 644 data/park.lm $(DESTDIR)$(PREFIX)/share/park/data/

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/tests/*.d $(BUILD)/obj/fuzz/*.d)
