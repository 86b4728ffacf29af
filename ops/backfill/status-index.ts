import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OrderKind, statusPartitions } from '../../functions/orders/adapters/orders-table.js';
import type { OrderStatus } from '../../functions/orders/contracts/vocabulary.js';
import { whenConditionHolds } from '../../functions/shared/dynamodb.js';

export interface Backfilled {
  /** Orders now in the status index. */
  readonly indexed: number;
  /** Orders that changed status while they were read: their change put them in the index already. */
  readonly movedOn: number;
}

/**
 * Puts the orders written before the `byStatus` index existed into it: each
 * order item without its `statusShard` gets the one its status gives, under
 * the condition that its status is still the one read (an order that moved
 * on meanwhile got its shard from that change). One write per order, one
 * revision on, as every write of an order; run it once after deploying the
 * index, and again at will: an order already indexed is not written again.
 */
export const backfillStatusIndex = async (
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<Backfilled> => {
  let indexed = 0;
  let movedOn = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :order AND attribute_not_exists(statusShard)',
        ExpressionAttributeValues: { ':order': OrderKind.sk },
        ProjectionExpression: 'pk, sk, orderId, #status',
        ExpressionAttributeNames: { '#status': 'status' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of (page.Items ?? []) as {
      pk: string;
      sk: string;
      orderId: string;
      status: OrderStatus;
    }[]) {
      const written = await whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET statusShard = :shard ADD revision :one',
            ConditionExpression: '#status = :status AND attribute_not_exists(statusShard)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':shard': statusPartitions(item.status).of(item.orderId),
              ':status': item.status,
              ':one': 1,
            },
          }),
        ),
      );
      if (written) indexed++;
      else movedOn++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { indexed, movedOn };
};
