/* vmops.c -- the out-of-line parts of instructions: definitions (def, class, module),
 * constant lookup through the lexical scope (cref) chain, class variables, defined?,
 * splat conversions, and the core#... methods the compiler calls on the VM core object. */
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

VALUE kn_cref_new(VM *vm, VALUE klass, VALUE parent) {
  VALUE c = kn_obj_alloc(vm, T_CREF, 0);
  RCREF(c)->klass = klass;
  RCREF(c)->parent = parent;
  return c;
}

VALUE kn_vm_cref_class(VM *vm, VALUE cref) {
  return cref ? RCREF(cref)->klass : vm->cObject;
}

VALUE kn_vm_cbase(VM *vm, Frame *f) {
  if (f->deftarget) return f->deftarget;
  return kn_vm_cref_class(vm, f->cref);
}

VALUE kn_vm_special_object(VM *vm, Frame *f, int which) {
  switch (which) {
  case 1: return vm->vmcore;
  case 2: return kn_vm_cbase(vm, f);                     /* def/alias/undef target */
  case 3: return kn_vm_cref_class(vm, f->cref);          /* constants and class bodies: lexical */
  default: return Qnil;
  }
}

/* ---- constants ---------------------------------------------------------------------------- */
/* NameError "uninitialized constant [Scope::]X" whose receiver is the scope (0: Object,
 * which the message does not name) */
_Noreturn static void uninitialized_constant(VM *vm, VALUE scope, ID id) {
  if (!scope || scope == vm->cObject)
    kn_name_error(vm, id, vm->cObject, "uninitialized constant %s", kn_id_name(vm, id));
  VALUE n = kn_class_name(vm, scope);
  kn_name_error(vm, id, scope, "uninitialized constant %s::%s", kn_str_cstr(vm, n), kn_id_name(vm, id));
}

VALUE kn_vm_getconstant(VM *vm, Frame *f, VALUE scope, ID id, bool lexical) {
  VALUE v;
  if (lexical) {
    /* lexical scopes (innermost first, excluding the top-level Object), then ancestors */
    for (VALUE c = f->cref; c; c = RCREF(c)->parent) {
      VALUE k = RCREF(c)->klass;
      if (!RCREF(c)->parent) break;
      if (kn_const_lookup(vm, k, id, &v, false)) return v;
    }
    /* the ancestors of the innermost class: a singleton class's own (its extended modules,
     * the singleton classes of the superclasses), not those of the class it belongs to */
    VALUE k = kn_vm_cref_class(vm, f->cref);
    if (kn_const_lookup(vm, k, id, &v, true)) return v;
    if (kn_const_lookup(vm, vm->cObject, id, &v, true)) return v;
    VALUE args[1] = {ID2SYM(id)};
    VALUE cm = kn_vm_cref_class(vm, f->cref);
    if (kn_method_lookup(vm, kn_class_of(vm, cm), vm->id_const_missing)->type != ME_CFUNC)
      return kn_funcall(vm, cm, vm->id_const_missing, 1, args);
    uninitialized_constant(vm, cm == vm->cObject ? 0 : cm, id);
  }
  if (!kn_is_type(scope, T_CLASS) && !kn_is_type(scope, T_MODULE)) {
    VALUE s = kn_inspect(vm, scope);
    kn_raise(vm, vm->eTypeError, "%s is not a class/module", kn_str_cstr(vm, s));
  }
  if (kn_const_lookup_scoped(vm, scope, id, &v)) return v;
  if (scope == vm->cObject && kn_const_lookup(vm, vm->cObject, id, &v, true)) return v;
  VALUE args[1] = {ID2SYM(id)};
  if (kn_method_lookup(vm, kn_class_of(vm, scope), vm->id_const_missing)->type != ME_CFUNC)
    return kn_funcall(vm, scope, vm->id_const_missing, 1, args);
  uninitialized_constant(vm, scope, id);
}

void kn_vm_setconstant(VM *vm, Frame *f, VALUE scope, ID id, VALUE val) {
  (void)f;
  if (!kn_is_type(scope, T_CLASS) && !kn_is_type(scope, T_MODULE)) {
    VALUE s = kn_inspect(vm, scope);
    kn_raise(vm, vm->eTypeError, "%s is not a class/module", kn_str_cstr(vm, s));
  }
  kn_const_set(vm, scope, id, val);
}

/* ---- class variables ------------------------------------------------------------------------ */
static VALUE cvar_scope(VM *vm, Frame *f) {
  VALUE k = kn_vm_cref_class(vm, f->cref);
  if (k == vm->cObject && f->self != vm->top_self && !(f->flags & FRAME_TOP)) {
    /* a method defined at top level: class variables of Object */
  }
  return k;
}

VALUE kn_vm_getcvar(VM *vm, Frame *f, ID id) { return kn_cvar_get(vm, cvar_scope(vm, f), id); }
void kn_vm_setcvar(VM *vm, Frame *f, ID id, VALUE val) { kn_cvar_set(vm, cvar_scope(vm, f), id, val); }

/* ---- definitions ---------------------------------------------------------------------------- */
void kn_vm_define_method(VM *vm, Frame *f, VALUE target, ID id, const Iseq *iseq, bool singleton) {
  VALUE klass;
  Visibility vis = VIS_PUBLIC;
  if (singleton) {
    klass = kn_singleton_class(vm, target);
  } else {
    klass = kn_vm_cbase(vm, f);
    if (f->self == vm->top_self && klass == vm->cObject && !(f->flags & FRAME_CLASS)) vis = VIS_PRIVATE;
    /* the visibility scope: a class body, or a class_exec/module_eval block (deftarget) */
    Frame *vf = f;
    while ((vf->flags & FRAME_BLOCK) && !vf->deftarget && vf > vm->frames) vf--;
    if ((vf->flags & FRAME_CLASS) || vf->deftarget) vis = vf->defvis;
  }
  if (id == vm->id_initialize || id == vm->id_initialize_copy || id == vm->id_respond_to_missing) vis = VIS_PRIVATE;
  MethodEntry me = {0};
  me.type = ME_ISEQ;
  me.vis = vis == VIS_MODFUNC ? VIS_PRIVATE : vis;
  me.iseq = iseq;
  me.cref = f->cref;
  me.owner = klass;
  kn_add_method(vm, klass, id, &me);
  if (vis == VIS_MODFUNC) {
    me.vis = VIS_PUBLIC;
    kn_add_method(vm, kn_singleton_class(vm, klass), id, &me);
  }
  /* hooks */
  VALUE sym = ID2SYM(id);
  if (singleton) {
    if (kn_respond_to(vm, target, vm->id_singleton_method_added, true))
      kn_funcall(vm, target, vm->id_singleton_method_added, 1, &sym);
  } else if (!(RBASIC(klass)->flags & FL_SINGLETON)) {
    kn_funcall(vm, klass, vm->id_method_added, 1, &sym);
  } else {
    VALUE at = RCLASS(klass)->ext->attached;
    kn_funcall(vm, at, vm->id_singleton_method_added, 1, &sym);
  }
}

VALUE kn_vm_define_class(VM *vm, Frame *f, ID id, VALUE scope, VALUE super, int flags) {
  (void)f;
  if (flags & 1) return kn_singleton_class(vm, scope);  /* class << obj */
  if (!kn_is_type(scope, T_CLASS) && !kn_is_type(scope, T_MODULE)) {
    VALUE s = kn_inspect(vm, scope);
    kn_raise(vm, vm->eTypeError, "%s is not a class/module", kn_str_cstr(vm, s));
  }
  bool is_module = flags & 2;
  bool has_super = flags & 8;
  VALUE existing;
  bool found = kn_const_lookup(vm, scope, id, &existing, false);
  if (!found && scope == vm->cObject) found = false;
  if (found) {
    if (is_module) {
      if (!kn_is_type(existing, T_MODULE))
        kn_raise(vm, vm->eTypeError, "%s is not a module", kn_id_name(vm, id));
      return existing;
    }
    if (!kn_is_type(existing, T_CLASS))
      kn_raise(vm, vm->eTypeError, "%s is not a class", kn_id_name(vm, id));
    if (has_super && kn_class_super(vm, existing) != super)
      kn_raise(vm, vm->eTypeError, "superclass mismatch for class %s", kn_id_name(vm, id));
    return existing;
  }
  if (is_module) {
    VALUE m = kn_module_new(vm);
    kn_const_set(vm, scope, id, m);
    return m;
  }
  if (has_super) {
    if (!kn_is_type(super, T_CLASS)) {
      VALUE s = kn_inspect(vm, super);
      kn_raise(vm, vm->eTypeError, "superclass must be an instance of Class (given an instance of %s)",
               kn_obj_classname(vm, super));
      (void)s;
    }
    if (RBASIC(super)->flags & FL_SINGLETON) kn_raise(vm, vm->eTypeError, "can't make subclass of singleton class");
    if (super == vm->cClass) kn_raise(vm, vm->eTypeError, "can't make subclass of Class");
  } else {
    super = vm->cObject;
  }
  VALUE c = kn_class_new(vm, super);
  kn_const_set(vm, scope, id, c);
  kn_funcall(vm, super, vm->id_inherited, 1, &c);
  return c;
}

/* ---- defined? ------------------------------------------------------------------------------ */
VALUE kn_vm_defined(VM *vm, Frame *f, int kind, VALUE name, VALUE subject) {
  ID id = SYMBOL_P(name) ? SYM2ID(name) : 0;
  VALUE v;
  switch (kind) {
  case 1: return KN_BOOL(kn_ivar_defined(vm, f->self, id));
  case 2: {
    const char *s = kn_id_name(vm, id);
    if (strcmp(s, "$!") == 0 || strcmp(s, "$stdout") == 0 || strcmp(s, "$stderr") == 0 ||
        strcmp(s, "$0") == 0 || strcmp(s, "$~") == 0) return Qtrue;
    return KN_BOOL(kn_idtable_get(vm->globals, id, NULL));
  }
  case 3: return KN_BOOL(kn_cvar_defined(vm, kn_vm_cref_class(vm, f->cref), id));
  case 4: {
    for (VALUE c = f->cref; c; c = RCREF(c)->parent)
      if (kn_const_lookup(vm, RCREF(c)->klass, id, &v, false)) return Qtrue;
    if (kn_const_lookup(vm, kn_vm_cref_class(vm, f->cref), id, &v, true)) return Qtrue;
    return KN_BOOL(kn_const_lookup(vm, vm->cObject, id, &v, true));
  }
  case 9:
    if (!kn_is_type(subject, T_CLASS) && !kn_is_type(subject, T_MODULE)) return Qfalse;
    return KN_BOOL(kn_const_lookup(vm, subject, id, &v, true));
  case 5: {
    const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, subject), id);
    return KN_BOOL(me != NULL);
  }
  case 6: {
    const MethodEntry *me = kn_method_lookup(vm, kn_class_of(vm, subject), id);
    if (me && me->vis == VIS_PUBLIC) return Qtrue;
    if (me && me->vis == VIS_PROTECTED && kn_obj_is_kind_of(vm, f->self, me->owner)) return Qtrue;
    if (!me) {
      VALUE sym = ID2SYM(id);
      VALUE args[2] = {sym, Qfalse};
      if (kn_method_lookup(vm, kn_class_of(vm, subject), vm->id_respond_to_missing) &&
          RTEST(kn_funcall(vm, subject, vm->id_respond_to_missing, 2, args))) return Qtrue;
    }
    return Qfalse;
  }
  case 7: {
    Frame *mf = f;
    if (mf->flags & FRAME_BLOCK) {
      VALUE *root = mf->ep;
      while (kn_ep_parent(root)) root = kn_ep_parent(root);
      for (Frame *g = f; g >= vm->frames; g--) if (g->ep == root && !(g->flags & FRAME_BLOCK)) { mf = g; break; }
    }
    return KN_BOOL(!NIL_P(mf->blockh) && mf->blockh != 0);
  }
  case 8: {
    const MethodEntry *me = f->me;
    if (!me) return Qfalse;
    VALUE klass = kn_class_of(vm, f->self);
    VALUE c = klass;
    while (c && c != me->owner && !(kn_is_type(c, T_ICLASS) && RCLASS(c)->ext->module == me->owner)) c = RCLASS(c)->super;
    if (!c) return Qfalse;
    return KN_BOOL(kn_method_lookup(vm, RCLASS(c)->super, f->mid ? f->mid : me->name) != NULL);
  }
  }
  return Qfalse;
}

/* ---- conversions ------------------------------------------------------------------------------ */
VALUE kn_vm_splat(VM *vm, VALUE v, bool dup) {
  if (kn_is_type(v, T_ARRAY)) return dup ? kn_ary_dup(vm, v) : v;
  if (NIL_P(v)) return kn_ary_new(vm);
  if (kn_respond_to(vm, v, vm->id_to_a, true)) {
    VALUE a = kn_funcall(vm, v, vm->id_to_a, 0, NULL);
    if (NIL_P(a)) return kn_ary_new_values(vm, 1, v);
    if (!kn_is_type(a, T_ARRAY))
      kn_raise(vm, vm->eTypeError, "can't convert %s to Array (%s#to_a gives %s)", kn_obj_classname(vm, v),
               kn_obj_classname(vm, v), kn_obj_classname(vm, a));
    return a;
  }
  return kn_ary_new_values(vm, 1, v);
}

VALUE kn_vm_expandarray_value(VM *vm, VALUE v) {
  if (kn_is_type(v, T_ARRAY)) return v;
  VALUE a = kn_check_array(vm, v);
  if (NIL_P(a)) return kn_ary_new_values(vm, 1, v);
  return a;
}

VALUE kn_vm_getspecial(VM *vm, long n) {
  VALUE m = vm->last_match;
  if (!m || NIL_P(m)) return Qnil;
  if (n == 0) return m;
  VALUE idx = INT2FIX(n);
  return kn_funcall(vm, m, vm->id_aref, 1, &idx);
}

VALUE kn_vm_toregexp(VM *vm, VALUE str, int opts) {
  VALUE re_class;
  if (!kn_const_lookup(vm, vm->cObject, kn_intern(vm, "Regexp"), &re_class, false))
    kn_raise(vm, vm->eNotImplementedError, "Regexp is not supported yet");
  VALUE args[2] = {str, INT2FIX(opts)};
  return kn_funcall(vm, re_class, vm->id_new, 2, args);
}

/* ---- core#... methods --------------------------------------------------------------------- */
static VALUE core_set_method_alias(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)blk;
  VALUE klass = argv[0];
  VALUE ne = argv[1], old = argv[2];
  kn_alias_method(vm, klass, SYM2ID(ne), SYM2ID(old));
  kn_method_hook(vm, klass, SYM2ID(ne), "added");
  return Qnil;
}

static VALUE core_set_variable_alias(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)blk;
  kn_gvar_alias(vm, SYM2ID(argv[0]), SYM2ID(argv[1]));
  return Qnil;
}

static VALUE core_undef_method(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)blk;
  kn_undef_method(vm, argv[0], SYM2ID(argv[1]));
  kn_method_hook(vm, argv[0], SYM2ID(argv[1]), "undefined");
  return Qnil;
}

static VALUE core_hash_merge_kwd(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)blk;
  VALUE h = argv[0], other = argv[1];
  if (NIL_P(other)) return h;
  if (!kn_is_type(other, T_HASH)) {
    VALUE c = kn_check_convert(vm, other, T_HASH, vm->id_to_hash);
    if (NIL_P(c)) kn_raise(vm, vm->eTypeError, "no implicit conversion of %s into Hash", kn_obj_classname(vm, other));
    other = c;
  }
  VALUE keys = kn_hash_keys(vm, other);
  for (long i = 0; i < RARRAY_LEN(keys); i++)
    kn_hash_aset(vm, h, RARRAY_PTR(keys)[i], kn_hash_aref(vm, other, RARRAY_PTR(keys)[i]));
  return h;
}

static VALUE core_lambda(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)argv;
  if (!KN_BH_IS_BLOCK(blk)) return blk;
  return kn_proc_from_block(vm, KN_BH_BLOCK(blk), true);
}

static VALUE core_any_truthy(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)blk;
  VALUE a = kn_vm_splat(vm, argv[0], false);
  for (long i = 0; i < RARRAY_LEN(a); i++) if (RTEST(RARRAY_PTR(a)[i])) return Qtrue;
  return Qfalse;
}

static VALUE core_current_block(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)argv; (void)blk;
  Frame *f = kn_vm_caller_frame(vm);
  return kn_block_proc(vm, f->blockh);
}

void kn_vm_init_core(VM *vm) {
  VALUE core = kn_obj_alloc(vm, T_OBJECT, vm->cObject);
  vm->vmcore = core;
  kn_define_singleton_method(vm, core, "core#set_method_alias", core_set_method_alias, 3, 3);
  kn_define_singleton_method(vm, core, "core#set_variable_alias", core_set_variable_alias, 2, 2);
  kn_define_singleton_method(vm, core, "core#undef_method", core_undef_method, 2, 2);
  kn_define_singleton_method(vm, core, "core#hash_merge_kwd", core_hash_merge_kwd, 2, 2);
  kn_define_singleton_method(vm, core, "lambda", core_lambda, 0, 0);
  kn_define_singleton_method(vm, core, "core#any_truthy", core_any_truthy, 1, 1);
  kn_define_singleton_method(vm, core, "core#current_block", core_current_block, 0, 0);
}
