/* value.h -- the tagged VALUE word (DESIGN.md section 3), laid out as in CRuby 3.2+:
 *   ...xxx1  Fixnum (n << 1 | 1)          ...xx10  flonum (a rotated double)
 *   0x00 false   0x04 nil   0x14 true   0x24 undef   (id << 8) | 0x0c  static Symbol
 *   ...x000 (non-zero) pointer to a heap object (8-aligned)
 * Everything here is inline and touches no VM state, so every layer and tier may use it. */
#ifndef KN_VALUE_H
#define KN_VALUE_H

#include <stdint.h>
#include <stddef.h>
#include <string.h>

typedef uintptr_t VALUE;
typedef uintptr_t ID;

#define Qfalse ((VALUE)0x00)
#define Qnil ((VALUE)0x04)
#define Qtrue ((VALUE)0x14)
#define Qundef ((VALUE)0x24)

#define RTEST(v) (((VALUE)(v) & ~Qnil) != 0)
#define NIL_P(v) ((VALUE)(v) == Qnil)
#define KN_BOOL(c) ((c) ? Qtrue : Qfalse)

/* Fixnums hold 63-bit signed integers. */
#define FIXNUM_MAX (INTPTR_MAX >> 1)
#define FIXNUM_MIN (INTPTR_MIN >> 1)
#define FIXNUM_P(v) (((VALUE)(v)) & 1)
#define FIXABLE(n) ((n) >= FIXNUM_MIN && (n) <= FIXNUM_MAX)
static inline VALUE INT2FIX(intptr_t n) { return ((VALUE)n << 1) | 1; }
static inline intptr_t FIX2LONG(VALUE v) { return (intptr_t)v >> 1; }

/* Static symbols: the ID in the high bits. */
#define SYMBOL_P(v) (((VALUE)(v) & 0xff) == 0x0c)
static inline VALUE ID2SYM(ID id) { return ((VALUE)id << 8) | 0x0c; }
static inline ID SYM2ID(VALUE v) { return (ID)(v >> 8); }

/* Flonums: doubles whose exponent fits are stored rotated left by 3 with tag 10;
 * +0.0 has its own pattern. Others live in heap Float objects (see kn_float_new). */
#define FLONUM_P(v) (((VALUE)(v) & 3) == 2)
#define KN_FLONUM_ZERO ((VALUE)0x8000000000000002ULL)

static inline VALUE kn_rotl3(VALUE x) { return (x << 3) | (x >> 61); }
static inline VALUE kn_rotr3(VALUE x) { return (x >> 3) | (x << 61); }

/* Returns the flonum for d, or Qundef when d needs a heap Float. */
static inline VALUE kn_flonum_try(double d) {
  VALUE bits;
  memcpy(&bits, &d, sizeof bits);
  unsigned top = (unsigned)(bits >> 60) & 7;
  /* exponent bits 62..60 must be 011 or 100: |exponent - 1023| small enough */
  if (bits != 0x3000000000000000ULL && (top == 3 || top == 4))
    return (kn_rotl3(bits) & ~(VALUE)1) | 2;
  if (bits == 0) return KN_FLONUM_ZERO;
  return Qundef;
}

static inline double kn_flonum_value(VALUE v) {
  if (v == KN_FLONUM_ZERO) return 0.0;
  /* restore bit 60 from the sign of the rotated word: exponent top bits were 011 or 100 */
  VALUE b63 = v >> 63;
  VALUE t = (2 - b63) | (v & ~(VALUE)3);
  VALUE bits = kn_rotr3(t);
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

#define SPECIAL_CONST_P(v) (((VALUE)(v) & 7) != 0 || (VALUE)(v) == Qfalse)
#define HEAP_P(v) (!SPECIAL_CONST_P(v))

#endif
