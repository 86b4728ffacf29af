import type { Node } from 'constructs';
import * as z from 'zod/mini';
import { PAYMENT_PROVIDERS } from '../functions/payments/contracts/provider.js';
import { fieldErrorsOf } from '../functions/shared/validation.js';

const list = z.union([
  z.pipe(
    z.string(),
    z.transform((text) =>
      text
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ),
  z.array(z.string()),
]);

const flag = z.union([
  z.boolean(),
  z.pipe(
    z.enum(['true', 'false']),
    z.transform((text) => text === 'true'),
  ),
]);

/**
 * The deployment's settings, from CDK context (`-c name=value` or cdk.json).
 * Every flag is listed in the README.
 */
const shopContext = z
  .object({
    /** An external OIDC issuer replaces the Cognito user pool as the API's token issuer. */
    jwtIssuer: z.optional(z.url()),
    /** Audiences (client ids) the external issuer's tokens must carry; required with jwtIssuer. */
    jwtAudience: z.optional(list),
    /** Scopes every protected route requires from an external issuer's tokens. */
    jwtScopes: z._default(list, []),
    /**
     * Browser origins allowed by CORS. None by default: a deployed API answers
     * no browser of another origin until its shop's origins are named. The
     * local cloud names its own (`http://localhost:<port>`, `http://127.0.0.1:<port>`).
     */
    corsOrigins: z._default(list, []),
    throttleRateLimit: z._default(z.coerce.number().check(z.int(), z.positive()), 100),
    throttleBurstLimit: z._default(z.coerce.number().check(z.int(), z.positive()), 200),
    /** Keep tables, the user pool and the archive when stacks are deleted (on by default; off for throwaway stacks). */
    retainData: z._default(flag, true),
    archiveRetentionDays: z._default(z.coerce.number().check(z.int(), z.positive()), 30),
    /** The order saga's workflow type: STANDARD (exactly-once start, full history) or EXPRESS (cheaper). */
    sagaWorkflowType: z._default(z.enum(['STANDARD', 'EXPRESS']), 'STANDARD'),
    /** A verified SES identity notifications are emailed from; without it they are stored and logged only. */
    notificationsFromEmail: z.optional(z.email()),
    /** Where stock alerts for admins are emailed. */
    adminAlertEmail: z.optional(z.email()),
    /**
     * A verified SES identity the user pool sends its codes from. Without it
     * Cognito sends from its own address, which allows 50 emails a day per
     * account: enough to try the shop, not to run it.
     */
    cognitoEmailFrom: z.optional(z.email()),
    /**
     * Who the shop charges through: the built-in simulator (no money moves;
     * the deployment says so loudly) or Stripe, with its API key and webhook
     * secret in the Secrets Manager secret the data stack makes (docs/deploy.md).
     */
    paymentProvider: z._default(z.enum(PAYMENT_PROVIDERS), 'simulator'),
    /** An address subscribed to the alarm topic (SNS asks it to confirm first). */
    alarmEmail: z.optional(z.email()),
    /**
     * Deploy the HTTP API and the user pool (on by default). Off, everything
     * else is deployed (tables, bus, rules, saga, functions) without the
     * users service: for targets without API Gateway v2 and Cognito, such as
     * LocalStack's free image.
     */
    httpApi: z._default(flag, true),
  })
  .check(
    z.refine((context) => !context.jwtIssuer || (context.jwtAudience?.length ?? 0) > 0, {
      message: 'jwtAudience is required when jwtIssuer is set',
      path: ['jwtAudience'],
    }),
  );

export type ShopContext = z.infer<typeof shopContext>;

const KEYS = [
  'jwtIssuer',
  'jwtAudience',
  'jwtScopes',
  'corsOrigins',
  'throttleRateLimit',
  'throttleBurstLimit',
  'retainData',
  'archiveRetentionDays',
  'sagaWorkflowType',
  'notificationsFromEmail',
  'adminAlertEmail',
  'cognitoEmailFrom',
  'alarmEmail',
  'paymentProvider',
  'httpApi',
] as const;

export const readShopContext = (node: Node): ShopContext => {
  const raw = Object.fromEntries(
    KEYS.map((key) => [key, node.tryGetContext(key)]).filter(([, value]) => value !== undefined),
  );
  const parsed = shopContext.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // Worded as the API words a request's problems (zod/mini has no messages of its own).
    const problems = fieldErrorsOf(parsed.error.issues)
      .map(({ pointer, detail }) => `${pointer.slice(2).replaceAll('/', '.')}: ${detail}`)
      .join('; ');
    throw new Error(`Invalid CDK context: ${problems}`);
  }
  return parsed.data;
};
