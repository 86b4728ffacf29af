/**
 * An AWS SDK client whose package is loaded on its first request. Bundles
 * leave `@aws-sdk/*` to the Lambda runtime, and a static import loads a
 * package at init even in a function that never calls it (orders' read
 * routes and Step Functions, notifications' listings and SES, users' profile
 * routes and Cognito, every route of a service and the Lambda client of the
 * one that reads another's contract): about 20 ms of cold start each. The adapters of such clients
 * take the client as a `send` function and import their commands when they
 * send one.
 */
export const onFirstUse = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
};
