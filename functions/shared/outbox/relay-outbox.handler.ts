import { boundedByDeadline, SDK_REQUEST_LIMITS } from '../deadline.js';
import { EventBridgeClient } from '../events/eventbridge-sdk.js';
import { type EventPublisher, eventBridgePublisher } from '../events/publisher.js';
import { relayConfig } from './config.js';
import { outboxRelay } from './relay.js';

let publisher: EventPublisher | undefined;

export const handler = outboxRelay(() => {
  publisher ??= eventBridgePublisher(
    boundedByDeadline(new EventBridgeClient({ requestHandler: SDK_REQUEST_LIMITS })),
    relayConfig.load().EVENT_BUS_NAME,
  );
  return publisher;
});
