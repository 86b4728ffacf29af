import '../local/stepfunctions/polyfill.js';
import {
  ExecutionAlreadyExists,
  type StartExecutionCommand,
  type StartExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Scheduler } from 'fast-check';
import { InMemoryCarts } from '../functions/cart/adapters/in-memory-cart-store.js';
import { forgetCartHandler } from '../functions/cart/handlers/forget-cart.handler.js';
import { removeCheckedOutItemsHandler } from '../functions/cart/handlers/remove-checked-out-items.handler.js';
import { setCartItemHandler } from '../functions/cart/handlers/set-cart-item.handler.js';
import { cartLines } from '../functions/cart/use-cases/cart.js';
import type { CartDependencies } from '../functions/cart/use-cases/ports.js';
import { InMemoryCatalog } from '../functions/catalog/adapters/in-memory-catalog-store.js';
import { updateProductHandler } from '../functions/catalog/handlers/update-product.handler.js';
import { updateStockStatusHandler } from '../functions/catalog/handlers/update-stock-status.handler.js';
import { createCategory } from '../functions/catalog/use-cases/create-category.js';
import { createProduct } from '../functions/catalog/use-cases/create-product.js';
import { getProducts } from '../functions/catalog/use-cases/get-products.js';
import type { CatalogDependencies } from '../functions/catalog/use-cases/ports.js';
import { updateStockStatus } from '../functions/catalog/use-cases/update-stock-status.js';
import { InMemoryInventory } from '../functions/inventory/adapters/in-memory-inventory-store.js';
import { CommitInventory } from '../functions/inventory/contracts/commit-inventory.js';
import { StockAvailabilityChanged } from '../functions/inventory/contracts/events.js';
import { commitInventoryHandler } from '../functions/inventory/handlers/commit-inventory.handler.js';
import { createStockItemHandler } from '../functions/inventory/handlers/create-stock-item.handler.js';
import { releaseExpiredHoldsHandler } from '../functions/inventory/handlers/release-expired-holds.handler.js';
import { releaseInventoryHandler } from '../functions/inventory/handlers/release-inventory.handler.js';
import { reserveInventoryHandler } from '../functions/inventory/handlers/reserve-inventory.handler.js';
import { setStockHandler } from '../functions/inventory/handlers/set-stock.handler.js';
import { createStockItem } from '../functions/inventory/use-cases/create-stock-item.js';
import type { SetStockDependencies } from '../functions/inventory/use-cases/ports.js';
import { setStock } from '../functions/inventory/use-cases/set-stock.js';
import { createWarehouse } from '../functions/inventory/use-cases/warehouses.js';
import { InMemoryNotifications } from '../functions/notifications/adapters/in-memory-notification-store.js';
import { forgetRecipientHandler } from '../functions/notifications/handlers/forget-recipient.handler.js';
import { sendNotificationHandler } from '../functions/notifications/handlers/send-notification.handler.js';
import type { NotificationsDependencies } from '../functions/notifications/use-cases/ports.js';
import { InMemoryOrders } from '../functions/orders/adapters/in-memory-order-store.js';
import { stepFunctionsWorkflows } from '../functions/orders/adapters/step-functions-workflows.js';
import type { OrderCancellationInput, OrderSagaInput } from '../functions/orders/contracts/order-saga.js';
import { abandonOrderHandler } from '../functions/orders/handlers/abandon-order.handler.js';
import { anonymizeCustomerOrdersHandler } from '../functions/orders/handlers/anonymize-customer-orders.handler.js';
import { cancelOrderHandler } from '../functions/orders/handlers/cancel-order.handler.js';
import { changeOrderAddressHandler } from '../functions/orders/handlers/change-order-address.handler.js';
import { checkOutHandler } from '../functions/orders/handlers/check-out.handler.js';
import { confirmOrderHandler } from '../functions/orders/handlers/confirm-order.handler.js';
import { markNeedsAttentionHandler } from '../functions/orders/handlers/mark-needs-attention.handler.js';
import { markOrderShippedHandler } from '../functions/orders/handlers/mark-order-shipped.handler.js';
import { placeOrderHandler } from '../functions/orders/handlers/place-order.handler.js';
import { recordOrderHistoryHandler } from '../functions/orders/handlers/record-order-history.handler.js';
import { requestOrderCancellationHandler } from '../functions/orders/handlers/request-order-cancellation.handler.js';
import { settleParcelOutcomeHandler } from '../functions/orders/handlers/settle-parcel-outcome.handler.js';
import { settleStalledOrdersHandler } from '../functions/orders/handlers/settle-stalled-orders.handler.js';
import { startOrderSagaHandler } from '../functions/orders/handlers/start-order-saga.handler.js';
import { claimShipment } from '../functions/orders/use-cases/claim-shipment.js';
import type { ConfirmationDependencies, OrdersDependencies } from '../functions/orders/use-cases/ports.js';
import { InMemoryPayments } from '../functions/payments/adapters/in-memory-payment-store.js';
import { inMemoryLedger, simulatedProvider } from '../functions/payments/adapters/simulated-provider.js';
import { ProviderUnavailableError } from '../functions/payments/domain/errors.js';
import { processPaymentHandler } from '../functions/payments/handlers/process-payment.handler.js';
import { refundPaymentHandler } from '../functions/payments/handlers/refund-payment.handler.js';
import type { PaymentProvider, PaymentsDependencies } from '../functions/payments/use-cases/ports.js';
import type { DomainEvent } from '../functions/shared/events/define-event.js';
import { INBOX_RETENTION_SECONDS, type Inbox } from '../functions/shared/events/inbox.js';
import type { HttpEvent } from '../functions/shared/http/http-route.js';
import { money } from '../functions/shared/money.js';
import { hmacCursors } from '../functions/shared/pagination.js';
import { InMemoryShipments } from '../functions/shipping/adapters/in-memory-shipment-store.js';
import { anonymizeShipmentHandler } from '../functions/shipping/handlers/anonymize-shipment.handler.js';
import { cancelShipmentHandler } from '../functions/shipping/handlers/cancel-shipment.handler.js';
import { prepareShipmentHandler } from '../functions/shipping/handlers/prepare-shipment.handler.js';
import { recordShipmentEventHandler } from '../functions/shipping/handlers/record-shipment-event.handler.js';
import { shipOrderHandler } from '../functions/shipping/handlers/ship-order.handler.js';
import type { ShipOrderDependencies } from '../functions/shipping/use-cases/ports.js';
import {
  orderCancellationDefinition,
  orderSagaDefinition,
  type StateMachineDefinition,
} from '../state-machines/order-saga.js';
import { adminClaims, customerClaims, httpEvent, lambdaContext } from '../test/support/api-gateway.js';
import { stubResources } from '../test/support/state-machines/run-state-machine.js';
import { subscriptions } from './wiring.js';

export type WorkflowType = 'STANDARD' | 'EXPRESS';

/** The simulated shop's second warehouse. */
const SECOND_WAREHOUSE = 'east';
/** Where a Lambda step dies: before it does anything, or after its work, its answer lost. */
export type Crash = 'before' | 'after';

/** The skus of the simulated shop, and its customers. */
export const SKUS = ['SKU-A', 'SKU-B', 'SKU-C'] as const;
export const CUSTOMERS = ['alice', 'bob'] as const;

/** How often the bus tries to deliver an event to a consumer before parking it in its dead-letter queue. */
const DELIVERY_ATTEMPTS = 3;

/** A step whose every crash is the same Lambda error, as Step Functions and EventBridge see it. */
const lambdaError = (crash: Crash, target: string) =>
  Object.assign(new Error(`${target} died ${crash === 'before' ? 'before' : 'after'} its work`), {
    name: crash === 'before' ? 'Lambda.ServiceException' : 'Sandbox.Timedout',
  });

type Handler = (input: never, context: Context) => Promise<unknown>;
const call = (handler: Handler, input: unknown) => handler(input as never, lambdaContext());

interface Execution {
  readonly name: string;
  readonly machine: 'OrderSaga' | 'OrderCancellation';
  readonly input: OrderSagaInput | OrderCancellationInput;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  abort(): void;
}

/** A delivery that failed every attempt, waiting in its consumer's dead-letter queue. */
interface Parked {
  readonly consumer: string;
  readonly event: DomainEvent;
}

/**
 * The whole shop in one process, for the simulator: every service's real
 * handlers (the middleware chain included) and use cases over their in-memory
 * stores, a simulated clock, an at-least-once bus with dead-letter queues,
 * the saga and the cancellation workflow run from the definitions in
 * state-machines/ by aws-local-stepfunctions, and a payment provider that
 * can fail. Every step that would run in its own Lambda invocation (an
 * event's delivery, a saga task, a scheduled sweep) is a task of the
 * fast-check scheduler, which decides their order: that is where delays,
 * reordering and interleavings come from.
 */
export class World {
  private now = Date.UTC(2026, 10, 22, 10, 0, 0);
  readonly clock = () => new Date(this.now);

  readonly catalog = new InMemoryCatalog();
  readonly carts = new InMemoryCarts();
  readonly inventory = new InMemoryInventory();
  readonly orders = new InMemoryOrders();
  readonly payments = new InMemoryPayments();
  readonly ledger = inMemoryLedger();
  readonly shipments = new InMemoryShipments();
  readonly notifications = new InMemoryNotifications();
  /** When each consumer handled each event, as the inboxes keep it: an entry expires (TTL) on the clock. */
  private readonly handled = new Map<string, number>();

  /** The orders one of whose executions was stopped: a stall of theirs is the schedule's doing. */
  readonly stoppedOrders = new Set<string>();
  /** Every event relayed to the bus, in order. */
  readonly published: DomainEvent[] = [];
  readonly parked: Parked[] = [];
  readonly executions: Execution[] = [];
  /** The saga's messages to the operators (NotifyOperators). */
  readonly operatorMessages: unknown[] = [];
  /** Requests answered 500: never right, whatever the schedule. */
  readonly serverErrors: string[] = [];
  /** What happened, step by step: the schedule as it ran. */
  readonly trace: string[] = [];

  private readonly crashes: { target: string; crash: Crash; times: number }[] = [];
  private providerFaults: { kind: 'unavailable' | 'lostAnswer'; times: number }[] = [];
  private readonly relayed = new Map<readonly DomainEvent[], number>();
  private running = 0;
  /** Steps scheduled or running: the shop is quiet only when none is. */
  private inFlight = 0;

  constructor(
    private readonly scheduler: Scheduler,
    readonly workflowType: WorkflowType,
  ) {}

  // ---- the services' dependencies, over the in-memory stores ----

  /** Whether store calls are steps of the scheduler (once the shop is open). */
  private interleaved = false;

  /**
   * A store whose every write waits for the scheduler, as a call to DynamoDB
   * does for the network: so invocations running at once interleave, and
   * what a step read goes stale before the write it decided (a read needs no
   * wait of its own for that: the write after it does). Each call itself is
   * atomic, as one DynamoDB request is.
   */
  private concurrent<T extends object>(table: string, store: T): T {
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const read = READS.test(String(property));
        return (...args: unknown[]) =>
          this.interleaved && !read
            ? this.scheduler
                .schedule(Promise.resolve(), `${table}.${String(property)}`)
                .then(() => value.apply(target, args))
            : value.apply(target, args);
      },
    });
  }

  /** A service's inbox, whose entries DynamoDB's TTL deletes `INBOX_RETENTION_SECONDS` after they were written. */
  private inbox = (service: string) => (): Inbox => ({
    handled: async (consumer, eventId) =>
      (this.handled.get(`${service}#${consumer}#${eventId}`) ?? Number.NEGATIVE_INFINITY) +
        INBOX_RETENTION_SECONDS * 1000 >
      this.now,
    record: async (consumer, eventId) => {
      this.handled.set(`${service}#${consumer}#${eventId}`, this.now);
    },
  });

  readonly catalogDeps: CatalogDependencies = {
    products: this.concurrent('catalog', this.catalog.productStore),
    categories: this.concurrent('catalog', this.catalog.categoryStore),
    cursors: hmacCursors('s'.repeat(32)),
    clock: this.clock,
  };
  private readonly productPrices = {
    getProducts: async (skus: readonly string[]) => (await getProducts(this.catalogDeps, skus)).items,
  };
  readonly inventoryDeps: SetStockDependencies = {
    store: this.concurrent('inventory', this.inventory.store),
    clock: this.clock,
    lowStockThreshold: 2,
    catalog: { has: async (sku) => this.catalog.products.has(sku) },
  };
  readonly orderStepDeps = { orders: this.concurrent('orders', this.orders.store), clock: this.clock };
  private readonly commitInventory = commitInventoryHandler(() => this.inventoryDeps);
  /** ConfirmOrder's: it sells the held units through inventory's contract, a Lambda that may die too. */
  readonly confirmationDeps: ConfirmationDependencies = {
    ...this.orderStepDeps,
    stock: {
      commit: async (orderId) =>
        CommitInventory.output.parse(
          await this.invoke('CommitInventory', this.commitInventory, { request: { orderId } }),
        ),
    },
  };
  readonly ordersDeps: OrdersDependencies = {
    ...this.orderStepDeps,
    catalog: this.productPrices,
    cart: { lines: (userId) => cartLines(this.cartDeps, userId) },
    workflows: stepFunctionsWorkflows(
      { send: (command) => this.startExecution(command) },
      { orderSaga: 'OrderSaga', orderCancellation: 'OrderCancellation' },
    ),
    cursors: hmacCursors('s'.repeat(32)),
  };
  readonly cartDeps: CartDependencies = {
    carts: this.concurrent('cart', this.carts.store),
    catalog: this.productPrices,
    clock: this.clock,
  };
  private readonly provider: PaymentProvider = this.faultyProvider(
    simulatedProvider(this.ledger, { hangMs: 0 }),
  );
  readonly paymentsDeps: PaymentsDependencies = {
    provider: this.provider,
    payments: this.concurrent('payments', this.payments.store),
    clock: this.clock,
  };
  readonly shippingDeps: ShipOrderDependencies = {
    shipments: this.concurrent('shipping', this.shipments.store),
    clock: this.clock,
    digits: () => '000000000000',
    claims: { claim: (orderId) => claimShipment(this.orderStepDeps, orderId) },
  };
  readonly notificationsDeps: NotificationsDependencies = {
    notifications: this.concurrent('notifications', this.notifications.store),
    email: { send: async () => undefined },
    cursors: hmacCursors('s'.repeat(32)),
    clock: this.clock,
  };

  /** The saga's tasks, by state name: the real handlers. */
  private readonly tasks: Readonly<Record<string, Handler>> = {
    ReserveInventory: reserveInventoryHandler(() => this.inventoryDeps),
    ProcessPayment: processPaymentHandler(() => this.paymentsDeps),
    ConfirmOrder: confirmOrderHandler(() => this.confirmationDeps),
    AbandonOrder: abandonOrderHandler(() => this.orderStepDeps),
    RefundPayment: refundPaymentHandler(() => this.paymentsDeps),
    ReleaseInventory: releaseInventoryHandler(() => this.inventoryDeps),
    CancelOrder: cancelOrderHandler(() => this.orderStepDeps),
    MarkNeedsAttention: markNeedsAttentionHandler(() => this.orderStepDeps),
    NotifyOperators: async (message: unknown) => {
      this.operatorMessages.push(message);
      return {};
    },
  };

  /** The event consumers, as the stacks subscribe them. */
  private readonly consumers = subscriptions({
    RemoveCheckedOutItems: removeCheckedOutItemsHandler(() => this.cartDeps, this.inbox('cart')),
    UpdateStockStatus: updateStockStatusHandler(() => this.catalogDeps, this.inbox('catalog')),
    CreateStockItem: createStockItemHandler(() => this.inventoryDeps, this.inbox('inventory')),
    SendNotification: sendNotificationHandler(() => this.notificationsDeps),
    StartOrderSaga: startOrderSagaHandler(() => this.ordersDeps),
    RecordOrderHistory: recordOrderHistoryHandler(() => this.orderStepDeps),
    MarkOrderShipped: markOrderShippedHandler(() => this.orderStepDeps, this.inbox('orders')),
    SettleParcelOutcome: settleParcelOutcomeHandler(() => this.ordersDeps),
    PrepareShipment: prepareShipmentHandler(() => this.shippingDeps),
    CancelShipment: cancelShipmentHandler(() => this.shippingDeps, this.inbox('shipping')),
    ForgetCart: forgetCartHandler(() => this.cartDeps),
    ForgetRecipient: forgetRecipientHandler(() => this.notificationsDeps),
    AnonymizeCustomerOrders: anonymizeCustomerOrdersHandler(() => this.orderStepDeps),
    AnonymizeShipment: anonymizeShipmentHandler(() => this.shippingDeps),
  });

  private readonly routes = {
    placeOrder: placeOrderHandler(() => this.ordersDeps),
    checkOut: checkOutHandler(() => this.ordersDeps),
    requestOrderCancellation: requestOrderCancellationHandler(() => this.ordersDeps),
    setCartItem: setCartItemHandler(() => this.cartDeps),
    setStock: setStockHandler(() => this.inventoryDeps),
    updateProduct: updateProductHandler(() => this.catalogDeps),
    shipOrder: shipOrderHandler(() => this.shippingDeps),
    recordShipmentEvent: recordShipmentEventHandler(() => this.shippingDeps),
    changeOrderAddress: changeOrderAddressHandler(() => this.orderStepDeps),
  };

  private readonly schedules = {
    ReleaseExpiredHolds: releaseExpiredHoldsHandler(() => this.inventoryDeps),
    SettleStalledOrders: settleStalledOrdersHandler(() => this.ordersDeps),
  };

  private static readonly machines = {
    OrderSaga: new StateMachine(orderSagaDefinition(stubResources) as never),
    OrderCancellation: new StateMachine(orderCancellationDefinition(stubResources) as never),
  };
  private static readonly definitions: Record<Execution['machine'], StateMachineDefinition> = {
    OrderSaga: orderSagaDefinition(stubResources),
    OrderCancellation: orderCancellationDefinition(stubResources),
  };

  // ---- the shop as it opens ----

  /**
   * Three products in one category, each with stock, the catalog told so:
   * nothing left in flight. The stock sits in two warehouses (main has the
   * larger half), so that orders are taken from one or split across both.
   */
  async open(stock: readonly number[]): Promise<void> {
    await createCategory(this.catalogDeps, { id: 'books', name: 'Books' });
    await createWarehouse(this.inventoryDeps, { id: SECOND_WAREHOUSE, name: 'East', country: 'US' });
    for (const [index, sku] of SKUS.entries()) {
      const price = money(1000 * (index + 1));
      await createProduct(this.catalogDeps, { sku, name: sku, description: sku, category: 'books', price });
      await createStockItem(this.inventoryDeps, sku);
      const units = stock[index] ?? 0;
      await setStock(this.inventoryDeps, sku, Math.ceil(units / 2));
      await setStock(this.inventoryDeps, sku, Math.floor(units / 2), SECOND_WAREHOUSE);
    }
    for (const event of this.inventory.outbox)
      if (event.detailType === StockAvailabilityChanged.detailType)
        await updateStockStatus(
          { products: this.catalog.productStore },
          StockAvailabilityChanged.parse(event.detail).data,
        );
    for (const outbox of this.outboxes()) this.relayed.set(outbox, outbox.length);
    this.interleaved = true;
  }

  // ---- what actors do: HTTP requests through the real route handlers ----

  /**
   * An actor's request, through its route's real handler. It runs as a step
   * of its own, as a Lambda invocation does, concurrently with everything
   * else in flight; `answered` hears the response when it comes.
   */
  request(
    route: keyof World['routes'],
    routeKey: string,
    options: Parameters<typeof httpEvent>[1] & { caller: string | 'admin' },
    answered: (response: { status: number; body: Record<string, unknown> }) => void = () => undefined,
  ): void {
    const { caller, ...rest } = options;
    const event: HttpEvent = httpEvent(routeKey, {
      ...rest,
      claims: caller === 'admin' ? adminClaims() : customerClaims(caller),
    });
    void this.step(
      `${routeKey.replace(/\{.*\}/, options.path?.split('/')[2]?.slice(0, 8) ?? '')} (${caller})`,
      async () => {
        const response = (await call(this.routes[route] as Handler, event)) as {
          statusCode: number;
          body?: string;
        };
        const body = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {};
        this.trace.push(
          `  → ${response.statusCode}${body.orderId ? ` ${String(body.orderId).slice(0, 8)}` : ''}`,
        );
        if (response.statusCode >= 500 && response.statusCode !== 503)
          this.serverErrors.push(`${routeKey} answered ${response.statusCode}: ${JSON.stringify(body)}`);
        answered({ status: response.statusCode, body });
      },
    );
  }

  // ---- faults the schedule arms ----

  crashNext(target: string, crash: Crash, times: number): void {
    this.crashes.push({ target, crash, times });
  }

  failProvider(kind: 'unavailable' | 'lostAnswer', times: number): void {
    this.providerFaults.push({ kind, times });
  }

  private takeCrash(target: string): Crash | undefined {
    const armed = this.crashes.find((candidate) => candidate.target === target && candidate.times > 0);
    if (!armed) return undefined;
    armed.times--;
    return armed.crash;
  }

  private takeProviderFault(): 'unavailable' | 'lostAnswer' | undefined {
    const armed = this.providerFaults.find((candidate) => candidate.times > 0);
    if (!armed) return undefined;
    armed.times--;
    return armed.kind;
  }

  /** The simulated provider, behind faults: unavailable (nothing done), or done with its answer lost. */
  private faultyProvider(provider: PaymentProvider): PaymentProvider {
    const faulty =
      <R, T>(work: (request: R) => Promise<T>) =>
      async (request: R): Promise<T> => {
        const fault = this.takeProviderFault();
        if (fault === 'unavailable') throw new ProviderUnavailableError('The provider did not answer.');
        const answer = await work(request);
        if (fault === 'lostAnswer') throw new ProviderUnavailableError('The provider’s answer was lost.');
        return answer;
      };
    return {
      charge: faulty(provider.charge),
      findCharge: faulty(provider.findCharge),
      refund: faulty(provider.refund),
    };
  }

  /** A Lambda invocation of `target`, which may die before or after its work. */
  private async invoke(target: string, handler: Handler, input: unknown): Promise<unknown> {
    const crash = this.takeCrash(target);
    if (crash === 'before') throw lambdaError(crash, target);
    const output = await call(handler, input);
    if (crash === 'after') throw lambdaError(crash, target);
    return output;
  }

  // ---- the scheduler's steps ----

  /** Work that runs as its own invocation, when the scheduler lets it. */
  private step<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    return this.scheduler.schedule(Promise.resolve(label), label).then(async () => {
      this.trace.push(label);
      try {
        return await work();
      } finally {
        this.relay();
        this.inFlight--;
      }
    });
  }

  private outboxes(): readonly (readonly DomainEvent[])[] {
    return [
      this.catalog.outbox,
      this.inventory.outbox,
      this.orders.outbox,
      this.payments.outbox,
      this.shipments.outbox,
    ];
  }

  /** The outbox relays: every event written since the last relay goes on the bus. */
  private relay(): void {
    for (const outbox of this.outboxes()) {
      const from = this.relayed.get(outbox) ?? 0;
      this.relayed.set(outbox, outbox.length);
      for (const event of outbox.slice(from)) this.publish(event);
    }
  }

  private publish(event: DomainEvent): void {
    this.published.push(event);
    for (const subscription of this.consumers)
      if (subscription.matches(event)) void this.deliver(subscription.name, subscription.handler, event, 1);
  }

  /** The bus delivers at least once: failures are retried, then parked in the consumer's dead-letter queue. */
  private deliver(consumer: string, handler: Handler, event: DomainEvent, attempt: number): Promise<void> {
    return this.step(`deliver ${event.detailType} ${orderOf(event)}→ ${consumer} (#${attempt})`, async () => {
      try {
        await this.invoke(consumer, handler, envelope(event));
      } catch (error) {
        this.trace.push(`  ✗ ${errorName(error)}`);
        if (attempt < DELIVERY_ATTEMPTS) void this.deliver(consumer, handler, event, attempt + 1);
        else this.parked.push({ consumer, event });
      }
    });
  }

  /** A delivery again, as at-least-once delivery may make one, of the `n`-th event published. */
  deliverAgain(n: number): void {
    const event = this.published[n % Math.max(this.published.length, 1)];
    if (!event) return;
    for (const subscription of this.consumers)
      if (subscription.matches(event)) void this.deliver(subscription.name, subscription.handler, event, 1);
  }

  /** The operators' redrive: every parked event goes back to its consumer. */
  redrive(): number {
    const parked = this.parked.splice(0);
    for (const { consumer, event } of parked) {
      const subscription = this.consumers.find((candidate) => candidate.name === consumer);
      if (subscription) void this.deliver(consumer, subscription.handler, event, 1);
    }
    return parked.length;
  }

  // ---- Step Functions ----

  /** StartExecution as Step Functions answers it: a Standard workflow's name is taken once. */
  private async startExecution(command: StartExecutionCommand): Promise<StartExecutionCommandOutput> {
    const name = command.input.name ?? '';
    const machine = command.input.stateMachineArn === 'OrderSaga' ? 'OrderSaga' : 'OrderCancellation';
    if (this.workflowType === 'STANDARD' && this.executions.some((execution) => execution.name === name))
      throw new ExecutionAlreadyExists({ message: `Execution Already Exists: '${name}'`, $metadata: {} });
    this.run(machine, name, JSON.parse(command.input.input ?? '{}'));
    return {
      executionArn: `arn:aws:states:::execution:${machine}:${name}`,
      startDate: this.clock(),
      $metadata: {},
    };
  }

  /** Runs an execution of the definition: every task a step of the scheduler, retries without waiting. */
  run(machine: Execution['machine'], name: string, input: OrderSagaInput | OrderCancellationInput): void {
    const definition = World.definitions[machine];
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const retryIntervalOverrides: Record<string, number[]> = {};
    for (const [state, spec] of Object.entries(definition.States)) {
      if (spec.Type !== 'Task') continue;
      const task = this.tasks[state];
      if (!task) throw new Error(`The simulator has no task for ${state}.`);
      retryIntervalOverrides[state] = (spec.Retry ?? []).map(() => 0);
      handlers[state] = (taskInput) =>
        this.step(`${short(name)} ${state}`, () => this.invoke(state, task, taskInput));
    }
    this.trace.push(`start ${machine} ${short(name)} (${this.workflowType})`);
    const execution = World.machines[machine].run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides },
      context: {
        Execution: { Id: `arn:aws:states:us-east-1:000000000000:execution:${machine}:${name}` },
      } as never,
    });
    const record: Execution = { name, machine, input, status: 'RUNNING', abort: () => execution.abort() };
    this.executions.push(record);
    this.running++;
    execution.result
      .then(
        () => {
          record.status = 'SUCCEEDED';
        },
        (error: unknown) => {
          record.status = record.status === 'ABORTED' ? 'ABORTED' : 'FAILED';
          this.trace.push(`${short(name)} ${machine} ${record.status}: ${errorName(error)}`);
        },
      )
      .finally(() => {
        this.running--;
      });
  }

  /** An operator starts the order's saga again by hand, under a new name, with the order's own input. */
  restartSaga(orderId: string): void {
    const order = this.orders.orders.get(orderId);
    if (!order) return;
    const again = this.executions.filter((execution) =>
      execution.name.startsWith(`${orderId}-restart`),
    ).length;
    this.run('OrderSaga', `${orderId}-restart-${again}`, {
      orderId,
      userId: order.userId,
      correlationId: `restart-${again}`,
      lines: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
      total: order.total,
      paymentToken: order.paymentToken,
    });
  }

  /**
   * Operators settle the orders set aside (runbooks/needs-attention.md, step 5):
   * the cause fixed, they run the cancellation workflow again, as the
   * customer's where the customer asked to cancel.
   */
  settleSetAside(): number {
    const setAside = [...this.orders.orders.values()].filter((order) => order.status === 'NEEDS_ATTENTION');
    for (const order of setAside) {
      const again = this.executions.filter((execution) =>
        execution.name.startsWith(`${order.orderId}-operator`),
      ).length;
      this.run('OrderCancellation', `${order.orderId}-operator-${again}`, {
        orderId: order.orderId,
        userId: order.userId,
        correlationId: `operator-${again}`,
        ...(order.cancelRequestedAt ? { customerRequest: true as const } : {}),
      });
    }
    return setAside.length;
  }

  /** An execution that stops before its end: an Express one lost, or one an operator stopped. */
  stop(n: number): void {
    const runningOnes = this.executions.filter((execution) => execution.status === 'RUNNING');
    const execution = runningOnes[n % Math.max(runningOnes.length, 1)];
    if (!execution) return;
    execution.status = 'ABORTED';
    this.stoppedOrders.add(execution.input.orderId);
    execution.abort();
    this.trace.push(`  stopped ${execution.machine} ${short(execution.name)}`);
  }

  // ---- the clock and the schedules ----

  /** The clock jumps; each schedule's rule then fires once, its invocation a step like any other. */
  advance(minutes: number): void {
    this.now += minutes * 60_000;
    this.trace.push(`clock +${minutes} min → ${this.clock().toISOString().slice(11, 16)}`);
    for (const [name, handler] of Object.entries(this.schedules))
      void this.step(`schedule ${name}`, () =>
        this.invoke(name, handler, scheduledEvent(this.clock())),
      ).catch((error: unknown) => this.trace.push(`  ✗ ${name}: ${errorName(error)}`));
  }

  /** Lets every scheduled step run to its end, and every execution reach its own. */
  async drain(): Promise<void> {
    for (let spins = 0; spins < 200_000; spins++) {
      if (this.scheduler.count() > 0) await this.scheduler.waitAll();
      else if (this.running > 0 || this.inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
      else return;
    }
    throw new Error('The shop never became quiet: steps kept coming.');
  }

  get runningExecutions(): number {
    return this.running;
  }
}

/** The stores' reads, by name: they run at once, the writes after them wait for the scheduler. */
const READS =
  /^(get|list|history|statuses|newestOrderIds|overdueOrderIds|heldUnits|expiredHolds|recipient|countUnread)/;

/** An execution's name in the trace: its order's first eight characters, and what follows the order id. */
const short = (name: string) => `${name.slice(0, 8)}${name.slice(36)}`;

const errorName = (error: unknown) => (error instanceof Error ? error.name : String(error));

const orderOf = (event: DomainEvent) => {
  const orderId = (event.detail.data as { orderId?: string }).orderId;
  return orderId ? `${orderId.slice(0, 8)} ` : '';
};

const envelope = (event: DomainEvent) => ({
  version: '0',
  id: event.detail.metadata.eventId,
  source: event.source,
  'detail-type': event.detailType,
  account: '000000000000',
  time: event.detail.metadata.occurredAt,
  region: 'us-east-1',
  resources: [],
  detail: event.detail,
});

const scheduledEvent = (at: Date): ScheduledEvent => ({
  version: '0',
  id: `schedule-${at.toISOString()}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: at.toISOString(),
  region: 'us-east-1',
  resources: [],
  detail: {},
});
