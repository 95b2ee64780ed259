/* api.c -- the top of the layer stack: wires the parser and the compiler into the VM
 * (vm->compile, used by eval/require/load) and implements the embedding API of
 * include/kiln.h. The only file besides main.c that sees every layer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kiln.h"
#include "parse/node.h"
#include "compile/compile.h"
#include "vm/vm_internal.h"


/* Parses and compiles src; on failure stores a SyntaxError in *exc_out and returns NULL.
 * binding_frame: eval in that frame (its locals visible), or NULL. */
static Iseq *compile_hook(VM *vm, const char *src, size_t len, const char *file, int line,
                          Frame *binding_frame, VALUE *exc_out) {
  const char *locals[1024] = {0};
  int nlocals = 0;
  const Iseq *eval_parent = NULL;
  if (binding_frame && binding_frame->iseq) {
    eval_parent = binding_frame->iseq;
    for (const Iseq *is = eval_parent; is && nlocals < 1000; is = is->parent) {
      for (int i = 0; i < is->local_size && nlocals < 1000; i++)
        if (is->locals[i]) locals[nlocals++] = kn_id_name(vm, is->locals[i]);
      if (is->type != ISEQ_BLOCK && is->type != ISEQ_EVAL) break;
    }
  }
  ParseResult pr;
  if (kn_parse(src, len, file, line, locals, nlocals, &pr) != 0) {
    VALUE msg = kn_str_new_cstr(vm, pr.error ? pr.error : "syntax error");
    kn_parse_free(&pr);
    *exc_out = kn_exc_new_str(vm, vm->eSyntaxError, msg);
    return NULL;
  }
  char *err = NULL;
  Iseq *is = kn_compile(vm, pr.root, kn_xstrdup(file), eval_parent ? ISEQ_EVAL : ISEQ_TOP, eval_parent,
                        eval_parent ? eval_parent->name : "<main>", &err);
  kn_parse_free(&pr);
  if (!is) {
    *exc_out = kn_exc_new_str(vm, vm->eSyntaxError, kn_str_new_cstr(vm, err));
    free(err);
    return NULL;
  }
  return is;
}

kn_State *kn_open(void) {
  VM *vm = kn_vm_new();
  vm->compile = compile_hook;
  return (kn_State *)vm;
}

void kn_close(kn_State *S) {
  (void)S;  /* the heap is released with the process; see docs/DESIGN.md */
}

/* Runs code at top level. Returns 0, or 1 with the exception report written to stderr
 * (or the exit status requested by exit/abort, as 2 + status, negative for SystemExit). */
int kn_eval_string(kn_State *S, const char *code, const char *file) {
  VM *vm = (VM *)S;
  int rc = 0;
  KN_TRY(vm) {
    VALUE exc = Qnil;
    Iseq *is = compile_hook(vm, code, strlen(code), file, 1, NULL, &exc);
    if (!is) kn_raise_exc(vm, exc);
    kn_vm_run_iseq(vm, is, vm->top_self, vm->top_cref, NULL, 0, FRAME_TOP, Qnil, NULL);
  } KN_CATCH(vm) {
    rc = 1;
  } KN_END(vm);
  return rc;
}
