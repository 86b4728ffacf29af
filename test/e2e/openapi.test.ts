import { describe, expect, it } from 'vitest';
import { shopOpenApi } from '../../functions/platform/shop-api.js';
import { api } from '../support/local-cloud-client.js';

describe('GET /openapi.json', () => {
  it('serves the OpenAPI document without a token, the same one the route specs make', async () => {
    const response = await api('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toEqual(JSON.parse(JSON.stringify(shopOpenApi())));
  });
});
