import { parseArgs } from 'node:util';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { OrderKind } from '../../functions/orders/adapters/orders-table.js';
import { localClientConfig } from '../../local/commands/running-cloud.js';
import { scanAll } from '../reconcile/snapshot.js';
import {
  type ExecutionLookup,
  eventTypesOf,
  executionState,
  logGroupNameOf,
  type MachineInfo,
} from '../sagas/execution-state.js';
import { findStuckSagas, latestExecution, type OrderRow } from '../sagas/stuck-sagas.js';
import { ordersTable } from './orders-table.js';

/**
 * `npm run sagas`: lists orders whose saga needs a look — NEEDS_ATTENTION,
 * PENDING longer than `--older-than` minutes (default 5, beyond the saga's
 * time budget), or a cancellation asked for (a customer's, a returned
 * parcel's) still unfinished — with the
 * state of their execution (Standard: DescribeExecution; Express, which keeps
 * no history: its log group). Against the running local cloud, or a deployed
 * stack with ORDERS_TABLE set (and the environment's AWS credentials).
 */
const { values } = parseArgs({ options: { 'older-than': { type: 'string', default: '5' } } });
const olderThanMs = Number(values['older-than']) * 60_000;

const { db, tableName, local } = ordersTable();
const sfn = new SFNClient(local ? localClientConfig(local) : {});

// Every order: findStuckSagas decides which a workflow still owes something (one list of rules).
const orders = (await scanAll(db, tableName)).filter((item) => OrderKind.is(item)) as unknown as OrderRow[];

const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
const machineOf = (name: string): MachineInfo | undefined => {
  const machine = stateMachines.find((candidate) => candidate.name?.includes(name));
  return machine?.stateMachineArn
    ? { arn: machine.stateMachineArn, type: machine.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD' }
    : undefined;
};

/** Log pages read per Express execution: its error lines are few, and near its start. */
const MAX_LOG_PAGES = 5;
const logs = new CloudWatchLogsClient(local ? localClientConfig(local) : {});
const lookup: ExecutionLookup = {
  describe: async (executionArn) => {
    try {
      const { status = 'UNKNOWN', error } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return { status, ...(error ? { error } : {}) };
    } catch {
      return undefined;
    }
  },
  loggedEvents: async (machine, name) => {
    const { loggingConfiguration } = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machine.arn }),
    );
    const arn = loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn;
    const logGroupName = arn && logGroupNameOf(arn);
    if (!logGroupName) return undefined;
    const messages: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_LOG_PAGES; page++) {
      const answer = await logs.send(
        new FilterLogEventsCommand({ logGroupName, filterPattern: `"${name}"`, nextToken }),
      );
      messages.push(...(answer.events ?? []).flatMap((event) => (event.message ? [event.message] : [])));
      nextToken = answer.nextToken;
      if (!nextToken) break;
    }
    return eventTypesOf(messages, name);
  },
};

const stuck = findStuckSagas(orders, new Date(), olderThanMs);
const byId = new Map(orders.map((order) => [order.orderId, order]));
for (const saga of stuck) {
  const { machine, name } = latestExecution(byId.get(saga.orderId) ?? saga);
  const execution = `${name}: ${await executionState(machineOf(machine), name, lookup)}`;
  process.stdout.write(
    `${saga.why}\t${saga.orderId}\t${saga.status}\tsince ${saga.since}\texecution ${execution}\n`,
  );
}
process.stdout.write(`${stuck.length} sagas need a look (docs/runbooks/stuck-saga.md)\n`);
