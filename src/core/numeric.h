/* numeric.h -- number helpers shared by src/core/numeric.c, bignum.c, math.c, comparable.c,
 * sprintf.c and by the conversion functions elsewhere (Kernel#Integer/Float, String#to_i/to_f).
 * The vm.h number API (kn_int_new, kn_int_plus, ...) is implemented here too; this header
 * adds what only the core library needs. Integers are Fixnums or T_BIGNUM objects whose
 * value never fits a Fixnum (every result is normalised). */
#ifndef KN_CORE_NUMERIC_H
#define KN_CORE_NUMERIC_H

#include "../vm/vm.h"

/* ---- string -> number (bignum.c / numeric.c) ----------------------------------------- */

/* Parse an integer from s[0..len) in `base` (2..36, or 0: auto-detect 0x/0b/0o/0d/0 prefix;
 * other bases raise ArgumentError "invalid radix N"). Leading whitespace, one sign, and
 * single underscores between digits are accepted; a prefix matching `base` is skipped.
 *  strict (Kernel#Integer): the whole string must be a number (trailing whitespace ok);
 *          returns Qnil when it is not -- the caller raises.
 *  non-strict (String#to_i): parses the longest valid prefix; returns 0 when there is none. */
VALUE kn_str_to_inum(VM *vm, const char *s, long len, int base, bool strict);

/* Parse a Float. strict (Kernel#Float): whole string, decimal or 0x hex, underscores only
 * between digits, surrounding whitespace ok; Qnil when invalid. Non-strict (String#to_f):
 * the longest decimal prefix, 0.0 when there is none. Never raises. */
VALUE kn_str_to_dbl(VM *vm, const char *s, long len, bool strict);

/* ---- bignum helpers (bignum.c) -------------------------------------------------------- */

/* Take ownership of z: returns a Fixnum (and clears z) when it fits, else a new Bignum that
 * owns z's limbs. z must not be used or cleared by the caller afterwards. */
VALUE kn_big_take(VM *vm, mpz_t z);
/* Set `out` (already initialised) to the value of Integer v. */
void kn_int_get_mpz(VALUE v, mpz_t out);
/* Correctly rounded (nearest-even) conversion; +-Infinity when out of range. */
double kn_big_to_dbl(const mpz_t z);
/* Integer (Fixnum or Bignum) to double, correctly rounded. */
double kn_int_to_dbl(VALUE v);
/* Truncate a finite double to an Integer; raises FloatDomainError for NaN / Infinity. */
VALUE kn_dbl_to_int(VM *vm, double d);
/* Integer comparison -1/0/1 (both arguments Integers). */
int kn_int_cmp(VALUE a, VALUE b);
/* Exact comparison of an Integer with a double: -1/0/1, or 2 when d is NaN. */
int kn_int_cmp_dbl(VALUE i, double d);
/* Integer to a String in `base` (2..36); for sprintf: digits of |i| only when abs. */
VALUE kn_int_to_s_abs(VM *vm, VALUE i, int base);
static inline bool kn_bignum_p(VALUE v) { return kn_is_type(v, T_BIGNUM); }

/* GC hygiene: C code that passes RSTRING_PTR(s) to something that may allocate must keep
 * s itself alive (the conservative scan does not follow pointers into malloc'ed buffers).
 * kn_keep_alive(s) after the call forces s into a register or stack slot until then. */
static inline void kn_keep_alive(VALUE v) { __asm__ volatile("" : : "r"(v) : "memory"); }
/* The class name of any object (NilClass for nil) as a String VALUE: for %V in kn_raise. */
static inline VALUE kn_class_name_of(VM *vm, VALUE obj) { return kn_class_name(vm, kn_obj_class(vm, obj)); }

/* ---- conversions (numeric.c) --------------------------------------------------------- */

/* Implicit Integer conversion (to_int) as CRuby's rb_to_int: Integer as is, Float truncated,
 * else #to_int; TypeError "no implicit conversion of X into Integer". */
VALUE kn_to_int(VM *vm, VALUE v);
/* Kernel#Float semantics for any value (Strings parsed strictly), returns a C double. */
double kn_to_dbl_conv(VM *vm, VALUE v);

/* ---- arithmetic shared with rational.c (numeric.c) -------------------------------------- */

/* CRuby's coercion protocol: y.coerce(x) then x' op y'. _bin raises TypeError "Y can't be
 * coerced into X" when y cannot coerce; _cmp returns nil instead. */
VALUE kn_num_coerce_bin(VM *vm, VALUE x, VALUE y, ID op);
VALUE kn_num_coerce_cmp(VM *vm, VALUE x, VALUE y, ID op);
/* Integer ** anything (Integer#**). */
VALUE kn_int_pow(VM *vm, VALUE a, VALUE b);
/* Integer#fdiv for two Integers, rounded as CRuby (Rational#to_f is num.fdiv(den)). */
double kn_int_fdiv_dbl(VALUE a, VALUE b);
/* "file:line: warning: msg" at the Ruby caller (unless -W0). */
void kn_num_warn(VM *vm, const char *msg);
/* The `half:` option of round(): RM_UP when opts is not a Hash or has no :half; raises
 * ArgumentError for an unknown mode or keyword. */
typedef enum { RM_UP, RM_EVEN, RM_DOWN } RoundMode;
RoundMode kn_round_mode(VM *vm, VALUE opts);

/* ---- Rational and Complex (rational.c) ---------------------------------------------------- */

/* Complex + / * a Fixnum, componentwise (what Integer#+ and Integer#* do with a Complex). */
VALUE kn_complex_plus_real(VM *vm, VALUE cpx, VALUE x);
VALUE kn_complex_mul_real(VM *vm, VALUE cpx, VALUE x);
/* abs * e**(i*pi*ang) as CRuby builds (-x)**y: exact axes for half and whole turns (a Float
 * when the result is real), abs*cos(pi*ang) + abs*sin(pi*ang)i otherwise. */
VALUE kn_complex_polar_pi(VM *vm, double abs, double ang);
/* Math.sqrt of a Complex: the principal root as a Complex of Floats. */
VALUE kn_complex_sqrt(VM *vm, VALUE c);

/* ---- comparison errors (comparable.c) -------------------------------------------------- */

/* ArgumentError "comparison of X with Y failed" (Y: inspect for special constants and
 * Floats, class name otherwise). */
_Noreturn void kn_cmperr(VM *vm, VALUE x, VALUE y);
/* Turn the result of `a <=> b` into -1/0/1; nil raises kn_cmperr(a, b). */
int kn_cmpint(VM *vm, VALUE r, VALUE a, VALUE b);

#endif
