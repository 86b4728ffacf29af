import { conditionFailedAt } from '../../shared/dynamodb.js';
import {
  ConditionalCheckFailedException,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '../../shared/dynamodb-sdk.js';
import { AccountDeletedError } from '../../shared/errors.js';
import { CARRIED_EVENTS_ATTRIBUTE, carryingEvents } from '../../shared/outbox/outbox.js';
import { EmailTakenError, ProfileNotFoundError } from '../domain/errors.js';
import { normalizedEmail, type Profile } from '../domain/profile.js';
import type { ProfileStore } from '../use-cases/ports.js';

const profileKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' });
/** The record that an account was deleted: its id and when, nothing personal. It carries UserDeleted. */
const deletedKey = (userId: string) => ({ pk: `USER#${userId}`, sk: 'DELETED' });
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
      return 'created';
    } catch (error) {
      if (!conditionFailedAt(error, 0) && !conditionFailedAt(error, 1)) throw error;
      // Stored before (a retried confirmation), or the email is someone else's.
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: profileKey(profile.userId), ConsistentRead: true }),
      );
      if (Item) return 'existed';
      throw new EmailTakenError();
    }
  },

  async get(userId) {
    // The profile and the record of a deletion share the partition: one read (0.5 RCU) tells both.
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': profileKey(userId).pk },
      }),
    );
    if (Items.some((item) => item.sk === deletedKey(userId).sk)) throw new AccountDeletedError();
    const profile = Items.find((item) => item.sk === profileKey(userId).sk);
    return profile ? toProfile(profile as ProfileRecord) : undefined;
  },

  async delete(userId, events, deletedAt) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: profileKey(userId), ConsistentRead: true }),
    );
    const profile = Item as ProfileRecord | undefined;
    const write = (freeEmail: boolean) =>
      db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: carryingEvents({ ...deletedKey(userId), userId, deletedAt }, events),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Delete: { TableName: tableName, Key: profileKey(userId) } },
            ...(profile && freeEmail
              ? [
                  {
                    Delete: {
                      TableName: tableName,
                      Key: emailKey(profile.email),
                      // Only this account's claim on the email.
                      ConditionExpression: 'attribute_not_exists(pk) OR userId = :userId',
                      ExpressionAttributeValues: { ':userId': userId },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
    try {
      await write(true).catch((error: unknown) => {
        // The email is claimed by another account already: this one has no claim to free.
        if (conditionFailedAt(error, 2)) return write(false);
        throw error;
      });
      return 'deleted';
    } catch (error) {
      if (conditionFailedAt(error, 0)) return 'already';
      throw error;
    }
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
