import {
  type CognitoIdentityProviderClient,
  NotAuthorizedException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoIdentity } from '../../../../functions/users/adapters/cognito-identity.js';
import { EmailTakenError, InvalidCredentialsError } from '../../../../functions/users/domain/errors.js';

const POOL = { userPoolId: 'pool-1', clientId: 'client-1' };

/** A client that answers every request with `answer`, counting how often it was fetched. */
const fakeCognito = (answer: () => unknown) => {
  const sent: { name: string; input: unknown }[] = [];
  let fetched = 0;
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return answer();
    },
  } as unknown as CognitoIdentityProviderClient;
  return {
    sent,
    fetched: () => fetched,
    cognito: () => {
      fetched++;
      return client;
    },
  };
};

describe('cognitoIdentity', () => {
  it('asks for the client only when it makes a request', async () => {
    const fake = fakeCognito(() => ({ UserSub: 'u-1', UserConfirmed: false }));
    const identity = cognitoIdentity(fake.cognito, POOL);
    expect(fake.fetched()).toBe(0);
    expect(await identity.signUp({ email: 'ann@example.com', password: 'pw', name: 'Ann' })).toEqual({
      userId: 'u-1',
      confirmationRequired: true,
    });
    expect(fake.fetched()).toBe(1);
    expect(fake.sent).toEqual([
      {
        name: 'SignUpCommand',
        input: {
          ClientId: 'client-1',
          Username: 'ann@example.com',
          Password: 'pw',
          UserAttributes: [
            { Name: 'email', Value: 'ann@example.com' },
            { Name: 'name', Value: 'Ann' },
          ],
        },
      },
    ]);
  });

  it('turns Cognito’s refusals into the domain’s errors', async () => {
    const taken = fakeCognito(() => {
      throw new UsernameExistsException({ message: 'exists', $metadata: {} });
    });
    await expect(
      cognitoIdentity(taken.cognito, POOL).signUp({ email: 'a@example.com', password: 'pw', name: 'A' }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    const refused = fakeCognito(() => {
      throw new NotAuthorizedException({ message: 'no', $metadata: {} });
    });
    await expect(cognitoIdentity(refused.cognito, POOL).logIn('a@example.com', 'pw')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });
});
