import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../infra/constructs/service-function.js';
import { shownLine, TOUR, type TourStep } from '../tour/steps.js';
import { runningCloud } from './running-cloud.js';

/**
 * `npm run tour`: runs the README's tour, step by step, against the running
 * shop (whatever its port), and checks each answer. The steps are the
 * README's lines (local/tour/steps.ts): what passes here is what a reader
 * copies.
 */

/** How long a step whose answer is on its way (an event, the saga) is tried again. */
const EVENTUAL_MS = 30_000;

const cloud = runningCloud();
const answers = await fetch(`${cloud.apiUrl}/health`).then(
  (response) => response.ok,
  () => false,
);
if (!answers) {
  process.stderr.write(
    `The shop does not answer at ${cloud.apiUrl}/health: start it with npm start (and wait for its URL)\n`,
  );
  process.exit(1);
}
const variables: Record<string, string> = {};

const run = (step: TourStep): { output: string; failure?: string } => {
  const result = spawnSync('bash', ['-c', step.value ? `printf '%s' ${step.shell}` : step.shell], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...variables },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = (result.stdout ?? '').trim();
  if (result.status !== 0)
    return { output, failure: `exited with ${result.status}: ${(result.stderr ?? '').trim().slice(0, 300)}` };
  try {
    step.check?.(output);
    return { output };
  } catch (error) {
    return { output, failure: error instanceof Error ? error.message : String(error) };
  }
};

let passed = 0;
for (const step of TOUR) {
  const shown = shownLine(step).split('\n')[0] ?? '';
  const until = Date.now() + (step.eventually ? EVENTUAL_MS : 0);
  let outcome = run(step);
  while (outcome.failure && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    outcome = run(step);
  }
  if (outcome.failure) {
    process.stderr.write(`✗ ${shown}\n  ${outcome.failure}\n\n${passed} of ${TOUR.length} steps passed.\n`);
    process.exit(1);
  }
  if (step.sets) variables[step.sets] = outcome.output;
  passed++;
  process.stdout.write(`✓ ${shown}\n`);
}
process.stdout.write(`\nThe tour passed: ${passed} steps, each answer checked.\n`);
