/* io.c -- IO and File objects, $stdout/$stderr/$stdin, and Kernel's console methods
 * (puts, print, p, pp, gets, putc, readlines, open). An IO is a T_DATA wrapping an IOBuf:
 * a file descriptor, an 8 KiB write buffer (flushed when full, after every write when the
 * IO is sync or a tty, and by kn_flush_all on every exit path) and a read buffer for
 * gets/read. File path and stat methods, Dir, Process, ENV and Time live in file.c. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vm/vm.h"

/* Shared with file.c (both files belong to the IO layer). */
_Noreturn void kn_io_sys_fail(VM *vm, int err, const char *func, VALUE path);
VALUE kn_io_path_value(VM *vm, VALUE obj);
void kn_init_file(VM *vm);

enum { WBUF_SIZE = 8192, RBUF_SIZE = 8192 };
enum { IO_READABLE = 1, IO_WRITABLE = 2 };

typedef struct IOBuf {
  int fd;                 /* -1 until initialized */
  int mode;               /* IO_READABLE | IO_WRITABLE */
  bool sync, closed, tty;
  char *wbuf;             /* pending output wbuf[0..wlen), capacity WBUF_SIZE */
  long wlen;
  char *rbuf;             /* unread input rbuf[rpos..rlen), capacity rcapa */
  long rpos, rlen, rcapa;
  long lineno;
  VALUE path;             /* File: the path String; otherwise 0 */
  const char *label;      /* "<STDOUT>" for the standard streams, else NULL */
  struct IOBuf *prev, *next;  /* ring of live buffers walked by kn_flush_all */
} IOBuf;

/* The list of live IOBufs. Process-wide: the only static state of the IO layer; flushing
 * another VM's buffers at exit would be harmless. */
static IOBuf *io_list;

/* ---- low-level buffer and fd operations -------------------------------------------- */

static void io_mark(void *vm, void *data) {
  IOBuf *io = data;
  if (io->path) kn_gc_mark(vm, io->path);
}

/* write(2) all of p[0..n), retrying on EINTR and waiting on EAGAIN; 0 or an errno. */
static int write_fully(int fd, const char *p, long n) {
  while (n > 0) {
    ssize_t w = write(fd, p, (size_t)n);
    if (w < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        struct pollfd pf = {.fd = fd, .events = POLLOUT};
        poll(&pf, 1, -1);
        continue;
      }
      return errno;
    }
    p += w;
    n -= w;
  }
  return 0;
}

/* Writes out the buffer without raising; the buffer is emptied even on error. */
static int io_flush_quiet(IOBuf *io) {
  if (io->wlen == 0) return 0;
  int err = io->fd >= 0 && !io->closed ? write_fully(io->fd, io->wbuf, io->wlen) : 0;
  io->wlen = 0;
  return err;
}

static void io_free(void *data) {
  IOBuf *io = data;
  if (io->prev) io->prev->next = io->next; else if (io_list == io) io_list = io->next;
  if (io->next) io->next->prev = io->prev;
  io_flush_quiet(io);
  if (io->fd > 2 && !io->closed) close(io->fd);
  free(io->wbuf);
  free(io->rbuf);
  free(io);
}

static const DataType io_type = {"IO", io_mark, io_free};

static inline IOBuf *io_ptr(VALUE v) {
  return kn_is_type(v, T_DATA) && RDATA(v)->type == &io_type ? RDATA(v)->data : NULL;
}

static VALUE io_error_path(VM *vm, IOBuf *io) {
  if (io->path) return io->path;
  if (io->label) return kn_str_new_cstr(vm, io->label);
  return 0;
}

static void io_raise_write(VM *vm, IOBuf *io, int err, const char *func) {
  if (err) kn_io_sys_fail(vm, err, func, io_error_path(vm, io));
}

static void io_flush(VM *vm, IOBuf *io, const char *func) {
  io_raise_write(vm, io, io_flush_quiet(io), func);
}

/* A read/write file that has read ahead must move the fd back before writing. */
static void io_drop_readahead(IOBuf *io) {
  if (io->rpos < io->rlen) lseek(io->fd, -(off_t)(io->rlen - io->rpos), SEEK_CUR);
  io->rpos = io->rlen = 0;
}

/* Appends bytes to the write buffer (or writes them through when large). */
static void io_put(VM *vm, IOBuf *io, const char *p, long n, const char *func) {
  if (io->rlen) io_drop_readahead(io);
  if (io->wlen + n <= WBUF_SIZE) {
    if (!io->wbuf) io->wbuf = kn_xmalloc(WBUF_SIZE);
    memcpy(io->wbuf + io->wlen, p, (size_t)n);
    io->wlen += n;
    return;
  }
  io_flush(vm, io, func);
  if (n >= WBUF_SIZE) {
    io_raise_write(vm, io, write_fully(io->fd, p, n), func);
    return;
  }
  if (!io->wbuf) io->wbuf = kn_xmalloc(WBUF_SIZE);
  memcpy(io->wbuf, p, (size_t)n);
  io->wlen = n;
}

/* Called once at the end of every writing method. */
static inline void io_done(VM *vm, IOBuf *io, const char *func) {
  if ((io->sync || io->tty) && io->wlen) io_flush(vm, io, func);
}

static void io_check_open(VM *vm, IOBuf *io) {
  if (io->fd < 0 && !io->closed) kn_raise(vm, vm->eIOError, "uninitialized stream");
  if (io->closed) kn_raise(vm, vm->eIOError, "closed stream");
}

static IOBuf *get_io(VM *vm, VALUE self) {
  return kn_data_get(vm, self, &io_type);
}

static IOBuf *io_writable(VM *vm, VALUE self) {
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  if (!(io->mode & IO_WRITABLE)) kn_raise(vm, vm->eIOError, "not opened for writing");
  return io;
}

static IOBuf *io_readable(VM *vm, VALUE self) {
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  if (!(io->mode & IO_READABLE)) kn_raise(vm, vm->eIOError, "not opened for reading");
  return io;
}

/* Refills the read buffer when it is empty; false at end of file. */
static bool io_fill(VM *vm, IOBuf *io, const char *func) {
  if (io->rpos < io->rlen) return true;
  if (io->wlen) io_flush(vm, io, "rb_io_flush_raw");
  if (!io->rbuf) {
    io->rcapa = RBUF_SIZE;
    io->rbuf = kn_xmalloc((size_t)io->rcapa);
  }
  for (;;) {
    ssize_t r = read(io->fd, io->rbuf, (size_t)io->rcapa);
    if (r < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        struct pollfd pf = {.fd = io->fd, .events = POLLIN};
        poll(&pf, 1, -1);
        continue;
      }
      io->rpos = io->rlen = 0;
      kn_io_sys_fail(vm, errno, func, io_error_path(vm, io));
    }
    io->rpos = 0;
    io->rlen = r;
    return r > 0;
  }
}

/* ---- errors -------------------------------------------------------------------------- */

static const struct { int err; const char *name; } errno_names[] = {
  {EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"}, {EINTR, "EINTR"}, {EIO, "EIO"},
  {ENXIO, "ENXIO"}, {E2BIG, "E2BIG"}, {EBADF, "EBADF"}, {ECHILD, "ECHILD"},
  {EAGAIN, "EAGAIN"}, {ENOMEM, "ENOMEM"}, {EACCES, "EACCES"}, {EFAULT, "EFAULT"},
  {EBUSY, "EBUSY"}, {EEXIST, "EEXIST"}, {EXDEV, "EXDEV"}, {ENODEV, "ENODEV"},
  {ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"}, {ENFILE, "ENFILE"},
  {EMFILE, "EMFILE"}, {ENOTTY, "ENOTTY"}, {EFBIG, "EFBIG"}, {ENOSPC, "ENOSPC"},
  {ESPIPE, "ESPIPE"}, {EROFS, "EROFS"}, {EMLINK, "EMLINK"}, {EPIPE, "EPIPE"},
  {EDOM, "EDOM"}, {ERANGE, "ERANGE"}, {ENAMETOOLONG, "ENAMETOOLONG"},
  {ENOTEMPTY, "ENOTEMPTY"}, {ELOOP, "ELOOP"}, {ENOSYS, "ENOSYS"},
  {ECONNREFUSED, "ECONNREFUSED"}, {ETIMEDOUT, "ETIMEDOUT"},
};

static VALUE errno_module(VM *vm) {
  VALUE mod;
  if (kn_const_lookup(vm, vm->cObject, kn_intern(vm, "Errno"), &mod, false)) return mod;
  return kn_define_module(vm, "Errno");
}

/* Errno::X for err: the VM's preset classes, else the Errno constant (created on demand),
 * else SystemCallError. */
static VALUE errno_class(VM *vm, int err) {
  switch (err) {
  case ENOENT: return vm->eErrnoENOENT;
  case EACCES: return vm->eErrnoEACCES;
  case EEXIST: return vm->eErrnoEEXIST;
  case EISDIR: return vm->eErrnoEISDIR;
  case ENOTDIR: return vm->eErrnoENOTDIR;
  case EPIPE: return vm->eErrnoEPIPE;
  case EINVAL: return vm->eErrnoEINVAL;
  default: break;
  }
  for (size_t i = 0; i < sizeof errno_names / sizeof errno_names[0]; i++)
    if (errno_names[i].err == err) {
      VALUE mod = errno_module(vm), k;
      if (kn_const_lookup(vm, mod, kn_intern(vm, errno_names[i].name), &k, false)) return k;
      k = kn_define_class_under(vm, mod, errno_names[i].name, vm->eSystemCallError);
      kn_define_const(vm, k, "Errno", INT2FIX(err));
      return k;
    }
  return vm->eSystemCallError;
}

/* Raises Errno::X with CRuby's text: "Message @ func - path" (either part optional). */
_Noreturn void kn_io_sys_fail(VM *vm, int err, const char *func, VALUE path) {
  VALUE msg = kn_str_new_cstr(vm, strerror(err));
  if (func) {
    kn_str_cat_cstr(vm, msg, " @ ");
    kn_str_cat_cstr(vm, msg, func);
  }
  if (path) {
    kn_str_cat_cstr(vm, msg, " - ");
    kn_str_append(vm, msg, kn_is_type(path, T_STRING) ? path : kn_obj_as_string(vm, path));
  }
  kn_raise_str(vm, errno_class(vm, err), msg);
}

/* A path argument: a String, or obj.to_path, or obj.to_str. */
VALUE kn_io_path_value(VM *vm, VALUE obj) {
  if (kn_is_type(obj, T_STRING)) return obj;
  ID to_path = kn_intern(vm, "to_path");
  if (!SPECIAL_CONST_P(obj) && kn_respond_to(vm, obj, to_path, true))
    obj = kn_funcall(vm, obj, to_path, 0, NULL);
  return kn_check_string(vm, obj);
}

/* ---- allocation and opening ---------------------------------------------------------- */

static IOBuf *iobuf_new(void) {
  IOBuf *io = kn_xcalloc(1, sizeof(IOBuf));
  io->fd = -1;
  io->next = io_list;
  if (io_list) io_list->prev = io;
  io_list = io;
  return io;
}

static VALUE io_alloc(void *vmp, VALUE klass) {
  return kn_data_new(vmp, klass, &io_type, iobuf_new());
}

static VALUE io_new_fd(VM *vm, VALUE klass, int fd, int mode, const char *label) {
  VALUE obj = io_alloc(vm, klass);
  IOBuf *io = RDATA(obj)->data;
  io->fd = fd;
  io->mode = mode;
  io->label = label;
  io->tty = isatty(fd);
  return obj;
}

/* Parses an open mode (String like "r+b:UTF-8", or Integer flags) into open(2) flags
 * and IO_READABLE/IO_WRITABLE. */
static void parse_mode(VM *vm, VALUE mode, int *oflags, int *fmode) {
  if (NIL_P(mode)) { *oflags = O_RDONLY; *fmode = IO_READABLE; return; }
  if (FIXNUM_P(mode)) {
    int f = (int)FIX2LONG(mode);
    *oflags = f;
    int acc = f & O_ACCMODE;
    *fmode = acc == O_RDONLY ? IO_READABLE : acc == O_WRONLY ? IO_WRITABLE
                                                             : IO_READABLE | IO_WRITABLE;
    return;
  }
  mode = kn_check_string(vm, mode);
  const char *s = RSTRING_PTR(mode);
  int f = 0, m = 0;
  switch (s[0]) {
  case 'r': f = O_RDONLY; m = IO_READABLE; break;
  case 'w': f = O_WRONLY | O_CREAT | O_TRUNC; m = IO_WRITABLE; break;
  case 'a': f = O_WRONLY | O_CREAT | O_APPEND; m = IO_WRITABLE; break;
  default: goto bad;
  }
  for (const char *p = s + 1; *p && *p != ':'; p++) {
    switch (*p) {
    case '+': f = (f & ~O_ACCMODE) | O_RDWR; m = IO_READABLE | IO_WRITABLE; break;
    case 'b': case 't': break;
    case 'x': if (s[0] != 'w') goto bad; f |= O_EXCL; break;
    default: goto bad;
    }
  }
  *oflags = f;
  *fmode = m;
  return;
bad:
  kn_raise(vm, vm->eArgumentError, "invalid access mode %s", s);
}

/* Splits a trailing keywords Hash off argv; returns it or Qnil. */
static VALUE split_kw(int *argc, VALUE *argv) {
  if (*argc > 0 && kn_is_type(argv[*argc - 1], T_HASH)) return argv[--*argc];
  return Qnil;
}

static VALUE kw_get(VM *vm, VALUE kw, const char *name) {
  VALUE v;
  if (NIL_P(kw) || !kn_hash_lookup(vm, kw, kn_sym(vm, name), &v)) return Qundef;
  return v;
}

/* Opens path into the (allocated) IO object obj. */
static void file_open_into(VM *vm, VALUE obj, VALUE path, VALUE mode, VALUE perm) {
  IOBuf *io = get_io(vm, obj);
  int oflags, fmode;
  path = kn_io_path_value(vm, path);
  parse_mode(vm, mode, &oflags, &fmode);
  int p = NIL_P(perm) ? 0666 : (int)kn_num2long(vm, perm);
  const char *cpath = kn_str_cstr(vm, path);
  int fd;
  do fd = open(cpath, oflags | O_CLOEXEC, p);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) kn_io_sys_fail(vm, errno, "rb_sysopen", path);
  if (io->fd >= 0 && !io->closed) {
    io_flush_quiet(io);
    if (io->fd > 2) close(io->fd);
  }
  io->fd = fd;
  io->mode = fmode;
  io->closed = false;
  io->tty = false;
  io->rpos = io->rlen = io->wlen = 0;
  io->path = kn_obj_freeze(vm, kn_str_dup(vm, path));
}

/* IO#initialize(fd, mode = "r") */
static VALUE io_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  VALUE kw = split_kw(&argc, argv);
  if (argc < 1) kn_arity_error(vm, argc, 1, 2);
  IOBuf *io = get_io(vm, self);
  int fd = (int)kn_num2long(vm, argv[0]);
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0) kn_io_sys_fail(vm, errno, NULL, 0);
  int oflags, fmode;
  VALUE mode = argc > 1 ? argv[1] : Qnil;
  VALUE kmode = kw_get(vm, kw, "mode");
  if (kmode != Qundef) mode = kmode;
  if (NIL_P(mode)) {
    int acc = fl & O_ACCMODE;
    fmode = acc == O_RDONLY ? IO_READABLE : acc == O_WRONLY ? IO_WRITABLE
                                                            : IO_READABLE | IO_WRITABLE;
  } else {
    parse_mode(vm, mode, &oflags, &fmode);
  }
  io->fd = fd;
  io->mode = fmode;
  io->tty = isatty(fd);
  return Qnil;
}

/* File#initialize(path, mode = "r", perm = 0666, mode: ...) */
static VALUE file_initialize(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  VALUE kw = split_kw(&argc, argv);
  if (argc < 1 || argc > 3) kn_arity_error(vm, argc, 1, 3);
  VALUE mode = argc > 1 ? argv[1] : Qnil;
  VALUE kmode = kw_get(vm, kw, "mode");
  if (kmode != Qundef) mode = kmode;
  file_open_into(vm, self, argv[0], mode, argc > 2 ? argv[2] : Qnil);
  return Qnil;
}

static void io_close_buf(VM *vm, IOBuf *io) {
  if (io->closed || io->fd < 0) return;
  int err = io_flush_quiet(io);
  if (io->fd > 2) close(io->fd);
  else if (io->fd >= 0) close(io->fd);
  io->closed = true;
  io->rpos = io->rlen = 0;
  io_raise_write(vm, io, err, "rb_io_flush_raw");
}

static VALUE io_close(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  io_close_buf(vm, get_io(vm, self));
  return Qnil;
}

static VALUE io_closed_p(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return KN_BOOL(get_io(vm, self)->closed);
}

/* Runs body(obj) and closes obj afterwards, also when body raises or breaks. */
static VALUE yield_and_close(VM *vm, VALUE obj, VALUE blk) {
  volatile VALUE result = Qnil;
  volatile VALUE vobj = obj;
  KN_TRY(vm) {
    result = kn_yield1(vm, blk, vobj);
  } KN_CATCH(vm) {
    VALUE err = vm->errinfo;
    IOBuf *io = io_ptr(vobj);
    if (io) { io_flush_quiet(io); io_close_buf(vm, io); }
    kn_jump(vm, kn_tag, err);
  } KN_END(vm);
  IOBuf *io = io_ptr(vobj);
  if (io) io_close_buf(vm, io);
  else kn_funcall(vm, vobj, kn_intern(vm, "close"), 0, NULL);
  return result;
}

/* IO.open / File.open: new(*args), yielded to the block and closed when one is given. */
static VALUE io_s_open(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  bool kw = argc > 0 && kn_is_type(argv[argc - 1], T_HASH);
  VALUE obj = kn_funcall_kw(vm, self, vm->id_new, argc, argv, Qnil, kw);
  if (NIL_P(blk)) return obj;
  return yield_and_close(vm, obj, blk);
}

/* ---- output ------------------------------------------------------------------------- */

static long fmt_long(char *buf, intptr_t v) {
  char tmp[24];
  int n = 0;
  uintptr_t u = v < 0 ? (uintptr_t)0 - (uintptr_t)v : (uintptr_t)v;
  do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
  long len = 0;
  if (v < 0) buf[len++] = '-';
  while (n) buf[len++] = tmp[--n];
  return len;
}

/* obj.to_s for output, with the common immediates done without a method call. Fills
 * *pp and *pn with the bytes; `scratch` (>= 24 bytes) backs Fixnums; returns the String used
 * (0 when the bytes live elsewhere) so the caller keeps it reachable. */
static VALUE out_bytes(VM *vm, VALUE v, char *scratch, const char **pp, long *pn) {
  if (kn_is_type(v, T_STRING)) { *pp = RSTRING_PTR(v); *pn = RSTRING_LEN(v); return v; }
  if (FIXNUM_P(v)) { *pn = fmt_long(scratch, FIX2LONG(v)); *pp = scratch; return 0; }
  if (NIL_P(v)) { *pp = ""; *pn = 0; return 0; }
  if (v == Qtrue) { *pp = "true"; *pn = 4; return 0; }
  if (v == Qfalse) { *pp = "false"; *pn = 5; return 0; }
  if (SYMBOL_P(v)) { *pp = kn_id_name(vm, SYM2ID(v)); *pn = kn_id_len(vm, SYM2ID(v)); return 0; }
  VALUE s = kn_float_p(v) ? kn_float_to_s(vm, kn_float_value(v)) : kn_obj_as_string(vm, v);
  *pp = RSTRING_PTR(s);
  *pn = RSTRING_LEN(s);
  return s;
}

static VALUE str_from_bytes(VM *vm, VALUE s, const char *p, long n) {
  return s ? s : kn_str_new(vm, p, n);
}

/* out.write(*args) for a non-IO output object. */
static void generic_write(VM *vm, VALUE out, int argc, VALUE *argv) {
  kn_funcall(vm, out, kn_intern(vm, "write"), argc, argv);
}

typedef struct AryStack { VALUE ary; const struct AryStack *up; } AryStack;

/* One line of puts: io != NULL writes into the buffer; a String `out` collects the text
 * (Kernel#warn); anything else gets out.write(line, "\n"). */
static void puts_line(VM *vm, VALUE out, IOBuf *io, const char *p, long n, VALUE s) {
  bool nl = n == 0 || p[n - 1] != '\n';
  if (io) {
    io_put(vm, io, p, n, "io_writev");
    if (nl) io_put(vm, io, "\n", 1, "io_writev");
    return;
  }
  if (kn_is_type(out, T_STRING)) {
    kn_str_cat(vm, out, p, n);
    if (nl) kn_str_cat(vm, out, "\n", 1);
    return;
  }
  VALUE args[2] = {str_from_bytes(vm, s, p, n), 0};
  if (nl) args[1] = kn_str_new(vm, "\n", 1);
  generic_write(vm, out, nl ? 2 : 1, args);
}

static void puts_value(VM *vm, VALUE out, IOBuf *io, VALUE v, const AryStack *st) {
  VALUE ary = Qnil;
  if (kn_is_type(v, T_ARRAY)) ary = v;
  else if (HEAP_P(v) && (KN_BUILTIN_TYPE(v) == T_OBJECT || KN_BUILTIN_TYPE(v) == T_DATA))
    ary = kn_check_array(vm, v);
  if (!NIL_P(ary)) {
    for (const AryStack *s = st; s; s = s->up)
      if (s->ary == ary) { puts_line(vm, out, io, "[...]", 5, 0); return; }
    AryStack me = {ary, st};
    for (long i = 0; i < RARRAY_LEN(ary); i++) puts_value(vm, out, io, RARRAY_PTR(ary)[i], &me);
    return;
  }
  char scratch[32];
  const char *p;
  long n;
  VALUE s = out_bytes(vm, v, scratch, &p, &n);
  puts_line(vm, out, io, p, n, s);
  (void)*(volatile VALUE *)&s;   /* keep s live on the stack while p points into it */
}

static void do_puts(VM *vm, VALUE out, IOBuf *io, int argc, const VALUE *argv) {
  if (argc == 0) puts_line(vm, out, io, "", 0, 0);
  for (int i = 0; i < argc; i++) puts_value(vm, out, io, argv[i], NULL);
  if (io) io_done(vm, io, "io_writev");
}

static void do_print(VM *vm, VALUE out, IOBuf *io, int argc, const VALUE *argv) {
  VALUE line = 0;
  if (argc == 0) {
    line = kn_gvar_get(vm, kn_intern(vm, "$_"));
    argc = 1;
    argv = &line;
  }
  VALUE ofs = kn_gvar_get(vm, kn_intern(vm, "$,"));
  VALUE ors = kn_gvar_get(vm, kn_intern(vm, "$\\"));
  for (int i = 0; i < argc; i++) {
    if (i > 0 && !NIL_P(ofs)) {
      VALUE sep = kn_obj_as_string(vm, ofs);
      if (io) io_put(vm, io, RSTRING_PTR(sep), RSTRING_LEN(sep), "io_write");
      else generic_write(vm, out, 1, &sep);
    }
    char scratch[32];
    const char *p;
    long n;
    VALUE s = out_bytes(vm, argv[i], scratch, &p, &n);
    if (io) io_put(vm, io, p, n, "io_write");
    else { VALUE a = str_from_bytes(vm, s, p, n); generic_write(vm, out, 1, &a); }
    (void)*(volatile VALUE *)&s;
  }
  if (!NIL_P(ors)) {
    VALUE r = kn_obj_as_string(vm, ors);
    if (io) io_put(vm, io, RSTRING_PTR(r), RSTRING_LEN(r), "io_write");
    else generic_write(vm, out, 1, &r);
  }
  if (io) io_done(vm, io, "io_write");
}

static void do_p(VM *vm, VALUE out, int argc, const VALUE *argv) {
  IOBuf *io = io_ptr(out);
  if (io) io_check_open(vm, io);
  for (int i = 0; i < argc; i++) {
    VALUE s = kn_inspect(vm, argv[i]);
    if (io) {
      io_put(vm, io, RSTRING_PTR(s), RSTRING_LEN(s), "io_writev");
      io_put(vm, io, "\n", 1, "io_writev");
    } else {
      VALUE args[2] = {s, kn_str_new(vm, "\n", 1)};
      generic_write(vm, out, 2, args);
    }
  }
  if (io) io_done(vm, io, "io_writev");
}

/* Writes bytes to io: buffered for our IO objects, io.write(String) for anything else. */
void kn_io_write(VM *vm, VALUE io, const char *ptr, long len) {
  IOBuf *b = io_ptr(io);
  if (b && !b->closed && (b->mode & IO_WRITABLE)) {
    io_put(vm, b, ptr, len, "io_write");
    io_done(vm, b, "io_write");
    return;
  }
  if (b) io_writable(vm, io);
  VALUE s = kn_str_new(vm, ptr, len);
  generic_write(vm, io, 1, &s);
}

/* Flushes every live IO buffer; never raises (write errors are dropped). */
void kn_flush_all(VM *vm) {
  (void)vm;
  for (IOBuf *io = io_list; io; io = io->next) io_flush_quiet(io);
}

static VALUE io_write_m(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  IOBuf *io = io_writable(vm, self);
  long total = 0;
  for (int i = 0; i < argc; i++) {
    char scratch[32];
    const char *p;
    long n;
    VALUE s = out_bytes(vm, argv[i], scratch, &p, &n);
    io_put(vm, io, p, n, argc > 1 ? "io_writev" : "io_write");
    total += n;
    (void)*(volatile VALUE *)&s;
  }
  io_done(vm, io, argc > 1 ? "io_writev" : "io_write");
  return kn_int_new(vm, total);
}

static VALUE io_ltlt(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  io_write_m(vm, self, argc, argv, blk);
  return self;
}

static VALUE io_print(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  do_print(vm, self, io_writable(vm, self), argc, argv);
  return Qnil;
}

static VALUE io_puts(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  do_puts(vm, self, io_writable(vm, self), argc, argv);
  return Qnil;
}

static VALUE io_printf(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  IOBuf *io = io_writable(vm, self);
  if (argc == 0) return Qnil;
  VALUE s = kn_sprintf(vm, argv[0], argc - 1, argv + 1);
  io_put(vm, io, RSTRING_PTR(s), RSTRING_LEN(s), "io_write");
  io_done(vm, io, "io_write");
  return Qnil;
}

/* Length of the UTF-8 character starting with byte c (1 for invalid lead bytes). */
static int utf8_len(unsigned char c) {
  if (c < 0xc0) return 1;
  if (c < 0xe0) return 2;
  if (c < 0xf0) return 3;
  if (c < 0xf8) return 4;
  return 1;
}

static void putc_to(VM *vm, VALUE out, IOBuf *io, VALUE c) {
  char b;
  const char *p;
  long n;
  if (kn_is_type(c, T_STRING)) {
    p = RSTRING_PTR(c);
    n = RSTRING_LEN(c) == 0 ? 0 : utf8_len((unsigned char)p[0]);
    if (n > RSTRING_LEN(c)) n = RSTRING_LEN(c);
  } else {
    b = (char)(kn_num2long(vm, c) & 0xff);
    p = &b;
    n = 1;
  }
  if (io) {
    io_put(vm, io, p, n, "io_write");
    io_done(vm, io, "io_write");
  } else {
    VALUE s = kn_str_new(vm, p, n);
    generic_write(vm, out, 1, &s);
  }
}

static VALUE io_putc(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  putc_to(vm, self, io_writable(vm, self), argv[0]);
  return argv[0];
}

static VALUE io_flush_m(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  io_flush(vm, io, "rb_io_flush_raw");
  return self;
}

static VALUE io_fsync(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  io_flush_m(vm, self, argc, argv, blk);
  fsync(get_io(vm, self)->fd);
  return INT2FIX(0);
}

static VALUE io_sync(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  return KN_BOOL(io->sync);
}

static VALUE io_set_sync(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  io->sync = RTEST(argv[0]);
  if (io->sync) io_flush(vm, io, "rb_io_flush_raw");
  return argv[0];
}

static VALUE io_fileno(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  return INT2FIX(io->fd);
}

static VALUE io_isatty(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  return KN_BOOL(isatty(io->fd));
}

static VALUE io_self(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)vm; (void)argc; (void)argv; (void)blk;
  return self;
}

static VALUE io_inspect(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  VALUE s = kn_str_new_cstr(vm, "#<");
  kn_str_append(vm, s, kn_class_name(vm, kn_obj_class(vm, self)));
  kn_str_cat_cstr(vm, s, ":");
  if (io->path) kn_str_append(vm, s, io->path);
  else if (io->label) kn_str_cat_cstr(vm, s, io->label);
  else if (io->closed) {
    kn_str_cat_cstr(vm, s, "(closed)>");
    return s;
  } else if (io->fd >= 0) {
    char buf[32];
    snprintf(buf, sizeof buf, "fd %d", io->fd);
    kn_str_cat_cstr(vm, s, buf);
  } else {
    kn_str_cat_cstr(vm, s, "(uninitialized)");
  }
  if (io->closed) kn_str_cat_cstr(vm, s, " (closed)");
  kn_str_cat_cstr(vm, s, ">");
  return s;
}

/* ---- input -------------------------------------------------------------------------- */

/* Record-reading options of gets / each_line / readlines. */
typedef struct LineOpts {
  const char *sep;   /* NULL: read to end of file */
  long seplen;       /* 0 with sep != NULL: paragraph mode */
  long limit;        /* < 0: none */
  bool chomp;
  bool default_sep;  /* sep is "\n": chomp also drops a preceding "\r" */
  VALUE sepstr;      /* keeps sep alive */
} LineOpts;

static void line_opts(VM *vm, int argc, VALUE *argv, LineOpts *o) {
  VALUE kw = split_kw(&argc, argv);
  if (argc > 2) kn_arity_error(vm, argc, 0, 2);
  VALUE sep = kn_gvar_get(vm, kn_intern(vm, "$/")), limit = Qnil;
  if (argc == 1) {
    VALUE a = argv[0];
    if (NIL_P(a) || kn_is_type(a, T_STRING)) sep = a;
    else {
      VALUE s = kn_check_convert(vm, a, T_STRING, vm->id_to_str);
      if (!NIL_P(s)) sep = s; else limit = a;
    }
  } else if (argc == 2) {
    sep = NIL_P(argv[0]) ? Qnil : kn_check_string(vm, argv[0]);
    limit = argv[1];
  }
  o->limit = NIL_P(limit) ? -1 : kn_num2long(vm, limit);
  VALUE ch = kw_get(vm, kw, "chomp");
  o->chomp = ch != Qundef && RTEST(ch);
  o->sepstr = sep;
  if (NIL_P(sep)) { o->sep = NULL; o->seplen = 0; o->default_sep = false; return; }
  o->sep = RSTRING_PTR(sep);
  o->seplen = RSTRING_LEN(sep);
  o->default_sep = o->seplen == 1 && o->sep[0] == '\n';
}

/* Truncates s in place (n <= len); drops string.c's cached coderange kept in aux. */
static void str_set_len(VALUE s, long n) {
  RSTRING(s)->len = n;
  RSTRING_PTR(s)[n] = '\0';
  RBASIC(s)->aux = 0;
}

/* Completes a UTF-8 character cut by a read limit by reading its continuation bytes. */
static void complete_char(VM *vm, IOBuf *io, VALUE s) {
  long n = RSTRING_LEN(s), i = n - 1;
  const unsigned char *p = (const unsigned char *)RSTRING_PTR(s);
  while (i > 0 && n - i < 4 && (p[i] & 0xc0) == 0x80) i--;
  long need = utf8_len(p[i]) - (n - i);
  while (need > 0 && io_fill(vm, io, "io_fillbuf")) {
    unsigned char c = (unsigned char)io->rbuf[io->rpos];
    if ((c & 0xc0) != 0x80) break;
    kn_str_cat(vm, s, (const char *)&c, 1);
    io->rpos++;
    need--;
  }
}

/* Reads one record; Qnil at end of file. Advances lineno when a record is returned. */
static VALUE io_getline(VM *vm, IOBuf *io, const LineOpts *o) {
  const char *sep = o->sep;
  long seplen = o->seplen;
  bool para = sep && seplen == 0;
  if (o->limit == 0) return kn_str_new(vm, "", 0);
  if (para) {
    for (;;) {
      if (!io_fill(vm, io, "io_fillbuf")) return Qnil;
      while (io->rpos < io->rlen && io->rbuf[io->rpos] == '\n') io->rpos++;
      if (io->rpos < io->rlen) break;
    }
    sep = "\n\n";
    seplen = 2;
  }
  VALUE str = 0;
  bool found = false;
  for (;;) {
    if (!io_fill(vm, io, "io_fillbuf")) break;
    const char *p = io->rbuf + io->rpos;
    long n = io->rlen - io->rpos;
    if (o->limit > 0) {
      long room = o->limit - (str ? RSTRING_LEN(str) : 0);
      if (n > room) n = room;
    }
    if (sep && seplen == 1 && !str) {   /* common case: the whole line is buffered */
      const char *q = memchr(p, sep[0], (size_t)n);
      if (q) {
        long take = q - p + 1;
        str = kn_str_new(vm, p, take);
        io->rpos += take;
        found = true;
        break;
      }
    }
    if (!str) str = kn_str_buf_new(vm, n);
    long old = RSTRING_LEN(str);
    kn_str_cat(vm, str, p, n);
    io->rpos += n;
    if (sep) {
      long start = old - (seplen - 1);
      if (start < 0) start = 0;
      const char *base = RSTRING_PTR(str);
      const char *hit = memmem(base + start, (size_t)(RSTRING_LEN(str) - start), sep, (size_t)seplen);
      if (hit) {
        long end = hit - base + seplen;
        io->rpos -= RSTRING_LEN(str) - end;
        str_set_len(str, end);
        found = true;
        break;
      }
    }
    if (o->limit > 0 && RSTRING_LEN(str) >= o->limit) {
      complete_char(vm, io, str);
      break;
    }
  }
  if (!str) return Qnil;
  if (para) {   /* swallow the rest of the blank lines */
    while (io_fill(vm, io, "io_fillbuf") && io->rbuf[io->rpos] == '\n') io->rpos++;
  }
  if (o->chomp && found) {
    long len = RSTRING_LEN(str) - seplen;
    if (o->default_sep && len > 0 && RSTRING_PTR(str)[len - 1] == '\r') len--;
    str_set_len(str, len);
  } else if (o->chomp && !sep) {   /* gets(nil, chomp: true) drops a final newline */
    long len = RSTRING_LEN(str);
    if (len > 0 && RSTRING_PTR(str)[len - 1] == '\n') {
      len--;
      if (len > 0 && RSTRING_PTR(str)[len - 1] == '\r') len--;
      str_set_len(str, len);
    }
  }
  io->lineno++;
  kn_gvar_set(vm, kn_intern(vm, "$."), kn_int_new(vm, io->lineno));
  return str;
}

/* Reads everything left. */
static VALUE io_read_all(VM *vm, IOBuf *io) {
  long hint = 0;
  struct stat st;
  if (fstat(io->fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = lseek(io->fd, 0, SEEK_CUR);
    if (pos >= 0 && st.st_size > pos) hint = (long)(st.st_size - pos) + (io->rlen - io->rpos);
  }
  VALUE s = kn_str_buf_new(vm, hint);
  while (io_fill(vm, io, "io_fread")) {
    kn_str_cat(vm, s, io->rbuf + io->rpos, io->rlen - io->rpos);
    io->rpos = io->rlen;
  }
  return s;
}

/* Reads up to n bytes (n > 0); Qnil at end of file. The result is binary. */
static VALUE io_read_n(VM *vm, IOBuf *io, long n) {
  VALUE s = 0;
  while (!s || RSTRING_LEN(s) < n) {
    if (!io_fill(vm, io, "io_fread")) break;
    long take = io->rlen - io->rpos, want = n - (s ? RSTRING_LEN(s) : 0);
    if (take > want) take = want;
    if (!s) s = kn_str_buf_new(vm, n < 65536 ? n : take);
    kn_str_cat(vm, s, io->rbuf + io->rpos, take);
    io->rpos += take;
  }
  if (!s) return Qnil;
  RBASIC(s)->flags |= FL_STR_BINARY;
  RBASIC(s)->aux = 0;
  return s;
}

static void set_last_line(VM *vm, VALUE line) {
  kn_gvar_set(vm, kn_intern(vm, "$_"), line);
}

static VALUE io_gets(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  LineOpts o;
  line_opts(vm, argc, argv, &o);
  VALUE line = io_getline(vm, io_readable(vm, self), &o);
  set_last_line(vm, line);
  return line;
}

static VALUE io_readline(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  VALUE line = io_gets(vm, self, argc, argv, blk);
  if (NIL_P(line)) kn_raise(vm, vm->eEOFError, "end of file reached");
  return line;
}

static VALUE enum_for(VM *vm, VALUE self, const char *meth, int argc, const VALUE *argv) {
  VALUE args[8];
  int n = argc < 7 ? argc : 7;
  args[0] = kn_sym(vm, meth);
  for (int i = 0; i < n; i++) args[i + 1] = argv[i];
  return kn_funcall(vm, self, vm->id_to_enum, n + 1, args);
}

static VALUE io_each_line(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  if (NIL_P(blk)) return enum_for(vm, self, "each_line", argc, argv);
  LineOpts o;
  line_opts(vm, argc, argv, &o);
  if (o.limit == 0) kn_raise(vm, vm->eArgumentError, "invalid limit: 0 for each_line");
  IOBuf *io = io_readable(vm, self);
  VALUE line;
  while (!NIL_P(line = io_getline(vm, io, &o))) {
    kn_yield1(vm, blk, line);
    io = io_readable(vm, self);
  }
  return self;
}

static VALUE io_readlines(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  LineOpts o;
  line_opts(vm, argc, argv, &o);
  if (o.limit == 0) kn_raise(vm, vm->eArgumentError, "invalid limit: 0 for readlines");
  IOBuf *io = io_readable(vm, self);
  VALUE ary = kn_ary_new(vm), line;
  while (!NIL_P(line = io_getline(vm, io, &o))) kn_ary_push(vm, ary, line);
  return ary;
}

/* IO#read(length = nil, outbuf = nil) */
static VALUE io_read(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  IOBuf *io = io_readable(vm, self);
  VALUE s;
  if (argc == 0 || NIL_P(argv[0])) {
    s = io_read_all(vm, io);
  } else {
    long n = kn_num2long(vm, argv[0]);
    if (n < 0) kn_raise(vm, vm->eArgumentError, "negative length %ld given", n);
    s = n == 0 ? kn_str_new(vm, "", 0) : io_read_n(vm, io, n);
  }
  if (argc > 1 && !NIL_P(argv[1])) {
    VALUE buf = argv[1];
    kn_funcall(vm, buf, kn_intern(vm, "replace"), 1, (VALUE[]){NIL_P(s) ? kn_str_new(vm, "", 0) : s});
    return NIL_P(s) ? Qnil : buf;
  }
  return s;
}

static VALUE io_getc(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = io_readable(vm, self);
  if (!io_fill(vm, io, "io_fillbuf")) return Qnil;
  long n = utf8_len((unsigned char)io->rbuf[io->rpos]);
  VALUE s = kn_str_new(vm, io->rbuf + io->rpos, 1);
  io->rpos++;
  for (long i = 1; i < n && io_fill(vm, io, "io_fillbuf"); i++) {
    if (((unsigned char)io->rbuf[io->rpos] & 0xc0) != 0x80) break;
    kn_str_cat(vm, s, io->rbuf + io->rpos, 1);
    io->rpos++;
  }
  return s;
}

static VALUE io_readchar(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  VALUE c = io_getc(vm, self, argc, argv, blk);
  if (NIL_P(c)) kn_raise(vm, vm->eEOFError, "end of file reached");
  return c;
}

static VALUE io_getbyte(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = io_readable(vm, self);
  if (!io_fill(vm, io, "io_fillbuf")) return Qnil;
  return INT2FIX((unsigned char)io->rbuf[io->rpos++]);
}

static VALUE io_readbyte(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  VALUE c = io_getbyte(vm, self, argc, argv, blk);
  if (NIL_P(c)) kn_raise(vm, vm->eEOFError, "end of file reached");
  return c;
}

static VALUE io_each_char(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  if (NIL_P(blk)) return enum_for(vm, self, "each_char", 0, NULL);
  VALUE c;
  while (!NIL_P(c = io_getc(vm, self, argc, argv, Qnil))) kn_yield1(vm, blk, c);
  return self;
}

static VALUE io_each_byte(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  if (NIL_P(blk)) return enum_for(vm, self, "each_byte", 0, NULL);
  VALUE c;
  while (!NIL_P(c = io_getbyte(vm, self, argc, argv, Qnil))) kn_yield1(vm, blk, c);
  return self;
}

/* Pushes bytes back in front of the read buffer. */
static void io_unread(IOBuf *io, const char *p, long n) {
  if (n <= io->rpos) {
    io->rpos -= n;
    memcpy(io->rbuf + io->rpos, p, (size_t)n);
    return;
  }
  long left = io->rlen - io->rpos;
  long capa = left + n > RBUF_SIZE ? left + n : RBUF_SIZE;
  char *nb = kn_xmalloc((size_t)capa);
  memcpy(nb, p, (size_t)n);
  if (left) memcpy(nb + n, io->rbuf + io->rpos, (size_t)left);
  free(io->rbuf);
  io->rbuf = nb;
  io->rcapa = capa;
  io->rpos = 0;
  io->rlen = n + left;
}

static VALUE io_ungetc(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  IOBuf *io = io_readable(vm, self);
  VALUE c = argv[0];
  if (NIL_P(c)) return Qnil;
  if (FIXNUM_P(c)) {
    char b = (char)(FIX2LONG(c) & 0xff);
    io_unread(io, &b, 1);
  } else {
    c = kn_check_string(vm, c);
    io_unread(io, RSTRING_PTR(c), RSTRING_LEN(c));
  }
  return Qnil;
}

static VALUE io_eof_p(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return KN_BOOL(!io_fill(vm, io_readable(vm, self), "io_fillbuf"));
}

static VALUE io_lineno(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  return kn_int_new(vm, io_readable(vm, self)->lineno);
}

static VALUE io_set_lineno(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  io_readable(vm, self)->lineno = kn_num2long(vm, argv[0]);
  return argv[0];
}

/* ---- positioning ----------------------------------------------------------------------- */

static off_t io_seek_raw(VM *vm, IOBuf *io, off_t off, int whence) {
  io_flush(vm, io, "rb_io_flush_raw");
  if (whence == SEEK_CUR) off -= io->rlen - io->rpos;
  io->rpos = io->rlen = 0;
  off_t r = lseek(io->fd, off, whence);
  if (r < 0) kn_io_sys_fail(vm, errno, NULL, io_error_path(vm, io));
  return r;
}

static VALUE io_rewind(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  io_seek_raw(vm, io, 0, SEEK_SET);
  io->lineno = 0;
  return INT2FIX(0);
}

static VALUE io_seek(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  int whence = SEEK_SET;
  if (argc > 1) {
    VALUE w = argv[1];
    if (SYMBOL_P(w)) {
      const char *n = kn_id_name(vm, SYM2ID(w));
      whence = !strcmp(n, "CUR") ? SEEK_CUR : !strcmp(n, "END") ? SEEK_END : SEEK_SET;
    } else {
      whence = (int)kn_num2long(vm, w);
    }
  }
  io_seek_raw(vm, io, (off_t)kn_num2long(vm, argv[0]), whence);
  return INT2FIX(0);
}

static VALUE io_tell(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  off_t r = lseek(io->fd, 0, SEEK_CUR);
  if (r < 0) kn_io_sys_fail(vm, errno, NULL, io_error_path(vm, io));
  return kn_int_new(vm, (intptr_t)(r - (io->rlen - io->rpos) + io->wlen));
}

static VALUE io_set_pos(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  io_seek_raw(vm, io, (off_t)kn_num2long(vm, argv[0]), SEEK_SET);
  return argv[0];
}

/* ---- File instance methods -------------------------------------------------------------- */

static VALUE file_path(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  return io->path ? io->path : Qnil;
}

static VALUE file_size(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)argv; (void)blk;
  IOBuf *io = get_io(vm, self);
  io_check_open(vm, io);
  io_flush(vm, io, "rb_io_flush_raw");
  struct stat st;
  if (fstat(io->fd, &st) < 0) kn_io_sys_fail(vm, errno, NULL, io_error_path(vm, io));
  return kn_int_new(vm, (intptr_t)st.st_size);
}

static VALUE file_truncate(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)argc; (void)blk;
  IOBuf *io = io_writable(vm, self);
  io_flush(vm, io, "rb_io_flush_raw");
  if (ftruncate(io->fd, (off_t)kn_num2long(vm, argv[0])) < 0)
    kn_io_sys_fail(vm, errno, NULL, io_error_path(vm, io));
  return INT2FIX(0);
}

static VALUE file_flock(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)vm; (void)self; (void)argc; (void)argv; (void)blk;
  return INT2FIX(0);
}

/* ---- IO / File class methods on paths ------------------------------------------------------ */

/* Opens path for IO.read & co.; returns the File object. */
static VALUE open_path(VM *vm, VALUE path, const char *defmode, VALUE kw) {
  VALUE mode = kw_get(vm, kw, "mode");
  if (mode == Qundef) mode = kn_str_new_cstr(vm, defmode);
  VALUE obj = io_alloc(vm, vm->cFile);
  file_open_into(vm, obj, path, mode, Qnil);
  return obj;
}

static void close_quiet(VM *vm, VALUE obj) {
  IOBuf *io = io_ptr(obj);
  if (io) io_close_buf(vm, io);
}

/* Runs fn(obj, arg) and closes obj even when fn raises. */
static VALUE with_file(VM *vm, VALUE obj, VALUE (*fn)(VM *, VALUE, void *), void *arg) {
  volatile VALUE result = Qnil;
  volatile VALUE vobj = obj;
  KN_TRY(vm) {
    result = fn(vm, vobj, arg);
  } KN_CATCH(vm) {
    VALUE err = vm->errinfo;
    IOBuf *io = io_ptr(vobj);
    if (io && !io->closed) { io_flush_quiet(io); if (io->fd > 2) close(io->fd); io->closed = true; }
    kn_jump(vm, kn_tag, err);
  } KN_END(vm);
  close_quiet(vm, vobj);
  return result;
}

typedef struct ReadArgs { VALUE length; } ReadArgs;

static VALUE read_body(VM *vm, VALUE obj, void *arg) {
  ReadArgs *a = arg;
  IOBuf *io = io_ptr(obj);
  if (NIL_P(a->length)) return io_read_all(vm, io);
  long n = kn_num2long(vm, a->length);
  if (n < 0) kn_raise(vm, vm->eArgumentError, "negative length %ld given", n);
  return n == 0 ? kn_str_new(vm, "", 0) : io_read_n(vm, io, n);
}

/* IO.read(path, length = nil, offset = nil, mode: "r") */
static VALUE io_s_read(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE kw = split_kw(&argc, argv);
  if (argc < 1 || argc > 3) kn_arity_error(vm, argc, 1, 3);
  VALUE obj = open_path(vm, argv[0], "r", kw);
  if (argc > 2 && !NIL_P(argv[2])) {
    long off = kn_num2long(vm, argv[2]);
    if (off < 0) kn_raise(vm, vm->eArgumentError, "negative offset %ld given", off);
    io_seek_raw(vm, io_ptr(obj), (off_t)off, SEEK_SET);
  }
  ReadArgs a = {argc > 1 ? argv[1] : Qnil};
  return with_file(vm, obj, read_body, &a);
}

typedef struct LinesArgs { int argc; VALUE *argv; VALUE blk; } LinesArgs;

static VALUE readlines_body(VM *vm, VALUE obj, void *arg) {
  LinesArgs *a = arg;
  return io_readlines(vm, obj, a->argc, a->argv, Qnil);
}

static VALUE foreach_body(VM *vm, VALUE obj, void *arg) {
  LinesArgs *a = arg;
  io_each_line(vm, obj, a->argc, a->argv, a->blk);
  return Qnil;
}

/* The arguments after the path, keeping a trailing keywords Hash. */
static VALUE io_s_readlines(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE kw = argc > 1 && kn_is_type(argv[argc - 1], T_HASH) ? argv[argc - 1] : Qnil;
  VALUE obj = open_path(vm, argv[0], "r", kw);
  LinesArgs a = {argc - 1, argv + 1, Qnil};
  return with_file(vm, obj, readlines_body, &a);
}

static VALUE io_s_foreach(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  if (NIL_P(blk)) return enum_for(vm, self, "foreach", argc, argv);
  VALUE kw = argc > 1 && kn_is_type(argv[argc - 1], T_HASH) ? argv[argc - 1] : Qnil;
  VALUE obj = open_path(vm, argv[0], "r", kw);
  LinesArgs a = {argc - 1, argv + 1, blk};
  with_file(vm, obj, foreach_body, &a);
  return Qnil;
}

typedef struct WriteArgs { VALUE str; } WriteArgs;

static VALUE write_body(VM *vm, VALUE obj, void *arg) {
  WriteArgs *a = arg;
  return io_write_m(vm, obj, 1, &a->str, Qnil);
}

/* IO.write(path, string, offset = nil, mode: "w") */
static VALUE io_s_write(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE kw = split_kw(&argc, argv);
  if (argc < 2 || argc > 3) kn_arity_error(vm, argc, 2, 3);
  bool at = argc > 2 && !NIL_P(argv[2]);
  VALUE mode = kw_get(vm, kw, "mode");
  VALUE obj;
  if (mode == Qundef && at) {
    obj = io_alloc(vm, vm->cFile);
    file_open_into(vm, obj, argv[0], INT2FIX(O_WRONLY | O_CREAT), Qnil);
    io_seek_raw(vm, io_ptr(obj), (off_t)kn_num2long(vm, argv[2]), SEEK_SET);
  } else {
    obj = open_path(vm, argv[0], "w", kw);
    if (at) io_seek_raw(vm, io_ptr(obj), (off_t)kn_num2long(vm, argv[2]), SEEK_SET);
  }
  WriteArgs a = {argv[1]};
  return with_file(vm, obj, write_body, &a);
}

/* ---- Kernel ------------------------------------------------------------------------------ */

/* The VM keeps vm->stdout_obj equal to $stdout (kn_gvar_set updates it). */
static VALUE cur_stdout(VM *vm) {
  return vm->stdout_obj ? vm->stdout_obj : kn_gvar_get(vm, kn_intern(vm, "$stdout"));
}

static VALUE cur_stdin(VM *vm) {
  return kn_gvar_get(vm, kn_intern(vm, "$stdin"));
}

static VALUE k_puts(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)blk;
  VALUE out = cur_stdout(vm);
  IOBuf *io = io_ptr(out);
  if (io) {
    io_writable(vm, out);
    do_puts(vm, out, io, argc, argv);
  } else if (out == self) {
    do_puts(vm, out, NULL, argc, argv);
  } else {
    kn_funcall(vm, out, kn_intern(vm, "puts"), argc, argv);
  }
  return Qnil;
}

static VALUE k_print(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE out = cur_stdout(vm);
  IOBuf *io = io_ptr(out);
  if (io) io_writable(vm, out);
  do_print(vm, out, io, argc, argv);
  return Qnil;
}

static VALUE k_p(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  do_p(vm, cur_stdout(vm), argc, argv);
  if (argc == 0) return Qnil;
  if (argc == 1) return argv[0];
  return kn_ary_new_from(vm, argc, argv);
}

static VALUE k_putc(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)argc; (void)blk;
  VALUE out = cur_stdout(vm);
  IOBuf *io = io_ptr(out);
  if (io) putc_to(vm, out, io_writable(vm, out), argv[0]);
  else kn_funcall(vm, out, kn_intern(vm, "putc"), 1, argv);
  return argv[0];
}

static VALUE k_gets(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self;
  VALUE in = cur_stdin(vm);
  if (io_ptr(in)) return io_gets(vm, in, argc, argv, blk);
  VALUE line = kn_funcall(vm, in, kn_intern(vm, "gets"), argc, argv);
  set_last_line(vm, line);
  return line;
}

static VALUE k_readline(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  VALUE line = k_gets(vm, self, argc, argv, blk);
  if (NIL_P(line)) kn_raise(vm, vm->eEOFError, "end of file reached");
  return line;
}

static VALUE k_readlines(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self;
  VALUE in = cur_stdin(vm);
  if (io_ptr(in)) return io_readlines(vm, in, argc, argv, blk);
  return kn_funcall(vm, in, kn_intern(vm, "readlines"), argc, argv);
}

static VALUE k_open(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self;
  return io_s_open(vm, vm->cFile, argc, argv, blk);
}

/* Kernel#warn(*msgs, uplevel: nil, category: nil): the messages, puts-style, as one write
 * to $stderr; nothing when warnings are off (-W0, or $VERBOSE = nil). */
static VALUE k_warn(VM *vm, VALUE self, int argc, VALUE *argv, VALUE blk) {
  (void)self; (void)blk;
  VALUE kw = split_kw(&argc, argv);
  if (!vm->opts.warnings || argc == 0 || NIL_P(kn_gvar_get(vm, kn_intern(vm, "$VERBOSE"))))
    return Qnil;
  VALUE msg = kn_str_buf_new(vm, 64);
  VALUE up = kw_get(vm, kw, "uplevel");
  if (up != Qundef && !NIL_P(up)) {
    long lv = kn_num2long(vm, up);
    if (lv < 0) kn_raise(vm, vm->eArgumentError, "negative level (%ld)", lv);
    VALUE bt = kn_backtrace(vm, 0);
    VALUE loc = kn_ary_entry(bt, lv + 1);
    if (kn_is_type(loc, T_STRING)) {
      const char *b = RSTRING_PTR(loc), *e = strstr(b, ":in ");
      kn_str_cat(vm, msg, b, e ? e - b : RSTRING_LEN(loc));
      kn_str_cat_cstr(vm, msg, ": ");
    }
    kn_str_cat_cstr(vm, msg, "warning: ");
  }
  for (int i = 0; i < argc; i++) puts_value(vm, msg, NULL, argv[i], NULL);
  VALUE err = vm->stderr_obj ? vm->stderr_obj : kn_gvar_get(vm, kn_intern(vm, "$stderr"));
  if (RSTRING_LEN(msg)) kn_io_write(vm, err, RSTRING_PTR(msg), RSTRING_LEN(msg));
  return Qnil;
}

/* ---- initialisation ----------------------------------------------------------------------- */

static VALUE std_stream(VM *vm, int fd, int mode, const char *label, const char *cname,
                        const char *gname, VALUE *slot) {
  VALUE io = io_new_fd(vm, vm->cIO, fd, mode, label);
  *slot = io;
  kn_gc_register_address(vm, slot);
  kn_define_const(vm, vm->cObject, cname, io);
  kn_gvar_set(vm, kn_intern(vm, gname), io);
  return io;
}

void kn_init_io(VM *vm) {
  signal(SIGPIPE, SIG_IGN);   /* a closed pipe becomes Errno::EPIPE, as in CRuby */
  if (!vm->cIO) {
    vm->cIO = kn_define_class(vm, "IO", vm->cObject);
    kn_include_module(vm, vm->cIO, vm->cEnumerable);
  }
  if (!vm->cFile) vm->cFile = kn_define_class(vm, "File", vm->cIO);
  VALUE c = vm->cIO;
  kn_set_allocator(vm, c, T_DATA, io_alloc);
  kn_set_allocator(vm, vm->cFile, T_DATA, io_alloc);
  kn_define_const(vm, c, "SEEK_SET", INT2FIX(SEEK_SET));
  kn_define_const(vm, c, "SEEK_CUR", INT2FIX(SEEK_CUR));
  kn_define_const(vm, c, "SEEK_END", INT2FIX(SEEK_END));
  kn_define_private_method(vm, c, "initialize", io_initialize, 0, -1);
  kn_define_method(vm, c, "write", io_write_m, 0, -1);
  kn_define_method(vm, c, "syswrite", io_write_m, 1, 1);
  kn_define_method(vm, c, "print", io_print, 0, -1);
  kn_define_method(vm, c, "puts", io_puts, 0, -1);
  kn_define_method(vm, c, "<<", io_ltlt, 1, 1);
  kn_define_method(vm, c, "printf", io_printf, 0, -1);
  kn_define_method(vm, c, "putc", io_putc, 1, 1);
  kn_define_method(vm, c, "flush", io_flush_m, 0, 0);
  kn_define_method(vm, c, "fsync", io_fsync, 0, 0);
  kn_define_method(vm, c, "sync", io_sync, 0, 0);
  kn_define_method(vm, c, "sync=", io_set_sync, 1, 1);
  kn_define_method(vm, c, "fileno", io_fileno, 0, 0);
  kn_define_method(vm, c, "to_i", io_fileno, 0, 0);
  kn_define_method(vm, c, "close", io_close, 0, 0);
  kn_define_method(vm, c, "closed?", io_closed_p, 0, 0);
  kn_define_method(vm, c, "gets", io_gets, 0, -1);
  kn_define_method(vm, c, "readline", io_readline, 0, -1);
  kn_define_method(vm, c, "readlines", io_readlines, 0, -1);
  kn_define_method(vm, c, "to_a", io_readlines, 0, -1);
  kn_define_method(vm, c, "each_line", io_each_line, 0, -1);
  kn_define_method(vm, c, "each", io_each_line, 0, -1);
  kn_define_method(vm, c, "read", io_read, 0, 2);
  kn_define_method(vm, c, "getc", io_getc, 0, 0);
  kn_define_method(vm, c, "readchar", io_readchar, 0, 0);
  kn_define_method(vm, c, "getbyte", io_getbyte, 0, 0);
  kn_define_method(vm, c, "readbyte", io_readbyte, 0, 0);
  kn_define_method(vm, c, "each_char", io_each_char, 0, 0);
  kn_define_method(vm, c, "each_byte", io_each_byte, 0, 0);
  kn_define_method(vm, c, "ungetc", io_ungetc, 1, 1);
  kn_define_method(vm, c, "ungetbyte", io_ungetc, 1, 1);
  kn_define_method(vm, c, "eof?", io_eof_p, 0, 0);
  kn_define_method(vm, c, "eof", io_eof_p, 0, 0);
  kn_define_method(vm, c, "lineno", io_lineno, 0, 0);
  kn_define_method(vm, c, "lineno=", io_set_lineno, 1, 1);
  kn_define_method(vm, c, "tty?", io_isatty, 0, 0);
  kn_define_method(vm, c, "isatty", io_isatty, 0, 0);
  kn_define_method(vm, c, "rewind", io_rewind, 0, 0);
  kn_define_method(vm, c, "seek", io_seek, 1, 2);
  kn_define_method(vm, c, "pos", io_tell, 0, 0);
  kn_define_method(vm, c, "tell", io_tell, 0, 0);
  kn_define_method(vm, c, "pos=", io_set_pos, 1, 1);
  kn_define_method(vm, c, "inspect", io_inspect, 0, 0);
  kn_define_method(vm, c, "to_io", io_self, 0, 0);
  kn_define_method(vm, c, "binmode", io_self, 0, 0);
  kn_define_method(vm, c, "set_encoding", io_self, 0, -1);
  kn_define_singleton_method(vm, c, "open", io_s_open, 0, -1);
  kn_define_singleton_method(vm, c, "read", io_s_read, 1, -1);
  kn_define_singleton_method(vm, c, "binread", io_s_read, 1, -1);
  kn_define_singleton_method(vm, c, "readlines", io_s_readlines, 1, -1);
  kn_define_singleton_method(vm, c, "foreach", io_s_foreach, 1, -1);
  kn_define_singleton_method(vm, c, "write", io_s_write, 2, -1);
  kn_define_singleton_method(vm, c, "binwrite", io_s_write, 2, -1);

  VALUE f = vm->cFile;
  kn_define_private_method(vm, f, "initialize", file_initialize, 1, -1);
  kn_define_method(vm, f, "path", file_path, 0, 0);
  kn_define_method(vm, f, "to_path", file_path, 0, 0);
  kn_define_method(vm, f, "size", file_size, 0, 0);
  kn_define_method(vm, f, "truncate", file_truncate, 1, 1);
  kn_define_method(vm, f, "flock", file_flock, 1, 1);
  VALUE consts = kn_define_module_under(vm, f, "Constants");
  static const struct { const char *name; int val; } oc[] = {
    {"RDONLY", O_RDONLY}, {"WRONLY", O_WRONLY}, {"RDWR", O_RDWR}, {"CREAT", O_CREAT},
    {"TRUNC", O_TRUNC}, {"APPEND", O_APPEND}, {"EXCL", O_EXCL}, {"NONBLOCK", O_NONBLOCK},
    {"BINARY", 0}, {"LOCK_SH", 1}, {"LOCK_EX", 2}, {"LOCK_NB", 4}, {"LOCK_UN", 8},
  };
  for (size_t i = 0; i < sizeof oc / sizeof oc[0]; i++) {
    kn_define_const(vm, consts, oc[i].name, INT2FIX(oc[i].val));
    kn_define_const(vm, f, oc[i].name, INT2FIX(oc[i].val));
  }

  /* $stdout first: the standard streams are never closed by the GC. */
  std_stream(vm, 1, IO_WRITABLE, "<STDOUT>", "STDOUT", "$stdout", &vm->stdout_obj);
  VALUE err = std_stream(vm, 2, IO_WRITABLE, "<STDERR>", "STDERR", "$stderr", &vm->stderr_obj);
  ((IOBuf *)RDATA(err)->data)->sync = true;
  std_stream(vm, 0, IO_READABLE, "<STDIN>", "STDIN", "$stdin", &vm->stdin_obj);
  kn_gvar_set(vm, kn_intern(vm, "$>"), vm->stdout_obj);
  if (NIL_P(kn_gvar_get(vm, kn_intern(vm, "$VERBOSE"))))   /* CRuby's default; -W0 makes it nil */
    kn_gvar_set(vm, kn_intern(vm, "$VERBOSE"), Qfalse);
  if (NIL_P(kn_gvar_get(vm, kn_intern(vm, "$/"))))
    kn_gvar_set(vm, kn_intern(vm, "$/"), kn_obj_freeze(vm, kn_str_new(vm, "\n", 1)));

  VALUE k = vm->cKernel;
  kn_define_private_method(vm, k, "puts", k_puts, 0, -1);
  kn_define_private_method(vm, k, "print", k_print, 0, -1);
  kn_define_private_method(vm, k, "p", k_p, 0, -1);
  kn_define_private_method(vm, k, "pp", k_p, 0, -1);
  kn_define_private_method(vm, k, "putc", k_putc, 1, 1);
  kn_define_private_method(vm, k, "gets", k_gets, 0, -1);
  kn_define_private_method(vm, k, "readline", k_readline, 0, -1);
  kn_define_private_method(vm, k, "readlines", k_readlines, 0, -1);
  kn_define_private_method(vm, k, "open", k_open, 1, -1);
  kn_define_private_method(vm, k, "warn", k_warn, 0, -1);

  kn_init_file(vm);
}
