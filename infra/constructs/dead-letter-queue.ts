import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acknowledge } from './acknowledge.js';

/** Where failed work waits for a redrive: encrypted, TLS only, kept 14 days. */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string, props: { purpose: string }) {
    super(scope, id, {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    acknowledge(this, 'SQS3', `This queue is itself a dead-letter queue: ${props.purpose}.`);
  }
}
