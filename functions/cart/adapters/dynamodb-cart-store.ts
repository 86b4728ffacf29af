import {
  ConditionalCheckFailedException,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '../../shared/dynamodb-sdk.js';
import type { Cart } from '../domain/cart.js';
import { CartChangedConcurrentlyError } from '../domain/errors.js';
import type { CartStore } from '../use-cases/ports.js';

const cartKey = (userId: string) => ({ pk: `CART#${userId}`, sk: 'CART' });
type CartRecord = Cart & { pk: string; sk: string };

export const dynamoCartStore = (db: DynamoDBDocumentClient, tableName: string): CartStore => ({
  async get(userId) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: cartKey(userId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...cart } = Item as CartRecord;
    return cart;
  },

  async save(cart, expectedVersion) {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...cartKey(cart.userId), ...cart },
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
          ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new CartChangedConcurrentlyError();
      throw error;
    }
  },

  async delete(userId) {
    await db.send(new DeleteCommand({ TableName: tableName, Key: cartKey(userId) }));
  },
});
