import '../../../simulation/quiet.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderLifecycle, runSchedule, scheduleArbitrary } from '../../../simulation/property.js';
import { scaled } from '../../support/time-scale.js';

/**
 * A bounded run in the suite, on a fixed seed so that a run of the suite is
 * never a lottery (`SIMULATION_SEED` picks another); `npm run simulate`
 * explores new seeds, as many schedules as asked.
 */
const SCHEDULES = 250;
const SEED = Number(process.env.SIMULATION_SEED ?? 20_261_205);

describe('the order lifecycle under simulated production', () => {
  it(
    `keeps every invariant over ${SCHEDULES} schedules of delays, duplicates, crashes, clock jumps and operators`,
    async () => {
      await fc.assert(orderLifecycle(), { numRuns: SCHEDULES, seed: SEED });
    },
    scaled(120_000),
  );

  it('runs a seed’s schedules the same way every time', async () => {
    const traces = async () => {
      const [schedule] = fc.sample(scheduleArbitrary, { numRuns: 1, seed: 2026 });
      if (!schedule) throw new Error('no schedule');
      const { world } = await runSchedule(
        schedule.scheduler,
        schedule.commands,
        schedule.workflowType,
        schedule.stock,
      );
      return world.trace.map((line) => line.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>'));
    };
    const first = await traces();
    expect(first.length).toBeGreaterThan(10);
    expect(await traces()).toEqual(first);
  });
});
