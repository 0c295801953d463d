# park -- build, test, install. Output goes to build/.
#   make            build build/park (installs missing libraries first)
#   make test       every test; ends with "N passed, N failed"
#   make demo       open the sample report in Neovim with :ParkCheck run
#   make install    PREFIX=/usr/local: park binary and default rules

CC       ?= cc
PREFIX   ?= /usr/local
BUILD    := build
NVIM     ?= nvim

MSGPACK_PC = $(shell pkg-config --exists msgpack-c 2>/dev/null && echo msgpack-c || echo msgpack)
PKGS       = libuv $(MSGPACK_PC) libpcre2-8
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))

WARN     := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 $(PKG_CFLAGS) -MMD -MP

SRCS := $(wildcard src/*.c)
OBJS := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRCS))
LIB_OBJS := $(filter-out $(BUILD)/obj/main.o,$(OBJS))

TEST_SRCS := $(wildcard tests/c/test-*.c)
TEST_OBJS := $(patsubst tests/c/%.c,$(BUILD)/obj/tests/%.o,$(TEST_SRCS)) $(BUILD)/obj/tests/runner.o

.PHONY: all deps test test-c test-rules test-rpc test-nvim test-cli demo install clean check

all: $(BUILD)/park

$(BUILD)/.deps: tools/install-deps.sh
	@mkdir -p $(BUILD)
	@tools/install-deps.sh
	@touch $@

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/park: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/obj/tests/%.o: tests/c/%.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/park-tests: $(TEST_OBJS) $(LIB_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

test: $(BUILD)/park $(BUILD)/park-tests
	@tools/install-deps.sh --test
	@tests/run.sh

check: test

demo: $(BUILD)/park
	@tools/demo.sh

install: $(BUILD)/park
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/park/rules
	install -m 755 $(BUILD)/park $(DESTDIR)$(PREFIX)/bin/park
	install -m 644 rules/*.rules $(DESTDIR)$(PREFIX)/share/park/rules/

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/tests/*.d)
