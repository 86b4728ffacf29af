import { Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge } from '../constructs/acknowledge.js';
import { ShopHttpApi } from '../constructs/http-api.js';
import type { TokenIssuer } from '../constructs/identity.js';
import type { ShopContext } from '../context.js';
import type { ShopDataStack } from './shop-data-stack.js';

/**
 * The front door, shared by the service stacks: the HTTP API with its stage,
 * authorizer and CORS, and the key that signs list cursors. The services add
 * their routes from their own stacks; the platform's functions live here.
 */
export class ShopApiStack extends Stack {
  /** Absent with `-c httpApi=false`. */
  readonly api?: ShopHttpApi;
  readonly cursorSecret: Secret;

  constructor(scope: Construct, id: string, data: ShopDataStack, context: ShopContext, props?: StackProps) {
    super(scope, id, props);
    if (context.httpApi)
      this.api = new ShopHttpApi(this, 'HttpApi', {
        issuer: tokenIssuer(data, context),
        corsOrigins: context.corsOrigins,
        throttle: { rateLimit: context.throttleRateLimit, burstLimit: context.throttleBurstLimit },
      });
    this.cursorSecret = new Secret(this, 'CursorSecret', {
      description:
        'Signs list cursors so they cannot be forged. Read at run time; a new version is used within 5 minutes, and cursors signed with the previous one stay valid.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(
      this.cursorSecret,
      'SMG4',
      'The cursor key is rotated by writing a new version (docs/operations.md): cursors signed with the previous version stay valid, so no rotation Lambda is needed.',
    );
  }
}

const tokenIssuer = (data: ShopDataStack, context: ShopContext): TokenIssuer => {
  if (data.identity) return data.identity;
  if (!context.jwtIssuer || !context.jwtAudience)
    throw new Error('An external issuer needs jwtIssuer and jwtAudience.');
  return { issuer: context.jwtIssuer, audience: context.jwtAudience, requiredScopes: context.jwtScopes };
};
