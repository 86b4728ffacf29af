import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type EventPublisher, eventBridgePublisher } from '../events/publisher.js';
import { relayConfig } from './config.js';
import { outboxRelay } from './relay.js';

let publisher: EventPublisher | undefined;

export const handler = outboxRelay(() => {
  publisher ??= eventBridgePublisher(new EventBridgeClient({}), relayConfig.load().EVENT_BUS_NAME);
  return publisher;
});
