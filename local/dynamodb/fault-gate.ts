import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../net.js';

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
  private readonly faults = new Map<string, DynamoDbFault>();

  add(spec: DynamoDbFaultSpec): DynamoDbFault {
    const fault: DynamoDbFault = {
      ...spec,
      id: randomUUID(),
      when: spec.when ?? 'before',
      ...(spec.times === undefined ? {} : { remaining: spec.times }),
      hits: 0,
    };
    this.faults.set(fault.id, fault);
    return fault;
  }

  /** Lifts a fault: it fails nothing more, and stays listed with its hits. */
  remove(id: string): boolean {
    const fault = this.faults.get(id);
    if (fault) fault.remaining = 0;
    return fault !== undefined;
  }

  get all(): readonly DynamoDbFault[] {
    return [...this.faults.values()];
  }

  /** The fault this request suffers, if any; counts it. */
  take(operation: string, body: string): DynamoDbFault | undefined {
    for (const fault of this.faults.values()) {
      if (fault.operation !== undefined && fault.operation !== operation) continue;
      if (fault.remaining !== undefined && fault.remaining <= 0) continue;
      if (!(fault.contains ?? []).every((part) => body.includes(part))) continue;
      if (fault.remaining !== undefined) fault.remaining--;
      fault.hits++;
      return fault;
    }
    return undefined;
  }
}

const PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/** The error as DynamoDB's JSON protocol sends it. */
export const faultAnswer = (kind: DynamoDbFaultKind, body: string): { status: number; payload: object } => {
  switch (kind) {
    case 'TransactionConflict': {
      const items = (JSON.parse(body || '{}') as { TransactItems?: unknown[] }).TransactItems ?? [{}];
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
export const startFaultGate = async (
  target: string,
  faults: DynamoDbFaults,
): Promise<{ endpoint: string; stop(): Promise<void> }> => {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const forward = (incoming: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const call = httpRequest(
        {
          agent,
          host: upstream.hostname,
          port: upstream.port,
          path: incoming.url,
          method: incoming.method,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (answer) =>
          void readBody(answer).then(
            (answerBody) =>
              resolve({ status: answer.statusCode ?? 500, headers: answer.headers, body: answerBody }),
            reject,
          ),
      );
      call.on('error', reject);
      call.end(body);
    });

  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const body = await readBody(incoming);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const text = body.toString('utf8');
      const fault = faults.take(operation, text);
      const answer = fault?.when === 'before' ? undefined : await forward(incoming, body);
      if (fault) {
        const { status, payload } = faultAnswer(fault.error, text);
        const injected = Buffer.from(JSON.stringify(payload));
        outgoing.writeHead(status, {
          'content-type': 'application/x-amz-json-1.0',
          'content-length': String(injected.length),
          'x-amzn-requestid': randomUUID(),
        });
        outgoing.end(injected);
        return;
      }
      if (!answer) throw new Error('no answer');
      outgoing.writeHead(answer.status, answer.headers);
      outgoing.end(answer.body);
    } catch (error) {
      outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      outgoing.end(
        JSON.stringify({ __type: `${PREFIX}InternalServerError`, message: `fault gate: ${String(error)}` }),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
};
