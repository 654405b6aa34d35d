// Micro-benchmark of the fitting alone: one method fitted to N generated series (the random walks of
// bench/gen-long-csv.ts, three decimals as in the file) in one thread, forecast 6 years ahead, without reading or
// output: each series on its own (Method.fit), and, for methods that have one, 32 at a time (Method.fitMany, as
// forecast batches use it).
//
//   npx tsx bench/fit-speed.ts [METHOD] [SERIES] [YEARS] [--rounds R]
//   npx tsx bench/fit-speed.ts theta 20000 47
//
// Prints CPU milliseconds of each round and CPU microseconds per series (the first round includes the JIT
// warm-up; CPU time, because wall time on a shared machine moves with other people's work).
import { methodsFromSpecs, parseMethodSpecs, withIntervals } from '../src/forecast/registry.js';
import { mulberry32 } from './gen-long-csv.js';

/** The series of gen-long-csv.ts (seed 1), as the reader would parse them. */
export function generatedSeries(series: number, years: number, seed = 1): number[][] {
  const random = mulberry32(seed);
  const out: number[][] = [];
  for (let s = 0; s < series; s++) {
    let level = 100 + 900 * random();
    const drift = 0.01 + 0.05 * random();
    const y: number[] = [];
    for (let k = 0; k < years; k++) {
      level = Math.max(0.01, level * (1 + drift + 0.04 * (random() - 0.5)));
      y.push(Number(level.toFixed(3)));
    }
    out.push(y);
  }
  return out;
}

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
const [name = 'theta', count = '20000', years = '47'] = args;
const [method] = withIntervals(methodsFromSpecs(parseMethodSpecs(name)), 'calibrated');
const data = generatedSeries(Number(count), Number(years));
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const GROUP = 32;
let check = 0;
for (let r = 0; r < rounds; r++) {
  let t0 = process.cpuUsage();
  for (const y of data) check += method.fit(y).forecast(6, { levels: [80, 95], seed: 1 }).mean[5];
  const alone = cpuMs(t0);
  let line = `${name} round ${r + 1}: one at a time ${alone.toFixed(0)} ms CPU, ${((1000 * alone) / data.length).toFixed(1)} µs a series`;
  if (method.fitMany !== undefined) {
    t0 = process.cpuUsage();
    for (let s = 0; s < data.length; s += GROUP) {
      for (const outcome of method.fitMany(data.slice(s, s + GROUP))) {
        if ('fitted' in outcome) check += outcome.fitted.forecast(6, { levels: [80, 95], seed: 1 }).mean[5];
      }
    }
    const together = cpuMs(t0);
    line += `; ${GROUP} at a time ${together.toFixed(0)} ms CPU, ${((1000 * together) / data.length).toFixed(1)} µs a series`;
  }
  console.log(line);
}
console.log(`checksum ${check}`);
