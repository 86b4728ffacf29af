import type { RawRoute } from './aws-endpoint.js';
import type { LocalEventBridge } from './eventbridge/bus.js';
import type { LocalFunctions } from './lambda/functions.js';
import type { LocalQueues } from './sqs/queues.js';
import type { LocalStepFunctions } from './stepfunctions/state-machines.js';

/**
 * Read-only views of the local cloud's state under `/_local/`, for people and
 * for end-to-end tests: how often each function ran, what each queue holds,
 * which events were published, which executions ran.
 */
export const inspectionRoutes = (parts: {
  functions: LocalFunctions;
  queues: LocalQueues;
  eventBridge: LocalEventBridge;
  stepFunctions: LocalStepFunctions;
}): RawRoute[] => {
  const views: Record<string, () => unknown> = {
    '/_local/functions': () =>
      parts.functions.definitions.map(({ name, arn, displayName, timeoutSeconds, memorySize }) => ({
        name,
        arn,
        displayName,
        timeoutSeconds,
        memorySize,
      })),
    '/_local/invocations': () =>
      Object.fromEntries(
        parts.functions.definitions.map((fn) => [
          fn.displayName,
          parts.functions.invocationCounts.get(fn.name) ?? 0,
        ]),
      ),
    '/_local/queues': () =>
      parts.queues.all.map((queue) => ({
        name: queue.name,
        displayName: queue.displayName,
        arn: queue.arn,
        url: queue.url,
        messages: parts.queues.peek(queue.arn).map((message) => ({
          messageId: message.messageId,
          body: message.body,
          receiveCount: message.receiveCount,
        })),
      })),
    '/_local/events': () => parts.eventBridge.published,
    '/_local/executions': () =>
      parts.stepFunctions.list().map(({ executionArn, stateMachineArn, name, status, error, cause }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        error,
        cause,
      })),
  };
  return [
    {
      matches: (method, path) => method === 'GET' && path in views,
      handle: (request, _body, response) => {
        const view = views[new URL(request.url ?? '/', 'http://localhost').pathname];
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(view?.() ?? null));
      },
    },
  ];
};
