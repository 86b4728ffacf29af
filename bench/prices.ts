/**
 * Public on-demand prices in us-east-1 (checked 2026-11), in dollars per
 * unit, before free tiers and volume discounts:
 * - Lambda, Arm (the shop's functions run on Graviton): https://aws.amazon.com/lambda/pricing/
 * - API Gateway HTTP APIs, first 300 million requests a month: https://aws.amazon.com/api-gateway/pricing/
 * - EventBridge custom events and archive processing: https://aws.amazon.com/eventbridge/pricing/
 * - Step Functions: https://aws.amazon.com/step-functions/pricing/
 * - DynamoDB on-demand, Standard table class: https://aws.amazon.com/dynamodb/pricing/on-demand/
 * - SQS standard queues: https://aws.amazon.com/sqs/pricing/
 * - CloudWatch Logs ingestion (standard class): https://aws.amazon.com/cloudwatch/pricing/
 */
export const PRICES = {
  region: 'us-east-1',
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
  eventPublished: 1.0 / 1e6,
  archiveGb: 0.1,
  stateTransition: 0.025 / 1000,
  expressRequest: 1.0 / 1e6,
  expressGbSecond: 0.00001667,
  dynamodbWriteUnit: 0.625 / 1e6,
  dynamodbReadUnit: 0.125 / 1e6,
  sqsRequest: 0.4 / 1e6,
  logsIngestedGb: 0.5,
} as const;

export type Prices = { readonly [Key in keyof typeof PRICES]: (typeof PRICES)[Key] };

/** Express workflows bill memory in 64 MB chunks; the saga's definition and payloads fit in one. */
export const EXPRESS_MEMORY_GB = 64 / 1024;
