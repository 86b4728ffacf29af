import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FunctionDefinition,
  LocalFunctions,
  PLATFORM_LOG_BYTES_PER_INVOCATION,
} from '../../../../local/lambda/functions.js';
import { UsageMeter } from '../../../../local/usage.js';

/** A bundle as the CDK would produce it, doing what each test asks of it. */
const handlerSource = `
let invocations = 0;
export const handler = async (event, context) => {
  invocations++;
  if (event.action === 'env') return { greeting: process.env.GREETING, name: context.functionName };
  if (event.action === 'count') return { invocations };
  if (event.action === 'sleep') { await new Promise((r) => setTimeout(r, event.ms)); return { slept: true }; }
  if (event.action === 'fail') { const error = new Error('declined'); error.name = 'PaymentDeclinedError'; throw error; }
  if (event.action === 'remaining') return { remaining: context.getRemainingTimeInMillis() };
  console.log(JSON.stringify({ level: 'INFO', message: 'hello', orderId: 'o-1' }));
  return { ok: true };
};`;

let functions: LocalFunctions;
const logs: string[] = [];
const failures: { arn: string; body: string }[] = [];

const definition = (
  name: string,
  entry: string,
  overrides: Partial<FunctionDefinition> = {},
): FunctionDefinition => ({
  name,
  arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
  displayName: `Test/${name}`,
  stackName: 'Test',
  logicalId: name,
  entry,
  handlerName: 'handler',
  timeoutSeconds: 1,
  memorySize: 128,
  systemLogLevel: 'INFO',
  environment: { GREETING: `hello from ${name}` },
  asyncRetries: 2,
  onFailure: { kind: 'destination', arn: 'arn:aws:sqs:us-east-1:000000000000:Failures' },
  ...overrides,
});

beforeAll(() => {
  const directory = mkdtempSync(join(tmpdir(), 'shop-lambda-'));
  const entry = join(directory, 'index.mjs');
  writeFileSync(entry, handlerSource);
  functions = new LocalFunctions([definition('First', entry), definition('Second', entry)], {
    sink: (line) => logs.push(line),
    timeScale: 0.0001,
    deliverFailure: (arn, body) => failures.push({ arn, body }),
  });
});

afterAll(() => functions.stop());

describe('LocalFunctions', () => {
  it('gives each function its own environment', async () => {
    expect(await functions.invoke('First', { action: 'env' })).toEqual({
      ok: true,
      payload: { greeting: 'hello from First', name: 'First' },
    });
    expect(await functions.invoke('Second', { action: 'env' })).toEqual({
      ok: true,
      payload: { greeting: 'hello from Second', name: 'Second' },
    });
  });

  it('finds a function by name or ARN', async () => {
    expect(
      (await functions.invoke('arn:aws:lambda:us-east-1:000000000000:function:First', { action: 'env' })).ok,
    ).toBe(true);
  });

  it('keeps a warm sandbox between invocations, as Lambda does', async () => {
    const first = await functions.invoke('Second', { action: 'count' });
    const second = await functions.invoke('Second', { action: 'count' });
    expect((second as { payload: { invocations: number } }).payload.invocations).toBeGreaterThan(
      (first as { payload: { invocations: number } }).payload.invocations,
    );
  });

  it('reports a thrown error with its name as the error type', async () => {
    expect(await functions.invoke('First', { action: 'fail' })).toMatchObject({
      ok: false,
      error: { errorType: 'PaymentDeclinedError', errorMessage: 'declined' },
    });
  });

  it('tells the function how much time it has left', async () => {
    const result = (await functions.invoke('First', { action: 'remaining' })) as {
      payload: { remaining: number };
    };
    expect(result.payload.remaining).toBeGreaterThan(0);
    expect(result.payload.remaining).toBeLessThanOrEqual(1000);
  });

  it('times out after the function timeout and discards the sandbox', async () => {
    expect(await functions.invoke('First', { action: 'sleep', ms: 5000 })).toMatchObject({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' },
    });
    expect(await functions.invoke('First', { action: 'count' })).toEqual({
      ok: true,
      payload: { invocations: 1 },
    });
  });

  it('does not count a slow init against the invocation timeout, as Lambda does not', async () => {
    const slowEntry = join(mkdtempSync(join(tmpdir(), 'shop-lambda-')), 'index.mjs');
    writeFileSync(
      slowEntry,
      `await new Promise((r) => setTimeout(r, 1500));\nexport const handler = async () => ({ ready: true });`,
    );
    const slow = new LocalFunctions([definition('SlowInit', slowEntry)], { sink: () => undefined });
    try {
      expect(await slow.invoke('SlowInit', {})).toEqual({ ok: true, payload: { ready: true } });
    } finally {
      await slow.stop();
    }
  });

  it('fails what waits for a sandbox, and what is asked after, once stopped: nothing is left waiting', async () => {
    const slowEntry = join(mkdtempSync(join(tmpdir(), 'shop-lambda-')), 'index.mjs');
    writeFileSync(
      slowEntry,
      `export const handler = async () => new Promise((r) => setTimeout(() => r('done'), 500));`,
    );
    const single = new LocalFunctions([definition('Single', slowEntry)], {
      sink: () => undefined,
      concurrency: 1,
    });
    const running = single.invoke('Single', {});
    const waiting = single.invoke('Single', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await single.stop();
    const stopped = { ok: false, error: expect.objectContaining({ errorType: 'LocalCloudStopped' }) };
    expect(await waiting).toEqual(stopped);
    expect(await single.invoke('Single', {})).toEqual(stopped);
    expect((await running).ok).toBe(false);
  });

  it('counts Lambda’s START and REPORT records as logged, unless the system log level is WARN', async () => {
    const entry = join(mkdtempSync(join(tmpdir(), 'shop-lambda-')), 'index.mjs');
    writeFileSync(entry, 'export const handler = async () => ({ quiet: true });');
    const usage = new UsageMeter();
    const metered = new LocalFunctions(
      [definition('Chatty', entry), definition('Quiet', entry, { systemLogLevel: 'WARN' })],
      { sink: () => undefined, usage },
    );
    try {
      for (const name of ['Chatty', 'Quiet', 'Chatty']) await metered.invoke(name, {});
      const { functions: used } = usage.snapshot();
      expect(used['Test/Chatty']?.logBytes).toBe(2 * PLATFORM_LOG_BYTES_PER_INVOCATION);
      expect(used['Test/Quiet']).toMatchObject({ invocations: 1, logBytes: 0 });
    } finally {
      await metered.stop();
    }
  });

  it('prints log lines prefixed with the function name', async () => {
    await functions.invoke('First', { action: 'log' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logs).toContain('Test/First | INFO  hello orderId=o-1');
  });

  it('retries a failing asynchronous invocation, then sends it to the on-failure destination', async () => {
    const before = functions.invocationCounts.get('Second') ?? 0;
    functions.invokeAsync('Second', { action: 'fail' });
    for (let wait = 0; wait < 100 && failures.length === 0; wait++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((functions.invocationCounts.get('Second') ?? 0) - before).toBe(3);
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]?.body ?? '{}')).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { action: 'fail' },
      responsePayload: { errorType: 'PaymentDeclinedError' },
    });
  });

  it('reclaims a sandbox idle past the idle limit, and starts a fresh one next time', async () => {
    await functions.invoke('First', { action: 'count' });
    expect(functions.sandboxCounts['Test/First']).toBeGreaterThan(0);
    expect(functions.reclaimIdle(Date.now())).toBe(0);
    expect(functions.reclaimIdle(Date.now() + 10 * 60_000)).toBeGreaterThan(0);
    expect(functions.sandboxCounts['Test/First']).toBeUndefined();
    // A cold sandbox: its module state starts over.
    expect(await functions.invoke('First', { action: 'count' })).toEqual({
      ok: true,
      payload: { invocations: 1 },
    });
  });

  it('keeps at most the configured number of idle sandboxes, reclaiming the longest idle first', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shop-lambda-'));
    const entry = join(directory, 'index.mjs');
    writeFileSync(entry, handlerSource);
    const bounded = new LocalFunctions(
      ['A', 'B', 'C'].map((name) => definition(name, entry)),
      { sink: () => undefined, maxIdleSandboxes: 2 },
    );
    try {
      for (const name of ['A', 'B', 'C']) await bounded.invoke(name, { action: 'count' });
      expect(bounded.reclaimIdle()).toBe(1);
      expect(Object.keys(bounded.sandboxCounts).sort()).toEqual(['Test/B', 'Test/C']);
    } finally {
      await bounded.stop();
    }
  });

  it('reclaims the sandboxes a burst made soon after it, keeping one warm', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shop-lambda-'));
    const entry = join(directory, 'index.mjs');
    writeFileSync(entry, handlerSource);
    const bursty = new LocalFunctions([definition('Burst', entry)], { sink: () => undefined });
    try {
      await Promise.all([1, 2, 3].map(() => bursty.invoke('Burst', { action: 'sleep', ms: 100 })));
      expect(bursty.sandboxCounts['Test/Burst']).toBe(3);
      expect(bursty.reclaimIdle(Date.now() + 11_000)).toBe(2);
      expect(bursty.sandboxCounts['Test/Burst']).toBe(1);
    } finally {
      await bursty.stop();
    }
  });
});
