/* file.c -- the operating-system side of the core library: File's path functions (join,
 * basename, expand_path, ...) and stat predicates, File::Stat, Dir, Process, ENV and a
 * minimal Time. File objects themselves (open/read/write) live in io.c, which calls
 * kn_init_file from kn_init_io. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "vm/vm.h"

/* provided by src/core/io.c (the other half of the IO layer) */
_Noreturn void kn_io_sys_fail(VM *vm, int err, const char *func, VALUE path);
VALUE kn_io_path_value(VM *vm, VALUE obj);
void kn_init_file(VM *vm);

extern char **environ;

#define ARGS VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk
#define UNUSED_ARGS (void)vm; (void)self; (void)argc; (void)argv; (void)blk

static VALUE time_from_timespec(VM *vm, struct timespec ts);

static VALUE path_arg(VM *vm, VALUE v) {
  return kn_io_path_value(vm, v);
}

static const char *path_cstr(VM *vm, VALUE path) {
  return kn_str_cstr(vm, path);
}

static VALUE enum_for(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  int n = argc < 7 ? argc : 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < n; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, n + 1, args);
}

/* ---- path functions -------------------------------------------------------------------- */

/* File.basename(path, suffix = nil) */
static VALUE file_s_basename(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  const char *s = RSTRING_PTR(path);
  long len = RSTRING_LEN(path);
  if (len == 0) return kn_str_new(vm, "", 0);
  long end = len;
  while (end > 0 && s[end - 1] == '/') end--;
  if (end == 0) return kn_str_new(vm, "/", 1);
  long beg = end;
  while (beg > 0 && s[beg - 1] != '/') beg--;
  const char *p = s + beg;
  long n = end - beg;
  if (argc > 1 && !NIL_P(argv[1])) {
    VALUE suf = kn_check_string(vm, argv[1]);
    const char *e = RSTRING_PTR(suf);
    long l2 = RSTRING_LEN(suf), f = 0;
    if (l2 == 2 && e[1] == '*') {
      if (e[0] == '.') {   /* last dot after any leading dots */
        long q = 0, dot = -1;
        while (q < n && p[q] == '.') q++;
        for (; q < n; q++) if (p[q] == '.') dot = q;
        f = dot >= 0 ? dot : n;
      } else {
        f = n;
        for (long q = 0; q < n; q++) if (p[q] == e[0]) f = q;
      }
    } else if (l2 > 0 && l2 <= n && memcmp(p + n - l2, e, (size_t)l2) == 0) {
      f = n - l2;
    } else {
      f = n;
    }
    if (f > 0) n = f;
  }
  return kn_str_new(vm, p, n);
}

/* dirname of s[0..len) as a new String. */
static VALUE dirname_of(VM *vm, const char *s, long len) {
  if (len == 0) return kn_str_new(vm, ".", 1);
  long r = 0;
  while (r < len && s[r] == '/') r++;
  if (r == len) return kn_str_new(vm, "/", 1);
  long end = len;
  while (end > r && s[end - 1] == '/') end--;
  long e = end;
  while (e > r && s[e - 1] != '/') e--;
  if (e == r) return r > 0 ? kn_str_new(vm, "/", 1) : kn_str_new(vm, ".", 1);
  while (e > r && s[e - 1] == '/') e--;
  if (r > 1) {   /* several leading slashes become one */
    VALUE out = kn_str_new(vm, "/", 1);
    return kn_str_cat(vm, out, s + r, e - r);
  }
  if (e == 0) return kn_str_new(vm, "/", 1);
  return kn_str_new(vm, s, e);
}

/* File.dirname(path, level = 1) */
static VALUE file_s_dirname(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  long level = argc > 1 ? kn_num2long(vm, argv[1]) : 1;
  if (level < 0) kn_raise(vm, vm->eArgumentError, "negative level: %ld", level);
  VALUE cur = kn_str_new(vm, RSTRING_PTR(path), RSTRING_LEN(path));
  for (long i = 0; i < level; i++) {
    VALUE next = dirname_of(vm, RSTRING_PTR(cur), RSTRING_LEN(cur));
    if (kn_str_equal(next, cur)) break;
    cur = next;
  }
  return cur;
}

static VALUE file_s_extname(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  const char *s = RSTRING_PTR(path);
  long len = RSTRING_LEN(path);
  long end = len;
  while (end > 0 && s[end - 1] == '/') end--;
  long beg = end;
  while (beg > 0 && s[beg - 1] != '/') beg--;
  long q = beg, dot = -1;
  while (q < end && s[q] == '.') q++;
  for (; q < end; q++) if (s[q] == '.') dot = q;
  if (dot < 0) return kn_str_new(vm, "", 0);
  return kn_str_new(vm, s + dot, end - dot);
}

typedef struct JoinStack { VALUE ary; const struct JoinStack *up; } JoinStack;

/* Appends one element to a File.join result, with CRuby's separator rules. */
static void join_append(VM *vm, VALUE result, VALUE elt, bool first) {
  if (!first) {
    const char *r = RSTRING_PTR(result);
    long rl = RSTRING_LEN(result), tail = rl;
    while (tail > 0 && r[tail - 1] == '/') tail--;
    bool elt_sep = RSTRING_LEN(elt) > 0 && RSTRING_PTR(elt)[0] == '/';
    if (elt_sep) {
      RSTRING(result)->len = tail;
      RSTRING_PTR(result)[tail] = '\0';
      RBASIC(result)->aux = 0;   /* string.c's coderange cache */
    } else if (tail == rl) {
      kn_str_cat(vm, result, "/", 1);
    }
  }
  kn_str_append(vm, result, elt);
}

static VALUE join_ary(VM *vm, VALUE ary, const JoinStack *st);

static VALUE join_elt(VM *vm, VALUE v, const JoinStack *st) {
  if (kn_is_type(v, T_STRING)) return v;
  if (kn_is_type(v, T_ARRAY)) {
    for (const JoinStack *s = st; s; s = s->up)
      if (s->ary == v) kn_raise(vm, vm->eArgumentError, "recursive array");
    return join_ary(vm, v, st);
  }
  return path_arg(vm, v);
}

static VALUE join_ary(VM *vm, VALUE ary, const JoinStack *st) {
  JoinStack me = {ary, st};
  VALUE result = kn_str_buf_new(vm, 64);
  for (long i = 0; i < RARRAY_LEN(ary); i++)
    join_append(vm, result, join_elt(vm, RARRAY_PTR(ary)[i], &me), i == 0);
  return result;
}

static VALUE file_s_join(ARGS) {
  UNUSED_ARGS;
  VALUE result = kn_str_buf_new(vm, 64);
  for (int i = 0; i < argc; i++) join_append(vm, result, join_elt(vm, argv[i], NULL), i == 0);
  return result;
}

static VALUE file_s_split(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  VALUE d = dirname_of(vm, RSTRING_PTR(path), RSTRING_LEN(path));
  VALUE b = file_s_basename(vm, self, 1, argv, Qnil);
  return kn_ary_new_values(vm, 2, d, b);
}

static VALUE current_dir(VM *vm) {
  char buf[PATH_MAX];
  if (!getcwd(buf, sizeof buf)) kn_io_sys_fail(vm, errno, "rb_dir_getwd", 0);
  return kn_str_new_cstr(vm, buf);
}

/* Removes "." and "..", doubled and trailing slashes from an absolute path. */
static VALUE normalize_abs(VM *vm, const char *s, long len) {
  VALUE out = kn_str_buf_new(vm, len + 1);
  long i = 0;
  if (len >= 2 && s[0] == '/' && s[1] == '/' && (len == 2 || s[2] != '/')) {
    kn_str_cat(vm, out, "/", 1);   /* POSIX keeps exactly two leading slashes */
    i = 1;
  }
  while (i < len) {
    while (i < len && s[i] == '/') i++;
    long b = i;
    while (i < len && s[i] != '/') i++;
    long n = i - b;
    if (n == 0 || (n == 1 && s[b] == '.')) continue;
    if (n == 2 && s[b] == '.' && s[b + 1] == '.') {
      long l = RSTRING_LEN(out);
      while (l > 0 && RSTRING_PTR(out)[l - 1] != '/') l--;
      if (l > 0) l--;
      if (l == 0 && RSTRING_LEN(out) > 0 && RSTRING_PTR(out)[0] == '/' &&
          RSTRING_LEN(out) > 1 && RSTRING_PTR(out)[1] == '/')
        l = 1;
      RSTRING(out)->len = l;
      RSTRING_PTR(out)[l] = '\0';
      RBASIC(out)->aux = 0;   /* string.c's coderange cache */
      continue;
    }
    kn_str_cat(vm, out, "/", 1);
    kn_str_cat(vm, out, s + b, n);
  }
  if (RSTRING_LEN(out) == 0) kn_str_cat(vm, out, "/", 1);
  return out;
}

static VALUE home_dir(VM *vm, const char *user, long ulen) {
  if (ulen == 0) {
    const char *h = getenv("HOME");
    if (!h) kn_raise(vm, vm->eArgumentError, "couldn't find login name -- expanding `~'");
    return kn_str_new_cstr(vm, h);
  }
  VALUE name = kn_str_new(vm, user, ulen);
  struct passwd *pw = getpwnam(RSTRING_PTR(name));
  if (!pw) kn_raise(vm, vm->eArgumentError, "user %s doesn't exist", RSTRING_PTR(name));
  return kn_str_new_cstr(vm, pw->pw_dir);
}

static VALUE expand(VM *vm, VALUE path, VALUE dir, bool tilde) {
  path = path_arg(vm, path);
  const char *s = RSTRING_PTR(path);
  long len = RSTRING_LEN(path);
  VALUE full;
  if (tilde && len > 0 && s[0] == '~') {
    long u = 1;
    while (u < len && s[u] != '/') u++;
    full = kn_str_dup(vm, home_dir(vm, s + 1, u - 1));
    if (RSTRING_LEN(full) == 0 || RSTRING_PTR(full)[0] != '/')
      kn_raise(vm, vm->eArgumentError, "non-absolute home");
    kn_str_cat(vm, full, "/", 1);
    kn_str_cat(vm, full, s + u, len - u);
  } else if (len > 0 && s[0] == '/') {
    full = path;
  } else {
    VALUE base = NIL_P(dir) ? current_dir(vm) : expand(vm, dir, Qnil, tilde);
    full = kn_str_dup(vm, base);
    kn_str_cat(vm, full, "/", 1);
    kn_str_append(vm, full, path);
  }
  return normalize_abs(vm, RSTRING_PTR(full), RSTRING_LEN(full));
}

static VALUE file_s_expand_path(ARGS) {
  UNUSED_ARGS;
  return expand(vm, argv[0], argc > 1 ? argv[1] : Qnil, true);
}

static VALUE file_s_absolute_path(ARGS) {
  UNUSED_ARGS;
  return expand(vm, argv[0], argc > 1 ? argv[1] : Qnil, false);
}

static VALUE file_s_absolute_path_p(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  return KN_BOOL(RSTRING_LEN(path) > 0 && RSTRING_PTR(path)[0] == '/');
}

static VALUE file_s_realpath(ARGS) {
  UNUSED_ARGS;
  VALUE path = argc > 1 && !NIL_P(argv[1]) ? expand(vm, argv[0], argv[1], false)
                                           : path_arg(vm, argv[0]);
  char buf[PATH_MAX];
  if (!realpath(path_cstr(vm, path), buf))
    kn_io_sys_fail(vm, errno, "rb_check_realpath_internal", path);
  return kn_str_new_cstr(vm, buf);
}

/* ---- stat predicates ------------------------------------------------------------------------ */

static bool do_stat(VM *vm, VALUE v, struct stat *st) {
  return stat(path_cstr(vm, path_arg(vm, v)), st) == 0;
}

static VALUE file_s_exist_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  return KN_BOOL(do_stat(vm, argv[0], &st));
}

static VALUE file_s_file_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  return KN_BOOL(do_stat(vm, argv[0], &st) && S_ISREG(st.st_mode));
}

static VALUE file_s_directory_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  return KN_BOOL(do_stat(vm, argv[0], &st) && S_ISDIR(st.st_mode));
}

static VALUE file_s_symlink_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  return KN_BOOL(lstat(path_cstr(vm, path_arg(vm, argv[0])), &st) == 0 && S_ISLNK(st.st_mode));
}

static VALUE file_s_readable_p(ARGS) {
  UNUSED_ARGS;
  return KN_BOOL(access(path_cstr(vm, path_arg(vm, argv[0])), R_OK) == 0);
}

static VALUE file_s_writable_p(ARGS) {
  UNUSED_ARGS;
  return KN_BOOL(access(path_cstr(vm, path_arg(vm, argv[0])), W_OK) == 0);
}

static VALUE file_s_executable_p(ARGS) {
  UNUSED_ARGS;
  return KN_BOOL(access(path_cstr(vm, path_arg(vm, argv[0])), X_OK) == 0);
}

static VALUE file_s_zero_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  return KN_BOOL(do_stat(vm, argv[0], &st) && st.st_size == 0);
}

static VALUE file_s_size_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  if (!do_stat(vm, argv[0], &st) || st.st_size == 0) return Qnil;
  return kn_int_new(vm, (intptr_t)st.st_size);
}

static void stat_or_fail(VM *vm, VALUE v, struct stat *st, const char *func) {
  VALUE path = path_arg(vm, v);
  if (stat(path_cstr(vm, path), st) < 0) kn_io_sys_fail(vm, errno, func, path);
}

static VALUE file_s_size(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  stat_or_fail(vm, argv[0], &st, "rb_file_s_size");
  return kn_int_new(vm, (intptr_t)st.st_size);
}

static VALUE file_s_mtime(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  stat_or_fail(vm, argv[0], &st, "rb_file_s_mtime");
  return time_from_timespec(vm, st.st_mtim);
}

static const char *ftype_name(mode_t m) {
  if (S_ISREG(m)) return "file";
  if (S_ISDIR(m)) return "directory";
  if (S_ISLNK(m)) return "link";
  if (S_ISCHR(m)) return "characterSpecial";
  if (S_ISBLK(m)) return "blockSpecial";
  if (S_ISFIFO(m)) return "fifo";
  if (S_ISSOCK(m)) return "socket";
  return "unknown";
}

static VALUE file_s_ftype(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  struct stat st;
  if (lstat(path_cstr(vm, path), &st) < 0) kn_io_sys_fail(vm, errno, "rb_file_s_ftype", path);
  return kn_str_new_cstr(vm, ftype_name(st.st_mode));
}

/* File.delete(*paths) */
static VALUE file_s_delete(ARGS) {
  UNUSED_ARGS;
  for (int i = 0; i < argc; i++) {
    VALUE path = path_arg(vm, argv[i]);
    if (unlink(path_cstr(vm, path)) < 0) kn_io_sys_fail(vm, errno, "apply2files", path);
  }
  return INT2FIX(argc);
}

static VALUE file_s_chmod(ARGS) {
  UNUSED_ARGS;
  mode_t mode = (mode_t)kn_num2long(vm, argv[0]);
  for (int i = 1; i < argc; i++) {
    VALUE path = path_arg(vm, argv[i]);
    if (chmod(path_cstr(vm, path), mode) < 0) kn_io_sys_fail(vm, errno, "apply2files", path);
  }
  return INT2FIX(argc - 1);
}

static VALUE file_s_rename(ARGS) {
  UNUSED_ARGS;
  VALUE from = path_arg(vm, argv[0]), to = path_arg(vm, argv[1]);
  if (rename(path_cstr(vm, from), path_cstr(vm, to)) < 0)
    kn_io_sys_fail(vm, errno, "rb_file_s_rename", kn_str_printf(vm, "(%V, %V)", from, to));
  return INT2FIX(0);
}

/* ---- File::Stat -------------------------------------------------------------------------- */

static void stat_free(void *p) { free(p); }
static const DataType stat_type = {"File::Stat", NULL, stat_free};

static VALUE stat_new(VM *vm, VALUE klass, const struct stat *st) {
  struct stat *copy = kn_xmalloc(sizeof *copy);
  *copy = *st;
  return kn_data_new(vm, klass, &stat_type, copy);
}

static VALUE file_s_stat_common(VM *vm, VALUE v, bool link) {
  VALUE path = path_arg(vm, v);
  struct stat st;
  int r = link ? lstat(path_cstr(vm, path), &st) : stat(path_cstr(vm, path), &st);
  if (r < 0) kn_io_sys_fail(vm, errno, link ? "rb_file_s_lstat" : "rb_file_s_stat", path);
  VALUE klass = kn_const_get(vm, vm->cFile, kn_intern(vm, "Stat"));
  return stat_new(vm, klass, &st);
}

static VALUE file_s_stat(ARGS) { UNUSED_ARGS; return file_s_stat_common(vm, argv[0], false); }
static VALUE file_s_lstat(ARGS) { UNUSED_ARGS; return file_s_stat_common(vm, argv[0], true); }

static struct stat *get_stat(VM *vm, VALUE self) { return kn_data_get(vm, self, &stat_type); }

static VALUE stat_size(ARGS) { UNUSED_ARGS; return kn_int_new(vm, (intptr_t)get_stat(vm, self)->st_size); }
static VALUE stat_mode(ARGS) { UNUSED_ARGS; return kn_int_new(vm, (intptr_t)get_stat(vm, self)->st_mode); }
static VALUE stat_uid(ARGS) { UNUSED_ARGS; return kn_int_new(vm, (intptr_t)get_stat(vm, self)->st_uid); }
static VALUE stat_gid(ARGS) { UNUSED_ARGS; return kn_int_new(vm, (intptr_t)get_stat(vm, self)->st_gid); }
static VALUE stat_ino(ARGS) { UNUSED_ARGS; return kn_int_new(vm, (intptr_t)get_stat(vm, self)->st_ino); }
static VALUE stat_nlink(ARGS) { UNUSED_ARGS; return kn_int_new(vm, (intptr_t)get_stat(vm, self)->st_nlink); }
static VALUE stat_file_p(ARGS) { UNUSED_ARGS; return KN_BOOL(S_ISREG(get_stat(vm, self)->st_mode)); }
static VALUE stat_dir_p(ARGS) { UNUSED_ARGS; return KN_BOOL(S_ISDIR(get_stat(vm, self)->st_mode)); }
static VALUE stat_link_p(ARGS) { UNUSED_ARGS; return KN_BOOL(S_ISLNK(get_stat(vm, self)->st_mode)); }
static VALUE stat_zero_p(ARGS) { UNUSED_ARGS; return KN_BOOL(get_stat(vm, self)->st_size == 0); }
static VALUE stat_ftype(ARGS) { UNUSED_ARGS; return kn_str_new_cstr(vm, ftype_name(get_stat(vm, self)->st_mode)); }
static VALUE stat_mtime(ARGS) { UNUSED_ARGS; return time_from_timespec(vm, get_stat(vm, self)->st_mtim); }
static VALUE stat_atime(ARGS) { UNUSED_ARGS; return time_from_timespec(vm, get_stat(vm, self)->st_atim); }
static VALUE stat_ctime(ARGS) { UNUSED_ARGS; return time_from_timespec(vm, get_stat(vm, self)->st_ctim); }

/* ---- Dir ---------------------------------------------------------------------------------- */

static VALUE dir_s_pwd(ARGS) { UNUSED_ARGS; return current_dir(vm); }

static VALUE dir_s_exist_p(ARGS) { return file_s_directory_p(vm, self, argc, argv, blk); }

static VALUE dir_s_mkdir(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  mode_t mode = argc > 1 ? (mode_t)kn_num2long(vm, argv[1]) : 0777;
  if (mkdir(path_cstr(vm, path), mode) < 0) kn_io_sys_fail(vm, errno, "dir_s_mkdir", path);
  return INT2FIX(0);
}

static VALUE dir_s_rmdir(ARGS) {
  UNUSED_ARGS;
  VALUE path = path_arg(vm, argv[0]);
  if (rmdir(path_cstr(vm, path)) < 0) kn_io_sys_fail(vm, errno, "dir_s_rmdir", path);
  return INT2FIX(0);
}

/* Names in directory `path`, optionally without "." and "..". */
static VALUE dir_list(VM *vm, VALUE v, bool dots) {
  VALUE path = path_arg(vm, v);
  DIR *d = opendir(path_cstr(vm, path));
  if (!d) kn_io_sys_fail(vm, errno, "dir_initialize", path);
  VALUE ary = kn_ary_new(vm);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!dots && (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))) continue;
    kn_ary_push(vm, ary, kn_str_new_cstr(vm, e->d_name));
  }
  closedir(d);
  return ary;
}

static VALUE dir_s_entries(ARGS) { UNUSED_ARGS; return dir_list(vm, argv[0], true); }
static VALUE dir_s_children(ARGS) { UNUSED_ARGS; return dir_list(vm, argv[0], false); }

static VALUE dir_s_each_child(ARGS) {
  if (NIL_P(blk)) return enum_for(vm, self, "each_child", argc, argv);
  VALUE ary = dir_list(vm, argv[0], false);
  for (long i = 0; i < RARRAY_LEN(ary); i++) kn_yield1(vm, blk, RARRAY_PTR(ary)[i]);
  return Qnil;
}

static VALUE dir_s_empty_p(ARGS) {
  UNUSED_ARGS;
  struct stat st;
  if (!do_stat(vm, argv[0], &st) || !S_ISDIR(st.st_mode)) return Qfalse;
  return KN_BOOL(RARRAY_LEN(dir_list(vm, argv[0], false)) == 0);
}

static int cmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Dir.glob(pattern(s), flags = 0, base: nil): glob(3) with braces; "**" is not recursive. */
static VALUE dir_s_glob(ARGS) {
  (void)self;
  int n = argc;
  VALUE base = Qnil;
  if (n > 0 && kn_is_type(argv[n - 1], T_HASH)) {
    VALUE b;
    if (kn_hash_lookup(vm, argv[n - 1], kn_sym(vm, "base"), &b)) base = b;
    n--;
  }
  if (n < 1) kn_arity_error(vm, n, 1, 2);
  VALUE pats = kn_is_type(argv[0], T_ARRAY) ? argv[0] : kn_ary_new_values(vm, 1, argv[0]);
  VALUE result = kn_ary_new(vm);
  for (long i = 0; i < RARRAY_LEN(pats); i++) {
    VALUE pat = path_arg(vm, RARRAY_PTR(pats)[i]);
    VALUE full = pat;
    long skip = 0;
    if (!NIL_P(base) && RSTRING_LEN(pat) > 0 && RSTRING_PTR(pat)[0] != '/') {
      full = kn_str_dup(vm, path_arg(vm, base));
      if (RSTRING_LEN(full) && RSTRING_PTR(full)[RSTRING_LEN(full) - 1] != '/') kn_str_cat(vm, full, "/", 1);
      skip = RSTRING_LEN(full);
      kn_str_append(vm, full, pat);
    }
    glob_t g;
    memset(&g, 0, sizeof g);
    int r = glob(path_cstr(vm, full), GLOB_BRACE | GLOB_NOSORT, NULL, &g);
    if (r == 0) {
      qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), cmp_cstr);
      for (size_t j = 0; j < g.gl_pathc; j++) {
        const char *m = g.gl_pathv[j];
        if ((long)strlen(m) < skip) continue;
        kn_ary_push(vm, result, kn_str_new_cstr(vm, m + skip));
      }
    }
    globfree(&g);
  }
  if (!NIL_P(blk)) {
    for (long i = 0; i < RARRAY_LEN(result); i++) kn_yield1(vm, blk, RARRAY_PTR(result)[i]);
    return Qnil;
  }
  return result;
}

static VALUE dir_s_aref(ARGS) {
  (void)blk;
  return dir_s_glob(vm, self, argc, argv, Qnil);
}

static VALUE dir_s_chdir(ARGS) {
  (void)self;
  VALUE path;
  if (argc > 0) path = path_arg(vm, argv[0]);
  else {
    const char *h = getenv("HOME");
    if (!h) kn_raise(vm, vm->eArgumentError, "HOME/LOGDIR not set");
    path = kn_str_new_cstr(vm, h);
  }
  VALUE old = NIL_P(blk) ? Qnil : current_dir(vm);
  if (chdir(path_cstr(vm, path)) < 0) kn_io_sys_fail(vm, errno, "dir_s_chdir", path);
  if (NIL_P(blk)) return INT2FIX(0);
  volatile VALUE vold = old;
  volatile VALUE result = Qnil;
  KN_TRY(vm) {
    result = kn_yield1(vm, blk, path);
  } KN_CATCH(vm) {
    VALUE err = vm->errinfo;
    if (chdir(RSTRING_PTR(vold)) < 0) { /* nothing sensible to do */ }
    kn_jump(vm, kn_tag, err);
  } KN_END(vm);
  if (chdir(RSTRING_PTR(vold)) < 0) kn_io_sys_fail(vm, errno, "dir_chdir", vold);
  return result;
}

static VALUE dir_s_home(ARGS) {
  UNUSED_ARGS;
  if (argc > 0 && !NIL_P(argv[0])) {
    VALUE u = kn_check_string(vm, argv[0]);
    return home_dir(vm, RSTRING_PTR(u), RSTRING_LEN(u));
  }
  return home_dir(vm, "", 0);
}

/* ---- Process -------------------------------------------------------------------------------- */

static VALUE proc_clock_gettime(ARGS) {
  UNUSED_ARGS;
  if (!FIXNUM_P(argv[0])) {
    if (SYMBOL_P(argv[0])) kn_io_sys_fail(vm, EINVAL, NULL, 0);
    kn_type_error(vm, argv[0], "Integer");
  }
  struct timespec ts;
  if (clock_gettime((clockid_t)FIX2LONG(argv[0]), &ts) < 0)
    kn_io_sys_fail(vm, errno, NULL, kn_str_new_cstr(vm, "clock_gettime"));
  const char *unit = "float_second";
  if (argc > 1) {
    if (!SYMBOL_P(argv[1])) {
      VALUE s = kn_inspect(vm, argv[1]);
      kn_raise(vm, vm->eArgumentError, "unexpected unit: %s", RSTRING_PTR(s));
    }
    unit = kn_id_name(vm, SYM2ID(argv[1]));
  }
  long long sec = ts.tv_sec, ns = ts.tv_nsec;
  if (!strcmp(unit, "float_second")) return kn_float_new(vm, (double)sec + (double)ns / 1e9);
  if (!strcmp(unit, "float_millisecond")) return kn_float_new(vm, (double)sec * 1e3 + (double)ns / 1e6);
  if (!strcmp(unit, "float_microsecond")) return kn_float_new(vm, (double)sec * 1e6 + (double)ns / 1e3);
  if (!strcmp(unit, "second")) return kn_int_from_ll(vm, sec);
  if (!strcmp(unit, "millisecond")) return kn_int_from_ll(vm, sec * 1000 + ns / 1000000);
  if (!strcmp(unit, "microsecond")) return kn_int_from_ll(vm, sec * 1000000 + ns / 1000);
  if (!strcmp(unit, "nanosecond")) return kn_int_from_ll(vm, sec * 1000000000LL + ns);
  kn_raise(vm, vm->eArgumentError, "unexpected unit: %s", unit);
}

static VALUE proc_pid(ARGS) { UNUSED_ARGS; return INT2FIX(getpid()); }
static VALUE proc_ppid(ARGS) { UNUSED_ARGS; return INT2FIX(getppid()); }

/* ---- ENV ------------------------------------------------------------------------------------- */

static VALUE env_str(VM *vm, const char *s, long n) {
  return kn_obj_freeze(vm, kn_str_new(vm, s, n));
}

static VALUE env_name(VM *vm, VALUE v) {
  VALUE s = kn_check_string(vm, v);
  if (memchr(RSTRING_PTR(s), '\0', (size_t)RSTRING_LEN(s)))
    kn_raise(vm, vm->eArgumentError, "bad environment variable name: contains null byte");
  return s;
}

static VALUE env_get(VM *vm, VALUE name) {
  const char *v = getenv(RSTRING_PTR(env_name(vm, name)));
  return v ? env_str(vm, v, (long)strlen(v)) : Qnil;
}

static VALUE env_aref(ARGS) { UNUSED_ARGS; return env_get(vm, argv[0]); }

static VALUE env_aset(ARGS) {
  UNUSED_ARGS;
  VALUE name = env_name(vm, argv[0]);
  if (NIL_P(argv[1])) {
    unsetenv(RSTRING_PTR(name));
    return Qnil;
  }
  VALUE val = kn_check_string(vm, argv[1]);
  if (RSTRING_LEN(name) == 0 || strchr(RSTRING_PTR(name), '='))
    kn_io_sys_fail(vm, EINVAL, NULL, kn_str_printf(vm, "setenv(%V)", name));
  setenv(RSTRING_PTR(name), RSTRING_PTR(val), 1);
  return argv[1];
}

static VALUE env_fetch(ARGS) {
  (void)self;
  VALUE v = env_get(vm, argv[0]);
  if (!NIL_P(v)) return v;
  if (!NIL_P(blk)) return kn_yield1(vm, blk, argv[0]);
  if (argc > 1) return argv[1];
  VALUE s = kn_inspect(vm, argv[0]);
  kn_raise(vm, vm->eKeyError, "key not found: %s", RSTRING_PTR(s));
}

static VALUE env_key_p(ARGS) { UNUSED_ARGS; return KN_BOOL(!NIL_P(env_get(vm, argv[0]))); }

static VALUE env_delete(ARGS) {
  (void)self; (void)argc;
  VALUE v = env_get(vm, argv[0]);
  if (NIL_P(v)) return NIL_P(blk) ? Qnil : kn_yield1(vm, blk, argv[0]);
  unsetenv(RSTRING_PTR(argv[0]));
  return v;
}

/* Calls fn(name, value) for each variable, on a snapshot taken first. */
static VALUE env_pairs(VM *vm) {
  VALUE ary = kn_ary_new(vm);
  for (char **e = environ; e && *e; e++) {
    const char *eq = strchr(*e, '=');
    if (!eq) continue;
    kn_ary_push(vm, ary, kn_ary_new_values(vm, 2, env_str(vm, *e, eq - *e),
                                           env_str(vm, eq + 1, (long)strlen(eq + 1))));
  }
  return ary;
}

static VALUE env_to_h(ARGS) {
  UNUSED_ARGS;
  VALUE pairs = env_pairs(vm), h = kn_hash_new(vm);
  for (long i = 0; i < RARRAY_LEN(pairs); i++) {
    VALUE pr = RARRAY_PTR(pairs)[i];
    if (!NIL_P(blk)) {
      pr = kn_yield_values(vm, blk, 2, RARRAY_PTR(pr)[0], RARRAY_PTR(pr)[1]);
      pr = kn_check_array(vm, pr);
      if (NIL_P(pr) || RARRAY_LEN(pr) != 2)
        kn_raise(vm, vm->eTypeError, "wrong element type (expected array)");
    }
    kn_hash_aset(vm, h, RARRAY_PTR(pr)[0], RARRAY_PTR(pr)[1]);
  }
  return h;
}

static VALUE env_keys(ARGS) {
  UNUSED_ARGS;
  VALUE pairs = env_pairs(vm), out = kn_ary_new(vm);
  for (long i = 0; i < RARRAY_LEN(pairs); i++) kn_ary_push(vm, out, RARRAY_PTR(RARRAY_PTR(pairs)[i])[0]);
  return out;
}

static VALUE env_values(ARGS) {
  UNUSED_ARGS;
  VALUE pairs = env_pairs(vm), out = kn_ary_new(vm);
  for (long i = 0; i < RARRAY_LEN(pairs); i++) kn_ary_push(vm, out, RARRAY_PTR(RARRAY_PTR(pairs)[i])[1]);
  return out;
}

static VALUE env_each(ARGS) {
  if (NIL_P(blk)) return enum_for(vm, self, "each", argc, argv);
  VALUE pairs = env_pairs(vm);
  for (long i = 0; i < RARRAY_LEN(pairs); i++) kn_yield1(vm, blk, RARRAY_PTR(pairs)[i]);
  return self;
}

static VALUE env_select_common(VM *vm, VALUE self, VALUE blk, bool keep, const char *name) {
  if (NIL_P(blk)) return enum_for(vm, self, name, 0, NULL);
  VALUE pairs = env_pairs(vm), h = kn_hash_new(vm);
  for (long i = 0; i < RARRAY_LEN(pairs); i++) {
    VALUE pr = RARRAY_PTR(pairs)[i];
    bool t = RTEST(kn_yield_values(vm, blk, 2, RARRAY_PTR(pr)[0], RARRAY_PTR(pr)[1]));
    if (t == keep) kn_hash_aset(vm, h, RARRAY_PTR(pr)[0], RARRAY_PTR(pr)[1]);
  }
  return h;
}

static VALUE env_select(ARGS) { (void)argc; (void)argv; return env_select_common(vm, self, blk, true, "select"); }
static VALUE env_reject(ARGS) { (void)argc; (void)argv; return env_select_common(vm, self, blk, false, "reject"); }

static VALUE env_size(ARGS) {
  UNUSED_ARGS;
  long n = 0;
  for (char **e = environ; e && *e; e++) n++;
  return INT2FIX(n);
}

static VALUE env_empty_p(ARGS) { UNUSED_ARGS; return KN_BOOL(!environ || !*environ); }
static VALUE env_to_s(ARGS) { UNUSED_ARGS; return kn_str_new_cstr(vm, "ENV"); }

static VALUE env_inspect(ARGS) {
  (void)blk;
  return kn_inspect(vm, env_to_h(vm, self, argc, argv, Qnil));
}

/* ---- Time --------------------------------------------------------------------------------- */

typedef struct KnTime {
  struct timespec ts;
  bool utc;
} KnTime;

static void time_free(void *p) { free(p); }
static const DataType time_type = {"Time", NULL, time_free};

static VALUE time_new(VM *vm, VALUE klass, struct timespec ts, bool utc) {
  KnTime *t = kn_xmalloc(sizeof *t);
  while (ts.tv_nsec >= 1000000000L) { ts.tv_nsec -= 1000000000L; ts.tv_sec++; }
  while (ts.tv_nsec < 0) { ts.tv_nsec += 1000000000L; ts.tv_sec--; }
  t->ts = ts;
  t->utc = utc;
  return kn_data_new(vm, klass, &time_type, t);
}

static VALUE time_from_timespec(VM *vm, struct timespec ts) {
  return time_new(vm, vm->cTime, ts, false);
}

static KnTime *get_time(VM *vm, VALUE v) { return kn_data_get(vm, v, &time_type); }

static void time_tm(KnTime *t, struct tm *tm) {
  time_t s = t->ts.tv_sec;
  if (t->utc) gmtime_r(&s, tm);
  else localtime_r(&s, tm);
}

/* A Numeric number of seconds as a timespec. */
static struct timespec num_to_ts(VM *vm, VALUE v) {
  struct timespec ts;
  if (FIXNUM_P(v)) { ts.tv_sec = FIX2LONG(v); ts.tv_nsec = 0; return ts; }
  double d = kn_num2dbl(vm, v);
  double s = floor(d);
  ts.tv_sec = (time_t)s;
  ts.tv_nsec = (long)floor((d - s) * 1e9 + 0.5);
  if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
  return ts;
}

static VALUE time_s_now(ARGS) {
  UNUSED_ARGS;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return time_new(vm, self, ts, false);
}

static VALUE time_s_at(ARGS) {
  UNUSED_ARGS;
  struct timespec ts;
  if (kn_is_type(argv[0], T_DATA) && RDATA(argv[0])->type == &time_type) ts = get_time(vm, argv[0])->ts;
  else ts = num_to_ts(vm, argv[0]);
  if (argc > 1) {   /* Time.at(sec, usec) */
    double sub = kn_num2dbl(vm, argv[1]);
    const char *unit = argc > 2 && SYMBOL_P(argv[2]) ? kn_id_name(vm, SYM2ID(argv[2])) : "microsecond";
    double mult = !strcmp(unit, "millisecond") ? 1e6 : !strcmp(unit, "nanosecond") || !strcmp(unit, "nsec") ? 1 : 1e3;
    ts.tv_nsec += (long)(sub * mult);
  }
  return time_new(vm, self, ts, false);
}

/* Time.new / Time.local / Time.utc (year, month = 1, day = 1, hour = 0, min = 0, sec = 0) */
static VALUE time_make(VM *vm, VALUE klass, int argc, VALUE *argv, bool utc) {
  struct tm tm;
  memset(&tm, 0, sizeof tm);
  long f[6] = {1970, 1, 1, 0, 0, 0};
  double fsec = 0;
  for (int i = 0; i < argc && i < 6; i++) {
    if (NIL_P(argv[i])) continue;
    if (i == 5 && !FIXNUM_P(argv[i])) {
      fsec = kn_num2dbl(vm, argv[i]);
      f[5] = (long)floor(fsec);
      fsec -= (double)f[5];
    } else {
      f[i] = kn_num2long(vm, argv[i]);
    }
  }
  if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] < 0 || f[3] > 24 || f[4] < 0 ||
      f[4] > 59 || f[5] < 0 || f[5] > 60)
    kn_raise(vm, vm->eArgumentError, "argument out of range");
  tm.tm_year = (int)(f[0] - 1900);
  tm.tm_mon = (int)(f[1] - 1);
  tm.tm_mday = (int)f[2];
  tm.tm_hour = (int)f[3];
  tm.tm_min = (int)f[4];
  tm.tm_sec = (int)f[5];
  tm.tm_isdst = -1;
  struct timespec ts;
  ts.tv_sec = utc ? timegm(&tm) : mktime(&tm);
  ts.tv_nsec = (long)(fsec * 1e9);
  return time_new(vm, klass, ts, utc);
}

static VALUE time_s_new(ARGS) {
  (void)blk;
  if (argc == 0) return time_s_now(vm, self, 0, NULL, Qnil);
  return time_make(vm, self, argc, argv, false);
}

static VALUE time_s_local(ARGS) { (void)blk; return time_make(vm, self, argc, argv, false); }
static VALUE time_s_utc(ARGS) { (void)blk; return time_make(vm, self, argc, argv, true); }

static double time_dbl(KnTime *t) { return (double)t->ts.tv_sec + (double)t->ts.tv_nsec / 1e9; }

static VALUE time_to_f(ARGS) { UNUSED_ARGS; return kn_float_new(vm, time_dbl(get_time(vm, self))); }
static VALUE time_to_i(ARGS) { UNUSED_ARGS; return kn_int_from_ll(vm, (long long)get_time(vm, self)->ts.tv_sec); }
static VALUE time_usec(ARGS) { UNUSED_ARGS; return INT2FIX(get_time(vm, self)->ts.tv_nsec / 1000); }
static VALUE time_nsec(ARGS) { UNUSED_ARGS; return INT2FIX(get_time(vm, self)->ts.tv_nsec); }

static bool is_time(VALUE v) { return kn_is_type(v, T_DATA) && RDATA(v)->type == &time_type; }

static VALUE time_minus(ARGS) {
  UNUSED_ARGS;
  KnTime *a = get_time(vm, self);
  if (is_time(argv[0])) {
    KnTime *b = get_time(vm, argv[0]);
    return kn_float_new(vm, (double)(a->ts.tv_sec - b->ts.tv_sec) +
                                (double)(a->ts.tv_nsec - b->ts.tv_nsec) / 1e9);
  }
  struct timespec d = num_to_ts(vm, argv[0]), r = a->ts;
  r.tv_sec -= d.tv_sec;
  r.tv_nsec -= d.tv_nsec;
  return time_new(vm, kn_obj_class(vm, self), r, a->utc);
}

static VALUE time_plus(ARGS) {
  UNUSED_ARGS;
  KnTime *a = get_time(vm, self);
  if (is_time(argv[0])) kn_raise(vm, vm->eTypeError, "time + time?");
  struct timespec d = num_to_ts(vm, argv[0]), r = a->ts;
  r.tv_sec += d.tv_sec;
  r.tv_nsec += d.tv_nsec;
  return time_new(vm, kn_obj_class(vm, self), r, a->utc);
}

static VALUE time_cmp(ARGS) {
  UNUSED_ARGS;
  if (!is_time(argv[0])) return Qnil;
  KnTime *a = get_time(vm, self), *b = get_time(vm, argv[0]);
  if (a->ts.tv_sec != b->ts.tv_sec) return INT2FIX(a->ts.tv_sec < b->ts.tv_sec ? -1 : 1);
  if (a->ts.tv_nsec != b->ts.tv_nsec) return INT2FIX(a->ts.tv_nsec < b->ts.tv_nsec ? -1 : 1);
  return INT2FIX(0);
}

static VALUE time_eq(ARGS) {
  VALUE c = time_cmp(vm, self, argc, argv, blk);
  return KN_BOOL(c == INT2FIX(0));
}

static VALUE time_hash(ARGS) {
  UNUSED_ARGS;
  KnTime *t = get_time(vm, self);
  return INT2FIX(((intptr_t)t->ts.tv_sec * 1000003 ^ t->ts.tv_nsec) & 0x3fffffffffffffffLL);
}

#define TM_FIELD(fname, expr)                      \
  static VALUE fname(ARGS) {                       \
    UNUSED_ARGS;                                   \
    struct tm tm;                                  \
    time_tm(get_time(vm, self), &tm);              \
    return INT2FIX(expr);                          \
  }
TM_FIELD(time_year, tm.tm_year + 1900)
TM_FIELD(time_month, tm.tm_mon + 1)
TM_FIELD(time_day, tm.tm_mday)
TM_FIELD(time_hour, tm.tm_hour)
TM_FIELD(time_min, tm.tm_min)
TM_FIELD(time_sec, tm.tm_sec)
TM_FIELD(time_wday, tm.tm_wday)
TM_FIELD(time_yday, tm.tm_yday + 1)
TM_FIELD(time_utc_offset, tm.tm_gmtoff)

static VALUE time_utc_p(ARGS) { UNUSED_ARGS; return KN_BOOL(get_time(vm, self)->utc); }

static VALUE time_zone(ARGS) {
  UNUSED_ARGS;
  KnTime *t = get_time(vm, self);
  if (t->utc) return kn_str_new_cstr(vm, "UTC");
  struct tm tm;
  time_tm(t, &tm);
  return tm.tm_zone ? kn_str_new_cstr(vm, tm.tm_zone) : Qnil;
}

static VALUE time_utc(ARGS) {
  UNUSED_ARGS;
  get_time(vm, self)->utc = true;
  return self;
}

static VALUE time_getutc(ARGS) {
  UNUSED_ARGS;
  return time_new(vm, kn_obj_class(vm, self), get_time(vm, self)->ts, true);
}

static VALUE time_localtime(ARGS) {
  UNUSED_ARGS;
  get_time(vm, self)->utc = false;
  return self;
}

static VALUE time_getlocal(ARGS) {
  UNUSED_ARGS;
  return time_new(vm, kn_obj_class(vm, self), get_time(vm, self)->ts, false);
}

/* strftime with Ruby's extras: %L (ms), %N / %3N / %6N / %9N, %:z, and UTC's %Z. */
static VALUE time_format(VM *vm, KnTime *t, const char *fmt, long flen) {
  struct tm tm;
  time_tm(t, &tm);
  VALUE out = kn_str_buf_new(vm, flen + 16);
  char piece[16], buf[256];
  long i = 0;
  while (i < flen) {
    if (fmt[i] != '%' || i + 1 >= flen) { kn_str_cat(vm, out, fmt + i, 1); i++; continue; }
    long j = i + 1;
    while (j < flen && strchr("-_0^#:", fmt[j])) j++;
    long w = 0;
    while (j < flen && fmt[j] >= '0' && fmt[j] <= '9') w = w * 10 + (fmt[j++] - '0');
    if (j >= flen) { kn_str_cat(vm, out, fmt + i, flen - i); break; }
    char c = fmt[j];
    if (c == 'L' || c == 'N') {
      long digits = w ? w : (c == 'L' ? 3 : 9);
      char ns[32];
      snprintf(ns, sizeof ns, "%09ld", t->ts.tv_nsec);
      for (long d = 0; d < digits; d++) kn_str_cat(vm, out, d < 9 ? ns + d : "0", 1);
    } else if (c == 'z' && fmt[j - 1] == ':') {
      long off = t->utc ? 0 : tm.tm_gmtoff;
      snprintf(buf, sizeof buf, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
      kn_str_cat_cstr(vm, out, buf);
    } else if (c == 'Z' && t->utc) {
      kn_str_cat_cstr(vm, out, "UTC");
    } else {
      long n = j - i + 1;
      if (n >= (long)sizeof piece) n = sizeof piece - 1;
      memcpy(piece, fmt + i, (size_t)n);
      piece[n] = '\0';
      size_t m = strftime(buf, sizeof buf, piece, &tm);
      kn_str_cat(vm, out, buf, (long)m);
    }
    i = j + 1;
  }
  return out;
}

static VALUE time_strftime(ARGS) {
  UNUSED_ARGS;
  VALUE f = kn_check_string(vm, argv[0]);
  return time_format(vm, get_time(vm, self), RSTRING_PTR(f), RSTRING_LEN(f));
}

static VALUE time_to_s(ARGS) {
  UNUSED_ARGS;
  KnTime *t = get_time(vm, self);
  const char *f = t->utc ? "%Y-%m-%d %H:%M:%S UTC" : "%Y-%m-%d %H:%M:%S %z";
  return time_format(vm, t, f, (long)strlen(f));
}

static VALUE time_inspect(ARGS) {
  UNUSED_ARGS;
  KnTime *t = get_time(vm, self);
  VALUE s = time_format(vm, t, "%Y-%m-%d %H:%M:%S", 17);
  if (t->ts.tv_nsec) {
    char ns[16];
    int n = snprintf(ns, sizeof ns, ".%09ld", t->ts.tv_nsec);
    while (n > 1 && ns[n - 1] == '0') n--;
    kn_str_cat(vm, s, ns, n);
  }
  VALUE z = time_format(vm, t, t->utc ? " UTC" : " %z", t->utc ? 4 : 3);
  return kn_str_append(vm, s, z);
}

static VALUE time_to_a(ARGS) {
  UNUSED_ARGS;
  KnTime *t = get_time(vm, self);
  struct tm tm;
  time_tm(t, &tm);
  VALUE z = time_zone(vm, self, 0, NULL, Qnil);
  return kn_ary_new_values(vm, 10, INT2FIX(tm.tm_sec), INT2FIX(tm.tm_min), INT2FIX(tm.tm_hour),
                           INT2FIX(tm.tm_mday), INT2FIX(tm.tm_mon + 1), INT2FIX(tm.tm_year + 1900),
                           INT2FIX(tm.tm_wday), INT2FIX(tm.tm_yday + 1), KN_BOOL(tm.tm_isdst > 0), z);
}

/* ---- initialisation ------------------------------------------------------------------------- */

/* File.fnmatch(pattern, path, flags = 0) through fnmatch(3): Ruby's FNM_DOTMATCH is the
 * opposite of FNM_PERIOD; FNM_EXTGLOB (braces) is not supported. */
static VALUE file_s_fnmatch(ARGS) {
  UNUSED_ARGS;
  VALUE pat = kn_check_string(vm, argv[0]), path = kn_check_string(vm, argv[1]);
  long rf = argc > 2 ? kn_num2long(vm, argv[2]) : 0;
  int f = 0;
  if (rf & 1) f |= FNM_NOESCAPE;
  if (rf & 2) f |= FNM_PATHNAME;
  if (!(rf & 4)) f |= FNM_PERIOD;
  if (rf & 8) f |= FNM_CASEFOLD;
  return KN_BOOL(fnmatch(kn_str_cstr(vm, pat), kn_str_cstr(vm, path), f) == 0);
}

void kn_init_file(VM *vm) {
  VALUE f = vm->cFile;
  kn_define_const(vm, f, "SEPARATOR", kn_obj_freeze(vm, kn_str_new_cstr(vm, "/")));
  kn_define_const(vm, f, "Separator", kn_obj_freeze(vm, kn_str_new_cstr(vm, "/")));
  kn_define_const(vm, f, "ALT_SEPARATOR", Qnil);
  kn_define_const(vm, f, "PATH_SEPARATOR", kn_obj_freeze(vm, kn_str_new_cstr(vm, ":")));
  /* File.fnmatch flags (Linux values, as CRuby defines them) */
  static const struct { const char *name; int value; } fnm[] = {
    {"FNM_SYSCASE", 0}, {"FNM_NOESCAPE", 1}, {"FNM_PATHNAME", 2}, {"FNM_DOTMATCH", 4},
    {"FNM_CASEFOLD", 8}, {"FNM_EXTGLOB", 16}, {"FNM_SHORTNAME", 0}};
  for (size_t i = 0; i < sizeof fnm / sizeof fnm[0]; i++) kn_define_const(vm, f, fnm[i].name, INT2FIX(fnm[i].value));
  kn_define_singleton_method(vm, f, "basename", file_s_basename, 1, 2);
  kn_define_singleton_method(vm, f, "fnmatch", file_s_fnmatch, 2, 3);
  kn_define_singleton_method(vm, f, "fnmatch?", file_s_fnmatch, 2, 3);
  kn_define_singleton_method(vm, f, "dirname", file_s_dirname, 1, 2);
  kn_define_singleton_method(vm, f, "extname", file_s_extname, 1, 1);
  kn_define_singleton_method(vm, f, "join", file_s_join, 0, -1);
  kn_define_singleton_method(vm, f, "split", file_s_split, 1, 1);
  kn_define_singleton_method(vm, f, "expand_path", file_s_expand_path, 1, 2);
  kn_define_singleton_method(vm, f, "absolute_path", file_s_absolute_path, 1, 2);
  kn_define_singleton_method(vm, f, "absolute_path?", file_s_absolute_path_p, 1, 1);
  kn_define_singleton_method(vm, f, "realpath", file_s_realpath, 1, 2);
  kn_define_singleton_method(vm, f, "exist?", file_s_exist_p, 1, 1);
  kn_define_singleton_method(vm, f, "file?", file_s_file_p, 1, 1);
  kn_define_singleton_method(vm, f, "directory?", file_s_directory_p, 1, 1);
  kn_define_singleton_method(vm, f, "symlink?", file_s_symlink_p, 1, 1);
  kn_define_singleton_method(vm, f, "readable?", file_s_readable_p, 1, 1);
  kn_define_singleton_method(vm, f, "writable?", file_s_writable_p, 1, 1);
  kn_define_singleton_method(vm, f, "executable?", file_s_executable_p, 1, 1);
  kn_define_singleton_method(vm, f, "zero?", file_s_zero_p, 1, 1);
  kn_define_singleton_method(vm, f, "empty?", file_s_zero_p, 1, 1);
  kn_define_singleton_method(vm, f, "size?", file_s_size_p, 1, 1);
  kn_define_singleton_method(vm, f, "size", file_s_size, 1, 1);
  kn_define_singleton_method(vm, f, "mtime", file_s_mtime, 1, 1);
  kn_define_singleton_method(vm, f, "ftype", file_s_ftype, 1, 1);
  kn_define_singleton_method(vm, f, "delete", file_s_delete, 0, -1);
  kn_define_singleton_method(vm, f, "unlink", file_s_delete, 0, -1);
  kn_define_singleton_method(vm, f, "chmod", file_s_chmod, 1, -1);
  kn_define_singleton_method(vm, f, "rename", file_s_rename, 2, 2);
  kn_define_singleton_method(vm, f, "stat", file_s_stat, 1, 1);
  kn_define_singleton_method(vm, f, "lstat", file_s_lstat, 1, 1);

  VALUE st = kn_define_class_under(vm, f, "Stat", vm->cObject);
  kn_define_method(vm, st, "size", stat_size, 0, 0);
  kn_define_method(vm, st, "mode", stat_mode, 0, 0);
  kn_define_method(vm, st, "uid", stat_uid, 0, 0);
  kn_define_method(vm, st, "gid", stat_gid, 0, 0);
  kn_define_method(vm, st, "ino", stat_ino, 0, 0);
  kn_define_method(vm, st, "nlink", stat_nlink, 0, 0);
  kn_define_method(vm, st, "file?", stat_file_p, 0, 0);
  kn_define_method(vm, st, "directory?", stat_dir_p, 0, 0);
  kn_define_method(vm, st, "symlink?", stat_link_p, 0, 0);
  kn_define_method(vm, st, "zero?", stat_zero_p, 0, 0);
  kn_define_method(vm, st, "ftype", stat_ftype, 0, 0);
  kn_define_method(vm, st, "mtime", stat_mtime, 0, 0);
  kn_define_method(vm, st, "atime", stat_atime, 0, 0);
  kn_define_method(vm, st, "ctime", stat_ctime, 0, 0);

  VALUE d = kn_define_class(vm, "Dir", vm->cObject);
  kn_define_singleton_method(vm, d, "pwd", dir_s_pwd, 0, 0);
  kn_define_singleton_method(vm, d, "getwd", dir_s_pwd, 0, 0);
  kn_define_singleton_method(vm, d, "exist?", dir_s_exist_p, 1, 1);
  kn_define_singleton_method(vm, d, "mkdir", dir_s_mkdir, 1, 2);
  kn_define_singleton_method(vm, d, "rmdir", dir_s_rmdir, 1, 1);
  kn_define_singleton_method(vm, d, "delete", dir_s_rmdir, 1, 1);
  kn_define_singleton_method(vm, d, "unlink", dir_s_rmdir, 1, 1);
  kn_define_singleton_method(vm, d, "entries", dir_s_entries, 1, -1);
  kn_define_singleton_method(vm, d, "children", dir_s_children, 1, -1);
  kn_define_singleton_method(vm, d, "each_child", dir_s_each_child, 1, -1);
  kn_define_singleton_method(vm, d, "empty?", dir_s_empty_p, 1, 1);
  kn_define_singleton_method(vm, d, "glob", dir_s_glob, 1, -1);
  kn_define_singleton_method(vm, d, "[]", dir_s_aref, 1, -1);
  kn_define_singleton_method(vm, d, "chdir", dir_s_chdir, 0, 1);
  kn_define_singleton_method(vm, d, "home", dir_s_home, 0, 1);

  if (!vm->cProcess) vm->cProcess = kn_define_module(vm, "Process");
  VALUE p = vm->cProcess;
  kn_define_const(vm, p, "CLOCK_REALTIME", INT2FIX(CLOCK_REALTIME));
  kn_define_const(vm, p, "CLOCK_MONOTONIC", INT2FIX(CLOCK_MONOTONIC));
  kn_define_const(vm, p, "CLOCK_PROCESS_CPUTIME_ID", INT2FIX(CLOCK_PROCESS_CPUTIME_ID));
  kn_define_const(vm, p, "CLOCK_THREAD_CPUTIME_ID", INT2FIX(CLOCK_THREAD_CPUTIME_ID));
  kn_define_module_function(vm, p, "clock_gettime", proc_clock_gettime, 1, 2);
  kn_define_module_function(vm, p, "pid", proc_pid, 0, 0);
  kn_define_module_function(vm, p, "ppid", proc_ppid, 0, 0);
  kn_gvar_set(vm, kn_intern(vm, "$$"), INT2FIX(getpid()));

  VALUE env = kn_obj_alloc(vm, T_OBJECT, vm->cObject);
  kn_extend_object(vm, env, vm->cEnumerable);
  kn_define_const(vm, vm->cObject, "ENV", env);
  kn_define_singleton_method(vm, env, "[]", env_aref, 1, 1);
  kn_define_singleton_method(vm, env, "[]=", env_aset, 2, 2);
  kn_define_singleton_method(vm, env, "store", env_aset, 2, 2);
  kn_define_singleton_method(vm, env, "fetch", env_fetch, 1, 2);
  kn_define_singleton_method(vm, env, "key?", env_key_p, 1, 1);
  kn_define_singleton_method(vm, env, "has_key?", env_key_p, 1, 1);
  kn_define_singleton_method(vm, env, "include?", env_key_p, 1, 1);
  kn_define_singleton_method(vm, env, "member?", env_key_p, 1, 1);
  kn_define_singleton_method(vm, env, "delete", env_delete, 1, 1);
  kn_define_singleton_method(vm, env, "to_h", env_to_h, 0, 0);
  kn_define_singleton_method(vm, env, "to_hash", env_to_h, 0, 0);
  kn_define_singleton_method(vm, env, "keys", env_keys, 0, 0);
  kn_define_singleton_method(vm, env, "values", env_values, 0, 0);
  kn_define_singleton_method(vm, env, "each", env_each, 0, 0);
  kn_define_singleton_method(vm, env, "each_pair", env_each, 0, 0);
  kn_define_singleton_method(vm, env, "select", env_select, 0, 0);
  kn_define_singleton_method(vm, env, "filter", env_select, 0, 0);
  kn_define_singleton_method(vm, env, "reject", env_reject, 0, 0);
  kn_define_singleton_method(vm, env, "size", env_size, 0, 0);
  kn_define_singleton_method(vm, env, "length", env_size, 0, 0);
  kn_define_singleton_method(vm, env, "empty?", env_empty_p, 0, 0);
  kn_define_singleton_method(vm, env, "to_s", env_to_s, 0, 0);
  kn_define_singleton_method(vm, env, "inspect", env_inspect, 0, 0);

  if (!vm->cTime) {
    vm->cTime = kn_define_class(vm, "Time", vm->cObject);
    kn_include_module(vm, vm->cTime, vm->cComparable);
  }
  VALUE t = vm->cTime;
  kn_define_singleton_method(vm, t, "now", time_s_now, 0, 0);
  kn_define_singleton_method(vm, t, "at", time_s_at, 1, 3);
  kn_define_singleton_method(vm, t, "new", time_s_new, 0, 7);
  kn_define_singleton_method(vm, t, "local", time_s_local, 1, 7);
  kn_define_singleton_method(vm, t, "mktime", time_s_local, 1, 7);
  kn_define_singleton_method(vm, t, "utc", time_s_utc, 1, 7);
  kn_define_singleton_method(vm, t, "gm", time_s_utc, 1, 7);
  kn_define_method(vm, t, "to_f", time_to_f, 0, 0);
  kn_define_method(vm, t, "to_i", time_to_i, 0, 0);
  kn_define_method(vm, t, "tv_sec", time_to_i, 0, 0);
  kn_define_method(vm, t, "usec", time_usec, 0, 0);
  kn_define_method(vm, t, "tv_usec", time_usec, 0, 0);
  kn_define_method(vm, t, "nsec", time_nsec, 0, 0);
  kn_define_method(vm, t, "tv_nsec", time_nsec, 0, 0);
  kn_define_method(vm, t, "-", time_minus, 1, 1);
  kn_define_method(vm, t, "+", time_plus, 1, 1);
  kn_define_method(vm, t, "<=>", time_cmp, 1, 1);
  kn_define_method(vm, t, "==", time_eq, 1, 1);
  kn_define_method(vm, t, "eql?", time_eq, 1, 1);
  kn_define_method(vm, t, "hash", time_hash, 0, 0);
  kn_define_method(vm, t, "year", time_year, 0, 0);
  kn_define_method(vm, t, "month", time_month, 0, 0);
  kn_define_method(vm, t, "mon", time_month, 0, 0);
  kn_define_method(vm, t, "day", time_day, 0, 0);
  kn_define_method(vm, t, "mday", time_day, 0, 0);
  kn_define_method(vm, t, "hour", time_hour, 0, 0);
  kn_define_method(vm, t, "min", time_min, 0, 0);
  kn_define_method(vm, t, "sec", time_sec, 0, 0);
  kn_define_method(vm, t, "wday", time_wday, 0, 0);
  kn_define_method(vm, t, "yday", time_yday, 0, 0);
  kn_define_method(vm, t, "utc_offset", time_utc_offset, 0, 0);
  kn_define_method(vm, t, "gmt_offset", time_utc_offset, 0, 0);
  kn_define_method(vm, t, "utc?", time_utc_p, 0, 0);
  kn_define_method(vm, t, "gmt?", time_utc_p, 0, 0);
  kn_define_method(vm, t, "zone", time_zone, 0, 0);
  kn_define_method(vm, t, "utc", time_utc, 0, 0);
  kn_define_method(vm, t, "gmtime", time_utc, 0, 0);
  kn_define_method(vm, t, "getutc", time_getutc, 0, 0);
  kn_define_method(vm, t, "getgm", time_getutc, 0, 0);
  kn_define_method(vm, t, "localtime", time_localtime, 0, 1);
  kn_define_method(vm, t, "getlocal", time_getlocal, 0, 1);
  kn_define_method(vm, t, "strftime", time_strftime, 1, 1);
  kn_define_method(vm, t, "to_s", time_to_s, 0, 0);
  kn_define_method(vm, t, "inspect", time_inspect, 0, 0);
  kn_define_method(vm, t, "to_a", time_to_a, 0, 0);
}
