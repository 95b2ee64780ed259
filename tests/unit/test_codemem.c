/* test_codemem.c -- src/jit/codemem.c: installed code runs; no page of the region is ever
 * writable and executable at once (read back from /proc/self/maps, so the check does not
 * trust codemem's own idea of the protections); patching keeps W^X and takes effect; a
 * full region refuses further code without crashing; the region is within rel32 reach of
 * the binary's C functions. Exit status 0 iff all pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/jit/codemem.h"
#include "../../src/jit/x64.h"

static int failed, checked;

#define CHECK(cond, ...)                         \
  do {                                           \
    checked++;                                   \
    if (!(cond)) {                               \
      failed++;                                  \
      printf("FAIL line %d: ", __LINE__);        \
      printf(__VA_ARGS__);                       \
      printf("\n");                              \
    }                                            \
  } while (0)

/* The permissions ("r-xp") of every mapping overlapping [lo, hi), concatenated. */
static void perms_of(const void *lo, const void *hi, char *out, size_t n) {
  FILE *f = fopen("/proc/self/maps", "r");
  out[0] = 0;
  if (!f) return;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    unsigned long a, b;
    char perm[8];
    if (sscanf(line, "%lx-%lx %7s", &a, &b, perm) != 3) continue;
    if (b <= (unsigned long)lo || a >= (unsigned long)hi) continue;
    if (strlen(out) + 6 < n) {
      strcat(out, perm);
      strcat(out, " ");
    }
  }
  fclose(f);
}

static bool any_wx(const char *perms) {
  for (const char *p = perms; *p; p += 5)
    if (p[1] == 'w' && p[2] == 'x') return true;
  return false;
}

/* mov eax, imm; ret */
static size_t ret_imm(X64Buf *b, int imm) {
  x64_init(b);
  x64_mov_ri(b, RAX, imm);
  x64_ret(b);
  return b->len;
}

int main(void) {
  CodeMem *cm = kn_codemem_new(64 * 1024);
  CHECK(cm != NULL, "reserve failed");
  if (!cm) return 1;
  CHECK(cm->near, "region %p is not within rel32 reach of the binary", (void *)cm->base);
  CHECK(kn_codemem_reaches(cm, (void *)&kn_codemem_install), "a runtime function is out of rel32 reach");

  X64Buf b;
  ret_imm(&b, 42);
  int (*f)(void) = (int (*)(void))kn_codemem_install(cm, b.code, b.len);
  CHECK(f != NULL, "install failed");
  CHECK(f && f() == 42, "installed code returned %d", f ? f() : -1);
  char perms[256];
  perms_of(cm->base, cm->base + cm->size, perms, sizeof perms);
  CHECK(!any_wx(perms), "a page is writable and executable: %s", perms);
  CHECK(strstr(perms, "r-x") != NULL, "installed page is not r-x: %s", perms);

  /* patch the immediate: the same code now returns 7, still W^X */
  uint8_t imm[4] = {7, 0, 0, 0};
  CHECK(kn_codemem_patch(cm, (uint8_t *)(void *)f + 1, imm, 4), "patch refused");
  CHECK(f() == 7, "patched code returned %d", f());
  perms_of(cm->base, cm->base + cm->size, perms, sizeof perms);
  CHECK(!any_wx(perms), "after patching, a page is writable and executable: %s", perms);
  CHECK(!kn_codemem_patch(cm, cm->base + cm->size - 1, imm, 4), "a patch outside the installed code was accepted");

  /* a second function lands after the first, both keep working */
  X64Buf b2;
  ret_imm(&b2, 1000);
  int (*g)(void) = (int (*)(void))kn_codemem_install(cm, b2.code, b2.len);
  CHECK(g && g() == 1000 && f() == 7, "second install broke something");
  CHECK(((uintptr_t)(void *)g & 15) == 0, "code is not 16-byte aligned");

  /* fill the region: installs are refused, nothing crashes, old code still runs */
  uint8_t big[4096];
  memset(big, 0xCC, sizeof big);
  int n = 0;
  while (kn_codemem_install(cm, big, sizeof big) && n < 100) n++;
  CHECK(n > 0 && n < 100, "filling a 64 KiB region took %d installs", n);
  CHECK(cm->full_refusals > 0, "no refusal counted");
  int small = 0;   /* the tail still takes small pieces, 16-byte aligned, until it cannot */
  while (kn_codemem_install(cm, b.code, b.len) && small < 1000) small++;
  CHECK(small < 4096 / 16 + 1, "%d small installs after the region was full of big ones", small);
  CHECK(kn_codemem_install(cm, b.code, b.len) == NULL, "install into a full region succeeded");
  CHECK(cm->used <= cm->size, "used %zu > size %zu", cm->used, cm->size);
  CHECK(f() == 7 && g() == 1000, "code stopped working when the region filled");
  perms_of(cm->base, cm->base + cm->size, perms, sizeof perms);
  CHECK(!any_wx(perms), "full region has a writable and executable page: %s", perms);

  x64_free(&b);
  x64_free(&b2);
  kn_codemem_free(cm);
  printf("codemem: %d checks, %d failed\n", checked, failed);
  return failed ? 1 : 0;
}
