/* symbol.c -- the symbol table: names <-> IDs. IDs are dense from 1; every Symbol is
 * static (ID2SYM), so symbols are never collected. Names are stored NUL-terminated with
 * their length (a name may contain NUL bytes). */
#include <stdlib.h>
#include <string.h>
#include <oniguruma.h>
#include "vm.h"

typedef struct SymName { char *ptr; long len; } SymName;
struct SymTable {
  SymName *names;   /* names[id] */
  long n, capa;
  uint32_t *idx;    /* open addressing: ID or 0 */
  long idx_capa;
};

static uint64_t hash_bytes(const char *p, long len) {
  uint64_t h = 1469598103934665603ULL;
  for (long i = 0; i < len; i++) { h ^= (unsigned char)p[i]; h *= 1099511628211ULL; }
  return h;
}

static SymTable *table(VM *vm) {
  if (!vm->syms) {
    SymTable *t = kn_xcalloc(1, sizeof *t);
    t->capa = 1024;
    t->names = kn_xcalloc(t->capa, sizeof(SymName));
    t->n = 1;  /* ID 0 is reserved */
    t->idx_capa = 2048;
    t->idx = kn_xcalloc(t->idx_capa, sizeof(uint32_t));
    vm->syms = t;
  }
  return vm->syms;
}

ID kn_intern2(VM *vm, const char *name, long len) {
  SymTable *t = table(vm);
  uint64_t h = hash_bytes(name, len);
  long mask = t->idx_capa - 1;
  long i = (long)(h & mask);
  while (t->idx[i]) {
    SymName *s = &t->names[t->idx[i]];
    if (s->len == len && memcmp(s->ptr, name, len) == 0) return t->idx[i];
    i = (i + 1) & mask;
  }
  if (t->n == t->capa) {
    t->capa *= 2;
    t->names = kn_xrealloc(t->names, sizeof(SymName) * t->capa);
  }
  ID id = t->n++;
  char *copy = kn_xmalloc(len + 1);
  memcpy(copy, name, len);
  copy[len] = 0;
  t->names[id].ptr = copy;
  t->names[id].len = len;
  t->idx[i] = (uint32_t)id;
  if (t->n * 2 > t->idx_capa) {  /* grow the index */
    long cap = t->idx_capa * 2;
    uint32_t *idx = kn_xcalloc(cap, sizeof(uint32_t));
    for (long k = 1; k < t->n; k++) {
      long j = (long)(hash_bytes(t->names[k].ptr, t->names[k].len) & (cap - 1));
      while (idx[j]) j = (j + 1) & (cap - 1);
      idx[j] = (uint32_t)k;
    }
    free(t->idx);
    t->idx = idx;
    t->idx_capa = cap;
  }
  return id;
}

ID kn_intern(VM *vm, const char *name) { return kn_intern2(vm, name, (long)strlen(name)); }

const char *kn_id_name(VM *vm, ID id) {
  SymTable *t = table(vm);
  return (id > 0 && (long)id < t->n) ? t->names[id].ptr : "";
}

long kn_id_len(VM *vm, ID id) {
  SymTable *t = table(vm);
  return (id > 0 && (long)id < t->n) ? t->names[id].len : 0;
}

VALUE kn_sym(VM *vm, const char *name) { return ID2SYM(kn_intern(vm, name)); }

VALUE kn_id_str(VM *vm, ID id) { return kn_str_new(vm, kn_id_name(vm, id), kn_id_len(vm, id)); }

/* A constant name, as CRuby's: the first character an ASCII capital or, beyond ASCII, an
 * Uppercase or Titlecase letter (asked of Oniguruma's Unicode tables); the rest ASCII
 * letters, digits and '_' or any character beyond ASCII. */
bool kn_id_is_const(VM *vm, ID id) {
  const unsigned char *s = (const unsigned char *)kn_id_name(vm, id), *e = s + kn_id_len(vm, id);
  if (s == e) return false;
  if (s[0] < 0x80) {
    if (s[0] < 'A' || s[0] > 'Z') return false;
    s++;
  } else {
    int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
    if (n == 0 || e - s < n) return false;
    for (int i = 1; i < n; i++) if ((s[i] & 0xc0) != 0x80) return false;
    OnigCodePoint c = ONIGENC_MBC_TO_CODE(ONIG_ENCODING_UTF8, s, e);
    static int titlecase;
    if (!titlecase) {
      static const UChar tname[] = "titlecaseletter";
      titlecase = ONIGENC_PROPERTY_NAME_TO_CTYPE(ONIG_ENCODING_UTF8, (UChar *)tname, (UChar *)tname + sizeof tname - 1);
    }
    if (!ONIGENC_IS_CODE_UPPER(ONIG_ENCODING_UTF8, c) &&
        (ONIGENC_IS_CODE_LOWER(ONIG_ENCODING_UTF8, c) || titlecase < 0 ||
         !ONIGENC_IS_CODE_CTYPE(ONIG_ENCODING_UTF8, c, (unsigned)titlecase)))
      return false;
    s += n;
  }
  for (; s < e; s++)
    if (*s < 0x80 && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return false;
  return true;
}

bool kn_id_is_local(VM *vm, ID id) {
  const char *s = kn_id_name(vm, id);
  return (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_' || (unsigned char)s[0] >= 0x80;
}

bool kn_id_is_attrset(VM *vm, ID id) {
  const char *s = kn_id_name(vm, id);
  long n = kn_id_len(vm, id);
  if (n < 2 || s[n - 1] != '=') return false;
  char c = s[n - 2];
  if (c == '=' || c == '!' || c == '<' || c == '>' || c == ']') return false;
  return true;
}

/* Symbol.all_symbols: every name interned so far (IDs are dense from 1). */
VALUE kn_all_symbols(VM *vm) {
  SymTable *t = table(vm);
  VALUE a = kn_ary_new_capa(vm, t->n);
  for (long id = 1; id < t->n; id++)
    if (t->names[id].ptr) kn_ary_push(vm, a, ID2SYM((ID)id));
  return a;
}
