/* hash.c -- Hash: the insertion-ordered table behind RHash (object.h), the kn_hash_* API of
 * vm.h and the methods of class Hash (CRuby 3.1 behaviour and messages).
 * Entries live in insertion order (a deleted entry has key == Qundef); tables with more
 * than 8 slots also get an open-addressing index of entry numbers. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../vm/vm.h"
#include "../vm/iseq.h" /* block parameter shapes: each yields (k, v) unpacked when it can */

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

/* provided by src/vm/interp.c (lead): the data of the running C-function proc */
extern VALUE kn_cfunc_proc_data(VM *vm);

/* ---- the table --------------------------------------------------------------------------
 * RHash.tbl points at a Table whose head is the HashTable of object.h (the GC reads only
 * that head and frees the whole block with free()). Once allocated, a hash keeps the same
 * Table for life, so C code may compare `gen` across calls into Ruby:
 *   start  entries[0..start) are all deleted (shift and queue-like use stay O(1))
 *   gen    bumped whenever entries move or are freed (rebuild, clear, replace, rehash)
 * Invariants: capa is 0 or a power of two >= 4; index != NULL iff capa > 8, and then
 * index_capa == 2 * capa; every index slot >= 0 names a live entry, and the number of
 * non-empty index slots (live + tombstones) is at most n_entries <= capa, so probing
 * always meets an empty slot. */
typedef struct Table {
  HashTable h;
  long start;
  unsigned long gen;
} Table;

#define IDX_EMPTY (-1)
#define IDX_DELETED (-2)
#define SMALL_CAPA 8

static inline Table *TBL(VALUE hash) { return (Table *)RHASH(hash)->tbl; }
static inline long hsize(VALUE hash) { Table *t = TBL(hash); return t ? t->h.size : 0; }
static inline bool ident_p(VALUE hash) { return (RBASIC(hash)->flags & FL_HASH_IDENT) != 0; }

static Table *tbl_ensure(VALUE hash) {
  Table *t = TBL(hash);
  if (!t) {
    t = kn_xcalloc(1, sizeof(Table));
    RHASH(hash)->tbl = &t->h;
  }
  return t;
}

static inline uintptr_t mix64(uintptr_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

static uintptr_t dbl_hash(double d) {
  if (d == 0.0) d = 0.0; /* -0.0 eql? 0.0 */
  uintptr_t b;
  memcpy(&b, &d, sizeof b);
  return mix64(b ^ 0x5bd1e995);
}

/* Hash of a key as this table sees it: identity for compare_by_identity, fast paths for
 * Fixnum/Symbol/String/Float (no method call), else #hash through kn_hash_value. */
static uintptr_t any_hash(VM *vm, VALUE key) {
  if (FIXNUM_P(key) || SYMBOL_P(key)) return mix64(key);
  if (FLONUM_P(key)) return dbl_hash(kn_flonum_value(key));
  if (SPECIAL_CONST_P(key)) return mix64(key);
  switch (KN_BUILTIN_TYPE(key)) {
  case T_STRING: return kn_str_hash(key);
  case T_FLOAT: return dbl_hash(kn_float_value(key));
  default: return kn_hash_value(vm, key);
  }
}

static inline uintptr_t key_hash(VM *vm, VALUE hash, VALUE key) {
  return ident_p(hash) ? mix64(key) : any_hash(vm, key);
}

/* Equality of a probe key with a stored key when it needs no method call: 1 equal,
 * 0 different, -1 unknown (call eql?). */
static inline int fast_eq(VM *vm, VALUE key, VALUE ek) {
  if (SPECIAL_CONST_P(key)) {
    if (FLONUM_P(key) && kn_float_p(ek)) return kn_float_value(key) == kn_float_value(ek);
    return 0;
  }
  ValueType t = KN_BUILTIN_TYPE(key);
  if (t == T_STRING && kn_is_type(ek, T_STRING) && RBASIC(key)->klass == vm->cString &&
      RBASIC(ek)->klass == vm->cString)
    return kn_str_equal(key, ek);
  if (t == T_FLOAT && kn_float_p(ek)) return kn_float_value(key) == kn_float_value(ek);
  return -1;
}

static inline int idx_shift(const Table *t) { return 64 - __builtin_ctzl((unsigned long)t->h.index_capa); }
static inline size_t idx_pos(uintptr_t hv, int shift) {
  return (size_t)((hv * 0x9E3779B97F4A7C15ULL) >> shift);
}

static void index_insert(Table *t, uintptr_t hv, long i) {
  size_t mask = (size_t)t->h.index_capa - 1, pos = idx_pos(hv, idx_shift(t)), step = 0;
  while (t->h.index[pos] >= 0) pos = (pos + ++step) & mask;
  t->h.index[pos] = (int32_t)i;
}

static void index_remove(Table *t, uintptr_t hv, long i) {
  size_t mask = (size_t)t->h.index_capa - 1, pos = idx_pos(hv, idx_shift(t)), step = 0;
  for (;;) {
    int32_t s = t->h.index[pos];
    if (s == i) { t->h.index[pos] = IDX_DELETED; return; }
    if (s == IDX_EMPTY) return;
    pos = (pos + ++step) & mask;
  }
}

static void index_rebuild(Table *t) {
  if (t->h.capa <= SMALL_CAPA) {
    free(t->h.index);
    t->h.index = NULL;
    t->h.index_capa = 0;
    return;
  }
  if (t->h.index_capa != 2 * t->h.capa) {
    free(t->h.index);
    t->h.index_capa = 2 * t->h.capa;
    t->h.index = kn_xmalloc((size_t)t->h.index_capa * sizeof(int32_t));
  }
  memset(t->h.index, 0xff, (size_t)t->h.index_capa * sizeof(int32_t));
  for (long i = 0; i < t->h.n_entries; i++)
    if (t->h.entries[i].key != Qundef) index_insert(t, t->h.entries[i].hash, i);
}

/* Capacity for `need` live entries: a power of two leaving at least a quarter free, so
 * rebuilds (growth or compaction of deleted entries) stay amortized O(1). */
static long capa_for(long need) {
  long c = 4;
  while (c < need) c <<= 1;
  if (c - need < c / 4) c <<= 1;
  return c;
}

/* Moves the live entries into a fresh array of nc slots (nc > size) and rebuilds the
 * index. Allocates no Ruby object. */
static void tbl_rebuild(Table *t, long nc) {
  HashEntry *ne = kn_xmalloc((size_t)nc * sizeof(HashEntry));
  long j = 0;
  for (long i = t->start; i < t->h.n_entries; i++)
    if (t->h.entries[i].key != Qundef) ne[j++] = t->h.entries[i];
  free(t->h.entries);
  t->h.entries = ne;
  t->h.n_entries = j;
  t->h.size = j;
  t->h.capa = nc;
  t->start = 0;
  t->gen++;
  index_rebuild(t);
}

/* Empties the table. Large buffers are released unless keep is set. */
static void tbl_reset(Table *t, bool keep) {
  t->h.n_entries = 0;
  t->h.size = 0;
  t->start = 0;
  if (!keep && t->h.capa > 16) {
    free(t->h.entries);
    free(t->h.index);
    t->h.entries = NULL;
    t->h.index = NULL;
    t->h.capa = t->h.index_capa = 0;
    t->gen++;
  } else if (t->h.index) {
    memset(t->h.index, 0xff, (size_t)t->h.index_capa * sizeof(int32_t));
  }
}

/* Appends a new entry; the caller has checked that key is absent. */
static long tbl_append(Table *t, VALUE key, VALUE val, uintptr_t hv) {
  if (t->h.n_entries >= t->h.capa) tbl_rebuild(t, capa_for(t->h.size + 1));
  long i = t->h.n_entries++;
  HashEntry *e = &t->h.entries[i];
  e->key = key;
  e->value = val;
  e->hash = hv;
  t->h.size++;
  if (t->h.index) index_insert(t, hv, i);
  return i;
}

static void tbl_delete_at(Table *t, long i) {
  HashEntry *e = &t->h.entries[i];
  if (t->h.index) index_remove(t, e->hash, i);
  e->key = Qundef;
  e->value = Qnil;
  if (--t->h.size == 0) {
    tbl_reset(t, false);
    return;
  }
  if (i == t->start)
    while (t->start < t->h.n_entries && t->h.entries[t->start].key == Qundef) t->start++;
}

/* Entry number of key (hash value hv) or -1. User eql? may mutate the hash: after every
 * such call the search restarts if entries moved or the candidate was deleted. */
static long tbl_find(VM *vm, VALUE hash, VALUE key, uintptr_t hv) {
  bool ident = ident_p(hash);
restart:;
  Table *t = TBL(hash);
  if (!t || t->h.size == 0) return -1;
  if (!t->h.index) {
    for (long i = t->start; i < t->h.n_entries; i++) {
      HashEntry *e = &t->h.entries[i];
      if (e->hash != hv) continue;
      VALUE ek = e->key;
      if (ek == key) return i;
      if (ek == Qundef || ident) continue;
      int r = fast_eq(vm, key, ek);
      if (r < 0) {
        unsigned long gen = t->gen;
        r = kn_eql(vm, key, ek);
        if (t->gen != gen || (r && (i >= t->h.n_entries || t->h.entries[i].key != ek))) goto restart;
      }
      if (r) return i;
    }
    return -1;
  }
  size_t mask = (size_t)t->h.index_capa - 1, pos = idx_pos(hv, idx_shift(t)), step = 0;
  for (;; pos = (pos + ++step) & mask) {
    int32_t s = t->h.index[pos];
    if (s == IDX_EMPTY) return -1;
    if (s < 0) continue;
    HashEntry *e = &t->h.entries[s];
    if (e->hash != hv) continue;
    VALUE ek = e->key;
    if (ek == key) return s;
    if (ident) continue;
    int r = fast_eq(vm, key, ek);
    if (r < 0) {
      unsigned long gen = t->gen;
      r = kn_eql(vm, key, ek);
      if (t->gen != gen || t->h.index == NULL) goto restart;
      if (r && (s >= t->h.n_entries || t->h.entries[s].key != ek)) goto restart;
      if (!r && t->h.index[pos] != s) goto restart;
    }
    if (r) return s;
  }
}

static long find_key(VM *vm, VALUE hash, VALUE key) {
  Table *t = TBL(hash);
  if (!t || t->h.size == 0) return -1;
  return tbl_find(vm, hash, key, key_hash(vm, hash, key));
}

/* ---- common helpers ---------------------------------------------------------------------- */

static VALUE hash_alloc(VM *vm, VALUE klass) {
  VALUE h = kn_obj_alloc(vm, T_HASH, klass);
  RHASH(h)->ifnone = Qnil;
  return h;
}

static VALUE hash_allocator(void *vmp, VALUE klass) { return hash_alloc((VM *)vmp, klass); }

static inline void modify(VM *vm, VALUE hash) {
  if (RBASIC(hash)->flags & FL_FROZEN) kn_frozen_error(vm, hash);
}

_Noreturn static void iter_add_error(VM *vm) {
  kn_raise(vm, vm->eRuntimeError, "can't add a new key into hash during iteration");
}

static VALUE ret_enum(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  if (argc > 7) argc = 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < argc; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, argc + 1, args);
}
#define RETURN_ENUM(name) \
  do { if (NIL_P(blk)) return ret_enum(vm, self, name, argc, argv); } while (0)

static VALUE to_hash(VM *vm, VALUE v) {
  if (kn_is_type(v, T_HASH)) return v;
  VALUE h = kn_check_convert(vm, v, T_HASH, vm->id_to_hash);
  if (!kn_is_type(h, T_HASH)) kn_type_error(vm, v, "Hash");
  return h;
}

static inline VALUE assoc(VM *vm, VALUE k, VALUE v) { return kn_ary_new_values(vm, 2, k, v); }

/* Whether yielding (k, v) as two values is indistinguishable from yielding [k, v]: an
 * ordinary block (or non-lambda proc of fixed arity) with at least two required params. */
static bool pair_yield_ok(VALUE blk) {
  const Block *b;
  bool is_proc = false;
  if (KN_BH_IS_BLOCK(blk)) {
    b = KN_BH_BLOCK(blk);
  } else if (kn_is_type(blk, T_PROC)) {
    if (RBASIC(blk)->flags & FL_LAMBDA) return false;
    b = RPROC(blk)->block;
    is_proc = true;
  } else {
    return false;
  }
  if (!b || !b->iseq || b->proxy) return false;
  const IseqParams *p = &b->iseq->param;
  if (p->has_kw) return false;
  int min = p->lead_num + p->post_num;
  if (is_proc && (p->opt_num > 0 || p->rest_start >= 0)) return false;
  return min > 1;
}

/* ---- iteration --------------------------------------------------------------------------
 * hash_iter calls fn for every live entry in order with iter_lev raised (adding a key
 * then raises), and restores iter_lev on every exit path. fn may call Ruby code that
 * deletes entries or clears the hash; the loop re-reads the table at every step. */
enum { IT_CONTINUE = 0, IT_STOP = 1, IT_DELETE = 2 };
typedef int (*IterFn)(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg);

static void iter_loop(VM *vm, VALUE hash, IterFn fn, void *arg) {
  for (long i = TBL(hash)->start;; i++) {
    Table *t = TBL(hash);
    if (i >= t->h.n_entries) break;
    HashEntry *e = &t->h.entries[i];
    VALUE k = e->key;
    if (k == Qundef) continue;
    int r = fn(vm, hash, i, k, e->value, arg);
    if (r == IT_STOP) break;
    if (r == IT_DELETE && i < t->h.n_entries && t->h.entries[i].key == k) tbl_delete_at(t, i);
  }
}

static void hash_iter(VM *vm, VALUE hash, IterFn fn, void *arg) {
  if (hsize(hash) == 0) return;
  RHASH(hash)->iter_lev++;
  KN_TRY(vm) {
    iter_loop(vm, hash, fn, arg);
  } KN_CATCH(vm) {
    RHASH(hash)->iter_lev--;
    kn_jump(vm, kn_tag, vm->errinfo);
  } KN_END(vm);
  RHASH(hash)->iter_lev--;
}

/* Sets the value of entry i if it still holds key k. */
static void set_value_at(VALUE hash, long i, VALUE k, VALUE v) {
  Table *t = TBL(hash);
  if (t && i < t->h.n_entries && t->h.entries[i].key == k) t->h.entries[i].value = v;
}

/* Flat snapshot [k0, v0, k1, v1, ...] (no Ruby calls). */
static VALUE flat_pairs(VM *vm, VALUE hash) {
  long n = hsize(hash);
  VALUE a = kn_ary_new_capa(vm, n * 2);
  Table *t = TBL(hash);
  if (!t) return a;
  long j = 0;
  for (long i = t->start; i < t->h.n_entries && j < n * 2; i++) {
    HashEntry *e = &t->h.entries[i];
    if (e->key == Qundef) continue;
    RARRAY_PTR(a)[j++] = e->key;
    RARRAY_PTR(a)[j++] = e->value;
  }
  RARRAY(a)->len = j;
  return a;
}

/* ---- recursion guard (inspect, ==, eql?, hash) --------------------------------------------- */
enum { G_INSPECT = 1, G_EQ, G_HASH };
typedef VALUE (*GuardFn)(VM *vm, VALUE obj, VALUE other, void *arg);

static VALUE guard_stack(VM *vm) {
  ID id = kn_intern(vm, "__kiln_hash_guard");
  VALUE st = kn_gvar_get(vm, id);
  if (!kn_is_type(st, T_ARRAY)) {
    st = kn_ary_new(vm);
    kn_gvar_set(vm, id, st);
  }
  return st;
}

/* Runs fn(obj, other, arg) unless (obj, other, kind) is already in progress: then returns
 * Qundef. */
static VALUE guarded(VM *vm, int kind, VALUE obj, VALUE other, GuardFn fn, void *arg) {
  VALUE st = guard_stack(vm);
  long n = RARRAY_LEN(st);
  for (long i = 0; i + 2 < n; i += 3)
    if (RARRAY_PTR(st)[i] == obj && RARRAY_PTR(st)[i + 1] == other &&
        RARRAY_PTR(st)[i + 2] == INT2FIX(kind))
      return Qundef;
  kn_ary_push(vm, st, obj);
  kn_ary_push(vm, st, other);
  kn_ary_push(vm, st, INT2FIX(kind));
  volatile VALUE vst = st;
  volatile long vn = n;
  volatile VALUE r = Qnil;
  KN_TRY(vm) {
    r = fn(vm, obj, other, arg);
  } KN_CATCH(vm) {
    if (RARRAY(vst)->len > vn) RARRAY(vst)->len = vn;
    kn_jump(vm, kn_tag, vm->errinfo);
  } KN_END(vm);
  if (RARRAY(vst)->len > vn) RARRAY(vst)->len = vn;
  return r;
}

/* ---- the kn_hash_* API ------------------------------------------------------------------- */

VALUE kn_hash_new(VM *vm) { return hash_alloc(vm, vm->cHash); }

long kn_hash_size(VALUE hash) { return hsize(hash); }

bool kn_hash_lookup(VM *vm, VALUE hash, VALUE key, VALUE *out) {
  long i = find_key(vm, hash, key);
  if (i < 0) return false;
  if (out) *out = TBL(hash)->h.entries[i].value;
  return true;
}

static VALUE hash_default_cfunc(ARGS);

/* The value for a missing key: #default when a subclass redefines it, else the default
 * proc's result or the default value. */
static VALUE default_value(VM *vm, VALUE hash, VALUE key) {
  if (RBASIC(hash)->klass != vm->cHash) {
    ID id = kn_intern(vm, "default");
    const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, hash), id);
    if (me && !(me->type == ME_CFUNC && me->cfunc == hash_default_cfunc))
      return kn_funcall(vm, hash, id, 1, &key);
  }
  if (RBASIC(hash)->flags & FL_HASH_PROC) {
    VALUE args[2] = {hash, key};
    return kn_proc_call(vm, RHASH(hash)->ifnone, 2, args, Qnil);
  }
  return RHASH(hash)->ifnone;
}

VALUE kn_hash_aref(VM *vm, VALUE hash, VALUE key) {
  long i = find_key(vm, hash, key);
  if (i >= 0) return TBL(hash)->h.entries[i].value;
  return default_value(vm, hash, key);
}

/* Stores without the frozen check or key conversion (internal copies). */
static void raw_aset(VM *vm, VALUE hash, VALUE key, VALUE val) {
  uintptr_t hv = key_hash(vm, hash, key);
  long i = tbl_find(vm, hash, key, hv);
  if (i >= 0) {
    TBL(hash)->h.entries[i].value = val;
    return;
  }
  if (RHASH(hash)->iter_lev > 0) iter_add_error(vm);
  tbl_append(tbl_ensure(hash), key, val, hv);
}

VALUE kn_hash_aset(VM *vm, VALUE hash, VALUE key, VALUE val) {
  modify(vm, hash);
  uintptr_t hv = key_hash(vm, hash, key);
  long i = tbl_find(vm, hash, key, hv);
  if (i >= 0) {
    TBL(hash)->h.entries[i].value = val;
    return val;
  }
  if (RHASH(hash)->iter_lev > 0) iter_add_error(vm);
  if (kn_is_type(key, T_STRING) && !(RBASIC(key)->flags & FL_FROZEN) && !ident_p(hash) &&
      kn_obj_class(vm, key) == vm->cString) {
    key = kn_str_dup(vm, key);
    RBASIC(key)->klass = vm->cString;
    RBASIC(key)->flags |= FL_FROZEN;
  }
  tbl_append(tbl_ensure(hash), key, val, hv);
  return val;
}

VALUE kn_hash_delete(VM *vm, VALUE hash, VALUE key) {
  long i = find_key(vm, hash, key);
  if (i < 0) return Qundef;
  Table *t = TBL(hash);
  VALUE v = t->h.entries[i].value;
  tbl_delete_at(t, i);
  return v;
}

/* Copies src's entries into dst (which must be empty and not iterated); keeps dst's own
 * table. No Ruby calls: cached hash values are reused. */
static void copy_entries(VALUE dst, VALUE src) {
  Table *s = TBL(src);
  if (!s || s->h.size == 0) {
    if (TBL(dst)) tbl_reset(TBL(dst), false);
    return;
  }
  Table *d = tbl_ensure(dst);
  if (s->h.size == s->h.n_entries && s->start == 0) {
    if (d->h.capa != s->h.capa) {
      free(d->h.entries);
      d->h.entries = kn_xmalloc((size_t)s->h.capa * sizeof(HashEntry));
      d->h.capa = s->h.capa;
    }
    memcpy(d->h.entries, s->h.entries, (size_t)s->h.n_entries * sizeof(HashEntry));
    d->h.n_entries = d->h.size = s->h.size;
    d->start = 0;
    d->gen++;
    if (s->h.index) {
      if (d->h.index_capa != s->h.index_capa) {
        free(d->h.index);
        d->h.index = kn_xmalloc((size_t)s->h.index_capa * sizeof(int32_t));
        d->h.index_capa = s->h.index_capa;
      }
      memcpy(d->h.index, s->h.index, (size_t)s->h.index_capa * sizeof(int32_t));
    } else {
      free(d->h.index);
      d->h.index = NULL;
      d->h.index_capa = 0;
    }
    return;
  }
  long nc = capa_for(s->h.size);
  HashEntry *ne = kn_xmalloc((size_t)nc * sizeof(HashEntry));
  long j = 0;
  for (long i = s->start; i < s->h.n_entries; i++)
    if (s->h.entries[i].key != Qundef) ne[j++] = s->h.entries[i];
  free(d->h.entries);
  d->h.entries = ne;
  d->h.capa = nc;
  d->h.n_entries = d->h.size = j;
  d->start = 0;
  d->gen++;
  index_rebuild(d);
}

static void copy_default(VALUE dst, VALUE src) {
  RHASH(dst)->ifnone = RHASH(src)->ifnone;
  RBASIC(dst)->flags = (RBASIC(dst)->flags & ~(uint32_t)FL_HASH_PROC) | (RBASIC(src)->flags & FL_HASH_PROC);
}

static void copy_ident(VALUE dst, VALUE src) {
  RBASIC(dst)->flags = (RBASIC(dst)->flags & ~(uint32_t)FL_HASH_IDENT) | (RBASIC(src)->flags & FL_HASH_IDENT);
}

VALUE kn_hash_dup(VM *vm, VALUE hash) {
  VALUE h = hash_alloc(vm, vm->cHash);
  copy_ident(h, hash);
  copy_default(h, hash);
  copy_entries(h, hash);
  return h;
}

/* A new empty plain Hash with hash's compare_by_identity setting. */
static VALUE new_like(VM *vm, VALUE hash) {
  VALUE h = hash_alloc(vm, vm->cHash);
  copy_ident(h, hash);
  return h;
}

VALUE kn_hash_keys(VM *vm, VALUE hash) {
  long n = hsize(hash);
  VALUE a = kn_ary_new_capa(vm, n);
  Table *t = TBL(hash);
  long j = 0;
  if (t)
    for (long i = t->start; i < t->h.n_entries && j < n; i++)
      if (t->h.entries[i].key != Qundef) RARRAY_PTR(a)[j++] = t->h.entries[i].key;
  RARRAY(a)->len = j;
  return a;
}

static VALUE hash_values_ary(VM *vm, VALUE hash) {
  long n = hsize(hash);
  VALUE a = kn_ary_new_capa(vm, n);
  Table *t = TBL(hash);
  long j = 0;
  if (t)
    for (long i = t->start; i < t->h.n_entries && j < n; i++)
      if (t->h.entries[i].key != Qundef) RARRAY_PTR(a)[j++] = t->h.entries[i].value;
  RARRAY(a)->len = j;
  return a;
}

typedef struct ForeachArg {
  int (*fn)(VM *vm, VALUE k, VALUE v, void *arg);
  void *arg;
} ForeachArg;

static int foreach_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  ForeachArg *fa = arg;
  return fa->fn(vm, k, v, fa->arg) ? IT_STOP : IT_CONTINUE;
}

void kn_hash_foreach(VM *vm, VALUE hash, int (*fn)(VM *vm, VALUE k, VALUE v, void *arg), void *arg) {
  ForeachArg fa = {fn, arg};
  hash_iter(vm, hash, foreach_i, &fa);
}

/* ---- inspect --------------------------------------------------------------------------- */

static int inspect_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  VALUE s = *(VALUE *)arg;
  if (RSTRING_LEN(s) > 1) kn_str_cat(vm, s, ", ", 2);
  kn_str_append(vm, s, kn_inspect(vm, k));
  kn_str_cat(vm, s, "=>", 2);
  kn_str_append(vm, s, kn_inspect(vm, v));
  return IT_CONTINUE;
}

static VALUE inspect_body(VM *vm, VALUE hash, VALUE other, void *arg) {
  (void)other; (void)arg;
  VALUE s = kn_str_new(vm, "{", 1);
  hash_iter(vm, hash, inspect_i, &s);
  kn_str_cat(vm, s, "}", 1);
  return s;
}

VALUE kn_hash_inspect(VM *vm, VALUE hash) {
  if (hsize(hash) == 0) return kn_str_new(vm, "{}", 2);
  VALUE r = guarded(vm, G_INSPECT, hash, 0, inspect_body, NULL);
  if (r == Qundef) return kn_str_new(vm, "{...}", 5);
  return r;
}

/* ---- construction ------------------------------------------------------------------------ */

/* TypeError unless proc is a Proc; lambdas must take two arguments. */
static VALUE check_default_proc(VM *vm, VALUE proc) {
  if (!kn_is_type(proc, T_PROC)) {
    VALUE p = kn_check_convert(vm, proc, T_PROC, vm->id_to_proc);
    if (!kn_is_type(p, T_PROC))
      kn_raise(vm, vm->eTypeError, "wrong default_proc type %s (expected Proc)", kn_obj_classname(vm, proc));
    proc = p;
  }
  if (RBASIC(proc)->flags & FL_LAMBDA) {
    int n = kn_proc_arity(vm, proc);
    if (n != 2 && (n >= 0 || n < -3)) {
      if (n < 0) n = -n - 1;
      kn_raise(vm, vm->eTypeError, "default_proc takes two arguments (2 for %d)", n);
    }
  }
  return proc;
}

static void set_default_proc(VALUE hash, VALUE proc) {
  RHASH(hash)->ifnone = proc;
  RBASIC(hash)->flags |= FL_HASH_PROC;
}

static VALUE hash_initialize(ARGS) {
  modify(vm, self);
  if (!NIL_P(blk)) {
    if (argc > 0) kn_arity_error(vm, argc, 0, 0);
    set_default_proc(self, check_default_proc(vm, kn_block_proc(vm, blk)));
  } else {
    RHASH(self)->ifnone = argc > 0 ? argv[0] : Qnil;
    RBASIC(self)->flags &= ~(uint32_t)FL_HASH_PROC;
  }
  return Qnil;
}

/* Hash[ [ [k, v], ... ] ], Hash[ hash ], Hash[k, v, ...] */
static VALUE hash_s_create(ARGS) {
  UNUSED;
  VALUE h = hash_alloc(vm, self);
  if (argc == 1) {
    VALUE src = kn_is_type(argv[0], T_HASH) ? argv[0] : kn_check_convert(vm, argv[0], T_HASH, vm->id_to_hash);
    if (kn_is_type(src, T_HASH)) {
      copy_entries(h, src);
      if (ident_p(src)) {
        /* Hash[] of an identity hash makes an ordinary one: rehash */
        VALUE pairs = flat_pairs(vm, h);
        tbl_reset(TBL(h), false);
        for (long i = 0; i < RARRAY_LEN(pairs); i += 2) raw_aset(vm, h, RARRAY_PTR(pairs)[i], RARRAY_PTR(pairs)[i + 1]);
      }
      return h;
    }
    VALUE ary = kn_check_array(vm, argv[0]);
    if (!NIL_P(ary)) {
      for (long i = 0; i < RARRAY_LEN(ary); i++) {
        VALUE e = RARRAY_PTR(ary)[i];
        VALUE pair = kn_check_array(vm, e);
        if (NIL_P(pair))
          kn_raise(vm, vm->eArgumentError, "wrong element type %s at %ld (expected array)", kn_obj_classname(vm, e), i);
        long n = RARRAY_LEN(pair);
        if (n < 1 || n > 2) kn_raise(vm, vm->eArgumentError, "invalid number of elements (%ld for 1..2)", n);
        kn_hash_aset(vm, h, RARRAY_PTR(pair)[0], n == 2 ? RARRAY_PTR(pair)[1] : Qnil);
      }
      return h;
    }
  }
  if (argc % 2 != 0) kn_raise(vm, vm->eArgumentError, "odd number of arguments for Hash");
  for (int i = 0; i < argc; i += 2) kn_hash_aset(vm, h, argv[i], argv[i + 1]);
  return h;
}

static VALUE hash_s_try_convert(ARGS) {
  UNUSED;
  if (kn_is_type(argv[0], T_HASH)) return argv[0];
  VALUE h = kn_check_convert(vm, argv[0], T_HASH, vm->id_to_hash);
  if (!NIL_P(h) && !kn_is_type(h, T_HASH))
    kn_raise(vm, vm->eTypeError, "can't convert %s to Hash (%s#to_hash gives %s)", kn_obj_classname(vm, argv[0]),
             kn_obj_classname(vm, argv[0]), kn_obj_classname(vm, h));
  return h;
}

/* Replaces self's contents, default and identity flag with other's. */
static void replace_with(VM *vm, VALUE self, VALUE other) {
  if (RHASH(self)->iter_lev > 0) kn_raise(vm, vm->eRuntimeError, "can't replace hash during iteration");
  copy_default(self, other);
  copy_ident(self, other);
  if (self == other) return;
  Table *d = TBL(self), *s = TBL(other);
  if (d && s && d->h.size == s->h.size && d->h.n_entries == s->h.n_entries && d->start == s->start &&
      (d->h.n_entries == 0 || memcmp(d->h.entries, s->h.entries, (size_t)d->h.n_entries * sizeof(HashEntry)) == 0))
    return; /* already a copy (dup runs initialize_copy on a fresh copy) */
  copy_entries(self, other);
}

static VALUE hash_initialize_copy(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE other = to_hash(vm, argv[0]);
  replace_with(vm, self, other);
  return self;
}

static VALUE hash_replace(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE other = to_hash(vm, argv[0]);
  replace_with(vm, self, other);
  return self;
}

/* ---- element access ----------------------------------------------------------------------- */

static VALUE hash_aref(ARGS) { UNUSED; return kn_hash_aref(vm, self, argv[0]); }

static VALUE hash_aset(ARGS) {
  UNUSED;
  kn_hash_aset(vm, self, argv[0], argv[1]);
  return argv[1];
}

_Noreturn static void key_error(VM *vm, VALUE recv, VALUE key) {
  VALUE e = kn_exc_new(vm, vm->eKeyError, "key not found: %s", kn_str_cstr(vm, kn_inspect(vm, key)));
  kn_ivar_set(vm, e, kn_intern(vm, "__receiver"), recv);
  kn_ivar_set(vm, e, kn_intern(vm, "__key"), key);
  kn_raise_exc(vm, e);
}

static VALUE hash_fetch(ARGS) {
  UNUSED;
  VALUE v;
  if (kn_hash_lookup(vm, self, argv[0], &v)) return v;
  if (!NIL_P(blk)) return kn_yield1(vm, blk, argv[0]);
  if (argc > 1) return argv[1];
  key_error(vm, self, argv[0]);
}

static VALUE hash_key_p(ARGS) { UNUSED; return KN_BOOL(find_key(vm, self, argv[0]) >= 0); }

typedef struct SearchArg { VALUE needle; VALUE found; bool hit; } SearchArg;

static int value_search_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  SearchArg *s = arg;
  if (kn_equal(vm, v, s->needle)) {
    s->hit = true;
    s->found = k;
    return IT_STOP;
  }
  return IT_CONTINUE;
}

static VALUE hash_value_p(ARGS) {
  UNUSED;
  SearchArg s = {argv[0], Qnil, false};
  hash_iter(vm, self, value_search_i, &s);
  return KN_BOOL(s.hit);
}

static VALUE hash_key(ARGS) {
  UNUSED;
  SearchArg s = {argv[0], Qnil, false};
  hash_iter(vm, self, value_search_i, &s);
  return s.found;
}

static VALUE hash_dig(ARGS) {
  UNUSED;
  VALUE v = kn_hash_aref(vm, self, argv[0]);
  if (argc == 1 || NIL_P(v)) return v;
  ID dig = kn_intern(vm, "dig");
  if (!kn_respond_to(vm, v, dig, true))
    kn_raise(vm, vm->eTypeError, "%s does not have #dig method", kn_obj_classname(vm, v));
  return kn_funcall(vm, v, dig, argc - 1, argv + 1);
}

static VALUE hash_values_at(ARGS) {
  UNUSED;
  VALUE a = kn_ary_new_capa(vm, argc);
  for (int i = 0; i < argc; i++) kn_ary_push(vm, a, kn_hash_aref(vm, self, argv[i]));
  return a;
}

static VALUE hash_fetch_values(ARGS) {
  UNUSED;
  VALUE a = kn_ary_new_capa(vm, argc);
  for (int i = 0; i < argc; i++) {
    VALUE v;
    if (kn_hash_lookup(vm, self, argv[i], &v)) kn_ary_push(vm, a, v);
    else if (!NIL_P(blk)) kn_ary_push(vm, a, kn_yield1(vm, blk, argv[i]));
    else key_error(vm, self, argv[i]);
  }
  return a;
}

static VALUE hash_default_cfunc(ARGS) {
  UNUSED;
  if (RBASIC(self)->flags & FL_HASH_PROC) {
    if (argc == 0) return Qnil;
    VALUE args[2] = {self, argv[0]};
    return kn_proc_call(vm, RHASH(self)->ifnone, 2, args, Qnil);
  }
  return RHASH(self)->ifnone;
}

static VALUE hash_set_default(ARGS) {
  UNUSED;
  modify(vm, self);
  RHASH(self)->ifnone = argv[0];
  RBASIC(self)->flags &= ~(uint32_t)FL_HASH_PROC;
  return argv[0];
}

static VALUE hash_default_proc(ARGS) {
  UNUSED;
  return (RBASIC(self)->flags & FL_HASH_PROC) ? RHASH(self)->ifnone : Qnil;
}

static VALUE hash_set_default_proc(ARGS) {
  UNUSED;
  modify(vm, self);
  if (NIL_P(argv[0])) {
    RHASH(self)->ifnone = Qnil;
    RBASIC(self)->flags &= ~(uint32_t)FL_HASH_PROC;
    return argv[0];
  }
  set_default_proc(self, check_default_proc(vm, argv[0]));
  return argv[0];
}

/* ---- size and conversion ----------------------------------------------------------------------- */

static VALUE hash_size(ARGS) { UNUSED; return INT2FIX(hsize(self)); }
static VALUE hash_empty_p(ARGS) { UNUSED; return KN_BOOL(hsize(self) == 0); }
static VALUE hash_keys(ARGS) { UNUSED; return kn_hash_keys(vm, self); }
static VALUE hash_values(ARGS) { UNUSED; return hash_values_ary(vm, self); }
static VALUE hash_inspect(ARGS) { UNUSED; return kn_hash_inspect(vm, self); }
static VALUE hash_to_hash(ARGS) { UNUSED; return self; }

static VALUE hash_to_a(ARGS) {
  UNUSED;
  long n = hsize(self);
  VALUE a = kn_ary_new_capa(vm, n);
  VALUE pairs = flat_pairs(vm, self);
  for (long i = 0; i < RARRAY_LEN(pairs); i += 2)
    kn_ary_push(vm, a, assoc(vm, RARRAY_PTR(pairs)[i], RARRAY_PTR(pairs)[i + 1]));
  return a;
}

/* Validates a [key, value] pair produced by a to_h block. */
static VALUE check_pair(VM *vm, VALUE r) {
  VALUE pair = kn_check_array(vm, r);
  if (NIL_P(pair)) kn_raise(vm, vm->eTypeError, "wrong element type %s (expected array)", kn_obj_classname(vm, r));
  if (RARRAY_LEN(pair) != 2)
    kn_raise(vm, vm->eArgumentError, "element has wrong array length (expected 2, was %ld)", RARRAY_LEN(pair));
  return pair;
}

typedef struct BuildArg { VALUE blk; VALUE result; VALUE aux; } BuildArg;

static int to_h_block_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  BuildArg *b = arg;
  VALUE args[2] = {k, v};
  VALUE pair = check_pair(vm, kn_yield(vm, b->blk, 2, args));
  kn_hash_aset(vm, b->result, RARRAY_PTR(pair)[0], RARRAY_PTR(pair)[1]);
  return IT_CONTINUE;
}

static VALUE hash_to_h(ARGS) {
  UNUSED;
  if (!NIL_P(blk)) {
    BuildArg b = {blk, new_like(vm, self), Qnil};
    hash_iter(vm, self, to_h_block_i, &b);
    return b.result;
  }
  if (RBASIC(self)->klass == vm->cHash || kn_obj_class(vm, self) == vm->cHash) return self;
  VALUE h = kn_hash_dup(vm, self);
  return h;
}

__attribute__((aligned(16))) static VALUE hash_to_proc_fn(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  if (argc != 1) kn_arity_error(vm, argc, 1, 1);
  return kn_hash_aref(vm, kn_cfunc_proc_data(vm), argv[0]);
}

static VALUE hash_to_proc(ARGS) {
  UNUSED;
  return kn_proc_new_cfunc(vm, hash_to_proc_fn, self, true);
}

static VALUE hash_deconstruct_keys(ARGS) { UNUSED; return self; }

/* ---- iteration methods ------------------------------------------------------------------- */

typedef struct YieldArg { VALUE blk; bool pair; } YieldArg;

static int each_pair_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  YieldArg *y = arg;
  if (y->pair) {
    VALUE args[2] = {k, v};
    kn_yield(vm, y->blk, 2, args);
  } else {
    kn_yield1(vm, y->blk, assoc(vm, k, v));
  }
  return IT_CONTINUE;
}

static VALUE each_pair_common(VM *vm, VALUE self, VALUE blk) {
  YieldArg y = {blk, pair_yield_ok(blk)};
  hash_iter(vm, self, each_pair_i, &y);
  return self;
}

static VALUE hash_each(ARGS) {
  RETURN_ENUM("each");
  return each_pair_common(vm, self, blk);
}

static VALUE hash_each_pair(ARGS) {
  RETURN_ENUM("each_pair");
  return each_pair_common(vm, self, blk);
}

static int each_key_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i; (void)v;
  kn_yield1(vm, *(VALUE *)arg, k);
  return IT_CONTINUE;
}

static int each_value_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i; (void)k;
  kn_yield1(vm, *(VALUE *)arg, v);
  return IT_CONTINUE;
}

static VALUE hash_each_key(ARGS) {
  RETURN_ENUM("each_key");
  hash_iter(vm, self, each_key_i, &blk);
  return self;
}

static VALUE hash_each_value(ARGS) {
  RETURN_ENUM("each_value");
  hash_iter(vm, self, each_value_i, &blk);
  return self;
}

static inline bool yield2_test(VM *vm, VALUE blk, VALUE k, VALUE v) {
  VALUE args[2] = {k, v};
  return RTEST(kn_yield(vm, blk, 2, args));
}

/* select / filter / reject into a new Hash */
typedef struct FilterArg { VALUE blk; VALUE result; bool want; bool changed; } FilterArg;

static int filter_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  FilterArg *f = arg;
  if (yield2_test(vm, f->blk, k, v) == f->want) raw_aset(vm, f->result, k, v);
  return IT_CONTINUE;
}

static VALUE filter_new(VM *vm, VALUE self, VALUE blk, bool want) {
  FilterArg f = {blk, new_like(vm, self), want, false};
  hash_iter(vm, self, filter_i, &f);
  return f.result;
}

static VALUE hash_select(ARGS) { RETURN_ENUM("select"); return filter_new(vm, self, blk, true); }
static VALUE hash_filter(ARGS) { RETURN_ENUM("filter"); return filter_new(vm, self, blk, true); }
static VALUE hash_reject(ARGS) { RETURN_ENUM("reject"); return filter_new(vm, self, blk, false); }

/* in-place filters: delete the entries whose block result != want */
static int filter_bang_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  FilterArg *f = arg;
  if (yield2_test(vm, f->blk, k, v) != f->want) {
    f->changed = true;
    return IT_DELETE;
  }
  return IT_CONTINUE;
}

static bool filter_bang(VM *vm, VALUE self, VALUE blk, bool want) {
  modify(vm, self);
  FilterArg f = {blk, Qnil, want, false};
  hash_iter(vm, self, filter_bang_i, &f);
  return f.changed;
}

static VALUE hash_delete_if(ARGS) {
  RETURN_ENUM("delete_if");
  filter_bang(vm, self, blk, false);
  return self;
}
static VALUE hash_reject_bang(ARGS) {
  RETURN_ENUM("reject!");
  return filter_bang(vm, self, blk, false) ? self : Qnil;
}
static VALUE hash_keep_if(ARGS) {
  RETURN_ENUM("keep_if");
  filter_bang(vm, self, blk, true);
  return self;
}
static VALUE hash_select_bang(ARGS) {
  RETURN_ENUM("select!");
  return filter_bang(vm, self, blk, true) ? self : Qnil;
}
static VALUE hash_filter_bang(ARGS) {
  RETURN_ENUM("filter!");
  return filter_bang(vm, self, blk, true) ? self : Qnil;
}

static VALUE hash_delete(ARGS) {
  UNUSED;
  modify(vm, self);
  VALUE v = kn_hash_delete(vm, self, argv[0]);
  if (v != Qundef) return v;
  if (!NIL_P(blk)) return kn_yield1(vm, blk, argv[0]);
  return Qnil;
}

static VALUE hash_shift(ARGS) {
  UNUSED;
  modify(vm, self);
  Table *t = TBL(self);
  if (t && t->h.size > 0) {
    for (long i = t->start; i < t->h.n_entries; i++) {
      HashEntry *e = &t->h.entries[i];
      if (e->key == Qundef) continue;
      VALUE k = e->key, v = e->value;
      tbl_delete_at(t, i);
      return assoc(vm, k, v);
    }
  }
  return default_value(vm, self, Qnil);
}

static VALUE hash_clear(ARGS) {
  UNUSED;
  modify(vm, self);
  Table *t = TBL(self);
  if (t && t->h.size > 0) tbl_reset(t, RHASH(self)->iter_lev > 0);
  return self;
}

/* ---- merging -------------------------------------------------------------------------------- */

typedef struct UpdateArg { VALUE dst; VALUE blk; } UpdateArg;

static int update_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  UpdateArg *u = arg;
  if (!NIL_P(u->blk)) {
    VALUE old;
    if (kn_hash_lookup(vm, u->dst, k, &old)) {
      VALUE args[3] = {k, old, v};
      v = kn_yield(vm, u->blk, 3, args);
    }
  }
  kn_hash_aset(vm, u->dst, k, v);
  return IT_CONTINUE;
}

static void update_from(VM *vm, VALUE dst, VALUE src, VALUE blk) {
  UpdateArg u = {dst, blk};
  if (src == dst && NIL_P(blk)) return;
  hash_iter(vm, src, update_i, &u);
}

static VALUE hash_update(ARGS) {
  modify(vm, self);
  for (int i = 0; i < argc; i++) update_from(vm, self, to_hash(vm, argv[i]), blk);
  return self;
}

static VALUE hash_merge(ARGS) {
  VALUE list = kn_ary_new_capa(vm, argc); /* converted first: to_hash may raise */
  for (int i = 0; i < argc; i++) kn_ary_push(vm, list, to_hash(vm, argv[i]));
  VALUE h = kn_hash_dup(vm, self);
  RBASIC(h)->klass = kn_obj_class(vm, self);
  VALUE ivs = kn_ivar_list(vm, self);  /* a copy as dup makes: instance variables too */
  for (long i = 0; i < RARRAY_LEN(ivs); i++) {
    ID id = SYM2ID(RARRAY_PTR(ivs)[i]);
    kn_ivar_set(vm, h, id, kn_ivar_get(vm, self, id));
  }
  for (long i = 0; i < RARRAY_LEN(list); i++) update_from(vm, h, RARRAY_PTR(list)[i], blk);
  return h;
}

/* ---- transformations ----------------------------------------------------------------------- */

static int invert_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  kn_hash_aset(vm, *(VALUE *)arg, v, k);
  return IT_CONTINUE;
}

static VALUE hash_invert(ARGS) {
  UNUSED;
  VALUE h = kn_hash_new(vm);
  hash_iter(vm, self, invert_i, &h);
  return h;
}

static int transform_values_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  BuildArg *b = arg;
  raw_aset(vm, b->result, k, kn_yield1(vm, b->blk, v));
  return IT_CONTINUE;
}

static VALUE hash_transform_values(ARGS) {
  RETURN_ENUM("transform_values");
  BuildArg b = {blk, new_like(vm, self), Qnil};
  hash_iter(vm, self, transform_values_i, &b);
  return b.result;
}

static int transform_values_bang_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  set_value_at(hash, i, k, kn_yield1(vm, *(VALUE *)arg, v));
  return IT_CONTINUE;
}

static VALUE hash_transform_values_bang(ARGS) {
  RETURN_ENUM("transform_values!");
  modify(vm, self);
  hash_iter(vm, self, transform_values_bang_i, &blk);
  return self;
}

/* New key for k under transform_keys(mapping) { block }. */
static VALUE transformed_key(VM *vm, VALUE mapping, VALUE blk, VALUE k) {
  VALUE nk;
  if (!NIL_P(mapping) && kn_hash_lookup(vm, mapping, k, &nk)) return nk;
  if (!NIL_P(blk)) return kn_yield1(vm, blk, k);
  return k;
}

static int transform_keys_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  BuildArg *b = arg;
  kn_hash_aset(vm, b->result, transformed_key(vm, b->aux, b->blk, k), v);
  return IT_CONTINUE;
}

static VALUE hash_transform_keys(ARGS) {
  if (argc == 0) RETURN_ENUM("transform_keys");
  BuildArg b = {blk, kn_hash_new(vm), argc > 0 ? to_hash(vm, argv[0]) : Qnil};
  hash_iter(vm, self, transform_keys_i, &b);
  return b.result;
}

static VALUE hash_transform_keys_bang(ARGS) {
  if (argc == 0) RETURN_ENUM("transform_keys!");
  modify(vm, self);
  VALUE mapping = argc > 0 ? to_hash(vm, argv[0]) : Qnil;
  if (hsize(self) == 0) return self;
  VALUE pairs = flat_pairs(vm, self);
  VALUE done = kn_hash_new(vm); /* keys written so far: never delete those */
  for (long i = 0; i < RARRAY_LEN(pairs); i += 2) {
    VALUE k = RARRAY_PTR(pairs)[i], v = RARRAY_PTR(pairs)[i + 1];
    VALUE nk = transformed_key(vm, mapping, blk, k);
    if (find_key(vm, done, k) < 0) kn_hash_delete(vm, self, k);
    kn_hash_aset(vm, self, nk, v);
    raw_aset(vm, done, nk, Qnil);
  }
  return self;
}

static VALUE hash_compact(ARGS) {
  UNUSED;
  VALUE h = kn_hash_new(vm);
  VALUE pairs = flat_pairs(vm, self);
  for (long i = 0; i < RARRAY_LEN(pairs); i += 2)
    if (!NIL_P(RARRAY_PTR(pairs)[i + 1])) raw_aset(vm, h, RARRAY_PTR(pairs)[i], RARRAY_PTR(pairs)[i + 1]);
  return h;
}

static VALUE hash_compact_bang(ARGS) {
  UNUSED;
  modify(vm, self);
  Table *t = TBL(self);
  long before = hsize(self);
  if (t)
    for (long i = t->start; i < t->h.n_entries && t->h.size > 0; i++)
      if (t->h.entries[i].key != Qundef && NIL_P(t->h.entries[i].value)) tbl_delete_at(t, i);
  return hsize(self) == before ? Qnil : self;
}

static VALUE hash_slice(ARGS) {
  UNUSED;
  VALUE h = new_like(vm, self);
  for (int i = 0; i < argc; i++) {
    long j = find_key(vm, self, argv[i]);
    if (j >= 0) {
      HashEntry *e = &TBL(self)->h.entries[j];
      raw_aset(vm, h, e->key, e->value);
    }
  }
  return h;
}

static VALUE hash_except(ARGS) {
  UNUSED;
  VALUE h = new_like(vm, self);
  copy_entries(h, self);
  for (int i = 0; i < argc; i++) kn_hash_delete(vm, h, argv[i]);
  return h;
}

static VALUE hash_assoc(ARGS) {
  UNUSED;
  long i = find_key(vm, self, argv[0]);
  if (i >= 0) return assoc(vm, argv[0], TBL(self)->h.entries[i].value);
  VALUE pairs = flat_pairs(vm, self);
  for (long j = 0; j < RARRAY_LEN(pairs); j += 2)
    if (kn_equal(vm, argv[0], RARRAY_PTR(pairs)[j])) return assoc(vm, RARRAY_PTR(pairs)[j], RARRAY_PTR(pairs)[j + 1]);
  return Qnil;
}

static VALUE hash_rassoc(ARGS) {
  UNUSED;
  VALUE pairs = flat_pairs(vm, self);
  for (long j = 0; j < RARRAY_LEN(pairs); j += 2)
    if (kn_equal(vm, argv[0], RARRAY_PTR(pairs)[j + 1])) return assoc(vm, RARRAY_PTR(pairs)[j], RARRAY_PTR(pairs)[j + 1]);
  return Qnil;
}

static VALUE hash_flatten(ARGS) {
  UNUSED;
  long level = 1;
  if (argc > 0) {
    level = kn_num2long(vm, argv[0]);
    if (level == 0) return hash_to_a(vm, self, 0, NULL, Qnil);
  }
  VALUE a = flat_pairs(vm, self);
  level--;
  ID flatten_bang = kn_intern(vm, "flatten!");
  if (level > 0) {
    VALUE l = INT2FIX(level);
    kn_funcall(vm, a, flatten_bang, 1, &l);
  } else if (level < 0) {
    kn_funcall(vm, a, flatten_bang, 0, NULL);
  }
  return a;
}

typedef struct AnyArg { VALUE blk; VALUE pattern; bool pair; bool found; } AnyArg;

static int any_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  AnyArg *a = arg;
  VALUE r;
  if (a->pattern != Qundef) {
    VALUE pr = assoc(vm, k, v);
    r = kn_funcall(vm, a->pattern, vm->id_eqq, 1, &pr);
  } else if (a->pair) {
    VALUE args[2] = {k, v};
    r = kn_yield(vm, a->blk, 2, args);
  } else {
    r = kn_yield1(vm, a->blk, assoc(vm, k, v));
  }
  if (!RTEST(r)) return IT_CONTINUE;
  a->found = true;
  return IT_STOP;
}

static VALUE hash_any_p(ARGS) {
  if (hsize(self) == 0) return Qfalse;
  if (argc == 0 && NIL_P(blk)) return Qtrue;
  AnyArg a = {blk, argc > 0 ? argv[0] : Qundef, argc == 0 && pair_yield_ok(blk), false};
  hash_iter(vm, self, any_i, &a);
  return KN_BOOL(a.found);
}

/* ---- identity and rehash ----------------------------------------------------------------- */

/* Re-inserts every entry under the current hashing mode (later duplicates win, keeping the
 * first position). */
static void rehash_in_place(VM *vm, VALUE self) {
  Table *t = TBL(self);
  if (!t || t->h.size == 0) return;
  VALUE pairs = flat_pairs(vm, self);
  tbl_reset(t, true);
  t->gen++;
  for (long i = 0; i < RARRAY_LEN(pairs); i += 2) raw_aset(vm, self, RARRAY_PTR(pairs)[i], RARRAY_PTR(pairs)[i + 1]);
}

/* Hash#rehash builds the new table beside the old one: a key whose hash or eql? raises
 * leaves the hash as it was. */
static VALUE hash_rehash(ARGS) {
  UNUSED;
  if (RHASH(self)->iter_lev > 0) kn_raise(vm, vm->eRuntimeError, "rehash during iteration");
  modify(vm, self);
  if (!TBL(self) || TBL(self)->h.size == 0) return self;
  VALUE pairs = flat_pairs(vm, self);
  VALUE tmp = hash_alloc(vm, vm->cHash);
  copy_ident(tmp, self);
  for (long i = 0; i < RARRAY_LEN(pairs); i += 2) raw_aset(vm, tmp, RARRAY_PTR(pairs)[i], RARRAY_PTR(pairs)[i + 1]);
  copy_entries(self, tmp);
  if (TBL(self)) TBL(self)->gen++;
  return self;
}

static VALUE hash_compare_by_identity(ARGS) {
  UNUSED;
  if (ident_p(self)) return self;
  modify(vm, self);
  if (RHASH(self)->iter_lev > 0) kn_raise(vm, vm->eRuntimeError, "compare_by_identity during iteration");
  RBASIC(self)->flags |= FL_HASH_IDENT;
  rehash_in_place(vm, self);
  return self;
}

static VALUE hash_compare_by_identity_p(ARGS) { UNUSED; return KN_BOOL(ident_p(self)); }

/* ---- comparison and hashing ------------------------------------------------------------- */

typedef struct EqArg { VALUE other; bool eql; bool result; } EqArg;

static int eq_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  EqArg *e = arg;
  VALUE v2;
  if (!kn_hash_lookup(vm, e->other, k, &v2) || !(e->eql ? kn_eql(vm, v, v2) : kn_equal(vm, v, v2))) {
    e->result = false;
    return IT_STOP;
  }
  return IT_CONTINUE;
}

static VALUE eq_body(VM *vm, VALUE a, VALUE b, void *arg) {
  EqArg e = {b, *(bool *)arg, true};
  hash_iter(vm, a, eq_i, &e);
  return KN_BOOL(e.result);
}

static VALUE hash_equal_common(VM *vm, VALUE self, VALUE other, bool eql) {
  if (self == other) return Qtrue;
  if (!kn_is_type(other, T_HASH)) {
    if (!kn_respond_to(vm, other, vm->id_to_hash, false)) return Qfalse;
    return KN_BOOL(eql ? kn_eql(vm, other, self) : kn_equal(vm, other, self));
  }
  if (hsize(self) != hsize(other)) return Qfalse;
  if (hsize(self) == 0) return Qtrue;
  if (ident_p(self) != ident_p(other)) return Qfalse;
  VALUE r = guarded(vm, G_EQ, self, other, eq_body, &eql);
  if (r == Qundef) return Qtrue;
  return r;
}

static VALUE hash_eq(ARGS) { UNUSED; return hash_equal_common(vm, self, argv[0], false); }
static VALUE hash_eql(ARGS) { UNUSED; return hash_equal_common(vm, self, argv[0], true); }

static int hash_hash_i(VM *vm, VALUE hash, long i, VALUE k, VALUE v, void *arg) {
  (void)hash; (void)i;
  uintptr_t hk = key_hash(vm, hash, k);
  uintptr_t hvv = any_hash(vm, v);
  *(uintptr_t *)arg += mix64(hk * 31 + hvv);
  return IT_CONTINUE;
}

static VALUE hash_hash_body(VM *vm, VALUE self, VALUE other, void *arg) {
  (void)other; (void)arg;
  uintptr_t h = (uintptr_t)hsize(self) * 0x9E3779B97F4A7C15ULL;
  hash_iter(vm, self, hash_hash_i, &h);
  return INT2FIX((intptr_t)(mix64(h) >> 2));
}

static VALUE hash_hash(ARGS) {
  UNUSED;
  VALUE r = guarded(vm, G_HASH, self, 0, hash_hash_body, NULL);
  if (r == Qundef) return INT2FIX((intptr_t)(hsize(self) * 7919));
  return r;
}

/* self <= other: every pair of self is in other */
static bool subset_p(VM *vm, VALUE self, VALUE other) {
  if (hsize(self) > hsize(other)) return false;
  EqArg e = {other, false, true};
  hash_iter(vm, self, eq_i, &e);
  return e.result;
}

static VALUE hash_le(ARGS) { UNUSED; VALUE o = to_hash(vm, argv[0]); return KN_BOOL(subset_p(vm, self, o)); }
static VALUE hash_lt(ARGS) {
  UNUSED;
  VALUE o = to_hash(vm, argv[0]);
  return KN_BOOL(hsize(self) < hsize(o) && subset_p(vm, self, o));
}
static VALUE hash_ge(ARGS) { UNUSED; VALUE o = to_hash(vm, argv[0]); return KN_BOOL(subset_p(vm, o, self)); }
static VALUE hash_gt(ARGS) {
  UNUSED;
  VALUE o = to_hash(vm, argv[0]);
  return KN_BOOL(hsize(o) < hsize(self) && subset_p(vm, o, self));
}

/* ---- init -------------------------------------------------------------------------------- */

void kn_init_hash(VM *vm) {
  VALUE H = vm->cHash;
  kn_set_allocator(vm, H, T_HASH, hash_allocator);
  kn_define_singleton_method(vm, H, "[]", hash_s_create, 0, -1);
  kn_define_singleton_method(vm, H, "try_convert", hash_s_try_convert, 1, 1);
  kn_define_private_method(vm, H, "initialize", hash_initialize, 0, 1);
  kn_define_private_method(vm, H, "initialize_copy", hash_initialize_copy, 1, 1);

  kn_define_method(vm, H, "[]", hash_aref, 1, 1);
  kn_define_method(vm, H, "[]=", hash_aset, 2, 2);
  kn_define_method(vm, H, "store", hash_aset, 2, 2);
  kn_define_method(vm, H, "fetch", hash_fetch, 1, 2);
  kn_define_method(vm, H, "key?", hash_key_p, 1, 1);
  kn_define_method(vm, H, "has_key?", hash_key_p, 1, 1);
  kn_define_method(vm, H, "include?", hash_key_p, 1, 1);
  kn_define_method(vm, H, "member?", hash_key_p, 1, 1);
  kn_define_method(vm, H, "value?", hash_value_p, 1, 1);
  kn_define_method(vm, H, "has_value?", hash_value_p, 1, 1);
  kn_define_method(vm, H, "key", hash_key, 1, 1);
  kn_define_method(vm, H, "dig", hash_dig, 1, -1);
  kn_define_method(vm, H, "values_at", hash_values_at, 0, -1);
  kn_define_method(vm, H, "fetch_values", hash_fetch_values, 0, -1);
  kn_define_method(vm, H, "default", hash_default_cfunc, 0, 1);
  kn_define_method(vm, H, "default=", hash_set_default, 1, 1);
  kn_define_method(vm, H, "default_proc", hash_default_proc, 0, 0);
  kn_define_method(vm, H, "default_proc=", hash_set_default_proc, 1, 1);

  kn_define_method(vm, H, "size", hash_size, 0, 0);
  kn_define_method(vm, H, "length", hash_size, 0, 0);
  kn_define_method(vm, H, "empty?", hash_empty_p, 0, 0);
  kn_define_method(vm, H, "keys", hash_keys, 0, 0);
  kn_define_method(vm, H, "values", hash_values, 0, 0);
  kn_define_method(vm, H, "to_a", hash_to_a, 0, 0);
  kn_define_method(vm, H, "to_h", hash_to_h, 0, 0);
  kn_define_method(vm, H, "to_hash", hash_to_hash, 0, 0);
  kn_define_method(vm, H, "to_proc", hash_to_proc, 0, 0);
  kn_define_method(vm, H, "inspect", hash_inspect, 0, 0);
  kn_define_method(vm, H, "to_s", hash_inspect, 0, 0);
  kn_define_method(vm, H, "deconstruct_keys", hash_deconstruct_keys, 1, 1);

  kn_define_method(vm, H, "each", hash_each, 0, 0);
  kn_define_method(vm, H, "each_pair", hash_each_pair, 0, 0);
  kn_define_method(vm, H, "each_key", hash_each_key, 0, 0);
  kn_define_method(vm, H, "each_value", hash_each_value, 0, 0);
  kn_define_method(vm, H, "select", hash_select, 0, 0);
  kn_define_method(vm, H, "filter", hash_filter, 0, 0);
  kn_define_method(vm, H, "reject", hash_reject, 0, 0);
  kn_define_method(vm, H, "delete_if", hash_delete_if, 0, 0);
  kn_define_method(vm, H, "reject!", hash_reject_bang, 0, 0);
  kn_define_method(vm, H, "keep_if", hash_keep_if, 0, 0);
  kn_define_method(vm, H, "select!", hash_select_bang, 0, 0);
  kn_define_method(vm, H, "filter!", hash_filter_bang, 0, 0);
  kn_define_method(vm, H, "any?", hash_any_p, 0, 1);

  kn_define_method(vm, H, "delete", hash_delete, 1, 1);
  kn_define_method(vm, H, "shift", hash_shift, 0, 0);
  kn_define_method(vm, H, "clear", hash_clear, 0, 0);
  kn_define_method(vm, H, "replace", hash_replace, 1, 1);
  kn_define_method(vm, H, "merge", hash_merge, 0, -1);
  kn_define_method(vm, H, "merge!", hash_update, 0, -1);
  kn_define_method(vm, H, "update", hash_update, 0, -1);
  kn_define_method(vm, H, "invert", hash_invert, 0, 0);
  kn_define_method(vm, H, "transform_values", hash_transform_values, 0, 0);
  kn_define_method(vm, H, "transform_values!", hash_transform_values_bang, 0, 0);
  kn_define_method(vm, H, "transform_keys", hash_transform_keys, 0, 1);
  kn_define_method(vm, H, "transform_keys!", hash_transform_keys_bang, 0, 1);
  kn_define_method(vm, H, "compact", hash_compact, 0, 0);
  kn_define_method(vm, H, "compact!", hash_compact_bang, 0, 0);
  kn_define_method(vm, H, "slice", hash_slice, 0, -1);
  kn_define_method(vm, H, "except", hash_except, 0, -1);
  kn_define_method(vm, H, "assoc", hash_assoc, 1, 1);
  kn_define_method(vm, H, "rassoc", hash_rassoc, 1, 1);
  kn_define_method(vm, H, "flatten", hash_flatten, 0, 1);

  kn_define_method(vm, H, "rehash", hash_rehash, 0, 0);
  kn_define_method(vm, H, "compare_by_identity", hash_compare_by_identity, 0, 0);
  kn_define_method(vm, H, "compare_by_identity?", hash_compare_by_identity_p, 0, 0);
  kn_define_method(vm, H, "==", hash_eq, 1, 1);
  kn_define_method(vm, H, "eql?", hash_eql, 1, 1);
  kn_define_method(vm, H, "hash", hash_hash, 0, 0);
  kn_define_method(vm, H, "<=", hash_le, 1, 1);
  kn_define_method(vm, H, "<", hash_lt, 1, 1);
  kn_define_method(vm, H, ">=", hash_ge, 1, 1);
  kn_define_method(vm, H, ">", hash_gt, 1, 1);
}
