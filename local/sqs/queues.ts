import { createHash, randomUUID } from 'node:crypto';
import { AwsServiceError, type JsonService } from '../aws-endpoint.js';
import { type CloudAssembly, displayNameOf, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import type { UsageMeter } from '../usage.js';

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Record<string, string>;
  readonly messageAttributes: Record<string, { DataType: string; StringValue?: string }>;
  receiptHandle?: string;
  receiveCount: number;
  visibleAt: number;
  readonly sentAt: number;
}

interface Queue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly displayName: string;
  readonly visibilityTimeoutSeconds: number;
  readonly messages: QueueMessage[];
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * In-memory SQS queues from the template, spoken over the SQS JSON protocol,
 * and inspectable from tests and commands (dead-letter queues especially).
 */
export class LocalQueues {
  private readonly queues: Queue[];
  private readonly listeners: (() => void)[] = [];

  /** Told of every message sent, so that a queue's readers need not poll it often. */
  onMessage(listener: () => void): void {
    this.listeners.push(listener);
  }

  constructor(
    assembly: CloudAssembly,
    resolver: TemplateResolver,
    /** Counts the messages sent. */
    private readonly usage?: UsageMeter,
  ) {
    this.queues = resourcesOfType(assembly, 'AWS::SQS::Queue').map(({ stackName, logicalId, resource }) => ({
      name: resolver.physicalName(stackName, logicalId),
      url: resolver.ref(stackName, logicalId),
      arn: resolver.getAtt(stackName, logicalId, 'Arn'),
      displayName: displayNameOf(resource, logicalId),
      visibilityTimeoutSeconds: Number(resource.Properties?.VisibilityTimeout ?? 30),
      messages: [],
    }));
  }

  get all(): readonly Queue[] {
    return this.queues;
  }

  find(urlNameOrArn: string): Queue | undefined {
    return this.queues.find(
      (queue) =>
        [queue.url, queue.name, queue.arn].includes(urlNameOrArn) || urlNameOrArn.endsWith(`/${queue.name}`),
    );
  }

  private require(urlNameOrArn: unknown): Queue {
    const queue = typeof urlNameOrArn === 'string' ? this.find(urlNameOrArn) : undefined;
    if (!queue)
      throw new AwsServiceError(
        'AWS.SimpleQueueService.NonExistentQueue',
        `The queue ${String(urlNameOrArn)} does not exist.`,
      );
    return queue;
  }

  send(
    urlNameOrArn: string,
    body: string,
    messageAttributes: QueueMessage['messageAttributes'] = {},
  ): string {
    const queue = this.require(urlNameOrArn);
    const now = Date.now();
    const message: QueueMessage = {
      messageId: randomUUID(),
      body,
      attributes: { SentTimestamp: String(now), ApproximateReceiveCount: '0' },
      messageAttributes,
      receiveCount: 0,
      visibleAt: now,
      sentAt: now,
    };
    queue.messages.push(message);
    this.usage?.sqsMessage();
    for (const listener of this.listeners) listener();
    return message.messageId;
  }

  /** Messages currently in the queue, visible or not, oldest first. */
  peek(urlNameOrArn: string): readonly QueueMessage[] {
    return [...this.require(urlNameOrArn).messages];
  }

  receive(urlNameOrArn: string, max: number, visibilityTimeoutSeconds?: number): QueueMessage[] {
    const queue = this.require(urlNameOrArn);
    const now = Date.now();
    const visible = queue.messages.filter((message) => message.visibleAt <= now).slice(0, max);
    for (const message of visible) {
      message.receiveCount++;
      message.receiptHandle = randomUUID();
      message.visibleAt = now + (visibilityTimeoutSeconds ?? queue.visibilityTimeoutSeconds) * 1000;
      message.attributes.ApproximateReceiveCount = String(message.receiveCount);
    }
    return visible;
  }

  delete(urlNameOrArn: string, receiptHandle: string): void {
    const queue = this.require(urlNameOrArn);
    const index = queue.messages.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index >= 0) queue.messages.splice(index, 1);
  }

  purge(urlNameOrArn: string): void {
    this.require(urlNameOrArn).messages.length = 0;
  }

  readonly service: JsonService = {
    targetPrefix: 'AmazonSQS',
    operations: {
      GetQueueUrl: ({ QueueName }) => ({ QueueUrl: this.require(QueueName).url }),
      ListQueues: () => ({ QueueUrls: this.queues.map((queue) => queue.url) }),
      SendMessage: ({ QueueUrl, MessageBody, MessageAttributes }) => {
        const body = String(MessageBody ?? '');
        const id = this.send(
          String(QueueUrl),
          body,
          (MessageAttributes ?? {}) as QueueMessage['messageAttributes'],
        );
        return { MessageId: id, MD5OfMessageBody: md5(body) };
      },
      SendMessageBatch: ({ QueueUrl, Entries }) => ({
        Successful: ((Entries ?? []) as { Id: string; MessageBody: string }[]).map((entry) => ({
          Id: entry.Id,
          MessageId: this.send(String(QueueUrl), entry.MessageBody),
          MD5OfMessageBody: md5(entry.MessageBody),
        })),
        Failed: [],
      }),
      ReceiveMessage: ({ QueueUrl, MaxNumberOfMessages, VisibilityTimeout }) => ({
        Messages: this.receive(
          String(QueueUrl),
          Number(MaxNumberOfMessages ?? 1),
          VisibilityTimeout as number | undefined,
        ).map((message) => ({
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          Body: message.body,
          MD5OfBody: md5(message.body),
          Attributes: message.attributes,
          MessageAttributes: message.messageAttributes,
        })),
      }),
      DeleteMessage: ({ QueueUrl, ReceiptHandle }) => {
        this.delete(String(QueueUrl), String(ReceiptHandle));
        return {};
      },
      ChangeMessageVisibility: ({ QueueUrl, ReceiptHandle, VisibilityTimeout }) => {
        const queue = this.require(String(QueueUrl));
        const message = queue.messages.find((candidate) => candidate.receiptHandle === ReceiptHandle);
        if (message) message.visibleAt = Date.now() + Number(VisibilityTimeout ?? 0) * 1000;
        return {};
      },
      DeleteMessageBatch: ({ QueueUrl, Entries }) => {
        const entries = (Entries ?? []) as { Id: string; ReceiptHandle: string }[];
        for (const entry of entries) this.delete(String(QueueUrl), entry.ReceiptHandle);
        return { Successful: entries.map((entry) => ({ Id: entry.Id })), Failed: [] };
      },
      GetQueueAttributes: ({ QueueUrl }) => {
        const queue = this.require(QueueUrl);
        const now = Date.now();
        return {
          Attributes: {
            QueueArn: queue.arn,
            ApproximateNumberOfMessages: String(
              queue.messages.filter((message) => message.visibleAt <= now).length,
            ),
            ApproximateNumberOfMessagesNotVisible: String(
              queue.messages.filter((message) => message.visibleAt > now).length,
            ),
            VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
          },
        };
      },
      PurgeQueue: ({ QueueUrl }) => {
        this.purge(String(QueueUrl));
        return {};
      },
    },
  };
}
