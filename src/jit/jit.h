/* jit.h -- the JIT layer's interface to the program that embeds the VM (src/main.c,
 * src/api.c). The VM never calls into src/jit directly: kn_jit_init installs its hooks
 * (vm->jit_compile, vm->jit_enter), and the interpreter calls those. */
#ifndef KN_JIT_H
#define KN_JIT_H

#include <stdio.h>
#include "../vm/vm.h"

/* Installs the tier-1 hooks when vm->opts.jit_max_tier >= 1 (call after setting opts).
 * Does nothing (the VM stays an interpreter) if code memory cannot be reserved. */
void kn_jit_init(VM *vm);
/* Prints the --jit-stats counters. */
void kn_jit_print_stats(VM *vm, FILE *out);

#endif
