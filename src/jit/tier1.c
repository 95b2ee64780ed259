/* tier1.c -- the baseline JIT, first step: bytecode straight to x86-64 in one pass.
 *
 * A compiled iseq (a "unit") is one block of machine code with an entry address for every
 * instruction (iseq->jit_entries[pc offset]), so the interpreter can jump in at method
 * entry, after a call returns, and at a loop's back edge (OSR entry: a loop in a method
 * called once is compiled and entered at its header). Compiled code shares the
 * interpreter's frame exactly: locals at ep[i], the operand stack in the VM stack.
 *
 * Registers while in compiled code (all callee-saved, set up by the trampoline):
 *   rbx = VM *, r12 = Frame *cfp, r13 = cfp->ep, r14 = operand stack pointer (sp).
 * Compiled code never calls out, allocates or raises in this first step: anything it does
 * not handle (calls, allocation, `leave`, a failed type guard, an overflow) is a side
 * exit: it stores cfp->pc (the instruction to run next) and cfp->sp and returns Qundef,
 * and the interpreter continues from exactly there. So the GC never runs while compiled
 * code is on the stack, and exceptions never cross it.
 *
 * Handled so far: putnil putself putobject getlocal/setlocal (level 0) pop dup dupn swap
 * topn setn adjuststack nop,
 * opt_plus opt_minus opt_mult opt_mod opt_lt opt_le opt_gt opt_ge opt_eq opt_neq opt_and
 * opt_or on Fixnums (with the redefinition check and overflow guard), opt_aref opt_aset
 * opt_length opt_size on Arrays, get/setinstancevariable through their caches, branchif
 * branchunless branchnil jump. The rest side-exits (EXIT_REASONS below). */
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
  X(EXIT_NOT_FIXNUM, "exit_not_fixnum", "operand not a Fixnum")                              \
  X(EXIT_OVERFLOW, "exit_overflow", "Fixnum overflow")                                       \
  X(EXIT_REDEFINED, "exit_redefined", "basic operator redefined")                          \
  X(EXIT_NOT_ARRAY, "exit_not_array", "receiver not an Array (or frozen, for []=)")         \
  X(EXIT_INDEX, "exit_index", "index not a Fixnum inside the Array")                        \
  X(EXIT_IVAR, "exit_ivar", "ivar cache miss (class or slot)")                              \
  X(EXIT_DIVISOR, "exit_divisor", "divisor 0 or -1")
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

typedef struct Tier1 {
  CodeMem *mem;
  FILE *perf_map;       /* --jit-perf-map: /tmp/perf-PID.map, one line per unit */
  VALUE (*trampoline)(VM *vm, Frame *cfp, void *code);
  long compiled, failed, entries;
  uint64_t exits[EXIT__COUNT];
  double compile_ns;
  size_t code_bytes, meta_bytes;
} Tier1;

static Tier1 *t1(VM *vm) { return vm->jit; }

/* ---- trampoline ------------------------------------------------------------------------ */
/* VALUE trampoline(VM *vm [rdi], Frame *cfp [rsi], void *code [rdx]): saves the callee-saved
 * registers compiled code uses, loads them from the frame, jumps to code. Compiled code
 * returns through its unit's epilogue, which restores them. */
static bool make_trampoline(Tier1 *t) {
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
  x64_jmp_r(&b, RDX);
  void *p = b.oom ? NULL : kn_codemem_install(t->mem, b.code, b.len);
  x64_free(&b);
  t->trampoline = (VALUE (*)(VM *, Frame *, void *))p;
  return p != NULL;
}

/* ---- code generation ------------------------------------------------------------------- */
typedef struct Gen {
  X64Buf b;
  const Iseq *iseq;
  Tier1 *t;
  int *label_of;        /* pc offset -> label (instruction starts only) */
  int epilogue;
} Gen;

#define STK(k) x64_mem(R14, (int32_t)(-8 * (k)))   /* k-th value from the top: STK(1) = top */

/* Side exit: the interpreter resumes at instruction `pc` with the current sp. */
static void side_exit(Gen *g, long pc, int reason) {
  x64_mov_ri(&g->b, RAX, (int64_t)(intptr_t)&g->iseq->code[pc]);
  x64_mov_mr(&g->b, x64_mem(R12, offsetof(Frame, pc)), RAX);
  x64_mov_mr(&g->b, x64_mem(R12, offsetof(Frame, sp)), R14);
  x64_mov_ri(&g->b, RAX, (int64_t)(intptr_t)&g->t->exits[reason]);
  x64_alu_mi(&g->b, ALU_ADD, x64_mem(RAX, 0), 1);
  x64_jmp_label(&g->b, g->epilogue);
}

/* A guard's failure path: jumps over the exit code when the condition does not hold.
 * Usage: emits `jcc(cc) -> exit` as "j!cc over; exit; over:". */
static void exit_if(Gen *g, X64Cond cc, long pc, int reason) {
  int over = x64_label_new(&g->b);
  x64_jcc_label(&g->b, (X64Cond)(cc ^ 1), over);
  side_exit(g, pc, reason);
  x64_label_bind(&g->b, over);
}

static void push_rax(Gen *g) {
  x64_mov_mr(&g->b, x64_mem(R14, 0), RAX);
  x64_alu_ri(&g->b, ALU_ADD, R14, 8);
}

/* rax = second from top, rcx = top; exits unless both are Fixnums and op is not redefined. */
static void not_redefined(Gen *g, long pc, uint32_t bop);

static void fixnum_operands(Gen *g, long pc, uint32_t bop) {
  not_redefined(g, pc, bop);
  x64_mov_rm(&g->b, RAX, STK(2));
  x64_mov_rm(&g->b, RCX, STK(1));
  x64_mov_rr(&g->b, RDX, RAX);
  x64_alu_rr(&g->b, ALU_AND, RDX, RCX);
  x64_test_ri(&g->b, RDX, 1);
  exit_if(g, CC_E, pc, EXIT_NOT_FIXNUM);
}

/* replaces the two operands with rax */
static void binop_result(Gen *g) {
  x64_mov_mr(&g->b, STK(2), RAX);
  x64_alu_ri(&g->b, ALU_SUB, R14, 8);
}

/* Exits unless the redefinition bits in bop are all clear. Clobbers rdx. */
static void not_redefined(Gen *g, long pc, uint32_t bop) {
  x64_mov32_rm(&g->b, RDX, x64_mem(RBX, offsetof(VM, redefined_basic)));
  x64_test_ri(&g->b, RDX, (int32_t)bop);
  exit_if(g, CC_NE, pc, EXIT_REDEFINED);
}

/* Exits unless `r` holds an unfrozen-if-asked Array (class exactly Array). Clobbers rdx. */
static void array_guard(Gen *g, long pc, X64Reg r, bool writable) {
  x64_test_ri(&g->b, r, 7);
  exit_if(g, CC_NE, pc, EXIT_NOT_ARRAY);          /* an immediate */
  x64_test_rr(&g->b, r, r);
  exit_if(g, CC_E, pc, EXIT_NOT_ARRAY);           /* false */
  x64_mov_rm(&g->b, RDX, x64_mem(r, offsetof(RBasic, klass)));
  x64_alu_rm(&g->b, ALU_CMP, RDX, x64_mem(RBX, offsetof(VM, cArray)));
  exit_if(g, CC_NE, pc, EXIT_NOT_ARRAY);
  if (writable) {
    x64_mov32_rm(&g->b, RDX, x64_mem(r, offsetof(RBasic, flags)));
    x64_test_ri(&g->b, RDX, FL_FROZEN);
    exit_if(g, CC_NE, pc, EXIT_NOT_ARRAY);
  }
}

/* rcx = untagged index of the Fixnum in rcx, known to be inside Array rax. */
static void index_guard(Gen *g, long pc) {
  x64_test_ri(&g->b, RCX, 1);
  exit_if(g, CC_E, pc, EXIT_INDEX);
  x64_shift_ri(&g->b, SH_SAR, RCX, 1);
  x64_alu_rm(&g->b, ALU_CMP, RCX, x64_mem(RAX, offsetof(RArray, len)));
  exit_if(g, CC_AE, pc, EXIT_INDEX);              /* unsigned: negative too */
}

static void compare(Gen *g, long pc, uint32_t bop, X64Cond cc) {
  fixnum_operands(g, pc, bop);
  x64_alu_rr(&g->b, ALU_CMP, RAX, RCX);
  x64_mov_ri(&g->b, RAX, (int64_t)Qfalse);   /* mov does not touch the flags */
  x64_mov_ri(&g->b, RDX, (int64_t)Qtrue);
  x64_cmov(&g->b, cc, RAX, RDX);
  binop_result(g);
}

/* Emits one instruction; returns false only on an internal inconsistency. */
static void gen_insn(Gen *g, long pc) {
  const VALUE *code = g->iseq->code;
  int op = (int)code[pc];
  long len = kn_insn_len(op);
  X64Buf *b = &g->b;
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
    if (code[pc + 2] != 0) {
      side_exit(g, pc, EXIT_UNSUPPORTED);
      break;
    }
    x64_mov_rm(b, RAX, x64_mem(R13, (int32_t)(8 * (long)code[pc + 1])));
    push_rax(g);
    break;
  case BIN_setlocal:
    if (code[pc + 2] != 0) {
      side_exit(g, pc, EXIT_UNSUPPORTED);
      break;
    }
    x64_mov_rm(b, RAX, STK(1));
    x64_mov_mr(b, x64_mem(R13, (int32_t)(8 * (long)code[pc + 1])), RAX);
    x64_alu_ri(b, ALU_SUB, R14, 8);
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
  case BIN_opt_plus:   /* a + (b - 1): both tagged */
    fixnum_operands(g, pc, KN_BOP_PLUS);
    x64_alu_ri(b, ALU_SUB, RCX, 1);
    x64_alu_rr(b, ALU_ADD, RCX, RAX);
    exit_if(g, CC_O, pc, EXIT_OVERFLOW);
    x64_mov_rr(b, RAX, RCX);
    binop_result(g);
    break;
  case BIN_opt_minus:  /* a - b + 1 */
    fixnum_operands(g, pc, KN_BOP_MINUS);
    x64_mov_rr(b, RDX, RAX);
    x64_alu_rr(b, ALU_SUB, RDX, RCX);
    exit_if(g, CC_O, pc, EXIT_OVERFLOW);
    x64_alu_ri(b, ALU_ADD, RDX, 1);
    x64_mov_rr(b, RAX, RDX);
    binop_result(g);
    break;
  case BIN_opt_mult:   /* (a >> 1) * (b - 1), then | 1 */
    fixnum_operands(g, pc, KN_BOP_MULT);
    x64_shift_ri(b, SH_SAR, RAX, 1);
    x64_alu_ri(b, ALU_SUB, RCX, 1);
    x64_imul_rr(b, RAX, RCX);
    exit_if(g, CC_O, pc, EXIT_OVERFLOW);
    x64_alu_ri(b, ALU_OR, RAX, 1);
    binop_result(g);
    break;
  case BIN_opt_and:
    fixnum_operands(g, pc, KN_BOP_AND);
    x64_alu_rr(b, ALU_AND, RAX, RCX);
    binop_result(g);
    break;
  case BIN_opt_or:
    fixnum_operands(g, pc, KN_BOP_OR);
    x64_alu_rr(b, ALU_OR, RAX, RCX);
    binop_result(g);
    break;
  case BIN_opt_lt: compare(g, pc, KN_BOP_LT, CC_L); break;
  case BIN_opt_le: compare(g, pc, KN_BOP_LE, CC_LE); break;
  case BIN_opt_gt: compare(g, pc, KN_BOP_GT, CC_G); break;
  case BIN_opt_ge: compare(g, pc, KN_BOP_GE, CC_GE); break;
  case BIN_opt_eq: compare(g, pc, KN_BOP_EQ, CC_E); break;
  case BIN_opt_neq: compare(g, pc, KN_BOP_NEQ | KN_BOP_EQ, CC_NE); break;
  case BIN_opt_mod: {   /* Ruby's floored modulo */
    fixnum_operands(g, pc, KN_BOP_MOD);
    x64_shift_ri(b, SH_SAR, RAX, 1);
    x64_shift_ri(b, SH_SAR, RCX, 1);
    x64_alu_ri(b, ALU_CMP, RCX, 0);
    exit_if(g, CC_E, pc, EXIT_DIVISOR);
    x64_alu_ri(b, ALU_CMP, RCX, -1);
    exit_if(g, CC_E, pc, EXIT_DIVISOR);
    x64_cqo(b);
    x64_idiv(b, RCX);                 /* rdx = remainder, with the dividend's sign */
    int done = x64_label_new(b);
    x64_test_rr(b, RDX, RDX);
    x64_jcc_label(b, CC_E, done);
    x64_mov_rr(b, RAX, RDX);
    x64_alu_rr(b, ALU_XOR, RAX, RCX);
    x64_jcc_label(b, CC_NS, done);    /* same signs: already floored */
    x64_alu_rr(b, ALU_ADD, RDX, RCX);
    x64_label_bind(b, done);
    x64_shift_ri(b, SH_SHL, RDX, 1);
    x64_alu_ri(b, ALU_OR, RDX, 1);
    x64_mov_rr(b, RAX, RDX);
    binop_result(g);
    break;
  }
  case BIN_opt_aref:    /* Array[Fixnum] inside the bounds */
    not_redefined(g, pc, KN_BOP_AREF);
    x64_mov_rm(b, RAX, STK(2));
    x64_mov_rm(b, RCX, STK(1));
    array_guard(g, pc, RAX, false);
    index_guard(g, pc);
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RArray, ptr)));
    x64_mov_rm(b, RAX, x64_mem_idx(RDX, RCX, 8, 0));
    binop_result(g);
    break;
  case BIN_opt_aset:    /* Array[Fixnum] = v inside the bounds; the result is v */
    not_redefined(g, pc, KN_BOP_ASET);
    x64_mov_rm(b, RAX, STK(3));
    x64_mov_rm(b, RCX, STK(2));
    array_guard(g, pc, RAX, true);
    index_guard(g, pc);
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RArray, ptr)));
    x64_mov_rm(b, RAX, STK(1));
    x64_mov_mr(b, x64_mem_idx(RDX, RCX, 8, 0), RAX);
    x64_mov_mr(b, STK(3), RAX);
    x64_alu_ri(b, ALU_SUB, R14, 16);
    break;
  case BIN_opt_length: case BIN_opt_size:   /* Array#length / #size */
    not_redefined(g, pc, op == BIN_opt_length ? KN_BOP_LENGTH : KN_BOP_SIZE);
    x64_mov_rm(b, RAX, STK(1));
    array_guard(g, pc, RAX, false);
    x64_mov_rm(b, RAX, x64_mem(RAX, offsetof(RArray, len)));
    x64_shift_ri(b, SH_SHL, RAX, 1);
    x64_alu_ri(b, ALU_OR, RAX, 1);
    x64_mov_mr(b, STK(1), RAX);
    break;
  case BIN_getinstancevariable: {   /* self's slot through the instruction's IvarCache */
    const IvarCache *ic = (const IvarCache *)code[pc + 2];
    x64_mov_rm(b, RAX, x64_mem(R12, offsetof(Frame, self)));
    x64_test_ri(b, RAX, 7);
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_test_rr(b, RAX, RAX);
    exit_if(g, CC_E, pc, EXIT_IVAR);
    x64_mov_ri(b, RCX, (int64_t)(intptr_t)ic);
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, klass)));
    x64_alu_rm(b, ALU_CMP, RDX, x64_mem(RCX, offsetof(IvarCache, klass)));
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, flags)));
    x64_alu_ri(b, ALU_AND, RDX, KN_TMASK);
    x64_alu_ri(b, ALU_CMP, RDX, T_OBJECT);
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_mov32_rm(b, RCX, x64_mem(RCX, offsetof(IvarCache, index)));
    x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RObject, numiv)));
    x64_alu_rr(b, ALU_CMP, RCX, RDX);
    exit_if(g, CC_AE, pc, EXIT_IVAR);               /* unset slot: the interpreter says nil */
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RObject, ivptr)));
    x64_mov_rm(b, RAX, x64_mem_idx(RDX, RCX, 8, 0));
    x64_alu_ri(b, ALU_CMP, RAX, (int32_t)Qundef);
    exit_if(g, CC_E, pc, EXIT_IVAR);
    push_rax(g);
    break;
  }
  case BIN_setinstancevariable: {   /* an existing slot of an unfrozen self, through the cache */
    const IvarCache *ic = (const IvarCache *)code[pc + 2];
    x64_mov_rm(b, RAX, x64_mem(R12, offsetof(Frame, self)));
    x64_test_ri(b, RAX, 7);
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_test_rr(b, RAX, RAX);
    exit_if(g, CC_E, pc, EXIT_IVAR);
    x64_mov_ri(b, RCX, (int64_t)(intptr_t)ic);
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, klass)));
    x64_alu_rm(b, ALU_CMP, RDX, x64_mem(RCX, offsetof(IvarCache, klass)));
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RBasic, flags)));
    x64_test_ri(b, RDX, FL_FROZEN);
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_alu_ri(b, ALU_AND, RDX, KN_TMASK);
    x64_alu_ri(b, ALU_CMP, RDX, T_OBJECT);
    exit_if(g, CC_NE, pc, EXIT_IVAR);
    x64_mov32_rm(b, RCX, x64_mem(RCX, offsetof(IvarCache, index)));
    x64_mov32_rm(b, RDX, x64_mem(RAX, offsetof(RObject, numiv)));
    x64_alu_rr(b, ALU_CMP, RCX, RDX);
    exit_if(g, CC_AE, pc, EXIT_IVAR);               /* a new slot: the interpreter grows it */
    x64_mov_rm(b, RDX, x64_mem(RAX, offsetof(RObject, ivptr)));
    x64_mov_rm(b, RAX, STK(1));
    x64_mov_mr(b, x64_mem_idx(RDX, RCX, 8, 0), RAX);
    x64_alu_ri(b, ALU_SUB, R14, 8);
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

/* Compiles iseq; on success sets iseq->jit_entries and iseq->jit_code. Never raises.
 * Returns false (and marks the iseq as not to be retried) when it cannot. */
static bool tier1_compile(VM *vm, Iseq *iseq) {
  Tier1 *t = t1(vm);
  if (iseq->jit_code || (iseq->jit_flags & 1)) return iseq->jit_code != NULL;
  struct timespec t0, t2;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  Gen g;
  memset(&g, 0, sizeof g);
  x64_init(&g.b);
  g.iseq = iseq;
  g.t = t;
  long n = iseq->code_len;
  g.label_of = kn_xcalloc((size_t)n + 1, sizeof(int));
  for (long pc = 0; pc <= n; pc++) g.label_of[pc] = -1;
  for (long pc = 0; pc < n; pc += kn_insn_len((int)iseq->code[pc])) g.label_of[pc] = x64_label_new(&g.b);
  g.label_of[n] = x64_label_new(&g.b);
  g.epilogue = x64_label_new(&g.b);
  for (long pc = 0; pc < n; pc += kn_insn_len((int)iseq->code[pc])) {
    x64_label_bind(&g.b, g.label_of[pc]);
    gen_insn(&g, pc);
  }
  x64_label_bind(&g.b, g.label_of[n]);   /* falling off the end: cannot happen (leave) */
  x64_ud2(&g.b);
  x64_label_bind(&g.b, g.epilogue);
  x64_mov_ri(&g.b, RAX, (int64_t)Qundef);
  x64_pop(&g.b, RBP);
  x64_pop(&g.b, R14);
  x64_pop(&g.b, R13);
  x64_pop(&g.b, R12);
  x64_pop(&g.b, RBX);
  x64_ret(&g.b);
  bool ok = x64_labels_resolved(&g.b);
  uint8_t *code = ok ? kn_codemem_install(t->mem, g.b.code, g.b.len) : NULL;
  if (code) {
    void **entries = kn_xcalloc((size_t)n, sizeof(void *));
    for (long pc = 0; pc < n; pc += kn_insn_len((int)iseq->code[pc]))
      entries[pc] = code + g.b.labels[g.label_of[pc]];
    iseq->jit_entries = entries;
    iseq->jit_code = code;
    if (vm->opts.jit_perf_map) perf_map_add(t, code, g.b.len, iseq);
    if (vm->opts.jit_dump_disasm) dump_disasm(&g, code, stderr);
    t->compiled++;
    t->code_bytes += g.b.len;
    t->meta_bytes += sizeof(void *) * (size_t)n;
  } else {
    iseq->jit_flags |= 1;   /* blacklisted: not retried */
    t->failed++;
  }
  free(g.label_of);
  x64_free(&g.b);
  clock_gettime(CLOCK_MONOTONIC, &t2);
  t->compile_ns += (double)(t2.tv_sec - t0.tv_sec) * 1e9 + (double)(t2.tv_nsec - t0.tv_nsec);
  return code != NULL;
}

static VALUE tier1_enter(VM *vm, Frame *cfp, void *code) {
  Tier1 *t = t1(vm);
  t->entries++;
  return t->trampoline(vm, cfp, code);
}

void kn_jit_init(VM *vm) {
  if (vm->opts.jit_max_tier < 1) return;
  Tier1 *t = kn_xcalloc(1, sizeof(Tier1));
  size_t mem = (size_t)(vm->opts.jit_mem_mib > 0 ? vm->opts.jit_mem_mib : 64) << 20;
  t->mem = kn_codemem_new(mem);
  if (!t->mem || !make_trampoline(t)) {
    kn_codemem_free(t->mem);
    free(t);
    return;
  }
  vm->jit = t;
  vm->jit_compile = tier1_compile;
  vm->jit_enter = tier1_enter;
}

/* One "key: value" line per counter (tests/run's JIT checks read them by key). */
void kn_jit_print_stats(VM *vm, FILE *out) {
  Tier1 *t = t1(vm);
  fprintf(out, "***JIT stats***\n");
  if (!t) {
    fprintf(out, "jit: off (interpreter only)\n");
    return;
  }
  fprintf(out, "compiled_iseqs: %ld\n", t->compiled);
  fprintf(out, "compile_failures: %ld\n", t->failed);
  fprintf(out, "jit_entries: %ld\n", t->entries);
  fprintf(out, "code_bytes: %zu\n", t->code_bytes);
  fprintf(out, "metadata_bytes: %zu\n", t->meta_bytes);
  fprintf(out, "code_mem_refusals: %ld\n", t->mem->full_refusals);
  fprintf(out, "compile_time_us: %.1f\n", t->compile_ns / 1e3);
  fprintf(out, "compile_time_avg_us: %.2f\n", t->compiled ? t->compile_ns / 1e3 / (double)t->compiled : 0.0);
  for (int i = 0; i < EXIT__COUNT; i++)
    fprintf(out, "%s: %llu    (side exits: %s)\n", exit_keys[i], (unsigned long long)t->exits[i], exit_names[i]);
}
