/* table.c -- IdTable, see table.h. IDs are small dense integers, so the hash is a
 * multiplicative mix. Deletion leaves a hole in ents (key 0); the index is rebuilt on
 * growth, which also compacts the holes. */
#include <stdlib.h>
#include <string.h>
#include "table.h"
#include "vm.h"

IdTable *kn_idtable_new(void) {
  return kn_xcalloc(1, sizeof(IdTable));
}

void kn_idtable_free(IdTable *t) {
  if (!t) return;
  free(t->ents);
  free(t->idx);
  free(t);
}

static inline uint32_t mix(ID k) { return (uint32_t)((k * 0x9E3779B97F4A7C15ULL) >> 32); }

static long find(const IdTable *t, ID key) {
  if (!t->idx) {
    for (long i = 0; i < t->n; i++) if (t->ents[i].key == key) return i;
    return -1;
  }
  long mask = t->idx_capa - 1;
  for (long h = mix(key) & mask;; h = (h + 1) & mask) {
    int32_t e = t->idx[h];
    if (e < 0) return -1;
    if (t->ents[e].key == key) return e;
  }
}

static void rebuild(IdTable *t) {
  long j = 0;
  for (long i = 0; i < t->n; i++) if (t->ents[i].key) t->ents[j++] = t->ents[i];
  t->n = j;
  if (t->n < 8) { free(t->idx); t->idx = NULL; t->idx_capa = 0; return; }
  long cap = 16;
  while (cap < t->capa * 2) cap <<= 1;
  free(t->idx);
  t->idx = kn_xmalloc(sizeof(int32_t) * cap);
  memset(t->idx, 0xff, sizeof(int32_t) * cap);
  t->idx_capa = cap;
  for (long i = 0; i < t->n; i++) {
    long h = mix(t->ents[i].key) & (cap - 1);
    while (t->idx[h] >= 0) h = (h + 1) & (cap - 1);
    t->idx[h] = (int32_t)i;
  }
}

bool kn_idtable_get(const IdTable *t, ID key, uintptr_t *out) {
  if (!t) return false;
  long i = find(t, key);
  if (i < 0) return false;
  if (out) *out = t->ents[i].val;
  return true;
}

void kn_idtable_set(IdTable *t, ID key, uintptr_t val) {
  long i = find(t, key);
  if (i >= 0) { t->ents[i].val = val; return; }
  if (t->n == t->capa) {
    if (t->live < t->n) { rebuild(t); }
    if (t->n == t->capa) {
      t->capa = t->capa ? t->capa * 2 : 4;
      t->ents = kn_xrealloc(t->ents, sizeof(IdTableEntry) * t->capa);
      rebuild(t);
    }
  }
  i = t->n++;
  t->ents[i].key = key;
  t->ents[i].val = val;
  t->live++;
  if (t->idx) {
    long mask = t->idx_capa - 1, h = mix(key) & mask;
    while (t->idx[h] >= 0) h = (h + 1) & mask;
    t->idx[h] = (int32_t)i;
  } else if (t->n >= 8) {
    rebuild(t);
  }
}

bool kn_idtable_delete(IdTable *t, ID key) {
  if (!t) return false;
  long i = find(t, key);
  if (i < 0) return false;
  t->ents[i].key = 0;
  t->live--;
  rebuild(t);
  return true;
}
