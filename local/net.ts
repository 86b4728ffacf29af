import {
  Agent,
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type RequestListener,
} from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { LocalCloudError } from './errors.js';

/** A port the system says is free right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

/** Fails with a clear message when `port` is taken, before anything else starts. */
export const assertPortFree = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalCloudError(
              `Port ${port} is in use. Stop what runs there, or start with PORT=<another port>.`,
            )
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The whole body of a request or a response. */
export const readBody = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });

export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** A keep-alive client of one HTTP server, for the local cloud's proxies in front of it. */
export const upstreamClient = (target: string) => {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const send = (request: {
    readonly method?: string;
    readonly path?: string;
    readonly headers: IncomingMessage['headers'];
    readonly body: Buffer;
  }): Promise<UpstreamAnswer> =>
    new Promise((resolve, reject) => {
      const call = httpRequest(
        {
          agent,
          host: upstream.hostname,
          port: upstream.port,
          path: request.path ?? '/',
          method: request.method ?? 'POST',
          headers: { ...request.headers, host: upstream.host, 'content-length': String(request.body.length) },
        },
        (answer) =>
          void readBody(answer).then(
            (body) => resolve({ status: answer.statusCode ?? 500, headers: answer.headers, body }),
            reject,
          ),
      );
      call.on('error', reject);
      call.end(request.body);
    });
  return { send, close: () => agent.destroy() };
};

/** Serves `listener` on a free port of 127.0.0.1. */
export const serveLocally = async (
  listener: RequestListener,
): Promise<{ endpoint: string; stop(): Promise<void> }> => {
  const server = createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
