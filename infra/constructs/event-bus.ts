import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type Archive, EventBus, Match } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';

export const EVENT_SOURCE_PREFIX = 'shop.';

/** The shop's one custom bus, with an archive of every domain event for replay. */
export class ShopEventBus extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;

  constructor(scope: Construct, id: string, props: { archiveRetention: Duration; retain: boolean }) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus');
    this.archive = this.bus.archive('Archive', {
      description: 'Every shop domain event, for replay',
      eventPattern: { source: Match.prefix(EVENT_SOURCE_PREFIX) },
      retention: props.archiveRetention,
    });
    this.archive.applyRemovalPolicy(props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
  }
}
