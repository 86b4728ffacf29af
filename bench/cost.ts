import type { Usage } from '../local/usage.js';
import { SAGA_LOGGING } from '../state-machines/order-saga.js';
import { EXPRESS_MEMORY_GB, PRICES, type Prices } from './prices.js';
import { round } from './stats.js';

export interface CostLine {
  readonly item: string;
  /** How much of the unit one order consumes. */
  readonly perOrder: number;
  readonly unit: string;
  readonly usdPerMillionOrders: number;
}

export interface CostModel {
  /** Lines both saga types pay. */
  readonly shared: readonly CostLine[];
  readonly standard: readonly CostLine[];
  readonly express: readonly CostLine[];
  readonly standardPerMillionUsd: number;
  readonly expressPerMillionUsd: number;
}

const GB = 1024 ** 3;

const line = (item: string, total: number, unit: string, price: number, orders: number): CostLine => ({
  item,
  perOrder: Number((total / orders).toPrecision(4)),
  unit,
  usdPerMillionOrders: round((total / orders) * price * 1e6, 2),
});

const sum = (lines: readonly CostLine[]) =>
  round(
    lines.reduce((total, entry) => total + entry.usdPerMillionOrders, 0),
    2,
  );

/**
 * Dollars per million orders from what `orders` orders consumed on the local
 * cloud (a usage window that holds those orders and everything they caused).
 * Both saga types are priced from the same run: a Standard workflow bills its
 * state transitions; an Express one its executions and their duration at
 * 64 MB, and its log records at the level and with or without the execution
 * data the stack configures (`SAGA_LOGGING.EXPRESS`).
 */
export const costModel = (usage: Usage, orders: number, prices: Prices = PRICES): CostModel => {
  if (orders <= 0) throw new Error('The cost per order needs at least one order.');
  const functions = Object.values(usage.functions);
  const invocations = functions.reduce((total, fn) => total + fn.invocations, 0);
  const gbSeconds = functions.reduce((total, fn) => total + (fn.billedMs / 1000) * (fn.memoryMb / 1024), 0);
  // Lambda's own records are counted where they are written (local/lambda/functions.ts).
  const logBytes = functions.reduce((total, fn) => total + fn.logBytes, 0);
  const machines = Object.values(usage.stateMachines);
  const executions = machines.reduce((total, machine) => total + machine.executions, 0);
  const transitions = machines.reduce((total, machine) => total + machine.transitions, 0);
  const expressGbSeconds = machines.reduce(
    (total, machine) => total + (machine.billedMs / 1000) * EXPRESS_MEMORY_GB,
    0,
  );
  const { level, includeExecutionData } = SAGA_LOGGING.EXPRESS;
  const historyBytes = machines.reduce(
    (total, machine) => total + machine.logBytes[level][includeExecutionData ? 'withData' : 'withoutData'],
    0,
  );

  const shared = [
    line('Lambda requests', invocations, 'invocations', prices.lambdaRequest, orders),
    line('Lambda duration (Arm)', gbSeconds, 'GB-s', prices.lambdaGbSecondArm, orders),
    line('HTTP API requests', usage.apiRequests, 'requests', prices.httpApiRequest, orders),
    line('EventBridge events', usage.events.published, 'events', prices.eventPublished, orders),
    line('EventBridge archive', usage.events.bytes / GB, 'GB', prices.archiveGb, orders),
    line('DynamoDB writes', usage.dynamodb.writeUnits, 'write units', prices.dynamodbWriteUnit, orders),
    line('DynamoDB reads', usage.dynamodb.readUnits, 'read units', prices.dynamodbReadUnit, orders),
    // Each message is sent, received and deleted.
    line('SQS', usage.sqsMessages * 3, 'requests', prices.sqsRequest, orders),
    line('CloudWatch Logs (functions)', logBytes / GB, 'GB', prices.logsIngestedGb, orders),
  ];
  const standard = [
    line('Step Functions transitions', transitions, 'transitions', prices.stateTransition, orders),
  ];
  const express = [
    line('Step Functions Express requests', executions, 'executions', prices.expressRequest, orders),
    line('Step Functions Express duration', expressGbSeconds, 'GB-s', prices.expressGbSecond, orders),
    line('CloudWatch Logs (Express history)', historyBytes / GB, 'GB', prices.logsIngestedGb, orders),
  ];
  return {
    shared,
    standard,
    express,
    standardPerMillionUsd: round(sum(shared) + sum(standard), 2),
    expressPerMillionUsd: round(sum(shared) + sum(express), 2),
  };
};
