/* vm.h -- the VM's internal API: state, frames, and the functions the core library,
 * the compiler and the JIT call. Only include/kiln.h is public; this header is shared by
 * src/compile, src/vm, src/core and src/jit. Design: docs/DESIGN.md, sections 3, 4, 6.
 *
 * Conventions
 *  - Every function that may allocate, call Ruby code or raise takes `VM *vm` first.
 *  - A function that raises does not return: it longjmps to the nearest KN_TRY or
 *    interpreter frame. C code may hold VALUEs in locals across calls: the GC scans the
 *    machine stack conservatively.
 *  - Core methods are C functions of type CFunc; the VM checks their arity (min..max,
 *    max = -1 for any) before calling, so a CFunc may trust argc within its bounds.
 *    Keyword arguments arrive as a trailing Hash. `blk` is the block handler: Qnil when
 *    no block was given; pass it to kn_yield / kn_block_proc. */
#ifndef KN_VM_H
#define KN_VM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include "object.h"
#include "../config.h"

typedef struct VM VM;
typedef struct Frame Frame;
struct Iseq;

typedef VALUE (*CFunc)(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk);

/* ---- method entries ---------------------------------------------------------------- */
typedef enum {
  ME_ISEQ,        /* Ruby method */
  ME_CFUNC,       /* C function */
  ME_ATTR_READER, /* attr_reader: ivar id in `ivar` */
  ME_ATTR_WRITER,
  ME_BMETHOD,     /* define_method: proc in `proc` */
  ME_UNDEF,       /* undef_method marker: stops lookup */
  ME_ZSUPER,      /* visibility change in a subclass: look up in the superclass */
  ME_MISSING,     /* respond_to_missing? backed Method object */
} MethodType;

typedef enum { VIS_PUBLIC = 0, VIS_PRIVATE = 1, VIS_PROTECTED = 2, VIS_MODFUNC = 3 } Visibility;

typedef struct MethodEntry {
  MethodType type;
  Visibility vis;
  ID name;              /* name it was defined under */
  ID original_name;     /* for aliases */
  VALUE owner;          /* class or module that defines it */
  const struct Iseq *iseq;  /* ME_ISEQ */
  VALUE cref;           /* ME_ISEQ: lexical scope of the def */
  CFunc cfunc;          /* ME_CFUNC */
  int min_argc, max_argc;   /* ME_CFUNC arity check; max -1 = any */
  ID ivar;              /* ME_ATTR_* */
  VALUE proc;           /* ME_BMETHOD */
  void *entry;          /* entry cell: best compiled code (tier 1/2), NULL = interpreter */
  uint32_t serial;      /* unique id */
} MethodEntry;

/* ---- control frames (shared by the interpreter and compiled code) ------------------ */
enum {
  FRAME_FINISH = 1 << 0,   /* returning from this frame returns from kn_vm_exec */
  FRAME_CFUNC = 1 << 1,    /* a C method: iseq == NULL, only for backtraces */
  FRAME_BLOCK = 1 << 2,    /* running a block (ep[-1] links to the parent ep) */
  FRAME_LAMBDA = 1 << 3,   /* a lambda: return returns from it */
  FRAME_CLASS = 1 << 4,    /* a class body */
  FRAME_TOP = 1 << 5,      /* top-level / eval / require */
  FRAME_BMETHOD = 1 << 6,  /* a define_method body (acts as a lambda method) */
  FRAME_EVAL = 1 << 7,     /* eval: locals are the caller's */
  FRAME_KW = 1 << 8,       /* C method: its last argument is the caller's keyword hash */
  FRAME_CTOR = 1 << 9,     /* `initialize` called by compiled code for Class#new (standing
                            * for its C frame): leaving it returns self, not its result;
                            * backtraces show the `new` frame */
};

struct Frame {
  const VALUE *pc;        /* next instruction (saved before anything that may raise) */
  VALUE *sp;              /* operand stack top (one past the last value) */
  VALUE *bp;              /* base of this frame's operand stack */
  VALUE *ep;              /* locals: ep[0..local_size-1]; ep[-1] tagged parent ep */
  const struct Iseq *iseq;
  VALUE self;
  VALUE blockh;           /* block passed to this frame: Qnil, a T_PROC, or (Block*)|1 */
  const MethodEntry *me;  /* method being run (blocks: the method they were written in) */
  VALUE env;              /* T_ENV holding the locals when they live on the heap, else 0 */
  VALUE cref;             /* lexical scope (T_CREF) */
  VALUE deftarget;        /* class receiving `def` (instance_eval/class_eval change it), 0 = cref */
  uint32_t flags;
  Visibility defvis;      /* default visibility for `def` in this class body */
  Block blk;              /* storage for a block literal passed by a send in this frame */
  const struct Block *self_block; /* for a block frame: the Block being run */
  VALUE *base;            /* where the result goes in the caller's stack on return */
  int argc;               /* arguments received */
  ID mid;                 /* name the method was called by (for super, __method__) */
};

/* Block handler encoding: Qnil (none), a T_PROC VALUE, or a Block* tagged with |1. */
#define KN_BH_FROM_BLOCK(b) ((VALUE)(b) | 1)
#define KN_BH_IS_BLOCK(bh) (((bh) & 1) && (bh) != Qnil)
#define KN_BH_BLOCK(bh) ((Block *)((bh) & ~(VALUE)1))

/* ---- exceptions and unwinding ------------------------------------------------------ */
enum { KN_TAG_NONE = 0, KN_TAG_RAISE, KN_TAG_BREAK, KN_TAG_RETURN, KN_TAG_NEXT,
       KN_TAG_RETRY, KN_TAG_THROW, KN_TAG_FATAL };

typedef struct JmpHandler {
  jmp_buf buf;
  struct JmpHandler *prev;
  Frame *cfp;             /* frame current when the handler was set */
  VALUE *sp;
  int state;              /* set by the raiser */
} JmpHandler;

/* KN_TRY(vm) { body } KN_CATCH(vm) { handler: vm->errinfo holds the exception or throw
 * record; state in `kn_tag` } KN_END(vm);  Frames pushed in the body are popped. */
#define KN_TRY(vm)                                                        \
  do {                                                                    \
    JmpHandler kn_h_;                                                     \
    kn_h_.prev = (vm)->handler; kn_h_.cfp = (vm)->cfp; kn_h_.state = 0;   \
    kn_h_.sp = (vm)->cfp ? (vm)->cfp->sp : NULL;                          \
    (vm)->handler = &kn_h_;                                               \
    int kn_tag = setjmp(kn_h_.buf);                                       \
    if (kn_tag == 0) {
#define KN_CATCH(vm)                                                      \
      (vm)->handler = kn_h_.prev;                                         \
    } else {                                                              \
      (vm)->handler = kn_h_.prev;                                         \
      (vm)->cfp = kn_h_.cfp;                                              \
      if ((vm)->cfp) (vm)->cfp->sp = kn_h_.sp;
#define KN_END(vm)                                                        \
    }                                                                     \
    (void)kn_tag;                                                         \
  } while (0)

/* ---- the VM ----------------------------------------------------------------------- */
typedef struct Heap Heap;
typedef struct SymTable SymTable;
typedef struct Options {
  int jit_max_tier;       /* 0: interpreter only */
  int tier1_threshold, tier2_threshold;
  bool gc_stress;
  bool jit_stats;
  int jit_mem_mib;        /* --jit-mem-size: bound on code + metadata, MiB (0: default) */
  bool jit_perf_map;      /* --jit-perf-map: write /tmp/perf-PID.map */
  bool jit_dump_disasm;   /* --jit-dump-disasm: print compiled code (Capstone) */
  int jit_verbose;        /* --jit-verbose=N: N >= 1 prints one line per compile */
  bool warnings;          /* -W0 turns off */
} Options;

struct VM {
  /* execution state */
  Frame *cfp;             /* current frame (grows upward from frames) */
  Frame *frames, *frames_end;
  VALUE *stack, *stack_end;
  JmpHandler *handler;
  VALUE errinfo;          /* exception (or T_THROW) being propagated / $! */
  char *cstack_base;      /* machine stack: bottom recorded at startup */
  char *cstack_limit;     /* raise SystemStackError below this address */

  Heap *heap;
  SymTable *syms;
  Options opts;

  /* globals */
  IdTable *globals;       /* ID -> VALUE */
  IdTable *gvar_aliases;  /* ID -> ID it stands for (alias $new $old) */
  VALUE top_self;
  VALUE top_cref;
  VALUE loaded_features;  /* Array of loaded paths */
  VALUE at_exit_procs;    /* Array */
  VALUE script_name;      /* $0 */
  VALUE argv;             /* ARGV */
  VALUE stdout_obj, stderr_obj, stdin_obj;
  VALUE last_match;       /* $~ */
  VALUE vmcore;           /* receiver of compiler-internal core# methods */
  const char *main_file;
  uint32_t method_serial; /* bumped on every method (re)definition: inline caches check */
  uint32_t const_serial;  /* bumped on every constant definition */
  uint32_t me_counter;
  uint32_t redefined_basic; /* bit set of redefined fast-path operators (KN_BOP_*) */
  VALUE running_cproc;      /* data of the C proc being run (kn_cfunc_proc_data) */
  bool yield_kw;            /* set by invokeblock: the last argument is a keyword hash */
  int gc_disabled;          /* > 0: allocation never collects (see kn_str_vprintf) */
  VALUE generic_ivars;      /* identity Hash: object -> Hash of ivars (non-T_OBJECT) */
  VALUE cref_main;          /* unused */
  unsigned long long insns_executed;  /* --jit-stats: instructions the interpreter ran */
  unsigned long long jit_osr_entries; /* entries into compiled code at a loop's back edge */

  /* compile hook: set by main/api so vm/core can eval and require without reaching up */
  struct Iseq *(*compile)(VM *vm, const char *src, size_t len, const char *file, int line,
                          Frame *binding_frame, VALUE *exc_out);

  /* well-known classes */
  VALUE cBasicObject, cObject, cModule, cClass, cKernel, cComparable, cEnumerable,
      cNumeric, cInteger, cFloat, cString, cSymbol, cArray, cHash, cRange, cProc,
      cNilClass, cTrueClass, cFalseClass, cMethod, cUnboundMethod, cMath, cProcess,
      cFile, cIO, cRegexp, cMatchData, cEnumerator, cStruct, cRandom, cTime, cGC,
      cObjectSpace, cEncoding, cBinding, cData, cRational, cComplex, cSet, cLazy, cYielder,
      cGenerator, cEnv;
  VALUE eException, eScriptError, eLoadError, eNotImplementedError, eSyntaxError,
      eStandardError, eArgumentError, eUncaughtThrowError, eEncodingError, eFiberError,
      eIOError, eEOFError, eIndexError, eKeyError, eStopIteration, eClosedQueueError,
      eLocalJumpError, eNameError, eNoMethodError, eRangeError, eFloatDomainError,
      eRegexpError, eRuntimeError, eFrozenError, eSystemCallError, eThreadError,
      eTypeError, eZeroDivisionError, eSystemExit, eSystemStackError, eNoMemoryError,
      eSecurityError, eSignalException, eInterrupt, eMathDomainError, eNoMatchingPatternError,
      eNoMatchingPatternKeyError, eErrnoENOENT, eErrnoEACCES, eErrnoEEXIST, eErrnoEISDIR,
      eErrnoENOTDIR, eErrnoEPIPE, eErrnoEINVAL;
  VALUE sysstack_error;   /* preallocated SystemStackError */

  /* frequently used IDs */
  ID id_initialize, id_to_s, id_inspect, id_each, id_cmp, id_eq, id_eqq, id_eql, id_hash,
      id_call, id_method_missing, id_respond_to, id_respond_to_missing, id_coerce, id_to_str,
      id_to_ary, id_to_a, id_to_proc, id_to_i, id_to_int, id_to_f, id_to_sym, id_to_hash,
      id_plus, id_minus, id_mult, id_div, id_mod, id_lt, id_le, id_gt, id_ge, id_ltlt,
      id_aref, id_aset, id_length, id_size, id_succ, id_not, id_neq, id_message, id_backtrace,
      id_new, id_allocate, id_method_added, id_singleton_method_added, id_inherited,
      id_included, id_extended, id_prepended, id_const_missing, id_exception, id_mesg,
      id_bt, id_pow, id_and, id_or, id_xor, id_uminus, id_uplus, id_match, id_nil_p,
      id_empty_p, id_to_enum, id_each_pair, id_initialize_copy, id_dup, id_clone, id_name,
      id_hash_kw, id_freeze, id_equal_p, id_downto, id_upto, id_times, id_step, id_key,
      id_receiver, id_status, id_cause;

  /* per-VM caches and misc */
  void *jit;              /* tier manager state (src/jit) */
  /* JIT hooks, installed by src/jit (kn_jit_init); NULL: interpreter only. jit_compile
   * never raises (false: the iseq is blacklisted); jit_enter runs compiled code from
   * `code` (an iseq's jit_entries[pc]) until a side exit, which leaves cfp->pc/sp set. */
  bool (*jit_compile)(VM *vm, struct Iseq *iseq);
  VALUE (*jit_enter)(VM *vm, Frame *cfp, void *code);
  void (*jit_invalidate)(VM *vm, ID mid);   /* see kn_vm_method_changed */
  void (*jit_reprofile)(VM *vm, struct Iseq *iseq);  /* profile grew: recompile iseq */
  void *regexp_cache;
  void *mcache;           /* global method cache (class.c kn_method_lookup) */
  uint64_t rand_state[4];
  VALUE rand_seed;
  int exit_status;
  bool in_at_exit;
  VALUE mark_roots[64];   /* misc permanently reachable values (kn_gc_register_value) */
  int nmark_roots;
  VALUE *extra_roots[256];/* addresses of C globals/fields holding VALUEs */
  int nextra_roots;
  VALUE iseq_list;        /* unused; iseqs are tracked by the iseq registry */
  struct IseqRegistry *iseqs;
};

/* ---- symbols (src/vm/symbol.c) ----------------------------------------------------- */
ID kn_intern(VM *vm, const char *name);
ID kn_intern2(VM *vm, const char *name, long len);
const char *kn_id_name(VM *vm, ID id);        /* NUL-terminated, stable */
long kn_id_len(VM *vm, ID id);
VALUE kn_sym(VM *vm, const char *name);       /* ID2SYM(kn_intern(..)) */
VALUE kn_all_symbols(VM *vm);                 /* Symbol.all_symbols */
VALUE kn_id_str(VM *vm, ID id);               /* new String of the name */
bool kn_id_is_const(VM *vm, ID id);
bool kn_id_is_local(VM *vm, ID id);
bool kn_id_is_attrset(VM *vm, ID id);         /* ends with = (not ==, !=, <=, >=, []=) */

/* ---- GC and allocation (src/vm/gc.c) ----------------------------------------------- */
VALUE kn_obj_alloc(VM *vm, ValueType type, VALUE klass); /* zeroed slot, header set */
void kn_gc(VM *vm);
void kn_gc_mark(VM *vm, VALUE v);             /* mark one value (callable from mark fns) */
void kn_gc_mark_locations(VM *vm, const VALUE *from, const VALUE *to);
void kn_gc_register_address(VM *vm, VALUE *addr);  /* a C variable that holds a VALUE */
void kn_gc_register_value(VM *vm, VALUE v);        /* keep v alive for ever */
bool kn_gc_is_heap_object(VM *vm, VALUE v);
void *kn_xmalloc(size_t n);                   /* abort with a message on failure */
void *kn_xcalloc(size_t n, size_t size);
void *kn_xrealloc(void *p, size_t n);
char *kn_xstrdup(const char *s);

/* ---- classes, methods, constants (src/vm/class.c) ---------------------------------- */
VALUE kn_class_of(VM *vm, VALUE v);           /* class used for method lookup */
VALUE kn_obj_class(VM *vm, VALUE v);          /* real class: skips singletons and iclasses */
VALUE kn_singleton_class(VM *vm, VALUE obj);  /* creates it if needed; raises for Fixnum etc */
VALUE kn_class_new(VM *vm, VALUE super);      /* anonymous class */
VALUE kn_module_new(VM *vm);
VALUE kn_define_class(VM *vm, const char *name, VALUE super);  /* under Object */
VALUE kn_define_class_under(VM *vm, VALUE outer, const char *name, VALUE super);
VALUE kn_define_module(VM *vm, const char *name);
VALUE kn_define_module_under(VM *vm, VALUE outer, const char *name);
VALUE kn_class_name(VM *vm, VALUE klass);     /* String ("A::B", or "#<Class:0x...>") */
VALUE kn_class_real(VM *vm, VALUE klass);     /* skip singleton classes and iclasses */
VALUE kn_class_super(VM *vm, VALUE klass);    /* Class#superclass semantics */
void kn_include_module(VM *vm, VALUE klass, VALUE module);
void kn_prepend_module(VM *vm, VALUE klass, VALUE module);
void kn_extend_object(VM *vm, VALUE obj, VALUE module);
bool kn_obj_is_kind_of(VM *vm, VALUE obj, VALUE klass);   /* is_a? */
bool kn_class_inherits(VM *vm, VALUE klass, VALUE ancestor);
VALUE kn_mod_ancestors(VM *vm, VALUE klass);  /* Array */
void kn_set_allocator(VM *vm, VALUE klass, ValueType type,
                      VALUE (*alloc)(void *vm, VALUE klass));

void kn_define_method(VM *vm, VALUE klass, const char *name, CFunc fn, int min, int max);
void kn_define_private_method(VM *vm, VALUE klass, const char *name, CFunc fn, int min, int max);
void kn_define_singleton_method(VM *vm, VALUE obj, const char *name, CFunc fn, int min, int max);
void kn_define_module_function(VM *vm, VALUE mod, const char *name, CFunc fn, int min, int max);
void kn_define_alias(VM *vm, VALUE klass, const char *newname, const char *oldname);
void kn_add_method(VM *vm, VALUE klass, ID name, MethodEntry *me);  /* me is copied */
void kn_alias_method(VM *vm, VALUE klass, ID newname, ID oldname);
void kn_undef_method(VM *vm, VALUE klass, ID name);
void kn_remove_method(VM *vm, VALUE klass, ID name);
const MethodEntry *kn_method_lookup(VM *vm, VALUE klass, ID mid);  /* NULL if none/undef */
const MethodEntry *kn_method_lookup_from(VM *vm, VALUE klass, ID mid, VALUE *found_in);
bool kn_respond_to(VM *vm, VALUE obj, ID mid, bool include_private);
void kn_set_visibility(VM *vm, VALUE klass, ID mid, Visibility vis);

void kn_const_set(VM *vm, VALUE klass, ID name, VALUE val);
void kn_define_const(VM *vm, VALUE klass, const char *name, VALUE val);
bool kn_const_lookup(VM *vm, VALUE klass, ID name, VALUE *out, bool recurse); /* no autoload */
bool kn_const_lookup_scoped(VM *vm, VALUE scope, ID name, VALUE *out); /* Scope::Name rules */
VALUE kn_const_get(VM *vm, VALUE klass, ID name);   /* raises NameError */
VALUE kn_ivar_get(VM *vm, VALUE obj, ID name);       /* nil if unset */
VALUE kn_ivar_set(VM *vm, VALUE obj, ID name, VALUE val);
bool kn_ivar_defined(VM *vm, VALUE obj, ID name);
VALUE kn_ivar_list(VM *vm, VALUE obj);              /* Array of Symbols */
VALUE kn_cvar_get(VM *vm, VALUE klass, ID name);     /* raises NameError */
void kn_cvar_set(VM *vm, VALUE klass, ID name, VALUE val);
bool kn_cvar_defined(VM *vm, VALUE klass, ID name);
VALUE kn_gvar_get(VM *vm, ID name);
void kn_gvar_set(VM *vm, ID name, VALUE val);
void kn_gvar_alias(VM *vm, ID alias, ID original);   /* alias $new $old: one variable */

/* ---- calling (src/vm/call.c) -------------------------------------------------------- */
VALUE kn_funcall(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv);     /* private ok */
VALUE kn_funcall_block(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk);
VALUE kn_funcall_public(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk);
VALUE kn_funcall_kw(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv, VALUE blk,
                    bool kw_splat);  /* last of argv is a keywords Hash when kw_splat */
VALUE kn_call_super(VM *vm, int argc, const VALUE *argv, VALUE blk); /* from a CFunc */
VALUE kn_yield(VM *vm, VALUE blk, int argc, const VALUE *argv);  /* raises LocalJumpError if none */
VALUE kn_yield1(VM *vm, VALUE blk, VALUE arg);
VALUE kn_yield_values(VM *vm, VALUE blk, int argc, ...);
VALUE kn_proc_call(VM *vm, VALUE proc, int argc, const VALUE *argv, VALUE blk);
VALUE kn_block_proc(VM *vm, VALUE blk);       /* the block as a Proc (nil if none) */
VALUE kn_proc_new_cfunc(VM *vm, CFunc fn, VALUE data, bool lambda); /* a Proc running fn */
VALUE kn_call_method_entry(VM *vm, VALUE recv, const MethodEntry *me, ID mid, int argc,
                           const VALUE *argv, VALUE blk);
int kn_proc_arity(VM *vm, VALUE proc);
VALUE kn_current_self(VM *vm);
VALUE kn_obj_method(VM *vm, VALUE obj, ID mid);   /* Method object; raises NameError */

/* ---- exceptions (src/vm/error.c) ------------------------------------------------------ */
_Noreturn void kn_raise(VM *vm, VALUE klass, const char *fmt, ...);
_Noreturn void kn_raise_exc(VM *vm, VALUE exc);
_Noreturn void kn_raise_str(VM *vm, VALUE klass, VALUE msg);
_Noreturn void kn_arity_error(VM *vm, int given, int min, int max);
_Noreturn void kn_type_error(VM *vm, VALUE obj, const char *expected); /* "no implicit conversion of X into Y" */
_Noreturn void kn_frozen_error(VM *vm, VALUE obj);
_Noreturn void kn_name_error(VM *vm, ID name, VALUE recv, const char *fmt, ...);
_Noreturn void kn_no_method_error(VM *vm, VALUE recv, ID mid, int argc, const VALUE *argv,
                                  bool priv_call);
_Noreturn void kn_sys_fail(VM *vm, const char *what);  /* Errno::X from errno */
_Noreturn void kn_jump(VM *vm, int state, VALUE errinfo);  /* longjmp to the nearest handler */
VALUE kn_exc_new(VM *vm, VALUE klass, const char *fmt, ...);
VALUE kn_exc_new_str(VM *vm, VALUE klass, VALUE msg);
VALUE kn_backtrace(VM *vm, int skip);          /* Array of "file:line:in `m'" Strings */
void kn_check_frozen(VM *vm, VALUE obj);       /* raises FrozenError */
void kn_print_error(VM *vm, VALUE exc, FILE *out);  /* CRuby's uncaught-exception report */
VALUE kn_exc_message(VM *vm, VALUE exc);       /* String */
/* ArgumentError "comparison of X with Y failed" (src/core/comparable.c) */
_Noreturn void kn_cmperr(VM *vm, VALUE x, VALUE y);
VALUE kn_obj_describe(VM *vm, VALUE obj);      /* NoMethodError's receiver: "5:Integer", "#<Foo>" */

/* ---- conversions and generic object protocol (src/vm/object.c) ------------------------ */
VALUE kn_inspect(VM *vm, VALUE v);     /* String; calls #inspect */
VALUE kn_obj_as_string(VM *vm, VALUE v);  /* String; calls #to_s (interpolation semantics) */
VALUE kn_any_to_s(VM *vm, VALUE v);    /* "#<Foo>" / "#<Foo:0x...>" default */
bool kn_equal(VM *vm, VALUE a, VALUE b);      /* a == b (fast paths, then #==) */
bool kn_eql(VM *vm, VALUE a, VALUE b);        /* a.eql?(b) */
uintptr_t kn_hash_value(VM *vm, VALUE v);     /* #hash as a C word (fast paths) */
int kn_cmp(VM *vm, VALUE a, VALUE b);         /* a <=> b as -1/0/1; raises ArgumentError if nil */
intptr_t kn_num2long(VM *vm, VALUE v);        /* Integer (or to_int) to C long; TypeError/RangeError */
double kn_num2dbl(VM *vm, VALUE v);           /* Integer/Float to double; TypeError */
VALUE kn_check_string(VM *vm, VALUE v);       /* String or to_str, else TypeError */
VALUE kn_check_array(VM *vm, VALUE v);        /* Array or to_ary, else Qnil */
VALUE kn_check_convert(VM *vm, VALUE v, ValueType t, ID meth); /* v if type t, else v.meth if it responds, else Qnil */
VALUE kn_obj_freeze(VM *vm, VALUE obj);
VALUE kn_obj_dup(VM *vm, VALUE obj);
VALUE kn_obj_clone(VM *vm, VALUE obj);
const char *kn_obj_classname(VM *vm, VALUE obj);   /* class name as C string */
static inline ValueType kn_type(VALUE v) {
  return SPECIAL_CONST_P(v) ? T_NONE : KN_BUILTIN_TYPE(v);
}
static inline bool kn_is_type(VALUE v, ValueType t) {
  return HEAP_P(v) && KN_BUILTIN_TYPE(v) == t;
}

/* ---- numbers (src/core/numeric.c, bignum.c) ------------------------------------------ */
VALUE kn_float_new(VM *vm, double d);         /* flonum or heap Float */
static inline bool kn_float_p(VALUE v) { return FLONUM_P(v) || kn_is_type(v, T_FLOAT); }
static inline double kn_float_value(VALUE v) {
  return FLONUM_P(v) ? kn_flonum_value(v) : ((RFloat *)v)->value;
}
VALUE kn_int_new(VM *vm, intptr_t n);         /* Fixnum or Bignum */
VALUE kn_int_from_ll(VM *vm, long long n);
VALUE kn_int_from_ull(VM *vm, unsigned long long n);
VALUE kn_big_new_mpz(VM *vm, const mpz_t z);  /* normalizes to Fixnum when it fits */
VALUE kn_int_from_cstr(VM *vm, const char *digits, int base); /* digits may start with - */
VALUE kn_int_plus(VM *vm, VALUE a, VALUE b);  /* slow paths of the arithmetic fast paths */
VALUE kn_int_minus(VM *vm, VALUE a, VALUE b);
VALUE kn_int_mult(VM *vm, VALUE a, VALUE b);
VALUE kn_int_div(VM *vm, VALUE a, VALUE b);
VALUE kn_int_mod(VM *vm, VALUE a, VALUE b);
VALUE kn_int_to_s(VM *vm, VALUE i, int base); /* String */
VALUE kn_float_to_s(VM *vm, double d);        /* CRuby's shortest round-trip format */
bool kn_integer_p(VALUE v);                   /* Fixnum or Bignum */
/* Rational and Complex (src/core/rational.c). kn_rational_new takes Integers and normalizes
 * (lowest terms, positive denominator; ZeroDivisionError for a zero one). The numeral of a
 * rational literal is digits in `base`, a '.' allowed in base 10, '-' first if negative
 * ("1.25" is 5/4). kn_complex_new keeps both parts as given. All results are frozen. */
VALUE kn_rational_new(VM *vm, VALUE num, VALUE den);
VALUE kn_rational_from_numeral(VM *vm, const char *numeral, int base);
VALUE kn_complex_new(VM *vm, VALUE real, VALUE imag);
/* A Rational as numerator.to_f / denominator.to_f: CRuby's implicit Float conversion
 * (Math functions, Kernel#Float); Rational#to_f rounds exactly instead. */
double kn_rational_to_dbl(VALUE r);

/* ---- strings (src/core/string.c) -------------------------------------------------------- */
VALUE kn_str_new(VM *vm, const char *ptr, long len);
VALUE kn_str_new_cstr(VM *vm, const char *s);
VALUE kn_str_buf_new(VM *vm, long capa);
VALUE kn_str_dup(VM *vm, VALUE str);
VALUE kn_str_cat(VM *vm, VALUE str, const char *ptr, long len);  /* returns str */
VALUE kn_str_cat_cstr(VM *vm, VALUE str, const char *s);
VALUE kn_str_append(VM *vm, VALUE str, VALUE other);   /* other is a String */
VALUE kn_str_printf(VM *vm, const char *fmt, ...);     /* C printf format; %V = VALUE as to_s */
VALUE kn_str_vprintf(VM *vm, const char *fmt, va_list ap);
VALUE kn_str_inspect(VM *vm, VALUE str);
bool kn_str_equal(VALUE a, VALUE b);
uintptr_t kn_str_hash(VALUE str);
VALUE kn_str_intern(VM *vm, VALUE str);       /* Symbol */
long kn_str_char_length(VALUE str);           /* UTF-8 characters */
VALUE kn_sym_inspect(VM *vm, ID id);          /* ":foo" / ":\"foo bar\"" */
const char *kn_str_cstr(VM *vm, VALUE str);   /* NUL-terminated pointer into str */

/* ---- arrays (src/core/array.c) --------------------------------------------------------- */
VALUE kn_ary_new(VM *vm);
VALUE kn_ary_new_capa(VM *vm, long capa);
VALUE kn_ary_new_from(VM *vm, long n, const VALUE *elts);
VALUE kn_ary_new_values(VM *vm, long n, ...);
VALUE kn_ary_push(VM *vm, VALUE ary, VALUE v);   /* returns ary */
VALUE kn_ary_pop(VM *vm, VALUE ary);
VALUE kn_ary_entry(VALUE ary, long i);           /* nil when out of range; negative from end */
void kn_ary_store(VM *vm, VALUE ary, long i, VALUE v);  /* grows with nil */
VALUE kn_ary_dup(VM *vm, VALUE ary);
VALUE kn_ary_concat(VM *vm, VALUE ary, VALUE other);
VALUE kn_ary_join(VM *vm, VALUE ary, VALUE sep);
VALUE kn_ary_inspect(VM *vm, VALUE ary);
VALUE kn_ary_to_ary(VM *vm, VALUE v);            /* v if Array, v.to_ary, or [v] */

/* ---- hashes (src/core/hash.c) ---------------------------------------------------------- */
VALUE kn_hash_new(VM *vm);
VALUE kn_hash_aref(VM *vm, VALUE hash, VALUE key);       /* with default / default proc */
bool kn_hash_lookup(VM *vm, VALUE hash, VALUE key, VALUE *out);  /* no default */
VALUE kn_hash_aset(VM *vm, VALUE hash, VALUE key, VALUE val);    /* dups+freezes String keys */
VALUE kn_hash_delete(VM *vm, VALUE hash, VALUE key);     /* value or Qundef */
long kn_hash_size(VALUE hash);
VALUE kn_hash_dup(VM *vm, VALUE hash);
VALUE kn_hash_keys(VM *vm, VALUE hash);
/* Iterate: fn returns 0 to continue, 1 to stop. Safe against mutation by fn. */
void kn_hash_foreach(VM *vm, VALUE hash, int (*fn)(VM *vm, VALUE k, VALUE v, void *arg), void *arg);
VALUE kn_hash_inspect(VM *vm, VALUE hash);

/* ---- ranges, procs, misc -------------------------------------------------------------- */
VALUE kn_range_new(VM *vm, VALUE beg, VALUE end, bool excl);
/* For an Integer-bounded range (or endless/beginless), compute [beg, len) for a sequence of
 * length `len` (Array#[] semantics). Returns false when out of range. */
bool kn_range_beg_len(VM *vm, VALUE range, long *begp, long *lenp, long len, int err);
VALUE kn_data_new(VM *vm, VALUE klass, const DataType *type, void *data);
void *kn_data_get(VM *vm, VALUE obj, const DataType *type);  /* TypeError if not that type */

/* I/O used by Kernel#puts/print/p and IO methods: writes through $stdout's fd with a
 * buffer; kn_flush_all flushes on every exit path. */
void kn_io_write(VM *vm, VALUE io, const char *ptr, long len);
void kn_flush_all(VM *vm);

/* ---- core library initialisation: each src/core file provides one -------------------- */
void kn_init_object(VM *vm);     /* BasicObject, Object, Module, Class, Kernel basics */
void kn_init_numeric(VM *vm);    /* Numeric, Integer, Float, Math, Comparable? no: see below */
void kn_init_rational(VM *vm);   /* Rational, Complex, Kernel#Rational/Complex, to_r/to_c */
void kn_init_comparable(VM *vm);
void kn_init_string(VM *vm);     /* String, Symbol */
void kn_init_array(VM *vm);
void kn_init_hash(VM *vm);
void kn_init_range(VM *vm);
void kn_init_enumerable(VM *vm);
void kn_init_proc(VM *vm);       /* Proc, Method, UnboundMethod */
void kn_init_exception(VM *vm);
void kn_init_kernel(VM *vm);     /* puts, print, p, require, loop, Integer(), ... */
void kn_init_io(VM *vm);         /* IO, $stdout, File basics, Process, ENV */
void kn_init_math(VM *vm);
void kn_init_sprintf(VM *vm);    /* format/sprintf/printf, String#% */
void kn_init_regexp(VM *vm);     /* Regexp, MatchData, String's pattern methods */
void kn_init_struct(VM *vm);     /* Struct */

/* The sprintf engine (src/core/sprintf.c): format `fmt` with argv like Kernel#format. */
VALUE kn_sprintf(VM *vm, VALUE fmt, int argc, const VALUE *argv);

/* Keeps v live (in a register or stack slot, which the conservative scan sees) up to this
 * point, for code that keeps using a pointer into v's slot after v itself is dead
 * (CRuby's RB_GC_GUARD). */
#define KN_GC_GUARD(v) __asm__ volatile("" : : "g"(v) : "memory")

#endif
