import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TTL_ATTRIBUTE } from '../../functions/shared/outbox/outbox.js';

/** A table design as its service's adapter declares it. */
export interface TableDesign {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: Readonly<
    Record<
      string,
      {
        name: string;
        partitionKey: string;
        sortKey: string;
        /**
         * The attributes the index keeps besides the keys: the listed ones,
         * none (`KEYS_ONLY`) or all when absent. A write that changes only
         * attributes the index does not keep costs the index nothing.
         */
        projection?: 'KEYS_ONLY' | readonly string[];
      }
    >
  >;
}

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
