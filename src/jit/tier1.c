/* tier1.c -- the baseline JIT: bytecode straight to x86-64 in one pass (DESIGN.md 5-7).
 *
 * A compiled iseq (a Unit) is one block of machine code with an entry address for every
 * instruction (iseq->jit_entries[pc offset]), so the interpreter can jump in at method
 * entry, after a call returns, and at a loop's back edge (OSR entry: a loop in a method
 * called once is compiled and entered at its header). Compiled code shares the
 * interpreter's frames exactly: locals at ep[i], the operand stack in the VM stack.
 *
 * Registers in compiled code: rbx = VM *, r12 = Frame *cfp, r13 = cfp->ep, r14 = operand
 * stack top (sp); rsp = 0 mod 16, so C helpers are called directly.
 * Calling convention: every entry address is *called* (by the trampoline from the
 * interpreter, or by compiled code) with r12/r13/r14 set for its frame, and returns rax:
 *  - Qundef: "interpret from here": a side exit stored cfp->pc (the instruction to run
 *    next) and cfp->sp, or a deeper frame is left for the interpreter to run (vm->cfp);
 *  - any other value: the frame left (`leave`): the result is in the caller's stack at
 *    frame->base, the caller's sp is base + 1, vm->cfp is the caller.
 * A send is compiled as: for a monomorphic call of a simple Ruby method, a class guard,
 * an inline frame push and a call through the callee's entry cell (iseq->jit_code);
 * otherwise a call of kn_vm_jit_send (the interpreter's own send), and when that pushed a
 * frame with compiled code, a call of that code. A callee without compiled code makes the
 * caller return Qundef: the interpreter runs the callee, and re-enters the caller's code
 * at the instruction after the send when the callee returns.
 * Instructions with out-of-line bodies call the interpreter's kn_insn_* functions; opt_*
 * instructions inline their Fixnum (and Array) cases and call kn_vm_jit_opt otherwise.
 * Anything else is a side exit. Helpers that may raise are called with cfp->pc/sp saved,
 * so an exception longjmps over compiled code to the interpreter with exact frames.
 *
 * Invalidation: a unit records the method names whose resolution it assumed (inlined
 * operators, monomorphic sends). kn_vm_method_changed(mid) marks those units invalid:
 * the interpreter stops entering them (jit_entries = NULL, entry cell = NULL) and frames
 * running in them leave at their next check, after each call out. Code is never freed. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "jit.h"
#ifdef KN_HAVE_CAPSTONE
#include <capstone/capstone.h>
#endif
#include "codemem.h"
#include "x64.h"
#include "../vm/vm_internal.h"

/* ---- side-exit reasons: one table gives the enum, the counter and its printed name ---- */
#define EXIT_REASONS(X)                                                                     \
  X(EXIT_UNSUPPORTED, "exit_unsupported", "instruction not compiled (runs in the interpreter)") \
  X(EXIT_CALLEE_INTERP, "exit_callee_interp", "callee has no compiled code (interpreter runs it)") \
  X(EXIT_INVALIDATED, "exit_invalidated", "code invalidated while a frame ran in it")
enum {
#define X(e, key, s) e,
  EXIT_REASONS(X)
#undef X
  EXIT__COUNT
};
static const char *const exit_keys[] = {
#define X(e, key, s) key,
  EXIT_REASONS(X)
#undef X
};
static const char *const exit_names[] = {
#define X(e, key, s) s,
  EXIT_REASONS(X)
#undef X
};

/* Slow paths taken inside compiled code (no exit: a helper call), counted for the stats. */
#define SLOW_REASONS(X)                                                                     \
  X(SLOW_SEND, "send_generic", "sends through kn_vm_jit_send")                              \
  X(SLOW_SEND_FAST_MISS, "send_fast_miss", "monomorphic send guard failed (generic send)")  \
  X(SLOW_OPT, "opt_slow", "opt_* operands without an inline case (helper)")                 \
  X(SLOW_IVAR, "ivar_slow", "ivar cache miss (helper)")
enum {
#define X(e, key, s) e,
  SLOW_REASONS(X)
#undef X
  SLOW__COUNT
};
static const char *const slow_keys[] = {
#define X(e, key, s) key,
  SLOW_REASONS(X)
#undef X
};
static const char *const slow_names[] = {
#define X(e, key, s) s,
  SLOW_REASONS(X)
#undef X
};

/* A compiled iseq. Never freed (frames may still run in invalidated code). */
typedef struct Unit {
  Iseq *iseq;
  uint64_t invalid;       /* nonzero: frames running in this code leave at the next check */
  uint64_t exits;         /* side exits taken */
  uint64_t entries;       /* entries from the interpreter */
  ID *deps;               /* method names whose resolution the code assumed */
  int ndeps, deps_capa;
  uint8_t *code;
  size_t len;
} Unit;

typedef struct Tier1 {
  CodeMem *mem;
  FILE *perf_map;       /* --jit-perf-map: /tmp/perf-PID.map, one line per unit */
  VALUE (*trampoline)(VM *vm, Frame *cfp, void *code);
  void *send_tail, *enter_callee;   /* shared stubs (see make_trampoline) */
  /* the compiler's working memory, kept from one compile to the next (fresh pages cost a
   * page fault each) */
  X64Buf buf;
  int *label_of;
  long label_of_capa;
  struct Cold *cold;
  int cold_capa;
  long compiled, failed, entries, invalidations, blacklisted, recompiles;
  uint64_t exits[EXIT__COUNT];
  uint64_t slow[SLOW__COUNT];
  uint64_t fast_sends;   /* monomorphic sends compiled with an inline frame push */
  uint64_t new_sites;    /* Class#new sends compiled as allocation + initialize */
  double compile_ns;     /* thread CPU time spent compiling (every unit) */
  double method_ns;      /* the part spent on methods (ISEQ_METHOD units) */
  long methods;          /* method units compiled */
  size_t code_bytes, meta_bytes;
  Unit **units;          /* every valid unit (invalidation scans them) */
  long nunits, units_capa;
} Tier1;

static Tier1 *t1(VM *vm) { return vm->jit; }

enum { REINVALIDATE_LIMIT = 4,    /* invalidated this often: not compiled again */
       EXIT_BLACKLIST_MIN = 4096  /* side exits before the exit rate is judged */ };

/* ---- trampoline and shared stubs ------------------------------------------------------ */
/* trampoline: VALUE trampoline(VM *vm [rdi], Frame *cfp [rsi], void *code [rdx]): saves the
 * callee-saved registers compiled code uses, loads them from the frame, calls code with
 * rsp = 0 mod 16 and returns what it returns.
 *
 * Two stubs shared by every unit keep call sites short (called from compiled code, with
 * rsp = 0 mod 16 at the call):
 *  send_tail: rax:rdx = a helper's KnSendResult, rcx = 8 * the operands it consumed.
 *    A value: pops the operands, pushes the value (r14), returns it. Qundef with an entry
 *    (a frame pushed at vm->cfp with compiled code): runs that code; returns its result
 *    with r12/r13/r14 reloaded for the caller's frame, or Qundef. Qundef without an entry
 *    (the interpreter must run the pushed frame): returns Qundef.
 *  enter_callee: rdx = the entry cell of the frame compiled code just pushed at vm->cfp,
 *    or NULL (callee_entry is asked, which may compile it); then as send_tail's entry case.
 * A call site tests rax for Qundef after either (then it returns Qundef itself). Both
 * clobber rax, rcx, rdx, rsi, rdi, r8-r11 and the xmm registers. */
static void *callee_entry(VM *vm);
static bool make_trampoline(Tier1 *t, bool stats) {
  X64Buf b;
  x64_init(&b);
  x64_push(&b, RBX);
  x64_push(&b, R12);
  x64_push(&b, R13);
  x64_push(&b, R14);
  x64_push(&b, RBP);
  x64_mov_rr(&b, RBX, RDI);
  x64_mov_rr(&b, R12, RSI);
  x64_mov_rm(&b, R13, x64_mem(R12, offsetof(Frame, ep)));
  x64_mov_rm(&b, R14, x64_mem(R12, offsetof(Frame, sp)));
  x64_alu_ri(&b, ALU_SUB, RSP, 8);
  x64_call_r(&b, RDX);
  x64_alu_ri(&b, ALU_ADD, RSP, 8);
  x64_pop(&b, RBP);
  x64_pop(&b, R14);
  x64_pop(&b, R13);
  x64_pop(&b, R12);
  x64_pop(&b, RBX);
  x64_ret(&b);
  /* send_tail */
  int value = x64_label_new(&b), run = x64_label_new(&b), out = x64_label_new(&b);
  int interp = x64_label_new(&b), have = x64_label_new(&b);
  while (b.len % 16) x64_int3(&b);
  size_t send_tail = b.len;
  x64_alu_ri(&b, ALU_CMP, RAX, (int32_t)Qundef);
  x64_jcc_label(&b, CC_NE, value);
  x64_test_rr(&b, RDX, RDX);
  x64_jcc_label(&b, CC_NE, run);
  x64_label_bind(&b, interp);
  if (stats) {
    x64_mov_ri(&b, RAX, (int64_t)(intptr_t)&t->exits[EXIT_CALLEE_INTERP]);
    x64_alu_mi(&b, ALU_ADD, x64_mem(RAX, 0), 1);
  }
  x64_mov_ri(&b, RAX, (int64_t)Qundef);
  x64_ret(&b);
  x64_label_bind(&b, run);        /* rsp = 8 mod 16 here: the call makes it 0 in the code */
  x64_mov_rm(&b, R12, x64_mem(RBX, offsetof(VM, cfp)));
  x64_mov_rm(&b, R13, x64_mem(R12, offsetof(Frame, ep)));
  x64_mov_rm(&b, R14, x64_mem(R12, offsetof(Frame, sp)));
  x64_call_r(&b, RDX);
  x64_alu_ri(&b, ALU_CMP, RAX, (int32_t)Qundef);
  x64_jcc_label(&b, CC_E, out);
  x64_mov_rm(&b, R12, x64_mem(RBX, offsetof(VM, cfp)));
  x64_mov_rm(&b, R13, x64_mem(R12, offsetof(Frame, ep)));
  x64_mov_rm(&b, R14, x64_mem(R12, offsetof(Frame, sp)));
  x64_label_bind(&b, out);
  x64_ret(&b);
  x64_label_bind(&b, value);
  x64_alu_rr(&b, ALU_SUB, R14, RCX);
  x64_mov_mr(&b, x64_mem(R14, 0), RAX);
  x64_alu_ri(&b, ALU_ADD, R14, 8);
  x64_ret(&b);
  /* enter_callee */
  while (b.len % 16) x64_int3(&b);
  size_t enter_callee = b.len;
  x64_test_rr(&b, RDX, RDX);
  x64_jcc_label(&b, CC_NE, have);
  x64_mov_rr(&b, RDI, RBX);
  x64_alu_ri(&b, ALU_SUB, RSP, 8);
  x64_mov_ri(&b, RAX, (int64_t)(intptr_t)callee_entry);
  x64_call_r(&b, RAX);
  x64_alu_ri(&b, ALU_ADD, RSP, 8);
  x64_mov_rr(&b, RDX, RAX);
  x64_test_rr(&b, RDX, RDX);
  x64_jcc_label(&b, CC_E, interp);
  x64_label_bind(&b, have);
  x64_jmp_label(&b, run);
  uint8_t *p = b.oom || !x64_labels_resolved(&b) ? NULL : kn_codemem_install(t->mem, b.code, b.len);
  x64_free(&b);
  t->trampoline = (VALUE (*)(VM *, Frame *, void *))p;
  t->send_tail = p ? p + send_tail : NULL;
  t->enter_callee = p ? p + enter_callee : NULL;
  return p != NULL;
}

/* ---- code generation ------------------------------------------------------------------- */
typedef struct Gen {
  X64Buf b;
  VM *vm;
  Iseq *iseq;
  Tier1 *t;
  Unit *unit;
  int *label_of;        /* pc offset -> label (instruction starts only) */
  int ret_undef;        /* label: return Qundef (state already in the frames) */
  struct Cold *cold;    /* slow paths, emitted after the instructions (see emit_cold) */
  int ncold, cold_capa;
} Gen;

/* A slow path moved out of line: the hot code jumps to `entry`, the cold code emitted
 * after all instructions does the work and jumps back to `done` (or exits). */
enum { COLD_EXIT, COLD_OPT, COLD_OPT_SLOW, COLD_SEND, COLD_GETIVAR, COLD_SETIVAR, COLD_IVAR_APPEND, COLD_ENTER };
typedef struct Cold {
  int kind;
  long pc, len;         /* the instruction (COLD_EXIT: the pc to resume at) */
  int arg;              /* COLD_EXIT: reason; COLD_OPT: opcode; COLD_IVAR_APPEND: miss label */
  int entry, done;      /* labels */
} Cold;

static int add_cold(Gen *g, int kind, long pc, long len, int arg, int done) {
  if (g->ncold == g->cold_capa) {
    g->cold_capa = g->cold_capa ? 2 * g->cold_capa : 16;
    g->cold = kn_xrealloc(g->cold, sizeof(Cold) * (size_t)g->cold_capa);
  }
  Cold *c = &g->cold[g->ncold++];
  c->kind = kind;
  c->pc = pc;
  c->len = len;
  c->arg = arg;
  c->entry = x64_label_new(&g->b);
  c->done = done;
  return c->entry;
}

#define STK(k) x64_mem(R14, (int32_t)(-8 * (k)))   /* k-th value from the top: STK(1) = top */

static void add_dep(Gen *g, ID mid) {
  Unit *u = g->unit;
  for (int i = 0; i < u->ndeps; i++) if (u->deps[i] == mid) return;
  if (u->ndeps == u->deps_capa) {
    u->deps_capa = u->deps_capa ? 2 * u->deps_capa : 4;
    u->deps = kn_xrealloc(u->deps, sizeof(ID) * (size_t)u->deps_capa);
  }
  u->deps[u->ndeps++] = mid;
}

/* Counts into `counter` (clobbers rax). */
static void count(Gen *g, uint64_t *counter) {
  x64_mov_ri(&g->b, RAX, (int64_t)(intptr_t)counter);
  x64_alu_mi(&g->b, ALU_ADD, x64_mem(RAX, 0), 1);
}

/* A counter only --jit-stats prints: compiled in only under --jit-stats (code size). */
static void count_stat(Gen *g, uint64_t *counter) {
  if (g->vm->opts.jit_stats) count(g, counter);
}

/* Side exit: the interpreter resumes at instruction `pc` with the current sp. */
static void side_exit(Gen *g, long pc, int reason) {
  x64_mov_ri(&g->b, RAX, (int64_t)(intptr_t)&g->iseq->code[pc]);
  x64_mov_mr(&g->b, x64_mem(R12, offsetof(Frame, pc)), RAX);
  x64_mov_mr(&g->b, x64_mem(R12, offsetof(Frame, sp)), R14);
  count_stat(g, &g->t->exits[reason]);
  count(g, &g->unit->exits);
  x64_jmp_label(&g->b, g->ret_undef);
}

static void push_rax(Gen *g) {
  x64_mov_mr(&g->b, x64_mem(R14, 0), RAX);
  x64_alu_ri(&g->b, ALU_ADD, R14, 8);
}

/* Saves the frame state a helper that may raise, allocate or call Ruby needs: cfp->pc =
 * the instruction after the one at pc (as the interpreter's ENTER), cfp->sp = sp. */
static void save_state(Gen *g, long next_pc) {
  x64_mov_ri(&g->b, RAX, (int64_t)(intptr_t)&g->iseq->code[next_pc]);
  x64_mov_mr(&g->b, x64_mem(R12, offsetof(Frame, pc)), RAX);
  x64_mov_mr(&g->b, x64_mem(R12, offsetof(Frame, sp)), R14);
}

/* Calls fn (clobbers rax besides what the callee clobbers). */
static void call_fn(Gen *g, const void *fn) { x64_call_abs(&g->b, fn, RAX); }

/* After a call that may have run Ruby code: leave if this unit was invalidated meanwhile
 * (the interpreter continues at next_pc; the stack is already that instruction's). */
static void check_valid(Gen *g, long next_pc) {
  x64_mov_ri(&g->b, RCX, (int64_t)(intptr_t)&g->unit->invalid);
  x64_alu_mi(&g->b, ALU_CMP, x64_mem(RCX, 0), 0);
  x64_jcc_label(&g->b, CC_NE, add_cold(g, COLD_EXIT, next_pc, 0, EXIT_INVALIDATED, -1));
}

/* Reloads the frame registers from vm->cfp (after compiled code of another frame ran). */
static void reload_frame(Gen *g) {
  x64_mov_rm(&g->b, R12, x64_mem(RBX, offsetof(VM, cfp)));
  x64_mov_rm(&g->b, R13, x64_mem(R12, offsetof(Frame, ep)));
  x64_mov_rm(&g->b, R14, x64_mem(R12, offsetof(Frame, sp)));
}

/* The tail of every call-like instruction whose helper returned a KnSendResult in
 * rax:rdx: a value replaces the `npop` operands; Qundef with an entry runs the pushed
 * frame's compiled code; Qundef without one leaves the frame to the interpreter. */
static void send_result(Gen *g, long next_pc, int npop) {
  X64Buf *b = &g->b;
  x64_mov_ri(b, RCX, 8 * npop);
  x64_call_abs(b, g->t->send_tail, R11);
  x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qundef);
  x64_jcc_label(b, CC_E, g->ret_undef);
  check_valid(g, next_pc);
}

/* A generic send of ci (with blockiseq) through the interpreter's send. */
static void gen_send_generic(Gen *g, long pc, long len, const CallInfo *ci, const Iseq *blockiseq,
                             bool super) {
  save_state(g, pc + len);
  count_stat(g, &g->t->slow[SLOW_SEND]);
  x64_mov_rr(&g->b, RDI, RBX);
  x64_mov_ri(&g->b, RSI, (int64_t)(intptr_t)ci);
  x64_mov_ri(&g->b, RDX, (int64_t)(intptr_t)blockiseq);
  call_fn(g, super ? (const void *)kn_vm_jit_invokesuper : (const void *)kn_vm_jit_send);
  send_result(g, pc + len, ci->argc + 1 + ((ci->flag & CI_ARGS_BLOCKARG) ? 1 : 0));
}

/* The entry of the frame at vm->cfp (pushed by compiled code) when its iseq has no
 * compiled code yet: compiles it when hot enough. NULL: run it in the interpreter. */
static void *callee_entry(VM *vm) {
  Frame *f = vm->cfp;
  Iseq *iseq = (Iseq *)f->iseq;
  if (!iseq->jit_code && !(iseq->jit_flags & 1) && iseq->call_count >= (uint32_t)vm->opts.tier1_threshold)
    vm->jit_compile(vm, iseq);
  return iseq->jit_entries ? iseq->jit_entries[f->pc - iseq->code] : NULL;
}

/* rax = the receiver of a call with argc arguments; jumps to miss unless its class is
 * klass. Returns false (nothing emitted) for classes it cannot test cheaply. */
static bool class_guard(Gen *g, VALUE klass, int argc, int miss_label) {
  VM *vm = g->vm;
  X64Buf *b = &g->b;
  enum { IMM_INT, IMM_NIL, IMM_TRUE, IMM_FALSE, HEAP } kind;
  if (klass == vm->cInteger) kind = IMM_INT;
  else if (klass == vm->cNilClass) kind = IMM_NIL;
  else if (klass == vm->cTrueClass) kind = IMM_TRUE;
  else if (klass == vm->cFalseClass) kind = IMM_FALSE;
  else if (klass == vm->cFloat || klass == vm->cSymbol) return false;
  else kind = HEAP;
  x64_mov_rm(b, RAX, STK(argc + 1));
  switch (kind) {
  case IMM_INT: x64_test_ri(b, RAX, 1); x64_jcc_label(b, CC_E, miss_label); break;
  case IMM_NIL: x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qnil); x64_jcc_label(b, CC_NE, miss_label); break;
  case IMM_TRUE: x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qtrue); x64_jcc_label(b, CC_NE, miss_label); break;
  case IMM_FALSE: x64_test_rr(b, RAX, RAX); x64_jcc_label(b, CC_NE, miss_label); break;
  case HEAP:
    x64_test_ri(b, RAX, 7);
    x64_jcc_label(b, CC_NE, miss_label);
    x64_test_rr(b, RAX, RAX);
    x64_jcc_label(b, CC_E, miss_label);
    x64_mov_ri(b, RCX, (int64_t)klass);
    x64_alu_rm(b, ALU_CMP, RCX, x64_mem(RAX, offsetof(RBasic, klass)));
    x64_jcc_label(b, CC_NE, miss_label);
    kn_iseq_add_lit(vm, g->iseq, klass);   /* the guard's class stays alive */
    break;
  }
  return true;
}

/* Compiled sends of C methods and attr accessors whose call site cache holds them: the
 * class guard, then a direct call of the C function (no lookup, no argument
 * normalisation) or the ivar slot access. Returns false when it does not apply. */
static bool gen_send_other(Gen *g, long pc, long len, CallInfo *ci, VALUE klass, const MethodEntry *me,
                           int miss_label) {
  X64Buf *b = &g->b;
  int argc = ci->argc;
  if (me->type == ME_CFUNC && klass == g->vm->cInteger && me->owner == g->vm->cInteger && argc == 1 &&
      me->name == g->vm->id_xor) {
    /* the core Integer#^ on two Fixnums, inline (no opt_ instruction exists for it) */
    if (!class_guard(g, klass, argc, miss_label)) return false;
    add_dep(g, ci->mid);
    x64_mov_rm(b, RCX, STK(1));
    x64_test_ri(b, RCX, 1);
    x64_jcc_label(b, CC_E, miss_label);
    x64_alu_rr(b, ALU_XOR, RAX, RCX);       /* the tag bits cancel: put one back */
    x64_alu_ri(b, ALU_OR, RAX, 1);
    x64_mov_mr(b, STK(2), RAX);
    x64_alu_ri(b, ALU_SUB, R14, 8);
    return true;
  }
  if (me->type == ME_CFUNC) {
    if (argc < me->min_argc || (me->max_argc >= 0 && argc > me->max_argc)) return false;
    if (!class_guard(g, klass, argc, miss_label)) return false;
    add_dep(g, ci->mid);
    g->t->fast_sends++;
    save_state(g, pc + len);
    x64_mov_rr(b, RDI, RBX);
    x64_mov_ri(b, RSI, (int64_t)(intptr_t)me);
    x64_mov_ri(b, RDX, (int64_t)(intptr_t)ci);
    call_fn(g, (const void *)kn_vm_jit_call_cfunc);
    x64_lea(b, R14, STK(argc + 1));
    push_rax(g);
    check_valid(g, pc + len);
    return true;
  }
  /* attr_reader / attr_writer: the slot index the call site's cache holds for klass */
  const IvarCache *ic = ci->ivc;
  bool writer = me->type == ME_ATTR_WRITER;
  if (!ic || ic->klass != klass || argc != (writer ? 1 : 0)) return false;
  if (g->vm->cInteger == klass || g->vm->cNilClass == klass || g->vm->cTrueClass == klass ||
      g->vm->cFalseClass == klass)
    return false;
  if (!class_guard(g, klass, argc, miss_label)) return false;
  add_dep(g, ci->mid);
  g->t->fast_sends++;
  x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, flags)));
  if (writer) {
    x64_test_ri(b, RDX, FL_FROZEN);
    x64_jcc_label(b, CC_NE, miss_label);
  }
  x64_alu_ri(b, ALU_AND, RDX, KN_TMASK);
  x64_alu_ri(b, ALU_CMP, RDX, T_OBJECT);
  x64_jcc_label(b, CC_NE, miss_label);
  x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RObject, numiv)));
  x64_alu_ri(b, ALU_CMP, RDX, (int32_t)ic->index);
  x64_jcc_label(b, CC_BE, miss_label);           /* slot not there yet: the generic send */
  x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RObject, ivptr)));
  if (writer) {
    x64_mov_rm(b, RCX, STK(1));
    x64_mov_mr(b, x64_mem(RDX, (int32_t)(8 * ic->index)), RCX);
    x64_mov_mr(b, STK(2), RCX);
    x64_alu_ri(b, ALU_SUB, R14, 8);
  } else {
    int set = x64_label_new(b);
    x64_mov_rm(b, RAX, x64_mem(RDX, (int32_t)(8 * ic->index)));
    x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qundef);
    x64_jcc_label(b, CC_NE, set);
    x64_mov_ri(b, RAX, (int64_t)Qnil);
    x64_label_bind(b, set);
    x64_mov_mr(b, STK(1), RAX);
  }
  return true;
}

/* Whether a Ruby method can be entered by an inline frame push from a call with argc
 * positional arguments: required parameters only, locals on the stack. */
static bool simple_callee(const MethodEntry *me, int argc) {
  if (!me || me->type != ME_ISEQ) return false;
  const Iseq *callee = me->iseq;
  const IseqParams *pa = &callee->param;
  return callee->type == ISEQ_METHOD && !callee->heap_env && pa->lead_num == argc &&
         pa->size == pa->lead_num && !pa->opt_num && pa->rest_start < 0 && !pa->post_num &&
         !pa->has_kw && !pa->kw_num && pa->kwrest_start < 0 && pa->block_start < 0 && !pa->no_kw;
}

/* The room a frame of callee needs (frames, VM stack, machine stack), else jumps to
 * miss_label: the generic send then raises SystemStackError. Clobbers rcx. */
static void room_check(Gen *g, const Iseq *callee, int miss_label) {
  X64Buf *b = &g->b;
  /* room: frames, VM stack and machine stack (the generic send raises SystemStackError) */
  x64_lea(b, RCX, x64_mem(R12, (int32_t)(6 * sizeof(Frame))));
  x64_alu_rm(b, ALU_CMP, RCX, x64_mem(RBX, offsetof(VM, frames_end)));
  x64_jcc_label(b, CC_AE, miss_label);
  x64_lea(b, RCX, x64_mem(R14, (int32_t)(8 * (callee->local_size + callee->stack_max + 80))));
  x64_alu_rm(b, ALU_CMP, RCX, x64_mem(RBX, offsetof(VM, stack_end)));
  x64_jcc_label(b, CC_AE, miss_label);
  x64_alu_rm(b, ALU_CMP, RSP, x64_mem(RBX, offsetof(VM, cstack_limit)));
  x64_jcc_label(b, CC_B, miss_label);
}

/* The inline call of simple_callee me (after room_check) with self in rax and its argc
 * arguments on top of the stack (the receiver's slot below them is where the result
 * goes): the frame push (method name mid, frame flags `flags`), the call through the
 * callee's entry cell, the check after it. */
static void push_and_call(Gen *g, long pc, long len, int argc, const MethodEntry *me, ID mid,
                          uint32_t flags) {
  X64Buf *b = &g->b;
  const Iseq *callee = me->iseq;
  const IseqParams *pa = &callee->param;
  /* the caller's state, as the interpreter leaves it during a call */
  x64_mov_ri(b, RCX, (int64_t)(intptr_t)&g->iseq->code[pc + len]);
  x64_mov_mr(b, x64_mem(R12, offsetof(Frame, pc)), RCX);
  x64_lea(b, RCX, STK(argc + 1));                         /* base: the receiver's slot */
  x64_mov_mr(b, x64_mem(R12, offsetof(Frame, sp)), RCX);
  /* the callee's frame (rdx), ep = the arguments (rsi), bp (rdi) */
  x64_lea(b, RDX, x64_mem(R12, (int32_t)sizeof(Frame)));
  x64_lea(b, RSI, STK(argc));
  x64_lea(b, RDI, x64_mem(RSI, 8 * callee->local_size));
  x64_mov_mi(b, x64_mem(RSI, -8), 1);                      /* ep[-1]: no parent ep */
  for (int i = argc; i < callee->local_size; i++) x64_mov_mi(b, x64_mem(RSI, 8 * i), (int32_t)Qnil);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, base)), RCX);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, self)), RAX);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, ep)), RSI);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, bp)), RDI);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, sp)), RDI);
  x64_mov_ri(b, RAX, (int64_t)(intptr_t)callee->code);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, pc)), RAX);
  x64_mov_ri(b, RAX, (int64_t)(intptr_t)callee);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, iseq)), RAX);
  x64_mov_ri(b, RAX, (int64_t)(intptr_t)me);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, me)), RAX);
  x64_mov_ri(b, RAX, (int64_t)me->cref);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, cref)), RAX);
  x64_mov_ri(b, RAX, (int64_t)mid);
  x64_mov_mr(b, x64_mem(RDX, offsetof(Frame, mid)), RAX);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, blockh)), (int32_t)Qnil);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, env)), 0);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, deftarget)), 0);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, flags)), (int32_t)flags);   /* flags and defvis */
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, blk) + offsetof(Block, iseq)), 0);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, blk) + offsetof(Block, proxy)), 0);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, self_block)), 0);
  x64_mov_mi(b, x64_mem(RDX, offsetof(Frame, argc)), pa->size); /* argc and padding */
  x64_mov_mr(b, x64_mem(RBX, offsetof(VM, cfp)), RDX);
  x64_mov_ri(b, RAX, (int64_t)(intptr_t)&((Iseq *)callee)->call_count);
  x64_alu_mi(b, ALU_ADD, x64_mem(RAX, 0), 1);   /* 64-bit add: call_count is followed by backedge_count */
  /* enter through the callee's entry cell (rdx, rsi, rdi: its frame, ep, bp) */
  int entered = x64_label_new(b);
  x64_mov_ri(b, RAX, (int64_t)(intptr_t)&((Iseq *)callee)->jit_code);
  x64_mov_rm(b, RCX, x64_mem(RAX, 0));
  x64_test_rr(b, RCX, RCX);
  x64_jcc_label(b, CC_E, add_cold(g, COLD_ENTER, pc, len, 0, entered));
  x64_mov_rr(b, R12, RDX);
  x64_mov_rr(b, R13, RSI);
  x64_mov_rr(b, R14, RDI);
  x64_alu_ri(b, ALU_SUB, RSP, 8);
  x64_call_r(b, RCX);
  x64_alu_ri(b, ALU_ADD, RSP, 8);
  x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qundef);
  x64_jcc_label(b, CC_E, g->ret_undef);
  reload_frame(g);
  x64_label_bind(b, entered);
  check_valid(g, pc + len);
}

/* A send compiled with an inline frame push when the call site's cache holds a simple Ruby
 * method and the receiver's class can be tested in a few instructions. Returns false
 * (nothing emitted) otherwise. */
static bool gen_send_new(Gen *g, long pc, long len, CallInfo *ci, VALUE klass, const MethodEntry *me,
                         int miss_label);
static bool gen_send_one(Gen *g, long pc, long len, CallInfo *ci, VALUE klass, const MethodEntry *me,
                         int miss_label) {
  if (!me) return false;
  if (ci->flag & (CI_ARGS_SPLAT | CI_ARGS_BLOCKARG | CI_KW_SPLAT)) return false;
  if (me->vis != VIS_PUBLIC && !(ci->flag & CI_FCALL)) return false;
  if (gen_send_new(g, pc, len, ci, klass, me, miss_label)) return true;
  if (me->type == ME_CFUNC || me->type == ME_ATTR_READER || me->type == ME_ATTR_WRITER)
    return gen_send_other(g, pc, len, ci, klass, me, miss_label);
  if (!simple_callee(me, ci->argc)) return false;
  if (!class_guard(g, klass, ci->argc, miss_label)) return false;
  add_dep(g, ci->mid);
  g->t->fast_sends++;
  room_check(g, me->iseq, miss_label);
  push_and_call(g, pc, len, ci->argc, me, ci->mid, 0);
  return true;
}

/* `C.new(args)` where the site saw the class C (its singleton class is klass), `new` is the
 * core Class#new and C's instances are plain objects: a guard on C itself, the allocation,
 * and `initialize` called like a simple Ruby method in a FRAME_CTOR frame (leaving it
 * returns the new object; backtraces still show `new`). Default `initialize` (no
 * arguments): the allocation alone. False when it does not apply. */
static bool gen_send_new(Gen *g, long pc, long len, CallInfo *ci, VALUE klass, const MethodEntry *me,
                         int miss_label) {
  VM *vm = g->vm;
  X64Buf *b = &g->b;
  if (!kn_is_type(klass, T_CLASS) || !(RBASIC(klass)->flags & FL_SINGLETON) || !RCLASS(klass)->ext) return false;
  VALUE c = RCLASS(klass)->ext->attached;
  if (!kn_class_new_is_plain(vm, c, me)) return false;
  int argc = ci->argc;
  const MethodEntry *init = kn_method_lookup(vm, c, vm->id_initialize);
  bool plain_init = init && init->type == ME_CFUNC && init->owner == vm->cBasicObject && argc == 0;
  if (!plain_init && !simple_callee(init, argc)) return false;
  x64_mov_rm(b, RAX, STK(argc + 1));
  x64_mov_ri(b, RCX, (int64_t)c);
  x64_alu_rr(b, ALU_CMP, RAX, RCX);
  x64_jcc_label(b, CC_NE, miss_label);
  kn_iseq_add_lit(vm, g->iseq, c);   /* the guard's class stays alive */
  add_dep(g, ci->mid);
  add_dep(g, vm->id_initialize);
  g->t->fast_sends++;
  g->t->new_sites++;
  if (!plain_init) room_check(g, init->iseq, miss_label);   /* before the receiver is replaced */
  save_state(g, pc + len);
  x64_mov_rr(b, RDI, RBX);
  x64_mov_ri(b, RSI, (int64_t)c);
  call_fn(g, (const void *)kn_class_alloc_object);
  x64_mov_mr(b, STK(argc + 1), RAX);     /* the receiver's slot: where the result goes */
  if (plain_init) return true;
  push_and_call(g, pc, len, argc, init, vm->id_initialize, FRAME_CTOR);
  return true;
}

/* The receiver classes a call site has seen (the interpreter's cache and its profile), and
 * for a call on self not run yet the current self's class (the first calls of a recursion
 * compile the method before its later call sites ran). At most KN_CI_SEEN + 1. */
static int send_candidates(Gen *g, const CallInfo *ci, VALUE *out) {
  VM *vm = g->vm;
  int n = 0;
  if (ci->cache_klass && ci->cache_serial == vm->method_serial) out[n++] = ci->cache_klass;
  for (int i = 0; i < ci->nseen; i++) {
    VALUE k = ci->seen[i];
    bool dup = false;
    for (int j = 0; j < n; j++) dup |= out[j] == k;
    /* a class seen long ago may have been collected: only live classes */
    if (!dup && kn_gc_is_heap_object(vm, k) && (kn_is_type(k, T_CLASS) || kn_is_type(k, T_ICLASS)))
      out[n++] = k;
  }
  if (n == 0) {
    const Frame *f = vm->cfp;
    if ((ci->flag & CI_FCALL) && f && f->iseq == g->iseq) out[n++] = kn_class_of(vm, f->self);
  }
  return n;
}

/* A send compiled for the classes its call site has seen: for each, a class guard and the
 * call of what the method is (inline frame push, C call, attr slot), all ending at done;
 * a receiver of another class jumps to miss. False when nothing could be compiled so. */
static bool gen_send_fast(Gen *g, long pc, long len, CallInfo *ci, int miss, int done) {
  VALUE klasses[KN_CI_SEEN + 1];
  int n = send_candidates(g, ci, klasses);
  bool any = false;
  for (int i = 0; i < n; i++) {
    int next = x64_label_new(&g->b);
    if (gen_send_one(g, pc, len, ci, klasses[i], kn_method_lookup(g->vm, klasses[i], ci->mid), next)) {
      any = true;
      x64_jmp_label(&g->b, done);
    }
    x64_label_bind(&g->b, next);
  }
  if (any) x64_jmp_label(&g->b, miss);
  return any;
}

static void gen_send(Gen *g, long pc, long len, CallInfo *ci, const Iseq *blockiseq) {
  int done = x64_label_new(&g->b);
  int miss = blockiseq ? -1 : add_cold(g, COLD_SEND, pc, len, 0, done);
  if (miss >= 0 && gen_send_fast(g, pc, len, ci, miss, done)) {
    x64_label_bind(&g->b, done);   /* the guard's miss: the generic send, out of line */
    return;
  }
  if (miss >= 0) g->ncold--;       /* no fast path: the generic send inline */
  gen_send_generic(g, pc, len, ci, blockiseq, false);
  x64_label_bind(&g->b, done);
}

/* The slow path of an opt_* instruction: kn_vm_jit_opt(vm, op, ci). */
static void gen_opt_slow(Gen *g, long pc, long len, int op) {
  const VALUE *code = g->iseq->code;
  CallInfo *ci = (CallInfo *)code[pc + 1];
  int npop;
  switch (op) {
  case BIN_opt_aset: npop = 3; break;
  case BIN_opt_length: case BIN_opt_size: case BIN_opt_empty_p: case BIN_opt_succ:
  case BIN_opt_not: case BIN_opt_nil_p: npop = 1; break;
  default: npop = 2; break;
  }
  save_state(g, pc + len);
  count_stat(g, &g->t->slow[SLOW_OPT]);
  x64_mov_rr(&g->b, RDI, RBX);
  x64_mov_ri(&g->b, RSI, op);
  x64_mov_ri(&g->b, RDX, (int64_t)(intptr_t)ci);
  call_fn(g, (const void *)kn_vm_jit_opt);
  send_result(g, pc + len, npop);
}

/* Whether the inline case of an operator may be compiled: not redefined now; the unit is
 * invalidated if it is later. */
static bool op_inline(Gen *g, uint32_t bop, ID mid) {
  if (g->vm->redefined_basic & bop) return false;
  add_dep(g, mid);
  return true;
}

/* rax = second from top, rcx = top; jumps to slow unless both are Fixnums. */
static void fixnum_operands(Gen *g, int slow) {
  x64_mov_rm(&g->b, RAX, STK(2));
  x64_mov_rm(&g->b, RCX, STK(1));
  x64_mov_rr(&g->b, RDX, RAX);
  x64_alu_rr(&g->b, ALU_AND, RDX, RCX);
  x64_test_ri(&g->b, RDX, 1);
  x64_jcc_label(&g->b, CC_E, slow);
}

/* replaces the two operands with rax */
static void binop_result(Gen *g) {
  x64_mov_mr(&g->b, STK(2), RAX);
  x64_alu_ri(&g->b, ALU_SUB, R14, 8);
}

/* Jumps to slow unless `r` holds an Array (class exactly Array; unfrozen if asked). */
static void array_guard(Gen *g, X64Reg r, bool writable, int slow) {
  x64_test_ri(&g->b, r, 7);
  x64_jcc_label(&g->b, CC_NE, slow);          /* an immediate */
  x64_test_rr(&g->b, r, r);
  x64_jcc_label(&g->b, CC_E, slow);           /* false */
  x64_mov_rm(&g->b, RDX, x64_mem(r, offsetof(RBasic, klass)));
  x64_alu_rm(&g->b, ALU_CMP, RDX, x64_mem(RBX, offsetof(VM, cArray)));
  x64_jcc_label(&g->b, CC_NE, slow);
  if (writable) {
    x64_mov32_rm(&g->b, RDX, x64_mem(r, offsetof(RBasic, flags)));
    x64_test_ri(&g->b, RDX, FL_FROZEN);
    x64_jcc_label(&g->b, CC_NE, slow);
  }
}

/* rcx = untagged index of the Fixnum in rcx, known to be inside Array rax. */
static void index_guard(Gen *g, int slow) {
  x64_test_ri(&g->b, RCX, 1);
  x64_jcc_label(&g->b, CC_E, slow);
  x64_shift_ri(&g->b, SH_SAR, RCX, 1);
  x64_alu_rm(&g->b, ALU_CMP, RCX, x64_mem(RAX, offsetof(RArray, len)));
  x64_jcc_label(&g->b, CC_AE, slow);          /* unsigned: negative too */
}

static void compare(Gen *g, X64Cond cc, int slow) {
  fixnum_operands(g, slow);
  x64_alu_rr(&g->b, ALU_CMP, RAX, RCX);
  x64_mov_ri(&g->b, RAX, (int64_t)Qfalse);   /* mov does not touch the flags */
  x64_mov_ri(&g->b, RDX, (int64_t)Qtrue);
  x64_cmov(&g->b, cc, RAX, RDX);
  binop_result(g);
}

/* xmm = the double of flonum `r` (clobbers r, rdx, rsi). */
static void flonum_decode(Gen *g, X64Reg r, X64Xmm xmm) {
  X64Buf *b = &g->b;
  int zero = x64_label_new(b), done = x64_label_new(b);
  x64_mov_ri(b, RSI, (int64_t)KN_FLONUM_ZERO);
  x64_alu_rr(b, ALU_CMP, r, RSI);
  x64_jcc_label(b, CC_E, zero);
  x64_mov_rr(b, RDX, r);
  x64_shift_ri(b, SH_SHR, RDX, 63);              /* b63 */
  x64_mov_ri(b, RSI, 2);
  x64_alu_rr(b, ALU_SUB, RSI, RDX);              /* 2 - b63 restores bit 60 */
  x64_alu_ri(b, ALU_AND, r, -4);
  x64_alu_rr(b, ALU_OR, r, RSI);
  x64_shift_ri(b, SH_ROR, r, 3);
  x64_jmp_label(b, done);
  x64_label_bind(b, zero);
  x64_mov_ri(b, r, 0);
  x64_label_bind(b, done);
  x64_movq_xr(b, xmm, r);
}

/* rax = the flonum of xmm0, or jumps to slow when it needs a heap Float (clobbers rdx). */
static void flonum_encode(Gen *g, int slow) {
  X64Buf *b = &g->b;
  int zero = x64_label_new(b), done = x64_label_new(b);
  x64_movq_rx(b, RAX, XMM0);
  x64_test_rr(b, RAX, RAX);
  x64_jcc_label(b, CC_E, zero);
  x64_mov_rr(b, RDX, RAX);
  x64_shift_ri(b, SH_SHR, RDX, 60);
  x64_alu_ri(b, ALU_AND, RDX, 7);
  x64_alu_ri(b, ALU_SUB, RDX, 3);
  x64_alu_ri(b, ALU_CMP, RDX, 1);
  x64_jcc_label(b, CC_A, slow);                  /* exponent out of the flonum range */
  x64_mov_ri(b, RDX, (int64_t)0x3000000000000000LL);
  x64_alu_rr(b, ALU_CMP, RAX, RDX);
  x64_jcc_label(b, CC_E, slow);
  x64_shift_ri(b, SH_ROL, RAX, 3);
  x64_alu_ri(b, ALU_AND, RAX, -2);
  x64_alu_ri(b, ALU_OR, RAX, 2);
  x64_jmp_label(b, done);
  x64_label_bind(b, zero);
  x64_mov_ri(b, RAX, (int64_t)KN_FLONUM_ZERO);
  x64_label_bind(b, done);
}

/* xmm = operand `r`, a Fixnum (converted) or a flonum, else jumps to slow. exact (a
 * comparison): a Fixnum beyond +-2**53, which a double cannot hold exactly, jumps to slow
 * too (Integer's method compares it exactly). Clobbers r, rdx, rsi. */
static void float_operand(Gen *g, X64Reg r, X64Xmm xmm, bool exact, int slow) {
  X64Buf *b = &g->b;
  int fix = x64_label_new(b), done = x64_label_new(b);
  x64_test_ri(b, r, 1);
  x64_jcc_label(b, CC_NE, fix);
  x64_mov_rr(b, RDX, r);
  x64_alu_ri(b, ALU_AND, RDX, 3);
  x64_alu_ri(b, ALU_CMP, RDX, 2);
  x64_jcc_label(b, CC_NE, slow);
  flonum_decode(g, r, xmm);
  x64_jmp_label(b, done);
  x64_label_bind(b, fix);
  x64_shift_ri(b, SH_SAR, r, 1);
  if (exact) {   /* r + 2**53 <= 2**54, unsigned */
    x64_mov_ri(b, RSI, (int64_t)1 << 53);
    x64_mov_rr(b, RDX, r);
    x64_alu_rr(b, ALU_ADD, RDX, RSI);
    x64_alu_rr(b, ALU_ADD, RSI, RSI);
    x64_alu_rr(b, ALU_CMP, RDX, RSI);
    x64_jcc_label(b, CC_A, slow);
  }
  x64_cvtsi2sd(b, xmm, r);
  x64_label_bind(b, done);
}

/* xmm0 = second from top, xmm1 = top: flonums, or one flonum and one Fixnum (as the
 * interpreter's Float fast path takes them), else jumps to slow. */
static void flonum_operands(Gen *g, bool exact, int slow) {
  X64Buf *b = &g->b;
  x64_mov_rm(b, RAX, STK(2));
  x64_mov_rm(b, RCX, STK(1));
  x64_mov_rr(b, RDX, RAX);
  x64_alu_rr(b, ALU_AND, RDX, RCX);
  x64_test_ri(b, RDX, 1);
  x64_jcc_label(b, CC_NE, slow);                 /* two Fixnums (an overflow): not here */
  float_operand(g, RAX, XMM0, exact, slow);
  float_operand(g, RCX, XMM1, exact, slow);
}

/* Flonum arithmetic (op: SD_ADD ...) or comparison (cc for ucomisd xmm0, xmm1 after the
 * operands were swapped as `swap` says): the Float case of an opt_* instruction. */
static void flonum_arith(Gen *g, X64SdOp op, int slow) {
  flonum_operands(g, false, slow);
  x64_sd_xx(&g->b, op, XMM0, XMM1);
  flonum_encode(g, slow);
  binop_result(g);
}

static void flonum_compare(Gen *g, X64Cond cc, bool swap, int slow) {
  flonum_operands(g, true, slow);
  if (swap) x64_ucomisd(&g->b, XMM1, XMM0);
  else x64_ucomisd(&g->b, XMM0, XMM1);
  x64_mov_ri(&g->b, RAX, (int64_t)Qfalse);
  x64_mov_ri(&g->b, RDX, (int64_t)Qtrue);
  x64_cmov(&g->b, cc, RAX, RDX);     /* unordered (NaN) sets CF and ZF: false */
  binop_result(g);
}

/* Inline case of an opt_* instruction (jumping to `slow` when it does not apply); returns
 * false when the instruction has none (or its operator is redefined). */
static bool gen_opt_inline(Gen *g, int op, int slow) {
  VM *vm = g->vm;
  X64Buf *b = &g->b;
  switch (op) {
  case BIN_opt_plus:   /* a + (b - 1): both tagged */
    if (!op_inline(g, KN_BOP_PLUS, vm->id_plus)) return false;
    fixnum_operands(g, slow);
    x64_alu_ri(b, ALU_SUB, RCX, 1);
    x64_alu_rr(b, ALU_ADD, RCX, RAX);
    x64_jcc_label(b, CC_O, slow);
    x64_mov_rr(b, RAX, RCX);
    binop_result(g);
    return true;
  case BIN_opt_minus:  /* a - b + 1 */
    if (!op_inline(g, KN_BOP_MINUS, vm->id_minus)) return false;
    fixnum_operands(g, slow);
    x64_mov_rr(b, RDX, RAX);
    x64_alu_rr(b, ALU_SUB, RDX, RCX);
    x64_jcc_label(b, CC_O, slow);
    x64_alu_ri(b, ALU_ADD, RDX, 1);
    x64_mov_rr(b, RAX, RDX);
    binop_result(g);
    return true;
  case BIN_opt_mult:   /* (a >> 1) * (b - 1), then | 1 */
    if (!op_inline(g, KN_BOP_MULT, vm->id_mult)) return false;
    fixnum_operands(g, slow);
    x64_shift_ri(b, SH_SAR, RAX, 1);
    x64_alu_ri(b, ALU_SUB, RCX, 1);
    x64_imul_rr(b, RAX, RCX);
    x64_jcc_label(b, CC_O, slow);
    x64_alu_ri(b, ALU_OR, RAX, 1);
    binop_result(g);
    return true;
  case BIN_opt_and:
    if (!op_inline(g, KN_BOP_AND, vm->id_and)) return false;
    fixnum_operands(g, slow);
    x64_alu_rr(b, ALU_AND, RAX, RCX);
    binop_result(g);
    return true;
  case BIN_opt_or:
    if (!op_inline(g, KN_BOP_OR, vm->id_or)) return false;
    fixnum_operands(g, slow);
    x64_alu_rr(b, ALU_OR, RAX, RCX);
    binop_result(g);
    return true;
  case BIN_opt_lt: if (!op_inline(g, KN_BOP_LT, vm->id_lt)) return false; compare(g, CC_L, slow); return true;
  case BIN_opt_le: if (!op_inline(g, KN_BOP_LE, vm->id_le)) return false; compare(g, CC_LE, slow); return true;
  case BIN_opt_gt: if (!op_inline(g, KN_BOP_GT, vm->id_gt)) return false; compare(g, CC_G, slow); return true;
  case BIN_opt_ge: if (!op_inline(g, KN_BOP_GE, vm->id_ge)) return false; compare(g, CC_GE, slow); return true;
  case BIN_opt_eq: if (!op_inline(g, KN_BOP_EQ, vm->id_eq)) return false; compare(g, CC_E, slow); return true;
  case BIN_opt_neq:
    if (!op_inline(g, KN_BOP_NEQ | KN_BOP_EQ, vm->id_neq) || !op_inline(g, 0, vm->id_eq)) return false;
    compare(g, CC_NE, slow);
    return true;
  case BIN_opt_div: case BIN_opt_mod: {   /* Ruby's floored division and modulo */
    bool div = op == BIN_opt_div;
    if (!op_inline(g, div ? KN_BOP_DIV : KN_BOP_MOD, div ? vm->id_div : vm->id_mod)) return false;
    fixnum_operands(g, slow);
    x64_shift_ri(b, SH_SAR, RAX, 1);
    x64_shift_ri(b, SH_SAR, RCX, 1);
    x64_alu_ri(b, ALU_CMP, RCX, 0);
    x64_jcc_label(b, CC_E, slow);
    x64_alu_ri(b, ALU_CMP, RCX, -1);
    x64_jcc_label(b, CC_E, slow);
    x64_cqo(b);
    x64_idiv(b, RCX);                 /* rax = quotient, rdx = remainder (dividend's sign) */
    int done = x64_label_new(b);
    x64_test_rr(b, RDX, RDX);
    x64_jcc_label(b, CC_E, done);
    x64_mov_rr(b, RSI, RDX);
    x64_alu_rr(b, ALU_XOR, RSI, RCX);
    x64_jcc_label(b, CC_NS, done);    /* same signs: already floored */
    x64_alu_rr(b, ALU_ADD, RDX, RCX);
    x64_alu_ri(b, ALU_SUB, RAX, 1);
    x64_label_bind(b, done);
    if (!div) x64_mov_rr(b, RAX, RDX);
    x64_shift_ri(b, SH_SHL, RAX, 1);
    x64_alu_ri(b, ALU_OR, RAX, 1);
    binop_result(g);
    return true;
  }
  case BIN_opt_aref:    /* Array[Fixnum] inside the bounds */
    if (!op_inline(g, KN_BOP_AREF, vm->id_aref)) return false;
    x64_mov_rm(b, RAX, STK(2));
    x64_mov_rm(b, RCX, STK(1));
    array_guard(g, RAX, false, slow);
    index_guard(g, slow);
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RArray, ptr)));
    x64_mov_rm(b, RAX, x64_mem_idx(RDX, RCX, 8, 0));
    binop_result(g);
    return true;
  case BIN_opt_aset:    /* Array[Fixnum] = v inside the bounds; the result is v */
    if (!op_inline(g, KN_BOP_ASET, vm->id_aset)) return false;
    x64_mov_rm(b, RAX, STK(3));
    x64_mov_rm(b, RCX, STK(2));
    array_guard(g, RAX, true, slow);
    index_guard(g, slow);
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RArray, ptr)));
    x64_mov_rm(b, RAX, STK(1));
    x64_mov_mr(b, x64_mem_idx(RDX, RCX, 8, 0), RAX);
    x64_mov_mr(b, STK(3), RAX);
    x64_alu_ri(b, ALU_SUB, R14, 16);
    return true;
  case BIN_opt_length: case BIN_opt_size:   /* Array#length / #size */
    if (!op_inline(g, op == BIN_opt_length ? KN_BOP_LENGTH : KN_BOP_SIZE,
                   op == BIN_opt_length ? vm->id_length : vm->id_size))
      return false;
    x64_mov_rm(b, RAX, STK(1));
    array_guard(g, RAX, false, slow);
    x64_mov_rm(b, RAX, x64_mem(RAX, offsetof(RArray, len)));
    x64_shift_ri(b, SH_SHL, RAX, 1);
    x64_alu_ri(b, ALU_OR, RAX, 1);
    x64_mov_mr(b, STK(1), RAX);
    return true;
  default:
    return false;
  }
}

/* The Float case of an arithmetic or comparison opt_* instruction (after its Fixnum case
 * failed); false when op has none. */
static bool gen_opt_float(Gen *g, int op, int slow) {
  switch (op) {
  case BIN_opt_plus: flonum_arith(g, SD_ADD, slow); return true;
  case BIN_opt_minus: flonum_arith(g, SD_SUB, slow); return true;
  case BIN_opt_mult: flonum_arith(g, SD_MUL, slow); return true;
  case BIN_opt_div: flonum_arith(g, SD_DIV, slow); return true;
  case BIN_opt_lt: flonum_compare(g, CC_A, true, slow); return true;    /* b > a */
  case BIN_opt_le: flonum_compare(g, CC_AE, true, slow); return true;   /* b >= a */
  case BIN_opt_gt: flonum_compare(g, CC_A, false, slow); return true;
  case BIN_opt_ge: flonum_compare(g, CC_AE, false, slow); return true;
  default: return false;
  }
}

static bool has_float_case(int op) {
  switch (op) {
  case BIN_opt_plus: case BIN_opt_minus: case BIN_opt_mult: case BIN_opt_div:
  case BIN_opt_lt: case BIN_opt_le: case BIN_opt_gt: case BIN_opt_ge: return true;
  default: return false;
  }
}

static void gen_opt(Gen *g, long pc, long len, int op) {
  X64Buf *b = &g->b;
  int done = x64_label_new(b);
  const CallInfo *ci = (const CallInfo *)g->iseq->code[pc + 1];
  if (ci->opt_hit && has_float_case(op)) {
    /* the profile saw Floats here: the Float case inline after the Fixnum case (one
     * taken branch for a Float), only the helper out of line */
    int slow = add_cold(g, COLD_OPT_SLOW, pc, len, op, done);
    int flo = x64_label_new(b);
    if (gen_opt_inline(g, op, flo)) {
      x64_jmp_label(b, done);
      x64_label_bind(b, flo);
      gen_opt_float(g, op, slow);
      x64_label_bind(b, done);
      return;
    }
    g->ncold--;
    gen_opt_slow(g, pc, len, op);   /* the operator is redefined: the helper, inline */
    x64_label_bind(b, done);
    return;
  }
  int cold = add_cold(g, COLD_OPT, pc, len, op, done);
  if (gen_opt_inline(g, op, cold)) {   /* the Fixnum case; the rest out of line */
    x64_label_bind(b, done);
    return;
  }
  g->ncold--;                         /* no inline case: the helper, inline */
  gen_opt_slow(g, pc, len, op);
  x64_label_bind(b, done);
}

/* Jumps to miss unless register r holds a heap object (and, klass not 0, one whose class
 * is exactly klass). Clobbers rcx. */
static void heap_guard(Gen *g, X64Reg r, VALUE klass, int miss) {
  X64Buf *b = &g->b;
  x64_test_ri(b, r, 7);
  x64_jcc_label(b, CC_NE, miss);
  x64_test_rr(b, r, r);
  x64_jcc_label(b, CC_E, miss);
  if (!klass) return;
  x64_mov_ri(b, RCX, (int64_t)klass);
  x64_alu_rm(b, ALU_CMP, RCX, x64_mem(r, offsetof(RBasic, klass)));
  x64_jcc_label(b, CC_NE, miss);
}

/* The end of an opt_* instruction's out-of-line part: for the receiver classes its call
 * site sent the method to (operands no fast path takes, a user class's `+`), the sends
 * compiled as for a `send` (guard, inline frame push or direct C call); then the helper. */
static void gen_opt_tail(Gen *g, const Cold *c) {
  CallInfo *ci = (CallInfo *)g->iseq->code[c->pc + 1];
  X64Buf *b = &g->b;
  int helper = x64_label_new(&g->b);
  if (c->arg == BIN_opt_aref || c->arg == BIN_opt_aset) {
    /* a Hash (not a subclass; `[]`/`[]=` not redefined, as the inline Array case already
     * assumed): kn_hash_aref / kn_hash_aset called directly, as opt_slow would */
    bool aset = c->arg == BIN_opt_aset;
    int npop = aset ? 3 : 2, other = x64_label_new(b);
    save_state(g, c->pc + c->len);          /* (clobbers rax) */
    x64_mov_rm(b, RAX, STK(npop));
    heap_guard(g, RAX, g->vm->cHash, other);
    if (aset) {
      x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, flags)));
      x64_test_ri(b, RDX, FL_FROZEN);
      x64_jcc_label(b, CC_NE, other);
    }
    x64_mov_rr(b, RDI, RBX);
    x64_mov_rr(b, RSI, RAX);
    x64_mov_rm(b, RDX, STK(npop - 1));
    if (aset) x64_mov_rm(b, RCX, STK(1));
    call_fn(g, aset ? (const void *)kn_hash_aset : (const void *)kn_hash_aref);
    if (aset) x64_mov_rm(b, RAX, STK(1));   /* a[k] = v is v */
    x64_lea(b, R14, x64_mem(R14, -8 * (npop - 1)));
    x64_mov_mr(b, STK(1), RAX);
    check_valid(g, c->pc + c->len);
    x64_jmp_label(b, c->done);
    x64_label_bind(b, other);
  }
  if (c->arg == BIN_opt_eq || c->arg == BIN_opt_neq) {
    /* two Strings, the receiver not of a subclass (`==`, `!=` not redefined, as the
     * inline case assumed): kn_str_equal called directly (it neither allocates nor
     * raises nor calls Ruby) */
    int other = x64_label_new(b);
    x64_mov_rm(b, RAX, STK(2));
    x64_mov_rm(b, RSI, STK(1));
    heap_guard(g, RAX, g->vm->cString, other);
    heap_guard(g, RSI, 0, other);
    x64_mov32_rm(b, RDX, x64_mem(RSI, offsetof(RBasic, flags)));
    x64_alu_ri(b, ALU_AND, RDX, KN_TMASK);
    x64_alu_ri(b, ALU_CMP, RDX, T_STRING);
    x64_jcc_label(b, CC_NE, other);
    x64_mov_rr(b, RDI, RAX);
    call_fn(g, (const void *)kn_str_equal);
    x64_alu_ri(b, ALU_AND, RAX, 0xff);          /* a bool: only al is defined */
    x64_mov_ri(b, RDX, (int64_t)Qtrue);
    x64_mov_ri(b, RCX, (int64_t)Qfalse);
    x64_test_rr(b, RAX, RAX);
    if (c->arg == BIN_opt_eq) x64_cmov(b, CC_NE, RCX, RDX);
    else x64_cmov(b, CC_E, RCX, RDX);
    x64_mov_rr(b, RAX, RCX);
    binop_result(g);
    x64_jmp_label(b, c->done);
    x64_label_bind(b, other);
  }
  if (gen_send_fast(g, c->pc, c->len, ci, helper, c->done)) x64_label_bind(&g->b, helper);
  gen_opt_slow(g, c->pc, c->len, c->arg);
  x64_jmp_label(&g->b, c->done);
}

/* The out-of-line part of an opt_* instruction: its Float case, then gen_opt_tail. */
static void gen_opt_cold(Gen *g, const Cold *c) {
  int slow = x64_label_new(&g->b);
  const CallInfo *ci = (const CallInfo *)g->iseq->code[c->pc + 1];
  /* the Float case only where the profile saw one (code size; the helper has it too) */
  if (ci->opt_hit && gen_opt_float(g, c->arg, slow)) x64_jmp_label(&g->b, c->done);
  x64_label_bind(&g->b, slow);
  gen_opt_tail(g, c);
}

/* rax = self if it is a T_OBJECT of the cache's class, else jumps to miss; rcx = cache. */
static void ivar_self_guard(Gen *g, const IvarCache *ic, bool writable, int miss, int beyond) {
  X64Buf *b = &g->b;
  x64_mov_rm(b, RAX, x64_mem(R12, offsetof(Frame, self)));
  x64_test_ri(b, RAX, 7);
  x64_jcc_label(b, CC_NE, miss);
  x64_test_rr(b, RAX, RAX);
  x64_jcc_label(b, CC_E, miss);
  x64_mov_ri(b, RCX, (int64_t)(intptr_t)ic);
  x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, klass)));
  x64_alu_rm(b, ALU_CMP, RDX, x64_mem(RCX, offsetof(IvarCache, klass)));
  x64_jcc_label(b, CC_NE, miss);
  x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, flags)));
  if (writable) {
    x64_test_ri(b, RDX, FL_FROZEN);
    x64_jcc_label(b, CC_NE, miss);
  }
  x64_alu_ri(b, ALU_AND, RDX, KN_TMASK);
  x64_alu_ri(b, ALU_CMP, RDX, T_OBJECT);
  x64_jcc_label(b, CC_NE, miss);
  x64_mov32_rm(b, RCX, x64_mem(RCX, offsetof(IvarCache, index)));
  x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RObject, numiv)));
  x64_alu_rr(b, ALU_CMP, RCX, RDX);
  x64_jcc_label(b, CC_AE, beyond);                /* a slot past the used ones */
  x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RObject, ivptr)));
}

static void gen_getivar(Gen *g, long pc, long len) {
  X64Buf *b = &g->b;
  const IvarCache *ic = (const IvarCache *)g->iseq->code[pc + 2];
  int done = x64_label_new(b);
  int miss = add_cold(g, COLD_GETIVAR, pc, len, 0, done);
  ivar_self_guard(g, ic, false, miss, miss);
  x64_mov_rm(b, RAX, x64_mem_idx(RDX, RCX, 8, 0));
  x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qundef);
  x64_jcc_label(b, CC_E, miss);
  push_rax(g);
  x64_label_bind(b, done);
}

static void gen_getivar_cold(Gen *g, const Cold *c) {
  const VALUE *code = g->iseq->code;
  X64Buf *b = &g->b;
  save_state(g, c->pc + c->len);
  count_stat(g, &g->t->slow[SLOW_IVAR]);
  x64_mov_rr(b, RDI, RBX);
  x64_mov_rm(b, RSI, x64_mem(R12, offsetof(Frame, self)));
  x64_mov_ri(b, RDX, (int64_t)code[c->pc + 1]);
  x64_mov_ri(b, RCX, (int64_t)code[c->pc + 2]);
  call_fn(g, (const void *)kn_vm_jit_getivar);
  push_rax(g);
  x64_jmp_label(b, c->done);
}

static void gen_setivar(Gen *g, long pc, long len) {
  X64Buf *b = &g->b;
  const IvarCache *ic = (const IvarCache *)g->iseq->code[pc + 2];
  int done = x64_label_new(b);
  int miss = add_cold(g, COLD_SETIVAR, pc, len, 0, done);
  int append = add_cold(g, COLD_IVAR_APPEND, pc, len, miss, done);
  ivar_self_guard(g, ic, true, miss, append);
  x64_mov_rm(b, RAX, STK(1));
  x64_mov_mr(b, x64_mem_idx(RDX, RCX, 8, 0), RAX);
  x64_alu_ri(b, ALU_SUB, R14, 8);
  x64_label_bind(b, done);
}

static void gen_setivar_cold(Gen *g, const Cold *c) {
  const VALUE *code = g->iseq->code;
  X64Buf *b = &g->b;
  x64_alu_ri(b, ALU_SUB, R14, 8);                 /* the value is popped (passed in rcx) */
  save_state(g, c->pc + c->len);
  count_stat(g, &g->t->slow[SLOW_IVAR]);
  x64_mov_rr(b, RDI, RBX);
  x64_mov_rm(b, RSI, x64_mem(R12, offsetof(Frame, self)));
  x64_mov_ri(b, RDX, (int64_t)code[c->pc + 1]);
  x64_mov_rm(b, RCX, x64_mem(R14, 0));
  x64_mov_ri(b, R8, (int64_t)code[c->pc + 2]);
  call_fn(g, (const void *)kn_vm_jit_setivar);
  x64_jmp_label(b, c->done);
}

/* setinstancevariable of the next slot of a T_OBJECT (the first stores of `initialize`),
 * as the interpreter's ivar_store_fast: rax = self, rcx = slot index, rdx = numiv <= rcx.
 * A gap, or no room in the slots, goes to the helper. */
static void gen_ivar_append_cold(Gen *g, const Cold *c) {
  X64Buf *b = &g->b;
  int miss = c->arg, have = x64_label_new(b), store = x64_label_new(b);
  x64_alu_rr(b, ALU_CMP, RCX, RDX);
  x64_jcc_label(b, CC_NE, miss);
  x64_mov_rm(b, RSI, x64_mem(RAX, offsetof(RObject, numiv)));   /* numiv | capa << 32 */
  x64_shift_ri(b, SH_SHR, RSI, 32);
  x64_test_rr(b, RSI, RSI);
  x64_jcc_label(b, CC_NE, have);
  x64_alu_ri(b, ALU_CMP, RCX, KN_OBJ_EMBED);                    /* no slots yet: embedded */
  x64_jcc_label(b, CC_AE, miss);
  x64_lea(b, RSI, x64_mem(RAX, offsetof(RObject, embed)));
  x64_mov_mr(b, x64_mem(RAX, offsetof(RObject, ivptr)), RSI);
  x64_mov_ri(b, RSI, KN_OBJ_EMBED);
  x64_jmp_label(b, store);
  x64_label_bind(b, have);
  x64_alu_rr(b, ALU_CMP, RCX, RSI);
  x64_jcc_label(b, CC_AE, miss);
  x64_label_bind(b, store);
  x64_shift_ri(b, SH_SHL, RSI, 32);
  x64_lea(b, RDX, x64_mem(RCX, 1));
  x64_alu_rr(b, ALU_OR, RDX, RSI);
  x64_mov_mr(b, x64_mem(RAX, offsetof(RObject, numiv)), RDX);   /* numiv = index + 1 */
  x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RObject, ivptr)));
  x64_mov_rm(b, RSI, STK(1));
  x64_mov_mr(b, x64_mem_idx(RDX, RCX, 8, 0), RSI);
  x64_alu_ri(b, ALU_SUB, R14, 8);
  x64_jmp_label(b, c->done);
}

/* Emits the slow paths collected while compiling the instructions. */
static void emit_cold(Gen *g) {
  for (int i = 0; i < g->ncold; i++) {   /* (cold code may add more: COLD_EXITs) */
    Cold c = g->cold[i];
    x64_label_bind(&g->b, c.entry);
    switch (c.kind) {
    case COLD_EXIT: side_exit(g, c.pc, c.arg); break;
    case COLD_OPT: gen_opt_cold(g, &c); break;
    case COLD_OPT_SLOW: gen_opt_tail(g, &c); break;
    case COLD_SEND:
      count_stat(g, &g->t->slow[SLOW_SEND_FAST_MISS]);
      gen_send_generic(g, c.pc, c.len, (CallInfo *)g->iseq->code[c.pc + 1], NULL, false);
      x64_jmp_label(&g->b, c.done);
      break;
    case COLD_GETIVAR: gen_getivar_cold(g, &c); break;
    case COLD_SETIVAR: gen_setivar_cold(g, &c); break;
    case COLD_IVAR_APPEND: gen_ivar_append_cold(g, &c); break;
    case COLD_ENTER:   /* the callee has no code (yet): the stub asks callee_entry */
      x64_mov_ri(&g->b, RDX, 0);
      x64_call_abs(&g->b, g->t->enter_callee, R11);
      x64_alu_ri(&g->b, ALU_CMP, RAX, (int32_t)Qundef);
      x64_jcc_label(&g->b, CC_E, g->ret_undef);
      x64_jmp_label(&g->b, c.done);
      break;
    }
  }
}

/* ep of `level` scopes out, into rax */
static void load_ep(Gen *g, long level) {
  x64_mov_rr(&g->b, RAX, R13);
  for (long i = 0; i < level; i++) {
    x64_mov_rm(&g->b, RAX, x64_mem(RAX, -8));
    x64_alu_ri(&g->b, ALU_AND, RAX, -2);
  }
}

typedef VALUE *(*OolFn)(VM *vm, Frame *cfp, VALUE *sp, const VALUE *op);
static OolFn ool_fn(int op) {
  switch (op) {
#define X(name) case BIN_##name: return kn_insn_##name;
  KN_OOL_INSNS(X)
#undef X
  default: return NULL;
  }
}

/* Emits one instruction. */
static void gen_insn(Gen *g, long pc) {
  const VALUE *code = g->iseq->code;
  int op = (int)code[pc];
  long len = kn_insn_len(op);
  X64Buf *b = &g->b;
  OolFn ool = ool_fn(op);
  if (ool) {   /* the interpreter's body for it, called with the frame state saved */
    save_state(g, pc + len);
    x64_mov_rr(b, RDI, RBX);
    x64_mov_rr(b, RSI, R12);
    x64_mov_rr(b, RDX, R14);
    x64_mov_ri(b, RCX, (int64_t)(intptr_t)&code[pc + 1]);
    call_fn(g, (const void *)ool);
    x64_mov_rr(b, R14, RAX);
    check_valid(g, pc + len);
    return;
  }
  switch (op) {
  case BIN_nop:
    break;
  case BIN_putnil:
    x64_mov_mi(b, x64_mem(R14, 0), (int32_t)Qnil);
    x64_alu_ri(b, ALU_ADD, R14, 8);
    break;
  case BIN_putself:
    x64_mov_rm(b, RAX, x64_mem(R12, offsetof(Frame, self)));
    push_rax(g);
    break;
  case BIN_putobject:
    x64_mov_ri(b, RAX, (int64_t)code[pc + 1]);
    push_rax(g);
    break;
  case BIN_getlocal:
    if (code[pc + 2] == 0) {
      x64_mov_rm(b, RAX, x64_mem(R13, (int32_t)(8 * (long)code[pc + 1])));
    } else {
      load_ep(g, (long)code[pc + 2]);
      x64_mov_rm(b, RAX, x64_mem(RAX, (int32_t)(8 * (long)code[pc + 1])));
    }
    push_rax(g);
    break;
  case BIN_setlocal:
    x64_mov_rm(b, RCX, STK(1));
    if (code[pc + 2] == 0) {
      x64_mov_mr(b, x64_mem(R13, (int32_t)(8 * (long)code[pc + 1])), RCX);
    } else {
      load_ep(g, (long)code[pc + 2]);
      x64_mov_mr(b, x64_mem(RAX, (int32_t)(8 * (long)code[pc + 1])), RCX);
    }
    x64_alu_ri(b, ALU_SUB, R14, 8);
    break;
  case BIN_checkkeyword:
    x64_alu_mi(b, ALU_CMP, x64_mem(R13, (int32_t)(8 * (long)code[pc + 1])), (int32_t)Qundef);
    x64_mov_ri(b, RAX, (int64_t)Qfalse);
    x64_mov_ri(b, RDX, (int64_t)Qtrue);
    x64_cmov(b, CC_E, RAX, RDX);
    push_rax(g);
    break;
  case BIN_pop:
    x64_alu_ri(b, ALU_SUB, R14, 8);
    break;
  case BIN_dup:
    x64_mov_rm(b, RAX, STK(1));
    push_rax(g);
    break;
  case BIN_dupn: {   /* copies the top n values */
    long k = (long)code[pc + 1];
    for (long i = 0; i < k; i++) {
      x64_mov_rm(b, RAX, x64_mem(R14, (int32_t)(-8 * (k - i))));
      x64_mov_mr(b, x64_mem(R14, (int32_t)(8 * i)), RAX);
    }
    x64_alu_ri(b, ALU_ADD, R14, (int32_t)(8 * k));
    break;
  }
  case BIN_swap:
    x64_mov_rm(b, RAX, STK(1));
    x64_mov_rm(b, RCX, STK(2));
    x64_mov_mr(b, STK(1), RCX);
    x64_mov_mr(b, STK(2), RAX);
    break;
  case BIN_topn:     /* pushes the value n below the top */
    x64_mov_rm(b, RAX, x64_mem(R14, (int32_t)(-8 * (1 + (long)code[pc + 1]))));
    push_rax(g);
    break;
  case BIN_setn:     /* stores the top n below the top, keeps it */
    x64_mov_rm(b, RAX, STK(1));
    x64_mov_mr(b, x64_mem(R14, (int32_t)(-8 * (1 + (long)code[pc + 1]))), RAX);
    break;
  case BIN_adjuststack:
    x64_alu_ri(b, ALU_SUB, R14, (int32_t)(8 * (long)code[pc + 1]));
    break;
  case BIN_opt_plus: case BIN_opt_minus: case BIN_opt_mult: case BIN_opt_div: case BIN_opt_mod:
  case BIN_opt_and: case BIN_opt_or: case BIN_opt_lt: case BIN_opt_le: case BIN_opt_gt:
  case BIN_opt_ge: case BIN_opt_eq: case BIN_opt_neq: case BIN_opt_aref: case BIN_opt_aset:
  case BIN_opt_length: case BIN_opt_size: case BIN_opt_ltlt: case BIN_opt_empty_p:
  case BIN_opt_succ: case BIN_opt_not: case BIN_opt_nil_p:
    gen_opt(g, pc, len, op);
    break;
  case BIN_getinstancevariable:
    gen_getivar(g, pc, len);
    break;
  case BIN_setinstancevariable:
    gen_setivar(g, pc, len);
    break;
  case BIN_send:
    gen_send(g, pc, len, (CallInfo *)code[pc + 1], (const Iseq *)code[pc + 2]);
    break;
  case BIN_opt_send_without_block:
    gen_send(g, pc, len, (CallInfo *)code[pc + 1], NULL);
    break;
  case BIN_invokesuper:
    gen_send_generic(g, pc, len, (CallInfo *)code[pc + 1], (const Iseq *)code[pc + 2], true);
    break;
  case BIN_invokeblock: {
    const CallInfo *ci = (const CallInfo *)code[pc + 1];
    save_state(g, pc + len);
    x64_mov_rr(b, RDI, RBX);
    x64_mov_ri(b, RSI, (int64_t)(intptr_t)ci);
    call_fn(g, (const void *)kn_vm_jit_invokeblock);
    send_result(g, pc + len, ci->argc);
    break;
  }
  case BIN_leave: {   /* result to the caller's stack, pop the frame, return it */
    int special = x64_label_new(b), finish = x64_label_new(b), store = x64_label_new(b);
    x64_mov_rm(b, RAX, STK(1));
    x64_mov32_rm(b, RCX, x64_mem(R12, offsetof(Frame, flags)));
    x64_test_ri(b, RCX, FRAME_FINISH | FRAME_CTOR);
    x64_jcc_label(b, CC_NE, special);
    x64_label_bind(b, store);
    x64_mov_rm(b, RCX, x64_mem(R12, offsetof(Frame, base)));
    x64_mov_mr(b, x64_mem(RCX, 0), RAX);
    x64_alu_ri(b, ALU_ADD, RCX, 8);
    x64_alu_ri(b, ALU_SUB, R12, (int32_t)sizeof(Frame));
    x64_mov_mr(b, x64_mem(RBX, offsetof(VM, cfp)), R12);
    x64_mov_mr(b, x64_mem(R12, offsetof(Frame, sp)), RCX);
    x64_ret(b);
    x64_label_bind(b, special);   /* a FRAME_CTOR frame returns self (never FINISH) */
    x64_test_ri(b, RCX, FRAME_FINISH);
    x64_jcc_label(b, CC_NE, finish);
    x64_mov_rm(b, RAX, x64_mem(R12, offsetof(Frame, self)));
    x64_jmp_label(b, store);
    x64_label_bind(b, finish);   /* the interpreter returns it from kn_vm_exec */
    x64_alu_ri(b, ALU_SUB, R12, (int32_t)sizeof(Frame));
    x64_mov_mr(b, x64_mem(RBX, offsetof(VM, cfp)), R12);
    x64_ret(b);
    break;
  }
  case BIN_branchif: case BIN_branchunless: case BIN_branchnil: {
    long target = pc + len + (long)code[pc + 1];
    x64_alu_ri(b, ALU_SUB, R14, 8);
    x64_mov_rm(b, RAX, x64_mem(R14, 0));
    if (op == BIN_branchnil) {
      x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qnil);
      x64_jcc_label(b, CC_E, g->label_of[target]);
    } else {
      x64_test_ri(b, RAX, (int32_t)~Qnil);
      x64_jcc_label(b, op == BIN_branchif ? CC_NE : CC_E, g->label_of[target]);
    }
    break;
  }
  case BIN_jump:
    x64_jmp_label(b, g->label_of[pc + len + (long)code[pc + 1]]);
    break;
  default:
    side_exit(g, pc, EXIT_UNSUPPORTED);
    break;
  }
  /* an instruction that falls through continues at the next one's code (emitted next) */
}

/* --jit-dump-disasm: the unit's code, each run of instructions headed by the bytecode
 * instruction it came from (Capstone, Intel syntax). */
static void dump_disasm(const Gen *g, const uint8_t *code, FILE *out) {
  const Iseq *iseq = g->iseq;
  fprintf(out, "== tier 1: %s@%s:%d (%zu bytes at %p)\n", iseq->name ? iseq->name : "?",
          iseq->file ? iseq->file : "?", kn_iseq_line(iseq, iseq->code), g->b.len, (const void *)code);
#ifdef KN_HAVE_CAPSTONE
  csh cs;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) return;
  long n = iseq->code_len, pc = 0;
  size_t off = 0;
  while (off < g->b.len) {
    /* the next bytecode instruction whose code starts at or before off */
    while (pc < n && (size_t)g->b.labels[g->label_of[pc]] <= off) {
      fprintf(out, "  # %04ld %s\n", pc, kn_insn_names[iseq->code[pc]]);
      pc += kn_insn_len((int)iseq->code[pc]);
    }
    size_t end = g->b.len;
    if (pc < n) end = (size_t)g->b.labels[g->label_of[pc]];
    if (end <= off) end = g->b.len;
    cs_insn *insn;
    size_t k = cs_disasm(cs, code + off, end - off, (uint64_t)(uintptr_t)(code + off), 0, &insn);
    if (k == 0) break;
    for (size_t i = 0; i < k; i++)
      fprintf(out, "  %016llx  %s %s\n", (unsigned long long)insn[i].address, insn[i].mnemonic, insn[i].op_str);
    size_t used = (size_t)(insn[k - 1].address + insn[k - 1].size - (uint64_t)(uintptr_t)(code + off));
    cs_free(insn, k);
    off += used;
  }
  cs_close(&cs);
#else
  (void)code;
  fprintf(out, "  (kiln was built without Capstone: install libcapstone-dev and rebuild)\n");
#endif
}

/* "START SIZE NAME" lines that `perf report` uses to name JIT code. */
static void perf_map_add(Tier1 *t, const void *code, size_t len, const Iseq *iseq) {
  if (!t->perf_map) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
    t->perf_map = fopen(path, "w");
    if (!t->perf_map) return;
  }
  fprintf(t->perf_map, "%lx %zx kiln:t1:%s@%s:%d\n", (unsigned long)(uintptr_t)code, len,
          iseq->name ? iseq->name : "?", iseq->file ? iseq->file : "?", kn_iseq_line(iseq, iseq->code));
  fflush(t->perf_map);
}

/* Compiles iseq; on success sets iseq->jit_entries, iseq->jit_code (the entry cell) and
 * iseq->jit_unit. Never raises. Returns false (and marks the iseq as not to be retried)
 * when it cannot. */
static bool tier1_compile(VM *vm, Iseq *iseq) {
  Tier1 *t = t1(vm);
  if (iseq->jit_code || (iseq->jit_flags & 1)) return iseq->jit_code != NULL;
  struct timespec t0, t2;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
  Gen g;
  memset(&g, 0, sizeof g);
  g.b = t->buf;
  x64_reset(&g.b);
  g.cold = t->cold;
  g.cold_capa = t->cold_capa;
  g.vm = vm;
  g.iseq = iseq;
  g.t = t;
  g.unit = kn_xcalloc(1, sizeof(Unit));
  g.unit->iseq = iseq;
  long n = iseq->code_len;
  g.b.addr = (uintptr_t)kn_codemem_next(t->mem);   /* install puts it there: rel32 calls */
  x64_presize(&g.b, 64 * (size_t)n + 1024, (int)(2 * n + 64));
  if (t->label_of_capa < n + 1) {
    t->label_of_capa = n + 1;
    t->label_of = kn_xrealloc(t->label_of, sizeof(int) * (size_t)(n + 1));
  }
  g.label_of = t->label_of;
  for (long pc = 0; pc <= n; pc++) g.label_of[pc] = -1;
  for (long pc = 0; pc < n; pc += kn_insn_len((int)iseq->code[pc])) g.label_of[pc] = x64_label_new(&g.b);
  g.label_of[n] = x64_label_new(&g.b);
  g.ret_undef = x64_label_new(&g.b);
  for (long pc = 0; pc < n; pc += kn_insn_len((int)iseq->code[pc])) {
    x64_label_bind(&g.b, g.label_of[pc]);
    gen_insn(&g, pc);
  }
  x64_label_bind(&g.b, g.label_of[n]);   /* falling off the end: cannot happen (leave) */
  x64_ud2(&g.b);
  emit_cold(&g);
  x64_label_bind(&g.b, g.ret_undef);
  x64_mov_ri(&g.b, RAX, (int64_t)Qundef);
  x64_ret(&g.b);
  bool ok = x64_labels_resolved(&g.b) && !g.b.oom;
  /* install places code at kn_codemem_next (codemem.h), where its rel32 calls were aimed */
  uint8_t *code = ok && (uintptr_t)kn_codemem_next(t->mem) == g.b.addr
                      ? kn_codemem_install(t->mem, g.b.code, g.b.len) : NULL;
  Unit *u = g.unit;
  if (code) {
    void **entries = kn_xcalloc((size_t)n, sizeof(void *));
    for (long pc = 0; pc < n; pc += kn_insn_len((int)iseq->code[pc]))
      entries[pc] = code + g.b.labels[g.label_of[pc]];
    u->code = code;
    u->len = g.b.len;
    iseq->jit_entries = entries;
    iseq->jit_unit = u;
    iseq->jit_code = code;     /* the entry cell: one store installs the code */
    if (t->nunits == t->units_capa) {
      t->units_capa = t->units_capa ? 2 * t->units_capa : 64;
      t->units = kn_xrealloc(t->units, sizeof(Unit *) * (size_t)t->units_capa);
    }
    t->units[t->nunits++] = u;
    if (vm->opts.jit_perf_map) perf_map_add(t, code, g.b.len, iseq);
    if (vm->opts.jit_dump_disasm) dump_disasm(&g, code, stderr);
    t->compiled++;
    t->code_bytes += g.b.len;
    t->meta_bytes += sizeof(void *) * (size_t)n + sizeof(Unit) + sizeof(ID) * (size_t)u->deps_capa;
  } else {
    iseq->jit_flags |= 1;   /* blacklisted: not retried */
    t->failed++;
    free(u->deps);
    free(u);
  }
  t->buf = g.b;
  t->cold = g.cold;
  t->cold_capa = g.cold_capa;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t2);
  double ns = (double)(t2.tv_sec - t0.tv_sec) * 1e9 + (double)(t2.tv_nsec - t0.tv_nsec);
  t->compile_ns += ns;
  if (code && iseq->type == ISEQ_METHOD) {
    t->method_ns += ns;
    t->methods++;
  }
  if (vm->opts.jit_verbose > 0)
    fprintf(stderr, "[jit] tier 1 %s %s@%s:%d: %.1f us, %zu bytes\n", code ? "compiled" : "FAILED",
            iseq->name ? iseq->name : "?", iseq->file ? iseq->file : "?",
            kn_iseq_line(iseq, iseq->code), ns / 1e3, code ? u->len : (size_t)0);
  return code != NULL;
}

/* Takes unit u out of use: no new entries (the interpreter's and the entry cell), frames
 * running in it leave at their next check. The code itself stays (frames may be in it).
 * An iseq invalidated too often, or blacklisted, is not compiled again. */
enum { INV_DEPENDENCY, INV_BLACKLIST, INV_REPROFILE };
static void invalidate_unit(Tier1 *t, Unit *u, int why) {
  Iseq *iseq = u->iseq;
  u->invalid = 1;
  if (iseq->jit_unit == u) {
    iseq->jit_code = NULL;
    free(iseq->jit_entries);
    iseq->jit_entries = NULL;
    iseq->jit_unit = NULL;
    /* a recompile for a grown profile happens at most once per instruction: not counted */
    if (why != INV_REPROFILE) {
      if (why == INV_BLACKLIST || (iseq->jit_flags >> 1) + 1 >= REINVALIDATE_LIMIT) {
        iseq->jit_flags |= 1;
        t->blacklisted++;
      }
      iseq->jit_flags += 2;    /* bits 1..: invalidation count */
    }
  }
  t->invalidations++;
}

static void tier1_invalidate(VM *vm, ID mid) {
  Tier1 *t = t1(vm);
  long kept = 0;
  for (long i = 0; i < t->nunits; i++) {
    Unit *u = t->units[i];
    bool hit = false;
    for (int k = 0; k < u->ndeps && !hit; k++) hit = u->deps[k] == mid;
    if (hit) invalidate_unit(t, u, INV_DEPENDENCY);
    else t->units[kept++] = u;
  }
  t->nunits = kept;
}

/* A profile the code of iseq was compiled from has grown (a Float seen by an opt_*
 * instruction compiled without its Float case): drop the code; the next call or back edge
 * compiles it again with the new profile. */
static void tier1_reprofile(VM *vm, Iseq *iseq) {
  Tier1 *t = t1(vm);
  Unit *u = iseq->jit_unit;
  if (!u) return;
  for (long i = 0; i < t->nunits; i++)
    if (t->units[i] == u) { t->units[i] = t->units[--t->nunits]; break; }
  invalidate_unit(t, u, INV_REPROFILE);
  t->recompiles++;
}

static VALUE tier1_enter(VM *vm, Frame *cfp, void *code) {
  Tier1 *t = t1(vm);
  t->entries++;
  Unit *u = cfp->iseq->jit_unit;
  if (u && ++u->entries > EXIT_BLACKLIST_MIN && u->exits > EXIT_BLACKLIST_MIN &&
      u->exits * 10 > u->entries * 9) {
    /* nearly every entry ends in a side exit: the interpreter alone is cheaper */
    for (long i = 0; i < t->nunits; i++)
      if (t->units[i] == u) { t->units[i] = t->units[--t->nunits]; break; }
    invalidate_unit(t, u, INV_BLACKLIST);
    return Qundef;   /* nothing ran: cfp->pc/sp are as the interpreter left them */
  }
  return t->trampoline(vm, cfp, code);
}

void kn_jit_init(VM *vm) {
  if (vm->opts.jit_max_tier < 1) return;
  Tier1 *t = kn_xcalloc(1, sizeof(Tier1));
  size_t mem = (size_t)(vm->opts.jit_mem_mib > 0 ? vm->opts.jit_mem_mib : 64) << 20;
  t->mem = kn_codemem_new(mem);
  if (!t->mem || !make_trampoline(t, vm->opts.jit_stats)) {
    kn_codemem_free(t->mem);
    free(t);
    return;
  }
  vm->jit = t;
  vm->jit_compile = tier1_compile;
  vm->jit_enter = tier1_enter;
  vm->jit_invalidate = tier1_invalidate;
  vm->jit_reprofile = tier1_reprofile;
}

/* One "key: value" line per counter (tests/run's JIT checks read them by key). */
void kn_jit_print_stats(VM *vm, FILE *out) {
  Tier1 *t = t1(vm);
  fprintf(out, "***JIT stats***\n");
  fprintf(out, "interp_insns: %llu    (bytecode instructions the interpreter ran)\n",
          (unsigned long long)vm->insns_executed);
  if (!t) {
    fprintf(out, "jit: off (interpreter only)\n");
    return;
  }
  fprintf(out, "compiled_iseqs: %ld\n", t->compiled);
  fprintf(out, "compile_failures: %ld\n", t->failed);
  fprintf(out, "jit_entries: %ld\n", t->entries);
  fprintf(out, "osr_entries: %llu    (entries at a loop's back edge)\n", (unsigned long long)vm->jit_osr_entries);
  fprintf(out, "invalidations: %ld\n", t->invalidations);
  fprintf(out, "blacklisted: %ld\n", t->blacklisted);
  fprintf(out, "recompiles: %ld    (code dropped because its profile grew)\n", t->recompiles);
  fprintf(out, "fast_sends: %llu    (call sites compiled with an inline frame push)\n",
          (unsigned long long)t->fast_sends);
  fprintf(out, "new_sites: %llu    (Class#new sends compiled as allocation + initialize)\n",
          (unsigned long long)t->new_sites);
  fprintf(out, "code_bytes: %zu\n", t->code_bytes);
  fprintf(out, "metadata_bytes: %zu\n", t->meta_bytes);
  fprintf(out, "code_mem_refusals: %ld\n", t->mem->full_refusals);
  fprintf(out, "compile_time_us: %.1f\n", t->compile_ns / 1e3);
  fprintf(out, "compile_time_avg_us: %.2f    (per unit: methods, blocks, top-level scripts)\n",
          t->compiled ? t->compile_ns / 1e3 / (double)t->compiled : 0.0);
  fprintf(out, "compiled_methods: %ld\n", t->methods);
  fprintf(out, "compile_time_method_avg_us: %.2f    (per method unit)\n",
          t->methods ? t->method_ns / 1e3 / (double)t->methods : 0.0);
  for (int i = 0; i < SLOW__COUNT; i++)
    fprintf(out, "%s: %llu    (%s)\n", slow_keys[i], (unsigned long long)t->slow[i], slow_names[i]);
  for (int i = 0; i < EXIT__COUNT; i++)
    fprintf(out, "%s: %llu    (side exits: %s)\n", exit_keys[i], (unsigned long long)t->exits[i], exit_names[i]);
}

/* Frame layout facts the inline frame push relies on. */
_Static_assert(offsetof(Frame, defvis) == offsetof(Frame, flags) + 4, "flags+defvis: one 8-byte store");
_Static_assert(offsetof(Frame, mid) >= offsetof(Frame, argc) + 8, "argc: an 8-byte store");
_Static_assert(offsetof(Iseq, backedge_count) == offsetof(Iseq, call_count) + 4, "call_count: 64-bit add");
_Static_assert(offsetof(RObject, capa) == offsetof(RObject, numiv) + 4, "numiv+capa: one 8-byte access");
