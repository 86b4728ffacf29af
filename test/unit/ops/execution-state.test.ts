import { describe, expect, it } from 'vitest';
import {
  type ExecutionLookup,
  eventTypesOf,
  executionState,
  logGroupNameOf,
} from '../../../ops/sagas/execution-state.js';

const standard = { arn: 'arn:aws:states:eu-west-1:1:stateMachine:OrderSaga', type: 'STANDARD' } as const;
const express = { arn: 'arn:aws:states:eu-west-1:1:stateMachine:OrderSaga', type: 'EXPRESS' } as const;

const lookup = (overrides: Partial<ExecutionLookup> = {}): ExecutionLookup & { described: string[] } => {
  const described: string[] = [];
  return {
    described,
    describe: async (arn) => {
      described.push(arn);
      return { status: 'FAILED', error: 'States.Timeout' };
    },
    loggedEvents: async () => [],
    ...overrides,
  };
};

describe('npm run sagas: what became of an execution', () => {
  it('asks DescribeExecution about a Standard execution, by its ARN', async () => {
    const ports = lookup();
    expect(await executionState(standard, 'order-1', ports)).toBe('FAILED (States.Timeout)');
    expect(ports.described).toEqual(['arn:aws:states:eu-west-1:1:execution:OrderSaga:order-1']);
    expect(await executionState(standard, 'order-2', lookup({ describe: async () => undefined }))).toBe(
      'no execution found',
    );
  });

  it('reads an Express execution from its log, never DescribeExecution (Express keeps no history)', async () => {
    const ports = lookup({ loggedEvents: async () => ['LambdaFunctionFailed', 'ExecutionFailed'] });
    expect(await executionState(express, 'order-1', ports)).toBe('ExecutionFailed (Express, from its log)');
    expect(ports.described).toEqual([]);
    expect(await executionState(express, 'order-1', lookup())).toMatch(/^Express: no error logged/);
    expect(await executionState(express, 'order-1', lookup({ loggedEvents: async () => undefined }))).toMatch(
      /no log group/,
    );
  });

  it('picks the execution’s events out of the log lines that mention its name', () => {
    const line = (type: string, name: string) =>
      JSON.stringify({ type, execution_arn: `arn:aws:states:eu-west-1:1:express:OrderSaga:${name}:abc-123` });
    expect(
      eventTypesOf(
        [
          line('ExecutionStarted', 'order-1'),
          line('ExecutionFailed', 'order-10'),
          'not json',
          line('ExecutionFailed', 'order-1'),
        ],
        'order-1',
      ),
    ).toEqual(['ExecutionStarted', 'ExecutionFailed']);
  });

  it('names the log group of a logging destination', () => {
    expect(logGroupNameOf('arn:aws:logs:eu-west-1:1:log-group:/aws/vendedlogs/states/OrderSaga-Logs:*')).toBe(
      '/aws/vendedlogs/states/OrderSaga-Logs',
    );
  });
});
