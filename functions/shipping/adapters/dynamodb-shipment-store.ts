import { putWithEvents, whenConditionHolds } from '../../shared/dynamodb.js';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '../../shared/dynamodb-sdk.js';
import type { Shipment } from '../domain/shipment.js';
import type { ShipmentStore } from '../use-cases/ports.js';
import { ShipmentKind } from './shipping-table.js';

const shipmentKey = ShipmentKind.key;

export const dynamoShipmentStore = (db: DynamoDBDocumentClient, tableName: string): ShipmentStore => ({
  async get(orderId) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: shipmentKey(orderId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    // The events its latest change carried were relayed then: they are not the shipment's.
    const {
      pk: _pk,
      sk: _sk,
      outboxEvents: _relayed,
      ...shipment
    } = Item as Shipment & { pk: string; sk: string; outboxEvents?: string };
    return shipment;
  },
  create: (shipment) =>
    whenConditionHolds(
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...shipmentKey(shipment.orderId), ...shipment },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),
  transition: (next, from, events) =>
    putWithEvents(
      db,
      {
        TableName: tableName,
        Item: { ...shipmentKey(next.orderId), ...next },
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': from },
      },
      events,
    ),
  replaceAddress: async (orderId, shippingAddress) => {
    await whenConditionHolds(
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: shipmentKey(orderId),
          UpdateExpression: 'SET shippingAddress = :address',
          // Only a shipment that has an address: a parcel never claimed has none to lose.
          ConditionExpression: 'attribute_exists(shippingAddress)',
          ExpressionAttributeValues: { ':address': shippingAddress },
        }),
      ),
    );
  },
});
