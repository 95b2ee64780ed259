# kiln -- plain Makefile. `make` builds build/kiln; `make test` builds everything the test
# suite needs and runs it; `make demo` runs a demo. CC=clang works too; WERROR=1 adds -Werror.
CC ?= gcc
OPT ?= -O2
CFLAGS_BASE = -std=c11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Wshadow -Wmissing-prototypes \
  -Wno-unused-parameter -Isrc -Iinclude -fno-strict-aliasing
ifeq ($(WERROR),1)
CFLAGS_BASE += -Werror
endif
CFLAGS += $(CFLAGS_BASE)
LDLIBS = -lgmp -lm -lpthread
ONIG := $(shell pkg-config --exists oniguruma 2>/dev/null && echo yes)
ifeq ($(ONIG),yes)
LDLIBS += -lonig
endif
# Capstone (libcapstone-dev) backs --jit-dump-disasm; without it the option says so.
CAPSTONE := $(shell pkg-config --exists capstone 2>/dev/null && echo yes)
ifeq ($(CAPSTONE),yes)
LDLIBS += -lcapstone
CFLAGS += -DKN_HAVE_CAPSTONE=1
endif

# B: build directory (CI builds a clang copy in build/clang)
B ?= build
SRCS := $(wildcard src/*.c src/parse/*.c src/compile/*.c src/vm/*.c src/core/*.c src/jit/*.c)
OBJS := $(patsubst src/%.c,$(B)/obj/%.o,$(SRCS))
SWITCH_OBJS := $(filter-out $(B)/obj/vm/interp.o,$(OBJS)) $(B)/obj/vm/interp-switch.o
HDRS := $(wildcard src/*.h src/*/*.h include/*.h src/compile/insns.def)

all: $(B)/kiln

$(B)/kiln: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(B)/kiln-switch: $(SWITCH_OBJS)
	$(CC) $(CFLAGS) -o $@ $(SWITCH_OBJS) $(LDLIBS)

$(B)/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/vm/interp-switch.o: src/vm/interp.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DKN_DISPATCH_SWITCH=1 -c $< -o $@

# JIT unit tests (tests/unit/test_*.c): run by tests/run as $(B)/test_*. test_x64 checks the
# assembler against Capstone (libcapstone-dev); build/kiln itself does not need Capstone.
JIT_UNIT_SRCS := src/jit/x64.c src/jit/codemem.c   # the VM-independent parts of src/jit
UNIT_TESTS := $(B)/test_x64 $(B)/test_codemem
$(B)/test_x64: tests/unit/test_x64.c $(JIT_UNIT_SRCS) $(HDRS)
	@mkdir -p $(B)
	$(CC) $(CFLAGS) -o $@ tests/unit/test_x64.c $(JIT_UNIT_SRCS) -lcapstone
$(B)/test_codemem: tests/unit/test_codemem.c $(JIT_UNIT_SRCS) $(HDRS)
	@mkdir -p $(B)
	$(CC) $(CFLAGS) -o $@ tests/unit/test_codemem.c $(JIT_UNIT_SRCS)
unit: $(UNIT_TESTS)

# AddressSanitizer + UBSan build of the whole VM (used by .ci/run)
build/asan/kiln: $(SRCS) $(HDRS)
	@mkdir -p build/asan
	$(CC) $(CFLAGS_BASE) -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -o $@ $(SRCS) $(LDLIBS)

asan: build/asan/kiln

deps:
	tools/install-deps.sh

demo: deps
	$(MAKE) build/kiln
	build/kiln examples/demo.rb

test: deps
	$(MAKE) build/kiln build/kiln-switch $(UNIT_TESTS)
	tests/run

bench: build/kiln
	bench/run

clean:
	rm -rf build

.PHONY: all asan deps demo test bench clean unit
