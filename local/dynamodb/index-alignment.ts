import {
  type AttributeDefinition,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type Projection,
  type StreamViewType,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { LocalCloudError } from '../errors.js';
import { sleep } from '../net.js';

/** What makes two indexes the same: their keys and what they keep. */
const shapeOf = (index: { KeySchema?: KeySchemaElement[]; Projection?: Projection }): string =>
  JSON.stringify({
    keys: (index.KeySchema ?? []).map(({ AttributeName, KeyType }) => [AttributeName, KeyType]),
    projection: index.Projection?.ProjectionType ?? 'ALL',
    attributes: [...(index.Projection?.NonKeyAttributes ?? [])].sort(),
  });

const INDEX_WAIT_MS = 30_000;

/** Waits until the table's indexes have settled (DynamoDB Local builds and drops them in the background). */
const settled = async (client: DynamoDBClient, TableName: string) => {
  const deadline = Date.now() + INDEX_WAIT_MS;
  let states = '';
  while (Date.now() < deadline) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (Table?.TableStatus === 'ACTIVE' && indexes.every((index) => index.IndexStatus === 'ACTIVE'))
      return indexes;
    states = [
      `table ${Table?.TableStatus}`,
      ...indexes.map(
        (index) => `${index.IndexName} ${index.IndexStatus}${index.Backfilling ? ' (backfilling)' : ''}`,
      ),
    ].join(', ');
    await sleep(50);
  }
  throw new LocalCloudError(
    `The indexes of ${TableName} did not settle within ${INDEX_WAIT_MS / 1000} s: ${states}.`,
  );
};

/**
 * Brings a table kept from an earlier run (`.local/`) to the indexes the
 * template declares now, as a deployment would: an index the template no
 * longer has, or has with other keys or projection, is dropped; one it
 * lacks is built from the items already there. Without this a changed
 * index would go on serving the old design. Returns what it changed.
 */
export const alignIndexes = async (
  client: DynamoDBClient,
  TableName: string,
  declared: {
    readonly GlobalSecondaryIndexes?: readonly GlobalSecondaryIndex[];
    readonly AttributeDefinitions?: readonly AttributeDefinition[];
  },
): Promise<string[]> => {
  const wanted = new Map((declared.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  const changes: string[] = [];
  const rebuilt = new Set<string | undefined>();
  for (const index of await settled(client, TableName)) {
    const declaredIndex = wanted.get(index.IndexName);
    if (declaredIndex && shapeOf(declaredIndex) === shapeOf(index)) {
      wanted.delete(index.IndexName);
      continue;
    }
    if (declaredIndex) rebuilt.add(index.IndexName);
    // One index change per UpdateTable call, as DynamoDB allows.
    await client.send(
      new UpdateTableCommand({
        TableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: index.IndexName } }],
      }),
    );
    await settled(client, TableName);
    if (!declaredIndex) changes.push(`dropped index ${index.IndexName}`);
  }
  for (const index of wanted.values()) {
    const keys = new Set((index.KeySchema ?? []).map((key) => key.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: (declared.AttributeDefinitions ?? []).filter((definition) =>
          keys.has(definition.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [
          {
            Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection },
          },
        ],
      }),
    );
    await settled(client, TableName);
    changes.push(`${rebuilt.has(index.IndexName) ? 'rebuilt' : 'built'} index ${index.IndexName}`);
  }
  return changes;
};

/**
 * Gives a table kept from an earlier run the stream view the template now
 * says, as CloudFormation does: the old stream is turned off and a new one
 * on (its records are those of writes from now on). The changes made, for the log.
 */
export const alignStream = async (
  client: DynamoDBClient,
  TableName: string,
  viewType: string | undefined,
): Promise<string[]> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  const current = Table?.StreamSpecification?.StreamEnabled
    ? Table.StreamSpecification.StreamViewType
    : undefined;
  if (current === viewType) return [];
  if (current)
    await client.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }));
  if (viewType)
    await client.send(
      new UpdateTableCommand({
        TableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: viewType as StreamViewType },
      }),
    );
  return [`stream ${current ?? 'none'} → ${viewType ?? 'none'}`];
};
