import { randomUUID } from 'node:crypto';
import { insertWithEvents, putWithEvents, queryAll } from '../../shared/dynamodb.js';
import {
  ConditionalCheckFailedException,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '../../shared/dynamodb-sdk.js';
import type { Payment } from '../domain/payment.js';
import type { PaymentCall } from '../domain/payment-call.js';
import type { PaymentLedger, PaymentStore } from '../use-cases/ports.js';
import { LedgerKind, PAYMENT_CALL_PREFIX, PaymentCallKind, PaymentKind } from './payments-table.js';
import type { LedgerEntry, SimulatorLedger } from './simulated-provider.js';

const paymentKey = PaymentKind.key;
const ledgerKey = LedgerKind.key;

type PaymentRecord = Payment & { pk: string; sk: string; outboxEvents?: string };
type LedgerRecord = LedgerEntry & { pk: string; sk: string };

export const dynamoPaymentStore = (db: DynamoDBDocumentClient, tableName: string): PaymentStore => ({
  async get(orderId) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: paymentKey(orderId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    // The events its insert carried were relayed then: they are not the payment's.
    const { pk: _pk, sk: _sk, outboxEvents: _relayed, ...payment } = Item as PaymentRecord;
    return payment;
  },

  record: (payment, events) =>
    insertWithEvents(db, tableName, { ...paymentKey(payment.orderId), ...payment }, events),

  update: (payment, from, events) =>
    putWithEvents(
      db,
      {
        TableName: tableName,
        Item: { ...paymentKey(payment.orderId), ...payment },
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': from },
      },
      events,
    ),
});

/** The simulated provider's memory in the payments table, so it holds across Lambda containers. */
export const dynamoSimulatorLedger = (db: DynamoDBDocumentClient, tableName: string): SimulatorLedger => {
  const get = async (key: string) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: ledgerKey(key), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...entry } = Item as LedgerRecord;
    return entry as LedgerEntry;
  };
  const putWhen = async (entry: LedgerEntry, condition: string, values?: Record<string, unknown>) => {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...ledgerKey(entry.key), ...entry },
          ConditionExpression: condition,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return entry;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await get(entry.key)) ?? entry;
    }
  };
  return {
    get,
    putIfAbsent: (entry) => putWhen(entry, 'attribute_not_exists(pk)'),
    replaceFailure: (entry) => putWhen(entry, 'outcome = :failed', { ':failed': 'failed-once' }),
  };
};

/**
 * The calls made to the provider, in the order's own partition beside its
 * payment (`CALL#<at>#<id>`): appended with a condition that nothing has that
 * key, never updated; the order's list is one Query.
 */
export const dynamoPaymentLedger = (db: DynamoDBDocumentClient, tableName: string): PaymentLedger => ({
  async append(call) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...PaymentCallKind.key(call.orderId, call.at, randomUUID().slice(0, 8)), ...call },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  },
  // Keyed by the report's own id and time: a redelivered report finds its item and writes nothing.
  report: (entry, events) =>
    insertWithEvents(
      db,
      tableName,
      { ...PaymentCallKind.key(entry.orderId, entry.at, entry.reportId), ...entry },
      events,
    ),
  async list(orderId) {
    const items = await queryAll<PaymentCall & { pk: string; sk: string; outboxEvents?: string }>(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :calls)',
      ExpressionAttributeValues: { ':pk': paymentKey(orderId).pk, ':calls': PAYMENT_CALL_PREFIX },
    });
    // A report's events were relayed when it was written: they are not the ledger's.
    return items.map(({ pk: _pk, sk: _sk, outboxEvents: _relayed, ...call }) => call);
  },
});
