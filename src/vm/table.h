/* table.h -- IdTable: a small open-addressing map from ID to a word (VALUE, pointer or
 * index). Used for method tables, constant tables, ivar indexes and globals. Insertion
 * order is kept (constants and methods list in definition order). */
#ifndef KN_TABLE_H
#define KN_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "value.h"

typedef struct IdTableEntry { ID key; uintptr_t val; } IdTableEntry;
struct IdTable {
  IdTableEntry *ents;   /* insertion order; deleted entries have key 0 */
  long n, live, capa;
  int32_t *idx;         /* open addressing over ents; -1 empty */
  long idx_capa;        /* power of two */
};
typedef struct IdTable IdTable;

IdTable *kn_idtable_new(void);
void kn_idtable_free(IdTable *t);
bool kn_idtable_get(const IdTable *t, ID key, uintptr_t *out);
void kn_idtable_set(IdTable *t, ID key, uintptr_t val);
bool kn_idtable_delete(IdTable *t, ID key);
/* Iterate in insertion order: for (long i = 0; i < t->n; i++) if (t->ents[i].key) ... */

#endif
