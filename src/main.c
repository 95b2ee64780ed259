/* main.c -- the `kiln` command (DESIGN.md section 8): options, the program from a file,
 * -e or stdin, --dump modes, running it on a large machine stack, at_exit, exit status.
 *
 *   parse options -> read source -> parse (syntax error: exit 1) -> compile -> run
 *   -> at_exit procs (reverse order) -> flush -> exit status (SystemExit's, or 1) */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kiln.h"
#include "parse/node.h"
#include "compile/compile.h"
#include "vm/vm_internal.h"
#include "jit/jit.h"

#define KILN_VERSION "0.1.0"

typedef struct Cmd {
  const char *file;          /* script path, "-e", or "-" */
  char *code;                /* -e code joined with newlines */
  size_t code_len;
  int argc;                  /* script arguments */
  char **argv;
  const char *dump;          /* "insns", "parsetree" or NULL */
  Options opts;
  int status;
} Cmd;

static void usage(FILE *out) {
  fprintf(out,
    "Usage: kiln [switches] [--] [programfile] [arguments]\n"
    "  -e 'command'            one line of script (several -e's allowed)\n"
    "  -W[level]               set warning level (-W0: no warnings); -w, -v accepted\n"
    "  --version               print the version\n"
    "  --help, -h              show this message\n"
    "  --dump=insns            print the bytecode in CRuby's layout, do not run\n"
    "  --dump=parsetree        print the syntax tree, do not run\n"
    "  --no-jit                run in the interpreter only\n"
    "  --jit-max-tier=N        highest JIT tier (0, 1 or 2)\n"
    "  --jit-tier1-threshold=N calls or loop iterations before tier 1\n"
    "  --jit-tier2-threshold=N calls or loop iterations before tier 2\n"
    "  --jit-wait              compile tier 2 synchronously\n"
    "  --jit-stats             print JIT counters at exit\n"
    "  --jit-verbose=N         one line per compile\n"
    "  --jit-dump-disasm       disassemble compiled code\n"
    "  --jit-perf-map          write /tmp/perf-PID.map\n"
    "  --jit-save-temps        keep tier-2 C and .so files\n"
    "  --jit-mem-size=MiB      bound on JIT code and metadata\n"
    "  --gc-stress             collect garbage on every allocation (testing)\n"
    "Without a program file, kiln reads the program from standard input.\n");
}

static _Noreturn void bad_option(const char *opt) {
  fprintf(stderr, "kiln: invalid option %s  (-h will show valid options) (RuntimeError)\n", opt);
  exit(1);
}

static bool int_opt(const char *arg, const char *name, int *out) {
  size_t n = strlen(name);
  if (strncmp(arg, name, n) != 0 || arg[n] != '=') return false;
  char *end;
  long v = strtol(arg + n + 1, &end, 10);
  if (*end || end == arg + n + 1 || v < 0) {
    fprintf(stderr, "kiln: invalid value for %s: %s (RuntimeError)\n", name, arg + n + 1);
    exit(1);
  }
  *out = (int)v;
  return true;
}

static void parse_args(Cmd *c, int argc, char **argv) {
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || strcmp(a, "-") == 0) break;
    if (strcmp(a, "--") == 0) { i++; break; }
    if (strcmp(a, "-e") == 0) {
      if (i + 1 >= argc) { fprintf(stderr, "kiln: no code specified for -e (RuntimeError)\n"); exit(1); }
      const char *code = argv[++i];
      size_t n = strlen(code);
      c->code = realloc(c->code, c->code_len + n + 2);
      memcpy(c->code + c->code_len, code, n);
      c->code_len += n;
      c->code[c->code_len++] = '\n';
      c->code[c->code_len] = 0;
      c->file = "-e";
    } else if (strcmp(a, "--version") == 0 || strcmp(a, "-v") == 0) {
      printf("kiln %s (ruby 3.1 compatible) [x86_64-linux]\n", KILN_VERSION);
      if (strcmp(a, "--version") == 0) exit(0);
      if (i + 1 >= argc && !c->code) exit(0);
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      exit(0);
    } else if (strncmp(a, "-W", 2) == 0 && (a[2] == 0 || (a[2] >= '0' && a[2] <= '2' && !a[3]) || a[2] == ':')) {
      c->opts.warnings = a[2] != '0';
    } else if (strcmp(a, "-w") == 0) {
      c->opts.warnings = true;
    } else if (strncmp(a, "--dump=", 7) == 0) {
      c->dump = a + 7;
      if (strcmp(c->dump, "insns") != 0 && strcmp(c->dump, "parsetree") != 0) {
        fprintf(stderr, "kiln: unknown dump option %s (RuntimeError)\n", c->dump);
        exit(1);
      }
    } else if (strcmp(a, "--no-jit") == 0) {
      c->opts.jit_max_tier = 0;
    } else if (int_opt(a, "--jit-max-tier", &c->opts.jit_max_tier)) {
      if (c->opts.jit_max_tier > 2) bad_option(a);
    } else if (int_opt(a, "--jit-tier1-threshold", &c->opts.tier1_threshold) ||
               int_opt(a, "--jit-tier2-threshold", &c->opts.tier2_threshold) ||
               int_opt(a, "--jit-verbose", &c->opts.jit_verbose) || int_opt(a, "--jit-mem-size", &c->opts.jit_mem_mib)) {
    } else if (strcmp(a, "--jit-perf-map") == 0) {
      c->opts.jit_perf_map = true;
    } else if (strcmp(a, "--jit-dump-disasm") == 0) {
      c->opts.jit_dump_disasm = true;
    } else if (strcmp(a, "--jit-wait") == 0 ||
               strcmp(a, "--jit-save-temps") == 0 ||
               strcmp(a, "--jit") == 0) {
    } else if (strcmp(a, "--jit-stats") == 0) {
      c->opts.jit_stats = true;
    } else if (strcmp(a, "--gc-stress") == 0) {
      c->opts.gc_stress = true;
    } else if (strcmp(a, "--disable-gems") == 0 || strncmp(a, "--disable=", 10) == 0 ||
               strncmp(a, "--enable=", 9) == 0 || strcmp(a, "--yjit") == 0) {
    } else {
      bad_option(a);
    }
  }
  if (!c->file) {
    if (i < argc) c->file = argv[i++];
    else c->file = "-";
  }
  c->argc = argc - i;
  c->argv = argv + i;
}

static char *read_all(FILE *f, size_t *len) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (n + 4096 > cap) { cap *= 2; buf = realloc(buf, cap); }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

static VM *g_vm;   /* only main.c: handed to the runner thread */

static int exit_status_of(VM *vm, VALUE exc) {
  if (kn_obj_is_kind_of(vm, exc, vm->eSystemExit)) {
    VALUE st = kn_ivar_get(vm, exc, kn_intern(vm, "__status"));
    return FIXNUM_P(st) ? (int)FIX2LONG(st) : 0;
  }
  return -1;
}

/* Runs the at_exit procs in reverse order; an exception in one is reported and the next
 * still runs. Returns a new exit status if one of them called exit. */
static int run_at_exit(VM *vm, int status_in) {
  volatile int status = status_in;   /* survives the longjmp of KN_CATCH */
  while (RARRAY_LEN(vm->at_exit_procs) > 0) {
    VALUE p = kn_ary_pop(vm, vm->at_exit_procs);
    KN_TRY(vm) {
      kn_proc_call(vm, p, 0, NULL, Qnil);
    } KN_CATCH(vm) {
      VALUE e = vm->errinfo;
      int st = exit_status_of(vm, e);
      if (st >= 0) status = st;
      else if (!kn_is_type(e, T_THROW)) { kn_print_error(vm, e, stderr); status = 1; }
    } KN_END(vm);
  }
  return status;
}

static void *run(void *arg) {
  Cmd *c = arg;
  char here;
  VM *vm = (VM *)kn_open();
  vm->opts = c->opts;
  kn_jit_init(vm);   /* tier-1 hooks when --jit-max-tier >= 1 */
  g_vm = vm;
  vm->cstack_base = &here;
  vm->cstack_limit = (char *)((uintptr_t)&here - (KN_CSTACK_SIZE - KN_CSTACK_RESERVE));
  const char *file = c->file;
  char *src;
  size_t len;
  if (strcmp(file, "-e") == 0) {
    src = c->code;
    len = c->code_len;
  } else if (strcmp(file, "-") == 0) {
    src = read_all(stdin, &len);
  } else {
    FILE *f = fopen(file, "rb");
    if (!f) {
      fprintf(stderr, "kiln: %s -- %s (LoadError)\n", strerror(errno), file);
      c->status = 1;
      return NULL;
    }
    src = read_all(f, &len);
    fclose(f);
  }
  vm->main_file = file;
  vm->script_name = kn_str_new_cstr(vm, file);
  VALUE argv_ary = kn_ary_new(vm);
  for (int i = 0; i < c->argc; i++) kn_ary_push(vm, argv_ary, kn_str_new_cstr(vm, c->argv[i]));
  vm->argv = argv_ary;
  kn_define_const(vm, vm->cObject, "ARGV", argv_ary);
  ParseResult pr;
  if (kn_parse(src, len, file, 1, NULL, 0, &pr) != 0) {
    fprintf(stderr, "%s\n", pr.error ? pr.error : "syntax error");
    c->status = 1;
    return NULL;
  }
  if (c->dump && strcmp(c->dump, "parsetree") == 0) {
    kn_dump_parsetree(pr.root, stdout);
    fflush(stdout);
    return NULL;
  }
  char *err = NULL;
  Iseq *is = kn_compile(vm, pr.root, file, ISEQ_TOP, NULL, "<main>", &err);
  if (!is) {
    fprintf(stderr, "%s\n", err);
    c->status = 1;
    return NULL;
  }
  if (c->dump && strcmp(c->dump, "insns") == 0) {
    kn_iseq_disasm(vm, is, stdout);
    fflush(stdout);
    return NULL;
  }
  int status = 0;
  KN_TRY(vm) {
    kn_vm_run_iseq(vm, is, vm->top_self, vm->top_cref, NULL, 0, FRAME_TOP, Qnil, NULL);
  } KN_CATCH(vm) {
    VALUE e = vm->errinfo;
    if (kn_is_type(e, T_THROW)) {
      if (RTHROW(e)->state == KN_TAG_THROW) {
        VALUE s = kn_inspect(vm, RTHROW(e)->tag);
        VALUE ex = kn_exc_new(vm, vm->eUncaughtThrowError, "uncaught throw %s", kn_str_cstr(vm, s));
        kn_print_error(vm, ex, stderr);
      }
      status = 1;
    } else {
      int st = exit_status_of(vm, e);
      if (st >= 0) status = st;
      else {
        status = 1;
        vm->errinfo = e;
        kn_print_error(vm, e, stderr);
      }
    }
  } KN_END(vm);
  status = run_at_exit(vm, status);
  kn_flush_all(vm);
  if (vm->opts.jit_stats) kn_jit_print_stats(vm, stderr);
  c->status = status;
  return NULL;
}

int main(int argc, char **argv) {
  Cmd c = {0};
  c.opts.warnings = true;
  c.opts.jit_max_tier = 1;      /* tier 1 on by default (tier 2 does not exist yet) */
  c.opts.tier1_threshold = 30;   /* by measurement: docs/PERFORMANCE.md */
  c.opts.tier2_threshold = 1000;
  parse_args(&c, argc, argv);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, KN_CSTACK_SIZE);
  pthread_t th;
  if (pthread_create(&th, &attr, run, &c) != 0) {
    fprintf(stderr, "kiln: cannot start the main thread: %s\n", strerror(errno));
    return 1;
  }
  pthread_join(th, NULL);
  fflush(stdout);
  return c.status;
}
