/* x64.c -- the encoder behind x64.h.
 *
 * Every instruction goes through enc(): [legacy prefix] [REX] opcode bytes ModRM [SIB]
 * [disp8/disp32]. ModRM's reg field is a register or an opcode extension (/digit); its
 * r/m field is a register or a memory operand. Special cases of the addressing forms:
 * base RSP/R12 needs a SIB byte, base RBP/R13 with no displacement needs disp8 0 (mod 00
 * with that base means RIP-relative / disp32-only). 8-bit register operands SPL..DIL
 * need a REX prefix even when no REX bit is set. */
#include <stdlib.h>
#include <string.h>
#include "x64.h"

/* ---- buffer ---------------------------------------------------------------------------- */
void x64_init(X64Buf *b) { memset(b, 0, sizeof *b); }

void x64_free(X64Buf *b) {
  free(b->code);
  free(b->labels);
  free(b->label_fixups);
  free(b->fixups);
  memset(b, 0, sizeof *b);
}

void x64_reset(X64Buf *b) {
  b->len = 0;
  b->oom = false;
  b->nlabels = 0;
  b->nfixups = 0;
  b->pending = 0;
  b->addr = 0;
}

static bool reserve(X64Buf *b, size_t n) {
  if (b->oom) return false;
  if (b->len + n <= b->cap) return true;
  size_t cap = b->cap ? b->cap * 2 : 256;
  while (cap < b->len + n) cap *= 2;
  uint8_t *p = realloc(b->code, cap);
  if (!p) {
    b->oom = true;
    return false;
  }
  b->code = p;
  b->cap = cap;
  return true;
}

void x64_presize(X64Buf *b, size_t code_bytes, int labels) {
  if (reserve(b, code_bytes) && labels > b->labels_cap) {
    long *p = realloc(b->labels, sizeof(long) * (size_t)labels);
    if (p) b->labels = p;
    int *q = p ? realloc(b->label_fixups, sizeof(int) * (size_t)labels) : NULL;
    if (q) b->label_fixups = q;
    if (p && q) b->labels_cap = labels;
    else b->oom = true;
  }
}

static inline void emit(X64Buf *b, uint8_t byte) {
  if (b->len < b->cap || reserve(b, 1)) b->code[b->len++] = byte;
}

static void emit32(X64Buf *b, uint32_t v) {
  for (int i = 0; i < 4; i++) emit(b, (uint8_t)(v >> (8 * i)));
}

static void emit64(X64Buf *b, uint64_t v) {
  for (int i = 0; i < 8; i++) emit(b, (uint8_t)(v >> (8 * i)));
}

static bool fits8(int64_t v) { return v >= -128 && v <= 127; }
static bool fits32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

/* ---- labels ------------------------------------------------------------------------------ */
int x64_label_new(X64Buf *b) {
  if (b->nlabels == b->labels_cap) {
    int cap = b->labels_cap ? b->labels_cap * 2 : 16;
    long *p = realloc(b->labels, sizeof(long) * (size_t)cap);
    if (p) b->labels = p;
    int *q = p ? realloc(b->label_fixups, sizeof(int) * (size_t)cap) : NULL;
    if (!q) {
      b->oom = true;
      return 0;
    }
    b->label_fixups = q;
    b->labels_cap = cap;
  }
  b->labels[b->nlabels] = -1;
  b->label_fixups[b->nlabels] = -1;
  return b->nlabels++;
}

void x64_patch_rel32(X64Buf *b, size_t at, size_t target) {
  if (b->oom || at + 4 > b->len) return;
  int32_t rel = (int32_t)((int64_t)target - (int64_t)(at + 4));
  for (int i = 0; i < 4; i++) b->code[at + (size_t)i] = (uint8_t)((uint32_t)rel >> (8 * i));
}

void x64_label_bind(X64Buf *b, int l) {
  if (b->oom) return;
  b->labels[l] = (long)b->len;
  for (int i = b->label_fixups[l]; i >= 0; i = b->fixups[i].next) {
    x64_patch_rel32(b, b->fixups[i].at, b->len);
    b->pending--;
  }
  b->label_fixups[l] = -1;
}

bool x64_labels_resolved(const X64Buf *b) { return !b->oom && b->pending == 0; }

/* A rel32 field (just emitted as 4 placeholder bytes) that must reach label l. */
static void rel32_to(X64Buf *b, int l) {
  size_t at = b->len;
  emit32(b, 0);
  if (b->oom) return;
  if (b->labels[l] >= 0) {
    x64_patch_rel32(b, at, (size_t)b->labels[l]);
    return;
  }
  if (b->nfixups == b->fixups_cap) {
    int cap = b->fixups_cap ? b->fixups_cap * 2 : 16;
    X64Fixup *p = realloc(b->fixups, sizeof(X64Fixup) * (size_t)cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->fixups = p;
    b->fixups_cap = cap;
  }
  b->fixups[b->nfixups].at = at;
  b->fixups[b->nfixups].next = b->label_fixups[l];
  b->label_fixups[l] = b->nfixups++;
  b->pending++;
}

/* ---- the general encoder ------------------------------------------------------------------ */
/* prefix: 0 or a legacy prefix byte (0x66, 0xF2); w: REX.W; op/nop: opcode bytes; reg: the
 * ModRM reg field (register number or /digit); rm: a register when m is NULL; byte_regs:
 * 8-bit register operands (SPL..DIL then need a bare REX). */
static void enc(X64Buf *b, int prefix, bool w, const uint8_t *op, int nop, int reg, int rm,
                const X64Mem *m, bool byte_regs) {
  if (prefix) emit(b, (uint8_t)prefix);
  int rex = (w ? 8 : 0) | ((reg & 8) ? 4 : 0);
  if (m) {
    if (m->index != X64_NOREG && (m->index & 8)) rex |= 2;
    if (m->base & 8) rex |= 1;
  } else if (rm & 8) {
    rex |= 1;
  }
  bool force = byte_regs && ((reg >= 4 && reg <= 7) || (!m && rm >= 4 && rm <= 7));
  if (rex || force) emit(b, (uint8_t)(0x40 | rex));
  for (int i = 0; i < nop; i++) emit(b, op[i]);
  if (!m) {
    emit(b, (uint8_t)(0xC0 | ((reg & 7) << 3) | (rm & 7)));
    return;
  }
  int base = m->base & 7;
  bool sib = m->index != X64_NOREG || base == 4;
  int mod = (m->disp == 0 && base != 5) ? 0 : fits8(m->disp) ? 1 : 2;
  emit(b, (uint8_t)((mod << 6) | ((reg & 7) << 3) | (sib ? 4 : base)));
  if (sib) {
    int ss = m->scale == 8 ? 3 : m->scale == 4 ? 2 : m->scale == 2 ? 1 : 0;
    int idx = m->index == X64_NOREG ? 4 : (m->index & 7);
    emit(b, (uint8_t)((ss << 6) | (idx << 3) | base));
  }
  if (mod == 1) emit(b, (uint8_t)(int8_t)m->disp);
  else if (mod == 2) emit32(b, (uint32_t)m->disp);
}

#define OP1(x) (const uint8_t[]){x}, 1
#define OP2(x, y) (const uint8_t[]){x, y}, 2

/* ---- moves --------------------------------------------------------------------------------- */
void x64_mov_rr(X64Buf *b, X64Reg dst, X64Reg src) { enc(b, 0, true, OP1(0x89), src, dst, NULL, false); }

void x64_mov_ri(X64Buf *b, X64Reg dst, int64_t imm) {
  if (imm >= 0 && imm <= UINT32_MAX) {          /* mov r32, imm32 zero-extends */
    if (dst & 8) emit(b, 0x41);
    emit(b, (uint8_t)(0xB8 + (dst & 7)));
    emit32(b, (uint32_t)imm);
  } else if (fits32(imm)) {                     /* mov r/m64, simm32 */
    enc(b, 0, true, OP1(0xC7), 0, dst, NULL, false);
    emit32(b, (uint32_t)imm);
  } else {                                      /* movabs */
    emit(b, (uint8_t)(0x48 | ((dst & 8) ? 1 : 0)));
    emit(b, (uint8_t)(0xB8 + (dst & 7)));
    emit64(b, (uint64_t)imm);
  }
}

void x64_mov_rm(X64Buf *b, X64Reg dst, X64Mem m) { enc(b, 0, true, OP1(0x8B), dst, 0, &m, false); }
void x64_mov_mr(X64Buf *b, X64Mem m, X64Reg src) { enc(b, 0, true, OP1(0x89), src, 0, &m, false); }
void x64_mov_mi(X64Buf *b, X64Mem m, int32_t imm) {
  enc(b, 0, true, OP1(0xC7), 0, 0, &m, false);
  emit32(b, (uint32_t)imm);
}
void x64_mov32_rm(X64Buf *b, X64Reg dst, X64Mem m) { enc(b, 0, false, OP1(0x8B), dst, 0, &m, false); }
void x64_lea(X64Buf *b, X64Reg dst, X64Mem m) { enc(b, 0, true, OP1(0x8D), dst, 0, &m, false); }
void x64_movzx8_rr(X64Buf *b, X64Reg dst, X64Reg src8) { enc(b, 0, false, OP2(0x0F, 0xB6), dst, src8, NULL, true); }
void x64_cmov(X64Buf *b, X64Cond cc, X64Reg dst, X64Reg src) {
  enc(b, 0, true, OP2(0x0F, (uint8_t)(0x40 + cc)), dst, src, NULL, false);
}

/* ---- arithmetic ------------------------------------------------------------------------------ */
void x64_alu_rr(X64Buf *b, X64Alu op, X64Reg dst, X64Reg src) {
  enc(b, 0, true, OP1((uint8_t)(op * 8 + 1)), src, dst, NULL, false);
}

void x64_alu_ri(X64Buf *b, X64Alu op, X64Reg dst, int32_t imm) {
  if (fits8(imm)) {
    enc(b, 0, true, OP1(0x83), op, dst, NULL, false);
    emit(b, (uint8_t)(int8_t)imm);
  } else {
    enc(b, 0, true, OP1(0x81), op, dst, NULL, false);
    emit32(b, (uint32_t)imm);
  }
}

void x64_alu_rm(X64Buf *b, X64Alu op, X64Reg dst, X64Mem m) {
  enc(b, 0, true, OP1((uint8_t)(op * 8 + 3)), dst, 0, &m, false);
}

void x64_alu_mi(X64Buf *b, X64Alu op, X64Mem m, int32_t imm) {
  if (fits8(imm)) {
    enc(b, 0, true, OP1(0x83), op, 0, &m, false);
    emit(b, (uint8_t)(int8_t)imm);
  } else {
    enc(b, 0, true, OP1(0x81), op, 0, &m, false);
    emit32(b, (uint32_t)imm);
  }
}

void x64_test_rr(X64Buf *b, X64Reg a, X64Reg c) { enc(b, 0, true, OP1(0x85), c, a, NULL, false); }
void x64_test_ri(X64Buf *b, X64Reg a, int32_t imm) {
  enc(b, 0, true, OP1(0xF7), 0, a, NULL, false);
  emit32(b, (uint32_t)imm);
}
void x64_imul_rr(X64Buf *b, X64Reg dst, X64Reg src) { enc(b, 0, true, OP2(0x0F, 0xAF), dst, src, NULL, false); }
void x64_imul_rri(X64Buf *b, X64Reg dst, X64Reg src, int32_t imm) {
  if (fits8(imm)) {
    enc(b, 0, true, OP1(0x6B), dst, src, NULL, false);
    emit(b, (uint8_t)(int8_t)imm);
  } else {
    enc(b, 0, true, OP1(0x69), dst, src, NULL, false);
    emit32(b, (uint32_t)imm);
  }
}
void x64_neg(X64Buf *b, X64Reg r) { enc(b, 0, true, OP1(0xF7), 3, r, NULL, false); }
void x64_not(X64Buf *b, X64Reg r) { enc(b, 0, true, OP1(0xF7), 2, r, NULL, false); }
void x64_inc(X64Buf *b, X64Reg r) { enc(b, 0, true, OP1(0xFF), 0, r, NULL, false); }
void x64_dec(X64Buf *b, X64Reg r) { enc(b, 0, true, OP1(0xFF), 1, r, NULL, false); }
void x64_shift_ri(X64Buf *b, X64Shift op, X64Reg r, uint8_t n) {
  enc(b, 0, true, OP1(0xC1), op, r, NULL, false);
  emit(b, n);
}
void x64_shift_cl(X64Buf *b, X64Shift op, X64Reg r) { enc(b, 0, true, OP1(0xD3), op, r, NULL, false); }
void x64_cqo(X64Buf *b) {
  emit(b, 0x48);
  emit(b, 0x99);
}
void x64_idiv(X64Buf *b, X64Reg r) { enc(b, 0, true, OP1(0xF7), 7, r, NULL, false); }

/* ---- stack and control ------------------------------------------------------------------------ */
void x64_push(X64Buf *b, X64Reg r) {
  if (r & 8) emit(b, 0x41);
  emit(b, (uint8_t)(0x50 + (r & 7)));
}
void x64_pop(X64Buf *b, X64Reg r) {
  if (r & 8) emit(b, 0x41);
  emit(b, (uint8_t)(0x58 + (r & 7)));
}
void x64_call_rel32(X64Buf *b, int32_t rel) {
  emit(b, 0xE8);
  emit32(b, (uint32_t)rel);
}
void x64_call_abs(X64Buf *b, const void *target, X64Reg scratch) {
  int64_t rel = (int64_t)(intptr_t)target - (int64_t)(b->addr + b->len + 5);
  if (b->addr && fits32(rel)) {
    x64_call_rel32(b, (int32_t)rel);
  } else {
    x64_mov_ri(b, scratch, (int64_t)(intptr_t)target);
    x64_call_r(b, scratch);
  }
}

void x64_call_r(X64Buf *b, X64Reg r) { enc(b, 0, false, OP1(0xFF), 2, r, NULL, false); }
void x64_call_m(X64Buf *b, X64Mem m) { enc(b, 0, false, OP1(0xFF), 2, 0, &m, false); }
void x64_jmp_r(X64Buf *b, X64Reg r) { enc(b, 0, false, OP1(0xFF), 4, r, NULL, false); }
void x64_jmp_m(X64Buf *b, X64Mem m) { enc(b, 0, false, OP1(0xFF), 4, 0, &m, false); }
void x64_jmp_label(X64Buf *b, int label) {
  emit(b, 0xE9);
  rel32_to(b, label);
}
void x64_jcc_label(X64Buf *b, X64Cond cc, int label) {
  emit(b, 0x0F);
  emit(b, (uint8_t)(0x80 + cc));
  rel32_to(b, label);
}
void x64_setcc(X64Buf *b, X64Cond cc, X64Reg r8) { enc(b, 0, false, OP2(0x0F, (uint8_t)(0x90 + cc)), 0, r8, NULL, true); }
void x64_ret(X64Buf *b) { emit(b, 0xC3); }
void x64_nop(X64Buf *b) { emit(b, 0x90); }
void x64_int3(X64Buf *b) { emit(b, 0xCC); }
void x64_ud2(X64Buf *b) {
  emit(b, 0x0F);
  emit(b, 0x0B);
}

/* ---- SSE2 scalar double -------------------------------------------------------------------------- */
void x64_movq_xr(X64Buf *b, X64Xmm dst, X64Reg src) { enc(b, 0x66, true, OP2(0x0F, 0x6E), (int)dst, src, NULL, false); }
void x64_movq_rx(X64Buf *b, X64Reg dst, X64Xmm src) { enc(b, 0x66, true, OP2(0x0F, 0x7E), (int)src, dst, NULL, false); }
void x64_movsd_xm(X64Buf *b, X64Xmm dst, X64Mem m) { enc(b, 0xF2, false, OP2(0x0F, 0x10), (int)dst, 0, &m, false); }
void x64_movsd_mx(X64Buf *b, X64Mem m, X64Xmm src) { enc(b, 0xF2, false, OP2(0x0F, 0x11), (int)src, 0, &m, false); }
void x64_movsd_xx(X64Buf *b, X64Xmm dst, X64Xmm src) { enc(b, 0xF2, false, OP2(0x0F, 0x10), (int)dst, (int)src, NULL, false); }
void x64_sd_xx(X64Buf *b, X64SdOp op, X64Xmm dst, X64Xmm src) {
  enc(b, 0xF2, false, OP2(0x0F, (uint8_t)op), (int)dst, (int)src, NULL, false);
}
void x64_ucomisd(X64Buf *b, X64Xmm a, X64Xmm c) { enc(b, 0x66, false, OP2(0x0F, 0x2E), (int)a, (int)c, NULL, false); }
void x64_comisd(X64Buf *b, X64Xmm a, X64Xmm c) { enc(b, 0x66, false, OP2(0x0F, 0x2F), (int)a, (int)c, NULL, false); }
void x64_cvtsi2sd(X64Buf *b, X64Xmm dst, X64Reg src) { enc(b, 0xF2, true, OP2(0x0F, 0x2A), (int)dst, src, NULL, false); }
void x64_cvttsd2si(X64Buf *b, X64Reg dst, X64Xmm src) { enc(b, 0xF2, true, OP2(0x0F, 0x2C), dst, (int)src, NULL, false); }
