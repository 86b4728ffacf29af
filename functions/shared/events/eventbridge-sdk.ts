import type * as ClientEventBridge from '@aws-sdk/client-eventbridge';
import { sdkPackage } from '../lazy-sdk.js';

/** The EventBridge SDK, loaded by `require` for the reason `dynamodb-sdk.ts` gives. */
export const { EventBridgeClient, PutEventsCommand } = sdkPackage<typeof ClientEventBridge>(
  '@aws-sdk/client-eventbridge',
);
export type EventBridgeClient = ClientEventBridge.EventBridgeClient;
export type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
