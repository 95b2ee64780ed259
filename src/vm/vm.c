/* vm.c -- creating and destroying a VM: stacks, the class hierarchy bootstrap, the core
 * library initialisation order, and the iseq registry (GC marking, line numbers,
 * --dump=insns disassembly in CRuby's layout). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "vm_internal.h"

const char *const kn_insn_names[BIN__COUNT] = {
#define INSN(name, ops, pop, push, doc) #name,
#include "../compile/insns.def"
#undef INSN
};
const char *const kn_insn_operands[BIN__COUNT] = {
#define INSN(name, ops, pop, push, doc) ops,
#include "../compile/insns.def"
#undef INSN
};

/* ---- iseq registry ---------------------------------------------------------------------- */
typedef struct IseqRegistry { Iseq **list; long n, capa; } IseqRegistry;

void kn_iseq_register(VM *vm, Iseq *iseq) {
  if (!vm->iseqs) vm->iseqs = kn_xcalloc(1, sizeof(IseqRegistry));
  IseqRegistry *r = vm->iseqs;
  if (r->n == r->capa) {
    r->capa = r->capa ? r->capa * 2 : 256;
    r->list = kn_xrealloc(r->list, sizeof(Iseq *) * r->capa);
  }
  r->list[r->n++] = iseq;
}

void kn_iseq_add_lit(VM *vm, Iseq *iseq, VALUE v) {
  (void)vm;
  if (iseq->nlits == iseq->lits_capa) {
    iseq->lits_capa = iseq->lits_capa ? iseq->lits_capa * 2 : 8;
    iseq->lits = kn_xrealloc(iseq->lits, sizeof(VALUE) * iseq->lits_capa);
  }
  iseq->lits[iseq->nlits++] = v;
}

void kn_iseq_mark_all(VM *vm) {
  IseqRegistry *r = vm->iseqs;
  if (!r) return;
  for (long i = 0; i < r->n; i++) {
    Iseq *is = r->list[i];
    for (int k = 0; k < is->nlits; k++) kn_gc_mark(vm, is->lits[k]);
    /* inline caches hold classes and constant values */
    for (int pc = 0; pc < is->code_len;) {
      int op = (int)is->code[pc];
      const char *ops = kn_insn_operands[op];
      for (int k = 0; ops[k]; k++) {
        VALUE w = is->code[pc + 1 + k];
        if (ops[k] == 'V') kn_gc_mark(vm, w);
        else if (ops[k] == 'C' && w) kn_gc_mark(vm, ((CallInfo *)w)->cache_klass);
        else if (ops[k] == 'H' && w) {
          if (op == BIN_getconstant) { kn_gc_mark(vm, ((ConstCache *)w)->value); kn_gc_mark(vm, ((ConstCache *)w)->cref); }
          else kn_gc_mark(vm, ((IvarCache *)w)->klass);
        }
      }
      pc += kn_insn_len(op);
    }
  }
}

int kn_iseq_line(const Iseq *iseq, const VALUE *pc) {
  long pos = pc - iseq->code - 1;
  if (pos < 0) pos = 0;
  if (pos >= iseq->code_len) pos = iseq->code_len - 1;
  if (pos < 0) return iseq->first_line;
  return iseq->line_of[pos];
}

/* ---- disassembler ----------------------------------------------------------------------- */
static void disasm_one(VM *vm, const Iseq *is, FILE *out, const Iseq **children, int *nchildren) {
  fprintf(out, "== disasm: #<ISeq:%s@%s:%d>", is->name, is->file, is->first_line);
  fprintf(out, " (catch: %s)\n", is->catch_len ? "TRUE" : "FALSE");
  for (int i = 0; i < is->catch_len; i++) {
    static const char *const kinds[] = {"rescue", "ensure", "break", "next", "redo"};
    const CatchEntry *e = &is->catch_table[i];
    fprintf(out, "| catch type: %-6s st: %04d ed: %04d sp: %04d cont: %04d\n", kinds[e->type], e->start,
            e->end, e->sp, e->cont);
  }
  if (is->local_size > 0) {
    const IseqParams *p = &is->param;
    fprintf(out, "local table (size: %d, argc: %d [opts: %d, rest: %d, post: %d, block: %d, kw: %d@%d, kwrest: %d])\n",
            is->local_size, p->lead_num, p->opt_num, p->rest_start, p->post_num, p->block_start,
            p->kw_num, p->kw_required, p->kwrest_start);
    for (int i = 0; i < is->local_size; i++) {
      const char *n = is->locals[i] ? kn_id_name(vm, is->locals[i]) : "?";
      const char *tag = "";
      if (i < p->lead_num) tag = "<Arg>";
      else if (i < p->lead_num + p->opt_num) tag = "<Opt>";
      else if (i == p->rest_start) tag = "<Rest>";
      else if (i == p->block_start) tag = "<Block>";
      fprintf(out, "[%2d] %s@%d%s%s", is->local_size - i, n, i, tag, (i + 1) % 5 == 0 ? "\n" : "    ");
    }
    fprintf(out, "\n");
  }
  int last_line = -1;
  for (int pc = 0; pc < is->code_len;) {
    int op = (int)is->code[pc];
    char buf[256];
    volatile int n = snprintf(buf, sizeof buf, "%04d %-38s ", pc, kn_insn_names[op]);
    const char *ops = kn_insn_operands[op];
    for (volatile int k = 0; ops[k] && n < (int)sizeof buf - 40; k++) {
      VALUE w = is->code[pc + 1 + k];
      switch (ops[k]) {
      case 'V': {
        VALUE s = Qnil;
        KN_TRY(vm) { s = kn_inspect(vm, w); } KN_CATCH(vm) { s = kn_str_new_cstr(vm, "?"); } KN_END(vm);
        n += snprintf(buf + n, sizeof buf - n, "%s%.60s", k ? ", " : "", kn_str_cstr(vm, s));
        break;
      }
      case 'N': n += snprintf(buf + n, sizeof buf - n, "%s%ld", k ? ", " : "", (long)w); break;
      case 'I': n += snprintf(buf + n, sizeof buf - n, "%s:%s", k ? ", " : "", kn_id_name(vm, (ID)w)); break;
      case 'O': n += snprintf(buf + n, sizeof buf - n, "%s%ld", k ? ", " : "", (long)(pc + kn_insn_len(op) + (long)w)); break;
      case 'C': {
        CallInfo *ci = (CallInfo *)w;
        char flags[128] = "";
        if (ci->flag & CI_FCALL) strcat(flags, "FCALL|");
        if (ci->flag & CI_VCALL) strcat(flags, "VCALL|");
        if (ci->flag & CI_ARGS_SPLAT) strcat(flags, "ARGS_SPLAT|");
        if (ci->flag & CI_ARGS_BLOCKARG) strcat(flags, "ARGS_BLOCKARG|");
        if (ci->flag & CI_KW_SPLAT) strcat(flags, "KW_SPLAT|");
        if (!(ci->flag & (CI_ARGS_SPLAT | CI_ARGS_BLOCKARG | CI_KW_SPLAT))) strcat(flags, "ARGS_SIMPLE|");
        flags[strlen(flags) - 1] = 0;
        n += snprintf(buf + n, sizeof buf - n, "%s<calldata!mid:%s, argc:%d, %s>", k ? ", " : "",
                      ci->mid ? kn_id_name(vm, ci->mid) : "", ci->argc, flags);
        break;
      }
      case 'S': {
        const Iseq *c = (const Iseq *)w;
        if (c) {
          n += snprintf(buf + n, sizeof buf - n, "%sblock in %s", k ? ", " : "", c->name);
          children[(*nchildren)++] = c;
        } else {
          n += snprintf(buf + n, sizeof buf - n, "%snil", k ? ", " : "");
        }
        break;
      }
      case 'H': n += snprintf(buf + n, sizeof buf - n, "%s<is:%d>", k ? ", " : "", pc); break;
      }
    }
    int line = is->line_of[pc];
    if (line != last_line) {
      fprintf(out, "%-70s(%4d)\n", buf, line);
      last_line = line;
    } else {
      fprintf(out, "%s\n", buf);
    }
    if (op == BIN_definemethod || op == BIN_definesmethod || op == BIN_defineclass) {
      const Iseq *c = (const Iseq *)is->code[pc + 2];
      if (c) children[(*nchildren)++] = c;
    }
    pc += kn_insn_len(op);
  }
}

void kn_iseq_disasm(VM *vm, const Iseq *iseq, FILE *out) {
  const Iseq *children[1024];
  int n = 0;
  disasm_one(vm, iseq, out, children, &n);
  for (int i = 0; i < n; i++) {
    fprintf(out, "\n");
    kn_iseq_disasm(vm, children[i], out);
  }
}

/* ---- bootstrap ------------------------------------------------------------------------------ */
static bool core_ready_flag;
bool kn_vm_core_ready(VM *vm) { (void)vm; return core_ready_flag; }

/* main.include(*modules): includes into Object */
static VALUE main_include(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  for (int i = argc - 1; i >= 0; i--) kn_include_module(vm, vm->cObject, argv[i]);
  return vm->cObject;
}

/* main.to_s / main.inspect */
static VALUE main_to_s(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)argv; (void)blk;
  return kn_str_new_cstr(vm, "main");
}

static VALUE boot_class(VM *vm, VALUE super) {
  VALUE c = kn_obj_alloc(vm, T_CLASS, 0);
  RCLASS(c)->super = super;
  RCLASS(c)->m_tbl = kn_idtable_new();
  RCLASS(c)->ext = kn_xcalloc(1, sizeof(ClassExt));
  RCLASS(c)->ext->instance_type = T_OBJECT;
  return c;
}

static void init_ids(VM *vm) {
#define I(f, s) vm->f = kn_intern(vm, s)
  I(id_initialize, "initialize"); I(id_to_s, "to_s"); I(id_inspect, "inspect"); I(id_each, "each");
  I(id_cmp, "<=>"); I(id_eq, "=="); I(id_eqq, "==="); I(id_eql, "eql?"); I(id_hash, "hash");
  I(id_call, "call"); I(id_method_missing, "method_missing"); I(id_respond_to, "respond_to?");
  I(id_respond_to_missing, "respond_to_missing?"); I(id_coerce, "coerce"); I(id_to_str, "to_str");
  I(id_to_ary, "to_ary"); I(id_to_a, "to_a"); I(id_to_proc, "to_proc"); I(id_to_i, "to_i");
  I(id_to_int, "to_int"); I(id_to_f, "to_f"); I(id_to_sym, "to_sym"); I(id_to_hash, "to_hash");
  I(id_plus, "+"); I(id_minus, "-"); I(id_mult, "*"); I(id_div, "/"); I(id_mod, "%"); I(id_lt, "<");
  I(id_le, "<="); I(id_gt, ">"); I(id_ge, ">="); I(id_ltlt, "<<"); I(id_aref, "[]"); I(id_aset, "[]=");
  I(id_length, "length"); I(id_size, "size"); I(id_succ, "succ"); I(id_not, "!"); I(id_neq, "!=");
  I(id_message, "message"); I(id_backtrace, "backtrace"); I(id_new, "new"); I(id_allocate, "allocate");
  I(id_method_added, "method_added"); I(id_singleton_method_added, "singleton_method_added");
  I(id_inherited, "inherited"); I(id_included, "included"); I(id_extended, "extended");
  I(id_prepended, "prepended"); I(id_const_missing, "const_missing"); I(id_exception, "exception");
  I(id_mesg, "__mesg"); I(id_bt, "__bt"); I(id_pow, "**"); I(id_and, "&"); I(id_or, "|"); I(id_xor, "^");
  I(id_uminus, "-@"); I(id_uplus, "+@"); I(id_match, "=~"); I(id_nil_p, "nil?"); I(id_empty_p, "empty?");
  I(id_to_enum, "to_enum"); I(id_each_pair, "each_pair"); I(id_initialize_copy, "initialize_copy");
  I(id_dup, "dup"); I(id_clone, "clone"); I(id_name, "name"); I(id_hash_kw, "hash"); I(id_freeze, "freeze");
  I(id_equal_p, "equal?"); I(id_downto, "downto"); I(id_upto, "upto"); I(id_times, "times");
  I(id_step, "step"); I(id_key, "key"); I(id_receiver, "receiver"); I(id_status, "status"); I(id_cause, "cause");
#undef I
}

__attribute__((weak)) void kn_init_regexp(VM *vm);  /* src/core/regexp.c (optional) */
__attribute__((weak)) void kn_init_struct(VM *vm);  /* src/core/struct.c (optional) */

VM *kn_vm_new(void) {
  VM *vm = kn_xcalloc(1, sizeof(VM));
  char stack_here;
  vm->cstack_base = &stack_here;   /* callers hold no VALUEs during bootstrap */
  vm->cstack_limit = NULL;
  vm->opts.jit_max_tier = 0;
  vm->stack = kn_xcalloc(KN_VM_STACK_SIZE, sizeof(VALUE));
  vm->stack_end = vm->stack + KN_VM_STACK_SIZE;
  vm->globals = kn_idtable_new();
  init_ids(vm);
  /* the four root classes, then their metaclasses */
  vm->cBasicObject = boot_class(vm, 0);
  vm->cObject = boot_class(vm, vm->cBasicObject);
  vm->cModule = boot_class(vm, vm->cObject);
  vm->cClass = boot_class(vm, vm->cModule);
  RBASIC(vm->cBasicObject)->klass = vm->cClass;
  RBASIC(vm->cObject)->klass = vm->cClass;
  RBASIC(vm->cModule)->klass = vm->cClass;
  RBASIC(vm->cClass)->klass = vm->cClass;
  VALUE roots[4] = {vm->cBasicObject, vm->cObject, vm->cModule, vm->cClass};
  const char *names[4] = {"BasicObject", "Object", "Module", "Class"};
  for (int i = 0; i < 4; i++) (void)kn_singleton_class(vm, roots[i]);
  for (int i = 0; i < 4; i++) kn_define_const(vm, vm->cObject, names[i], roots[i]);
  /* frames exist from here on: GC may run */
  vm->frames = kn_xcalloc(KN_VM_FRAMES, sizeof(Frame));
  vm->frames_end = vm->frames + KN_VM_FRAMES;
  vm->cfp = vm->frames;
  vm->cfp->sp = vm->cfp->bp = vm->stack;
  vm->cfp->self = Qnil;
  vm->cfp->blockh = Qnil;
  vm->cKernel = kn_define_module(vm, "Kernel");
  kn_include_module(vm, vm->cObject, vm->cKernel);
  vm->cComparable = kn_define_module(vm, "Comparable");
  vm->cEnumerable = kn_define_module(vm, "Enumerable");
  vm->cNumeric = kn_define_class(vm, "Numeric", vm->cObject);
  kn_include_module(vm, vm->cNumeric, vm->cComparable);
  vm->cInteger = kn_define_class(vm, "Integer", vm->cNumeric);
  vm->cFloat = kn_define_class(vm, "Float", vm->cNumeric);
  vm->cRational = kn_define_class(vm, "Rational", vm->cNumeric);
  vm->cComplex = kn_define_class(vm, "Complex", vm->cNumeric);
  vm->cString = kn_define_class(vm, "String", vm->cObject);
  kn_include_module(vm, vm->cString, vm->cComparable);
  kn_set_allocator(vm, vm->cString, T_STRING, NULL);
  vm->cSymbol = kn_define_class(vm, "Symbol", vm->cObject);
  kn_include_module(vm, vm->cSymbol, vm->cComparable);
  vm->cArray = kn_define_class(vm, "Array", vm->cObject);
  kn_include_module(vm, vm->cArray, vm->cEnumerable);
  kn_set_allocator(vm, vm->cArray, T_ARRAY, NULL);
  vm->cHash = kn_define_class(vm, "Hash", vm->cObject);
  kn_include_module(vm, vm->cHash, vm->cEnumerable);
  kn_set_allocator(vm, vm->cHash, T_HASH, NULL);
  vm->cRange = kn_define_class(vm, "Range", vm->cObject);
  kn_include_module(vm, vm->cRange, vm->cEnumerable);
  kn_set_allocator(vm, vm->cRange, T_RANGE, NULL);
  vm->cProc = kn_define_class(vm, "Proc", vm->cObject);
  vm->cMethod = kn_define_class(vm, "Method", vm->cObject);
  vm->cUnboundMethod = kn_define_class(vm, "UnboundMethod", vm->cObject);
  vm->cNilClass = kn_define_class(vm, "NilClass", vm->cObject);
  vm->cTrueClass = kn_define_class(vm, "TrueClass", vm->cObject);
  vm->cFalseClass = kn_define_class(vm, "FalseClass", vm->cObject);
  vm->cMath = kn_define_module(vm, "Math");
  vm->cProcess = kn_define_module(vm, "Process");
  vm->cIO = kn_define_class(vm, "IO", vm->cObject);
  kn_include_module(vm, vm->cIO, vm->cEnumerable);
  vm->cFile = kn_define_class(vm, "File", vm->cIO);
  vm->cEnumerator = kn_define_class(vm, "Enumerator", vm->cObject);
  kn_include_module(vm, vm->cEnumerator, vm->cEnumerable);
  vm->cTime = kn_define_class(vm, "Time", vm->cObject);
  kn_include_module(vm, vm->cTime, vm->cComparable);
  vm->cRandom = kn_define_class(vm, "Random", vm->cObject);
  vm->cBinding = kn_define_class(vm, "Binding", vm->cObject);
  vm->cData = 0;
  vm->top_self = kn_obj_alloc(vm, T_OBJECT, vm->cObject);
  kn_define_singleton_method(vm, vm->top_self, "to_s", main_to_s, 0, 0);
  kn_define_singleton_method(vm, vm->top_self, "inspect", main_to_s, 0, 0);
  kn_define_singleton_method(vm, vm->top_self, "include", main_include, 1, -1);
  vm->top_cref = kn_cref_new(vm, vm->cObject, 0);
  vm->cfp->self = vm->top_self;
  vm->cfp->cref = vm->top_cref;
  kn_vm_init_core(vm);
  kn_init_exception(vm);
  kn_init_vm_object(vm);
  kn_init_vm_proc(vm);
  kn_init_vm_kernel(vm);
  kn_init_vm_enumerator(vm);
  kn_init_comparable(vm);
  kn_init_numeric(vm);
  kn_init_rational(vm);
  kn_init_math(vm);
  kn_init_string(vm);
  kn_init_array(vm);
  kn_init_hash(vm);
  kn_init_range(vm);
  kn_init_enumerable(vm);
  kn_init_io(vm);
  kn_init_sprintf(vm);
  if (kn_init_regexp) kn_init_regexp(vm);
  if (kn_init_struct) kn_init_struct(vm);
  vm->loaded_features = kn_ary_new(vm);
  vm->at_exit_procs = kn_ary_new(vm);
  vm->sysstack_error = Qnil;
  uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
  for (int i = 0; i < 4; i++) { seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; vm->rand_state[i] = seed; }
  core_ready_flag = true;
  return vm;
}
