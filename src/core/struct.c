/* struct.c -- Struct: Struct.new(:a, :b, keyword_init: true) { ... } makes a class whose
 * instances keep their members in hidden instance variables (so instance_variables stays
 * empty, as in CRuby), with accessors, ==, to_a, to_h, each, [], []=, inspect. */
#include <string.h>
#include "../vm/vm.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

static ID member_ivar(VM *vm, VALUE sym) {
  char buf[256];
  snprintf(buf, sizeof buf, "__s_%s", kn_id_name(vm, SYM2ID(sym)));
  return kn_intern(vm, buf);
}

static VALUE members_of(VM *vm, VALUE klass) {
  ID id = kn_intern(vm, "__members__");
  for (VALUE c = klass; c && !NIL_P(c); c = kn_class_super(vm, c)) {
    VALUE m = kn_ivar_get(vm, c, id);
    if (!NIL_P(m)) return m;
  }
  kn_raise(vm, vm->eTypeError, "uninitialized struct");
}

static VALUE st_get(ARGS) {
  UNUSED;
  Frame *f = vm->cfp;
  return kn_ivar_get(vm, self, member_ivar(vm, ID2SYM(f->mid)));
}
static VALUE st_set(ARGS) {
  UNUSED;
  Frame *f = vm->cfp;
  const char *n = kn_id_name(vm, f->mid);
  VALUE sym = ID2SYM(kn_intern2(vm, n, (long)strlen(n) - 1));
  kn_check_frozen(vm, self);
  kn_ivar_set(vm, self, member_ivar(vm, sym), argv[0]);
  return argv[0];
}

static VALUE st_initialize(ARGS) {
  UNUSED;
  VALUE klass = kn_obj_class(vm, self);
  VALUE mem = members_of(vm, klass);
  long n = RARRAY_LEN(mem);
  VALUE kw = kn_ivar_get(vm, klass, kn_intern(vm, "__keyword_init__"));
  for (long i = 0; i < n; i++) kn_ivar_set(vm, self, member_ivar(vm, RARRAY_PTR(mem)[i]), Qnil);
  if (RTEST(kw) && argc == 1 && kn_is_type(argv[0], T_HASH)) {
    VALUE keys = kn_hash_keys(vm, argv[0]);
    for (long i = 0; i < RARRAY_LEN(keys); i++) {
      VALUE k = RARRAY_PTR(keys)[i];
      bool found = false;
      for (long j = 0; j < n; j++) if (RARRAY_PTR(mem)[j] == k) found = true;
      if (!found) kn_raise(vm, vm->eArgumentError, "unknown keywords: %s", kn_id_name(vm, SYM2ID(k)));
      kn_ivar_set(vm, self, member_ivar(vm, k), kn_hash_aref(vm, argv[0], k));
    }
    return Qnil;
  }
  if (argc > n) kn_raise(vm, vm->eArgumentError, "struct size differs");
  for (long i = 0; i < argc; i++) kn_ivar_set(vm, self, member_ivar(vm, RARRAY_PTR(mem)[i]), argv[i]);
  return Qnil;
}

static VALUE st_to_a(ARGS) {
  UNUSED;
  VALUE mem = members_of(vm, kn_obj_class(vm, self));
  VALUE a = kn_ary_new(vm);
  for (long i = 0; i < RARRAY_LEN(mem); i++) kn_ary_push(vm, a, kn_ivar_get(vm, self, member_ivar(vm, RARRAY_PTR(mem)[i])));
  return a;
}
static VALUE st_to_h(ARGS) {
  UNUSED;
  VALUE mem = members_of(vm, kn_obj_class(vm, self));
  VALUE h = kn_hash_new(vm);
  for (long i = 0; i < RARRAY_LEN(mem); i++) {
    VALUE k = RARRAY_PTR(mem)[i], v = kn_ivar_get(vm, self, member_ivar(vm, k));
    if (!NIL_P(blk)) {
      VALUE pair = kn_yield_values(vm, blk, 2, k, v);
      VALUE a = kn_check_array(vm, pair);
      kn_hash_aset(vm, h, RARRAY_PTR(a)[0], RARRAY_PTR(a)[1]);
    } else kn_hash_aset(vm, h, k, v);
  }
  return h;
}
static VALUE st_members(ARGS) { UNUSED; return kn_ary_dup(vm, members_of(vm, kn_obj_class(vm, self))); }
static VALUE st_size(ARGS) { UNUSED; return INT2FIX(RARRAY_LEN(members_of(vm, kn_obj_class(vm, self)))); }
static VALUE st_s_members(ARGS) { UNUSED; return kn_ary_dup(vm, members_of(vm, self)); }

static long member_index(VM *vm, VALUE self, VALUE key) {
  VALUE mem = members_of(vm, kn_obj_class(vm, self));
  long n = RARRAY_LEN(mem);
  if (FIXNUM_P(key)) {
    long i = FIX2LONG(key);
    if (i < 0) i += n;
    if (i < 0 || i >= n) {
      if (FIX2LONG(key) < 0) kn_raise(vm, vm->eIndexError, "offset %ld too small for struct(size:%ld)", FIX2LONG(key), n);
      kn_raise(vm, vm->eIndexError, "offset %ld too large for struct(size:%ld)", FIX2LONG(key), n);
    }
    return i;
  }
  VALUE sym = kn_is_type(key, T_STRING) ? kn_str_intern(vm, key) : key;
  for (long i = 0; i < n; i++) if (RARRAY_PTR(mem)[i] == sym) return i;
  if (kn_is_type(key, T_STRING)) kn_name_error(vm, SYM2ID(sym), self, "no member '%s' in struct", kn_id_name(vm, SYM2ID(sym)));
  kn_name_error(vm, SYMBOL_P(sym) ? SYM2ID(sym) : 0, self, "no member '%s' in struct", SYMBOL_P(sym) ? kn_id_name(vm, SYM2ID(sym)) : "?");
}
static VALUE st_aref(ARGS) {
  UNUSED;
  VALUE mem = members_of(vm, kn_obj_class(vm, self));
  return kn_ivar_get(vm, self, member_ivar(vm, RARRAY_PTR(mem)[member_index(vm, self, argv[0])]));
}
static VALUE st_aset(ARGS) {
  UNUSED;
  kn_check_frozen(vm, self);
  VALUE mem = members_of(vm, kn_obj_class(vm, self));
  kn_ivar_set(vm, self, member_ivar(vm, RARRAY_PTR(mem)[member_index(vm, self, argv[0])]), argv[1]);
  return argv[1];
}
static VALUE st_eq(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (self == o) return Qtrue;
  if (kn_obj_class(vm, o) != kn_obj_class(vm, self)) return Qfalse;
  VALUE a = st_to_a(vm, self, 0, NULL, Qnil), b = st_to_a(vm, o, 0, NULL, Qnil);
  return KN_BOOL(kn_equal(vm, a, b));
}
static VALUE st_hash(ARGS) { UNUSED; return kn_funcall(vm, st_to_a(vm, self, 0, NULL, Qnil), vm->id_hash, 0, NULL); }
static VALUE st_each(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return kn_funcall(vm, self, vm->id_to_enum, 1, (VALUE[]){kn_sym(vm, "each")});
  VALUE a = st_to_a(vm, self, 0, NULL, Qnil);
  for (long i = 0; i < RARRAY_LEN(a); i++) kn_yield1(vm, blk, RARRAY_PTR(a)[i]);
  return self;
}
static VALUE st_each_pair(ARGS) {
  UNUSED;
  VALUE mem = members_of(vm, kn_obj_class(vm, self));
  for (long i = 0; i < RARRAY_LEN(mem); i++) {
    VALUE k = RARRAY_PTR(mem)[i];
    kn_yield1(vm, blk, kn_ary_new_values(vm, 2, k, kn_ivar_get(vm, self, member_ivar(vm, k))));
  }
  return self;
}
static VALUE st_inspect(ARGS) {
  UNUSED;
  VALUE klass = kn_obj_class(vm, self);
  VALUE mem = members_of(vm, klass);
  VALUE s = kn_str_new_cstr(vm, "#<struct ");
  VALUE name = kn_funcall(vm, klass, vm->id_name, 0, NULL);
  if (!NIL_P(name)) { kn_str_append(vm, s, name); kn_str_cat_cstr(vm, s, " "); }
  for (long i = 0; i < RARRAY_LEN(mem); i++) {
    if (i) kn_str_cat_cstr(vm, s, ", ");
    VALUE k = RARRAY_PTR(mem)[i];
    kn_str_cat_cstr(vm, s, kn_id_name(vm, SYM2ID(k)));
    kn_str_cat_cstr(vm, s, "=");
    kn_str_append(vm, s, kn_inspect(vm, kn_ivar_get(vm, self, member_ivar(vm, k))));
  }
  kn_str_cat_cstr(vm, s, ">");
  return s;
}
static VALUE st_dig(ARGS) {
  UNUSED;
  VALUE v = st_aref(vm, self, 1, argv, Qnil);
  if (argc == 1 || NIL_P(v)) return v;
  return kn_funcall(vm, v, kn_intern(vm, "dig"), argc - 1, argv + 1);
}
static VALUE st_values_at(ARGS) {
  UNUSED;
  VALUE a = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) kn_ary_push(vm, a, st_aref(vm, self, 1, &argv[i], Qnil));
  return a;
}

static VALUE st_s_new(ARGS) {
  UNUSED;
  if (self != vm->cStruct) {
    /* a struct class: make an instance */
    VALUE obj = kn_obj_alloc(vm, T_OBJECT, self);
    ROBJECT(obj)->ivptr = ROBJECT(obj)->embed;
    ROBJECT(obj)->capa = KN_OBJ_EMBED;
    bool kw = argc > 0 && kn_is_type(argv[argc - 1], T_HASH);
    kn_funcall_kw(vm, obj, vm->id_initialize, argc, argv, blk, kw);
    return obj;
  }
  int n = argc;
  VALUE keyword_init = Qnil;
  if (n > 0 && kn_is_type(argv[n - 1], T_HASH)) {
    VALUE v;
    if (kn_hash_lookup(vm, argv[n - 1], kn_sym(vm, "keyword_init"), &v)) keyword_init = v;
    n--;
  }
  int start = 0;
  VALUE name = Qnil;
  if (n > 0 && kn_is_type(argv[0], T_STRING)) { name = argv[0]; start = 1; }
  VALUE mem = kn_ary_new(vm);
  for (int i = start; i < n; i++) {
    VALUE s = argv[i];
    if (kn_is_type(s, T_STRING)) s = kn_str_intern(vm, s);
    if (!SYMBOL_P(s)) kn_raise(vm, vm->eTypeError, "%s is not a symbol nor a string", kn_str_cstr(vm, kn_inspect(vm, s)));
    kn_ary_push(vm, mem, s);
  }
  VALUE klass = kn_class_new(vm, vm->cStruct);
  kn_ivar_set(vm, klass, kn_intern(vm, "__members__"), mem);
  kn_ivar_set(vm, klass, kn_intern(vm, "__keyword_init__"), keyword_init);
  if (!NIL_P(name)) kn_const_set(vm, vm->cStruct, SYM2ID(kn_str_intern(vm, name)), klass);
  for (long i = 0; i < RARRAY_LEN(mem); i++) {
    const char *m = kn_id_name(vm, SYM2ID(RARRAY_PTR(mem)[i]));
    char buf[256];
    kn_define_method(vm, klass, m, st_get, 0, 0);
    snprintf(buf, sizeof buf, "%s=", m);
    kn_define_method(vm, klass, buf, st_set, 1, 1);
  }
  kn_define_singleton_method(vm, klass, "new", st_s_new, 0, -1);
  kn_define_singleton_method(vm, klass, "[]", st_s_new, 0, -1);
  kn_define_singleton_method(vm, klass, "members", st_s_members, 0, 0);
  if (!NIL_P(blk)) {
    VALUE arg = klass;
    kn_funcall_block(vm, klass, kn_intern(vm, "class_exec"), 1, &arg, blk);
  }
  return klass;
}

/* Struct#deconstruct_keys(keys): the requested members (all with nil), stopping at the
 * first key that is not a member, as CRuby does. */
static VALUE st_deconstruct_keys(ARGS) {
  VALUE all = st_to_h(vm, self, 0, NULL, Qnil);
  if (NIL_P(argv[0])) return all;
  if (!kn_is_type(argv[0], T_ARRAY))
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Array or nil)", kn_obj_classname(vm, argv[0]));
  VALUE h = kn_hash_new(vm);
  for (long i = 0; i < RARRAY_LEN(argv[0]); i++) {
    VALUE k = RARRAY_PTR(argv[0])[i], v;
    if (!kn_hash_lookup(vm, all, k, &v)) break;
    kn_hash_aset(vm, h, k, v);
  }
  return h;
}

void kn_init_struct(VM *vm) {
  VALUE S = vm->cStruct = kn_define_class(vm, "Struct", vm->cObject);
  kn_include_module(vm, S, vm->cEnumerable);
  kn_define_singleton_method(vm, S, "new", st_s_new, 0, -1);
  kn_define_method(vm, S, "initialize", st_initialize, 0, -1);
  kn_define_method(vm, S, "to_a", st_to_a, 0, 0);
  kn_define_method(vm, S, "deconstruct", st_to_a, 0, 0);
  kn_define_method(vm, S, "deconstruct_keys", st_deconstruct_keys, 1, 1);
  kn_define_method(vm, S, "values", st_to_a, 0, 0);
  kn_define_method(vm, S, "to_h", st_to_h, 0, 0);
  kn_define_method(vm, S, "members", st_members, 0, 0);
  kn_define_method(vm, S, "[]", st_aref, 1, 1);
  kn_define_method(vm, S, "[]=", st_aset, 2, 2);
  kn_define_method(vm, S, "==", st_eq, 1, 1);
  kn_define_method(vm, S, "eql?", st_eq, 1, 1);
  kn_define_method(vm, S, "hash", st_hash, 0, 0);
  kn_define_method(vm, S, "each", st_each, 0, 0);
  kn_define_method(vm, S, "each_pair", st_each_pair, 0, 0);
  kn_define_method(vm, S, "inspect", st_inspect, 0, 0);
  kn_define_method(vm, S, "to_s", st_inspect, 0, 0);
  kn_define_method(vm, S, "dig", st_dig, 1, -1);
  kn_define_method(vm, S, "values_at", st_values_at, 0, -1);
  kn_define_method(vm, S, "size", st_size, 0, 0);
  kn_define_method(vm, S, "length", st_size, 0, 0);
}
