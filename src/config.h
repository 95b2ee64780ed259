/* config.h -- every build knob of kiln, with its default (Lua's luaconf.h, Wren's
 * wren_common.h). Runtime options mirror some of these in Options (src/vm/vm.h). */
#ifndef KN_CONFIG_H
#define KN_CONFIG_H

/* KN_DISPATCH_SWITCH: build the interpreter with a `switch` instead of computed goto.
 * The test suite runs both builds (build/kiln and build/kiln-switch). Default: off. */
#ifndef KN_DISPATCH_SWITCH
#define KN_DISPATCH_SWITCH 0
#endif

/* VM stack size in VALUEs and control-frame count. Overflowing either raises
 * SystemStackError. CRuby's default VM stack is 1 MiB; ours is larger so deep but
 * legitimate recursion (10000 levels with a few locals) works. */
#define KN_VM_STACK_SIZE (1024 * 1024)
#define KN_VM_FRAMES (128 * 1024)

/* Bytes of machine stack kept in reserve below the recorded limit: C recursion (a C
 * method calling a block calling a C method ...) raises SystemStackError before the
 * process's stack runs out. The main program runs on a KN_CSTACK_SIZE thread stack. */
#define KN_CSTACK_SIZE (256u * 1024 * 1024)
#define KN_CSTACK_RESERVE (256 * 1024)

/* GC: collect when this many slots were allocated since the last collection, or when
 * the heap grew by KN_GC_GROWTH times its live size, whichever is larger. */
#define KN_GC_MIN_ALLOCS 100000
#define KN_GC_GROWTH 1.0

/* Debug: kn_assert checks internal invariants (file:line message, abort). */
#ifndef KN_DEBUG
#define KN_DEBUG 0
#endif

#if KN_DEBUG
#include <stdio.h>
#include <stdlib.h>
#define kn_assert(c, ...) do { if (!(c)) { fprintf(stderr, "%s:%d: assertion failed: ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); abort(); } } while (0)
#else
#define kn_assert(c, ...) ((void)0)
#endif

#endif
