import type * as z from 'zod/mini';
import type { ServiceConfig } from './config.js';
import type { EventDefinition } from './events/define-event.js';
import type { RouteSpec } from './http/route-spec.js';

/** The services of the shop, and `platform` for what belongs to the API as a whole. */
export type ServiceName =
  | 'platform'
  | 'users'
  | 'catalog'
  | 'cart'
  | 'inventory'
  | 'orders'
  | 'payments'
  | 'notifications'
  | 'shipping';

/** Values of the events' data fields an event must have to be delivered, as EventBridge matches them. */
export type DataFilter = Readonly<Record<string, readonly (string | number | boolean)[]>>;

/** The workflows a service may own; orders owns both. */
export type WorkflowName = 'OrderSaga' | 'OrderCancellation';

/** Another service's function, as `service.FunctionName`: a read contract it serves. */
export type FunctionRef = `${ServiceName}.${string}`;

/** What starts a function. */
export type Trigger =
  /** A route of the HTTP contract: API Gateway invokes it. */
  | { readonly route: RouteSpec }
  /** Domain events from the bus, one rule per event, filtered on data fields with `where`. */
  | { readonly events: readonly EventDefinition[]; readonly where?: DataFilter }
  /** A synchronous read contract other services' functions invoke (they declare it in `calls`). */
  | { readonly contract: true }
  /** A task of the order saga's state machines, named after its state. */
  | { readonly sagaTask: true }
  /** A scheduled sweep. */
  | { readonly schedule: { readonly everyMinutes: number; readonly purpose: string } };

/**
 * One function, declared once: what starts it and what it uses. The stack
 * builds its environment, grants, route, rules or schedule from this, and
 * checks at synth that the environment is exactly what `config` reads.
 */
export interface FunctionDeclaration {
  readonly trigger: Trigger;
  /** The environment the handler loads. */
  readonly config: ServiceConfig<z.core.$ZodShape>;
  /** The service's own table and the access its use cases need; no table when absent. */
  readonly table?: 'read' | 'readWrite';
  /** Other services' read contracts it invokes: `<SERVICE>_<FUNCTION>_FUNCTION` names each. */
  readonly calls?: readonly FunctionRef[];
  /** Workflows it starts: `<WORKFLOW>_ARN` names each. */
  readonly starts?: readonly WorkflowName[];
  /** Signs list cursors: `CURSOR_SECRET_ARN` names the key, which the function may read (and reads at run time). */
  readonly cursorSecret?: true;
  /**
   * The user pool: its app client for the public API (which needs no grant:
   * Cognito authorizes those calls by the user's password, code or token),
   * and the admin actions the function's code calls, each granted on the pool.
   */
  readonly identity?: { readonly admin: readonly IdentityAdminAction[] };
  /**
   * The deployment's payment provider: `name` sets `PAYMENT_PROVIDER`;
   * `client` also `PAYMENT_PROVIDER_SECRET_ARN` (the provider's secret, which
   * the function may read; empty with the simulator), and the bundle holds
   * the SDK of that provider only.
   */
  readonly paymentProvider?: 'name' | 'client';
  /** Deployed only when the shop takes real payments, not with the simulator (a provider's webhook). */
  readonly realPaymentsOnly?: true;
  /** Sends email through SES when the stack is given a sender: `EMAIL_FROM`, `ADMIN_ALERT_EMAIL`. */
  readonly email?: true;
  /** Literal settings, by variable name. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
  /** The handler file, when it does not follow from the name (`functions/<service>/handlers/<kebab-name>.handler.ts`). */
  readonly entry?: string;
}

/** Cognito's admin API actions a function may be granted (IAM action `cognito-idp:<name>`). */
export type IdentityAdminAction = 'AdminGetUser' | 'AdminDeleteUser' | 'AdminUserGlobalSignOut' | 'ListUsers';

/** Where a table's items and indexes are keyed, as the service's adapter declares it. */
export interface TableDesign {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: Readonly<
    Record<
      string,
      {
        name: string;
        partitionKey: string;
        sortKey: string;
        /**
         * The attributes the index keeps besides the keys: the listed ones,
         * none (`KEYS_ONLY`) or all when absent. A write that changes only
         * attributes the index does not keep costs the index nothing.
         */
        projection?: 'KEYS_ONLY' | readonly string[];
      }
    >
  >;
}

/**
 * A service, declared once: its table, whether it publishes an outbox, the
 * workflows it owns and every function. Infrastructure, the local cloud, the
 * simulator and the tests derive their lists from these manifests.
 */
export interface ServiceManifest {
  readonly name: ServiceName;
  /** One line: what the service is for. */
  readonly purpose: string;
  readonly table?: TableDesign;
  /** Its table's stream feeds a relay that publishes the outbox to the bus. */
  readonly outbox?: true;
  readonly workflows?: readonly WorkflowName[];
  /** Built only when the shop has its own user pool (not with an external OIDC issuer). */
  readonly needsIdentity?: true;
  readonly functions: Readonly<Record<string, FunctionDeclaration>>;
}

export const defineService = <M extends ServiceManifest>(manifest: M): M => manifest;

/** `GetProducts` → `GET_PRODUCTS`. */
export const constantCase = (pascal: string): string =>
  pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();

/** `GetProducts` → `get-products`. */
export const kebabCase = (pascal: string): string => constantCase(pascal).toLowerCase().replaceAll('_', '-');

/** `orders` → `Orders`: the service's construct id and the start of its table's. */
export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** The variable naming a called contract's function: `catalog.GetProducts` → `CATALOG_GET_PRODUCTS_FUNCTION`. */
export const functionVariable = (ref: FunctionRef): string => {
  const [service, name] = ref.split('.') as [string, string];
  return `${service.toUpperCase()}_${constantCase(name)}_FUNCTION`;
};

/** The variable naming a service's table: `ORDERS_TABLE_NAME`. */
export const tableVariable = (service: ServiceName): string => `${service.toUpperCase()}_TABLE_NAME`;

/** The variable naming a workflow: `OrderSaga` → `ORDER_SAGA_ARN`. */
export const workflowVariable = (workflow: WorkflowName): string => `${constantCase(workflow)}_ARN`;

/** The functions of a manifest with their names. */
export const functionsOf = (manifest: ServiceManifest) =>
  Object.entries(manifest.functions).map(([name, declaration]) => ({ name, ...declaration }));
