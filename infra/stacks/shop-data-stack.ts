import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { STATEFUL_SERVICES } from '../../functions/services.js';
import { pascalCase, type ServiceName } from '../../functions/shared/service-manifest.js';
import { acknowledge } from '../constructs/acknowledge.js';
import { ShopEventBus } from '../constructs/event-bus.js';
import { ShopIdentity } from '../constructs/identity.js';
import { ServiceTable } from '../constructs/service-table.js';
import type { ShopContext } from '../context.js';

/**
 * Everything that holds state: the services' tables (one per service that
 * declares one in its manifest), the event bus and its archive, the user
 * pool. It changes rarely, is protected from deletion, and its resources keep
 * their logical ids whatever happens to the code around them.
 */
export class ShopDataStack extends Stack {
  /** By service: `OrdersTable` is orders'. */
  readonly tables: Readonly<Partial<Record<ServiceName, ServiceTable>>>;
  readonly events: ShopEventBus;
  /** Absent when an external OIDC issuer is configured. */
  readonly identity?: ShopIdentity;
  /**
   * A real payment provider's secret (`{ "apiKey", "webhookSecret" }`), which
   * the operator writes after the first deploy (docs/deploy.md); absent with
   * the simulator.
   */
  readonly paymentProviderSecret?: Secret;

  constructor(scope: Construct, id: string, context: ShopContext, props?: StackProps) {
    super(scope, id, { ...props, terminationProtection: context.retainData });
    const retain = context.retainData;
    this.tables = Object.fromEntries(
      STATEFUL_SERVICES.map((service) => [
        service.name,
        new ServiceTable(this, `${pascalCase(service.name)}Table`, { design: service.table, retain }),
      ]),
    );
    this.events = new ShopEventBus(this, 'Events', {
      archiveRetention: Duration.days(context.archiveRetentionDays),
      retain,
    });
    if (context.httpApi && !context.jwtIssuer)
      this.identity = new ShopIdentity(this, 'Identity', {
        retain,
        ...(context.cognitoEmailFrom ? { emailFrom: context.cognitoEmailFrom } : {}),
      });
    if (context.paymentProvider !== 'simulator') {
      const secret = new Secret(this, 'PaymentProviderSecret', {
        description: `${context.paymentProvider}: { "apiKey", "webhookSecret" }. Written by the operator (docs/deploy.md); read at run time, a new value is used within 5 minutes.`,
        // A placeholder the functions refuse (payments then fail as the provider being unavailable) until it is written.
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ apiKey: 'set-me', webhookSecret: 'set-me' }),
          generateStringKey: 'placeholder',
        },
        removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      acknowledge(
        secret,
        'SMG4',
        "The provider's keys are rotated in the provider's dashboard, then written here (docs/operations.md); Secrets Manager cannot rotate them itself.",
      );
      this.paymentProviderSecret = secret;
    }
  }
}
