import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getHealthHandler } from '../../../../functions/platform/handlers/get-health.handler.js';
import { platformService } from '../../../../functions/platform/service.js';
import packageJson from '../../../../package.json' with { type: 'json' };
import { httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';

const settings = platformService.functions.GetHealth.settings;
const saved = { ...process.env };

beforeEach(() => Object.assign(process.env, settings, { PAYMENT_PROVIDER: 'simulator' }));
afterEach(() => {
  process.env = { ...saved };
});

describe('GET /health', () => {
  it('answers 200 without a token: ok, the version built, the time, and that payments are simulated', async () => {
    const handler = getHealthHandler(() => new Date('2026-12-06T10:00:00.000Z'));
    expect(parseResponse(await handler(httpEvent('GET /health'), lambdaContext()))).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        version: packageJson.version,
        time: '2026-12-06T10:00:00.000Z',
        payments: 'simulated',
      },
    });
  });
});
