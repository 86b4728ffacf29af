import type { ServerResponse } from 'node:http';
import type { RawRoute } from './aws-endpoint.js';
import { DYNAMODB_FAULTS, type DynamoDbFaults, isDynamoDbFaultSpec } from './dynamodb/fault-gate.js';
import type { LocalEventBridge } from './eventbridge/bus.js';
import type { LocalCognito } from './identity/cognito.js';
import type { FaultSpec } from './lambda/faults.js';
import type { LocalFunctions } from './lambda/functions.js';
import type { LocalQueues } from './sqs/queues.js';
import type { LocalStepFunctions } from './stepfunctions/state-machines.js';
import type { UsageMeter } from './usage.js';

/**
 * Read-only views of the local cloud's state under `/_local/`, for people and
 * for end-to-end tests: how often each function ran, what each queue holds,
 * which events were published, which executions ran, what it all consumed,
 * which codes the user pool "emailed".
 */
export const inspectionRoutes = (parts: {
  functions: LocalFunctions;
  dynamoDbFaults: DynamoDbFaults;
  queues: LocalQueues;
  eventBridge: LocalEventBridge;
  stepFunctions: LocalStepFunctions;
  usage: UsageMeter;
  cognito: LocalCognito;
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
    /** The codes the local user pool "emailed" (confirmation, password reset), newest last. */
    '/_local/identity/messages': () => parts.cognito.messages,
    /** What the shop consumed since it started, as AWS would bill it. */
    '/_local/usage': () => parts.usage.snapshot(),
    '/_local/faults': () => ({ functions: parts.functions.faults.all, dynamodb: parts.dynamoDbFaults.all }),
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
  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  return [
    {
      // Fault injection for tests: POST a FaultSpec (a function's) or a DynamoDbFaultSpec
      // (`service: "dynamodb"`), DELETE /_local/faults/<id> to lift it.
      matches: (method, path) =>
        (method === 'POST' && path === '/_local/faults') ||
        (method === 'DELETE' && path.startsWith('/_local/faults/')),
      handle: (request, body, response) => {
        if (request.method === 'DELETE') {
          const id = decodeURIComponent((request.url ?? '').split('/').pop() ?? '');
          const removed = parts.functions.faults.remove(id) || parts.dynamoDbFaults.remove(id);
          json(response, removed ? 200 : 404, { id });
          return;
        }
        const parsed = JSON.parse(body.toString('utf8')) as unknown;
        if ((parsed as { service?: unknown } | null)?.service === 'dynamodb') {
          if (isDynamoDbFaultSpec(parsed)) json(response, 201, parts.dynamoDbFaults.add(parsed));
          else
            json(response, 400, {
              message: `A DynamoDB fault needs error: one of ${DYNAMODB_FAULTS.join(', ')}`,
            });
          return;
        }
        const spec = parsed as FaultSpec;
        const known = parts.functions.definitions.some(
          (fn) => fn.displayName === spec.function || fn.displayName.endsWith(`/${spec.function}`),
        );
        if (!known) {
          json(response, 404, { message: `No function ${String(spec.function)}` });
          return;
        }
        json(response, 201, parts.functions.faults.add(spec));
      },
    },
    {
      // A user's TOTP secret and current code: GET /_local/identity/totp?email=…
      matches: (method, path) => method === 'GET' && path === '/_local/identity/totp',
      handle: (request, _body, response) => {
        const email = new URL(request.url ?? '/', 'http://localhost').searchParams.get('email') ?? '';
        const totp = parts.cognito.totpOf(email);
        if (totp) json(response, 200, totp);
        else json(response, 404, { message: `No TOTP secret for ${email}` });
      },
    },
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
