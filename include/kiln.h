/* kiln.h -- the embedding API: open a VM, evaluate Ruby source, close it.
 * This is the only public header of kiln (DESIGN.md section 9). The API grows with the
 * embedding issue; everything else in src/ is internal. */
#ifndef KILN_H
#define KILN_H

typedef struct VM kn_State;

/* Creates a VM with the core library loaded. Aborts with a message if memory runs out. */
kn_State *kn_open(void);

/* Releases the VM. */
void kn_close(kn_State *S);

/* Evaluates `code` (named `file` in backtraces) at top level. Returns 0 on success, 1 if
 * a Ruby exception escaped (it is left in the VM's $!). */
int kn_eval_string(kn_State *S, const char *code, const char *file);

#endif
