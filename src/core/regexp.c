/* regexp.c -- Regexp and MatchData on Oniguruma (Debian libonig-dev), and the String
 * methods that take a Regexp (=~ match match? sub gsub scan split index [] ...).
 * A Regexp is T_DATA over a compiled regex_t; a MatchData keeps a frozen copy of the
 * subject, its Regexp and the region offsets. $~ is kept in vm->last_match (per VM, not
 * per frame: a simplification noted in docs/CONFORMANCE.md). */
#include <oniguruma.h>
#include <stdlib.h>
#include <string.h>
#include "../vm/vm.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

typedef struct Re { regex_t *reg; VALUE src; int opts; } Re;
typedef struct Match { VALUE str; VALUE re; int nregs; int *beg; int *end; } Match;

static void re_mark(void *vm, void *p) { kn_gc_mark(vm, ((Re *)p)->src); }
static void re_free(void *p) { Re *r = p; if (r->reg) onig_free(r->reg); free(r); }
static const DataType re_type = {"Regexp", re_mark, re_free};
static void md_mark(void *vm, void *p) { Match *m = p; kn_gc_mark(vm, m->str); kn_gc_mark(vm, m->re); }
static void md_free(void *p) { Match *m = p; free(m->beg); free(m->end); free(m); }
static const DataType md_type = {"MatchData", md_mark, md_free};

enum { RE_I = 1, RE_X = 2, RE_M = 4 };

static Re *get_re(VM *vm, VALUE v) { return kn_data_get(vm, v, &re_type); }
static Match *get_md(VM *vm, VALUE v) { return kn_data_get(vm, v, &md_type); }

static VALUE re_compile(VM *vm, VALUE klass, VALUE src, int opts) {
  OnigOptionType o = ONIG_OPTION_NONE;
  if (opts & RE_I) o |= ONIG_OPTION_IGNORECASE;
  if (opts & RE_X) o |= ONIG_OPTION_EXTEND;
  if (opts & RE_M) o |= ONIG_OPTION_MULTILINE;
  Re *r = kn_xcalloc(1, sizeof *r);
  OnigErrorInfo einfo;
  const UChar *p = (const UChar *)RSTRING_PTR(src);
  int rc = onig_new(&r->reg, p, p + RSTRING_LEN(src), o, ONIG_ENCODING_UTF8, ONIG_SYNTAX_RUBY, &einfo);
  if (rc != ONIG_NORMAL) {
    UChar buf[ONIG_MAX_ERROR_MESSAGE_LEN];
    onig_error_code_to_str(buf, rc, &einfo);
    free(r);
    kn_raise(vm, vm->eRegexpError, "%s: /%s/", (char *)buf, kn_str_cstr(vm, src));
  }
  VALUE s = kn_str_dup(vm, src);
  kn_obj_freeze(vm, s);
  r->src = s;
  r->opts = opts;
  VALUE obj = kn_data_new(vm, klass, &re_type, r);
  kn_obj_freeze(vm, obj);
  return obj;
}

static VALUE re_s_new(ARGS) {
  UNUSED;
  VALUE src = argv[0];
  int opts = 0;
  if (kn_is_type(src, T_DATA) && RDATA(src)->type == &re_type) {
    Re *r = get_re(vm, src);
    return re_compile(vm, self, r->src, r->opts);
  }
  src = kn_check_string(vm, src);
  if (argc > 1) {
    if (FIXNUM_P(argv[1])) opts = (int)FIX2LONG(argv[1]);
    else if (kn_is_type(argv[1], T_STRING)) {
      for (long i = 0; i < RSTRING_LEN(argv[1]); i++) {
        char ch = RSTRING_PTR(argv[1])[i];
        opts |= ch == 'i' ? RE_I : ch == 'x' ? RE_X : ch == 'm' ? RE_M : 0;
      }
    } else if (RTEST(argv[1])) opts = RE_I;
  }
  return re_compile(vm, self, src, opts);
}

static VALUE re_s_escape(ARGS) {
  UNUSED;
  VALUE s = SYMBOL_P(argv[0]) ? kn_id_str(vm, SYM2ID(argv[0])) : kn_check_string(vm, argv[0]);
  VALUE r = kn_str_buf_new(vm, RSTRING_LEN(s) * 2);
  for (long i = 0; i < RSTRING_LEN(s); i++) {
    char c = RSTRING_PTR(s)[i];
    switch (c) {
    case '.': case '*': case '?': case '+': case '^': case '$': case '|': case '(': case ')':
    case '[': case ']': case '{': case '}': case '\\': case '/': case '-':
      kn_str_cat(vm, r, "\\", 1); kn_str_cat(vm, r, &c, 1); break;
    case '\n': kn_str_cat(vm, r, "\\n", 2); break;
    case '\t': kn_str_cat(vm, r, "\\t", 2); break;
    case '\r': kn_str_cat(vm, r, "\\r", 2); break;
    case ' ': kn_str_cat(vm, r, "\\ ", 2); break;
    default: kn_str_cat(vm, r, &c, 1);
    }
  }
  return r;
}

static VALUE re_source(ARGS) { UNUSED; return get_re(vm, self)->src; }
static VALUE re_options(ARGS) { UNUSED; return INT2FIX(get_re(vm, self)->opts); }
static VALUE re_casefold(ARGS) { UNUSED; return KN_BOOL(get_re(vm, self)->opts & RE_I); }

static void cat_opts(VM *vm, VALUE s, int opts) {
  if (opts & RE_M) kn_str_cat_cstr(vm, s, "m");
  if (opts & RE_I) kn_str_cat_cstr(vm, s, "i");
  if (opts & RE_X) kn_str_cat_cstr(vm, s, "x");
}

static VALUE re_inspect(ARGS) {
  UNUSED;
  Re *r = get_re(vm, self);
  VALUE s = kn_str_new_cstr(vm, "/");
  const char *p = RSTRING_PTR(r->src);
  for (long i = 0; i < RSTRING_LEN(r->src); i++) {
    if (p[i] == '/' && (i == 0 || p[i - 1] != '\\')) kn_str_cat_cstr(vm, s, "\\/");
    else if (p[i] == '\n') kn_str_cat_cstr(vm, s, "\\n");
    else kn_str_cat(vm, s, p + i, 1);
  }
  kn_str_cat_cstr(vm, s, "/");
  cat_opts(vm, s, r->opts);
  return s;
}

static VALUE re_to_s(ARGS) {
  UNUSED;
  Re *r = get_re(vm, self);
  VALUE s = kn_str_new_cstr(vm, "(?");
  cat_opts(vm, s, r->opts);
  if ((r->opts & 7) != 7) {
    kn_str_cat_cstr(vm, s, "-");
    if (!(r->opts & RE_M)) kn_str_cat_cstr(vm, s, "m");
    if (!(r->opts & RE_I)) kn_str_cat_cstr(vm, s, "i");
    if (!(r->opts & RE_X)) kn_str_cat_cstr(vm, s, "x");
  }
  kn_str_cat_cstr(vm, s, ":");
  kn_str_append(vm, s, r->src);
  kn_str_cat_cstr(vm, s, ")");
  return s;
}

/* Searches str from byte `start`; returns a MatchData or nil, and sets $~. */
static VALUE re_search(VM *vm, VALUE re, VALUE str, long start, bool set_last) {
  Re *r = get_re(vm, re);
  const UChar *s = (const UChar *)RSTRING_PTR(str), *e = s + RSTRING_LEN(str);
  if (start < 0 || start > RSTRING_LEN(str)) { if (set_last) vm->last_match = Qnil; return Qnil; }
  OnigRegion *region = onig_region_new();
  int pos = onig_search(r->reg, s, e, s + start, e, region, ONIG_OPTION_NONE);
  if (pos < 0) {
    onig_region_free(region, 1);
    if (set_last) vm->last_match = Qnil;
    return Qnil;
  }
  Match *m = kn_xcalloc(1, sizeof *m);
  m->nregs = region->num_regs;
  m->beg = kn_xmalloc(sizeof(int) * m->nregs);
  m->end = kn_xmalloc(sizeof(int) * m->nregs);
  for (int i = 0; i < m->nregs; i++) { m->beg[i] = region->beg[i]; m->end[i] = region->end[i]; }
  onig_region_free(region, 1);
  VALUE frozen = str;
  if (!KN_FROZEN_P(str)) { frozen = kn_str_dup(vm, str); kn_obj_freeze(vm, frozen); }
  m->str = frozen;
  m->re = re;
  VALUE md = kn_data_new(vm, vm->cMatchData, &md_type, m);
  KN_GC_GUARD(frozen);   /* only m (malloc'ed, unscanned) held it during the allocation */
  if (set_last) vm->last_match = md;
  return md;
}

static bool re_p(VALUE v) { return kn_is_type(v, T_DATA) && RDATA(v)->type == &re_type; }

static VALUE to_re(VM *vm, VALUE pat) {
  if (re_p(pat)) return pat;
  VALUE s = kn_check_string(vm, pat);
  VALUE e = re_s_escape(vm, Qnil, 1, &s, Qnil);
  return re_compile(vm, vm->cRegexp, e, 0);
}

static long char_to_byte(VALUE str, long ci) {
  const unsigned char *p = (const unsigned char *)RSTRING_PTR(str);
  long n = RSTRING_LEN(str), i = 0;
  while (ci > 0 && i < n) {
    unsigned char c = p[i];
    i += c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    ci--;
  }
  return i > n ? n : i;
}
static long byte_to_char(VALUE str, long bi) {
  const unsigned char *p = (const unsigned char *)RSTRING_PTR(str);
  long c = 0;
  for (long i = 0; i < bi && i < RSTRING_LEN(str); i++) if ((p[i] & 0xc0) != 0x80) c++;
  return c;
}

static VALUE re_match(ARGS) {
  UNUSED;
  if (NIL_P(argv[0])) { vm->last_match = Qnil; return Qnil; }
  VALUE str = SYMBOL_P(argv[0]) ? kn_id_str(vm, SYM2ID(argv[0])) : kn_check_string(vm, argv[0]);
  long pos = argc > 1 ? kn_num2long(vm, argv[1]) : 0;
  if (pos < 0) pos += kn_str_char_length(str);
  VALUE md = re_search(vm, self, str, char_to_byte(str, pos), true);
  if (!NIL_P(md) && !NIL_P(blk)) return kn_yield1(vm, blk, md);
  return md;
}
static VALUE re_match_p(ARGS) {
  UNUSED;
  if (NIL_P(argv[0])) return Qfalse;
  VALUE str = SYMBOL_P(argv[0]) ? kn_id_str(vm, SYM2ID(argv[0])) : kn_check_string(vm, argv[0]);
  VALUE saved = vm->last_match;
  VALUE md = re_search(vm, self, str, argc > 1 ? char_to_byte(str, kn_num2long(vm, argv[1])) : 0, false);
  vm->last_match = saved;
  return KN_BOOL(!NIL_P(md));
}
static VALUE re_eqtilde(ARGS) {
  UNUSED;
  if (NIL_P(argv[0])) { vm->last_match = Qnil; return Qnil; }
  VALUE str = SYMBOL_P(argv[0]) ? kn_id_str(vm, SYM2ID(argv[0])) : kn_check_string(vm, argv[0]);
  VALUE md = re_search(vm, self, str, 0, true);
  if (NIL_P(md)) return Qnil;
  return INT2FIX(byte_to_char(str, get_md(vm, md)->beg[0]));
}
static VALUE re_eqq(ARGS) {
  UNUSED;
  VALUE s = argv[0];
  if (SYMBOL_P(s)) s = kn_id_str(vm, SYM2ID(s));
  if (!kn_is_type(s, T_STRING)) return Qfalse;
  return KN_BOOL(!NIL_P(re_search(vm, self, s, 0, true)));
}
static VALUE re_eq(ARGS) {
  UNUSED;
  if (!re_p(argv[0])) return Qfalse;
  Re *a = get_re(vm, self), *b = get_re(vm, argv[0]);
  return KN_BOOL(a->opts == b->opts && kn_str_equal(a->src, b->src));
}
static VALUE re_hash(ARGS) { UNUSED; return INT2FIX((long)(kn_str_hash(get_re(vm, self)->src) >> 2)); }

static int name_cb(const UChar *name, const UChar *end, int ngroups, int *groups, regex_t *reg, void *arg) {
  (void)ngroups; (void)groups; (void)reg;
  void **a = arg;
  VM *vm = a[0];
  kn_ary_push(vm, (VALUE)a[1], kn_str_new(vm, (const char *)name, (long)(end - name)));
  return 0;
}
static VALUE re_names(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  void *a[2] = {vm, (void *)r};
  onig_foreach_name(get_re(vm, self)->reg, name_cb, a);
  return r;
}
static VALUE re_s_union(ARGS) {
  UNUSED;
  VALUE list = argc == 1 && kn_is_type(argv[0], T_ARRAY) ? argv[0] : kn_ary_new_from(vm, argc, argv);
  VALUE src = kn_str_new(vm, "", 0);
  for (long i = 0; i < RARRAY_LEN(list); i++) {
    if (i) kn_str_cat_cstr(vm, src, "|");
    VALUE p = RARRAY_PTR(list)[i];
    if (re_p(p)) kn_str_append(vm, src, re_to_s(vm, p, 0, NULL, Qnil));
    else { VALUE s = kn_check_string(vm, p); kn_str_append(vm, src, re_s_escape(vm, Qnil, 1, &s, Qnil)); }
  }
  return re_compile(vm, vm->cRegexp, src, 0);
}
static VALUE re_s_last_match(ARGS) {
  UNUSED;
  VALUE m = vm->last_match ? vm->last_match : Qnil;
  if (argc > 0 && !NIL_P(m)) return kn_funcall(vm, m, kn_intern(vm, "[]"), 1, argv);
  return m;
}

/* ---- MatchData --------------------------------------------------------------------------- */
static VALUE md_group(VM *vm, Match *m, int i) {
  if (i < 0 || i >= m->nregs || m->beg[i] < 0) return Qnil;
  return kn_str_new(vm, RSTRING_PTR(m->str) + m->beg[i], m->end[i] - m->beg[i]);
}
static int md_name_index(VM *vm, Match *m, VALUE name) {
  VALUE s = SYMBOL_P(name) ? kn_id_str(vm, SYM2ID(name)) : name;
  Re *r = get_re(vm, m->re);
  const UChar *p = (const UChar *)RSTRING_PTR(s);
  int n = onig_name_to_backref_number(r->reg, p, p + RSTRING_LEN(s), NULL);
  if (n < 0) kn_raise(vm, vm->eIndexError, "undefined group name reference: %s", kn_str_cstr(vm, s));
  return n;
}
static VALUE md_aref(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  if (FIXNUM_P(argv[0]) && argc == 1) {
    long i = FIX2LONG(argv[0]);
    if (i < 0) i += m->nregs;
    return md_group(vm, m, (int)i);
  }
  if (SYMBOL_P(argv[0]) || kn_is_type(argv[0], T_STRING)) return md_group(vm, m, md_name_index(vm, m, argv[0]));
  VALUE all = kn_ary_new(vm);
  for (int i = 0; i < m->nregs; i++) kn_ary_push(vm, all, md_group(vm, m, i));
  return kn_funcall(vm, all, kn_intern(vm, "[]"), argc, argv);
}
static VALUE md_to_a(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  VALUE a = kn_ary_new(vm);
  for (int i = 0; i < m->nregs; i++) kn_ary_push(vm, a, md_group(vm, m, i));
  return a;
}
static VALUE md_captures(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  VALUE a = kn_ary_new(vm);
  for (int i = 1; i < m->nregs; i++) kn_ary_push(vm, a, md_group(vm, m, i));
  return a;
}
static VALUE md_names(ARGS) { UNUSED; return re_names(vm, get_md(vm, self)->re, 0, NULL, Qnil); }
static VALUE md_named_captures(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  VALUE names = re_names(vm, m->re, 0, NULL, Qnil);
  VALUE h = kn_hash_new(vm);
  for (long i = 0; i < RARRAY_LEN(names); i++)
    kn_hash_aset(vm, h, RARRAY_PTR(names)[i], md_group(vm, m, md_name_index(vm, m, RARRAY_PTR(names)[i])));
  return h;
}
static VALUE md_pre(ARGS) { UNUSED; Match *m = get_md(vm, self); return kn_str_new(vm, RSTRING_PTR(m->str), m->beg[0]); }
static VALUE md_post(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  return kn_str_new(vm, RSTRING_PTR(m->str) + m->end[0], RSTRING_LEN(m->str) - m->end[0]);
}
static VALUE md_to_s(ARGS) { UNUSED; return md_group(vm, get_md(vm, self), 0); }
static VALUE md_size(ARGS) { UNUSED; return INT2FIX(get_md(vm, self)->nregs); }
static VALUE md_string(ARGS) { UNUSED; return get_md(vm, self)->str; }
static VALUE md_regexp(ARGS) { UNUSED; return get_md(vm, self)->re; }
static int md_index_arg(VM *vm, Match *m, VALUE a) {
  if (FIXNUM_P(a)) return (int)FIX2LONG(a);
  return md_name_index(vm, m, a);
}
static VALUE md_begin(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  int i = md_index_arg(vm, m, argv[0]);
  if (i < 0 || i >= m->nregs) kn_raise(vm, vm->eIndexError, "index %d out of matches", i);
  return m->beg[i] < 0 ? Qnil : INT2FIX(byte_to_char(m->str, m->beg[i]));
}
static VALUE md_end(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  int i = md_index_arg(vm, m, argv[0]);
  if (i < 0 || i >= m->nregs) kn_raise(vm, vm->eIndexError, "index %d out of matches", i);
  return m->beg[i] < 0 ? Qnil : INT2FIX(byte_to_char(m->str, m->end[i]));
}
static VALUE md_offset(ARGS) {
  return kn_ary_new_values(vm, 2, md_begin(vm, self, argc, argv, blk), md_end(vm, self, argc, argv, blk));
}
static VALUE md_values_at(ARGS) {
  UNUSED;
  VALUE a = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) kn_ary_push(vm, a, md_aref(vm, self, 1, &argv[i], Qnil));
  return a;
}
static VALUE md_inspect(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  VALUE names = re_names(vm, m->re, 0, NULL, Qnil);
  VALUE s = kn_str_new_cstr(vm, "#<MatchData ");
  kn_str_append(vm, s, kn_inspect(vm, md_group(vm, m, 0)));
  for (int i = 1; i < m->nregs; i++) {
    kn_str_cat_cstr(vm, s, " ");
    if (i - 1 < RARRAY_LEN(names)) kn_str_append(vm, s, RARRAY_PTR(names)[i - 1]);
    else kn_str_append(vm, s, kn_int_to_s(vm, INT2FIX(i), 10));
    kn_str_cat_cstr(vm, s, ":");
    kn_str_append(vm, s, kn_inspect(vm, md_group(vm, m, i)));
  }
  kn_str_cat_cstr(vm, s, ">");
  return s;
}
static VALUE md_last_group(ARGS) {
  UNUSED;
  Match *m = get_md(vm, self);
  for (int i = m->nregs - 1; i > 0; i--) if (m->beg[i] >= 0) return md_group(vm, m, i);
  return Qnil;
}

/* ---- String methods taking a pattern ----------------------------------------------------- */
static VALUE str_match(ARGS) {
  VALUE re = to_re(vm, argv[0]);
  return re_match(vm, re, argc, (VALUE[]){self, argc > 1 ? argv[1] : INT2FIX(0)}, blk);
}
static VALUE str_match_p(ARGS) {
  UNUSED;
  VALUE re = to_re(vm, argv[0]);
  VALUE a[2] = {self, argc > 1 ? argv[1] : INT2FIX(0)};
  return re_match_p(vm, re, 2, a, Qnil);
}
static VALUE str_eqtilde(ARGS) {
  UNUSED;
  if (kn_is_type(argv[0], T_STRING)) kn_raise(vm, vm->eTypeError, "type mismatch: String given");
  return kn_funcall(vm, argv[0], kn_intern(vm, "=~"), 1, &self);
}

/* expands \1 \0 \& \k<name> \\ in a replacement string */
static void append_replacement(VM *vm, VALUE out, VALUE rep, Match *m) {
  const char *p = RSTRING_PTR(rep);
  long n = RSTRING_LEN(rep);
  for (long i = 0; i < n; i++) {
    if (p[i] != '\\' || i + 1 >= n) { kn_str_cat(vm, out, p + i, 1); continue; }
    char c = p[++i];
    if (c >= '0' && c <= '9') {
      int g = c - '0';
      if (g < m->nregs && m->beg[g] >= 0) kn_str_cat(vm, out, RSTRING_PTR(m->str) + m->beg[g], m->end[g] - m->beg[g]);
    } else if (c == '&') {
      kn_str_cat(vm, out, RSTRING_PTR(m->str) + m->beg[0], m->end[0] - m->beg[0]);
    } else if (c == '`') {
      kn_str_cat(vm, out, RSTRING_PTR(m->str), m->beg[0]);
    } else if (c == '\'') {
      kn_str_cat(vm, out, RSTRING_PTR(m->str) + m->end[0], RSTRING_LEN(m->str) - m->end[0]);
    } else if (c == 'k' && i + 1 < n && p[i + 1] == '<') {
      const char *close = memchr(p + i + 2, '>', n - i - 2);
      if (close) {
        VALUE name = kn_str_new(vm, p + i + 2, close - (p + i + 2));
        int g = md_name_index(vm, m, name);
        if (m->beg[g] >= 0) kn_str_cat(vm, out, RSTRING_PTR(m->str) + m->beg[g], m->end[g] - m->beg[g]);
        i = close - p;
      }
    } else if (c == '\\') {
      kn_str_cat(vm, out, "\\", 1);
    } else {
      kn_str_cat(vm, out, p + i - 1, 2);
    }
  }
}

static VALUE sub_common(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk, bool global) {
  if (argc < 1 || argc > 2) kn_arity_error(vm, argc, 1, 2);
  if (argc == 1 && NIL_P(blk)) kn_arity_error(vm, argc, 1, 2);
  VALUE re = to_re(vm, argv[0]);
  VALUE str = self;
  VALUE out = kn_str_buf_new(vm, RSTRING_LEN(str));
  long pos = 0, last = 0;
  bool any = false;
  VALUE rep = argc > 1 ? argv[1] : Qnil;
  bool hash = argc > 1 && kn_is_type(rep, T_HASH);
  if (argc > 1 && !hash) rep = kn_check_string(vm, rep);
  while (pos <= RSTRING_LEN(str)) {
    VALUE md = re_search(vm, re, str, pos, true);
    if (NIL_P(md)) break;
    any = true;
    Match *m = get_md(vm, md);
    kn_str_cat(vm, out, RSTRING_PTR(str) + last, m->beg[0] - last);
    if (hash) {
      VALUE v = kn_hash_aref(vm, rep, md_group(vm, m, 0));
      kn_str_append(vm, out, kn_obj_as_string(vm, v));
    } else if (argc > 1) {
      append_replacement(vm, out, rep, m);
    } else {
      VALUE v = kn_yield1(vm, blk, md_group(vm, m, 0));
      vm->last_match = md;
      kn_str_append(vm, out, kn_obj_as_string(vm, v));
    }
    last = m->end[0];
    if (m->end[0] == m->beg[0]) {
      if (m->end[0] >= RSTRING_LEN(str)) { pos = RSTRING_LEN(str) + 1; break; }
      unsigned char c = (unsigned char)RSTRING_PTR(str)[m->end[0]];
      long step = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
      kn_str_cat(vm, out, RSTRING_PTR(str) + m->end[0], step);
      last = m->end[0] + step;
      pos = last;
    } else {
      pos = m->end[0];
    }
    if (!global) break;
  }
  if (last < RSTRING_LEN(str)) kn_str_cat(vm, out, RSTRING_PTR(str) + last, RSTRING_LEN(str) - last);
  if (!any) return Qundef;
  return out;
}

static VALUE str_sub(ARGS) { VALUE r = sub_common(vm, self, argc, argv, blk, false); return r == Qundef ? kn_str_dup(vm, self) : r; }
static VALUE str_gsub(ARGS) {
  if (argc == 1 && NIL_P(blk)) return kn_funcall(vm, self, vm->id_to_enum, 2, (VALUE[]){kn_sym(vm, "gsub"), argv[0]});
  VALUE r = sub_common(vm, self, argc, argv, blk, true);
  return r == Qundef ? kn_str_dup(vm, self) : r;
}
static VALUE replace_in_place(VM *vm, VALUE self, VALUE r) {
  if (r == Qundef) return Qnil;
  kn_funcall(vm, self, kn_intern(vm, "replace"), 1, &r);
  return self;
}
static VALUE str_sub_bang(ARGS) { kn_check_frozen(vm, self); return replace_in_place(vm, self, sub_common(vm, self, argc, argv, blk, false)); }
static VALUE str_gsub_bang(ARGS) { kn_check_frozen(vm, self); return replace_in_place(vm, self, sub_common(vm, self, argc, argv, blk, true)); }

static VALUE str_scan(ARGS) {
  UNUSED;
  VALUE re = to_re(vm, argv[0]);
  VALUE result = kn_ary_new(vm);
  long pos = 0;
  while (pos <= RSTRING_LEN(self)) {
    VALUE md = re_search(vm, re, self, pos, true);
    if (NIL_P(md)) break;
    Match *m = get_md(vm, md);
    VALUE item;
    if (m->nregs == 1) item = md_group(vm, m, 0);
    else { item = kn_ary_new(vm); for (int i = 1; i < m->nregs; i++) kn_ary_push(vm, item, md_group(vm, m, i)); }
    if (!NIL_P(blk)) { kn_yield1(vm, blk, item); vm->last_match = md; }
    else kn_ary_push(vm, result, item);
    if (m->end[0] == m->beg[0]) {
      if (m->end[0] >= RSTRING_LEN(self)) break;
      unsigned char c = (unsigned char)RSTRING_PTR(self)[m->end[0]];
      pos = m->end[0] + (c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4);
    } else pos = m->end[0];
  }
  return NIL_P(blk) ? result : self;
}

static VALUE str_regex_split(ARGS) {
  UNUSED;
  VALUE re = argv[0];
  long limit = argc > 1 && !NIL_P(argv[1]) ? kn_num2long(vm, argv[1]) : 0;
  VALUE result = kn_ary_new(vm);
  long pos = 0, start = 0;
  long len = RSTRING_LEN(self);
  if (len == 0) return result;
  while (pos <= len) {
    if (limit > 0 && RARRAY_LEN(result) == limit - 1) break;
    VALUE md = re_search(vm, re, self, pos, false);
    if (NIL_P(md)) break;
    Match *m = get_md(vm, md);
    if (m->end[0] == m->beg[0]) {
      if (m->beg[0] >= len) break;
      if (m->beg[0] == start) {
        unsigned char c = (unsigned char)RSTRING_PTR(self)[m->beg[0]];
        long step = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        pos = m->beg[0] + step;
        if (start == 0 && m->beg[0] == 0) { continue; }
        continue;
      }
      kn_ary_push(vm, result, kn_str_new(vm, RSTRING_PTR(self) + start, m->beg[0] - start));
      start = m->beg[0];
      unsigned char c = (unsigned char)RSTRING_PTR(self)[m->beg[0]];
      pos = m->beg[0] + (c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4);
    } else {
      kn_ary_push(vm, result, kn_str_new(vm, RSTRING_PTR(self) + start, m->beg[0] - start));
      start = m->end[0];
      pos = m->end[0];
    }
    for (int i = 1; i < m->nregs; i++) if (m->beg[i] >= 0) kn_ary_push(vm, result, md_group(vm, m, i));
    KN_GC_GUARD(md);
  }
  kn_ary_push(vm, result, kn_str_new(vm, RSTRING_PTR(self) + start, len - start));
  if (limit == 0)
    while (RARRAY_LEN(result) > 0 && RSTRING_LEN(RARRAY_PTR(result)[RARRAY_LEN(result) - 1]) == 0) kn_ary_pop(vm, result);
  return result;
}

static VALUE str_regex_index(ARGS) {
  UNUSED;
  long start = argc > 1 ? kn_num2long(vm, argv[1]) : 0;
  if (start < 0) start += kn_str_char_length(self);
  if (start < 0) return Qnil;
  VALUE md = re_search(vm, argv[0], self, char_to_byte(self, start), true);
  if (NIL_P(md)) return Qnil;
  return INT2FIX(byte_to_char(self, get_md(vm, md)->beg[0]));
}
static VALUE str_regex_rindex(ARGS) {
  UNUSED;
  long clen = kn_str_char_length(self);
  long start = argc > 1 ? kn_num2long(vm, argv[1]) : clen;
  if (start < 0) start += clen;
  if (start < 0) return Qnil;
  if (start > clen) start = clen;
  for (long ci = start; ci >= 0; ci--) {
    long b = char_to_byte(self, ci);
    Re *r = get_re(vm, argv[0]);
    const UChar *s = (const UChar *)RSTRING_PTR(self), *e = s + RSTRING_LEN(self);
    OnigRegion *region = onig_region_new();
    int rc = onig_match(r->reg, s, e, s + b, region, ONIG_OPTION_NONE);
    onig_region_free(region, 1);
    if (rc >= 0) { re_search(vm, argv[0], self, b, true); return INT2FIX(ci); }
  }
  vm->last_match = Qnil;
  return Qnil;
}
static VALUE str_regex_aref(ARGS) {
  UNUSED;
  VALUE md = re_search(vm, argv[0], self, 0, true);
  if (NIL_P(md)) return Qnil;
  Match *m = get_md(vm, md);
  if (argc > 1) {
    if (FIXNUM_P(argv[1])) { long i = FIX2LONG(argv[1]); if (i < 0) i += m->nregs; return md_group(vm, m, (int)i); }
    return md_group(vm, m, md_name_index(vm, m, argv[1]));
  }
  return md_group(vm, m, 0);
}
static VALUE str_regex_start_with(ARGS) {
  UNUSED;
  Re *r = get_re(vm, argv[0]);
  const UChar *s = (const UChar *)RSTRING_PTR(self), *e = s + RSTRING_LEN(self);
  OnigRegion *region = onig_region_new();
  int rc = onig_match(r->reg, s, e, s, region, ONIG_OPTION_NONE);
  onig_region_free(region, 1);
  if (rc >= 0) re_search(vm, argv[0], self, 0, true);
  return KN_BOOL(rc >= 0);
}
static VALUE sym_match(ARGS) {
  UNUSED;
  VALUE s = kn_id_str(vm, SYM2ID(self));
  return str_eqtilde(vm, s, argc, argv, blk);
}

static VALUE sym_s_all_symbols(ARGS) {
  UNUSED;
  return kn_all_symbols(vm);
}

static VALUE sym_match_p(ARGS) {
  UNUSED;
  return str_match_p(vm, kn_id_str(vm, SYM2ID(self)), argc, argv, blk);
}

void kn_init_regexp(VM *vm) {
  OnigEncoding encs[1] = {ONIG_ENCODING_UTF8};
  onig_initialize(encs, 1);
  VALUE R = vm->cRegexp = kn_define_class(vm, "Regexp", vm->cObject);
  vm->cMatchData = kn_define_class(vm, "MatchData", vm->cObject);
  kn_define_const(vm, R, "IGNORECASE", INT2FIX(RE_I));
  kn_define_const(vm, R, "EXTENDED", INT2FIX(RE_X));
  kn_define_const(vm, R, "MULTILINE", INT2FIX(RE_M));
  kn_define_singleton_method(vm, R, "new", re_s_new, 1, 3);
  kn_define_singleton_method(vm, R, "compile", re_s_new, 1, 3);
  kn_define_singleton_method(vm, R, "escape", re_s_escape, 1, 1);
  kn_define_singleton_method(vm, R, "quote", re_s_escape, 1, 1);
  kn_define_singleton_method(vm, R, "union", re_s_union, 0, -1);
  kn_define_singleton_method(vm, R, "last_match", re_s_last_match, 0, 1);
  kn_define_method(vm, R, "source", re_source, 0, 0);
  kn_define_method(vm, R, "options", re_options, 0, 0);
  kn_define_method(vm, R, "casefold?", re_casefold, 0, 0);
  kn_define_method(vm, R, "inspect", re_inspect, 0, 0);
  kn_define_method(vm, R, "to_s", re_to_s, 0, 0);
  kn_define_method(vm, R, "match", re_match, 1, 2);
  kn_define_method(vm, R, "match?", re_match_p, 1, 2);
  kn_define_method(vm, R, "=~", re_eqtilde, 1, 1);
  kn_define_method(vm, R, "===", re_eqq, 1, 1);
  kn_define_method(vm, R, "==", re_eq, 1, 1);
  kn_define_method(vm, R, "eql?", re_eq, 1, 1);
  kn_define_method(vm, R, "hash", re_hash, 0, 0);
  kn_define_method(vm, R, "names", re_names, 0, 0);
  VALUE M = vm->cMatchData;
  kn_define_method(vm, M, "[]", md_aref, 1, 2);
  kn_define_method(vm, M, "to_a", md_to_a, 0, 0);
  kn_define_method(vm, M, "captures", md_captures, 0, 0);
  kn_define_method(vm, M, "names", md_names, 0, 0);
  kn_define_method(vm, M, "named_captures", md_named_captures, 0, 0);
  kn_define_method(vm, M, "pre_match", md_pre, 0, 0);
  kn_define_method(vm, M, "post_match", md_post, 0, 0);
  kn_define_method(vm, M, "to_s", md_to_s, 0, 0);
  kn_define_method(vm, M, "size", md_size, 0, 0);
  kn_define_method(vm, M, "length", md_size, 0, 0);
  kn_define_method(vm, M, "string", md_string, 0, 0);
  kn_define_method(vm, M, "regexp", md_regexp, 0, 0);
  kn_define_method(vm, M, "begin", md_begin, 1, 1);
  kn_define_method(vm, M, "end", md_end, 1, 1);
  kn_define_method(vm, M, "offset", md_offset, 1, 1);
  kn_define_method(vm, M, "values_at", md_values_at, 0, -1);
  kn_define_method(vm, M, "inspect", md_inspect, 0, 0);
  kn_define_method(vm, M, "__last_group", md_last_group, 0, 0);
  VALUE S = vm->cString;
  kn_define_method(vm, S, "match", str_match, 1, 2);
  kn_define_method(vm, S, "match?", str_match_p, 1, 2);
  kn_define_method(vm, vm->cSymbol, "match?", sym_match_p, 1, 2);
  kn_define_singleton_method(vm, vm->cSymbol, "all_symbols", sym_s_all_symbols, 0, 0);
  kn_define_method(vm, S, "=~", str_eqtilde, 1, 1);
  kn_define_method(vm, S, "sub", str_sub, 1, 2);
  kn_define_method(vm, S, "gsub", str_gsub, 1, 2);
  kn_define_method(vm, S, "sub!", str_sub_bang, 1, 2);
  kn_define_method(vm, S, "gsub!", str_gsub_bang, 1, 2);
  kn_define_method(vm, S, "scan", str_scan, 1, 1);
  kn_define_method(vm, S, "__regex_split", str_regex_split, 1, 2);
  kn_define_method(vm, S, "__regex_index", str_regex_index, 1, 2);
  kn_define_method(vm, S, "__regex_rindex", str_regex_rindex, 1, 2);
  kn_define_method(vm, S, "__regex_aref", str_regex_aref, 1, 2);
  kn_define_method(vm, S, "__regex_start_with", str_regex_start_with, 1, 1);
  kn_define_method(vm, vm->cSymbol, "=~", sym_match, 1, 1);
  kn_define_method(vm, vm->cSymbol, "match", str_match, 1, 2);
}
