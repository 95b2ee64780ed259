/* gc.c -- the garbage collector (DESIGN.md section 3).
 *
 * Non-moving mark and sweep over pages of fixed 64-byte slots:
 *
 *   page (64 KiB, 64 KiB-aligned)   [slot][slot][slot] ... 1024 slots
 *   free slots are T_NONE and chained through RBasic.klass (the free list)
 *
 * Roots: the VM stack and frames (precisely), the machine stack and registers
 * (conservatively: any word pointing into a live slot marks it, interior pointers too),
 * the VM struct itself (conservatively: every well-known class and cached value lives
 * there), registered addresses, and every iseq's embedded literals (src/vm/iseq.c).
 * A collection starts when the free list is empty and enough slots were allocated since
 * the last one; the heap grows by pages otherwise. `--gc-stress` collects on every
 * allocation. Payload buffers (strings, arrays, hash tables) are malloc'ed and freed
 * when their object is swept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vm.h"
#include "table.h"
#include "vm_internal.h"

#define PAGE_SIZE (1 << 16)
#define SLOT_SIZE 64
#define SLOTS_PER_PAGE (PAGE_SIZE / SLOT_SIZE)

_Static_assert(sizeof(RObject) <= SLOT_SIZE, "RObject fits a slot");
_Static_assert(sizeof(RString) <= SLOT_SIZE, "RString fits a slot");
_Static_assert(sizeof(RArray) <= SLOT_SIZE, "RArray fits a slot");
_Static_assert(sizeof(RHash) <= SLOT_SIZE, "RHash fits a slot");
_Static_assert(sizeof(RClass) <= SLOT_SIZE, "RClass fits a slot");
_Static_assert(sizeof(REnv) <= SLOT_SIZE, "REnv fits a slot");
_Static_assert(sizeof(RData) <= SLOT_SIZE, "RData fits a slot");
_Static_assert(sizeof(RThrow) <= SLOT_SIZE, "RThrow fits a slot");
_Static_assert(sizeof(RBignum) <= SLOT_SIZE, "RBignum fits a slot");
_Static_assert(sizeof(RProc) <= SLOT_SIZE, "RProc fits a slot");

struct Heap {
  char **pages;          /* sorted by address */
  long npages, pages_capa;
  VALUE freelist;
  long free_slots;
  long live_after_gc;    /* slots live after the last collection */
  long allocs_since_gc;
  VALUE *mstack;         /* mark stack */
  long msp, mcapa;
  bool in_gc;
  unsigned long collections;
};

static size_t malloc_increase;  /* bytes malloc'ed since the last GC (process-wide hint) */

/* ---- malloc wrappers -------------------------------------------------------------- */
static void *oom(size_t n) {
  fprintf(stderr, "kiln: failed to allocate memory (%zu bytes)\n", n);
  abort();
}
void *kn_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) oom(n);
  malloc_increase += n;
  return p;
}
void *kn_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) oom(n * size);
  malloc_increase += n * size;
  return p;
}
void *kn_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) oom(n);
  malloc_increase += n / 2;
  return q;
}
char *kn_xstrdup(const char *s) {
  size_t n = strlen(s);
  char *p = kn_xmalloc(n + 1);
  memcpy(p, s, n + 1);
  return p;
}

/* ---- pages ------------------------------------------------------------------------ */
static Heap *heap(VM *vm) {
  if (!vm->heap) vm->heap = kn_xcalloc(1, sizeof(Heap));
  return vm->heap;
}

static void add_page(Heap *h) {
  char *page = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
  if (!page) oom(PAGE_SIZE);
  memset(page, 0, PAGE_SIZE);
  if (h->npages == h->pages_capa) {
    h->pages_capa = h->pages_capa ? h->pages_capa * 2 : 64;
    h->pages = kn_xrealloc(h->pages, sizeof(char *) * h->pages_capa);
  }
  long i = h->npages;
  while (i > 0 && h->pages[i - 1] > page) { h->pages[i] = h->pages[i - 1]; i--; }
  h->pages[i] = page;
  h->npages++;
  for (int s = SLOTS_PER_PAGE - 1; s >= 0; s--) {
    RBasic *b = (RBasic *)(page + s * SLOT_SIZE);
    b->klass = h->freelist;
    h->freelist = (VALUE)b;
  }
  h->free_slots += SLOTS_PER_PAGE;
}

/* The slot containing address p, or 0 if p is not inside a live slot. */
static VALUE slot_of(Heap *h, uintptr_t p) {
  uintptr_t base = p & ~(uintptr_t)(PAGE_SIZE - 1);
  long lo = 0, hi = h->npages - 1;
  while (lo <= hi) {
    long mid = (lo + hi) / 2;
    uintptr_t b = (uintptr_t)h->pages[mid];
    if (b == base) {
      VALUE slot = base + ((p - base) / SLOT_SIZE) * SLOT_SIZE;
      return KN_BUILTIN_TYPE(slot) == T_NONE ? 0 : slot;
    }
    if (b < base) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

bool kn_gc_is_heap_object(VM *vm, VALUE v) {
  return HEAP_P(v) && slot_of(heap(vm), v) == v;
}

/* ---- marking ---------------------------------------------------------------------- */
void kn_gc_mark(VM *vm, VALUE v) {
  if (!HEAP_P(v)) return;
  RBasic *b = RBASIC(v);
  if (b->flags & FL_MARK) return;
  if ((b->flags & KN_TMASK) == T_NONE) return;
  b->flags |= FL_MARK;
  Heap *h = vm->heap;
  if (h->msp == h->mcapa) {
    h->mcapa = h->mcapa ? h->mcapa * 2 : 4096;
    h->mstack = realloc(h->mstack, sizeof(VALUE) * h->mcapa);
    if (!h->mstack) oom(h->mcapa);
  }
  h->mstack[h->msp++] = v;
}

static void mark_maybe(VM *vm, uintptr_t p) {
  if (p < 4096) return;
  VALUE s = slot_of(vm->heap, p);
  if (s) kn_gc_mark(vm, s);
}

/* The conservative scan reads whole stack ranges, including ASan's redzones. */
#if defined(__clang__) || defined(__GNUC__)
__attribute__((no_sanitize_address))
#endif
void kn_gc_mark_locations(VM *vm, const VALUE *from, const VALUE *to) {
  for (const VALUE *p = from; p < to; p++) mark_maybe(vm, *p);
}

static void mark_idtable_values(VM *vm, IdTable *t) {
  if (!t) return;
  for (long i = 0; i < t->n; i++) if (t->ents[i].key) kn_gc_mark(vm, (VALUE)t->ents[i].val);
}

static void mark_block(VM *vm, const Block *b) {
  kn_gc_mark(vm, b->self);
  kn_gc_mark(vm, b->env);
  kn_gc_mark(vm, b->cref);
  kn_gc_mark(vm, b->proxy);
}

static void mark_me(VM *vm, const MethodEntry *me) {
  kn_gc_mark(vm, me->owner);
  kn_gc_mark(vm, me->cref);
  kn_gc_mark(vm, me->proc);
}

static void mark_children(VM *vm, VALUE v) {
  RBasic *b = RBASIC(v);
  kn_gc_mark(vm, b->klass);
  switch (b->flags & KN_TMASK) {
  case T_OBJECT: {
    RObject *o = ROBJECT(v);
    for (uint32_t i = 0; i < o->numiv; i++) kn_gc_mark(vm, o->ivptr[i]);
    break;
  }
  case T_CLASS: case T_MODULE: case T_ICLASS: {
    RClass *c = RCLASS(v);
    kn_gc_mark(vm, c->super);
    if (c->m_tbl)
      for (long i = 0; i < c->m_tbl->n; i++)
        if (c->m_tbl->ents[i].key) mark_me(vm, (const MethodEntry *)c->m_tbl->ents[i].val);
    ClassExt *e = c->ext;
    if (e) {
      mark_idtable_values(vm, e->consts);
      mark_idtable_values(vm, e->cvars);
      for (uint32_t i = 0; i < e->nivs; i++) kn_gc_mark(vm, e->ivs[i]);
      kn_gc_mark(vm, e->name);
      kn_gc_mark(vm, e->attached);
      kn_gc_mark(vm, e->module);
      kn_gc_mark(vm, e->origin);
      kn_gc_mark(vm, e->includer);
      kn_gc_mark(vm, e->lexical_parent);
      for (long i = 0; i < e->nincluders; i++) kn_gc_mark(vm, e->includers[i]);
    }
    break;
  }
  case T_ARRAY: {
    RArray *a = RARRAY(v);
    for (long i = 0; i < a->len; i++) kn_gc_mark(vm, a->ptr[i]);
    break;
  }
  case T_HASH: {
    RHash *hs = RHASH(v);
    kn_gc_mark(vm, hs->ifnone);
    if (hs->tbl)
      for (long i = 0; i < hs->tbl->n_entries; i++) {
        HashEntry *e = &hs->tbl->entries[i];
        if (e->key == Qundef) continue;
        kn_gc_mark(vm, e->key);
        kn_gc_mark(vm, e->value);
      }
    break;
  }
  case T_RANGE: kn_gc_mark(vm, RRANGE(v)->beg); kn_gc_mark(vm, RRANGE(v)->end); break;
  case T_RATIONAL: kn_gc_mark(vm, RRATIONAL(v)->num); kn_gc_mark(vm, RRATIONAL(v)->den); break;
  case T_COMPLEX: kn_gc_mark(vm, RCOMPLEX(v)->real); kn_gc_mark(vm, RCOMPLEX(v)->imag); break;
  case T_PROC: if (RPROC(v)->block) mark_block(vm, RPROC(v)->block); break;
  case T_ENV: {
    REnv *e = RENV(v);
    kn_gc_mark(vm, e->parent);
    if (e->buf) for (uint32_t i = 0; i < e->size; i++) kn_gc_mark(vm, e->buf[i + 1]);
    break;
  }
  case T_CREF: kn_gc_mark(vm, RCREF(v)->klass); kn_gc_mark(vm, RCREF(v)->parent); break;
  case T_DATA: {
    RData *d = RDATA(v);
    if (d->type && d->type->mark && d->data) d->type->mark(vm, d->data);
    break;
  }
  case T_THROW: kn_gc_mark(vm, RTHROW(v)->value); kn_gc_mark(vm, RTHROW(v)->tag); break;
  default: break;
  }
}

static void drain(VM *vm) {
  Heap *h = vm->heap;
  while (h->msp > 0) mark_children(vm, h->mstack[--h->msp]);
}

static void mark_frames(VM *vm) {
  if (!vm->frames) return;
  VALUE *top = vm->stack;
  for (Frame *f = vm->frames; f <= vm->cfp; f++) {
    kn_gc_mark(vm, f->self);
    if (!KN_BH_IS_BLOCK(f->blockh)) kn_gc_mark(vm, f->blockh);
    kn_gc_mark(vm, f->env);
    kn_gc_mark(vm, f->cref);
    kn_gc_mark(vm, f->deftarget);
    if (f->blk.iseq) mark_block(vm, &f->blk);   /* else unused: push_frame leaves it stale */
    if (f->me) mark_me(vm, f->me);
    if (f->sp > top) top = f->sp;
  }
  /* precise below the highest saved sp; conservative a little above it, since the
   * interpreter may hold a few values above a stale saved sp */
  for (VALUE *p = vm->stack; p < top; p++) kn_gc_mark(vm, *p);
  VALUE *end = top + 256 < vm->stack_end ? top + 256 : vm->stack_end;
  kn_gc_mark_locations(vm, top, end);
}

__attribute__((noinline)) static void mark_machine_stack(VM *vm) {
  jmp_buf regs;
  setjmp(regs);
  kn_gc_mark_locations(vm, (VALUE *)regs, (VALUE *)((char *)regs + sizeof regs));
  volatile VALUE here = 0;
  VALUE *lo = (VALUE *)&here;
  VALUE *hi = (VALUE *)vm->cstack_base;
  if (lo > hi) { VALUE *t = lo; lo = hi; hi = t; }
  kn_gc_mark_locations(vm, lo, hi);
}

void kn_gc_register_address(VM *vm, VALUE *addr) {
  if (vm->nextra_roots < (int)(sizeof vm->extra_roots / sizeof vm->extra_roots[0]))
    vm->extra_roots[vm->nextra_roots++] = addr;
  else
    abort();
}

void kn_gc_register_value(VM *vm, VALUE v) {
  if (!HEAP_P(v)) return;
  if (vm->nmark_roots < (int)(sizeof vm->mark_roots / sizeof vm->mark_roots[0]))
    vm->mark_roots[vm->nmark_roots++] = v;
  else {
    /* overflow: keep it in a global-variable-like array */
    static ID id;
    if (!id) id = kn_intern(vm, "__kiln_roots");
    uintptr_t arr = 0;
    kn_idtable_get(vm->globals, id, &arr);
    if (!arr) { arr = kn_ary_new(vm); kn_idtable_set(vm->globals, id, arr); }
    kn_ary_push(vm, arr, v);
  }
}

/* ---- sweeping --------------------------------------------------------------------- */
static void free_payload(VM *vm, VALUE v) {
  (void)vm;
  switch (KN_BUILTIN_TYPE(v)) {
  case T_OBJECT: if (ROBJECT(v)->ivptr != ROBJECT(v)->embed) free(ROBJECT(v)->ivptr); break;
  case T_STRING: if (RSTRING(v)->ptr != RSTRING(v)->embed) free(RSTRING(v)->ptr); break;
  case T_ARRAY: if (RARRAY(v)->ptr != RARRAY(v)->embed) free(RARRAY(v)->ptr); break;
  case T_HASH: {
    HashTable *t = RHASH(v)->tbl;
    if (t) { free(t->entries); free(t->index); free(t); }
    break;
  }
  case T_BIGNUM: mpz_clear(RBIGNUM(v)->mp); break;
  case T_PROC: free(RPROC(v)->block); break;
  case T_ENV: free(RENV(v)->buf); break;
  case T_DATA: {
    RData *d = RDATA(v);
    if (d->type && d->type->free && d->data) d->type->free(d->data);
    break;
  }
  case T_CLASS: case T_MODULE: {
    RClass *c = RCLASS(v);
    /* method entries may still be referenced by inline caches and frames: keep them */
    kn_idtable_free(c->m_tbl);
    if (c->ext) {
      kn_idtable_free(c->ext->consts);
      kn_idtable_free(c->ext->iv_index);
      kn_idtable_free(c->ext->cvars);
      free(c->ext->ivs);
      free(c->ext->includers);
      free(c->ext);
    }
    break;
  }
  case T_ICLASS: free(RCLASS(v)->ext); break;
  default: break;
  }
}

static void sweep(VM *vm) {
  Heap *h = vm->heap;
  h->freelist = 0;
  h->free_slots = 0;
  long live = 0;
  for (long p = h->npages - 1; p >= 0; p--) {
    char *page = h->pages[p];
    for (int s = SLOTS_PER_PAGE - 1; s >= 0; s--) {
      RBasic *b = (RBasic *)(page + s * SLOT_SIZE);
      uint32_t t = b->flags & KN_TMASK;
      if (t != T_NONE) {
        if (b->flags & FL_MARK) { b->flags &= ~FL_MARK; live++; continue; }
        free_payload(vm, (VALUE)b);
        memset(b, 0, SLOT_SIZE);
      }
      b->klass = h->freelist;
      h->freelist = (VALUE)b;
      h->free_slots++;
    }
  }
  h->live_after_gc = live;
}


void kn_gc(VM *vm) {
  Heap *h = heap(vm);
  if (h->in_gc) return;
  h->in_gc = true;
  kn_gc_mark_locations(vm, (VALUE *)vm, (VALUE *)(vm + 1));
  for (int i = 0; i < vm->nmark_roots; i++) kn_gc_mark(vm, vm->mark_roots[i]);
  for (int i = 0; i < vm->nextra_roots; i++) kn_gc_mark(vm, *vm->extra_roots[i]);
  mark_idtable_values(vm, vm->globals);
  mark_frames(vm);
  kn_iseq_mark_all(vm);
  mark_machine_stack(vm);
  drain(vm);
  sweep(vm);
  h->allocs_since_gc = 0;
  malloc_increase = 0;
  h->collections++;
  h->in_gc = false;
}

VALUE kn_obj_alloc(VM *vm, ValueType type, VALUE klass) {
  Heap *h = heap(vm);
  if (vm->opts.gc_stress && !h->in_gc && vm->frames && !vm->gc_disabled) kn_gc(vm);
  if (!h->freelist) {
    long limit = h->live_after_gc * KN_GC_GROWTH;
    if (limit < KN_GC_MIN_ALLOCS) limit = KN_GC_MIN_ALLOCS;
    if (vm->frames && !vm->gc_disabled &&
        (h->allocs_since_gc >= limit || malloc_increase > ((size_t)64 << 20)))
      kn_gc(vm);
    /* keep at least a quarter of the heap free so collections stay amortized */
    while (!h->freelist || h->free_slots < (h->npages * SLOTS_PER_PAGE) / 4) add_page(h);
  }
  VALUE v = h->freelist;
  RBasic *b = RBASIC(v);
  h->freelist = b->klass;
  h->free_slots--;
  h->allocs_since_gc++;
  memset(b, 0, SLOT_SIZE);
  b->flags = type;
  b->klass = klass;
  return v;
}

unsigned long kn_gc_count(VM *vm) { return heap(vm)->collections; }
