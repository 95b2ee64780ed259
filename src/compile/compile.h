/* compile.h -- the compiler's entry point: AST -> Iseq (src/compile/compile.c). */
#ifndef KN_COMPILE_H
#define KN_COMPILE_H

#include "../vm/vm.h"

struct Node;
struct Iseq;

/* Compiles a parsed program. `type` is an IseqType (ISEQ_TOP for a file, ISEQ_EVAL for
 * eval); `eval_parent` is the iseq whose locals the code sees at level 1 (eval in a
 * binding), or NULL. Returns NULL and sets *error_out ("file:line: message", malloc'ed)
 * on a compile error such as "Invalid break". May allocate on the GC heap. */
struct Iseq *kn_compile(VM *vm, struct Node *root, const char *file, int type,
                        const struct Iseq *eval_parent, const char *name, char **error_out);

#endif
