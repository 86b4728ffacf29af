import { describe, expect, it } from 'vitest';
import { buildHttpEvent, mapLambdaResult } from '../../../../local/http-api/payload.js';

/**
 * The payload format 2.0 example of the API Gateway documentation
 * ("Working with AWS Lambda proxy integrations for HTTP APIs"), less the
 * fields that differ per request (ids and times) and stage variables.
 */
const documentedEvent = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/my/path',
  rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
  cookies: ['cookie1', 'cookie2'],
  headers: { header1: 'value1', header2: 'value1,value2' },
  queryStringParameters: { parameter1: 'value1,value2', parameter2: 'value' },
  requestContext: {
    accountId: '000000000000',
    apiId: 'api-id',
    authorizer: { jwt: { claims: { claim1: 'value1', claim2: 'value2' }, scopes: ['scope1', 'scope2'] } },
    domainName: 'id.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'id',
    http: {
      method: 'POST',
      path: '/my/path',
      protocol: 'HTTP/1.1',
      sourceIp: '192.0.2.1',
      userAgent: 'agent',
    },
    routeKey: '$default',
    stage: '$default',
    time: '12/Mar/2020:19:03:58 +0000',
    timeEpoch: 1584039838000,
  },
  body: 'Hello from Lambda',
  pathParameters: { parameter1: 'value1' },
  isBase64Encoded: false,
};

describe('buildHttpEvent', () => {
  it('builds the documented payload 2.0 event from the same request', () => {
    const event = buildHttpEvent(
      {
        method: 'POST',
        url: '/my/path?parameter1=value1&parameter1=value2&parameter2=value',
        headers: {
          host: 'id.execute-api.us-east-1.amazonaws.com',
          header1: 'value1',
          header2: ['value1', 'value2'],
          cookie: 'cookie1; cookie2',
          'user-agent': 'agent',
          'content-type': 'text/plain',
        },
        body: Buffer.from('Hello from Lambda'),
        sourceIp: '192.0.2.1',
      },
      { routeKey: '$default', pathParameters: { parameter1: 'value1' } },
      {
        apiId: 'api-id',
        jwt: { claims: { claim1: 'value1', claim2: 'value2' }, scopes: ['scope1', 'scope2'] },
        now: new Date('2020-03-12T19:03:58.000Z'),
      },
    );
    const { requestId, ...requestContext } = event.requestContext;
    expect(requestId).toEqual(expect.any(String));
    const { 'content-type': _, host: __, 'user-agent': ___, ...headers } = event.headers;
    expect({ ...event, headers, requestContext }).toEqual(documentedEvent);
  });

  it('base64-encodes a binary body and leaves JSON as text', () => {
    const request = (contentType: string, body: Buffer) => ({
      method: 'POST',
      url: '/x',
      headers: { host: 'h', 'content-type': contentType },
      body,
      sourceIp: '127.0.0.1',
    });
    const binary = buildHttpEvent(
      request('image/png', Buffer.from([0, 1, 2])),
      { routeKey: 'POST /x', pathParameters: {} },
      { apiId: 'a' },
    );
    expect(binary).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
    const json = buildHttpEvent(
      request('application/json', Buffer.from('{"a":1}')),
      { routeKey: 'POST /x', pathParameters: {} },
      { apiId: 'a' },
    );
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
  });

  it('leaves out query parameters, path parameters, cookies and body when there are none', () => {
    const event = buildHttpEvent(
      { method: 'GET', url: '/health', headers: { host: 'h' }, body: Buffer.alloc(0), sourceIp: '127.0.0.1' },
      { routeKey: 'GET /health', pathParameters: {} },
      { apiId: 'a' },
    );
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('body');
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event.rawQueryString).toBe('');
  });
});

describe('mapLambdaResult', () => {
  it('maps the structured form: status, headers, cookies, body', () => {
    const response = mapLambdaResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', Location: '/x/1' },
      cookies: ['a=1', 'b=2'],
      body: '{"id":1}',
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      location: '/x/1',
      'set-cookie': ['a=1', 'b=2'],
    });
    expect(response.body.toString()).toBe('{"id":1}');
  });

  it('decodes a base64 body', () => {
    expect(mapLambdaResult({ statusCode: 200, body: 'aGk=', isBase64Encoded: true }).body.toString()).toBe(
      'hi',
    );
  });

  it('maps any other JSON result to 200 application/json', () => {
    const response = mapLambdaResult({ status: 'ok' });
    expect(response).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json' } });
    expect(response.body.toString()).toBe('{"status":"ok"}');
    expect(mapLambdaResult('hello').body.toString()).toBe('"hello"');
  });

  it('answers 500 for a structured result with an impossible status', () => {
    expect(mapLambdaResult({ statusCode: 'ok' }).statusCode).toBe(500);
    expect(mapLambdaResult({ statusCode: 42 }).statusCode).toBe(500);
  });
});
