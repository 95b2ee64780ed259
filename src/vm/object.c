/* object.c -- the object protocol (inspect, to_s, ==, eql?, hash, dup, freeze, conversions)
 * and the methods of BasicObject, Object/Kernel (reflection), Module and Class. */
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

const char *kn_obj_classname(VM *vm, VALUE obj) {
  if (NIL_P(obj)) return "NilClass";
  if (obj == Qtrue) return "TrueClass";
  if (obj == Qfalse) return "FalseClass";
  return kn_str_cstr(vm, kn_class_name(vm, kn_obj_class(vm, obj)));
}

VALUE kn_any_to_s(VM *vm, VALUE v) {
  return kn_str_printf(vm, "#<%V:0x%016lx>", kn_class_name(vm, kn_obj_class(vm, v)), (unsigned long)v);
}

VALUE kn_inspect(VM *vm, VALUE v) {
  if (FIXNUM_P(v)) return kn_int_to_s(vm, v, 10);
  if (NIL_P(v)) return kn_str_new_cstr(vm, "nil");
  if (kn_is_type(v, T_STRING) && RBASIC(v)->klass == vm->cString) return kn_str_inspect(vm, v);
  VALUE s = kn_funcall(vm, v, vm->id_inspect, 0, NULL);
  if (!kn_is_type(s, T_STRING)) s = kn_obj_as_string(vm, s);
  return s;
}

VALUE kn_obj_as_string(VM *vm, VALUE v) {
  if (kn_is_type(v, T_STRING)) return v;
  if (!(vm->redefined_basic & KN_BOP_TO_S)) {
    if (FIXNUM_P(v)) return kn_int_to_s(vm, v, 10);
    if (SYMBOL_P(v)) return kn_id_str(vm, SYM2ID(v));
    if (NIL_P(v)) return kn_str_new(vm, "", 0);
  }
  VALUE s = kn_funcall(vm, v, vm->id_to_s, 0, NULL);
  if (!kn_is_type(s, T_STRING)) return kn_any_to_s(vm, v);
  return s;
}

bool kn_equal(VM *vm, VALUE a, VALUE b) {
  if (a == b) return true;
  if (FIXNUM_P(a) && FIXNUM_P(b)) return false;
  if (SYMBOL_P(a) && SYMBOL_P(b)) return false;
  if (kn_is_type(a, T_STRING) && kn_is_type(b, T_STRING) && RBASIC(a)->klass == vm->cString) return kn_str_equal(a, b);
  return RTEST(kn_funcall(vm, a, vm->id_eq, 1, &b));
}

bool kn_eql(VM *vm, VALUE a, VALUE b) {
  if (a == b) return true;
  if (FIXNUM_P(a) || SYMBOL_P(a) || SPECIAL_CONST_P(a)) {
    if (FLONUM_P(a) && kn_float_p(b)) return kn_float_value(a) == kn_float_value(b);
    return false;
  }
  if (kn_is_type(a, T_STRING) && kn_is_type(b, T_STRING)) return kn_str_equal(a, b);
  return RTEST(kn_funcall(vm, a, vm->id_eql, 1, &b));
}

static uintptr_t mix(uintptr_t h) {
  h ^= h >> 33; h *= 0xff51afd7ed558ccdULL; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL; h ^= h >> 33;
  return h;
}

uintptr_t kn_hash_value(VM *vm, VALUE v) {
  if (FIXNUM_P(v) || SYMBOL_P(v) || SPECIAL_CONST_P(v)) {
    if (FLONUM_P(v)) { double d = kn_float_value(v); if (d == 0.0) d = 0.0; uintptr_t b; memcpy(&b, &d, 8); return mix(b); }
    return mix(v);
  }
  if (kn_is_type(v, T_STRING)) return kn_str_hash(v);
  if (kn_is_type(v, T_FLOAT)) { double d = kn_float_value(v); uintptr_t b; memcpy(&b, &d, 8); return mix(b); }
  VALUE h = kn_funcall(vm, v, vm->id_hash, 0, NULL);
  if (FIXNUM_P(h)) return mix((uintptr_t)h);
  if (kn_is_type(h, T_BIGNUM)) return mix((uintptr_t)mpz_get_ui(RBIGNUM(h)->mp));
  return mix(h);
}

int kn_cmp(VM *vm, VALUE a, VALUE b) {
  if (FIXNUM_P(a) && FIXNUM_P(b)) return (intptr_t)a < (intptr_t)b ? -1 : a == b ? 0 : 1;
  if (kn_is_type(a, T_STRING) && kn_is_type(b, T_STRING)) {
    long la = RSTRING_LEN(a), lb = RSTRING_LEN(b);
    int c = memcmp(RSTRING_PTR(a), RSTRING_PTR(b), la < lb ? la : lb);
    if (c) return c < 0 ? -1 : 1;
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  VALUE r = kn_funcall(vm, a, vm->id_cmp, 1, &b);
  if (NIL_P(r)) kn_cmperr(vm, a, b);
  if (FIXNUM_P(r)) { intptr_t n = FIX2LONG(r); return n < 0 ? -1 : n > 0 ? 1 : 0; }
  if (kn_is_type(r, T_BIGNUM)) return mpz_sgn(RBIGNUM(r)->mp);
  double d = kn_num2dbl(vm, r);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

intptr_t kn_num2long(VM *vm, VALUE v) {
  if (FIXNUM_P(v)) return FIX2LONG(v);
  if (kn_float_p(v)) {
    double d = kn_float_value(v);
    if (d != d) kn_raise(vm, vm->eFloatDomainError, "NaN");
    if (d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
      kn_raise(vm, vm->eRangeError, "float %s out of range of integer", kn_str_cstr(vm, kn_float_to_s(vm, d)));
    return (intptr_t)d;
  }
  if (kn_is_type(v, T_BIGNUM)) {
    if (!mpz_fits_slong_p(RBIGNUM(v)->mp)) kn_raise(vm, vm->eRangeError, "bignum too big to convert into `long'");
    return mpz_get_si(RBIGNUM(v)->mp);
  }
  if (NIL_P(v)) kn_raise(vm, vm->eTypeError, "no implicit conversion from nil to integer");
  if (v == Qtrue || v == Qfalse) kn_raise(vm, vm->eTypeError, "no implicit conversion of %s into Integer", v == Qtrue ? "true" : "false");
  if (!kn_is_type(v, T_STRING) && kn_respond_to(vm, v, vm->id_to_int, true)) {
    VALUE i = kn_funcall(vm, v, vm->id_to_int, 0, NULL);
    if (kn_integer_p(i)) return kn_num2long(vm, i);
  }
  kn_type_error(vm, v, "Integer");
}

double kn_num2dbl(VM *vm, VALUE v) {
  if (FIXNUM_P(v)) return (double)FIX2LONG(v);
  if (kn_float_p(v)) return kn_float_value(v);
  if (kn_is_type(v, T_BIGNUM)) return mpz_get_d(RBIGNUM(v)->mp);
  if (NIL_P(v)) kn_raise(vm, vm->eTypeError, "can't convert nil into Float");
  if (kn_is_type(v, T_STRING)) kn_raise(vm, vm->eTypeError, "no implicit conversion to float from string");
  if (v == Qtrue || v == Qfalse) kn_raise(vm, vm->eTypeError, "can't convert %s into Float", v == Qtrue ? "true" : "false");
  if (kn_respond_to(vm, v, vm->id_to_f, true)) {
    VALUE f = kn_funcall(vm, v, vm->id_to_f, 0, NULL);
    if (kn_float_p(f)) return kn_float_value(f);
  }
  kn_raise(vm, vm->eTypeError, "can't convert %s into Float", kn_obj_classname(vm, v));
}

VALUE kn_check_convert(VM *vm, VALUE v, ValueType t, ID meth) {
  if (kn_is_type(v, t)) return v;
  if (SPECIAL_CONST_P(v) && !FIXNUM_P(v) && !FLONUM_P(v) && !SYMBOL_P(v)) return Qnil;
  if (!kn_respond_to(vm, v, meth, true)) return Qnil;
  VALUE r = kn_funcall(vm, v, meth, 0, NULL);
  if (NIL_P(r)) return Qnil;
  if (!kn_is_type(r, t))
    kn_raise(vm, vm->eTypeError, "can't convert %s to %s (%s#%s gives %s)", kn_obj_classname(vm, v),
             t == T_ARRAY ? "Array" : t == T_HASH ? "Hash" : "String", kn_obj_classname(vm, v),
             kn_id_name(vm, meth), kn_obj_classname(vm, r));
  return r;
}

VALUE kn_check_string(VM *vm, VALUE v) {
  if (kn_is_type(v, T_STRING)) return v;
  VALUE s = kn_check_convert(vm, v, T_STRING, vm->id_to_str);
  if (NIL_P(s)) kn_type_error(vm, v, "String");
  return s;
}

VALUE kn_check_array(VM *vm, VALUE v) { return kn_check_convert(vm, v, T_ARRAY, vm->id_to_ary); }

VALUE kn_obj_freeze(VM *vm, VALUE obj) {
  (void)vm;
  if (HEAP_P(obj)) RBASIC(obj)->flags |= FL_FROZEN;
  return obj;
}

static void copy_ivars(VM *vm, VALUE dst, VALUE src) {
  if (kn_is_type(src, T_OBJECT)) {
    RObject *s = ROBJECT(src), *d = ROBJECT(dst);
    if (s->numiv == 0) return;
    if (s->numiv <= KN_OBJ_EMBED) { d->ivptr = d->embed; d->capa = KN_OBJ_EMBED; }
    else { d->ivptr = kn_xmalloc(sizeof(VALUE) * s->numiv); d->capa = s->numiv; }
    memcpy(d->ivptr, s->ivptr, sizeof(VALUE) * s->numiv);
    d->numiv = s->numiv;
    return;
  }
  VALUE list = kn_ivar_list(vm, src);
  for (long i = 0; i < RARRAY_LEN(list); i++) {
    ID id = SYM2ID(RARRAY_PTR(list)[i]);
    kn_ivar_set(vm, dst, id, kn_ivar_get(vm, src, id));
  }
}

static VALUE alloc_for(VM *vm, VALUE klass);

/* Adds the methods of table t to dst, as dst's own (owner dst, so `super` in them searches
 * from dst's place in a chain, as CRuby's clone_method). */
static void copy_methods(VM *vm, VALUE dst, IdTable *t) {
  for (long i = 0; t && i < t->n; i++)
    if (t->ents[i].key) {
      MethodEntry me = *(const MethodEntry *)t->ents[i].val;
      me.owner = dst;
      kn_add_method(vm, dst, t->ents[i].key, &me);
    }
}

/* Gives dst the singleton methods and extended modules of sing, a singleton class. */
static void copy_singleton(VM *vm, VALUE dst, VALUE sing) {
  VALUE sc = kn_singleton_class(vm, dst);
  copy_methods(vm, sc, RCLASS(sing)->m_tbl);
  VALUE mods = kn_ary_new(vm);
  for (VALUE s = RCLASS(sing)->super; s && KN_BUILTIN_TYPE(s) == T_ICLASS; s = RCLASS(s)->super)
    if (kn_is_type(RCLASS(s)->ext->module, T_MODULE) && !RCLASS(s)->ext->origin) kn_ary_push(vm, mods, RCLASS(s)->ext->module);
  for (long i = RARRAY_LEN(mods) - 1; i >= 0; i--) kn_include_module(vm, sc, RARRAY_PTR(mods)[i]);
}

/* Module#dup / #clone (CRuby's rb_mod_init_copy): an anonymous class or module with the
 * same superclass and included modules (the iclasses are shared), copies of the methods,
 * the prepended modules, the singleton methods, constants, class variables and instance
 * variables. */
static VALUE copy_class(VM *vm, VALUE obj) {
  bool is_class = KN_BUILTIN_TYPE(obj) == T_CLASS;
  ClassExt *e = RCLASS(obj)->ext;
  VALUE origin = e && e->origin ? e->origin : obj;
  VALUE c = is_class ? kn_class_new(vm, RCLASS(origin)->super) : kn_module_new(vm);
  if (!is_class) RCLASS(c)->super = RCLASS(origin)->super;
  copy_methods(vm, c, RCLASS(origin)->m_tbl);
  if (origin != obj) {   /* prepended modules, the deepest first */
    VALUE mods = kn_ary_new(vm);
    for (VALUE s = RCLASS(obj)->super; s && s != origin; s = RCLASS(s)->super)
      if (!RCLASS(s)->ext->origin) kn_ary_push(vm, mods, RCLASS(s)->ext->module);
    for (long i = RARRAY_LEN(mods) - 1; i >= 0; i--) kn_prepend_module(vm, c, RARRAY_PTR(mods)[i]);
  }
  if (RBASIC(RBASIC(obj)->klass)->flags & FL_SINGLETON) copy_singleton(vm, c, RBASIC(obj)->klass);
  ClassExt *ce = RCLASS(c)->ext;
  if (e) {   /* instances of the copy are built like the original's (Array.dup.new) */
    ce->instance_type = e->instance_type;
    ce->allocator = e->allocator;
  }
  for (long i = 0; e && e->consts && i < e->consts->n; i++)
    if (e->consts->ents[i].key) {
      if (!ce->consts) ce->consts = kn_idtable_new();
      kn_idtable_set(ce->consts, e->consts->ents[i].key, e->consts->ents[i].val);
    }
  for (long i = 0; e && e->cvars && i < e->cvars->n; i++)
    if (e->cvars->ents[i].key) {
      if (!ce->cvars) ce->cvars = kn_idtable_new();
      kn_idtable_set(ce->cvars, e->cvars->ents[i].key, e->cvars->ents[i].val);
    }
  copy_ivars(vm, c, obj);
  return c;
}

/* shallow copy of the payload */
static VALUE copy_object(VM *vm, VALUE obj) {
  VALUE klass = kn_obj_class(vm, obj);
  switch (KN_BUILTIN_TYPE(obj)) {
  case T_STRING: { VALUE s = kn_str_dup(vm, obj); RBASIC(s)->klass = klass; RBASIC(s)->flags &= ~FL_FROZEN; copy_ivars(vm, s, obj); return s; }
  case T_ARRAY: { VALUE a = kn_ary_dup(vm, obj); RBASIC(a)->klass = klass; copy_ivars(vm, a, obj); return a; }
  case T_HASH: { VALUE h = kn_hash_dup(vm, obj); RBASIC(h)->klass = klass; copy_ivars(vm, h, obj); return h; }
  case T_RANGE: return obj;
  case T_PROC: {
    VALUE p = kn_proc_from_block(vm, RPROC(obj)->block, (RBASIC(obj)->flags & FL_LAMBDA) != 0);
    RBASIC(p)->klass = klass;
    return p;
  }
  case T_CLASS: case T_MODULE: return copy_class(vm, obj);
  case T_OBJECT: {
    VALUE o = alloc_for(vm, klass);
    copy_ivars(vm, o, obj);
    return o;
  }
  case T_DATA: {
    VALUE o = kn_obj_alloc(vm, T_DATA, klass);
    RDATA(o)->type = RDATA(obj)->type;
    RDATA(o)->data = NULL;
    return o;
  }
  default:
    return obj;
  }
}

VALUE kn_obj_dup(VM *vm, VALUE obj) {
  if (SPECIAL_CONST_P(obj) || kn_is_type(obj, T_BIGNUM) || kn_is_type(obj, T_FLOAT)) return obj;
  VALUE c = copy_object(vm, obj);
  if (c != obj) kn_funcall(vm, c, vm->id_initialize_copy, 1, &obj);
  return c;
}

VALUE kn_obj_clone(VM *vm, VALUE obj) {
  if (SPECIAL_CONST_P(obj) || kn_is_type(obj, T_BIGNUM) || kn_is_type(obj, T_FLOAT)) return obj;
  VALUE c = copy_object(vm, obj);
  if (c == obj) return c;
  /* singleton methods come along (copy_class did it for classes and modules) */
  VALUE k = RBASIC(obj)->klass;
  if ((RBASIC(k)->flags & FL_SINGLETON) && !kn_is_type(obj, T_CLASS) && !kn_is_type(obj, T_MODULE))
    copy_singleton(vm, c, k);
  kn_funcall(vm, c, vm->id_initialize_copy, 1, &obj);
  if (RBASIC(obj)->flags & FL_FROZEN) RBASIC(c)->flags |= FL_FROZEN;
  return c;
}

/* ---- allocation ---------------------------------------------------------------------- */
static VALUE alloc_for(VM *vm, VALUE klass) {
  ValueType t = T_OBJECT;
  VALUE (*fn)(void *, VALUE) = NULL;
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    ClassExt *e = RCLASS(c)->ext;
    if (KN_BUILTIN_TYPE(c) == T_ICLASS || !e) continue;
    if (e->allocator) { fn = e->allocator; break; }
    if (e->instance_type) { t = e->instance_type; break; }
  }
  if (fn) return fn(vm, klass);
  switch (t) {
  case T_STRING: { VALUE s = kn_str_new(vm, "", 0); RBASIC(s)->klass = klass; return s; }
  case T_ARRAY: { VALUE a = kn_ary_new(vm); RBASIC(a)->klass = klass; return a; }
  case T_HASH: { VALUE h = kn_hash_new(vm); RBASIC(h)->klass = klass; return h; }
  case T_OBJECT: { VALUE o = kn_obj_alloc(vm, T_OBJECT, klass); ROBJECT(o)->ivptr = ROBJECT(o)->embed; ROBJECT(o)->capa = KN_OBJ_EMBED; return o; }
  default: kn_raise(vm, vm->eTypeError, "allocator undefined for %s", kn_str_cstr(vm, kn_class_name(vm, klass)));
  }
}

static VALUE class_allocate(ARGS) {
  UNUSED;
  if (RBASIC(self)->flags & FL_SINGLETON) kn_raise(vm, vm->eTypeError, "can't create instance of singleton class");
  if (self == vm->cInteger || self == vm->cFloat || self == vm->cSymbol || self == vm->cNilClass ||
      self == vm->cTrueClass || self == vm->cFalseClass)
    kn_raise(vm, vm->eTypeError, "allocator undefined for %s", kn_str_cstr(vm, kn_class_name(vm, self)));
  return alloc_for(vm, self);
}

static VALUE class_new_instance(ARGS) {
  VALUE obj = class_allocate(vm, self, 0, NULL, Qnil);
  const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, obj), vm->id_initialize);
  /* pass keyword hashes through: the VM appended them to argv */
  Frame *f = vm->cfp;
  bool kw = false;
  (void)f;
  if (argc > 0 && kn_is_type(argv[argc - 1], T_HASH)) kw = true;
  if (me && !(me->type == ME_CFUNC && me->owner == vm->cBasicObject && argc == 0))
    kn_funcall_kw(vm, obj, vm->id_initialize, argc, argv, blk, kw);
  return obj;
}

/* For compiled code: whether `me` (found for `new` on klass) is the core Class#new and
 * klass's instances are plain T_OBJECTs, so that `klass.new(...)` may be compiled as
 * kn_class_alloc_object then a call of `initialize`. */
bool kn_class_new_is_plain(VM *vm, VALUE klass, const MethodEntry *me) {
  if (!me || me->type != ME_CFUNC || me->cfunc != class_new_instance) return false;
  if (!kn_is_type(klass, T_CLASS) || (RBASIC(klass)->flags & FL_SINGLETON)) return false;
  if (klass == vm->cInteger || klass == vm->cFloat || klass == vm->cSymbol || klass == vm->cNilClass ||
      klass == vm->cTrueClass || klass == vm->cFalseClass)
    return false;   /* class_allocate raises for these */
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    ClassExt *e = RCLASS(c)->ext;
    if (KN_BUILTIN_TYPE(c) == T_ICLASS || !e) continue;
    if (e->allocator) return false;
    if (e->instance_type) { if (e->instance_type != T_OBJECT) return false; break; }
  }
  return true;
}

/* A new T_OBJECT of klass (for which kn_class_new_is_plain held): Class#allocate's. */
VALUE kn_class_alloc_object(VM *vm, VALUE klass) { return alloc_for(vm, klass); }

/* ---- BasicObject ---------------------------------------------------------------------- */
static VALUE obj_initialize(ARGS) { UNUSED; return Qnil; }
static VALUE obj_equal(ARGS) { UNUSED; return KN_BOOL(self == argv[0]); }
static VALUE obj_not(ARGS) { UNUSED; return KN_BOOL(!RTEST(self)); }
/* BasicObject#!=: calls == (no identity shortcut: NaN != NaN) */
static VALUE obj_neq(ARGS) { UNUSED; return KN_BOOL(!RTEST(kn_funcall(vm, self, vm->id_eq, 1, argv))); }
static VALUE obj_hook(ARGS) { UNUSED; return Qnil; }

static VALUE obj_method_missing(ARGS) {
  UNUSED;
  if (argc < 1 || !SYMBOL_P(argv[0])) kn_raise(vm, vm->eArgumentError, "no method name given");
  ID mid = SYM2ID(argv[0]);
  Frame *caller = vm->cfp - 1;
  bool vcall = false;
  if (caller >= vm->frames && caller->iseq) {
    const VALUE *pc = caller->pc;
    /* the send that got here: look back for a VCALL call info */
    for (int back = 2; back <= 3; back++) {
      const VALUE *p = pc - back;
      if (p >= caller->iseq->code && (*p == BIN_opt_send_without_block || *p == BIN_send)) {
        CallInfo *ci = (CallInfo *)p[1];
        if (ci->mid == mid && (ci->flag & CI_VCALL)) vcall = true;
        break;
      }
    }
  }
  VALUE desc = kn_obj_describe(vm, self);
  const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, self), mid);
  VALUE msg;
  VALUE cls = vm->eNoMethodError;
  if (me && me->vis == VIS_PRIVATE)
    msg = kn_str_printf(vm, "private method `%s' called for %V", kn_id_name(vm, mid), desc);
  else if (me && me->vis == VIS_PROTECTED)
    msg = kn_str_printf(vm, "protected method `%s' called for %V", kn_id_name(vm, mid), desc);
  else if (vcall) {
    msg = kn_str_printf(vm, "undefined local variable or method `%s' for %V", kn_id_name(vm, mid), desc);
    cls = vm->eNameError;
  } else
    msg = kn_str_printf(vm, "undefined method `%s' for %V", kn_id_name(vm, mid), desc);
  VALUE e = kn_exc_new_str(vm, cls, msg);
  kn_ivar_set(vm, e, kn_intern(vm, "__name"), argv[0]);
  kn_ivar_set(vm, e, kn_intern(vm, "__receiver"), self);
  kn_ivar_set(vm, e, kn_intern(vm, "__args"), kn_ary_new_from(vm, argc - 1, argv + 1));
  /* the backtrace starts at the caller, not at method_missing */
  vm->cfp--;
  kn_exc_set_backtrace_here(vm, e);
  vm->cfp++;
  kn_raise_exc(vm, e);
}

static ID to_id(VM *vm, VALUE name);

static VALUE obj_send(ARGS) {
  if (argc < 1) kn_raise(vm, vm->eArgumentError, "no method name given");
  ID mid = to_id(vm, argv[0]);
  /* a trailing Hash is passed on as keywords only if it came as keywords */
  bool kw = argc > 1 && (vm->cfp->flags & FRAME_KW) && kn_is_type(argv[argc - 1], T_HASH);
  return kn_funcall_kw(vm, self, mid, argc - 1, argv + 1, blk, kw);
}

/* Kernel#public_send: send restricted to public methods. CRuby checks visibility with no
 * caller self, so a protected method is refused even when the receiver is self's kind:
 * a private or protected method goes to method_missing (whose default raises "private /
 * protected method `x' called"), an undefined one takes the ordinary missing path.
 * Keywords pass through as for send. */
static VALUE obj_public_send(ARGS) {
  if (argc < 1) kn_raise(vm, vm->eArgumentError, "no method name given");
  ID mid = to_id(vm, argv[0]);
  bool kw = argc > 1 && (vm->cfp->flags & FRAME_KW) && kn_is_type(argv[argc - 1], T_HASH);
  const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, self), mid);
  if (!me || me->vis == VIS_PUBLIC) return kn_funcall_kw(vm, self, mid, argc - 1, argv + 1, blk, kw);
  VALUE args = kn_ary_new_from(vm, argc, argv);
  kn_ary_store(vm, args, 0, ID2SYM(mid));
  return kn_funcall_kw(vm, self, vm->id_method_missing, argc, RARRAY_PTR(args), blk, kw);
}

static VALUE obj_instance_eval(ARGS) {
  if (NIL_P(blk)) {
    if (argc >= 1) {
      Frame *f = kn_vm_caller_frame(vm);
      (void)f;
      VALUE src = kn_check_string(vm, argv[0]);
      /* evaluate with self changed: compile as a block-less top iseq */
      const char *file = argc > 1 ? kn_str_cstr(vm, argv[1]) : "(eval)";
      VALUE exc = Qnil;
      Iseq *is = vm->compile(vm, RSTRING_PTR(src), RSTRING_LEN(src), file, 1, NULL, &exc);
      if (!is) kn_raise_exc(vm, exc);
      VALUE cref = kn_cref_new(vm, kn_is_type(self, T_CLASS) || kn_is_type(self, T_MODULE) ? self : kn_singleton_class(vm, self), vm->top_cref);
      return kn_vm_run_iseq(vm, is, self, cref, NULL, 0, FRAME_EVAL, Qnil, NULL);
    }
    kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given 0, expected 1..3)");
  }
  VALUE target = 0;
  if (!SPECIAL_CONST_P(self) && !kn_is_type(self, T_FLOAT) && !kn_is_type(self, T_BIGNUM)) target = kn_singleton_class(vm, self);
  VALUE arg = self;
  return kn_vm_invoke_block(vm, blk, 1, &arg, Qnil, self, target, false);
}

static VALUE obj_instance_exec(ARGS) {
  if (NIL_P(blk)) kn_raise(vm, vm->eLocalJumpError, "no block given (yield)");
  VALUE target = 0;
  if (!SPECIAL_CONST_P(self) && !kn_is_type(self, T_FLOAT) && !kn_is_type(self, T_BIGNUM)) target = kn_singleton_class(vm, self);
  return kn_vm_invoke_block(vm, blk, argc, argv, Qnil, self, target, false);
}

static VALUE obj_id(ARGS) {
  UNUSED;
  if (FIXNUM_P(self)) return INT2FIX(FIX2LONG(self) * 2 + 1);
  return kn_int_new(vm, (intptr_t)(self >> 3));
}

/* ---- Kernel (object) ------------------------------------------------------------------ */
static VALUE obj_class(ARGS) { UNUSED; return kn_obj_class(vm, self); }
static VALUE obj_singleton_class(ARGS) { UNUSED; return kn_singleton_class(vm, self); }
/* A singleton class is frozen with the object it belongs to (CRuby freezes both). */
static VALUE obj_frozen_p(ARGS) {
  UNUSED;
  VALUE v = self;
  while (HEAP_P(v) && !KN_FROZEN_P(v) && kn_is_type(v, T_CLASS) && (RBASIC(v)->flags & FL_SINGLETON))
    v = RCLASS(v)->ext->attached;
  return KN_BOOL(KN_FROZEN_P(v));
}
static VALUE obj_freeze(ARGS) { UNUSED; return kn_obj_freeze(vm, self); }
static VALUE obj_nil_p(ARGS) { UNUSED; return KN_BOOL(NIL_P(self)); }
static VALUE obj_eqq(ARGS) { UNUSED; return KN_BOOL(kn_equal(vm, self, argv[0])); }
static VALUE obj_match(ARGS) { UNUSED; return Qnil; }
static VALUE obj_nmatch(ARGS) { UNUSED; return KN_BOOL(!RTEST(kn_funcall(vm, self, vm->id_match, 1, argv))); }
static VALUE obj_hash(ARGS) { UNUSED; return INT2FIX((intptr_t)(mix(self) >> 2)); }
static VALUE obj_cmp(ARGS) { UNUSED; return kn_equal(vm, self, argv[0]) ? INT2FIX(0) : Qnil; }
static VALUE obj_itself(ARGS) { UNUSED; return self; }
static VALUE obj_dup(ARGS) { UNUSED; return kn_obj_dup(vm, self); }
static VALUE obj_clone(ARGS) {
  UNUSED;
  VALUE c = kn_obj_clone(vm, self);
  if (argc > 0 && kn_is_type(argv[0], T_HASH)) {
    VALUE f;
    if (kn_hash_lookup(vm, argv[0], kn_sym(vm, "freeze"), &f) && f == Qfalse && HEAP_P(c)) RBASIC(c)->flags &= ~FL_FROZEN;
  }
  return c;
}
static VALUE obj_initialize_copy(ARGS) {
  UNUSED;
  if (self == argv[0]) return self;
  kn_check_frozen(vm, self);
  return self;
}

static VALUE obj_to_s(ARGS) { UNUSED; return kn_any_to_s(vm, self); }

static VALUE obj_inspect(ARGS) {
  UNUSED;
  VALUE ivs = kn_ivar_list(vm, self);
  if (!kn_is_type(self, T_OBJECT) || RARRAY_LEN(ivs) == 0) {
    /* a user-defined to_s is not used by inspect in 3.1 */
    return kn_any_to_s(vm, self);
  }
  VALUE s = kn_str_printf(vm, "#<%V:0x%016lx", kn_class_name(vm, kn_obj_class(vm, self)), (unsigned long)self);
  for (long i = 0; i < RARRAY_LEN(ivs); i++) {
    ID id = SYM2ID(RARRAY_PTR(ivs)[i]);
    kn_str_cat_cstr(vm, s, i ? ", " : " ");
    kn_str_cat_cstr(vm, s, kn_id_name(vm, id));
    kn_str_cat_cstr(vm, s, "=");
    kn_str_append(vm, s, kn_inspect(vm, kn_ivar_get(vm, self, id)));
  }
  kn_str_cat_cstr(vm, s, ">");
  return s;
}

static VALUE obj_respond_to(ARGS) {
  UNUSED;
  VALUE name = argv[0];
  ID mid = SYMBOL_P(name) ? SYM2ID(name) : SYM2ID(kn_str_intern(vm, kn_check_string(vm, name)));
  bool priv = argc > 1 && RTEST(argv[1]);
  if (kn_respond_to(vm, self, mid, priv)) return Qtrue;
  VALUE args[2] = {ID2SYM(mid), KN_BOOL(priv)};
  return KN_BOOL(RTEST(kn_funcall(vm, self, vm->id_respond_to_missing, 2, args)));
}
static VALUE obj_respond_to_missing(ARGS) { UNUSED; return Qfalse; }

static VALUE obj_is_a(ARGS) {
  UNUSED;
  VALUE k = argv[0];
  if (!kn_is_type(k, T_CLASS) && !kn_is_type(k, T_MODULE)) kn_raise(vm, vm->eTypeError, "class or module required");
  return KN_BOOL(kn_obj_is_kind_of(vm, self, k));
}
static VALUE obj_instance_of(ARGS) {
  UNUSED;
  VALUE k = argv[0];
  if (!kn_is_type(k, T_CLASS) && !kn_is_type(k, T_MODULE)) kn_raise(vm, vm->eTypeError, "class or module required");
  return KN_BOOL(kn_obj_class(vm, self) == k);
}

static ID ivar_name(VM *vm, VALUE name) {
  ID id = SYMBOL_P(name) ? SYM2ID(name) : SYM2ID(kn_str_intern(vm, kn_check_string(vm, name)));
  const char *s = kn_id_name(vm, id);
  if (s[0] != '@' || s[1] == '@' || !s[1])
    kn_name_error(vm, id, Qnil, "`%s' is not allowed as an instance variable name", s);
  return id;
}
static VALUE obj_ivar_get(ARGS) { UNUSED; return kn_ivar_get(vm, self, ivar_name(vm, argv[0])); }
static VALUE obj_ivar_set(ARGS) {
  UNUSED;
  ID id = ivar_name(vm, argv[0]);
  kn_check_frozen(vm, self);
  return kn_ivar_set(vm, self, id, argv[1]);
}
static VALUE obj_ivar_defined(ARGS) { UNUSED; return KN_BOOL(kn_ivar_defined(vm, self, ivar_name(vm, argv[0]))); }
static VALUE obj_ivars(ARGS) { UNUSED; return kn_ivar_list(vm, self); }
static VALUE obj_remove_ivar(ARGS) {
  UNUSED;
  ID id = ivar_name(vm, argv[0]);
  kn_check_frozen(vm, self);
  if (!kn_ivar_defined(vm, self, id))
    kn_name_error(vm, id, self, "instance variable %s not defined", kn_id_name(vm, id));
  VALUE v = kn_ivar_get(vm, self, id);
  if (kn_is_type(self, T_OBJECT)) {
    kn_ivar_set(vm, self, id, Qundef);
  }
  return v;
}

/* Appends to seen/result the names in c's own method table that pass visfilter (0: public
 * or protected, 1: private, 2: public, 3: protected). The first entry found for a name
 * decides (seen records it), so an undef or a narrower visibility lower in the chain hides
 * the name further up. */
static void add_method_table(VM *vm, VALUE result, VALUE seen, VALUE c, int visfilter) {
  IdTable *t = RCLASS(c)->m_tbl;
  for (long i = 0; t && i < t->n; i++) {
    if (!t->ents[i].key) continue;
    MethodEntry *me = (MethodEntry *)t->ents[i].val;
    VALUE sym = ID2SYM(t->ents[i].key);
    VALUE dummy;
    if (kn_hash_lookup(vm, seen, sym, &dummy)) continue;
    kn_hash_aset(vm, seen, sym, Qtrue);
    if (me->type == ME_UNDEF) continue;
    const char *n = kn_id_name(vm, t->ents[i].key);
    if (strncmp(n, "core#", 5) == 0) continue;
    if (visfilter == 0 && me->vis != VIS_PUBLIC && me->vis != VIS_PROTECTED) continue;
    if (visfilter == 1 && me->vis != VIS_PRIVATE) continue;
    if (visfilter == 2 && me->vis != VIS_PUBLIC) continue;
    if (visfilter == 3 && me->vis != VIS_PROTECTED) continue;
    kn_ary_push(vm, result, sym);
  }
}

/* The method names reachable from klass (see add_method_table), as CRuby's
 * class_instance_method_list. for_obj first takes the singleton class and the modules it
 * includes (extend). With recur false the walk then covers one class: its origin's table
 * when it has prepended modules, else the class and the iclasses before the next class,
 * so obj.public_methods(false) lists singleton, extended and own-class methods. */
static void add_methods(VM *vm, VALUE result, VALUE seen, VALUE klass, bool recur, bool for_obj,
                        int visfilter) {
  VALUE c = klass;
  if (for_obj)
    for (; c && ((RBASIC(c)->flags & FL_SINGLETON) || KN_BUILTIN_TYPE(c) == T_ICLASS); c = RCLASS(c)->super)
      add_method_table(vm, result, seen, c, visfilter);
  bool prepended = false;
  ClassExt *ext = c ? RCLASS(c)->ext : NULL;
  if (!recur && ext && ext->origin && ext->origin != c) { c = ext->origin; prepended = true; }
  for (; c; c = RCLASS(c)->super) {
    add_method_table(vm, result, seen, c, visfilter);
    if (KN_BUILTIN_TYPE(c) == T_ICLASS && !prepended) continue;
    if (!recur) break;
  }
}

static VALUE obj_singleton_methods(ARGS);

/* methods(true): public and protected methods of the whole chain; methods(false) is
 * singleton_methods(false) */
static VALUE obj_methods(ARGS) {
  if (argc > 0 && !RTEST(argv[0])) return obj_singleton_methods(vm, self, argc, argv, blk);
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  add_methods(vm, r, seen, kn_class_of(vm, self), true, true, 0);
  return r;
}
static VALUE obj_singleton_methods(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  VALUE k = kn_class_of(vm, self);
  if (!(RBASIC(k)->flags & FL_SINGLETON)) return r;
  /* singleton_methods(all = true): the singleton class, the modules it includes (extend)
   * and, for a class, its superclasses' singleton classes; (false): the first only */
  bool all = argc == 0 || RTEST(argv[0]);
  for (VALUE c = k; c; c = RCLASS(c)->super) {
    bool sing = (RBASIC(c)->flags & FL_SINGLETON) != 0;
    if (c != k && (!all || (!sing && KN_BUILTIN_TYPE(c) != T_ICLASS))) break;
    IdTable *t = RCLASS(c)->m_tbl;
    for (long i = 0; t && i < t->n; i++) {
      if (!t->ents[i].key) continue;
      MethodEntry *me = (MethodEntry *)t->ents[i].val;
      VALUE sym = ID2SYM(t->ents[i].key), dummy;
      if (kn_hash_lookup(vm, seen, sym, &dummy)) continue;
      kn_hash_aset(vm, seen, sym, Qtrue);
      if (me->type != ME_UNDEF && (me->vis == VIS_PUBLIC || me->vis == VIS_PROTECTED))
        kn_ary_push(vm, r, sym);
    }
  }
  return r;
}
/* public_methods / private_methods / protected_methods (all = true) */
static VALUE obj_methods_vis(VM *vm, VALUE self, int argc, VALUE *argv, int visfilter) {
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  add_methods(vm, r, seen, kn_class_of(vm, self), argc == 0 || RTEST(argv[0]), true, visfilter);
  return r;
}
static VALUE obj_public_methods(ARGS) { UNUSED; return obj_methods_vis(vm, self, argc, argv, 2); }
static VALUE obj_private_methods(ARGS) { UNUSED; return obj_methods_vis(vm, self, argc, argv, 1); }
static VALUE obj_protected_methods(ARGS) { UNUSED; return obj_methods_vis(vm, self, argc, argv, 3); }

static VALUE obj_method(ARGS) {
  UNUSED;
  VALUE name = argv[0];
  ID mid = SYMBOL_P(name) ? SYM2ID(name) : SYM2ID(kn_str_intern(vm, kn_check_string(vm, name)));
  return kn_obj_method(vm, self, mid);
}


static VALUE obj_define_singleton_method(ARGS) {
  VALUE name = argv[0];
  ID mid = SYMBOL_P(name) ? SYM2ID(name) : SYM2ID(kn_str_intern(vm, kn_check_string(vm, name)));
  VALUE body = argc > 1 ? argv[1] : kn_block_proc(vm, blk);  /* an explicit nil is a TypeError */
  if (argc < 2 && NIL_P(body)) kn_raise(vm, vm->eArgumentError, "tried to create Proc object without a block");
  MethodEntry me = {0};
  me.type = ME_BMETHOD;
  me.proc = body;
  if (kn_is_type(body, T_DATA)) {
    /* a Method object: call it */
    me.proc = kn_method_to_proc(vm, body);
  }
  VALUE sc = kn_singleton_class(vm, self);
  kn_add_method(vm, sc, mid, &me);
  kn_method_hook(vm, sc, mid, "added");
  return ID2SYM(mid);
}

static VALUE obj_tap(ARGS) { UNUSED; kn_yield1(vm, blk, self); return self; }
static VALUE obj_then(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return kn_funcall(vm, self, vm->id_to_enum, 1, (VALUE[]){kn_sym(vm, "then")});
  return kn_yield1(vm, blk, self);
}
static VALUE obj_display(ARGS) {
  UNUSED;
  VALUE s = kn_obj_as_string(vm, self);
  kn_io_write(vm, vm->stdout_obj, RSTRING_PTR(s), RSTRING_LEN(s));
  return Qnil;
}
static VALUE obj_instance_variables_hook(ARGS) { UNUSED; return Qnil; }

/* ---- Module ------------------------------------------------------------------------------ */
static VALUE mod_name(ARGS) {
  UNUSED;
  ClassExt *e = RCLASS(self)->ext;
  if (e && e->name) {
    if (!RBASIC(e->name)->klass) RBASIC(e->name)->klass = vm->cString;   /* named at boot */
    return e->name;
  }
  return Qnil;
}
static VALUE mod_to_s(ARGS) { UNUSED; return kn_class_name(vm, self); }
static VALUE mod_eqq(ARGS) { UNUSED; return KN_BOOL(kn_obj_is_kind_of(vm, argv[0], self)); }
static VALUE mod_lt(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (!kn_is_type(o, T_CLASS) && !kn_is_type(o, T_MODULE)) kn_raise(vm, vm->eTypeError, "compared with non class/module");
  if (self == o) return Qfalse;
  if (kn_class_inherits(vm, self, o)) return Qtrue;
  if (kn_class_inherits(vm, o, self)) return Qfalse;
  return Qnil;
}
static VALUE mod_le(ARGS) { UNUSED; if (self == argv[0]) return Qtrue; return mod_lt(vm, self, argc, argv, blk); }
static VALUE mod_gt(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (!kn_is_type(o, T_CLASS) && !kn_is_type(o, T_MODULE)) kn_raise(vm, vm->eTypeError, "compared with non class/module");
  if (self == o) return Qfalse;
  if (kn_class_inherits(vm, o, self)) return Qtrue;
  if (kn_class_inherits(vm, self, o)) return Qfalse;
  return Qnil;
}
static VALUE mod_ge(ARGS) { UNUSED; if (self == argv[0]) return Qtrue; return mod_gt(vm, self, argc, argv, blk); }
static VALUE mod_cmp(ARGS) {
  UNUSED;
  VALUE o = argv[0];
  if (self == o) return INT2FIX(0);
  if (!kn_is_type(o, T_CLASS) && !kn_is_type(o, T_MODULE)) return Qnil;
  if (kn_class_inherits(vm, self, o)) return INT2FIX(-1);
  if (kn_class_inherits(vm, o, self)) return INT2FIX(1);
  return Qnil;
}
static VALUE mod_ancestors(ARGS) { UNUSED; return kn_mod_ancestors(vm, self); }
/* include, prepend and extend check every argument first, then, last argument first, call
 * the module's append_features / prepend_features / extend_object (which do the work and
 * may be overridden) and its included / prepended / extended hook. */
static void check_modules(VM *vm, int argc, VALUE *argv) {
  for (int i = 0; i < argc; i++)
    if (!kn_is_type(argv[i], T_MODULE))
      kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Module)", kn_obj_classname(vm, argv[i]));
}
static void add_modules(VM *vm, VALUE self, int argc, VALUE *argv, const char *features, ID hook) {
  check_modules(vm, argc, argv);
  ID fid = kn_intern(vm, features);
  for (int i = argc - 1; i >= 0; i--) {
    kn_funcall(vm, argv[i], fid, 1, &self);
    kn_funcall(vm, argv[i], hook, 1, &self);
  }
}
static VALUE mod_include(ARGS) { UNUSED; add_modules(vm, self, argc, argv, "append_features", vm->id_included); return self; }
static VALUE mod_prepend(ARGS) { UNUSED; add_modules(vm, self, argc, argv, "prepend_features", vm->id_prepended); return self; }
static VALUE obj_extend(ARGS) { UNUSED; add_modules(vm, self, argc, argv, "extend_object", vm->id_extended); return self; }
static void check_class_arg(VM *vm, VALUE v) {
  if (!kn_is_type(v, T_CLASS) && !kn_is_type(v, T_MODULE))
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Class)", kn_obj_classname(vm, v));
}
static VALUE mod_append_features(ARGS) { UNUSED; check_class_arg(vm, argv[0]); kn_include_module(vm, argv[0], self); return self; }
static VALUE mod_prepend_features(ARGS) { UNUSED; check_class_arg(vm, argv[0]); kn_prepend_module(vm, argv[0], self); return self; }
static VALUE mod_extend_object(ARGS) { UNUSED; kn_extend_object(vm, argv[0], self); return argv[0]; }
static VALUE mod_include_p(ARGS) {
  UNUSED;
  return KN_BOOL(self != argv[0] && kn_is_type(argv[0], T_MODULE) && kn_class_inherits(vm, self, argv[0]));
}
static VALUE mod_included_modules(ARGS) {
  UNUSED;
  VALUE a = kn_ary_new(vm);
  /* not self's own origin, nor the heads of prepended modules (class.c) */
  VALUE origin = RCLASS(self)->ext && RCLASS(self)->ext->origin ? RCLASS(self)->ext->origin : self;
  for (VALUE c = RCLASS(self)->super; c; c = RCLASS(c)->super)
    if (c != origin && KN_BUILTIN_TYPE(c) == T_ICLASS && !RCLASS(c)->ext->origin &&
        kn_is_type(RCLASS(c)->ext->module, T_MODULE))
      kn_ary_push(vm, a, RCLASS(c)->ext->module);
  return a;
}

static VALUE mod_instance_methods_vis(VM *vm, VALUE self, int argc, VALUE *argv, int vis) {
  VALUE r = kn_ary_new(vm), seen = kn_hash_new(vm);
  bool inherit = argc == 0 || RTEST(argv[0]);
  if (inherit) add_methods(vm, r, seen, self, true, false, vis);
  else {
    VALUE c = self;
    ClassExt *e = RCLASS(self)->ext;
    if (e && e->origin) c = e->origin;
    IdTable *t = RCLASS(c)->m_tbl;
    for (long i = 0; i < t->n; i++) {
      if (!t->ents[i].key) continue;
      MethodEntry *me = (MethodEntry *)t->ents[i].val;
      if (me->type == ME_UNDEF) continue;
      if (vis == 0 && me->vis == VIS_PRIVATE) continue;
      if (vis == 1 && me->vis != VIS_PRIVATE) continue;
      if (vis == 2 && me->vis != VIS_PUBLIC) continue;
      if (vis == 3 && me->vis != VIS_PROTECTED) continue;
      kn_ary_push(vm, r, ID2SYM(t->ents[i].key));
    }
  }
  return r;
}
static VALUE mod_instance_methods(ARGS) { UNUSED; return mod_instance_methods_vis(vm, self, argc, argv, 0); }
static VALUE mod_public_instance_methods(ARGS) { UNUSED; return mod_instance_methods_vis(vm, self, argc, argv, 2); }
static VALUE mod_private_instance_methods(ARGS) { UNUSED; return mod_instance_methods_vis(vm, self, argc, argv, 1); }
static VALUE mod_protected_instance_methods(ARGS) { UNUSED; return mod_instance_methods_vis(vm, self, argc, argv, 3); }

static ID to_id(VM *vm, VALUE name) {
  if (SYMBOL_P(name)) return SYM2ID(name);
  if (kn_is_type(name, T_STRING)) return kn_intern2(vm, RSTRING_PTR(name), RSTRING_LEN(name));
  VALUE s = kn_inspect(vm, name);
  kn_raise(vm, vm->eTypeError, "%s is not a symbol nor a string", kn_str_cstr(vm, s));
}

static VALUE mod_method_defined(ARGS) {
  UNUSED;
  const MethodEntry *me = kn_method_lookup(vm, self, to_id(vm, argv[0]));
  return KN_BOOL(me && me->vis != VIS_PRIVATE);
}
static VALUE mod_public_method_defined(ARGS) {
  UNUSED;
  const MethodEntry *me = kn_method_lookup(vm, self, to_id(vm, argv[0]));
  return KN_BOOL(me && me->vis == VIS_PUBLIC);
}
static VALUE mod_private_method_defined(ARGS) {
  UNUSED;
  const MethodEntry *me = kn_method_lookup(vm, self, to_id(vm, argv[0]));
  return KN_BOOL(me && me->vis == VIS_PRIVATE);
}
static VALUE mod_protected_method_defined(ARGS) {
  UNUSED;
  const MethodEntry *me = kn_method_lookup(vm, self, to_id(vm, argv[0]));
  return KN_BOOL(me && me->vis == VIS_PROTECTED);
}

static VALUE mod_define_method(ARGS) {
  ID mid = to_id(vm, argv[0]);
  VALUE body = argc > 1 ? argv[1] : kn_block_proc(vm, blk);  /* an explicit nil is a TypeError */
  if (argc < 2 && NIL_P(body)) kn_raise(vm, vm->eArgumentError, "tried to create Proc object without a block");
  MethodEntry me = {0};
  me.type = ME_BMETHOD;
  if (kn_is_type(body, T_PROC)) {
    me.proc = body;
  } else if (kn_obj_is_kind_of(vm, body, vm->cMethod) || kn_obj_is_kind_of(vm, body, vm->cUnboundMethod)) {
    me.proc = kn_method_to_proc(vm, body);
  } else {
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Proc/Method/UnboundMethod)", kn_obj_classname(vm, body));
  }
  Frame *f = kn_vm_caller_frame(vm);
  me.vis = VIS_PUBLIC;
  if ((f->flags & FRAME_CLASS) && f->self == self) me.vis = f->defvis == VIS_MODFUNC ? VIS_PUBLIC : f->defvis;
  kn_add_method(vm, self, mid, &me);
  kn_method_hook(vm, self, mid, "added");
  return ID2SYM(mid);
}

static VALUE mod_alias_method(ARGS) {
  UNUSED;
  ID ne = to_id(vm, argv[0]), old = to_id(vm, argv[1]);
  kn_alias_method(vm, self, ne, old);
  kn_method_hook(vm, self, ne, "added");
  return ID2SYM(ne);
}
/* undef_method / remove_method: each name in turn, running its method_undefined /
 * method_removed hook before the next is looked at (as CRuby) */
static VALUE mod_undef_method(ARGS) {
  UNUSED;
  for (int i = 0; i < argc; i++) {
    ID id = to_id(vm, argv[i]);
    kn_undef_method(vm, self, id);
    kn_method_hook(vm, self, id, "undefined");
  }
  return self;
}
static VALUE mod_remove_method(ARGS) {
  UNUSED;
  for (int i = 0; i < argc; i++) {
    ID id = to_id(vm, argv[i]);
    kn_remove_method(vm, self, id);
    kn_method_hook(vm, self, id, "removed");
  }
  return self;
}

/* method_added (or singleton_method_added on the attached object) after an attr_* */
static void attr_added_hook(VM *vm, VALUE klass, ID id) { kn_method_hook(vm, klass, id, "added"); }

/* Module#remove_const (private): removes and returns the constant's value */
static VALUE mod_remove_const(ARGS) {
  UNUSED;
  ID id = to_id(vm, argv[0]);
  ClassExt *e = RCLASS(self)->ext;
  uintptr_t v;
  if (!e || !e->consts || !kn_idtable_get(e->consts, id, &v))
    kn_name_error(vm, id, self, "constant %s::%s not defined", kn_str_cstr(vm, kn_class_name(vm, self)),
                  kn_id_name(vm, id));
  kn_idtable_delete(e->consts, id);
  vm->const_serial++;
  return (VALUE)v;
}

/* Kernel#global_variables: the special ones, then every global assigned so far */
static VALUE k_global_variables(ARGS) {
  UNUSED;
  static const char *const special[] = {"$!", "$@", "$~", "$&", "$`", "$'", "$+", "$0",
                                        "$PROGRAM_NAME", "$*", "$stdout", "$stderr", "$stdin",
                                        "$,", "$/", "$;", "$\\", "$_", "$$"};
  VALUE r = kn_ary_new(vm);
  for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) kn_ary_push(vm, r, kn_sym(vm, special[i]));
  IdTable *t = vm->globals;
  for (long i = 0; t && i < t->n; i++) {
    if (!t->ents[i].key) continue;
    VALUE sym = ID2SYM(t->ents[i].key);
    bool seen = false;
    for (long k = 0; k < RARRAY_LEN(r) && !seen; k++) seen = RARRAY_PTR(r)[k] == sym;
    if (!seen) kn_ary_push(vm, r, sym);
  }
  return r;
}

/* Module.nesting: the lexical scopes of the caller, innermost first (not the top level) */
static VALUE mod_s_nesting(ARGS) {
  UNUSED;
  Frame *f = kn_vm_caller_frame(vm);
  VALUE r = kn_ary_new(vm);
  for (VALUE c = f ? f->cref : 0; c; c = RCREF(c)->parent)
    if (RCREF(c)->parent) kn_ary_push(vm, r, RCREF(c)->klass);
  return r;
}

static VALUE mod_singleton_class_p(ARGS) {
  UNUSED;
  return KN_BOOL(RBASIC(self)->flags & FL_SINGLETON);
}

static VALUE define_attr(VM *vm, VALUE klass, VALUE name, bool reader, bool writer) {
  ID id = to_id(vm, name);
  const char *s = kn_id_name(vm, id);
  bool ok = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_' ||
            (unsigned char)s[0] >= 0x80;
  for (const char *q = s; *q && ok; q++)
    ok = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
         *q == '_' || (unsigned char)*q >= 0x80;
  if (!ok) kn_name_error(vm, id, klass, "invalid attribute name `%s'", s);
  char buf[512];
  snprintf(buf, sizeof buf, "@%s", s);
  ID ivar = kn_intern(vm, buf);
  Frame *f = kn_vm_caller_frame(vm);
  Visibility vis = ((f->flags & FRAME_CLASS) && f->self == klass && f->defvis != VIS_MODFUNC) ? f->defvis : VIS_PUBLIC;
  VALUE r = kn_ary_new(vm);
  if (reader) {
    MethodEntry me = {0};
    me.type = ME_ATTR_READER;
    me.ivar = ivar;
    me.vis = vis;
    kn_add_method(vm, klass, id, &me);
    kn_ary_push(vm, r, ID2SYM(id));
    attr_added_hook(vm, klass, id);
  }
  if (writer) {
    MethodEntry me = {0};
    me.type = ME_ATTR_WRITER;
    me.ivar = ivar;
    me.vis = vis;
    snprintf(buf, sizeof buf, "%s=", s);
    ID wid = kn_intern(vm, buf);
    kn_add_method(vm, klass, wid, &me);
    kn_ary_push(vm, r, ID2SYM(wid));
    attr_added_hook(vm, klass, wid);
  }
  return r;
}
static VALUE mod_attr_reader(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) kn_ary_concat(vm, r, define_attr(vm, self, argv[i], true, false));
  return r;
}
static VALUE mod_attr_writer(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) kn_ary_concat(vm, r, define_attr(vm, self, argv[i], false, true));
  return r;
}
static VALUE mod_attr_accessor(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  for (int i = 0; i < argc; i++) kn_ary_concat(vm, r, define_attr(vm, self, argv[i], true, true));
  return r;
}

static VALUE set_vis(VM *vm, VALUE self, int argc, VALUE *argv, Visibility vis) {
  if (argc == 0) {
    Frame *f = kn_vm_caller_frame(vm);
    if ((f->flags & FRAME_CLASS) || f->deftarget) f->defvis = vis;
    else if (f->self == vm->top_self) f->defvis = vis;
    return Qnil;
  }
  for (int i = 0; i < argc; i++) {
    VALUE a = argv[i];
    if (kn_is_type(a, T_ARRAY)) {
      for (long k = 0; k < RARRAY_LEN(a); k++) kn_set_visibility(vm, self, to_id(vm, RARRAY_PTR(a)[k]), vis);
    } else {
      kn_set_visibility(vm, self, to_id(vm, a), vis);
    }
  }
  return argc == 1 ? argv[0] : kn_ary_new_from(vm, argc, argv);
}
static VALUE mod_public(ARGS) { UNUSED; return set_vis(vm, self, argc, argv, VIS_PUBLIC); }
static VALUE mod_private(ARGS) { UNUSED; return set_vis(vm, self, argc, argv, VIS_PRIVATE); }
static VALUE mod_protected(ARGS) { UNUSED; return set_vis(vm, self, argc, argv, VIS_PROTECTED); }
static VALUE mod_module_function(ARGS) {
  UNUSED;
  if (argc == 0) {
    Frame *f = kn_vm_caller_frame(vm);
    if ((f->flags & FRAME_CLASS) || f->deftarget) f->defvis = VIS_MODFUNC;
    return Qnil;
  }
  /* as CRuby: the instance methods turn private first (NameError when one is missing;
   * a module finds Object's methods too), then the singleton copies are made */
  for (int i = 0; i < argc; i++) kn_set_visibility(vm, self, to_id(vm, argv[i]), VIS_PRIVATE);
  for (int i = 0; i < argc; i++) {
    ID id = to_id(vm, argv[i]);
    const MethodEntry *me = kn_method_lookup(vm, self, id);
    if (me && me->type == ME_ZSUPER) me = kn_vm_resolve_zsuper(vm, me, self, id);
    if (!me) me = kn_method_lookup(vm, vm->cObject, id);
    if (!me) continue;
    MethodEntry copy = *me;
    copy.vis = VIS_PUBLIC;
    kn_add_method(vm, kn_singleton_class(vm, self), id, &copy);
  }
  return argc == 1 ? argv[0] : kn_ary_new_from(vm, argc, argv);
}
static VALUE mod_private_class_method(ARGS) {
  UNUSED;
  VALUE sc = kn_singleton_class(vm, self);
  for (int i = 0; i < argc; i++) kn_set_visibility(vm, sc, to_id(vm, argv[i]), VIS_PRIVATE);
  return Qnil;
}
static VALUE mod_public_class_method(ARGS) {
  UNUSED;
  VALUE sc = kn_singleton_class(vm, self);
  for (int i = 0; i < argc; i++) kn_set_visibility(vm, sc, to_id(vm, argv[i]), VIS_PUBLIC);
  return Qnil;
}
static VALUE mod_private_constant(ARGS) { UNUSED; return Qnil; }

/* const_get / const_defined?: a Symbol names one constant, a String may be a path
 * ("A::B", "::A"). Every part must be a constant name (NameError "wrong constant name").
 * The first part is looked up from mod (its ancestors and, for a module, Object when
 * inherit), later ones in the module found so far without Object's top level. test: answer
 * Qtrue / Qfalse instead of calling const_missing for a missing constant. */
static _Noreturn void wrong_const_path(VM *vm, VALUE mod, VALUE path) {
  VALUE e = kn_exc_new_str(vm, vm->eNameError, kn_str_printf(vm, "wrong constant name %V", path));
  kn_ivar_set(vm, e, kn_intern(vm, "__name"), path);
  kn_ivar_set(vm, e, kn_intern(vm, "__receiver"), mod);
  kn_raise_exc(vm, e);
}

static VALUE const_path(VM *vm, VALUE mod, VALUE name, bool inherit, bool test) {
  if (!SYMBOL_P(name) && !kn_is_type(name, T_STRING)) {
    if (test) name = kn_check_string(vm, name);
    else to_id(vm, name);
  }
  const char *p, *end;
  if (SYMBOL_P(name)) { p = kn_id_name(vm, SYM2ID(name)); end = p + kn_id_len(vm, SYM2ID(name)); }
  else { p = RSTRING_PTR(name); end = p + RSTRING_LEN(name); }
  bool path = kn_is_type(name, T_STRING);
  VALUE cur = mod;
  bool first = true;
  if (path && end - p >= 2 && p[0] == ':' && p[1] == ':') { cur = vm->cObject; p += 2; first = false; }
  if (p == end) wrong_const_path(vm, mod, path ? name : kn_id_str(vm, SYM2ID(name)));
  while (p < end) {
    const char *q = path ? memchr(p, ':', (size_t)(end - p)) : NULL;
    if (!q) q = end;
    if (q == p || (q < end && (end - q <= 2 || q[1] != ':'))) wrong_const_path(vm, mod, name);
    ID id = kn_intern2(vm, p, q - p);
    if (!kn_id_is_const(vm, id)) kn_name_error(vm, id, mod, "wrong constant name %s", kn_id_name(vm, id));
    VALUE v;
    bool found = first || !inherit ? kn_const_lookup(vm, cur, id, &v, inherit)
                                   : kn_const_lookup_scoped(vm, cur, id, &v);
    if (!found) {
      if (test) return Qfalse;
      v = first ? kn_const_get(vm, cur, id) : kn_funcall(vm, cur, vm->id_const_missing, 1, (VALUE[]){ID2SYM(id)});
    }
    p = q < end ? q + 2 : end;
    if (p < end && !kn_is_type(v, T_CLASS) && !kn_is_type(v, T_MODULE))
      kn_raise(vm, vm->eTypeError, "%V does not refer to class/module", name);
    cur = v;
    first = false;
  }
  return test ? Qtrue : cur;
}

static VALUE mod_const_get(ARGS) { UNUSED; return const_path(vm, self, argv[0], argc < 2 || RTEST(argv[1]), false); }
static VALUE mod_const_set(ARGS) {
  UNUSED;
  ID id = to_id(vm, argv[0]);
  if (!kn_id_is_const(vm, id)) kn_name_error(vm, id, self, "wrong constant name %s", kn_id_name(vm, id));
  kn_const_set(vm, self, id, argv[1]);
  return argv[1];
}
static VALUE mod_const_defined(ARGS) { UNUSED; return const_path(vm, self, argv[0], argc < 2 || RTEST(argv[1]), true); }
static VALUE mod_constants(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  ClassExt *e = RCLASS(self)->ext;
  if (e && e->consts)
    for (long i = 0; i < e->consts->n; i++) if (e->consts->ents[i].key) kn_ary_push(vm, r, ID2SYM(e->consts->ents[i].key));
  return r;
}
static VALUE mod_const_missing(ARGS) {
  UNUSED;
  ID id = SYM2ID(argv[0]);
  if (self == vm->cObject) kn_name_error(vm, id, self, "uninitialized constant %s", kn_id_name(vm, id));
  kn_name_error(vm, id, self, "uninitialized constant %s::%s", kn_str_cstr(vm, kn_class_name(vm, self)), kn_id_name(vm, id));
}
static VALUE mod_cvar_get(ARGS) { UNUSED; return kn_cvar_get(vm, self, to_id(vm, argv[0])); }
static VALUE mod_cvar_set(ARGS) { UNUSED; kn_cvar_set(vm, self, to_id(vm, argv[0]), argv[1]); return argv[1]; }
static VALUE mod_cvar_defined(ARGS) { UNUSED; return KN_BOOL(kn_cvar_defined(vm, self, to_id(vm, argv[0]))); }
static VALUE mod_cvars(ARGS) {
  UNUSED;
  VALUE r = kn_ary_new(vm);
  for (VALUE c = self; c; c = RCLASS(c)->super) {
    VALUE k = KN_BUILTIN_TYPE(c) == T_ICLASS ? RCLASS(c)->ext->module : c;
    ClassExt *e = RCLASS(k)->ext;
    if (e && e->cvars)
      for (long i = 0; i < e->cvars->n; i++) if (e->cvars->ents[i].key) kn_ary_push(vm, r, ID2SYM(e->cvars->ents[i].key));
  }
  return r;
}

static VALUE mod_class_eval(ARGS) {
  if (NIL_P(blk)) {
    if (argc < 1) kn_raise(vm, vm->eArgumentError, "wrong number of arguments (given 0, expected 1..3)");
    VALUE src = kn_check_string(vm, argv[0]);
    const char *file = argc > 1 ? kn_str_cstr(vm, argv[1]) : "(eval)";
    VALUE exc = Qnil;
    Iseq *is = vm->compile(vm, RSTRING_PTR(src), RSTRING_LEN(src), file, argc > 2 ? (int)kn_num2long(vm, argv[2]) : 1, NULL, &exc);
    if (!is) kn_raise_exc(vm, exc);
    Frame *f = kn_vm_caller_frame(vm);
    VALUE cref = kn_cref_new(vm, self, f->cref);
    return kn_vm_run_iseq(vm, is, self, cref, NULL, 0, FRAME_CLASS | FRAME_EVAL, Qnil, NULL);
  }
  VALUE arg = self;
  return kn_vm_invoke_block(vm, blk, 1, &arg, Qnil, self, self, false);
}
static VALUE mod_class_exec(ARGS) {
  if (NIL_P(blk)) kn_raise(vm, vm->eLocalJumpError, "no block given (yield)");
  return kn_vm_invoke_block(vm, blk, argc, argv, Qnil, self, self, false);
}
static VALUE mod_instance_method(ARGS) {
  UNUSED;
  ID id = to_id(vm, argv[0]);
  VALUE m = kn_funcall(vm, vm->cUnboundMethod, kn_intern(vm, "__from"), 2, (VALUE[]){self, ID2SYM(id)});
  return m;
}
static VALUE mod_freeze(ARGS) { UNUSED; return kn_obj_freeze(vm, self); }
static VALUE mod_hash(ARGS) { UNUSED; return INT2FIX((intptr_t)(mix(self) >> 2)); }
static VALUE mod_module_new(ARGS) {
  UNUSED;
  VALUE m = kn_module_new(vm);
  if (self != vm->cModule) RBASIC(m)->klass = self;
  if (!NIL_P(blk)) kn_vm_invoke_block(vm, blk, 1, &m, Qnil, m, m, false);
  return m;
}
static VALUE mod_instance_variable_get_hook(ARGS) { UNUSED; return Qnil; }

/* ---- Class -------------------------------------------------------------------------------- */
static VALUE class_s_new(ARGS) {
  UNUSED;
  VALUE super = argc > 0 ? argv[0] : vm->cObject;
  if (!kn_is_type(super, T_CLASS)) kn_raise(vm, vm->eTypeError, "superclass must be a Class (%s given)", kn_obj_classname(vm, super));
  if (RBASIC(super)->flags & FL_SINGLETON) kn_raise(vm, vm->eTypeError, "can't make subclass of singleton class");
  if (super == vm->cClass) kn_raise(vm, vm->eTypeError, "can't make subclass of Class");
  VALUE c = kn_class_new(vm, super);
  kn_funcall(vm, super, vm->id_inherited, 1, &c);
  if (!NIL_P(blk)) kn_vm_invoke_block(vm, blk, 1, &c, Qnil, c, c, false);
  return c;
}
static VALUE class_superclass(ARGS) {
  UNUSED;
  VALUE s = RCLASS(self)->super;
  while (s && (KN_BUILTIN_TYPE(s) == T_ICLASS)) s = RCLASS(s)->super;
  return s ? s : Qnil;
}
static VALUE class_instance_methods_hook(ARGS) { UNUSED; return Qnil; }

void kn_init_vm_object(VM *vm) {
  VALUE B = vm->cBasicObject, O = vm->cObject, K = vm->cKernel, M = vm->cModule, C = vm->cClass;
  kn_define_private_method(vm, B, "initialize", obj_initialize, 0, 0);
  kn_define_method(vm, B, "==", obj_equal, 1, 1);
  kn_define_method(vm, B, "equal?", obj_equal, 1, 1);
  kn_define_method(vm, B, "!", obj_not, 0, 0);
  kn_define_method(vm, B, "!=", obj_neq, 1, 1);
  kn_define_method(vm, B, "__send__", obj_send, 1, -1);
  kn_define_method(vm, B, "__id__", obj_id, 0, 0);
  kn_define_method(vm, B, "instance_eval", obj_instance_eval, 0, 3);
  kn_define_method(vm, B, "instance_exec", obj_instance_exec, 0, -1);
  kn_define_private_method(vm, B, "method_missing", obj_method_missing, 0, -1);
  kn_define_private_method(vm, B, "singleton_method_added", obj_hook, 1, 1);
  kn_define_private_method(vm, B, "singleton_method_removed", obj_hook, 1, 1);
  kn_define_private_method(vm, B, "singleton_method_undefined", obj_hook, 1, 1);
  kn_define_method(vm, K, "class", obj_class, 0, 0);
  kn_define_method(vm, K, "singleton_class", obj_singleton_class, 0, 0);
  kn_define_method(vm, K, "frozen?", obj_frozen_p, 0, 0);
  kn_define_method(vm, K, "freeze", obj_freeze, 0, 0);
  kn_define_method(vm, K, "nil?", obj_nil_p, 0, 0);
  kn_define_method(vm, K, "===", obj_eqq, 1, 1);
  kn_define_method(vm, K, "=~", obj_match, 1, 1);
  kn_define_method(vm, K, "!~", obj_nmatch, 1, 1);
  kn_define_method(vm, K, "eql?", obj_equal, 1, 1);
  kn_define_method(vm, K, "hash", obj_hash, 0, 0);
  kn_define_method(vm, K, "<=>", obj_cmp, 1, 1);
  kn_define_method(vm, K, "object_id", obj_id, 0, 0);
  kn_define_method(vm, K, "send", obj_send, 1, -1);
  kn_define_method(vm, K, "public_send", obj_public_send, 1, -1);
  kn_define_method(vm, K, "respond_to?", obj_respond_to, 1, 2);
  kn_define_private_method(vm, K, "respond_to_missing?", obj_respond_to_missing, 2, 2);
  kn_define_method(vm, K, "is_a?", obj_is_a, 1, 1);
  kn_define_method(vm, K, "kind_of?", obj_is_a, 1, 1);
  kn_define_method(vm, K, "instance_of?", obj_instance_of, 1, 1);
  kn_define_method(vm, K, "inspect", obj_inspect, 0, 0);
  kn_define_method(vm, K, "to_s", obj_to_s, 0, 0);
  kn_define_method(vm, K, "dup", obj_dup, 0, 0);
  kn_define_method(vm, K, "clone", obj_clone, 0, 1);
  kn_define_private_method(vm, K, "initialize_copy", obj_initialize_copy, 1, 1);
  kn_define_private_method(vm, K, "initialize_dup", obj_initialize_copy, 1, 1);
  kn_define_private_method(vm, K, "initialize_clone", obj_initialize_copy, 1, 2);
  kn_define_method(vm, K, "itself", obj_itself, 0, 0);
  kn_define_method(vm, K, "instance_variable_get", obj_ivar_get, 1, 1);
  kn_define_method(vm, K, "instance_variable_set", obj_ivar_set, 2, 2);
  kn_define_method(vm, K, "instance_variable_defined?", obj_ivar_defined, 1, 1);
  kn_define_method(vm, K, "instance_variables", obj_ivars, 0, 0);
  kn_define_method(vm, K, "remove_instance_variable", obj_remove_ivar, 1, 1);
  kn_define_method(vm, K, "methods", obj_methods, 0, 1);
  kn_define_method(vm, K, "public_methods", obj_public_methods, 0, 1);
  kn_define_method(vm, K, "private_methods", obj_private_methods, 0, 1);
  kn_define_method(vm, K, "protected_methods", obj_protected_methods, 0, 1);
  kn_define_method(vm, K, "singleton_methods", obj_singleton_methods, 0, 1);
  kn_define_method(vm, K, "method", obj_method, 1, 1);
  kn_define_method(vm, K, "public_method", obj_method, 1, 1);
  kn_define_method(vm, K, "extend", obj_extend, 1, -1);
  kn_define_method(vm, K, "define_singleton_method", obj_define_singleton_method, 1, 2);
  kn_define_method(vm, K, "tap", obj_tap, 0, 0);
  kn_define_method(vm, K, "then", obj_then, 0, 0);
  kn_define_method(vm, K, "yield_self", obj_then, 0, 0);
  kn_define_method(vm, K, "display", obj_display, 0, 1);
  (void)obj_instance_variables_hook;
  (void)O;

  kn_define_method(vm, M, "name", mod_name, 0, 0);
  kn_define_method(vm, M, "to_s", mod_to_s, 0, 0);
  kn_define_method(vm, M, "inspect", mod_to_s, 0, 0);
  kn_define_method(vm, M, "===", mod_eqq, 1, 1);
  kn_define_method(vm, M, "==", obj_equal, 1, 1);
  kn_define_method(vm, M, "<", mod_lt, 1, 1);
  kn_define_method(vm, M, "<=", mod_le, 1, 1);
  kn_define_method(vm, M, ">", mod_gt, 1, 1);
  kn_define_method(vm, M, ">=", mod_ge, 1, 1);
  kn_define_method(vm, M, "<=>", mod_cmp, 1, 1);
  kn_define_method(vm, M, "hash", mod_hash, 0, 0);
  kn_define_method(vm, M, "ancestors", mod_ancestors, 0, 0);
  kn_define_method(vm, M, "include", mod_include, 1, -1);
  kn_define_method(vm, M, "prepend", mod_prepend, 1, -1);
  kn_define_method(vm, M, "include?", mod_include_p, 1, 1);
  kn_define_method(vm, M, "included_modules", mod_included_modules, 0, 0);
  kn_define_method(vm, M, "instance_methods", mod_instance_methods, 0, 1);
  kn_define_singleton_method(vm, M, "nesting", mod_s_nesting, 0, 0);
  kn_define_private_method(vm, M, "remove_const", mod_remove_const, 1, 1);
  kn_define_private_method(vm, vm->cKernel, "global_variables", k_global_variables, 0, 0);
  kn_define_method(vm, M, "singleton_class?", mod_singleton_class_p, 0, 0);
  kn_define_method(vm, M, "public_instance_methods", mod_public_instance_methods, 0, 1);
  kn_define_method(vm, M, "private_instance_methods", mod_private_instance_methods, 0, 1);
  kn_define_method(vm, M, "protected_instance_methods", mod_protected_instance_methods, 0, 1);
  kn_define_method(vm, M, "method_defined?", mod_method_defined, 1, 2);
  kn_define_method(vm, M, "public_method_defined?", mod_public_method_defined, 1, 2);
  kn_define_method(vm, M, "private_method_defined?", mod_private_method_defined, 1, 2);
  kn_define_method(vm, M, "protected_method_defined?", mod_protected_method_defined, 1, 2);
  kn_define_method(vm, M, "define_method", mod_define_method, 1, 2);
  kn_define_method(vm, M, "alias_method", mod_alias_method, 2, 2);
  kn_define_method(vm, M, "undef_method", mod_undef_method, 0, -1);
  kn_define_method(vm, M, "remove_method", mod_remove_method, 0, -1);
  kn_define_method(vm, M, "attr_reader", mod_attr_reader, 0, -1);
  kn_define_method(vm, M, "attr_writer", mod_attr_writer, 0, -1);
  kn_define_method(vm, M, "attr_accessor", mod_attr_accessor, 0, -1);
  kn_define_method(vm, M, "attr", mod_attr_reader, 0, -1);
  kn_define_method(vm, M, "public", mod_public, 0, -1);
  kn_define_method(vm, M, "private", mod_private, 0, -1);
  kn_define_method(vm, M, "protected", mod_protected, 0, -1);
  kn_define_method(vm, M, "module_function", mod_module_function, 0, -1);
  kn_define_method(vm, M, "private_class_method", mod_private_class_method, 0, -1);
  kn_define_method(vm, M, "public_class_method", mod_public_class_method, 0, -1);
  kn_define_method(vm, M, "private_constant", mod_private_constant, 0, -1);
  kn_define_method(vm, M, "const_get", mod_const_get, 1, 2);
  kn_define_method(vm, M, "const_set", mod_const_set, 2, 2);
  kn_define_method(vm, M, "const_defined?", mod_const_defined, 1, 2);
  kn_define_method(vm, M, "constants", mod_constants, 0, 1);
  kn_define_method(vm, M, "const_missing", mod_const_missing, 1, 1);
  kn_define_method(vm, M, "class_variable_get", mod_cvar_get, 1, 1);
  kn_define_method(vm, M, "class_variable_set", mod_cvar_set, 2, 2);
  kn_define_method(vm, M, "class_variable_defined?", mod_cvar_defined, 1, 1);
  kn_define_method(vm, M, "class_variables", mod_cvars, 0, 1);
  kn_define_method(vm, M, "class_eval", mod_class_eval, 0, 3);
  kn_define_method(vm, M, "module_eval", mod_class_eval, 0, 3);
  kn_define_method(vm, M, "class_exec", mod_class_exec, 0, -1);
  kn_define_method(vm, M, "module_exec", mod_class_exec, 0, -1);
  kn_define_method(vm, M, "instance_method", mod_instance_method, 1, 1);
  kn_define_method(vm, M, "public_instance_method", mod_instance_method, 1, 1);
  kn_define_method(vm, M, "freeze", mod_freeze, 0, 0);
  kn_define_private_method(vm, M, "append_features", mod_append_features, 1, 1);
  kn_define_private_method(vm, M, "prepend_features", mod_prepend_features, 1, 1);
  kn_define_private_method(vm, M, "extend_object", mod_extend_object, 1, 1);
  kn_define_private_method(vm, M, "method_added", obj_hook, 1, 1);
  kn_define_private_method(vm, M, "method_removed", obj_hook, 1, 1);
  kn_define_private_method(vm, M, "method_undefined", obj_hook, 1, 1);
  kn_define_private_method(vm, M, "included", obj_hook, 1, 1);
  kn_define_private_method(vm, M, "extended", obj_hook, 1, 1);
  kn_define_private_method(vm, M, "prepended", obj_hook, 1, 1);
  kn_define_singleton_method(vm, M, "new", mod_module_new, 0, 0);
  (void)mod_instance_variable_get_hook;

  kn_define_method(vm, C, "allocate", class_allocate, 0, 0);
  kn_define_method(vm, C, "new", class_new_instance, 0, -1);
  kn_define_method(vm, C, "superclass", class_superclass, 0, 0);
  kn_define_private_method(vm, C, "inherited", obj_hook, 1, 1);
  kn_define_singleton_method(vm, C, "new", class_s_new, 0, 1);
  /* Module methods that make no sense for a class (CRuby undefines them in Class) */
  static const char *const not_for_classes[] = {"module_function", "append_features", "prepend_features",
                                                "extend_object"};
  for (size_t i = 0; i < sizeof not_for_classes / sizeof not_for_classes[0]; i++)
    kn_undef_method(vm, C, kn_intern(vm, not_for_classes[i]));
  (void)class_instance_methods_hook;
}
