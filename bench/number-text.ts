// `npm run bench:numbers`: the number writer of the forecast's CSV (src/report/number-bytes.ts) on the values a
// naive forecast writes most (its bounds, point ± z·σ·√h: 16 and 17 digits), against String(x) copied into the same
// buffer byte by byte. Seeded data; every text is checked equal to String(x) before timing; CPU time of each
// round, the least of the rounds (the steadier figure on a shared machine), in nanoseconds a number.
//
//   npm run bench:numbers                   1,200,000 numbers, 12 rounds
//   npm run bench:numbers -- --numbers 200000 --rounds 5
import { writeNumberText } from '../src/report/number-bytes.js';
import { Rng } from '../src/forecast/random.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const NUMBERS = arg('--numbers', 1_200_000);
const ROUNDS = arg('--rounds', 12);

// A naive forecast's bounds: a last value with 3 decimals, σ of its changes, 80 % and 95 % z, h = 1 … 6.
const Z = [1.2815515655446004, 1.959963984540054];
const rng = new Rng(15);
const values = new Float64Array(NUMBERS);
for (let i = 0; i < NUMBERS; i += 4) {
  const point = Math.round(rng.uniform() * 1e8) / 1000;
  const width = rng.uniform() * 0.05 * point * Math.sqrt(1 + ((i >> 2) % 6));
  values[i] = point - Z[0] * width;
  values[i + 1] = point + Z[0] * width;
  values[i + 2] = point - Z[1] * width;
  values[i + 3] = point + Z[1] * width;
}

const bytes = Buffer.allocUnsafeSlow(26 * NUMBERS);

/** The text of every value through `write`, comma-separated; returns its length. */
function writeAll(write: (x: number, at: number) => number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    n = write(values[i], n);
    bytes[n++] = 44;
  }
  return n;
}

const viaString = (x: number, at: number): number => {
  const text = String(x);
  for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
  return at;
};
const viaBytes = (x: number, at: number): number => writeNumberText(x, bytes, at);

// The same text either way, checked before timing.
const expected = bytes.toString('latin1', 0, writeAll(viaString));
if (bytes.toString('latin1', 0, writeAll(viaBytes)) !== expected) throw new Error('writeNumberText differs from String()');

const least = { bytes: Infinity, string: Infinity };
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, write] of [['bytes', viaBytes], ['string', viaString]] as const) {
    const before = process.cpuUsage();
    writeAll(write);
    const used = process.cpuUsage(before);
    least[name] = Math.min(least[name], ((used.user + used.system) * 1000) / NUMBERS);
  }
}
console.log(`${NUMBERS.toLocaleString('en')} naive bounds, least CPU of ${ROUNDS} rounds (ns a number):`);
console.log(`  writeNumberText      ${least.bytes.toFixed(1)}`);
console.log(`  String(x), copied    ${least.string.toFixed(1)}`);
