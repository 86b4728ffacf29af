import { createRequire } from 'node:module';

/**
 * SDK packages a function may never call load on their first request.
 * Bundles leave `@aws-sdk/*` to the Lambda runtime, and a static import loads
 * a package at init even in a function that never calls it (orders' read
 * routes and Step Functions, notifications' listings and SES, users' profile
 * routes and Cognito, every route of a service and the Lambda client of the
 * one that reads another's contract). The adapters of such clients take the
 * client as a `send` function and take their commands from the package when
 * they send one.
 */

const requireFromHere = createRequire(import.meta.url);

/**
 * An AWS SDK package, loaded with `require` the first time it is asked for
 * (then from Node's module cache). Not `import()`: an ES module that imports a
 * CommonJS package has Node scan the package's source for its exports first,
 * which more than doubles the cost (the Lambda client after DynamoDB's: about
 * 45 ms by `import()`, 18 ms by `require`). `T` is the package's type:
 * `sdkPackage<typeof import('@aws-sdk/client-sfn')>('@aws-sdk/client-sfn')`.
 */
export const sdkPackage = <T>(name: `@aws-sdk/${string}`): T => requireFromHere(name) as T;

/** A value made on its first use and kept; made again next time if making it failed. */
export const onFirstUse = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
};

/**
 * A client for adapters that send one kind of command: made on the first
 * `send`, as `new SESv2Client({})` in `() => new (sesSdk().SESv2Client)({})`.
 */
export const clientOnFirstSend = <C, O>(
  make: () => { send(command: C, options?: { abortSignal?: AbortSignal }): Promise<O> },
) => {
  const client = onFirstUse(make);
  return {
    send: (command: C, options?: { abortSignal?: AbortSignal }): Promise<O> =>
      client().send(command, options),
  };
};
