import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TTL_ATTRIBUTE } from '../../functions/shared/outbox/outbox.js';
import type { TableDesign } from '../../functions/shared/service-manifest.js';

export interface ServiceTableProps {
  readonly design: TableDesign;
  /** Keep the table and its data when the stack or the resource goes away. */
  readonly retain: boolean;
}

/**
 * A service's own table: on-demand, encrypted, point-in-time recovery, a
 * stream of new and old images for its outbox relay, and TTL on `expiresAt`.
 */
export class ServiceTable extends Table {
  constructor(scope: Construct, id: string, { design, retain }: ServiceTableProps) {
    super(scope, id, {
      partitionKey: { name: design.partitionKey, type: AttributeType.STRING },
      sortKey: { name: design.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of Object.values(design.indexes)) {
      this.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projection === 'KEYS_ONLY'
          ? { projectionType: ProjectionType.KEYS_ONLY }
          : index.projection
            ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }
            : {}),
      });
    }
  }
}
