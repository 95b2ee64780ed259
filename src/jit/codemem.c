/* codemem.c -- executable memory: reserve near the binary, install and patch under W^X.
 * See codemem.h for the contract. The reservation is PROT_NONE and MAP_NORESERVE, so an
 * unused bound costs nothing; installed pages go RW -> copy -> RX, one mprotect pair per
 * install or patch (the JIT installs a method at a time, so this is not hot). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "codemem.h"

#define REL32_REACH ((intptr_t)0x7fffffff)

static uintptr_t binary_anchor(void) { return (uintptr_t)&kn_codemem_new; }

/* Would every byte of [p, p + size) be within rel32 reach of the binary's code? */
static bool within_reach(uintptr_t p, size_t size) {
  uintptr_t a = binary_anchor();
  intptr_t lo = (intptr_t)p - (intptr_t)a, hi = (intptr_t)(p + size) - (intptr_t)a;
  /* leave 64 MiB of slack for the binary's own size on either side */
  intptr_t lim = REL32_REACH - ((intptr_t)64 << 20);
  return lo > -lim && lo < lim && hi > -lim && hi < lim;
}

CodeMem *kn_codemem_new(size_t size) {
  long pg = sysconf(_SC_PAGESIZE);
  size_t page = pg > 0 ? (size_t)pg : 4096;
  size = (size + page - 1) / page * page;
  if (size == 0) size = page;
  CodeMem *cm = calloc(1, sizeof *cm);
  if (!cm) return NULL;
  cm->page = page;
  cm->size = size;
  /* try hints below and above the binary, 256 MiB apart, then anywhere */
  uintptr_t anchor = binary_anchor() & ~(uintptr_t)(page - 1);
  void *got = MAP_FAILED;
  for (int i = 1; i <= 6 && got == MAP_FAILED; i++) {
    uintptr_t off = (uintptr_t)i << 28;
    uintptr_t hints[2] = {anchor > off + size ? anchor - off - size : 0, anchor + off};
    for (int k = 0; k < 2; k++) {
      if (!hints[k]) continue;
      void *p = mmap((void *)hints[k], size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (p == MAP_FAILED) continue;
      if (within_reach((uintptr_t)p, size)) {
        got = p;
        cm->near = true;
        break;
      }
      munmap(p, size);
    }
  }
  if (got == MAP_FAILED) {
    got = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (got == MAP_FAILED) {
      free(cm);
      return NULL;
    }
    cm->near = within_reach((uintptr_t)got, size);
  }
  cm->base = got;
  return cm;
}

void kn_codemem_free(CodeMem *cm) {
  if (!cm) return;
  munmap(cm->base, cm->size);
  free(cm);
}

/* Makes the pages covering [p, p + n) RW, copies, and makes them RX again. */
static bool write_pages(CodeMem *cm, uint8_t *p, const void *src, size_t n) {
  uintptr_t lo = (uintptr_t)p & ~(uintptr_t)(cm->page - 1);
  uintptr_t hi = ((uintptr_t)p + n + cm->page - 1) & ~(uintptr_t)(cm->page - 1);
  if (mprotect((void *)lo, hi - lo, PROT_READ | PROT_WRITE) != 0) return false;
  memcpy(p, src, n);
  if (mprotect((void *)lo, hi - lo, PROT_READ | PROT_EXEC) != 0) return false;
  __builtin___clear_cache((char *)p, (char *)p + n);
  return true;
}

uint8_t *kn_codemem_next(const CodeMem *cm) { return cm->base + ((cm->used + 15) & ~(size_t)15); }

void *kn_codemem_install(CodeMem *cm, const void *code, size_t len) {
  size_t at = (size_t)(kn_codemem_next(cm) - cm->base);
  if (len == 0 || at + len > cm->size) {
    cm->full_refusals++;
    return NULL;
  }
  uint8_t *p = cm->base + at;
  if (!write_pages(cm, p, code, len)) return NULL;
  cm->used = at + len;
  cm->installs++;
  return p;
}

bool kn_codemem_contains(const CodeMem *cm, const void *p) {
  return (const uint8_t *)p >= cm->base && (const uint8_t *)p < cm->base + cm->used;
}

bool kn_codemem_patch(CodeMem *cm, void *at, const void *bytes, size_t n) {
  if (!kn_codemem_contains(cm, at) || !kn_codemem_contains(cm, (uint8_t *)at + n - 1)) return false;
  if (!write_pages(cm, at, bytes, n)) return false;
  cm->patches++;
  return true;
}

bool kn_codemem_reaches(const CodeMem *cm, const void *target) {
  intptr_t lo = (intptr_t)target - (intptr_t)cm->base;
  intptr_t hi = (intptr_t)target - (intptr_t)(cm->base + cm->size);
  return lo > -REL32_REACH && lo < REL32_REACH && hi > -REL32_REACH && hi < REL32_REACH;
}
