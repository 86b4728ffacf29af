import { inject } from 'vitest';
import type { DynamoDbFaultSpec } from '../../local/dynamodb/fault-gate.js';
import { scaled } from './time-scale.js';

/** Calls against the local cloud started by the end-to-end global setup. */
export const apiUrl = () => inject('apiUrl');

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

export const api = async (
  path: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> => {
  const response = await fetch(`${apiUrl()}${path}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body, text };
};

/** One operation of a local AWS service over the JSON protocol. */
export const aws = async <T>(target: string, input: unknown): Promise<T> => {
  const response = await fetch(inject('awsEndpoint'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as T & { __type?: string; message?: string };
  if (!response.ok) throw new Error(`${body.__type}: ${body.message}`);
  return body;
};

export const signIn = async (email: string, password: string) =>
  (
    await aws<{ AuthenticationResult: { AccessToken: string; IdToken: string; RefreshToken: string } }>(
      'AWSCognitoIdentityProviderService.InitiateAuth',
      {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: inject('clientId'),
        AuthParameters: { USERNAME: email, PASSWORD: password },
      },
    )
  ).AuthenticationResult;

export const adminTokens = () => signIn(inject('admin').email, inject('admin').password);

/** The newest code the local user pool "emailed" to `email` for `purpose`, once it has. */
export const emailedCode = async (
  email: string,
  purpose: 'CONFIRM_SIGN_UP' | 'FORGOT_PASSWORD' = 'CONFIRM_SIGN_UP',
  after = 0,
): Promise<string> =>
  eventually(async () => {
    const messages = (await (await fetch(`${inject('awsEndpoint')}/_local/identity/messages`)).json()) as {
      email: string;
      purpose: string;
      code: string;
    }[];
    const mine = messages.filter((message) => message.email === email && message.purpose === purpose);
    return mine.length > after ? mine.at(-1)?.code : undefined;
  });

/** How many codes the local pool has sent to `email` for `purpose` so far. */
export const codesSent = async (email: string, purpose: 'CONFIRM_SIGN_UP' | 'FORGOT_PASSWORD') =>
  (
    (await (await fetch(`${inject('awsEndpoint')}/_local/identity/messages`)).json()) as {
      email: string;
      purpose: string;
    }[]
  ).filter((message) => message.email === email && message.purpose === purpose).length;

/** A new email no other test uses. */
export const uniqueEmail = (prefix = 'shopper') =>
  `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/**
 * An account signed up and confirmed through the API, as a shopper does it
 * (the e2e cloud confirms with emailed codes, as the cloud does): it has a profile.
 */
export const signUpConfirmed = async (email: string, password: string, name: string) => {
  const signedUp = await api('/auth/signup', { method: 'POST', body: { email, password, name } });
  if (signedUp.status !== 201) throw new Error(`sign-up answered ${signedUp.status}: ${signedUp.text}`);
  const confirmed = await api('/auth/confirm', {
    method: 'POST',
    body: { email, code: await emailedCode(email) },
  });
  if (confirmed.status !== 204)
    throw new Error(`confirmation answered ${confirmed.status}: ${confirmed.text}`);
  return (signedUp.body as { userId: string }).userId;
};

let customers = 0;
/** A new customer of the local user pool, signed in (confirmed at the pool: no profile). */
export const newCustomer = async () => {
  const email = `customer-${Date.now()}-${++customers}@example.com`;
  const password = 'correct horse battery';
  await aws('AWSCognitoIdentityProviderService.SignUp', {
    ClientId: inject('clientId'),
    Username: email,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: email }],
  });
  await aws('AWSCognitoIdentityProviderService.ConfirmSignUp', {
    ClientId: inject('clientId'),
    Username: email,
    ConfirmationCode: await emailedCode(email),
  });
  return { email, ...(await signIn(email, password)) };
};

/** Local cloud state under /_local/. */
export const inspect = async <T>(
  view: 'functions' | 'invocations' | 'queues' | 'events' | 'executions' | 'faults' | 'usage',
): Promise<T> => (await (await fetch(`${inject('awsEndpoint')}/_local/${view}`)).json()) as T;

/**
 * Makes invocations of a function (see local/lambda/faults.ts) or DynamoDB
 * requests (local/dynamodb/fault-gate.ts) fail until the returned function
 * lifts the fault. Scope it with `match` (e.g. the test's
 * correlation id) so that tests running alongside are not affected.
 */
export const injectFault = async (
  spec:
    | {
        function: string;
        match?: Record<string, string>;
        error?: { errorType: string; errorMessage: string };
        when?: 'before' | 'after';
        times?: number;
      }
    | DynamoDbFaultSpec,
): Promise<(() => Promise<void>) & { id: string }> => {
  const response = await fetch(`${inject('awsEndpoint')}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
  if (response.status !== 201) throw new Error(`Fault not injected: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  const lift = async () => {
    await fetch(`${inject('awsEndpoint')}/_local/faults/${id}`, { method: 'DELETE' });
  };
  return Object.assign(lift, { id });
};

/** How many requests or invocations an injected fault has failed so far. */
export const faultHits = async (id: string): Promise<number> => {
  const faults = await inspect<Record<'functions' | 'dynamodb', { id: string; hits: number }[]>>('faults');
  return [...faults.functions, ...faults.dynamodb].find((fault) => fault.id === id)?.hits ?? 0;
};

/** Polls with exponential backoff until `check` returns a value, or fails after `timeoutMs`. */
export const eventually = async <T>(
  check: () => Promise<T | undefined>,
  timeoutMs = scaled(10_000),
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 500);
  }
};
