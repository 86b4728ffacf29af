import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '../dynamodb-sdk.js';

/**
 * Which events a consumer has handled, by event id: a duplicate delivery is
 * then skipped before any work. Entries outlive EventBridge's 24-hour retry
 * window and a replay's usual reach with a margin, then expire.
 */
export interface Inbox {
  handled(consumer: string, eventId: string): Promise<boolean>;
  record(consumer: string, eventId: string): Promise<void>;
}

/** How long an inbox entry is kept: three times EventBridge's 24-hour retry window. */
export const INBOX_RETENTION_SECONDS = 3 * 24 * 60 * 60;

const inboxKey = (consumer: string, eventId: string) => ({ pk: `INBOX#${consumer}#${eventId}`, sk: 'INBOX' });

/** The inbox in the consuming service's own table (TTL on `expiresAt`). */
export const dynamoInbox = (
  db: DynamoDBDocumentClient,
  tableName: string,
  clock = () => new Date(),
): Inbox => ({
  async handled(consumer, eventId) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: inboxKey(consumer, eventId), ConsistentRead: true }),
    );
    return Item !== undefined && (Item.expiresAt as number) > Math.floor(clock().getTime() / 1000);
  },
  async record(consumer, eventId) {
    const now = clock();
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...inboxKey(consumer, eventId),
          handledAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + INBOX_RETENTION_SECONDS,
        },
      }),
    );
  },
});

/** The inbox in memory, for tests. */
export const inMemoryInbox = (): Inbox & { readonly entries: Set<string> } => {
  const entries = new Set<string>();
  return {
    entries,
    handled: async (consumer, eventId) => entries.has(`${consumer}#${eventId}`),
    record: async (consumer, eventId) => {
      entries.add(`${consumer}#${eventId}`);
    },
  };
};
