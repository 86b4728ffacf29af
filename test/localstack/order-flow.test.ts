import { randomUUID } from 'node:crypto';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dynamoInventoryStore } from '../../functions/inventory/adapters/dynamodb-inventory-store.js';
import { getStock } from '../../functions/inventory/use-cases/get-stock.js';
import { dynamoOrderStore } from '../../functions/orders/adapters/dynamodb-order-store.js';
import { OrderPlaced } from '../../functions/orders/contracts/events.js';
import { ALL_EVENTS } from '../../functions/services.js';
import { adminClaims, customerClaims, httpEvent } from '../support/api-gateway.js';
import { eventually } from '../support/local-cloud-client.js';
import { scaled } from '../support/time-scale.js';
import {
  callRoute,
  clientConfig,
  documentClient,
  invoke,
  onLocalStack,
  physicalId,
  tableName,
} from './support.js';

/**
 * The shop deployed on LocalStack, driven through its own functions (as API
 * Gateway would call them) and observed through its tables, a capture rule
 * on its bus and the saga's execution history.
 */
onLocalStack('orders on LocalStack', () => {
  const captured: { source: string; 'detail-type': string; detail: { data: Record<string, unknown> } }[] = [];
  let queueUrl = '';
  const ruleName = `capture-${randomUUID().slice(0, 8)}`;

  const busName = () => physicalId('AWS::Events::EventBus', 'EventsBus');
  const sagaArn = () => physicalId('AWS::StepFunctions::StateMachine', 'OrdersSagaOrderSaga');
  const orders = () => dynamoOrderStore(documentClient(), tableName('Orders'));
  const inventory = () => dynamoInventoryStore(documentClient(), tableName('Inventory'));

  beforeAll(async () => {
    const sqs = new SQSClient(clientConfig());
    const events = new EventBridgeClient(clientConfig());
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: ruleName }))).QueueUrl ?? '';
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: ruleName,
        EventBusName: busName(),
        EventPattern: JSON.stringify({ source: [{ prefix: 'shop.' }] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: ruleName,
        EventBusName: busName(),
        Targets: [{ Id: 'capture', Arn: Attributes?.QueueArn ?? '' }],
      }),
    );
    await callRoute(
      'Catalog',
      'CreateCategory',
      httpEvent('POST /categories', {
        body: { id: 'home', name: 'Home' },
        claims: adminClaims(),
      }),
    );
  }, scaled(120_000));

  afterAll(async () => {
    const events = new EventBridgeClient(clientConfig());
    await events.send(
      new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName(), Ids: ['capture'] }),
    );
    await events.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName() }));
    await new SQSClient(clientConfig()).send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  });

  /** Reads the capture queue until an event of `type` satisfying `where` has arrived. */
  const capturedEvent = (type: string, where: (data: Record<string, unknown>) => boolean) =>
    eventually(async () => {
      const { Messages = [] } = await new SQSClient(clientConfig()).send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages) captured.push(JSON.parse(message.Body ?? '{}'));
      return captured.find((event) => event['detail-type'] === type && where(event.detail.data));
    }, scaled(60_000));

  /** A product of its own with `stock` units, created as an admin would. */
  const productWithStock = async (stock: number) => {
    const sku = `LS-${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await callRoute(
      'Catalog',
      'CreateProduct',
      httpEvent('POST /products', {
        body: {
          sku,
          name: `Test ${sku}`,
          description: '',
          category: 'home',
          price: { amount: 1250, currency: 'USD' },
        },
        claims: adminClaims(),
      }),
    );
    expect(created.status).toBe(201);
    // The stock item follows ProductCreated through the outbox relay, the bus and the inventory's rule.
    await eventually(async () => ((await inventory().getStock(sku)) ? true : undefined), scaled(60_000));
    const set = await callRoute(
      'Inventory',
      'SetStock',
      httpEvent('PUT /inventory/{sku}', {
        path: `/inventory/${sku}`,
        pathParameters: { sku },
        body: { available: stock },
        claims: adminClaims(),
      }),
    );
    expect(set.status).toBe(200);
    return sku;
  };

  const placeOrder = async (sku: string, paymentToken: string, userId = `ls-${randomUUID()}`) => {
    const placed = await callRoute(
      'Orders',
      'PlaceOrder',
      httpEvent('POST /orders', {
        headers: { 'idempotency-key': randomUUID() },
        body: {
          items: [{ sku, quantity: 1 }],
          shippingAddress: {
            name: 'Ada',
            line1: '1 Main St',
            city: 'London',
            postalCode: 'N1',
            country: 'GB',
          },
          paymentToken,
        },
        claims: customerClaims(userId),
      }),
    );
    expect(placed.status).toBe(202);
    return { orderId: (placed.body as { orderId: string }).orderId, userId };
  };

  const settled = (orderId: string, timeoutMs = scaled(120_000)) =>
    eventually(async () => {
      const order = await orders().get(orderId);
      return order && order.status !== 'PENDING' ? order : undefined;
    }, timeoutMs);

  const statesEntered = async (orderId: string) => {
    const sfn = new SFNClient(clientConfig());
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: sagaArn() }));
    const execution = executions.find((candidate) => candidate.name === orderId);
    if (!execution?.executionArn) return [];
    const { events = [] } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: execution.executionArn }),
    );
    return events.flatMap((event) =>
      event.stateEnteredEventDetails?.name ? [event.stateEnteredEventDetails.name] : [],
    );
  };

  it(
    "confirms an order: reserve, charge, confirm, with every producer's events on the bus",
    async () => {
      const sku = await productWithStock(3);
      const { orderId } = await placeOrder(sku, 'tok_visa');
      expect(await settled(orderId)).toMatchObject({ status: 'CONFIRMED' });
      expect(await statesEntered(orderId)).toEqual(['ReserveInventory', 'ProcessPayment', 'ConfirmOrder']);
      expect(await inventory().getStock(sku)).toMatchObject({ available: 2 });
      const shipped = await callRoute(
        'Shipping',
        'ShipOrder',
        httpEvent('POST /orders/{orderId}/ship', {
          path: `/orders/${orderId}/ship`,
          pathParameters: { orderId },
          body: {},
          claims: adminClaims(),
        }),
      );
      expect(shipped.status).toBe(202);
      const forOrder = (data: Record<string, unknown>) => data.orderId === orderId;
      const expected = [
        await capturedEvent('ProductCreated', (data) => data.sku === sku),
        await capturedEvent('OrderPlaced', forOrder),
        await capturedEvent('InventoryReserved', forOrder),
        await capturedEvent('PaymentCompleted', forOrder),
        await capturedEvent('OrderConfirmed', forOrder),
        await capturedEvent('OrderShipped', forOrder),
      ];
      for (const event of expected) {
        const definition = ALL_EVENTS.find((candidate) => candidate.detailType === event['detail-type']);
        expect(event.source, event['detail-type']).toBe(definition?.source);
        expect(() => definition?.parse(event.detail), event['detail-type']).not.toThrow();
      }
    },
    scaled(300_000),
  );

  it(
    'cancels OUT_OF_STOCK without touching payments',
    async () => {
      const sku = await productWithStock(0);
      const { orderId } = await placeOrder(sku, 'tok_visa');
      expect(await settled(orderId)).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'OUT_OF_STOCK',
      });
      expect(await statesEntered(orderId)).toEqual(['ReserveInventory', 'CancelOrder']);
    },
    scaled(300_000),
  );

  it(
    'releases the stock and cancels PAYMENT_DECLINED when the card is declined',
    async () => {
      const sku = await productWithStock(3);
      const { orderId } = await placeOrder(sku, 'tok_decline');
      expect(await settled(orderId)).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'PAYMENT_DECLINED',
      });
      expect(await statesEntered(orderId)).toEqual([
        'ReserveInventory',
        'ProcessPayment',
        'ReleaseInventory',
        'CancelOrder',
      ]);
      expect(await getStock({ store: inventory() }, sku)).toMatchObject({ available: 3, reserved: 0 });
    },
    scaled(300_000),
  );

  it(
    'refunds, releases and cancels PAYMENT_FAILED when the provider never answers in time',
    async () => {
      const sku = await productWithStock(3);
      const { orderId } = await placeOrder(sku, 'tok_timeout');
      expect(await settled(orderId, scaled(240_000))).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'PAYMENT_FAILED',
      });
      expect(await statesEntered(orderId)).toEqual(
        expect.arrayContaining(['RefundPayment', 'ReleaseInventory', 'CancelOrder']),
      );
      expect(await getStock({ store: inventory() }, sku)).toMatchObject({ available: 3, reserved: 0 });
    },
    scaled(300_000),
  );

  it(
    "runs the customer's cancellation: refund, release, CUSTOMER_CANCELLED",
    async () => {
      const sku = await productWithStock(3);
      const { orderId, userId } = await placeOrder(sku, 'tok_visa');
      expect(await settled(orderId)).toMatchObject({ status: 'CONFIRMED' });
      const requested = await callRoute(
        'Orders',
        'RequestOrderCancellation',
        httpEvent('POST /orders/{orderId}/cancel', {
          path: `/orders/${orderId}/cancel`,
          pathParameters: { orderId },
          claims: customerClaims(userId),
        }),
      );
      expect(requested.status).toBe(202);
      await eventually(async () => {
        const order = await orders().get(orderId);
        return order?.status === 'CANCELLED' ? order : undefined;
      }, scaled(120_000));
      expect(await orders().get(orderId)).toMatchObject({ cancellationReason: 'CUSTOMER_CANCELLED' });
      expect(await getStock({ store: inventory() }, sku)).toMatchObject({ available: 3, reserved: 0 });
    },
    scaled(300_000),
  );

  it(
    'starts one execution for an OrderPlaced delivered twice',
    async () => {
      const sku = await productWithStock(3);
      const { orderId } = await placeOrder(sku, 'tok_visa');
      const event = await capturedEvent('OrderPlaced', (data) => data.orderId === orderId);
      expect(() => OrderPlaced.parse(event.detail)).not.toThrow();
      // The same event again, straight to the consumer, twice: each delivery is acknowledged.
      await invoke('Orders', 'StartOrderSaga', event);
      await invoke('Orders', 'StartOrderSaga', event);
      expect(await settled(orderId)).toMatchObject({ status: 'CONFIRMED' });
      const { executions = [] } = await new SFNClient(clientConfig()).send(
        new ListExecutionsCommand({ stateMachineArn: sagaArn() }),
      );
      expect(executions.filter((execution) => execution.name === orderId)).toHaveLength(1);
    },
    scaled(300_000),
  );
});
