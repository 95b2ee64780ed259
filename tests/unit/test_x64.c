/* test_x64.c -- checks every encoding src/jit/x64.c offers, two ways (Capstone 4 prints some
 * sign-extended immediates signed, "mov rcx, -0x80", and some unsigned, "and rdx,
 * 0xfffffffffffffffe"; the expected texts follow its spelling, the bytes the manual):
 *  1. Capstone (an independent disassembler) must decode the bytes as exactly one
 *     instruction of the same length, spelled as written here in Intel syntax;
 *  2. for a representative subset, the bytes must equal the ones written here from the
 *     Intel SDM's encoding tables (REX, ModRM, SIB, disp8/disp32 cases).
 * Prints each failure; exit status 0 iff all pass. Last line: "x64: N encodings checked". */
#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>
#include "../../src/jit/x64.h"

static csh cs;
static int checked, failed;

static int hexval(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

/* Checks the bytes in b against the expected text (and hex bytes, "48 89 d8", if given). */
static void check(const char *where, X64Buf *b, const char *text, const char *hex) {
  checked++;
  cs_insn *insn;
  size_t n = cs_disasm(cs, b->code, b->len, 0x1000, 0, &insn);
  char got[256] = "(undecodable)";
  if (n >= 1) snprintf(got, sizeof got, "%s%s%s", insn[0].mnemonic, insn[0].op_str[0] ? " " : "", insn[0].op_str);
  bool ok = n == 1 && insn[0].size == b->len && strcmp(got, text) == 0;
  if (!ok) {
    failed++;
    printf("FAIL %s: expected `%s', capstone says `%s' (%zu insns, %zu bytes:", where, text, got, n, b->len);
    for (size_t i = 0; i < b->len; i++) printf(" %02x", b->code[i]);
    printf(")\n");
  }
  if (hex) {
    uint8_t want[32];
    size_t k = 0;
    for (const char *p = hex; *p && k < sizeof want;) {
      if (*p == ' ') { p++; continue; }
      want[k++] = (uint8_t)(hexval(p[0]) * 16 + hexval(p[1]));
      p += 2;
    }
    if (k != b->len || memcmp(want, b->code, k) != 0) {
      failed++;
      printf("FAIL %s: bytes differ from the manual's: want %s, got", where, hex);
      for (size_t i = 0; i < b->len; i++) printf(" %02x", b->code[i]);
      printf("\n");
    }
  }
  if (n) cs_free(insn, n);
}

#define T(text, hex, ...)                          \
  do {                                             \
    X64Buf buf_;                                   \
    x64_init(&buf_);                               \
    X64Buf *b = &buf_;                             \
    __VA_ARGS__;                                   \
    check(#__VA_ARGS__, b, text, hex);             \
    x64_free(b);                                   \
  } while (0)

int main(void) {
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
    printf("FAIL: capstone unavailable\n");
    return 1;
  }
  /* moves */
  T("mov rax, rbx", "48 89 d8", x64_mov_rr(b, RAX, RBX));
  T("mov r15, rsp", "49 89 e7", x64_mov_rr(b, R15, RSP));
  T("mov rdi, r8", "4c 89 c7", x64_mov_rr(b, RDI, R8));
  T("mov eax, 0x2a", "b8 2a 00 00 00", x64_mov_ri(b, RAX, 42));
  T("mov r9d, 0xffffffff", "41 b9 ff ff ff ff", x64_mov_ri(b, R9, 0xffffffffLL));
  T("mov rcx, -0x80", "48 c7 c1 80 ff ff ff", x64_mov_ri(b, RCX, -128));
  T("movabs rdx, 0x123456789a", "48 ba 9a 78 56 34 12 00 00 00", x64_mov_ri(b, RDX, 0x123456789aLL));
  T("movabs r12, 0x8000000000000000", NULL, x64_mov_ri(b, R12, INT64_MIN));
  T("mov rax, qword ptr [rdi]", "48 8b 07", x64_mov_rm(b, RAX, x64_mem(RDI, 0)));
  T("mov rax, qword ptr [rsp]", "48 8b 04 24", x64_mov_rm(b, RAX, x64_mem(RSP, 0)));
  T("mov rax, qword ptr [r12 + 8]", "49 8b 44 24 08", x64_mov_rm(b, RAX, x64_mem(R12, 8)));
  T("mov rax, qword ptr [rbp]", "48 8b 45 00", x64_mov_rm(b, RAX, x64_mem(RBP, 0)));
  T("mov r13, qword ptr [r13]", "4d 8b 6d 00", x64_mov_rm(b, R13, x64_mem(R13, 0)));
  T("mov rbx, qword ptr [rsi - 0x80]", "48 8b 5e 80", x64_mov_rm(b, RBX, x64_mem(RSI, -128)));
  T("mov rbx, qword ptr [rsi + 0x7f]", "48 8b 5e 7f", x64_mov_rm(b, RBX, x64_mem(RSI, 127)));
  T("mov rbx, qword ptr [rsi + 0x80]", "48 8b 9e 80 00 00 00", x64_mov_rm(b, RBX, x64_mem(RSI, 128)));
  T("mov rbx, qword ptr [rsi - 0x81]", NULL, x64_mov_rm(b, RBX, x64_mem(RSI, -129)));
  T("mov rdx, qword ptr [rax + rcx*8]", "48 8b 14 c8", x64_mov_rm(b, RDX, x64_mem_idx(RAX, RCX, 8, 0)));
  T("mov rdx, qword ptr [r8 + r9*8 + 0x10]", "4b 8b 54 c8 10", x64_mov_rm(b, RDX, x64_mem_idx(R8, R9, 8, 16)));
  T("mov rdx, qword ptr [rbp + rax*2 + 0x1000]", NULL, x64_mov_rm(b, RDX, x64_mem_idx(RBP, RAX, 2, 4096)));
  T("mov rdx, qword ptr [r13 + r14*4]", NULL, x64_mov_rm(b, RDX, x64_mem_idx(R13, R14, 4, 0)));
  T("mov qword ptr [rbx + 0x10], rax", "48 89 43 10", x64_mov_mr(b, x64_mem(RBX, 16), RAX));
  T("mov qword ptr [r12], r11", "4d 89 1c 24", x64_mov_mr(b, x64_mem(R12, 0), R11));
  T("mov qword ptr [rdi + 8], 4", "48 c7 47 08 04 00 00 00", x64_mov_mi(b, x64_mem(RDI, 8), 4));
  T("mov qword ptr [rsp + 0x20], -1", NULL, x64_mov_mi(b, x64_mem(RSP, 32), -1));
  T("mov eax, dword ptr [rdi + 4]", "8b 47 04", x64_mov32_rm(b, RAX, x64_mem(RDI, 4)));
  T("mov r10d, dword ptr [r11]", NULL, x64_mov32_rm(b, R10, x64_mem(R11, 0)));
  T("lea rax, [rbx + 8]", "48 8d 43 08", x64_lea(b, RAX, x64_mem(RBX, 8)));
  T("lea r8, [rsp + rcx*8 - 8]", NULL, x64_lea(b, R8, x64_mem_idx(RSP, RCX, 8, -8)));
  T("movzx eax, al", "0f b6 c0", x64_movzx8_rr(b, RAX, RAX));
  T("movzx eax, sil", "40 0f b6 c6", x64_movzx8_rr(b, RAX, RSI));
  T("movzx r9d, r10b", NULL, x64_movzx8_rr(b, R9, R10));
  T("cmove rax, rcx", "48 0f 44 c1", x64_cmov(b, CC_E, RAX, RCX));
  T("cmovl r15, rdx", NULL, x64_cmov(b, CC_L, R15, RDX));
  /* arithmetic */
  T("add rax, rbx", "48 01 d8", x64_alu_rr(b, ALU_ADD, RAX, RBX));
  T("sub r8, r9", "4d 29 c8", x64_alu_rr(b, ALU_SUB, R8, R9));
  T("and rcx, rdx", NULL, x64_alu_rr(b, ALU_AND, RCX, RDX));
  T("or rsi, rdi", NULL, x64_alu_rr(b, ALU_OR, RSI, RDI));
  T("xor r11, r12", NULL, x64_alu_rr(b, ALU_XOR, R11, R12));
  T("cmp rax, rcx", "48 39 c8", x64_alu_rr(b, ALU_CMP, RAX, RCX));
  T("add rax, 1", "48 83 c0 01", x64_alu_ri(b, ALU_ADD, RAX, 1));
  T("add rax, 0x7f", "48 83 c0 7f", x64_alu_ri(b, ALU_ADD, RAX, 127));
  T("add rax, 0x80", "48 81 c0 80 00 00 00", x64_alu_ri(b, ALU_ADD, RAX, 128));
  T("add rcx, 0x80", "48 81 c1 80 00 00 00", x64_alu_ri(b, ALU_ADD, RCX, 128));
  T("sub rsp, 8", "48 83 ec 08", x64_alu_ri(b, ALU_SUB, RSP, 8));
  T("cmp r14, -0x80", "49 83 fe 80", x64_alu_ri(b, ALU_CMP, R14, -128));
  T("cmp r14, -0x81", NULL, x64_alu_ri(b, ALU_CMP, R14, -129));
  T("and rdx, 0xfffffffffffffffe", "48 83 e2 fe", x64_alu_ri(b, ALU_AND, RDX, -2));
  T("add rax, qword ptr [rbx + 8]", "48 03 43 08", x64_alu_rm(b, ALU_ADD, RAX, x64_mem(RBX, 8)));
  T("cmp r9, qword ptr [r12 + 0x18]", NULL, x64_alu_rm(b, ALU_CMP, R9, x64_mem(R12, 24)));
  T("cmp qword ptr [rdi + 0x10], 8", "48 83 7f 10 08", x64_alu_mi(b, ALU_CMP, x64_mem(RDI, 16), 8));
  T("add qword ptr [r13 + 0x100], 0x1000", NULL, x64_alu_mi(b, ALU_ADD, x64_mem(R13, 256), 4096));
  T("test rax, rcx", "48 85 c8", x64_test_rr(b, RAX, RCX));
  T("test r10, 1", NULL, x64_test_ri(b, R10, 1));
  T("imul rax, rbx", "48 0f af c3", x64_imul_rr(b, RAX, RBX));
  T("imul r8, r15", NULL, x64_imul_rr(b, R8, R15));
  T("imul rax, rcx, 0xa", "48 6b c1 0a", x64_imul_rri(b, RAX, RCX, 10));
  T("imul rdx, rsi, 0x3e8", NULL, x64_imul_rri(b, RDX, RSI, 1000));
  T("neg rax", "48 f7 d8", x64_neg(b, RAX));
  T("not r12", NULL, x64_not(b, R12));
  T("inc rcx", "48 ff c1", x64_inc(b, RCX));
  T("dec r15", NULL, x64_dec(b, R15));
  T("shl rax, 1", NULL, x64_shift_ri(b, SH_SHL, RAX, 1));
  T("sar rdx, 1", "48 c1 fa 01", x64_shift_ri(b, SH_SAR, RDX, 1));
  T("shr r8, 0x3f", NULL, x64_shift_ri(b, SH_SHR, R8, 63));
  T("shl rbx, cl", "48 d3 e3", x64_shift_cl(b, SH_SHL, RBX));
  T("rol rax, 3", "48 c1 c0 03", x64_shift_ri(b, SH_ROL, RAX, 3));
  T("ror rdx, 3", "48 c1 ca 03", x64_shift_ri(b, SH_ROR, RDX, 3));
  T("ror r11, 3", NULL, x64_shift_ri(b, SH_ROR, R11, 3));
  T("sar r9, cl", NULL, x64_shift_cl(b, SH_SAR, R9));
  T("cqo", "48 99", x64_cqo(b));
  T("idiv rcx", "48 f7 f9", x64_idiv(b, RCX));
  T("idiv r11", NULL, x64_idiv(b, R11));
  /* stack and control */
  T("push rbx", "53", x64_push(b, RBX));
  T("push r12", "41 54", x64_push(b, R12));
  T("pop rbp", "5d", x64_pop(b, RBP));
  T("pop r15", "41 5f", x64_pop(b, R15));
  T("call 0x1105", "e8 00 01 00 00", x64_call_rel32(b, 0x100));
  T("call rax", "ff d0", x64_call_r(b, RAX));
  T("call 0x1105", "e8 00 01 00 00", b->addr = 0x1000; x64_call_abs(b, (void *)0x1105, RAX));
  T("movabs r11, 0x123456789a", NULL, x64_call_abs(b, (void *)0x123456789a, R11); b->len -= 3);
  T("call r11", "41 ff d3", x64_call_r(b, R11));
  T("call qword ptr [rbx + 0x18]", "ff 53 18", x64_call_m(b, x64_mem(RBX, 24)));
  T("jmp rax", "ff e0", x64_jmp_r(b, RAX));
  T("jmp qword ptr [r12 + 8]", NULL, x64_jmp_m(b, x64_mem(R12, 8)));
  T("jmp 0x1000", "e9 fb ff ff ff", { int l = x64_label_new(b); x64_label_bind(b, l); x64_jmp_label(b, l); });
  T("jmp 0x1005", "e9 00 00 00 00", { int l = x64_label_new(b); x64_jmp_label(b, l); x64_label_bind(b, l); });
  T("jne 0x1006", "0f 85 00 00 00 00", { int l = x64_label_new(b); x64_jcc_label(b, CC_NE, l); x64_label_bind(b, l); });
  T("jo 0x1000", "0f 80 fa ff ff ff", { int l = x64_label_new(b); x64_label_bind(b, l); x64_jcc_label(b, CC_O, l); });
  T("jl 0x1006", NULL, { int l = x64_label_new(b); x64_jcc_label(b, CC_L, l); x64_label_bind(b, l); });
  T("jge 0x1006", NULL, { int l = x64_label_new(b); x64_jcc_label(b, CC_GE, l); x64_label_bind(b, l); });
  T("jbe 0x1006", NULL, { int l = x64_label_new(b); x64_jcc_label(b, CC_BE, l); x64_label_bind(b, l); });
  T("jp 0x1006", NULL, { int l = x64_label_new(b); x64_jcc_label(b, CC_P, l); x64_label_bind(b, l); });
  T("sete al", "0f 94 c0", x64_setcc(b, CC_E, RAX));
  T("setl dil", "40 0f 9c c7", x64_setcc(b, CC_L, RDI));
  T("setg r8b", "41 0f 9f c0", x64_setcc(b, CC_G, R8));
  T("ret", "c3", x64_ret(b));
  T("nop", "90", x64_nop(b));
  T("int3", "cc", x64_int3(b));
  T("ud2", "0f 0b", x64_ud2(b));
  /* SSE2 */
  T("movq xmm0, rax", "66 48 0f 6e c0", x64_movq_xr(b, XMM0, RAX));
  T("movq xmm9, r10", NULL, x64_movq_xr(b, XMM9, R10));
  T("movq rcx, xmm1", "66 48 0f 7e c9", x64_movq_rx(b, RCX, XMM1));
  T("movq r12, xmm15", NULL, x64_movq_rx(b, R12, XMM15));
  T("movsd xmm0, qword ptr [rax + 8]", "f2 0f 10 40 08", x64_movsd_xm(b, XMM0, x64_mem(RAX, 8)));
  T("movsd xmm8, qword ptr [r12]", NULL, x64_movsd_xm(b, XMM8, x64_mem(R12, 0)));
  T("movsd qword ptr [rdi + 0x10], xmm2", "f2 0f 11 57 10", x64_movsd_mx(b, x64_mem(RDI, 16), XMM2));
  T("movsd xmm1, xmm2", "f2 0f 10 ca", x64_movsd_xx(b, XMM1, XMM2));
  T("addsd xmm0, xmm1", "f2 0f 58 c1", x64_sd_xx(b, SD_ADD, XMM0, XMM1));
  T("subsd xmm3, xmm4", NULL, x64_sd_xx(b, SD_SUB, XMM3, XMM4));
  T("mulsd xmm10, xmm11", NULL, x64_sd_xx(b, SD_MUL, XMM10, XMM11));
  T("divsd xmm0, xmm15", NULL, x64_sd_xx(b, SD_DIV, XMM0, XMM15));
  T("sqrtsd xmm5, xmm6", NULL, x64_sd_xx(b, SD_SQRT, XMM5, XMM6));
  T("ucomisd xmm0, xmm1", "66 0f 2e c1", x64_ucomisd(b, XMM0, XMM1));
  T("comisd xmm2, xmm9", NULL, x64_comisd(b, XMM2, XMM9));
  T("cvtsi2sd xmm0, rax", "f2 48 0f 2a c0", x64_cvtsi2sd(b, XMM0, RAX));
  T("cvtsi2sd xmm12, r9", NULL, x64_cvtsi2sd(b, XMM12, R9));
  T("cvttsd2si rax, xmm0", "f2 48 0f 2c c0", x64_cvttsd2si(b, RAX, XMM0));
  T("cvttsd2si r14, xmm13", NULL, x64_cvttsd2si(b, R14, XMM13));
  cs_close(&cs);
  printf("x64: %d encodings checked, %d failed\n", checked, failed);
  return failed ? 1 : 0;
}
