import { randomUUID } from 'node:crypto';
import { FaultList } from '../fault-list.js';
import { readBody, serveLocally, upstreamClient } from '../net.js';

/** The DynamoDB errors a test can inject, as DynamoDB sends them. */
export const DYNAMODB_FAULTS = [
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'TransactionConflict',
  'InternalServerError',
] as const;
export type DynamoDbFaultKind = (typeof DYNAMODB_FAULTS)[number];

/**
 * A fault a test injects into DynamoDB as the functions see it: requests
 * whose operation and body match fail with a DynamoDB error, either instead
 * of reaching the table (`before`) or after the table applied them (`after`:
 * the write happened, its answer was lost). Production code is unchanged;
 * the local cloud's DynamoDB endpoint misbehaves on request.
 */
export interface DynamoDbFaultSpec {
  readonly service: 'dynamodb';
  /** `TransactWriteItems`, `PutItem`…; any operation when absent. */
  readonly operation?: string;
  /** Strings the request's JSON body must all contain: a sku, an order id, a table name. */
  readonly contains?: readonly string[];
  readonly error: DynamoDbFaultKind;
  readonly when?: 'before' | 'after';
  /** How many requests fail; every matching one until removed when absent. */
  readonly times?: number;
}

export interface DynamoDbFault extends DynamoDbFaultSpec {
  readonly id: string;
  readonly when: 'before' | 'after';
  remaining?: number;
  hits: number;
}

export const isDynamoDbFaultSpec = (value: unknown): value is DynamoDbFaultSpec => {
  const spec = value as Partial<DynamoDbFaultSpec> | null;
  return (
    spec?.service === 'dynamodb' &&
    DYNAMODB_FAULTS.includes(spec.error as DynamoDbFaultKind) &&
    (spec.operation === undefined || typeof spec.operation === 'string') &&
    (spec.contains === undefined ||
      (Array.isArray(spec.contains) && spec.contains.every((part) => typeof part === 'string'))) &&
    (spec.when === undefined || spec.when === 'before' || spec.when === 'after') &&
    (spec.times === undefined || (Number.isInteger(spec.times) && spec.times > 0))
  );
};

export class DynamoDbFaults {
  private readonly list = new FaultList<DynamoDbFault>();

  add(spec: DynamoDbFaultSpec): DynamoDbFault {
    return this.list.add({
      ...spec,
      id: randomUUID(),
      when: spec.when ?? 'before',
      ...(spec.times === undefined ? {} : { remaining: spec.times }),
      hits: 0,
    });
  }

  /** Lifts a fault: it fails nothing more, and stays listed with its hits. */
  remove(id: string): boolean {
    return this.list.lift(id);
  }

  get all(): readonly DynamoDbFault[] {
    return this.list.all;
  }

  /** The fault this request suffers, if any; counts it. */
  take(operation: string, body: string): DynamoDbFault | undefined {
    return this.list.take(
      (fault) =>
        (fault.operation === undefined || fault.operation === operation) &&
        (fault.contains ?? []).every((part) => body.includes(part)),
    );
  }
}

const PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/** The error as DynamoDB's JSON protocol sends it. */
export const faultAnswer = (kind: DynamoDbFaultKind, body: string): { status: number; payload: object } => {
  switch (kind) {
    case 'TransactionConflict': {
      const items = (JSON.parse(body || '{}') as { TransactItems?: unknown[] }).TransactItems;
      // A single-item write meets a transaction in progress on its item.
      if (!items)
        return {
          status: 400,
          payload: {
            __type: `${PREFIX}TransactionConflictException`,
            message: 'Transaction is ongoing for the item',
          },
        };
      return {
        status: 400,
        payload: {
          __type: `${PREFIX}TransactionCanceledException`,
          message:
            'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
          CancellationReasons: items.map((_, index) =>
            index === 0
              ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
              : { Code: 'None' },
          ),
        },
      };
    }
    case 'InternalServerError':
      return {
        status: 500,
        payload: { __type: `${PREFIX}InternalServerError`, message: 'Internal server error' },
      };
    default:
      return {
        status: 400,
        payload: {
          __type: `${PREFIX}${kind}`,
          message: 'The level of configured provisioned throughput was exceeded.',
        },
      };
  }
};

/**
 * A proxy between the functions and DynamoDB that injects the faults tests
 * ask for (`POST /_local/faults` with `service: "dynamodb"`) and passes
 * everything else through untouched.
 */
/** Operations that may put records on a table's stream. */
const WRITES = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);

export const startFaultGate = async (
  target: string,
  faults: DynamoDbFaults,
  /** Told after each write the table has applied (the stream readers then read at once). */
  onWrite: () => void = () => undefined,
): Promise<{ endpoint: string; stop(): Promise<void> }> => {
  const upstream = upstreamClient(target);
  const served = await serveLocally(async (incoming, outgoing) => {
    try {
      const body = await readBody(incoming);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const text = body.toString('utf8');
      const fault = faults.take(operation, text);
      const forward = () =>
        upstream.send({
          headers: incoming.headers,
          body,
          ...(incoming.url ? { path: incoming.url } : {}),
          ...(incoming.method ? { method: incoming.method } : {}),
        });
      if (!fault) {
        const answer = await forward();
        if (WRITES.has(operation)) onWrite();
        outgoing.writeHead(answer.status, answer.headers);
        outgoing.end(answer.body);
        return;
      }
      // `after`: the table applies the request, and its answer is lost.
      if (fault.when === 'after') {
        await forward();
        if (WRITES.has(operation)) onWrite();
      }
      const { status, payload } = faultAnswer(fault.error, text);
      const injected = Buffer.from(JSON.stringify(payload));
      outgoing.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(injected.length),
        'x-amzn-requestid': randomUUID(),
      });
      outgoing.end(injected);
    } catch (error) {
      outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      outgoing.end(
        JSON.stringify({ __type: `${PREFIX}InternalServerError`, message: `fault gate: ${String(error)}` }),
      );
    }
  });
  return {
    endpoint: served.endpoint,
    stop: async () => {
      await served.stop();
      upstream.close();
    },
  };
};
