import { createServer, type Server } from 'node:net';
import type { InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  DEADLINE_MARGIN_MS,
  DeadlineExceededError,
  startInvocationDeadline,
} from '../../../functions/shared/deadline.js';
import { dynamoDocumentClient } from '../../../functions/shared/dynamodb.js';
import { httpRoute } from '../../../functions/shared/http/http-route.js';
import { defineRoute } from '../../../functions/shared/http/route-spec.js';
import {
  ContractCallFailedError,
  defineContract,
  invokeContract,
  type LambdaInvoker,
} from '../../../functions/shared/invoke/contract.js';
import { httpEvent, lambdaContext, parseResponse } from '../../support/api-gateway.js';

/** A Lambda context with `ms` left before the function's timeout. */
const withRemaining = (ms: number) => {
  const deadline = Date.now() + ms;
  return { ...lambdaContext(), getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0) };
};

afterEach(() => startInvocationDeadline({}));

describe('an invocation near its deadline', () => {
  it('answers 503 with Retry-After before the function’s timeout, not a 500 from Lambda killing it', async () => {
    const route = defineRoute({
      key: 'GET /slow',
      summary: 'never finishes',
      access: 'public',
      response: z.object({}),
    });
    const handler = httpRoute(route, () => new Promise(() => undefined));
    const result = await handler(httpEvent('GET /slow'), withRemaining(DEADLINE_MARGIN_MS + 300));
    const response = parseResponse(result);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body).toMatchObject({ type: expect.stringMatching(/deadline-exceeded$/), status: 503 });
  });

  it('abandons a call to another service before the caller’s own deadline, as a transient failure', async () => {
    const contract = defineContract({ name: 'Slow', input: z.object({}), output: z.object({}) });
    // A callee that answers only when the call is abandoned: a cold start that outlives the caller.
    const hanging: LambdaInvoker = {
      send: (_command, options) =>
        new Promise<InvokeCommandOutput>((_resolve, reject) => {
          options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    };
    startInvocationDeadline(withRemaining(DEADLINE_MARGIN_MS + 800));
    await expect(invokeContract(hanging, 'slow-function', contract, {})).rejects.toThrow(
      ContractCallFailedError,
    );
  });

  it('calls without a bound when there is no Lambda context (tests, the simulator)', async () => {
    const contract = defineContract({
      name: 'Quick',
      input: z.object({}),
      output: z.object({ ok: z.boolean() }),
    });
    let signal: AbortSignal | undefined;
    const quick: LambdaInvoker = {
      send: async (_command, options) => {
        signal = options?.abortSignal;
        return { Payload: Buffer.from('{"ok":true}'), $metadata: {} } as unknown as InvokeCommandOutput;
      },
    };
    expect(await invokeContract(quick, 'quick-function', contract, {})).toEqual({ ok: true });
    expect(signal).toBeUndefined();
  });
});

describe('an SDK request near the deadline', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  it('gives up on a table that never answers before the invocation’s deadline, as a transient failure', async () => {
    // A DynamoDB endpoint that accepts the connection and never answers.
    const sockets: import('node:net').Socket[] = [];
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${address.port}`;
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    try {
      startInvocationDeadline(withRemaining(DEADLINE_MARGIN_MS + 1_000));
      const started = Date.now();
      await expect(
        dynamoDocumentClient().send(new GetCommand({ TableName: 'Shop', Key: { pk: 'a', sk: 'b' } })),
      ).rejects.toThrow(DeadlineExceededError);
      // Abandoned 1.5 s before the deadline, i.e. at once here: well before the SDK's own timeouts.
      expect(Date.now() - started).toBeLessThan(DEADLINE_MARGIN_MS + 1_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    }
  });
});
