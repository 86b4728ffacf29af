/**
 * Redriving a dead-letter queue: every message that says which function it
 * was meant for is handed to that function again (asynchronously, so its
 * retries and destination apply once more) and then deleted. Consumers are
 * idempotent on the event id, so redriving a message twice does no harm.
 */

export interface DeadLetter {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  /** SQS message attributes; EventBridge names the rule's target in TARGET_ARN. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface DeadLetterQueuePort {
  receive(max: number): Promise<DeadLetter[]>;
  delete(message: DeadLetter): Promise<void>;
  /** Makes a received message visible again at once (a dry run changes nothing). */
  release(message: DeadLetter): Promise<void>;
}

export interface FunctionsPort {
  invokeAsync(functionArn: string, payload: unknown): Promise<void>;
}

export type Plan =
  | {
      readonly messageId: string;
      readonly action: 'invoke';
      readonly functionArn: string;
      readonly payload: unknown;
    }
  | { readonly messageId: string; readonly action: 'skip'; readonly why: string };

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** What to do with one dead letter, from what it says about itself. */
export const planFor = (message: DeadLetter): Plan => {
  const body = parse(message.body) as Record<string, unknown> | undefined;
  // A failed asynchronous invocation, as Lambda's on-failure destination records it.
  const context = body?.requestContext as { functionArn?: string } | undefined;
  if (context?.functionArn && body && 'requestPayload' in body)
    return {
      messageId: message.messageId,
      action: 'invoke',
      functionArn: context.functionArn.replace(/:\$LATEST$/, ''),
      payload: body.requestPayload,
    };
  // An event EventBridge could not deliver to a rule's target.
  const target = message.attributes.TARGET_ARN;
  if (target && body && 'detail-type' in body)
    return { messageId: message.messageId, action: 'invoke', functionArn: target, payload: body };
  return {
    messageId: message.messageId,
    action: 'skip',
    why: body?.orderId
      ? 'an order set aside by the saga: follow docs/runbooks/needs-attention.md'
      : 'it names no function to hand it to (a relay batch: replay the events from the archive instead)',
  };
};

export interface RedriveReport {
  readonly plans: readonly Plan[];
  readonly redriven: number;
  readonly skipped: number;
}

/** Redrives up to `max` messages, or with `dryRun` only says what it would do. */
export const redrive = async (
  queue: DeadLetterQueuePort,
  functions: FunctionsPort,
  { dryRun, max }: { dryRun: boolean; max: number },
): Promise<RedriveReport> => {
  const plans: Plan[] = [];
  let redriven = 0;
  const held: DeadLetter[] = [];
  while (plans.length < max) {
    const batch = await queue.receive(Math.min(10, max - plans.length));
    if (batch.length === 0) break;
    for (const message of batch) {
      const plan = planFor(message);
      plans.push(plan);
      if (dryRun || plan.action === 'skip') {
        held.push(message);
        continue;
      }
      await functions.invokeAsync(plan.functionArn, plan.payload);
      await queue.delete(message);
      redriven++;
    }
  }
  // Messages left in the queue become visible again for the next look.
  for (const message of held) await queue.release(message);
  return { plans, redriven, skipped: plans.length - redriven };
};
