/* enumerator.c -- Object#to_enum / enum_for and Enumerator: an object remembering a
 * receiver, a method and its arguments. Internal iteration calls the method with the
 * block; external iteration (next/peek) materialises the sequence on first use (no
 * fibers yet, so an infinite generator cannot be iterated externally). Enumerator.new
 * with a Yielder runs the generator block with a yielder whose << yields. */
#include <stdlib.h>
#include <string.h>
#include "vm_internal.h"

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED (void)vm; (void)self; (void)argc; (void)argv; (void)blk

static ID iv(VM *vm, const char *n) { return kn_intern(vm, n); }

static VALUE enum_new(VM *vm, VALUE recv, VALUE meth, int argc, const VALUE *argv) {
  VALUE e = kn_obj_alloc(vm, T_OBJECT, vm->cEnumerator);
  kn_ivar_set(vm, e, iv(vm, "__recv"), recv);
  kn_ivar_set(vm, e, iv(vm, "__meth"), meth);
  kn_ivar_set(vm, e, iv(vm, "__args"), kn_ary_new_from(vm, argc, argv));
  return e;
}

static VALUE obj_to_enum(ARGS) {
  UNUSED;
  VALUE meth = argc > 0 ? argv[0] : kn_sym(vm, "each");
  return enum_new(vm, self, meth, argc > 0 ? argc - 1 : 0, argv + 1);
}

static VALUE enum_each(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return self;
  VALUE gen = kn_ivar_get(vm, self, iv(vm, "__gen"));
  if (!NIL_P(gen)) {
    VALUE y = kn_obj_alloc(vm, T_OBJECT, kn_const_get(vm, vm->cEnumerator, kn_intern(vm, "Yielder")));
    kn_ivar_set(vm, y, iv(vm, "__blk"), kn_block_proc(vm, blk));
    return kn_proc_call(vm, gen, 1, &y, Qnil);
  }
  VALUE recv = kn_ivar_get(vm, self, iv(vm, "__recv"));
  VALUE meth = kn_ivar_get(vm, self, iv(vm, "__meth"));
  VALUE args = kn_ivar_get(vm, self, iv(vm, "__args"));
  return kn_funcall_block(vm, recv, SYM2ID(meth), (int)RARRAY_LEN(args), RARRAY_PTR(args), blk);
}

static VALUE collect_step(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE buf = kn_cfunc_proc_data(vm);
  kn_ary_push(vm, buf, argc == 1 ? argv[0] : kn_ary_new_from(vm, argc, argv));
  return Qnil;
}

static VALUE buffer(VM *vm, VALUE self) {
  VALUE buf = kn_ivar_get(vm, self, iv(vm, "__buf"));
  if (NIL_P(buf)) {
    buf = kn_ary_new(vm);
    kn_ivar_set(vm, self, iv(vm, "__buf"), buf);
    kn_ivar_set(vm, self, iv(vm, "__pos"), INT2FIX(0));
    VALUE p = kn_proc_new_cfunc(vm, collect_step, buf, false);
    VALUE r = enum_each(vm, self, 0, NULL, p);
    kn_ivar_set(vm, self, iv(vm, "__result"), r);
  }
  return buf;
}

static VALUE enum_next(ARGS) {
  UNUSED;
  VALUE buf = buffer(vm, self);
  long pos = FIX2LONG(kn_ivar_get(vm, self, iv(vm, "__pos")));
  if (pos >= RARRAY_LEN(buf)) {
    VALUE e = kn_exc_new(vm, vm->eStopIteration, "iteration reached an end");
    kn_ivar_set(vm, e, iv(vm, "__result"), kn_ivar_get(vm, self, iv(vm, "__result")));
    kn_raise_exc(vm, e);
  }
  kn_ivar_set(vm, self, iv(vm, "__pos"), INT2FIX(pos + 1));
  return RARRAY_PTR(buf)[pos];
}

static VALUE enum_peek(ARGS) {
  UNUSED;
  VALUE buf = buffer(vm, self);
  long pos = FIX2LONG(kn_ivar_get(vm, self, iv(vm, "__pos")));
  if (pos >= RARRAY_LEN(buf)) kn_raise(vm, vm->eStopIteration, "iteration reached an end");
  return RARRAY_PTR(buf)[pos];
}

static VALUE enum_rewind(ARGS) {
  UNUSED;
  kn_ivar_set(vm, self, iv(vm, "__pos"), INT2FIX(0));
  return self;
}

static VALUE enum_size(ARGS) {
  UNUSED;
  VALUE gen = kn_ivar_get(vm, self, iv(vm, "__gen"));
  if (!NIL_P(gen)) return Qnil;
  VALUE recv = kn_ivar_get(vm, self, iv(vm, "__recv"));
  VALUE meth = kn_ivar_get(vm, self, iv(vm, "__meth"));
  const char *m = kn_id_name(vm, SYM2ID(meth));
  if (strcmp(m, "loop") == 0) return kn_float_new(vm, 1.0 / 0.0);
  if (kn_respond_to(vm, recv, vm->id_size, false) && (strcmp(m, "each") == 0 || strcmp(m, "map") == 0 ||
      strcmp(m, "each_with_index") == 0 || strcmp(m, "collect") == 0 || strcmp(m, "select") == 0 ||
      strcmp(m, "filter") == 0 || strcmp(m, "reject") == 0 || strcmp(m, "each_char") == 0 ||
      strcmp(m, "times") == 0 || strcmp(m, "each_value") == 0 || strcmp(m, "each_key") == 0 ||
      strcmp(m, "flat_map") == 0 || strcmp(m, "each_with_object") == 0 || strcmp(m, "map!") == 0))
    return kn_funcall(vm, recv, vm->id_size, 0, NULL);
  if (strcmp(m, "times") == 0) return recv;
  return Qnil;
}

static VALUE with_index_step(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE data = kn_cfunc_proc_data(vm);  /* [block, counter] */
  VALUE v = argc == 1 ? argv[0] : kn_ary_new_from(vm, argc, argv);
  long i = FIX2LONG(RARRAY_PTR(data)[1]);
  RARRAY_PTR(data)[1] = INT2FIX(i + 1);
  VALUE args[2] = {v, INT2FIX(i)};
  return kn_proc_call(vm, RARRAY_PTR(data)[0], 2, args, Qnil);
}

static VALUE enum_with_index(ARGS) {
  UNUSED;
  long off = argc > 0 && !NIL_P(argv[0]) ? kn_num2long(vm, argv[0]) : 0;
  if (NIL_P(blk)) return enum_new(vm, self, kn_sym(vm, "with_index"), argc, argv);
  VALUE data = kn_ary_new_values(vm, 2, kn_block_proc(vm, blk), INT2FIX(off));
  VALUE p = kn_proc_new_cfunc(vm, with_index_step, data, false);
  return enum_each(vm, self, 0, NULL, p);
}

static VALUE with_object_step(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE data = kn_cfunc_proc_data(vm);  /* [block, memo] */
  VALUE v = argc == 1 ? argv[0] : kn_ary_new_from(vm, argc, argv);
  VALUE args[2] = {v, RARRAY_PTR(data)[1]};
  return kn_proc_call(vm, RARRAY_PTR(data)[0], 2, args, Qnil);
}

static VALUE enum_with_object(ARGS) {
  UNUSED;
  if (NIL_P(blk)) return enum_new(vm, self, kn_sym(vm, "with_object"), argc, argv);
  VALUE data = kn_ary_new_values(vm, 2, kn_block_proc(vm, blk), argv[0]);
  enum_each(vm, self, 0, NULL, kn_proc_new_cfunc(vm, with_object_step, data, false));
  return argv[0];
}

static VALUE enum_inspect(ARGS) {
  UNUSED;
  VALUE gen = kn_ivar_get(vm, self, iv(vm, "__gen"));
  if (!NIL_P(gen)) return kn_str_printf(vm, "#<Enumerator: #<Enumerator::Generator:0x%016lx>:each>", (unsigned long)gen);
  VALUE recv = kn_ivar_get(vm, self, iv(vm, "__recv"));
  VALUE meth = kn_ivar_get(vm, self, iv(vm, "__meth"));
  VALUE args = kn_ivar_get(vm, self, iv(vm, "__args"));
  VALUE s = kn_str_printf(vm, "#<Enumerator: %S:%s", recv, kn_id_name(vm, SYM2ID(meth)));
  if (RARRAY_LEN(args) > 0) {
    kn_str_cat_cstr(vm, s, "(");
    for (long i = 0; i < RARRAY_LEN(args); i++) {
      if (i) kn_str_cat_cstr(vm, s, ", ");
      kn_str_append(vm, s, kn_inspect(vm, RARRAY_PTR(args)[i]));
    }
    kn_str_cat_cstr(vm, s, ")");
  }
  kn_str_cat_cstr(vm, s, ">");
  return s;
}

static VALUE enum_s_new(ARGS) {
  UNUSED;
  if (NIL_P(blk)) kn_raise(vm, vm->eArgumentError, "no block given");
  VALUE e = kn_obj_alloc(vm, T_OBJECT, self);
  kn_ivar_set(vm, e, iv(vm, "__gen"), kn_block_proc(vm, blk));
  return e;
}

static VALUE yielder_yield(ARGS) {
  UNUSED;
  VALUE b = kn_ivar_get(vm, self, iv(vm, "__blk"));
  return kn_proc_call(vm, b, argc, argv, Qnil);
}
static VALUE yielder_push(ARGS) {
  UNUSED;
  VALUE b = kn_ivar_get(vm, self, iv(vm, "__blk"));
  kn_proc_call(vm, b, 1, argv, Qnil);
  return self;
}

void kn_init_vm_enumerator(VM *vm) {
  VALUE E = vm->cEnumerator;
  kn_define_method(vm, vm->cKernel, "to_enum", obj_to_enum, 0, -1);
  kn_define_method(vm, vm->cKernel, "enum_for", obj_to_enum, 0, -1);
  kn_define_singleton_method(vm, E, "new", enum_s_new, 0, 1);
  kn_define_method(vm, E, "each", enum_each, 0, -1);
  kn_define_method(vm, E, "next", enum_next, 0, 0);
  kn_define_method(vm, E, "peek", enum_peek, 0, 0);
  kn_define_method(vm, E, "rewind", enum_rewind, 0, 0);
  kn_define_method(vm, E, "size", enum_size, 0, 0);
  kn_define_method(vm, E, "with_index", enum_with_index, 0, 1);
  kn_define_method(vm, E, "each_with_index", enum_with_index, 0, 0);
  kn_define_method(vm, E, "with_object", enum_with_object, 1, 1);
  kn_define_method(vm, E, "inspect", enum_inspect, 0, 0);
  kn_define_method(vm, E, "to_s", enum_inspect, 0, 0);
  VALUE Y = kn_define_class_under(vm, E, "Yielder", vm->cObject);
  kn_define_method(vm, Y, "yield", yielder_yield, 0, -1);
  kn_define_method(vm, Y, "call", yielder_yield, 0, -1);
  kn_define_method(vm, Y, "<<", yielder_push, 1, 1);
}
