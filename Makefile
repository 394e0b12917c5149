# mail_mcp build.
#
#   make            the static, stripped release binary ./mail_mcp (musl, via Zig's clang + libc++)
#   make unit       the unit tests, built with the system g++ under ASan/UBSan, and run
#   make test       the whole suite (scripts/test: unit + integration against real peers)
#   make fuzz       the libFuzzer targets (tests/fuzz/*_fuzz.cc) with Debian's clang, in $(BUILD)/fuzz/;
#                   scripts/fuzz runs them (see README, Fuzzing)
#   make clean      our objects only; `make distclean` also drops third_party/build
#
# Third-party libraries are built once by third_party/bootstrap.sh into third_party/build/.
include third_party/versions.env

TP        := third_party/build
# Object folder; parallel work trees or helpers can use their own: make BUILD=build-x unit
BUILD     ?= build
ZIG       := third_party/zig/node_modules/$(ZIG_NPM_PACKAGE)/zig
export ZIG_GLOBAL_CACHE_DIR := $(CURDIR)/$(TP)/zig-cache
export ZIG_LOCAL_CACHE_DIR  := $(CURDIR)/$(TP)/zig-cache

WARN      := -Wall -Wextra
COMMON    := -std=c++20 $(WARN) -Isrc -isystem $(TP)/include -DPICOJSON_USE_INT64 -MMD -MP
MUSL_CXX  := $(ZIG) c++ -target x86_64-linux-musl
MUSL_FLAGS:= $(COMMON) -O2 -isystem $(TP)/musl/include -DNDEBUG
HOST_CXX  := g++
HOST_FLAGS:= $(COMMON) -Itests -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
             -isystem $(TP)/host/include

LIB_SRCS  := $(shell find src -name '*.cc' | sort) $(BUILD)/gen/templates.cc $(BUILD)/gen/charset_tables.cc
TEMPLATES := $(sort $(wildcard templates/*.mustache))
TEST_SRCS := $(shell find tests -name '*.cc' -not -path '*/node_modules/*' -not -path 'tests/fuzz/*' | sort)

MUSL_LIB_OBJS := $(LIB_SRCS:%.cc=$(BUILD)/musl/%.o)
HOST_LIB_OBJS := $(LIB_SRCS:%.cc=$(BUILD)/host/%.o)
HOST_TEST_OBJS:= $(TEST_SRCS:%.cc=$(BUILD)/host/%.o)

MUSL_LIBS := -L$(TP)/musl/lib -lcurl -lmbedtls -lmbedx509 -lmbedcrypto
HOST_LIBS := -L$(TP)/host/lib -lcurl -lmbedtls -lmbedx509 -lmbedcrypto

.PHONY: all unit test clean distclean bootstrap fuzz
all: mail_mcp

# Templates are compiled into the binary; see scripts/embed-templates.
$(BUILD)/gen/templates.cc: $(TEMPLATES) scripts/embed-templates
	@mkdir -p $(dir $@)
	scripts/embed-templates $@ $(TEMPLATES)

# Decoding tables for the Japanese and Korean code pages, from the glibc charmaps of Debian's "locales"
# package (installed by bootstrap); see scripts/gen-charset-tables and src/mime/double_byte.h.
CHARMAPS  := /usr/share/i18n/charmaps
$(BUILD)/gen/charset_tables.cc: scripts/gen-charset-tables | $(TP)/.ready
	@mkdir -p $(dir $@)
	scripts/gen-charset-tables $@ $(CHARMAPS)

$(TP)/.ready: third_party/bootstrap.sh third_party/versions.env third_party/mbedtls_getrandom.c
	third_party/bootstrap.sh
bootstrap: $(TP)/.ready

# Objects depend on the third-party versions they were compiled against: -MMD records no -isystem
# header, and .ready is touched by every bootstrap run, so it can only be order-only. This stamp
# changes (and everything recompiles) only when versions.env's content does.
VERSIONS := $(BUILD)/versions.stamp
$(VERSIONS): third_party/versions.env FORCE
	@mkdir -p $(dir $@)
	@cmp -s $< $@ || cp $< $@
.PHONY: FORCE

$(BUILD)/musl/%.o: %.cc $(VERSIONS) | $(TP)/.ready
	@mkdir -p $(dir $@)
	$(MUSL_CXX) $(MUSL_FLAGS) -c $< -o $@
$(BUILD)/musl/main.o: main.cpp $(VERSIONS) | $(TP)/.ready
	@mkdir -p $(dir $@)
	$(MUSL_CXX) $(MUSL_FLAGS) -c $< -o $@
$(BUILD)/musl/libmail_mcp.a: $(MUSL_LIB_OBJS)
	@rm -f $@
	$(ZIG) ar rcs $@ $^

mail_mcp: $(BUILD)/musl/main.o $(BUILD)/musl/libmail_mcp.a
	$(MUSL_CXX) -static -s -O2 -pthread -o $@ $(BUILD)/musl/main.o $(BUILD)/musl/libmail_mcp.a $(MUSL_LIBS)

$(BUILD)/host/%.o: %.cc $(VERSIONS) | $(TP)/.ready
	@mkdir -p $(dir $@)
	$(HOST_CXX) $(HOST_FLAGS) -c $< -o $@
$(BUILD)/host/libmail_mcp.a: $(HOST_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/host/unit_tests: $(HOST_TEST_OBJS) $(BUILD)/host/libmail_mcp.a
	$(HOST_CXX) -fsanitize=address,undefined -pthread -o $@ $(HOST_TEST_OBJS) $(BUILD)/host/libmail_mcp.a $(HOST_LIBS)

# Fuzzing: the library once with clang under ASan/UBSan and libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link), then one binary per harness. cli/ and http/ are left out: they parse
# nothing of their own (http/ hands requests to the parsers fuzzed here) and http_server.cc, with
# all of cpp-httplib, is the slowest file to compile.
FUZZ_CXX      := clang++
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_FLAGS    := $(COMMON) -Itests/fuzz -O1 -gline-tables-only -fno-omit-frame-pointer $(FUZZ_SAN) -isystem $(TP)/host/include
FUZZ_LIB_SRCS := $(filter-out src/cli/% src/http/%,$(LIB_SRCS))
FUZZ_LIB_OBJS := $(FUZZ_LIB_SRCS:%.cc=$(BUILD)/fuzz/%.o)
FUZZ_SRCS     := $(sort $(wildcard tests/fuzz/*_fuzz.cc))
FUZZ_BINS     := $(FUZZ_SRCS:tests/fuzz/%.cc=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%.o: %.cc $(VERSIONS) | $(TP)/.ready
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
$(BUILD)/fuzz/libmail_mcp.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^
$(BUILD)/fuzz/%_fuzz: tests/fuzz/%_fuzz.cc $(BUILD)/fuzz/libmail_mcp.a
	$(FUZZ_CXX) $(FUZZ_FLAGS) -fsanitize=fuzzer -MF $@.d -pthread -o $@ $< $(BUILD)/fuzz/libmail_mcp.a $(HOST_LIBS)
fuzz: $(FUZZ_BINS)
# Writes the seeds that need the harnesses' keys (scripts/fuzz seeds).
$(BUILD)/fuzz/write_seeds: tests/fuzz/write_seeds.cc $(BUILD)/fuzz/libmail_mcp.a
	$(FUZZ_CXX) $(FUZZ_FLAGS) -MF $@.d -pthread -o $@ $< $(BUILD)/fuzz/libmail_mcp.a $(HOST_LIBS)

unit: $(BUILD)/host/unit_tests
	$(BUILD)/host/unit_tests

test:
	scripts/test

clean:
	rm -rf $(BUILD) mail_mcp
distclean: clean
	rm -rf $(TP) third_party/zig/node_modules

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
