import { parseArgs } from 'node:util';
import { DescribeExecutionCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { OrderKind } from '../../functions/orders/adapters/orders-table.js';
import { localClientConfig } from '../../local/commands/running-cloud.js';
import { scanAll } from '../reconcile/snapshot.js';
import { findStuckSagas, latestExecution, type OrderRow } from '../sagas/stuck-sagas.js';
import { ordersTable } from './orders-table.js';

/**
 * `npm run sagas`: lists orders whose saga needs a look — NEEDS_ATTENTION,
 * PENDING longer than `--older-than` minutes (default 5, beyond the saga's
 * time budget), or a cancellation asked for (a customer's, a returned
 * parcel's) still unfinished — with the
 * state of their execution. Against the running local cloud, or a deployed
 * stack with ORDERS_TABLE set (and the environment's AWS credentials).
 */
const { values } = parseArgs({ options: { 'older-than': { type: 'string', default: '5' } } });
const olderThanMs = Number(values['older-than']) * 60_000;

const { db, tableName, local } = ordersTable();
const sfn = new SFNClient(local ? localClientConfig(local) : {});

// Every order: findStuckSagas decides which a workflow still owes something (one list of rules).
const orders = (await scanAll(db, tableName)).filter((item) => OrderKind.is(item)) as unknown as OrderRow[];

const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
const arnOf = (name: string) =>
  stateMachines.find((machine) => machine.name?.includes(name))?.stateMachineArn;
const executionState = async (machine: string | undefined, name: string) => {
  if (!machine) return 'unknown machine';
  try {
    const execution = await sfn.send(
      new DescribeExecutionCommand({
        executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${name}`,
      }),
    );
    return `${execution.status}${execution.error ? ` (${execution.error})` : ''}`;
  } catch {
    return 'no execution found';
  }
};

const stuck = findStuckSagas(orders, new Date(), olderThanMs);
const byId = new Map(orders.map((order) => [order.orderId, order]));
for (const saga of stuck) {
  const { machine, name } = latestExecution(byId.get(saga.orderId) ?? saga);
  const execution = `${name}: ${await executionState(arnOf(machine), name)}`;
  process.stdout.write(
    `${saga.why}\t${saga.orderId}\t${saga.status}\tsince ${saga.since}\texecution ${execution}\n`,
  );
}
process.stdout.write(`${stuck.length} sagas need a look (docs/runbooks/stuck-saga.md)\n`);
