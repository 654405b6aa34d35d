// A number's text written straight into a byte buffer: exactly the characters of String(value) (ECMAScript's
// shortest round-trip form), without making a string. The streamed CSV of a large forecast is mostly numbers, and
// a string per number (made, copied byte by byte, then collected as garbage) was most of the cost of writing it.
//
// How: for a value in the usual range, the exact product value × 10^s (s chosen so that it lies in [1e16, 1e17))
// is computed as the sum of two doubles (Dekker's product), and the 15-, 16- and 17-digit decimals within half an
// ulp of the value are found by integer steps on it; the spec's choice (fewest digits, then closest) is made only
// where it is clear by a margin. Anything else (very large, very small or exponential values, powers of two, ties,
// near-boundary cases) takes String(value), so the text is the same either way; a property test compares both.

/** 10^0 … 10^22: each exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Veltkamp's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** The high and low halves of each power of ten (their product with another split double is exact). */
const POW10_HIGH = POW10.map((p) => SPLITTER * p - (SPLITTER * p - p));
const POW10_LOW = POW10.map((p, k) => p - POW10_HIGH[k]);
/** Half an ulp of a double by its biased exponent E (ulp = 2^(E − 1075)). */
const HALF_ULP = Array.from({ length: 2047 }, (_, e) => 2 ** (e - 1076));
/** log10(2), to estimate a decimal exponent from a binary one. */
const LOG10_2 = 0.30102999566398120;
/** Distances within this of a decision boundary (in units of the 17th digit) are left to String(). */
const MARGIN = 1e-7;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** The two digits of 0 … 99 as ASCII: tens at 2n, ones at 2n + 1. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10));

const DOT = 46;
const MINUS = 45;
const ZERO = 48;

/**
 * Writes String(value) into `bytes` from `at` (with `decimal` in place of its '.': 44 for a decimal comma) and
 * returns where the text ends. `bytes` needs room for 25 bytes from `at` (those after the text's end may be
 * overwritten: the digits are written before the trailing zeros are dropped). Not finite: writes String(value) too
 * ("NaN", "Infinity"); the caller decides whether such a value is written at all.
 * @example writeNumberText(0.1 + 0.2, buf, 0) // buf now starts with "0.30000000000000004", returns 19
 */
export function writeNumberText(value: number, bytes: Uint8Array, at: number, decimal = DOT): number {
  const end = value < 0 ? fastText(-value, bytes, at + 1, decimal) : fastText(value, bytes, at, decimal);
  if (end < 0) return writeString(String(value), bytes, at, decimal);
  if (value < 0) bytes[at] = MINUS;
  return end;
}

/** The text of String(x) written char by char, '.' as `decimal`. */
function writeString(text: string, bytes: Uint8Array, at: number, decimal: number): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[at++] = c === DOT ? decimal : c;
  }
  return at;
}

/** Writes a small non-negative integer's digits; returns the end. */
function writeInteger(n: number, bytes: Uint8Array, at: number): number {
  let length = 1;
  for (let q = n; q >= 10; q = (q / 10) | 0) length++;
  const end = at + length;
  for (let i = end - 1; i >= at; i--) {
    const q = (n / 10) | 0;
    bytes[i] = ZERO + n - q * 10;
    n = q;
  }
  return end;
}

/** String(x) for x ≥ 0 where the fast way is sure of it; -1 where String() must decide. */
function fastText(x: number, bytes: Uint8Array, at: number, decimal: number): number {
  if (x < 2147483648 && x === Math.floor(x)) return writeInteger(x, bytes, at);
  // Fixed notation (no exponent) from 1e-6 up; a non-integer below 1e15 keeps s = 16 − e10 within 2 … 22.
  if (!(x >= 1e-6 && x < 1e15)) return -1;
  bits[0] = x;
  const high = words[1];
  const exponent = (high >>> 20) & 0x7ff;
  // A power of two has a narrower interval below than above: left to String().
  if ((high & 0xfffff) === 0 && words[0] === 0) return -1;
  // The decimal exponent e10 (x in [10^e10, 10^(e10+1))): the estimate from the binary exponent is e10 or one
  // less, which the product's size tells.
  let e10 = Math.floor((exponent - 1023) * LOG10_2);
  let s = 16 - e10;
  if (s > 23) return -1;
  let product = x * POW10[s - 1];
  if (product < 1e16) {
    if (s > 22) return -1;
    product = x * POW10[s];
  } else {
    s--;
    e10++;
  }
  if (!(product >= 1e16 && product < 1e17)) return -1;
  // x × 10^s exactly = product + error (Dekker's product: x and 10^s split into 26-bit halves).
  const split = SPLITTER * x;
  const xHigh = split - (split - x);
  const xLow = x - xHigh;
  const pHigh = POW10_HIGH[s];
  const pLow = POW10_LOW[s];
  const error = xHigh * pHigh - product + xHigh * pLow + xLow * pHigh + xLow * pLow;
  // Decimals n with |n − x × 10^s| < half (half an ulp of x, scaled) read back as x.
  const half = HALF_ULP[exponent] * POW10[s];
  // product (an integer: ≥ 2^53) = upper × 1e9 + lower, both parts exact.
  let upper = Math.floor(product * 1e-9);
  let lower = product - upper * 1e9;
  if (lower < 0) {
    upper--;
    lower += 1e9;
  } else if (lower >= 1e9) {
    upper++;
    lower -= 1e9;
  }
  // The decimal is product + step for an integer step: with at most 15 digits (a multiple of 100), else 16 (a
  // multiple of 10, the closest), else 17 (the integer closest).
  const lowerInt = lower | 0;
  let step: number;
  const mod100 = lowerInt % 100;
  const step100 = 100 * Math.round((error + mod100) * 0.01) - mod100;
  const distance100 = Math.abs(step100 - error);
  if (distance100 < half - MARGIN) step = step100;
  else if (distance100 < half + MARGIN) return -1;
  else {
    const mod10 = lowerInt % 10;
    const nearest10 = 10 * Math.round((error + mod10) * 0.1) - mod10;
    let best = Infinity;
    let bestStep = 0;
    let next = Infinity;
    for (let k = -10; k <= 10; k += 10) {
      const distance = Math.abs(nearest10 + k - error);
      if (Math.abs(distance - half) < MARGIN) return -1;
      if (distance >= half) continue;
      if (distance < best) {
        next = best;
        best = distance;
        bestStep = nearest10 + k;
      } else if (distance < next) next = distance;
    }
    if (best !== Infinity) {
      if (next - best < MARGIN) return -1;
      step = bestStep;
    } else {
      const nearest = Math.round(error);
      const distance = Math.abs(nearest - error);
      if (Math.abs(distance - 0.5) < MARGIN || distance > half - MARGIN) return -1;
      step = nearest;
    }
  }
  let low = (lowerInt + step) | 0;
  if (low < 0) {
    upper--;
    low += 1e9;
  } else if (low >= 1e9) {
    upper++;
    low -= 1e9;
  }
  if (!(upper >= 1e7 && upper < 1e8)) return -1;
  // Digits before the point: e10 + 1 (none or fewer than all: x is not an integer). The 17 digits go straight to
  // their place: after a byte kept for the point (x ≥ 1) or after "0." and the zeros that follow it (x < 1).
  const point = e10 + 1;
  const start = point > 0 ? at + 1 : at + 2 - point;
  // upper's 8 digits, then low's 9 (integer steps, two digits at a time).
  let u = upper | 0;
  let q = (low / 10) | 0;
  bytes[start + 16] = ZERO + low - q * 10;
  low = q;
  for (let i = start + 15; i > start + 8; i -= 2) {
    q = (low / 100) | 0;
    const pair = (low - q * 100) << 1;
    bytes[i] = DIGIT_PAIRS[pair + 1];
    bytes[i - 1] = DIGIT_PAIRS[pair];
    low = q;
  }
  for (let i = start + 7; i > start; i -= 2) {
    q = (u / 100) | 0;
    const pair = (u - q * 100) << 1;
    bytes[i] = DIGIT_PAIRS[pair + 1];
    bytes[i - 1] = DIGIT_PAIRS[pair];
    u = q;
  }
  // Trailing zeros dropped (the first digit is not 0: upper ≥ 1e7).
  let end = start + 17;
  while (bytes[end - 1] === ZERO) end--;
  if (point > 0) {
    // No digit after the point: an integer, left to String().
    if (end <= start + point) return -1;
    // The integer digits moved one byte left, into the byte kept, and the point after them.
    for (let i = at; i < at + point; i++) bytes[i] = bytes[i + 1];
    bytes[at + point] = decimal;
  } else {
    bytes[at] = ZERO;
    bytes[at + 1] = decimal;
    for (let i = at + 2; i < start; i++) bytes[i] = ZERO;
  }
  return end;
}
