import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Workflows } from '../use-cases/ports.js';

/**
 * Starts the order's workflows, named after the order. For a Standard
 * workflow the name is unique for 90 days, so a second start is refused and
 * taken as "already started"; an Express workflow may run twice, which its
 * idempotent tasks make harmless.
 */
export const stepFunctionsWorkflows = (
  client: SFNClient,
  arns: { orderSaga: string; orderCancellation: string },
): Workflows => {
  const start = async (stateMachineArn: string, name: string, input: unknown) => {
    try {
      await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  };
  return {
    startOrderSaga: (input) => start(arns.orderSaga, input.orderId, input),
    startCancellation: (input) => start(arns.orderCancellation, `${input.orderId}-cancel`, input),
  };
};
