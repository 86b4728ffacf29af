// @ts-check
// A cold start, as near as one process can show it: load a bundle in a fresh
// Node.js process and serve one invocation. It prints two times since the
// process began (performance.now() counts from the process's start): when
// the handler's module was loaded, which is what Lambda bills as Init
// Duration, and when its first invocation answered.
//   node bench/init-probe.mjs <module file> <handler name> <event JSON>

import { pathToFileURL } from 'node:url';

const [entry = '', handlerName = 'handler', eventJson = '{}'] = process.argv.slice(2);
const module = await import(pathToFileURL(entry).href);
const initMs = performance.now();
const context = {
  functionName: 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench',
  memoryLimitInMB: '256',
  awsRequestId: 'bench',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  callbackWaitsForEmptyEventLoop: true,
};
let outcome = 'ok';
try {
  await module[handlerName](JSON.parse(eventJson), context);
} catch (error) {
  outcome = error instanceof Error ? error.name : 'error';
}
process.stdout.write(`${JSON.stringify({ initMs, ms: performance.now(), outcome })}\n`);
process.exit(0);
