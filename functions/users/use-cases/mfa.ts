import { otpauthUri } from '../domain/totp.js';
import type { UsersDependencies } from './ports.js';

type Identity = Pick<UsersDependencies, 'identity'>;

/** A new TOTP secret, with the URI for a QR code labelled with the caller's email. */
export const startTotp = async ({ identity }: Identity, accessToken: string) => {
  const { secret, account } = await identity.startTotp(accessToken);
  return { secret, otpauthUri: otpauthUri(account, secret) };
};

export const enableTotp = ({ identity }: Identity, accessToken: string, code: string) =>
  identity.enableTotp(accessToken, code);

export const disableMfa = ({ identity }: Identity, accessToken: string) => identity.disableMfa(accessToken);
