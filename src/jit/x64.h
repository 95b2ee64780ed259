/* x64.h -- an x86-64 assembler named by mnemonics, for the one-pass tier-1 JIT.
 *
 * Code is appended to an X64Buf (malloc'ed, grows; an allocation failure sets `oom` and
 * further emits are dropped, so callers check once at the end). Operands: registers
 * (X64Reg), immediates, and memory operands X64Mem built with x64_mem(base, disp) or
 * x64_mem_idx(base, index, scale, disp), usually from offsetof() of the VM's structs.
 * All integer instructions are 64-bit unless their name says otherwise (mov32, movzx8).
 * Jumps to labels are always rel32; forward references are patched when the label is
 * bound. Nothing here knows about the VM: it is a plain encoder, checked byte for byte
 * and against Capstone by tests/unit/test_x64.c. */
#ifndef KN_X64_H
#define KN_X64_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
  RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15,
  X64_NOREG = -1
} X64Reg;

typedef enum { XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7, XMM8, XMM9, XMM10, XMM11,
               XMM12, XMM13, XMM14, XMM15 } X64Xmm;

/* Condition codes (the low nibble of Jcc / SETcc / CMOVcc). */
typedef enum { CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A, CC_S, CC_NS, CC_P, CC_NP,
               CC_L, CC_GE, CC_LE, CC_G } X64Cond;

/* [base + index*scale + disp]; index X64_NOREG for none; scale 1, 2, 4 or 8. */
typedef struct X64Mem { X64Reg base, index; int scale; int32_t disp; } X64Mem;

static inline X64Mem x64_mem(X64Reg base, int32_t disp) {
  X64Mem m = {base, X64_NOREG, 1, disp};
  return m;
}
static inline X64Mem x64_mem_idx(X64Reg base, X64Reg index, int scale, int32_t disp) {
  X64Mem m = {base, index, scale, disp};
  return m;
}

typedef struct X64Fixup { size_t at; int next; } X64Fixup;   /* next: the label's next fixup, -1 */

typedef struct X64Buf {
  uint8_t *code;
  size_t len, cap;
  bool oom;                 /* an allocation failed: the buffer is incomplete */
  long *labels;             /* label -> offset, -1 while unbound */
  int *label_fixups;        /* label -> its first waiting fixup (a chain through next), -1 */
  int nlabels, labels_cap;
  X64Fixup *fixups;         /* rel32 fields waiting for a label (never removed) */
  int nfixups, fixups_cap;
  int pending;              /* fixups whose label is not bound yet */
  uintptr_t addr;           /* where code[0] will run (0: not known): x64_call_abs uses it */
} X64Buf;

void x64_init(X64Buf *b);
void x64_free(X64Buf *b);
/* Empties b (no code, labels or fixups) and keeps its memory for the next use. */
void x64_reset(X64Buf *b);
/* Makes room for code_bytes of code and `labels` labels up front (fewer reallocations);
 * an estimate: the buffer still grows past it. */
void x64_presize(X64Buf *b, size_t code_bytes, int labels);
/* Creates a label (unbound). */
int x64_label_new(X64Buf *b);
/* Binds label l to the current position and patches the jumps already made to it. */
void x64_label_bind(X64Buf *b, int l);
/* True when every label that was jumped to has been bound. */
bool x64_labels_resolved(const X64Buf *b);
/* Writes the rel32 at code[at] so that it reaches `target` (an offset in the buffer);
 * the rel32 is relative to the end of its 4 bytes. */
void x64_patch_rel32(X64Buf *b, size_t at, size_t target);

/* ---- integer moves ---- */
void x64_mov_rr(X64Buf *b, X64Reg dst, X64Reg src);
void x64_mov_ri(X64Buf *b, X64Reg dst, int64_t imm);        /* shortest encoding */
void x64_mov_rm(X64Buf *b, X64Reg dst, X64Mem m);           /* dst = [m] */
void x64_mov_mr(X64Buf *b, X64Mem m, X64Reg src);           /* [m] = src */
void x64_mov_mi(X64Buf *b, X64Mem m, int32_t imm);          /* [m] = sign-extended imm */
void x64_mov32_rm(X64Buf *b, X64Reg dst, X64Mem m);         /* 32-bit load, zero-extends */
void x64_lea(X64Buf *b, X64Reg dst, X64Mem m);
void x64_movzx8_rr(X64Buf *b, X64Reg dst, X64Reg src8);     /* dst32 = zero-extend src8 */
void x64_cmov(X64Buf *b, X64Cond cc, X64Reg dst, X64Reg src);

/* ---- arithmetic: add or and sub xor cmp, each as rr / ri / rm / mi ---- */
typedef enum { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 } X64Alu;
void x64_alu_rr(X64Buf *b, X64Alu op, X64Reg dst, X64Reg src);
void x64_alu_ri(X64Buf *b, X64Alu op, X64Reg dst, int32_t imm);
void x64_alu_rm(X64Buf *b, X64Alu op, X64Reg dst, X64Mem m);
void x64_alu_mi(X64Buf *b, X64Alu op, X64Mem m, int32_t imm);
void x64_test_rr(X64Buf *b, X64Reg a, X64Reg c);
void x64_test_ri(X64Buf *b, X64Reg a, int32_t imm);
void x64_imul_rr(X64Buf *b, X64Reg dst, X64Reg src);
void x64_imul_rri(X64Buf *b, X64Reg dst, X64Reg src, int32_t imm);
void x64_neg(X64Buf *b, X64Reg r);
void x64_not(X64Buf *b, X64Reg r);
void x64_inc(X64Buf *b, X64Reg r);
void x64_dec(X64Buf *b, X64Reg r);
typedef enum { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 } X64Shift;
void x64_shift_ri(X64Buf *b, X64Shift op, X64Reg r, uint8_t n);
void x64_shift_cl(X64Buf *b, X64Shift op, X64Reg r);
void x64_cqo(X64Buf *b);
void x64_idiv(X64Buf *b, X64Reg r);

/* ---- stack and control ---- */
void x64_push(X64Buf *b, X64Reg r);
void x64_pop(X64Buf *b, X64Reg r);
void x64_call_rel32(X64Buf *b, int32_t rel);    /* relative to the end of the instruction */
void x64_call_r(X64Buf *b, X64Reg r);
/* A call of the absolute address `target`: call rel32 when b->addr is known and the target
 * is in reach, else mov scratch, target; call scratch (scratch is clobbered). */
void x64_call_abs(X64Buf *b, const void *target, X64Reg scratch);
void x64_call_m(X64Buf *b, X64Mem m);
void x64_jmp_r(X64Buf *b, X64Reg r);
void x64_jmp_m(X64Buf *b, X64Mem m);
void x64_jmp_label(X64Buf *b, int label);
void x64_jcc_label(X64Buf *b, X64Cond cc, int label);
void x64_setcc(X64Buf *b, X64Cond cc, X64Reg r8);
void x64_ret(X64Buf *b);
void x64_nop(X64Buf *b);
void x64_int3(X64Buf *b);
void x64_ud2(X64Buf *b);

/* ---- scalar double (SSE2) ---- */
void x64_movq_xr(X64Buf *b, X64Xmm dst, X64Reg src);
void x64_movq_rx(X64Buf *b, X64Reg dst, X64Xmm src);
void x64_movsd_xm(X64Buf *b, X64Xmm dst, X64Mem m);
void x64_movsd_mx(X64Buf *b, X64Mem m, X64Xmm src);
void x64_movsd_xx(X64Buf *b, X64Xmm dst, X64Xmm src);
typedef enum { SD_SQRT = 0x51, SD_ADD = 0x58, SD_MUL = 0x59, SD_SUB = 0x5C, SD_DIV = 0x5E } X64SdOp;
void x64_sd_xx(X64Buf *b, X64SdOp op, X64Xmm dst, X64Xmm src);
void x64_ucomisd(X64Buf *b, X64Xmm a, X64Xmm c);
void x64_comisd(X64Buf *b, X64Xmm a, X64Xmm c);
void x64_cvtsi2sd(X64Buf *b, X64Xmm dst, X64Reg src);
void x64_cvttsd2si(X64Buf *b, X64Reg dst, X64Xmm src);

#endif
