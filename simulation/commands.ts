import fc from 'fast-check';
import { type Crash, CUSTOMERS, SKUS, type World } from './world.js';

/** What the schedule knows of the shop: the orders it was told were accepted, and by whom. */
export interface Model {
  readonly orders: { readonly orderId: string; readonly customer: string }[];
}

type Command = fc.AsyncCommand<Model, World>;

const address = { name: 'Ada', line1: '12 Analytical Row', city: 'London', postalCode: 'N1', country: 'GB' };

/** The command's own line of the trace, then its work. */
abstract class Step implements Command {
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract run(model: Model, world: World): Promise<void>;
  abstract toString(): string;
}

abstract class OrderStep extends Step {
  constructor(readonly order: number) {
    super();
  }
  override check(model: Readonly<Model>): boolean {
    return model.orders.length > 0;
  }
  protected pick(model: Model) {
    const order = model.orders[this.order % model.orders.length];
    if (!order) throw new Error('No order to act on.');
    return order;
  }
}

/** The order a 202 names joins those the schedule knows, when the answer comes. */
const accepted =
  (model: Model, customer: string) => (response: { status: number; body: Record<string, unknown> }) => {
    const orderId = response.body.orderId;
    if (
      response.status === 202 &&
      typeof orderId === 'string' &&
      !model.orders.some((o) => o.orderId === orderId)
    )
      model.orders.push({ orderId, customer });
  };

/** A customer orders: an Idempotency-Key from a small set, so keys come back with the same body and others. */
class PlaceOrder extends Step {
  constructor(
    readonly customer: number,
    readonly key: number,
    readonly sku: number,
    readonly quantity: number,
    readonly token: string,
  ) {
    super();
  }
  async run(model: Model, world: World) {
    const customer = CUSTOMERS[this.customer % CUSTOMERS.length] ?? 'alice';
    world.trace.push(this.toString());
    world.request(
      'placeOrder',
      'POST /orders',
      {
        caller: customer,
        headers: { 'idempotency-key': `key-${this.key}` },
        body: {
          items: [{ sku: SKUS[this.sku % SKUS.length], quantity: this.quantity }],
          shippingAddress: address,
          paymentToken: this.token,
        },
      },
      accepted(model, customer),
    );
  }
  toString() {
    return `PlaceOrder(${CUSTOMERS[this.customer % CUSTOMERS.length]}, key-${this.key}, ${this.quantity}×${SKUS[this.sku % SKUS.length]}, ${this.token})`;
  }
}

class AddToCart extends Step {
  constructor(
    readonly customer: number,
    readonly sku: number,
    readonly quantity: number,
  ) {
    super();
  }
  async run(_model: Model, world: World) {
    const sku = SKUS[this.sku % SKUS.length] ?? 'SKU-A';
    world.trace.push(this.toString());
    world.request('setCartItem', 'PUT /cart/items/{sku}', {
      caller: CUSTOMERS[this.customer % CUSTOMERS.length] ?? 'alice',
      path: `/cart/items/${sku}`,
      pathParameters: { sku },
      body: { quantity: this.quantity },
    });
  }
  toString() {
    return `AddToCart(${CUSTOMERS[this.customer % CUSTOMERS.length]}, ${this.quantity}×${SKUS[this.sku % SKUS.length]})`;
  }
}

class CheckOut extends Step {
  constructor(
    readonly customer: number,
    readonly key: number,
  ) {
    super();
  }
  async run(model: Model, world: World) {
    const customer = CUSTOMERS[this.customer % CUSTOMERS.length] ?? 'alice';
    world.trace.push(this.toString());
    world.request(
      'checkOut',
      'POST /cart/checkout',
      {
        caller: customer,
        headers: { 'idempotency-key': `key-${this.key}` },
        body: { shippingAddress: address, paymentToken: 'tok_visa' },
      },
      accepted(model, customer),
    );
  }
  toString() {
    return `CheckOut(${CUSTOMERS[this.customer % CUSTOMERS.length]}, key-${this.key})`;
  }
}

class CancelOrder extends OrderStep {
  async run(model: Model, world: World) {
    const { orderId, customer } = this.pick(model);
    world.trace.push(`${this}: ${orderId.slice(0, 8)}`);
    world.request('requestOrderCancellation', 'POST /orders/{orderId}/cancel', {
      caller: customer,
      path: `/orders/${orderId}/cancel`,
      pathParameters: { orderId },
    });
  }
  toString() {
    return `CancelOrder(order #${this.order})`;
  }
}

class ShipOrder extends OrderStep {
  async run(model: Model, world: World) {
    const { orderId } = this.pick(model);
    world.trace.push(`${this}: ${orderId.slice(0, 8)}`);
    world.request('shipOrder', 'POST /orders/{orderId}/ship', {
      caller: 'admin',
      path: `/orders/${orderId}/ship`,
      pathParameters: { orderId },
      body: {},
    });
  }
  toString() {
    return `ShipOrder(order #${this.order})`;
  }
}

class SetStock extends Step {
  constructor(
    readonly sku: number,
    readonly available: number,
  ) {
    super();
  }
  async run(_model: Model, world: World) {
    const sku = SKUS[this.sku % SKUS.length] ?? 'SKU-A';
    world.trace.push(this.toString());
    world.request('setStock', 'PUT /inventory/{sku}', {
      caller: 'admin',
      path: `/inventory/${sku}`,
      pathParameters: { sku },
      body: { available: this.available },
    });
  }
  toString() {
    return `SetStock(${SKUS[this.sku % SKUS.length]}, ${this.available})`;
  }
}

/** An admin re-prices a product: up to the most any amount may be, so totals can pass it. */
class ChangePrice extends Step {
  constructor(
    readonly sku: number,
    readonly amount: number,
  ) {
    super();
  }
  async run(_model: Model, world: World) {
    const sku = SKUS[this.sku % SKUS.length] ?? 'SKU-A';
    world.trace.push(this.toString());
    world.request('updateProduct', 'PUT /products/{sku}', {
      caller: 'admin',
      path: `/products/${sku}`,
      pathParameters: { sku },
      body: {
        name: sku,
        description: sku,
        category: 'books',
        price: { amount: this.amount, currency: 'USD' },
      },
    });
  }
  toString() {
    return `ChangePrice(${SKUS[this.sku % SKUS.length]}, ${this.amount})`;
  }
}

/** The clock jumps (past holds and due times, at its largest); the schedules then run. */
class AdvanceClock extends Step {
  constructor(readonly minutes: number) {
    super();
  }
  async run(_model: Model, world: World) {
    world.advance(this.minutes);
  }
  toString() {
    return `AdvanceClock(${this.minutes} min)`;
  }
}

/** The next `times` invocations of a saga task or consumer die, before their work or after it. */
class CrashNext extends Step {
  constructor(
    readonly target: string,
    readonly crash: Crash,
    readonly times: number,
  ) {
    super();
  }
  async run(_model: Model, world: World) {
    world.trace.push(this.toString());
    world.crashNext(this.target, this.crash, this.times);
  }
  toString() {
    return `CrashNext(${this.target}, ${this.crash} its work, ${this.times}×)`;
  }
}

/** The payment provider's next `times` calls fail: unanswered, or done with the answer lost. */
class ProviderFails extends Step {
  constructor(
    readonly kind: 'unavailable' | 'lostAnswer',
    readonly times: number,
  ) {
    super();
  }
  async run(_model: Model, world: World) {
    world.trace.push(this.toString());
    world.failProvider(this.kind, this.times);
  }
  toString() {
    return `ProviderFails(${this.kind}, ${this.times}×)`;
  }
}

class DeliverAgain extends Step {
  constructor(readonly event: number) {
    super();
  }
  async run(_model: Model, world: World) {
    world.trace.push(this.toString());
    world.deliverAgain(this.event);
  }
  toString() {
    return `DeliverAgain(event #${this.event})`;
  }
}

class StopExecution extends Step {
  constructor(readonly execution: number) {
    super();
  }
  async run(_model: Model, world: World) {
    world.trace.push(this.toString());
    world.stop(this.execution);
  }
  toString() {
    return `StopExecution(running #${this.execution})`;
  }
}

/** An operator redrives the dead-letter queues (runbooks/dead-letter-redrive.md). */
class Redrive extends Step {
  async run(_model: Model, world: World) {
    world.trace.push(`${this}: ${world.redrive()} events`);
  }
  toString() {
    return 'Redrive()';
  }
}

/**
 * An operator starts an order's saga again by hand, as an older runbook
 * advised for a stuck saga, whatever the order's state: the saga must be
 * safe to run again at any time.
 */
class RestartSaga extends OrderStep {
  async run(model: Model, world: World) {
    const { orderId } = this.pick(model);
    world.trace.push(`${this}: ${orderId.slice(0, 8)}`);
    world.restartSaga(orderId);
  }
  toString() {
    return `RestartSaga(order #${this.order})`;
  }
}

const SAGA_TASKS = [
  'ReserveInventory',
  'ProcessPayment',
  'CommitInventory',
  'ConfirmOrder',
  'AbandonOrder',
  'RefundPayment',
  'ReleaseInventory',
  'CancelOrder',
] as const;
const CONSUMERS = ['StartOrderSaga', 'UpdateStockStatus', 'PrepareShipment', 'MarkOrderShipped'] as const;

const customer = fc.nat(CUSTOMERS.length - 1);
const sku = fc.nat(SKUS.length - 1);
const index = fc.nat(20);

const placeOrder = fc
  .tuple(
    customer,
    fc.nat(3),
    sku,
    fc.integer({ min: 1, max: 10 }),
    fc.constantFrom('tok_visa', 'tok_visa', 'tok_visa', 'tok_decline'),
  )
  .map(([c, key, s, quantity, token]) => new PlaceOrder(c, key, s, quantity, token));

/** Everything the actors and the infrastructure may do, one command at a time (orders most often). */
export const commandArbitraries: fc.Arbitrary<Command>[] = [
  placeOrder,
  placeOrder,
  placeOrder,
  placeOrder,
  fc
    .tuple(customer, sku, fc.integer({ min: 1, max: 10 }))
    .map(([c, s, quantity]) => new AddToCart(c, s, quantity)),
  fc.tuple(customer, fc.nat(3)).map(([c, key]) => new CheckOut(c, key)),
  index.map((n) => new CancelOrder(n)),
  index.map((n) => new ShipOrder(n)),
  fc.tuple(sku, fc.nat(6)).map(([s, available]) => new SetStock(s, available)),
  fc
    .tuple(sku, fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(400_000_000)))
    .map(([s, amount]) => new ChangePrice(s, amount)),
  // Up to past the inboxes' retention: a redelivery then finds no trace of the first.
  fc.constantFrom(1, 4, 8, 16, 90, 4_400).map((minutes) => new AdvanceClock(minutes)),
  fc
    .tuple(
      fc.constantFrom<string>(...SAGA_TASKS, ...CONSUMERS),
      fc.constantFrom<Crash>('before', 'after'),
      fc.integer({ min: 1, max: 8 }),
    )
    .map(([target, crash, times]) => new CrashNext(target, crash, times)),
  fc
    .tuple(
      fc.constantFrom<'unavailable' | 'lostAnswer'>('unavailable', 'lostAnswer'),
      fc.integer({ min: 1, max: 4 }),
    )
    .map(([kind, times]) => new ProviderFails(kind, times)),
  fc.nat(40).map((n) => new DeliverAgain(n)),
  index.map((n) => new StopExecution(n)),
  fc.constant(new Redrive()),
  index.map((n) => new RestartSaga(n)),
];
