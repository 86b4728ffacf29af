import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { conditionFailedAt } from '../../shared/dynamodb.js';
import { CARRIED_EVENTS_ATTRIBUTE, carryingEvents } from '../../shared/outbox/outbox.js';
import { EmailTakenError, ProfileNotFoundError } from '../domain/errors.js';
import { normalizedEmail, type Profile } from '../domain/profile.js';
import type { ProfileStore } from '../use-cases/ports.js';

const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
const emailKey = (email: string) => ({ pk: `EMAIL#${normalizedEmail(email)}`, sk: 'EMAIL' });

/** A profile as stored; its insert carried the events of the sign-up to the relay. */
type ProfileRecord = Profile & { pk: string; sk: string; outboxEvents?: string };
const toProfile = ({ pk: _pk, sk: _sk, outboxEvents: _relayed, ...profile }: ProfileRecord): Profile =>
  profile;

export const dynamoProfileStore = (db: DynamoDBDocumentClient, tableName: string): ProfileStore => ({
  async create(profile, events) {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...emailKey(profile.email), userId: profile.userId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: carryingEvents({ ...profileKey(profile.userId), ...profile }, events),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (conditionFailedAt(error, 0) || conditionFailedAt(error, 1)) throw new EmailTakenError();
      throw error;
    }
  },

  async get(userId) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: profileKey(userId) }));
    return Item ? toProfile(Item as ProfileRecord) : undefined;
  },

  async rename(userId, name, updatedAt) {
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: profileKey(userId),
          // Its insert's events were relayed then: the rename carries none, so it does not reach the relay.
          UpdateExpression: `SET #name = :name, updatedAt = :updatedAt REMOVE ${CARRIED_EVENTS_ATTRIBUTE}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name, ':updatedAt': updatedAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toProfile(Attributes as ProfileRecord);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ProfileNotFoundError();
      throw error;
    }
  },
});
