/* codemem.h -- the one owner of executable memory (DESIGN 7).
 *
 * A CodeMem reserves one region of address space (the --jit-mem-size bound) as close to
 * the kiln binary as the kernel allows, so that rel32 calls from compiled code reach the
 * runtime's C functions. Pages are never writable and executable at once (W^X): code is
 * assembled elsewhere (an X64Buf), then installed by making the target pages RW, copying,
 * and making them RX again. Patching goes through the same path. Running out of space is
 * a soft failure: install returns NULL and the caller stops compiling.
 * Only the main thread calls these (tier-2 results are installed by the main thread too). */
#ifndef KN_CODEMEM_H
#define KN_CODEMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct CodeMem {
  uint8_t *base;     /* the reserved region */
  size_t size;       /* its size: code bytes never exceed it */
  size_t used;       /* bytes handed out, from base */
  size_t page;       /* page size */
  bool near;         /* every byte of the region is within rel32 reach of the binary */
  long installs, patches, full_refusals;  /* counters for --jit-stats */
} CodeMem;

/* Reserves `size` bytes (rounded up to pages). Returns NULL if the kernel refuses. */
CodeMem *kn_codemem_new(size_t size);
/* Unmaps the region. No frame may be running in it. */
void kn_codemem_free(CodeMem *cm);
/* Copies len bytes of code into the region (16-byte aligned) and makes them executable.
 * Returns their address, or NULL when the region is full (soft failure). The address is
 * always kn_codemem_next(cm), so code may be assembled for it (rel32 calls) beforehand. */
void *kn_codemem_install(CodeMem *cm, const void *code, size_t len);
/* Where the next install will put its code. */
uint8_t *kn_codemem_next(const CodeMem *cm);
/* Overwrites n bytes at `at` (inside installed code) with `bytes`, keeping W^X.
 * Returns false if `at` is not inside the region. */
bool kn_codemem_patch(CodeMem *cm, void *at, const void *bytes, size_t n);
/* Is p inside the region's installed code? */
bool kn_codemem_contains(const CodeMem *cm, const void *p);
/* Can a rel32 at `from` (any address in the region) reach `target`? */
bool kn_codemem_reaches(const CodeMem *cm, const void *target);

#endif
