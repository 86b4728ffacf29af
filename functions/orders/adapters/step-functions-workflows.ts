import type { StartExecutionCommand, StartExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { boundedByDeadline, SDK_REQUEST_LIMITS } from '../../shared/deadline.js';
import { clientOnFirstSend, sdkPackage } from '../../shared/lazy-sdk.js';
import type { Workflows } from '../use-cases/ports.js';

/** What starting a workflow needs of Step Functions: an `SFNClient`, or a stand-in in tests. */
export interface WorkflowStarter {
  send(command: StartExecutionCommand): Promise<StartExecutionCommandOutput>;
}

const stepFunctionsSdk = () => sdkPackage<typeof import('@aws-sdk/client-sfn')>('@aws-sdk/client-sfn');

/** The Step Functions client, loaded when a workflow is first started (not by orders' read routes). */
export const stepFunctionsClient = (): WorkflowStarter =>
  clientOnFirstSend<StartExecutionCommand, StartExecutionCommandOutput>(() =>
    boundedByDeadline(new (stepFunctionsSdk().SFNClient)({ requestHandler: SDK_REQUEST_LIMITS })),
  );

/**
 * The name of a cancellation attempt: the order, whose cancellation it is
 * (the customer's, or the shop giving up on a stalled order) and which
 * attempt. A repeated start of one attempt finds its name taken; a new
 * attempt, or the customer's cancellation after the shop's attempt kept the
 * order, is never mistaken for an earlier one.
 */
export const cancellationName = (input: {
  orderId: string;
  customerRequest?: true;
  attempt?: number;
}): string => `${input.orderId}-${input.customerRequest ? 'cancel' : 'abandon'}-${input.attempt ?? 0}`;

/**
 * Starts the order's workflows, named after the order (and, for a
 * cancellation, its attempt). For a Standard workflow the name is unique for
 * 90 days, so a second start is refused and taken as "already started"; an
 * Express workflow may run twice, which its idempotent tasks make harmless.
 */
export const stepFunctionsWorkflows = (
  client: WorkflowStarter,
  arns: { orderSaga: string; orderCancellation: string },
): Workflows => {
  const start = async (stateMachineArn: string, name: string, input: unknown) => {
    const { ExecutionAlreadyExists, StartExecutionCommand } = stepFunctionsSdk();
    try {
      await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  };
  return {
    startOrderSaga: (input) => start(arns.orderSaga, input.orderId, input),
    startCancellation: (input) => start(arns.orderCancellation, cancellationName(input), input),
  };
};
