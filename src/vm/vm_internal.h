/* vm_internal.h -- functions shared by the files of src/vm (interpreter, calls, classes,
 * errors). Not for src/core: core code uses vm.h. */
#ifndef KN_VM_INTERNAL_H
#define KN_VM_INTERNAL_H

#include "vm.h"
#include "iseq.h"
#include "table.h"

/* Fast-path operator redefinition bits (vm->redefined_basic). */
enum {
  KN_BOP_PLUS = 1 << 0, KN_BOP_MINUS = 1 << 1, KN_BOP_MULT = 1 << 2, KN_BOP_DIV = 1 << 3,
  KN_BOP_MOD = 1 << 4, KN_BOP_EQ = 1 << 5, KN_BOP_NEQ = 1 << 6, KN_BOP_LT = 1 << 7,
  KN_BOP_LE = 1 << 8, KN_BOP_GT = 1 << 9, KN_BOP_GE = 1 << 10, KN_BOP_LTLT = 1 << 11,
  KN_BOP_AND = 1 << 12, KN_BOP_OR = 1 << 13, KN_BOP_AREF = 1 << 14, KN_BOP_ASET = 1 << 15,
  KN_BOP_LENGTH = 1 << 16, KN_BOP_SIZE = 1 << 17, KN_BOP_EMPTY = 1 << 18,
  KN_BOP_SUCC = 1 << 19, KN_BOP_NOT = 1 << 20, KN_BOP_NIL_P = 1 << 21,
  KN_BOP_TO_S = 1 << 22,     /* to_s of Integer/Symbol/NilClass (string interpolation) */
  KN_BOP_TO_PROC = 1 << 23,  /* Symbol#to_proc (&:sym) */
};
/* Called by kn_add_method: marks a fast path as redefined when a core class gets a new
 * definition of one of these operators. */
void kn_vm_check_redefinition(VM *vm, VALUE klass, ID mid);

/* Runs the interpreter from vm->cfp until a FRAME_FINISH frame returns; returns its value. */
VALUE kn_vm_exec(VM *vm);

/* Runs a top-level / eval / required iseq as a new frame (FINISH) and returns its value.
 * parent_ep: the binding's ep for eval (level-1 locals), or NULL. */
VALUE kn_vm_run_iseq(VM *vm, const Iseq *iseq, VALUE self, VALUE cref, VALUE *parent_ep,
                     VALUE parent_env, int flags, VALUE blockh, const MethodEntry *me);

/* Invokes a block handler with arguments (yield semantics); self_override != Qundef runs it
 * with that self (instance_exec); deftarget as for class_eval (0 = unchanged). */
VALUE kn_vm_invoke_block(VM *vm, VALUE bh, int argc, const VALUE *argv, VALUE blockarg,
                         VALUE self_override, VALUE deftarget, bool lambda_semantics);

VALUE kn_cref_new(VM *vm, VALUE klass, VALUE parent);
VALUE kn_vm_cref_class(VM *vm, VALUE cref);
VALUE kn_vm_cbase(VM *vm, Frame *f);   /* class receiving def / constants */
Frame *kn_vm_caller_frame(VM *vm);     /* the Ruby-level frame below the current cfunc */
const MethodEntry *kn_vm_resolve_zsuper(VM *vm, const MethodEntry *me, VALUE klass, ID mid);
VALUE kn_sym_to_proc(VM *vm, VALUE sym);
VALUE kn_method_to_proc(VM *vm, VALUE method);
VALUE kn_throw_new(VM *vm, int state, VALUE value, VALUE *target_ep, VALUE tag);
void kn_vm_init_core(VM *vm);          /* core#... methods of the compiler */
VALUE kn_exc_set_backtrace_here(VM *vm, VALUE exc);
_Noreturn void kn_raise_sysstack(VM *vm);
VALUE kn_cfunc_proc_data(VM *vm);
VALUE kn_catch_iter(VM *vm, VALUE (*body)(VM *, void *), void *arg);
_Noreturn void kn_stop_iter(VM *vm, VALUE value);
long kn_random_long(VM *vm, long n);
double kn_random_real(VM *vm);
const char *kn_frame_method_name(VM *vm, Frame *f);
int kn_frame_line(Frame *f);
VALUE kn_proc_from_block(VM *vm, const Block *b, bool lambda);
VALUE kn_binding_eval(VM *vm, VALUE src, Frame *f, const char *file, int line);

/* ---- runtime entry points for compiled code (src/jit calls them; DESIGN.md 5, 6) ---- */
/* A send's outcome: value is the result, or Qundef when an iseq frame was pushed; then
 * entry is the compiled code to run it with, or NULL (the interpreter runs it). Returned
 * in rax:rdx by the SysV ABI. */
typedef struct KnSendResult { VALUE value; void *entry; } KnSendResult;
KnSendResult kn_vm_jit_send(VM *vm, CallInfo *ci, const Iseq *blockiseq);
/* The slow path of an opt_* instruction at vm->cfp->pc - 2 (operands on the stack): its
 * fast paths for other types, then the send. Same contract as kn_vm_jit_send. */
KnSendResult kn_vm_jit_opt(VM *vm, int op, CallInfo *ci);
/* invokeblock / invokesuper from compiled code, same contract (a yield to Ruby code pushes
 * the block's frame). */
KnSendResult kn_vm_jit_invokeblock(VM *vm, CallInfo *ci);
KnSendResult kn_vm_jit_invokesuper(VM *vm, CallInfo *ci, const Iseq *blockiseq);
/* Out-of-line instruction bodies (interp.c), shared by the interpreter and compiled code:
 * sp is the stack top, op the instruction's operands (pc + 1); cfp->pc points past the
 * instruction and cfp->sp = sp. Returns the new stack top. */
#define KN_OOL_INSNS(X) X(putstring) X(putspecialobject) X(duparray) X(duphash) X(newarray) X(newhash) X(newrange) X(splatarray) X(concatarray) X(expandarray) X(concatstrings) X(objtostring) X(anytostring) X(intern) X(toregexp) X(getclassvariable) X(setclassvariable) X(getglobal) X(setglobal) X(getconstant) X(setconstant) X(getspecial) X(defined) X(checkmatch) X(definemethod) X(definesmethod)
#define X(name) VALUE *kn_insn_##name(VM *vm, Frame *cfp, VALUE *sp, const VALUE *op);
KN_OOL_INSNS(X)
#undef X

/* A monomorphic call of C method me (cached at the call site) from compiled code. */
VALUE kn_vm_jit_call_cfunc(VM *vm, const MethodEntry *me, CallInfo *ci);
/* Class#new for compiled code (object.c): see there. */
bool kn_class_new_is_plain(VM *vm, VALUE klass, const MethodEntry *me);
VALUE kn_class_alloc_object(VM *vm, VALUE klass);
/* getinstancevariable / setinstancevariable after compiled code's inline case missed. */
VALUE kn_vm_jit_getivar(VM *vm, VALUE self, ID id, IvarCache *ic);
void kn_vm_jit_setivar(VM *vm, VALUE self, ID id, VALUE v, IvarCache *ic);
/* Called wherever a method named mid is defined, removed, undefined, or comes into a
 * class's ancestry: compiled code that assumed what mid resolves to is invalidated. */
void kn_vm_method_changed(VM *vm, ID mid);

/* out-of-line parts of instructions (vmops.c, class.c) */
VALUE kn_vm_defined(VM *vm, Frame *f, int kind, VALUE name, VALUE subject);
VALUE kn_vm_define_class(VM *vm, Frame *f, ID id, VALUE scope, VALUE super, int flags);
void kn_vm_define_method(VM *vm, Frame *f, VALUE target, ID id, const Iseq *iseq, bool singleton);
VALUE kn_vm_getconstant(VM *vm, Frame *f, VALUE scope, ID id, bool lexical);
void kn_vm_setconstant(VM *vm, Frame *f, VALUE scope, ID id, VALUE val);
VALUE kn_vm_getivar(VM *vm, VALUE self, ID id, IvarCache *ic);
void kn_vm_setivar(VM *vm, VALUE self, ID id, VALUE val, IvarCache *ic);
VALUE kn_vm_getcvar(VM *vm, Frame *f, ID id);
void kn_vm_setcvar(VM *vm, Frame *f, ID id, VALUE val);
VALUE kn_vm_special_object(VM *vm, Frame *f, int which);
VALUE kn_vm_getspecial(VM *vm, long n);
VALUE kn_vm_toregexp(VM *vm, VALUE str, int opts);
VALUE kn_vm_expandarray_value(VM *vm, VALUE v);
VALUE kn_vm_splat(VM *vm, VALUE v, bool dup);
/* After a method table change: klass.method_<what>(:name), or for a singleton class
 * attached.singleton_method_<what>(:name); what is "added", "removed" or "undefined".
 * Skipped when the receiver has no such method. May run Ruby code. (class.c) */
void kn_method_hook(VM *vm, VALUE klass, ID name, const char *what);
/* Thread::Backtrace::Location objects for an Array of backtrace Strings (error.c) */
VALUE kn_backtrace_locations(VM *vm, VALUE bt);
void kn_init_vm_object(VM *vm);
void kn_init_vm_proc(VM *vm);
void kn_init_vm_kernel(VM *vm);
void kn_init_vm_enumerator(VM *vm);
void kn_iseq_mark_all(VM *vm);
bool kn_vm_core_ready(VM *vm);
VM *kn_vm_new(void);
unsigned long kn_gc_count(VM *vm);

static inline VALUE *kn_ep_parent(VALUE *ep) {
  VALUE t = ep[-1];
  return t == 1 ? NULL : (VALUE *)(t & ~(VALUE)1);
}
static inline VALUE kn_ep_tag(VALUE *parent) {
  return parent ? ((VALUE)parent | 1) : 1;
}

#endif
