import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isConnectionRefused } from '../../../../local/commands/running-cloud.js';

/** A port nothing listens on: one the system gave and took back. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('a command talking to a local cloud that is not running', () => {
  it('recognises a refused connection from fetch (in its cause) and from an SDK client (its code)', async () => {
    const port = await closedPort();
    const fromFetch = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(isConnectionRefused(fromFetch)).toBe(true);
    const fromSdk = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
      code: 'ECONNREFUSED',
    });
    expect(isConnectionRefused(fromSdk)).toBe(true);
    expect(isConnectionRefused(new AggregateError([fromSdk], 'all attempts failed'))).toBe(true);
  });

  it('leaves every other failure to be reported whole', () => {
    expect(isConnectionRefused(new Error('ResourceNotFoundException'))).toBe(false);
    expect(isConnectionRefused(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isConnectionRefused('ECONNREFUSED')).toBe(false);
  });
});
