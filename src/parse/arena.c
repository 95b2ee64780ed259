/* arena.c -- bump allocator owning every node and string of one parse (node.h's KnArena).
 * Blocks are chained and freed together by kn_parse_free; nothing is freed one by one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lexer.h"

#define ARENA_BLOCK 65536
#define ARENA_ALIGN 16

typedef struct ArenaBlock {
  struct ArenaBlock *next;
  size_t size, used;
  _Alignas(ARENA_ALIGN) unsigned char data[];
} ArenaBlock;

struct KnArena {
  ArenaBlock *head;
  jmp_buf *oom;
};

KnArena *kn_arena_new(void) {
  return calloc(1, sizeof(KnArena));
}

void kn_arena_set_oom(KnArena *a, jmp_buf *jb) {
  a->oom = jb;
}

/* Allocates a new block able to hold at least n bytes and makes it the head. */
static ArenaBlock *new_block(KnArena *a, size_t n) {
  size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
  ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);
  if (!b) {
    if (a->oom) longjmp(*a->oom, 2);
    abort();
  }
  b->size = size;
  b->used = 0;
  /* a big one-off allocation goes behind the head so the head keeps its free space */
  if (a->head && n > ARENA_BLOCK) {
    b->next = a->head->next;
    a->head->next = b;
  } else {
    b->next = a->head;
    a->head = b;
  }
  return b;
}

void *kn_arena_alloc(KnArena *a, size_t n) {
  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (n == 0) n = ARENA_ALIGN;
  ArenaBlock *b = a->head;
  if (!b || b->size - b->used < n) b = new_block(a, n);
  void *r = b->data + b->used;
  b->used += n;
  memset(r, 0, n);
  return r;
}

char *kn_arena_strndup(KnArena *a, const char *s, size_t n) {
  char *r = kn_arena_alloc(a, n + 1);
  if (n) memcpy(r, s, n);
  r[n] = 0;
  return r;
}

void kn_arena_free(KnArena *a) {
  if (!a) return;
  ArenaBlock *b = a->head;
  while (b) {
    ArenaBlock *next = b->next;
    free(b);
    b = next;
  }
  free(a);
}
