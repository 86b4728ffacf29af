import fc from 'fast-check';
import { awaitsOutcome } from '../functions/orders/domain/order.js';
import { commandArbitraries, type Model } from './commands.js';
import { violationsOf } from './invariants.js';
import { type WorkflowType, World } from './world.js';

/** How many rounds of operators, clock and schedules the shop gets to become quiet after a schedule. */
const SETTLING_ROUNDS = 10;

export interface Outcome {
  readonly world: World;
  readonly violations: readonly string[];
}

/**
 * After the schedule, the shop runs to quiescence as production would: every
 * step in flight runs, operators follow the runbooks (redrive the parked
 * events, settle the orders set aside), and the clock moves on so that the
 * schedules (hold sweep, stalled-order sweep) do their part, until a round
 * changes nothing.
 */
const settle = async (world: World): Promise<void> => {
  for (let round = 0; round < SETTLING_ROUNDS; round++) {
    await world.drain();
    const redriven = world.redrive();
    const settled = world.settleSetAside();
    await world.drain();
    const undecided =
      [...world.orders.orders.values()].filter(awaitsOutcome).length +
      // A hold that outlived its order (a step that landed after the order was decided) waits for the sweep.
      [...world.inventory.reservations.values()].filter((reservation) => reservation.status === 'HELD')
        .length;
    if (redriven === 0 && settled === 0 && undecided === 0 && round > 0) return;
    world.advance(10);
  }
  await world.drain();
};

/** One schedule: the shop opens, the commands run under the scheduler, then it settles and is checked. */
export const runSchedule = async (
  scheduler: fc.Scheduler,
  commands: Iterable<fc.AsyncCommand<Model, World>>,
  workflowType: WorkflowType,
  stock: readonly number[],
): Promise<Outcome> => {
  const world = new World(scheduler, workflowType);
  await world.open(stock);
  await fc.scheduledModelRun(scheduler, () => ({ model: { orders: [] }, real: world }), commands);
  await settle(world);
  return { world, violations: violationsOf(world) };
};

export const scheduleArbitrary = fc.record({
  scheduler: fc.scheduler(),
  commands: fc.commands(commandArbitraries, { size: '+1', maxCommands: 40 }),
  workflowType: fc.constantFrom<WorkflowType>('STANDARD', 'EXPRESS'),
  stock: fc.array(fc.nat(6), { minLength: 3, maxLength: 3 }),
});

/** The simulation's property: no schedule breaks an invariant. */
export const orderLifecycle = (onFailure?: (outcome: Outcome) => void) =>
  fc.asyncProperty(scheduleArbitrary, async ({ scheduler, commands, workflowType, stock }) => {
    const outcome = await runSchedule(scheduler, commands, workflowType, stock);
    if (outcome.violations.length > 0) {
      onFailure?.(outcome);
      throw new Error(`Invariants broken:\n${outcome.violations.map((v) => `  - ${v}`).join('\n')}`);
    }
  });
