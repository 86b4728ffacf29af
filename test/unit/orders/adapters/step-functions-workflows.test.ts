import {
  ExecutionAlreadyExists,
  type StartExecutionCommand,
  type StartExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { stepFunctionsWorkflows } from '../../../../functions/orders/adapters/step-functions-workflows.js';

/** Step Functions as a Standard workflow answers: a name is taken once, whatever became of its execution. */
const standardWorkflows = () => {
  const started = new Map<string, unknown>();
  const client = {
    send: async (command: StartExecutionCommand): Promise<StartExecutionCommandOutput> => {
      const name = command.input.name ?? '';
      if (started.has(name))
        throw new ExecutionAlreadyExists({ message: `Execution Already Exists: ${name}`, $metadata: {} });
      started.set(name, JSON.parse(command.input.input ?? '{}'));
      return { executionArn: `arn:${name}`, startDate: new Date(), $metadata: {} };
    },
  };
  const workflows = stepFunctionsWorkflows(client, { orderSaga: 'saga', orderCancellation: 'cancellation' });
  return { workflows, started };
};

const order = { orderId: 'o-1', userId: 'u-1', correlationId: 'c-1' };

describe('the workflows Step Functions runs', () => {
  it('runs a customer’s cancellation even after the shop’s own attempt at cancelling the order kept it', async () => {
    const { workflows, started } = standardWorkflows();
    // The stalled-order sweep's attempt, which found the order confirmed meanwhile and kept it.
    await workflows.startCancellation({ ...order, attempt: 1 });
    await workflows.startCancellation({ ...order, customerRequest: true, attempt: 0 });
    expect([...started.keys()]).toEqual(['o-1-abandon-1', 'o-1-cancel-0']);
    expect(started.get('o-1-cancel-0')).toMatchObject({ customerRequest: true });
  });

  it('starts one execution per attempt however often it is asked, and a new one for the next attempt', async () => {
    const { workflows, started } = standardWorkflows();
    await workflows.startCancellation({ ...order, customerRequest: true, attempt: 0 });
    await workflows.startCancellation({ ...order, customerRequest: true, attempt: 0 });
    await workflows.startCancellation({ ...order, customerRequest: true, attempt: 1 });
    await workflows.startOrderSaga({
      ...order,
      lines: [{ sku: 'A1', quantity: 1 }],
      total: { amount: 100, currency: 'USD' },
      paymentToken: 'tok_visa',
    });
    expect([...started.keys()]).toEqual(['o-1-cancel-0', 'o-1-cancel-1', 'o-1']);
  });
});
