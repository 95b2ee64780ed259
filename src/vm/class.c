/* class.c -- classes, modules, method tables, constants, instance/class/global variables.
 *
 * Every class has a metaclass from birth (so class methods are inherited); a module
 * included in a class is spliced into the ancestor chain as an iclass sharing the module's
 * method table; prepend moves the class's own methods into an origin iclass below the
 * prepended modules. Any method (re)definition bumps vm->method_serial, which invalidates
 * every inline cache at once (the JIT's dependency tracking hangs off the same hook). */
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

static ClassExt *ext(VALUE klass) {
  RClass *c = RCLASS(klass);
  if (!c->ext) c->ext = kn_xcalloc(1, sizeof(ClassExt));
  return c->ext;
}

VALUE kn_class_of(VM *vm, VALUE v) {
  if (FIXNUM_P(v)) return vm->cInteger;
  if (FLONUM_P(v)) return vm->cFloat;
  if (SYMBOL_P(v)) return vm->cSymbol;
  if (v == Qnil) return vm->cNilClass;
  if (v == Qtrue) return vm->cTrueClass;
  if (v == Qfalse) return vm->cFalseClass;
  if (v == Qundef) return vm->cObject;
  return RBASIC(v)->klass;
}

VALUE kn_class_real(VM *vm, VALUE klass) {
  (void)vm;
  while (klass && ((RBASIC(klass)->flags & FL_SINGLETON) || KN_BUILTIN_TYPE(klass) == T_ICLASS))
    klass = RCLASS(klass)->super;
  return klass;
}

VALUE kn_obj_class(VM *vm, VALUE v) { return kn_class_real(vm, kn_class_of(vm, v)); }

static VALUE class_alloc(VM *vm, ValueType type, VALUE klass) {
  VALUE c = kn_obj_alloc(vm, type, klass);
  RCLASS(c)->m_tbl = kn_idtable_new();
  ext(c);
  return c;
}

static VALUE make_metaclass(VM *vm, VALUE klass);

VALUE kn_class_new(VM *vm, VALUE super) {
  VALUE c = class_alloc(vm, T_CLASS, vm->cClass);
  RCLASS(c)->super = super;
  if (super) ext(c)->instance_type = ext(super)->instance_type;
  make_metaclass(vm, c);
  return c;
}

VALUE kn_module_new(VM *vm) {
  return class_alloc(vm, T_MODULE, vm->cModule);
}

/* metaclass of a class: super is the superclass's metaclass */
static VALUE make_metaclass(VM *vm, VALUE klass) {
  VALUE meta = class_alloc(vm, T_CLASS, vm->cClass);
  RBASIC(meta)->flags |= FL_SINGLETON;
  ext(meta)->attached = klass;
  VALUE super = RCLASS(klass)->super;
  while (super && KN_BUILTIN_TYPE(super) == T_ICLASS) super = RCLASS(super)->super;
  if (super) {
    VALUE sm = RBASIC(super)->klass;
    if (!(RBASIC(sm)->flags & FL_SINGLETON)) sm = make_metaclass(vm, super);
    RCLASS(meta)->super = sm;
  } else {
    RCLASS(meta)->super = vm->cClass;
  }
  RBASIC(klass)->klass = meta;
  /* the metaclass's own class is its superclass's metaclass chain: keep cClass */
  return meta;
}

VALUE kn_singleton_class(VM *vm, VALUE obj) {
  if (FIXNUM_P(obj) || FLONUM_P(obj) || SYMBOL_P(obj) || kn_is_type(obj, T_BIGNUM) || kn_is_type(obj, T_FLOAT))
    kn_raise(vm, vm->eTypeError, "can't define singleton");
  if (obj == Qnil) return vm->cNilClass;
  if (obj == Qtrue) return vm->cTrueClass;
  if (obj == Qfalse) return vm->cFalseClass;
  VALUE k = RBASIC(obj)->klass;
  if ((RBASIC(k)->flags & FL_SINGLETON) && ext(k)->attached == obj) return k;
  ValueType t = KN_BUILTIN_TYPE(obj);
  if (t == T_CLASS) return make_metaclass(vm, obj);
  VALUE meta = class_alloc(vm, T_CLASS, vm->cClass);
  RBASIC(meta)->flags |= FL_SINGLETON;
  ext(meta)->attached = obj;
  RCLASS(meta)->super = k;
  RBASIC(obj)->klass = meta;
  /* the singleton class of a module/object has its own metaclass lazily (cClass) */
  vm->method_serial++;
  return meta;
}

/* ---- naming ----------------------------------------------------------------------------
 * CRuby 3.1's class paths: a class or module takes its name from the first constant it is
 * assigned to. Under a named outer (or at the top level) the name is permanent: "Outer::N".
 * Under an anonymous outer it is temporary, "#<Module:0x...>::N", and becomes permanent
 * when the outer is named, together with everything below it that has no permanent name. */

static VALUE path_under(VM *vm, VALUE outer_path, ID name) {
  VALUE s = kn_str_dup(vm, outer_path);
  kn_str_cat_cstr(vm, s, "::");
  kn_str_cat_cstr(vm, s, kn_id_name(vm, name));
  return s;
}

static bool named_namespace(VALUE v) {
  return (kn_is_type(v, T_CLASS) || kn_is_type(v, T_MODULE)) && !(RBASIC(v)->flags & FL_SINGLETON);
}

static void set_permanent_path(VM *vm, VALUE klass, VALUE path) {
  ClassExt *e = ext(klass);
  RBASIC(path)->flags |= FL_FROZEN;
  e->name = path;
  e->tmp_name = false;
  for (long i = 0; e->consts && i < e->consts->n; i++) {
    VALUE v = (VALUE)e->consts->ents[i].val;
    if (!e->consts->ents[i].key || !named_namespace(v)) continue;
    ClassExt *ve = ext(v);
    if (!ve->name || ve->tmp_name) set_permanent_path(vm, v, path_under(vm, path, e->consts->ents[i].key));
  }
}

static void set_class_path(VM *vm, VALUE klass, VALUE outer, ID name) {
  ClassExt *e = ext(klass);
  if (e->name && !e->tmp_name) return;
  if (!e->name) e->lexical_parent = outer;
  if (outer == vm->cObject || !outer) {
    set_permanent_path(vm, klass, kn_id_str(vm, name));
    return;
  }
  ClassExt *oe = ext(outer);
  if (oe->name && !oe->tmp_name) {
    set_permanent_path(vm, klass, path_under(vm, oe->name, name));
  } else if (!e->name) {
    e->name = path_under(vm, kn_class_name(vm, outer), name);
    RBASIC(e->name)->flags |= FL_FROZEN;
    e->tmp_name = true;
  }
}

VALUE kn_class_name(VM *vm, VALUE klass) {
  ClassExt *e = ext(klass);
  if (e->name) {
    /* names made while booting, before String existed, have no class yet */
    if (!RBASIC(e->name)->klass) RBASIC(e->name)->klass = vm->cString;
    VALUE s = kn_str_dup(vm, e->name);
    if (!RBASIC(s)->klass) RBASIC(s)->klass = vm->cString;
    return s;
  }
  if (RBASIC(klass)->flags & FL_SINGLETON) {
    VALUE s = kn_str_new_cstr(vm, "#<Class:");
    VALUE at = e->attached;
    if (kn_is_type(at, T_CLASS) || kn_is_type(at, T_MODULE)) kn_str_append(vm, s, kn_class_name(vm, at));
    else kn_str_append(vm, s, kn_any_to_s(vm, at));
    kn_str_cat_cstr(vm, s, ">");
    return s;
  }
  return kn_str_printf(vm, "#<%s:0x%016lx>", KN_BUILTIN_TYPE(klass) == T_MODULE ? "Module" : "Class",
                       (unsigned long)klass);
}

VALUE kn_class_super(VM *vm, VALUE klass) {
  VALUE s = RCLASS(klass)->super;
  while (s && KN_BUILTIN_TYPE(s) == T_ICLASS) s = RCLASS(s)->super;
  (void)vm;
  return s ? s : Qnil;
}

VALUE kn_define_class_under(VM *vm, VALUE outer, const char *name, VALUE super) {
  ID id = kn_intern(vm, name);
  VALUE v;
  if (kn_const_lookup(vm, outer, id, &v, false) && kn_is_type(v, T_CLASS)) return v;
  VALUE c = kn_class_new(vm, super);
  kn_const_set(vm, outer, id, c);
  return c;
}
VALUE kn_define_class(VM *vm, const char *name, VALUE super) {
  return kn_define_class_under(vm, vm->cObject, name, super);
}
VALUE kn_define_module_under(VM *vm, VALUE outer, const char *name) {
  ID id = kn_intern(vm, name);
  VALUE v;
  if (kn_const_lookup(vm, outer, id, &v, false) && kn_is_type(v, T_MODULE)) return v;
  VALUE m = kn_module_new(vm);
  kn_const_set(vm, outer, id, m);
  return m;
}
VALUE kn_define_module(VM *vm, const char *name) {
  return kn_define_module_under(vm, vm->cObject, name);
}

void kn_set_allocator(VM *vm, VALUE klass, ValueType type, VALUE (*alloc)(void *vm, VALUE klass)) {
  (void)vm;
  ext(klass)->instance_type = type;
  ext(klass)->allocator = alloc;
}

/* ---- ancestry --------------------------------------------------------------------------
 * CRuby 3.1's model. Including a module M into K splices an iclass into K's chain that
 * shares M's method table (ext->module = M, ext->includer = K). Prepending into K first
 * gives K an origin: an iclass holding K's own methods (module K) while K keeps an empty
 * table; prepended modules go between K and its origin:
 *
 *     K (empty) -> P1 -> P2 -> origin(K) -> I1 -> I2 -> superclass ...
 *
 * Including a module that has an origin copies its whole chain, shape included: a *head*
 * iclass (M's empty table; ext->origin = the copy of the origin below it; ext->module = M's
 * origin iclass, not M, so that the interpreter's `super`, which looks for the first
 * iclass whose module is the method's owner, lands on the copy that holds M's methods),
 * then M's prepended modules, then the origin copy (module M). `ancestors` skips heads and
 * classes with an origin: they are listed where their origin is.
 *
 * A module remembers the iclasses that stand for it (ext->includers, newest last), so that
 * including or prepending into it later reaches every chain it is already in; a module that
 * gets its first origin turns those iclasses into heads with an origin copy. Whether a
 * module is already in a chain is decided by method-table identity, as CRuby does. */

static VALUE origin_of(VALUE klass) {
  ClassExt *e = RCLASS(klass)->ext;
  return (e && e->origin) ? e->origin : klass;
}

static bool is_head(VALUE c) {
  return KN_BUILTIN_TYPE(c) == T_ICLASS && RCLASS(c)->ext->origin;
}

/* The module (or, for a class's origin, the class) a chain element stands for. */
static VALUE real_module(VALUE c) {
  if (KN_BUILTIN_TYPE(c) != T_ICLASS) return c;
  VALUE m = RCLASS(c)->ext->module;
  return KN_BUILTIN_TYPE(m) == T_ICLASS ? RCLASS(m)->ext->module : m;
}

/* The class or module whose chain the iclass c is in. */
static VALUE includer_of(VALUE c) {
  while (c && KN_BUILTIN_TYPE(c) == T_ICLASS) c = RCLASS(c)->ext->includer;
  return c;
}

/* FrozenError for changing a frozen class or module, in CRuby's words: "can't modify
 * frozen class: C", "module: M", and for a singleton class "object: #<...>" ("Class: C"
 * when it is a class's). A frozen object's singleton class counts as frozen. */
static void class_modify_check(VM *vm, VALUE klass) {
  if (!kn_vm_core_ready(vm)) return;
  bool sing = (RBASIC(klass)->flags & FL_SINGLETON) != 0;
  VALUE shown = sing ? RCLASS(klass)->ext->attached : klass;
  if (!KN_FROZEN_P(klass) && !(sing && KN_FROZEN_P(shown))) return;
  const char *desc = kn_is_type(klass, T_MODULE) ? "module" : "class";
  if (sing) desc = kn_is_type(shown, T_CLASS) ? "Class" : kn_is_type(shown, T_MODULE) ? "Module" : "object";
  kn_raise_exc(vm, kn_exc_new(vm, vm->eFrozenError, "can't modify frozen %s: %s", desc,
                              kn_str_cstr(vm, kn_inspect(vm, shown))));
}

/* A new iclass, below `includer`'s element that will point at it, standing for the chain
 * element e of an included module: e's table, and e's module (a head's marker as it is; a
 * module with an origin gives a head, whose module is that origin). */
static VALUE make_iclass(VM *vm, VALUE e, VALUE super, VALUE includer) {
  VALUE ic = kn_obj_alloc(vm, T_ICLASS, vm->cModule);
  RCLASS(ic)->m_tbl = RCLASS(e)->m_tbl;
  ClassExt *x = ext(ic);
  x->module = KN_BUILTIN_TYPE(e) == T_ICLASS ? RCLASS(e)->ext->module : origin_of(e);
  x->includer = includer;
  RCLASS(ic)->super = super;
  return ic;
}

static void add_includer(VALUE module, VALUE iclass) {
  ClassExt *e = ext(module);
  e->includers = kn_xrealloc(e->includers, sizeof(VALUE) * (size_t)(e->nincluders + 1));
  e->includers[e->nincluders++] = iclass;
}

/* Whether klass's own methods are somewhere in module's chain (a cycle if included). */
static bool module_in_chain(VALUE klass, VALUE module) {
  IdTable *t = RCLASS(origin_of(klass))->m_tbl;
  for (VALUE e = module; e; e = RCLASS(e)->super)
    if (RCLASS(e)->m_tbl == t) return true;
  return false;
}

/* Splices module's chain (module, its prepended modules, its origin, what it includes)
 * into klass's chain after c. An element already there is skipped: for an include
 * (search_super) anywhere above klass, and the insertion point moves past it when it sits
 * below c and above klass's superclass; for a prepend only between klass and its origin. */
static void include_at(VM *vm, VALUE klass, VALUE c, VALUE module, bool search_super) {
  VALUE klass_origin = origin_of(klass);
  enum { MAX_NEST = 64 };
  VALUE heads[MAX_NEST], origins[MAX_NEST];  /* heads still waiting for their origin copy */
  int nheads = 0;
  for (VALUE e = module; e; e = RCLASS(e)->super) {
    bool c_seen = klass == c, super_seen = false, skip = false;
    if (klass_origin != c || search_super) {
      for (VALUE p = RCLASS(klass)->super; p; p = RCLASS(p)->super) {
        if (p == klass_origin && !search_super) break;
        if (p == c) c_seen = true;
        if (KN_BUILTIN_TYPE(p) == T_ICLASS) {
          if (RCLASS(p)->m_tbl == RCLASS(e)->m_tbl) {
            if (!super_seen && c_seen) c = p;
            skip = true;
            break;
          }
        } else if (KN_BUILTIN_TYPE(p) == T_CLASS) {
          super_seen = true;
        }
      }
    }
    if (skip) continue;
    VALUE ic = make_iclass(vm, e, RCLASS(c)->super, klass);
    RCLASS(c)->super = ic;
    c = ic;
    VALUE eo = origin_of(e);
    if (eo != e && nheads < MAX_NEST) {
      heads[nheads] = ic;
      origins[nheads++] = eo;
      add_includer(real_module(e), ic);
    } else if (nheads > 0 && origins[nheads - 1] == e) {
      ext(heads[--nheads])->origin = ic;  /* a copy of an origin is nobody's includer */
    } else {
      add_includer(real_module(e), ic);
    }
    /* the module's methods now shadow or extend klass: fast paths must notice */
    IdTable *t = RCLASS(e)->m_tbl;
    VALUE owner = includer_of(klass);
    for (long k = 0; t && k < t->n; k++)
      if (t->ents[k].key) {
        kn_vm_check_redefinition(vm, owner, t->ents[k].key);
        kn_vm_method_changed(vm, t->ents[k].key);
      }
  }
  vm->method_serial++;
  vm->const_serial++;
}

static void check_includable(VM *vm, VALUE klass, VALUE module) {
  class_modify_check(vm, klass);
  if (!kn_is_type(module, T_MODULE))
    kn_raise(vm, vm->eTypeError, "wrong argument type %s (expected Module)", kn_obj_classname(vm, module));
}

void kn_include_module(VM *vm, VALUE klass, VALUE module) {
  check_includable(vm, klass, module);
  if (module_in_chain(klass, module)) kn_raise(vm, vm->eArgumentError, "cyclic include detected");
  include_at(vm, klass, origin_of(klass), module, true);
  if (!kn_is_type(klass, T_MODULE)) return;
  /* every chain klass is in gets module too, after klass's origin; as CRuby 3.1, once one
   * of them (newest first) already has module above klass, the older ones are left alone */
  bool do_include = true;
  for (long i = ext(klass)->nincluders - 1; i >= 0; i--) {
    VALUE x = RCLASS(klass)->ext->includers[i];
    for (VALUE p = x; p && do_include; p = RCLASS(p)->super)
      if (KN_BUILTIN_TYPE(p) == T_ICLASS && real_module(p) == module) do_include = false;
    if (do_include) include_at(vm, x, origin_of(x), module, true);
  }
}

/* Gives klass an origin if it has none; returns whether it made one. */
static bool ensure_origin(VM *vm, VALUE klass) {
  ClassExt *e = ext(klass);
  if (e->origin) return false;
  VALUE origin = kn_obj_alloc(vm, T_ICLASS, vm->cModule);
  RCLASS(origin)->m_tbl = RCLASS(klass)->m_tbl;
  ext(origin)->module = klass;
  ext(origin)->includer = klass;
  RCLASS(origin)->super = RCLASS(klass)->super;
  RCLASS(klass)->m_tbl = kn_idtable_new();
  RCLASS(klass)->super = origin;
  e->origin = origin;
  RBASIC(klass)->flags |= FL_PREPENDED;
  return true;
}

void kn_prepend_module(VM *vm, VALUE klass, VALUE module) {
  check_includable(vm, klass, module);
  if (module_in_chain(klass, module)) kn_raise(vm, vm->eArgumentError, "cyclic prepend detected");
  bool new_origin = ensure_origin(vm, klass);
  include_at(vm, klass, klass, module, false);
  if (!kn_is_type(klass, T_MODULE)) return;
  VALUE origin = RCLASS(klass)->ext->origin;
  for (long i = ext(klass)->nincluders - 1; i >= 0; i--) {
    VALUE x = RCLASS(klass)->ext->includers[i];
    if (new_origin && RCLASS(x)->m_tbl == RCLASS(origin)->m_tbl) {
      /* an iclass of klass from before it had an origin becomes a head */
      VALUE copy = make_iclass(vm, origin, RCLASS(x)->super, RCLASS(x)->ext->includer);
      RCLASS(x)->super = copy;
      RCLASS(x)->m_tbl = RCLASS(klass)->m_tbl;
      RCLASS(x)->ext->module = origin;
      RCLASS(x)->ext->origin = copy;
    }
    include_at(vm, x, x, module, false);
  }
}

void kn_extend_object(VM *vm, VALUE obj, VALUE module) {
  kn_include_module(vm, kn_singleton_class(vm, obj), module);
}

bool kn_class_inherits(VM *vm, VALUE klass, VALUE ancestor) {
  (void)vm;
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    if (c == ancestor) return true;
    if (KN_BUILTIN_TYPE(c) == T_ICLASS && RCLASS(c)->ext->module == ancestor) return true;
  }
  return false;
}

bool kn_obj_is_kind_of(VM *vm, VALUE obj, VALUE klass) {
  return kn_class_inherits(vm, kn_class_of(vm, obj), klass);
}

VALUE kn_mod_ancestors(VM *vm, VALUE klass) {
  VALUE a = kn_ary_new(vm);
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    if (KN_BUILTIN_TYPE(c) == T_ICLASS) {
      /* a prepended class or module is listed where its origin is, after its prepended
       * modules; heads are not listed */
      if (!is_head(c)) kn_ary_push(vm, a, RCLASS(c)->ext->module);
    } else if (!(RBASIC(c)->flags & FL_PREPENDED)) {
      kn_ary_push(vm, a, c);
    }
  }
  return a;
}

/* ---- methods ------------------------------------------------------------------------- */
static uint32_t basic_op_bit(VM *vm, ID mid) {
  static const struct { const char *n; uint32_t bit; } t[] = {
    {"+", KN_BOP_PLUS}, {"-", KN_BOP_MINUS}, {"*", KN_BOP_MULT}, {"/", KN_BOP_DIV},
    {"%", KN_BOP_MOD}, {"==", KN_BOP_EQ}, {"!=", KN_BOP_NEQ}, {"<", KN_BOP_LT},
    {"<=", KN_BOP_LE}, {">", KN_BOP_GT}, {">=", KN_BOP_GE}, {"<<", KN_BOP_LTLT},
    {"&", KN_BOP_AND}, {"|", KN_BOP_OR}, {"[]", KN_BOP_AREF}, {"[]=", KN_BOP_ASET},
    {"length", KN_BOP_LENGTH}, {"size", KN_BOP_SIZE}, {"empty?", KN_BOP_EMPTY},
    {"succ", KN_BOP_SUCC}, {"!", KN_BOP_NOT}, {"nil?", KN_BOP_NIL_P}, {"to_s", KN_BOP_TO_S},
    {"to_proc", KN_BOP_TO_PROC}};
  const char *s = kn_id_name(vm, mid);
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) if (strcmp(s, t[i].n) == 0) return t[i].bit;
  return 0;
}

void kn_vm_check_redefinition(VM *vm, VALUE klass, ID mid) {
  if (!kn_vm_core_ready(vm)) return;
  VALUE k = klass;
  if (KN_BUILTIN_TYPE(k) == T_ICLASS) k = real_module(k);
  if (KN_BUILTIN_TYPE(k) == T_MODULE && k != vm->cKernel && k != vm->cComparable) {
    /* a method added to a module reaches the classes that include it */
    ClassExt *e = RCLASS(k)->ext;
    for (long i = 0; e && i < e->nincluders; i++) {
      VALUE owner = includer_of(e->includers[i]);
      if (owner != k) kn_vm_check_redefinition(vm, owner, mid);
    }
    return;
  }
  if (k == vm->cInteger || k == vm->cFloat || k == vm->cString || k == vm->cArray ||
      k == vm->cHash || k == vm->cSymbol || k == vm->cNilClass || k == vm->cBasicObject ||
      k == vm->cObject || k == vm->cKernel || k == vm->cNumeric || k == vm->cComparable ||
      k == vm->cTrueClass || k == vm->cFalseClass)
    vm->redefined_basic |= basic_op_bit(vm, mid);
}

void kn_vm_method_changed(VM *vm, ID mid) {
  if (vm->jit_invalidate) vm->jit_invalidate(vm, mid);
}

void kn_add_method(VM *vm, VALUE klass, ID name, MethodEntry *me) {
  class_modify_check(vm, klass);
  MethodEntry *copy = kn_xmalloc(sizeof(MethodEntry));
  *copy = *me;
  copy->name = name;
  if (!copy->original_name) copy->original_name = name;
  if (!copy->owner) copy->owner = klass;
  copy->serial = ++vm->me_counter;
  VALUE target = origin_of(klass);
  kn_idtable_set(RCLASS(target)->m_tbl, name, (uintptr_t)copy);
  vm->method_serial++;
  kn_vm_check_redefinition(vm, klass, name);
  kn_vm_method_changed(vm, name);
}

static void define_cfunc(VM *vm, VALUE klass, const char *name, CFunc fn, int min, int max, Visibility vis) {
  MethodEntry me = {0};
  me.type = ME_CFUNC;
  me.vis = vis;
  me.cfunc = fn;
  me.min_argc = min;
  me.max_argc = max;
  me.owner = klass;
  kn_add_method(vm, klass, kn_intern(vm, name), &me);
}

void kn_define_method(VM *vm, VALUE klass, const char *name, CFunc fn, int min, int max) {
  define_cfunc(vm, klass, name, fn, min, max, VIS_PUBLIC);
}
void kn_define_private_method(VM *vm, VALUE klass, const char *name, CFunc fn, int min, int max) {
  define_cfunc(vm, klass, name, fn, min, max, VIS_PRIVATE);
}
void kn_define_singleton_method(VM *vm, VALUE obj, const char *name, CFunc fn, int min, int max) {
  define_cfunc(vm, kn_singleton_class(vm, obj), name, fn, min, max, VIS_PUBLIC);
}
void kn_define_module_function(VM *vm, VALUE mod, const char *name, CFunc fn, int min, int max) {
  define_cfunc(vm, mod, name, fn, min, max, VIS_PRIVATE);
  define_cfunc(vm, kn_singleton_class(vm, mod), name, fn, min, max, VIS_PUBLIC);
}

const MethodEntry *kn_method_lookup_from(VM *vm, VALUE klass, ID mid, VALUE *found_in) {
  (void)vm;
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    uintptr_t v;
    if (RCLASS(c)->m_tbl && kn_idtable_get(RCLASS(c)->m_tbl, mid, &v)) {
      const MethodEntry *me = (const MethodEntry *)v;
      if (me->type == ME_UNDEF) return NULL;
      if (found_in) *found_in = c;
      return me;
    }
  }
  return NULL;
}

/* Global method cache: (class, name) -> entry, direct-mapped, valid while
 * vm->method_serial is unchanged (any method change bumps it). Serves lookups that have no
 * call-site cache: calls from C (Class#new -> initialize, respond_to?, ...). */
enum { MCACHE_SIZE = 4096 };
typedef struct MCacheEntry { VALUE klass; ID mid; uint32_t serial; const MethodEntry *me; } MCacheEntry;

const MethodEntry *kn_method_lookup(VM *vm, VALUE klass, ID mid) {
  if (!vm->mcache) vm->mcache = kn_xcalloc(MCACHE_SIZE, sizeof(MCacheEntry));
  MCacheEntry *e = &((MCacheEntry *)vm->mcache)[((klass >> 3) ^ (mid * 31)) & (MCACHE_SIZE - 1)];
  if (e->klass == klass && e->mid == mid && e->serial == vm->method_serial && klass) return e->me;
  const MethodEntry *me = kn_method_lookup_from(vm, klass, mid, NULL);
  e->klass = klass;
  e->mid = mid;
  e->serial = vm->method_serial;
  e->me = me;
  return me;
}

const MethodEntry *kn_vm_resolve_zsuper(VM *vm, const MethodEntry *me, VALUE klass, ID mid) {
  /* find the class holding me, continue above it */
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    uintptr_t v;
    if (RCLASS(c)->m_tbl && kn_idtable_get(RCLASS(c)->m_tbl, mid, &v) && (const MethodEntry *)v == me) {
      const MethodEntry *s = kn_method_lookup(vm, RCLASS(c)->super, mid);
      if (!s) return NULL;
      if (s->type == ME_ZSUPER) return kn_vm_resolve_zsuper(vm, s, RCLASS(c)->super, mid);
      MethodEntry *copy = kn_xmalloc(sizeof *copy);
      *copy = *s;
      copy->vis = me->vis;
      return copy;
    }
  }
  return NULL;
}

void kn_define_alias(VM *vm, VALUE klass, const char *newname, const char *oldname) {
  kn_alias_method(vm, klass, kn_intern(vm, newname), kn_intern(vm, oldname));
}

_Noreturn static void undefined_method_error(VM *vm, VALUE klass, ID name, const char *what) {
  VALUE desc = kn_class_name(vm, klass);
  kn_name_error(vm, name, klass, "undefined method `%s' for %s `%s'", kn_id_name(vm, name),
                what, kn_str_cstr(vm, desc));
}

void kn_alias_method(VM *vm, VALUE klass, ID newname, ID oldname) {
  VALUE found;
  const MethodEntry *me = kn_method_lookup_from(vm, klass, oldname, &found);
  if (!me && KN_BUILTIN_TYPE(klass) == T_MODULE) me = kn_method_lookup_from(vm, vm->cObject, oldname, &found);
  if (!me) undefined_method_error(vm, klass, oldname, KN_BUILTIN_TYPE(klass) == T_MODULE ? "module" : "class");
  MethodEntry copy = *me;
  copy.original_name = me->original_name ? me->original_name : oldname;
  kn_add_method(vm, klass, newname, &copy);
}

void kn_undef_method(VM *vm, VALUE klass, ID name) {
  if (!kn_method_lookup(vm, klass, name))
    undefined_method_error(vm, klass, name, KN_BUILTIN_TYPE(klass) == T_MODULE ? "module" : "class");
  MethodEntry me = {0};
  me.type = ME_UNDEF;
  kn_add_method(vm, klass, name, &me);
}

void kn_remove_method(VM *vm, VALUE klass, ID name) {
  VALUE target = origin_of(klass);
  uintptr_t v;
  if (!kn_idtable_get(RCLASS(target)->m_tbl, name, &v) || ((MethodEntry *)v)->type == ME_UNDEF) {
    VALUE desc = kn_class_name(vm, klass);
    kn_name_error(vm, name, klass, "method `%s' not defined in %s", kn_id_name(vm, name), kn_str_cstr(vm, desc));
  }
  kn_idtable_delete(RCLASS(target)->m_tbl, name);
  vm->method_serial++;
  kn_vm_method_changed(vm, name);
}

void kn_method_hook(VM *vm, VALUE klass, ID name, const char *what) {
  bool sing = (RBASIC(klass)->flags & FL_SINGLETON) != 0;
  VALUE recv = sing ? RCLASS(klass)->ext->attached : klass;
  char hook[48];
  snprintf(hook, sizeof hook, "%smethod_%s", sing ? "singleton_" : "", what);
  ID hid = kn_intern(vm, hook);
  if (!kn_respond_to(vm, recv, hid, true)) return;
  VALUE sym = ID2SYM(name);
  kn_funcall(vm, recv, hid, 1, &sym);
}

bool kn_respond_to(VM *vm, VALUE obj, ID mid, bool include_private) {
  const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, obj), mid);
  if (!me) return false;
  if (!include_private && me->vis != VIS_PUBLIC) return false;
  return true;
}

void kn_set_visibility(VM *vm, VALUE klass, ID mid, Visibility vis) {
  VALUE target = origin_of(klass);
  uintptr_t v;
  if (kn_idtable_get(RCLASS(target)->m_tbl, mid, &v)) {
    MethodEntry *me = (MethodEntry *)v;
    if (me->vis == vis) return;
    MethodEntry copy = *me;
    copy.vis = vis;
    kn_add_method(vm, klass, mid, &copy);
    return;
  }
  const MethodEntry *me = kn_method_lookup(vm, klass, mid);
  if (!me && KN_BUILTIN_TYPE(klass) == T_MODULE) me = kn_method_lookup(vm, vm->cObject, mid);
  if (!me) undefined_method_error(vm, klass, mid, KN_BUILTIN_TYPE(klass) == T_MODULE ? "module" : "class");
  MethodEntry z = *me;
  z.type = ME_ZSUPER;
  z.vis = vis;
  z.owner = klass;
  kn_add_method(vm, klass, mid, &z);
}

/* ---- constants ------------------------------------------------------------------------ */
void kn_const_set(VM *vm, VALUE klass, ID name, VALUE val) {
  ClassExt *e = ext(klass);
  if (!e->consts) e->consts = kn_idtable_new();
  kn_idtable_set(e->consts, name, val);
  vm->const_serial++;
  if ((kn_is_type(val, T_CLASS) || kn_is_type(val, T_MODULE)) && !(RBASIC(val)->flags & FL_SINGLETON))
    set_class_path(vm, val, klass, name);
}

void kn_define_const(VM *vm, VALUE klass, const char *name, VALUE val) {
  kn_const_set(vm, klass, kn_intern(vm, name), val);
}

static bool const_get_here(VALUE klass, ID name, VALUE *out) {
  ClassExt *e = RCLASS(klass)->ext;
  if (KN_BUILTIN_TYPE(klass) == T_ICLASS) e = RCLASS(RCLASS(klass)->ext->module)->ext;
  uintptr_t v;
  if (e && e->consts && kn_idtable_get(e->consts, name, &v)) { *out = (VALUE)v; return true; }
  return false;
}

bool kn_const_lookup(VM *vm, VALUE klass, ID name, VALUE *out, bool recurse) {
  if (!recurse) return const_get_here(klass, name, out);
  for (VALUE c = klass; c; c = RCLASS(c)->super)
    if (const_get_here(c, name, out)) return true;
  if (KN_BUILTIN_TYPE(klass) == T_MODULE && const_get_here(vm->cObject, name, out)) return true;
  return false;
}

/* Scope::Name: the scope and its ancestors, but not Object's constants (nor those of
 * Object's ancestors) unless the scope is Object itself (Ruby >= 2.5). */
bool kn_const_lookup_scoped(VM *vm, VALUE scope, ID name, VALUE *out) {
  for (VALUE c = scope; c; c = RCLASS(c)->super) {
    if (c == vm->cObject && scope != vm->cObject) break;
    if (const_get_here(c, name, out)) return true;
  }
  return false;
}

VALUE kn_const_get(VM *vm, VALUE klass, ID name) {
  VALUE v;
  if (kn_const_lookup(vm, klass, name, &v, true)) return v;
  VALUE args[1] = {ID2SYM(name)};
  return kn_funcall(vm, klass, vm->id_const_missing, 1, args);
}

/* ---- instance variables -------------------------------------------------------------- */
static VALUE generic_table(VM *vm, VALUE obj, bool create) {
  if (!vm->generic_ivars) {
    if (!create) return Qnil;
    vm->generic_ivars = kn_hash_new(vm);
    RBASIC(vm->generic_ivars)->flags |= FL_HASH_IDENT;
  }
  VALUE t;
  if (kn_hash_lookup(vm, vm->generic_ivars, obj, &t)) return t;
  if (!create) return Qnil;
  t = kn_hash_new(vm);
  kn_hash_aset(vm, vm->generic_ivars, obj, t);
  return t;
}

static long iv_index(VM *vm, VALUE klass, ID name, bool create) {
  (void)vm;
  ClassExt *e = ext(klass);
  uintptr_t v;
  if (e->iv_index && kn_idtable_get(e->iv_index, name, &v)) return (long)v;
  if (!create) return -1;
  if (!e->iv_index) e->iv_index = kn_idtable_new();
  long idx = e->iv_count++;
  kn_idtable_set(e->iv_index, name, (uintptr_t)idx);
  return idx;
}

VALUE kn_ivar_get(VM *vm, VALUE obj, ID name) {
  if (kn_is_type(obj, T_OBJECT)) {
    long idx = iv_index(vm, kn_obj_class(vm, obj), name, false);
    if (idx < 0 || (uint32_t)idx >= ROBJECT(obj)->numiv) return Qnil;
    VALUE v = ROBJECT(obj)->ivptr[idx];
    return v == Qundef ? Qnil : v;
  }
  if (SPECIAL_CONST_P(obj)) return Qnil;
  VALUE t = generic_table(vm, obj, false);
  if (NIL_P(t)) return Qnil;
  VALUE v;
  return kn_hash_lookup(vm, t, ID2SYM(name), &v) ? v : Qnil;
}

VALUE kn_ivar_set(VM *vm, VALUE obj, ID name, VALUE val) {
  if (kn_is_type(obj, T_OBJECT)) {
    RObject *o = ROBJECT(obj);
    long idx = iv_index(vm, kn_obj_class(vm, obj), name, true);
    if ((uint32_t)idx >= o->capa) {
      uint32_t ncapa = o->capa < KN_OBJ_EMBED ? KN_OBJ_EMBED : o->capa;
      while (ncapa <= (uint32_t)idx) ncapa *= 2;
      if (ncapa <= KN_OBJ_EMBED) {
        o->ivptr = o->embed;
      } else {
        VALUE *p = kn_xmalloc(sizeof(VALUE) * ncapa);
        if (o->numiv) memcpy(p, o->ivptr, sizeof(VALUE) * o->numiv);
        if (o->ivptr && o->ivptr != o->embed) free(o->ivptr);
        o->ivptr = p;
      }
      o->capa = ncapa;
    }
    if (!o->ivptr) o->ivptr = o->embed;
    while (o->numiv <= (uint32_t)idx) o->ivptr[o->numiv++] = Qundef;
    o->ivptr[idx] = val;
    return val;
  }
  if (SPECIAL_CONST_P(obj)) kn_frozen_error(vm, obj);
  VALUE t = generic_table(vm, obj, true);
  kn_hash_aset(vm, t, ID2SYM(name), val);
  return val;
}

bool kn_ivar_defined(VM *vm, VALUE obj, ID name) {
  if (kn_is_type(obj, T_OBJECT)) {
    long idx = iv_index(vm, kn_obj_class(vm, obj), name, false);
    return idx >= 0 && (uint32_t)idx < ROBJECT(obj)->numiv && ROBJECT(obj)->ivptr[idx] != Qundef;
  }
  if (SPECIAL_CONST_P(obj)) return false;
  VALUE t = generic_table(vm, obj, false);
  VALUE v;
  return !NIL_P(t) && kn_hash_lookup(vm, t, ID2SYM(name), &v);
}

VALUE kn_ivar_list(VM *vm, VALUE obj) {
  VALUE a = kn_ary_new(vm);
  if (kn_is_type(obj, T_OBJECT)) {
    ClassExt *e = ext(kn_obj_class(vm, obj));
    if (!e->iv_index) return a;
    for (long i = 0; i < e->iv_index->n; i++) {
      IdTableEntry *en = &e->iv_index->ents[i];
      if (!en->key) continue;
      if (kn_id_name(vm, en->key)[0] != '@') continue;
      long idx = (long)en->val;
      if ((uint32_t)idx < ROBJECT(obj)->numiv && ROBJECT(obj)->ivptr[idx] != Qundef)
        kn_ary_push(vm, a, ID2SYM(en->key));
    }
    return a;
  }
  if (SPECIAL_CONST_P(obj)) return a;
  VALUE t = generic_table(vm, obj, false);
  if (NIL_P(t)) return a;
  VALUE keys = kn_hash_keys(vm, t);
  for (long i = 0; i < RARRAY_LEN(keys); i++)
    if (kn_id_name(vm, SYM2ID(RARRAY_PTR(keys)[i]))[0] == '@') kn_ary_push(vm, a, RARRAY_PTR(keys)[i]);
  return a;
}

/* fast path helpers for the interpreter's inline caches */
VALUE kn_vm_getivar(VM *vm, VALUE self, ID id, IvarCache *ic) {
  if (kn_is_type(self, T_OBJECT)) {
    VALUE klass = kn_obj_class(vm, self);
    long idx = iv_index(vm, klass, id, false);
    if (idx < 0) return Qnil;
    ic->klass = RBASIC(self)->klass;
    ic->index = (uint32_t)idx;
    if ((uint32_t)idx >= ROBJECT(self)->numiv) return Qnil;
    VALUE v = ROBJECT(self)->ivptr[idx];
    return v == Qundef ? Qnil : v;
  }
  return kn_ivar_get(vm, self, id);
}

void kn_vm_setivar(VM *vm, VALUE self, ID id, VALUE val, IvarCache *ic) {
  kn_check_frozen(vm, self);
  kn_ivar_set(vm, self, id, val);
  if (kn_is_type(self, T_OBJECT)) {
    ic->klass = RBASIC(self)->klass;
    ic->index = (uint32_t)iv_index(vm, kn_obj_class(vm, self), id, false);
  }
}

/* ---- class variables ------------------------------------------------------------------- */
static VALUE cvar_base(VM *vm, VALUE klass) {
  (void)vm;
  while (klass && (RBASIC(klass)->flags & FL_SINGLETON)) {
    VALUE at = RCLASS(klass)->ext->attached;
    if (kn_is_type(at, T_CLASS) || kn_is_type(at, T_MODULE)) klass = at;
    else klass = RCLASS(klass)->super;
  }
  return klass;
}

static bool cvar_find(VM *vm, VALUE klass, ID name, VALUE *holder) {
  klass = cvar_base(vm, klass);
  for (VALUE c = klass; c; c = RCLASS(c)->super) {
    VALUE k = KN_BUILTIN_TYPE(c) == T_ICLASS ? RCLASS(c)->ext->module : c;
    ClassExt *e = RCLASS(k)->ext;
    if (e && e->cvars && kn_idtable_get(e->cvars, name, NULL)) { *holder = k; return true; }
  }
  return false;
}

VALUE kn_cvar_get(VM *vm, VALUE klass, ID name) {
  VALUE holder;
  if (!cvar_find(vm, klass, name, &holder)) {
    VALUE base = cvar_base(vm, klass);
    kn_name_error(vm, name, base, "uninitialized class variable %s in %s", kn_id_name(vm, name),
                  kn_str_cstr(vm, kn_class_name(vm, base)));
  }
  uintptr_t v;
  kn_idtable_get(RCLASS(holder)->ext->cvars, name, &v);
  return (VALUE)v;
}

void kn_cvar_set(VM *vm, VALUE klass, ID name, VALUE val) {
  VALUE holder;
  if (!cvar_find(vm, klass, name, &holder)) holder = cvar_base(vm, klass);
  if (KN_FROZEN_P(holder)) {   /* CRuby names the class by its singleton: "#<Class:C>: C" */
    VALUE n = kn_class_name(vm, holder);
    kn_raise_exc(vm, kn_exc_new(vm, vm->eFrozenError, "can't modify frozen #<Class:%V>: %V", n, n));
  }
  ClassExt *e = ext(holder);
  if (!e->cvars) e->cvars = kn_idtable_new();
  kn_idtable_set(e->cvars, name, val);
}

bool kn_cvar_defined(VM *vm, VALUE klass, ID name) {
  VALUE holder;
  return cvar_find(vm, klass, name, &holder);
}

/* ---- globals ---------------------------------------------------------------------------- */
static ID gvar_resolve(VM *vm, ID name) {
  uintptr_t to;
  for (int hops = 0; vm->gvar_aliases && hops < 16 && kn_idtable_get(vm->gvar_aliases, name, &to); hops++)
    name = (ID)to;
  return name;
}

void kn_gvar_alias(VM *vm, ID alias, ID original) {
  original = gvar_resolve(vm, original);
  if (alias == original) return;
  if (!vm->gvar_aliases) vm->gvar_aliases = kn_idtable_new();
  kn_idtable_set(vm->gvar_aliases, alias, (uintptr_t)original);
}

VALUE kn_gvar_get(VM *vm, ID name) {
  name = gvar_resolve(vm, name);
  const char *s = kn_id_name(vm, name);
  if (s[1] == '!' && !s[2]) return vm->errinfo && !kn_is_type(vm->errinfo, T_THROW) ? vm->errinfo : Qnil;
  if (s[1] == '~' && !s[2]) return vm->last_match ? vm->last_match : Qnil;
  if (s[1] == '*' && !s[2]) return kn_const_get(vm, vm->cObject, kn_intern(vm, "ARGV"));
  if (strcmp(s, "$LOADED_FEATURES") == 0 || strcmp(s, "$\"") == 0) return vm->loaded_features;
  if (strcmp(s, "$0") == 0 || strcmp(s, "$PROGRAM_NAME") == 0) return vm->script_name ? vm->script_name : Qnil;
  if (strcmp(s, "$@") == 0) {
    VALUE e = kn_gvar_get(vm, kn_intern(vm, "$!"));
    return NIL_P(e) ? Qnil : kn_funcall(vm, e, vm->id_backtrace, 0, NULL);
  }
  if (s[1] == '&' || s[1] == '`' || s[1] == '\'' || s[1] == '+') {
    if (!vm->last_match || NIL_P(vm->last_match)) return Qnil;
    const char *m = s[1] == '&' ? "to_s" : s[1] == '`' ? "pre_match" : s[1] == '\'' ? "post_match" : "__last_group";
    return kn_funcall(vm, vm->last_match, kn_intern(vm, m), 0, NULL);
  }
  uintptr_t v;
  if (kn_idtable_get(vm->globals, name, &v)) return (VALUE)v;
  return Qnil;
}

void kn_gvar_set(VM *vm, ID name, VALUE val) {
  name = gvar_resolve(vm, name);
  const char *s = kn_id_name(vm, name);
  if (strcmp(s, "$0") == 0 || strcmp(s, "$PROGRAM_NAME") == 0) { vm->script_name = val; return; }
  if (strcmp(s, "$~") == 0) { vm->last_match = val; return; }
  if (strcmp(s, "$!") == 0) { vm->errinfo = val; return; }
  if (strcmp(s, "$stdout") == 0 || strcmp(s, "$>") == 0) {
    if (!kn_respond_to(vm, val, kn_intern(vm, "write"), true))
      kn_raise(vm, vm->eTypeError, "%s must have write method, %s given", s, kn_obj_classname(vm, val));
    vm->stdout_obj = val;
    kn_idtable_set(vm->globals, kn_intern(vm, "$stdout"), val);
    kn_idtable_set(vm->globals, kn_intern(vm, "$>"), val);
    return;
  }
  if (strcmp(s, "$stderr") == 0) {
    if (!kn_respond_to(vm, val, kn_intern(vm, "write"), true))
      kn_raise(vm, vm->eTypeError, "%s must have write method, %s given", s, kn_obj_classname(vm, val));
    vm->stderr_obj = val;
  }
  kn_idtable_set(vm->globals, name, val);
}
