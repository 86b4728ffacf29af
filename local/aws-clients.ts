/** Credentials for local endpoints, which check none; the SDK only needs some to sign with. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
