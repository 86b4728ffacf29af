/**
 * `npm run simulate -- --runs N --seed S`: runs N schedules of the order
 * lifecycle (docs/reliability.md) and ends with one line,
 * `simulation: N schedules, V invariant violations, seed S`. A schedule that
 * breaks an invariant is shrunk to a minimal one, printed as readable steps
 * with what happened, and the command exits 1. The same seed runs the same
 * schedules again; `--path P` (printed with a failure) replays just the failing one.
 */
import './quiet.js';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { type Outcome, orderLifecycle } from './property.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    seed: { type: 'string' },
    path: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run simulate -- [--runs N] [--seed S] [--path P]');
  process.exit(2);
}

let smallest: Outcome | undefined;
const started = Date.now();
const result = await fc.check(
  orderLifecycle((outcome) => {
    smallest = outcome;
  }),
  { numRuns: runs, seed, ...(values.path ? { path: values.path } : {}) },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

if (result.failed && smallest) {
  console.log(fc.defaultReportMessage(result));
  console.log('\nWhat happened in the smallest failing schedule:');
  for (const line of smallest.world.trace) console.log(`  ${line}`);
  console.log('\nInvariants broken:');
  for (const violation of smallest.violations) console.log(`  - ${violation}`);
} else if (result.failed) console.log(fc.defaultReportMessage(result));
console.log(`(${seconds} s)`);
console.log(
  `simulation: ${result.numRuns} schedules, ${smallest?.violations.length ?? (result.failed ? 1 : 0)} invariant violations, seed ${seed}`,
);
process.exit(result.failed ? 1 : 0);
