import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { PaymentsTable } from '../../functions/payments/adapters/payments-table.js';
import { paymentsConfig } from '../../functions/payments/config.js';
import type { Environment } from '../../functions/shared/config.js';
import { OutboxRelay } from './outbox-relay.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/** One call to the provider; the saga retries a call that takes longer. */
const PROVIDER_TIMEOUT = Duration.seconds(3);

/**
 * Payments: the saga's charge and refund steps against the payment provider
 * (the simulator by default), behind a client timeout and a circuit breaker.
 */
export class PaymentsService extends Construct {
  readonly processPayment: ServiceFunction<typeof paymentsConfig>;
  readonly refundPayment: ServiceFunction<typeof paymentsConfig>;
  readonly outbox: OutboxRelay;

  constructor(scope: Construct, id: string, props: { table: ITable; bus: IEventBus }) {
    super(scope, id);
    const environment: Environment<typeof paymentsConfig> = {
      PAYMENTS_TABLE_NAME: props.table.tableName,
      PAYMENT_PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT.toMilliseconds()),
      // tok_timeout keeps the caller waiting twice as long as it is willing to wait.
      SIMULATOR_HANG_MS: String(PROVIDER_TIMEOUT.toMilliseconds() * 2),
      CIRCUIT_FAILURE_THRESHOLD: '5',
      CIRCUIT_OPEN_MS: '10000',
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, {
        service: 'payments',
        config: paymentsConfig,
        environment,
        // Room for one provider call that times out, and the bookkeeping after it.
        timeout: PROVIDER_TIMEOUT.plus(Duration.seconds(5)),
      });
    this.processPayment = fn('ProcessPayment');
    this.refundPayment = fn('RefundPayment');
    for (const step of [this.processPayment, this.refundPayment])
      grantTableAccess(props.table, PaymentsTable, step, 'readWrite');
    this.outbox = new OutboxRelay(this, 'Outbox', {
      service: 'payments',
      table: props.table,
      bus: props.bus,
    });
  }
}
