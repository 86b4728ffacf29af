// @ts-check
// One Lambda sandbox: loads a function's bundled module once, then runs one
// invocation at a time on request of the local Lambda service.

import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ entry: string; handlerName: string; functionName: string; memorySize: number; functionArn: string }} */
const config = workerData;

const started = performance.now();
const module = await import(pathToFileURL(config.entry).href);
const handler = module[config.handlerName];
if (typeof handler !== 'function')
  throw new Error(`${config.entry} exports no function named ${config.handlerName}`);
parentPort?.postMessage({ type: 'ready', initMs: performance.now() - started });

parentPort?.on('message', async (/** @type {{ id: string; event: unknown; deadline: number }} */ message) => {
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: config.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: config.functionArn,
    memoryLimitInMB: String(config.memorySize),
    awsRequestId: message.id,
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  const began = performance.now();
  try {
    const result = await handler(message.event, context);
    parentPort?.postMessage({
      type: 'result',
      id: message.id,
      result: result === undefined ? null : result,
      durationMs: performance.now() - began,
    });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({
      type: 'error',
      id: message.id,
      durationMs: performance.now() - began,
      error: {
        errorType: failure.name,
        errorMessage: failure.message,
        trace: (failure.stack ?? '').split('\n'),
      },
    });
  }
});
