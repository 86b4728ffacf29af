import fc from 'fast-check';
import { type Crash, CUSTOMERS, SKUS, type World } from './world.js';

/** What the schedule knows of the shop: the orders it was told were accepted, and by whom. */
export interface Model {
  readonly orders: { readonly orderId: string; readonly customer: string }[];
}

type Command = fc.AsyncCommand<Model, World>;
type Response = { status: number; body: Record<string, unknown> };

/** A command as the schedule shows it (its line of the trace too), and what it does. */
const command = (shown: string, act: (model: Model, world: World) => void): Command => ({
  check: () => true,
  run: async (model, world) => {
    world.trace.push(shown);
    act(model, world);
  },
  toString: () => shown,
});

/** A command on the `n`-th order the schedule knows (one of them, as many as there are). */
const onOrder = (
  shown: string,
  n: number,
  act: (order: Model['orders'][number], world: World) => void,
): Command => ({
  check: (model) => model.orders.length > 0,
  run: async (model, world) => {
    const order = model.orders[n % model.orders.length];
    if (!order) return;
    world.trace.push(`${shown}: ${order.orderId.slice(0, 8)}`);
    act(order, world);
  },
  toString: () => shown,
});

/** The order a 202 names joins those the schedule knows, when the answer comes. */
const accepted = (model: Model, customer: string) => (response: Response) => {
  const { orderId } = response.body;
  if (
    response.status === 202 &&
    typeof orderId === 'string' &&
    !model.orders.some((o) => o.orderId === orderId)
  )
    model.orders.push({ orderId, customer });
};

const address = { name: 'Ada', line1: '12 Analytical Row', city: 'London', postalCode: 'N1', country: 'GB' };
const newAddress = { ...address, line1: '1 Difference Lane' };
const key = (n: number) => ({ 'idempotency-key': `key-${n}` });

const SAGA_TASKS = [
  'ReserveInventory',
  'ProcessPayment',
  'ConfirmOrder',
  'AbandonOrder',
  'RefundPayment',
  'ReleaseInventory',
  'CancelOrder',
] as const;
/** Contracts a step calls: inventory's CommitInventory, which ConfirmOrder calls before it confirms. */
const CONTRACTS = ['CommitInventory'] as const;
const CONSUMERS = [
  'StartOrderSaga',
  'UpdateStockStatus',
  'PrepareShipment',
  'MarkOrderShipped',
  'SettleParcelOutcome',
] as const;

const customer = fc.constantFrom(...CUSTOMERS);
const sku = fc.constantFrom(...SKUS);
const index = fc.nat(20);
const quantity = fc.integer({ min: 1, max: 10 });

/**
 * A customer orders, with an Idempotency-Key from a small set: keys come
 * back with the same body and with others.
 */
const placeOrder = fc
  .tuple(
    customer,
    fc.nat(3),
    sku,
    quantity,
    fc.constantFrom('tok_visa', 'tok_visa', 'tok_visa', 'tok_decline'),
  )
  .map(([who, n, item, count, token]) =>
    command(`PlaceOrder(${who}, key-${n}, ${count}×${item}, ${token})`, (model, world) =>
      world.request(
        'placeOrder',
        'POST /orders',
        {
          caller: who,
          headers: key(n),
          body: { items: [{ sku: item, quantity: count }], shippingAddress: address, paymentToken: token },
        },
        accepted(model, who),
      ),
    ),
  );

/** An admin ships an order, whichever state it is in. */
const shipOrder = index.map((n) =>
  onOrder(`ShipOrder(order #${n})`, n, ({ orderId }, world) =>
    world.request('shipOrder', 'POST /orders/{orderId}/ship', {
      caller: 'admin',
      path: `/orders/${orderId}/ship`,
      pathParameters: { orderId },
      body: {},
    }),
  ),
);

/** The carrier's news, in any order and any number of times: only forward moves are taken. */
const parcelNews = fc
  .tuple(index, fc.constantFrom('IN_TRANSIT', 'DELIVERY_FAILED', 'DELIVERED', 'RETURNED', 'RETURNED'))
  .map(([n, status]) =>
    onOrder(`ParcelNews(order #${n}, ${status})`, n, ({ orderId }, world) =>
      world.request('recordShipmentEvent', 'POST /orders/{orderId}/shipment/events', {
        caller: 'admin',
        path: `/orders/${orderId}/shipment/events`,
        pathParameters: { orderId },
        body: { status },
      }),
    ),
  );

/** Everything the actors and the infrastructure may do, one command at a time (orders most often). */
export const commandArbitraries: fc.Arbitrary<Command>[] = [
  placeOrder,
  placeOrder,
  placeOrder,
  placeOrder,
  fc.tuple(customer, sku, quantity).map(([who, item, count]) =>
    command(`AddToCart(${who}, ${count}×${item})`, (_model, world) =>
      world.request('setCartItem', 'PUT /cart/items/{sku}', {
        caller: who,
        path: `/cart/items/${item}`,
        pathParameters: { sku: item },
        body: { quantity: count },
      }),
    ),
  ),
  fc
    .tuple(customer, fc.nat(3))
    .map(([who, n]) =>
      command(`CheckOut(${who}, key-${n})`, (model, world) =>
        world.request(
          'checkOut',
          'POST /cart/checkout',
          { caller: who, headers: key(n), body: { shippingAddress: address, paymentToken: 'tok_visa' } },
          accepted(model, who),
        ),
      ),
    ),
  index.map((n) =>
    onOrder(`CancelOrder(order #${n})`, n, ({ orderId, customer: who }, world) =>
      world.request('requestOrderCancellation', 'POST /orders/{orderId}/cancel', {
        caller: who,
        path: `/orders/${orderId}/cancel`,
        pathParameters: { orderId },
      }),
    ),
  ),
  shipOrder,
  shipOrder,
  parcelNews,
  parcelNews,
  parcelNews,
  // A customer's new address, racing the saga, the shipment and the cancellation.
  index.map((n) =>
    onOrder(`ChangeAddress(order #${n})`, n, ({ orderId, customer: who }, world) =>
      world.request('changeOrderAddress', 'PATCH /orders/{orderId}', {
        caller: who,
        path: `/orders/${orderId}`,
        pathParameters: { orderId },
        body: { shippingAddress: newAddress },
      }),
    ),
  ),
  fc.tuple(sku, fc.nat(6)).map(([item, available]) =>
    command(`SetStock(${item}, ${available})`, (_model, world) =>
      world.request('setStock', 'PUT /inventory/{sku}', {
        caller: 'admin',
        path: `/inventory/${item}`,
        pathParameters: { sku: item },
        body: { available },
      }),
    ),
  ),
  // Up to the most an amount may be, so that totals can pass it.
  fc.tuple(sku, fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(400_000_000))).map(([item, amount]) =>
    command(`ChangePrice(${item}, ${amount})`, (_model, world) =>
      world.request('updateProduct', 'PUT /products/{sku}', {
        caller: 'admin',
        path: `/products/${item}`,
        pathParameters: { sku: item },
        body: { name: item, description: item, category: 'books', price: { amount, currency: 'USD' } },
      }),
    ),
  ),
  // Up to past the inboxes' retention: a redelivery then finds no trace of the first.
  fc
    .constantFrom(1, 4, 8, 16, 90, 4_400)
    .map((minutes) => command(`AdvanceClock(${minutes} min)`, (_model, world) => world.advance(minutes))),
  fc
    .tuple(
      fc.constantFrom<string>(...SAGA_TASKS, ...CONTRACTS, ...CONSUMERS),
      fc.constantFrom<Crash>('before', 'after'),
      fc.integer({ min: 1, max: 8 }),
    )
    .map(([target, crash, times]) =>
      command(`CrashNext(${target}, ${crash} its work, ${times}×)`, (_model, world) =>
        world.crashNext(target, crash, times),
      ),
    ),
  fc
    .tuple(
      fc.constantFrom<'unavailable' | 'lostAnswer'>('unavailable', 'lostAnswer'),
      fc.integer({ min: 1, max: 4 }),
    )
    .map(([kind, times]) =>
      command(`ProviderFails(${kind}, ${times}×)`, (_model, world) => world.failProvider(kind, times)),
    ),
  fc.nat(40).map((n) => command(`DeliverAgain(event #${n})`, (_model, world) => world.deliverAgain(n))),
  // An Express execution lost, or one an operator stopped: its task in flight still finishes.
  index.map((n) => command(`StopExecution(running #${n})`, (_model, world) => world.stop(n))),
  // Operators: the dead-letter queues redriven (runbooks/dead-letter-redrive.md), and an order's saga
  // started again by hand, whatever the order's state: the saga must be safe to run again at any time.
  fc.constant(command('Redrive()', (_model, world) => void world.redrive())),
  index.map((n) =>
    onOrder(`RestartSaga(order #${n})`, n, ({ orderId }, world) => world.restartSaga(orderId)),
  ),
];
