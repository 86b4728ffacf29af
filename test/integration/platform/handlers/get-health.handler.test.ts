import { describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/platform/handlers/get-health.handler.js';
import { httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';

describe('GET /health', () => {
  it('answers 200 {status: ok} without a token', async () => {
    expect(parseResponse(await handler(httpEvent('GET /health'), lambdaContext()))).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
  });
});
