import { describe, expect, it, vi } from 'vitest';
import { InvalidRuleError, LocalEventBridge, MIN_SCHEDULE_MS } from '../../../../local/eventbridge/bus.js';
import { fakeAssembly, resolverFor } from '../../../support/local/fake-assembly.js';
import { scaled } from '../../../support/time-scale.js';

const pattern = { source: ['shop.catalog'], 'detail-type': ['ProductCreated'] };

const setUp = (options: { failures?: number; retries?: number } = {}) => {
  const assembly = fakeAssembly({
    Bus: { Type: 'AWS::Events::EventBus' },
    Archive: {
      Type: 'AWS::Events::Archive',
      Properties: {
        SourceArn: { 'Fn::GetAtt': ['Bus', 'Arn'] },
        EventPattern: { source: [{ prefix: 'shop.' }] },
      },
    },
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventBusName: { Ref: 'Bus' },
        EventPattern: pattern,
        State: 'ENABLED',
        Targets: [
          {
            Id: 'Consumer',
            Arn: 'arn:aws:lambda:us-east-1:000000000000:function:Consumer',
            InputPath: '$.detail',
            RetryPolicy: { MaximumRetryAttempts: options.retries ?? 2, MaximumEventAgeInSeconds: 3600 },
            DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:Dlq' },
          },
        ],
      },
    },
  });
  const delivered: unknown[] = [];
  const deadLetters: { arn: string; body: string; attributes: Record<string, string> }[] = [];
  let failuresLeft = options.failures ?? 0;
  const bus = new LocalEventBridge(
    assembly,
    resolverFor(assembly),
    {
      deliver: async (_arn, input) => {
        if (failuresLeft-- > 0) throw new Error('target unavailable');
        delivered.push(input);
      },
      deadLetter: (arn, body, attributes) => deadLetters.push({ arn, body, attributes }),
    },
    { timeScale: 0.0001 },
  );
  return { bus, delivered, deadLetters };
};

const entry = (overrides: Record<string, unknown> = {}) => ({
  EventBusName: 'Test-Bus',
  Source: 'shop.catalog',
  DetailType: 'ProductCreated',
  Detail: JSON.stringify({ data: { sku: 'A1' } }),
  ...overrides,
});

/** A moment for what must not happen (a delivery that is not due) to have had its chance. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * What must happen, awaited until it has: deliveries and retries are timers,
 * which a busy machine runs late (a fixed wait failed beside two busy loops).
 */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: scaled(5_000), interval: 10 });

describe('LocalEventBridge', () => {
  it('delivers a matching event to the rule target, shaped by InputPath', async () => {
    const { bus, delivered } = setUp();
    expect(bus.putEvents([entry()])).toMatchObject({
      FailedEntryCount: 0,
      Entries: [{ EventId: expect.any(String) }],
    });
    await eventually(() => expect(delivered).toEqual([{ data: { sku: 'A1' } }]));
  });

  it('does not deliver an event the pattern does not match', async () => {
    const { bus, delivered } = setUp();
    bus.putEvents([entry({ DetailType: 'ProductDeleted' })]);
    await settle();
    expect(delivered).toEqual([]);
  });

  it('reports a bad entry on its own and accepts the others', () => {
    const { bus } = setUp();
    const result = bus.putEvents([entry(), entry({ Detail: 'not json' }), entry({ EventBusName: 'nope' })]);
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries.map((item) => ('ErrorCode' in item ? item.ErrorCode : 'ok'))).toEqual([
      'ok',
      'MalformedDetail',
      'ResourceNotFoundException',
    ]);
  });

  it('retries a failed delivery under the retry policy', async () => {
    const { bus, delivered, deadLetters } = setUp({ failures: 2, retries: 2 });
    bus.putEvents([entry()]);
    await eventually(() => expect(delivered).toHaveLength(1));
    expect(deadLetters).toEqual([]);
  });

  it('sends the event to the dead-letter queue once the retries are spent', async () => {
    const { bus, delivered, deadLetters } = setUp({ failures: 10, retries: 2 });
    bus.putEvents([entry()]);
    await eventually(() => expect(deadLetters).toHaveLength(1));
    expect(delivered).toEqual([]);
    expect(deadLetters[0]?.arn).toBe('arn:aws:sqs:us-east-1:000000000000:Dlq');
    expect(JSON.parse(deadLetters[0]?.body ?? '{}')).toMatchObject({ 'detail-type': 'ProductCreated' });
    expect(deadLetters[0]?.attributes).toMatchObject({ ERROR_MESSAGE: 'target unavailable' });
  });

  it('archives events and replays a time window to the rules, marked with the replay name', async () => {
    const { bus, delivered } = setUp();
    bus.putEvents([entry({ Time: '2026-11-22T10:00:00Z' }), entry({ Time: '2026-11-22T12:00:00Z' })]);
    await eventually(() => expect(delivered).toHaveLength(2));
    const { replayedEvents } = bus.replay({
      EventSourceArn: 'Test-Archive',
      EventStartTime: '2026-11-22T09:00:00Z',
      EventEndTime: '2026-11-22T11:00:00Z',
      ReplayName: 'fix-1',
    });
    expect(replayedEvents).toBe(1);
    await eventually(() => expect(delivered).toHaveLength(3));
    expect(bus.published.at(-1)).toMatchObject({ 'replay-name': 'fix-1' });
  });
});

describe('timestamps as the SDK sends them (epoch seconds)', () => {
  it('dates an event by its Time in seconds, and replays a window given in seconds', async () => {
    const { bus, delivered } = setUp();
    const at = (iso: string) => Date.parse(iso) / 1000;
    bus.putEvents([entry({ Time: at('2026-11-22T10:00:00Z') }), entry({ Time: at('2026-11-22T12:00:00Z') })]);
    await eventually(() => expect(delivered).toHaveLength(2));
    expect(bus.published.map((event) => event.time)).toEqual([
      '2026-11-22T10:00:00Z',
      '2026-11-22T12:00:00Z',
    ]);
    const { replayedEvents } = bus.replay({
      EventSourceArn: 'Test-Archive',
      EventStartTime: at('2026-11-22T09:00:00Z'),
      EventEndTime: at('2026-11-22T11:00:00Z'),
      ReplayName: 'seconds',
    });
    expect(replayedEvents).toBe(1);
    await eventually(() => expect(delivered).toHaveLength(3));
  });

  it('refuses a Time that is no timestamp', () => {
    const { bus } = setUp();
    expect(bus.putEvents([entry({ Time: 'yesterday' })])).toMatchObject({ FailedEntryCount: 1 });
  });
});

describe('schedule rules', () => {
  it('reads rate() expressions and leaves cron() to the cloud', async () => {
    const { rateMilliseconds } = await import('../../../../local/eventbridge/bus.js');
    expect(rateMilliseconds('rate(5 minutes)')).toBe(300_000);
    expect(rateMilliseconds('rate(1 hour)')).toBe(3_600_000);
    expect(rateMilliseconds('cron(0 12 * * ? *)')).toBeUndefined();
  });

  it('fires a schedule rule on its own, at most once a second, and never matches it against events', async () => {
    const assembly = fakeAssembly({
      Sweep: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(1 minute)',
          State: 'ENABLED',
          Targets: [{ Id: 'Job', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:Job' }],
        },
      },
    });
    const delivered: unknown[] = [];
    const bus = new LocalEventBridge(
      assembly,
      resolverFor(assembly),
      { deliver: async (_arn, input) => void delivered.push(input), deadLetter: () => undefined },
      { timeScale: 0.0005 },
    );
    bus.putEvents([{ Source: 'shop.test', DetailType: 'Anything', Detail: '{}' }]);
    vi.useFakeTimers();
    try {
      bus.startSchedules();
      // A minute at this scale is 30 ms, but a schedule fires at most once a second.
      await vi.advanceTimersByTimeAsync(MIN_SCHEDULE_MS - 1);
      expect(delivered).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      bus.stopSchedules();
    } finally {
      vi.useRealTimers();
    }
    expect(delivered.length).toBeGreaterThan(0);
    expect(
      delivered.every((event) => (event as { 'detail-type': string })['detail-type'] === 'Scheduled Event'),
    ).toBe(true);
  });
});

describe('rules checked when they are loaded', () => {
  const busWith = (rule: Record<string, unknown>) => {
    const assembly = fakeAssembly({
      Bus: { Type: 'AWS::Events::EventBus' },
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { EventBusName: { Ref: 'Bus' }, State: 'ENABLED', ...rule },
      },
    });
    const deadLetters: Record<string, string>[] = [];
    const delivered: unknown[] = [];
    const bus = new LocalEventBridge(assembly, resolverFor(assembly), {
      deliver: async (_arn, input) => {
        delivered.push(input);
      },
      deadLetter: (_arn, _body, attributes) => deadLetters.push(attributes),
    });
    return { bus, deadLetters, delivered };
  };
  const target = { Id: 'T', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:T' };

  it('refuses to start with a pattern EventBridge refuses, naming the rule', () => {
    expect(() =>
      busWith({ EventPattern: { detail: { ip: [{ cidr: '10.0.0.0/40' }] } }, Targets: [target] }),
    ).toThrow(/EventBridge refuses Rule: Event pattern is not valid. Reason: .*not a CIDR block/);
    expect(() => busWith({ EventPattern: { detail: { ip: [{ cidr: '10.0.0.0/40' }] } } })).toThrow(
      InvalidRuleError,
    );
  });

  it('refuses to start with a target input EventBridge refuses, naming the rule and the target', () => {
    expect(() =>
      busWith({
        EventPattern: pattern,
        Targets: [{ ...target, InputPath: '$.detail', InputTransformer: { InputTemplate: '"x"' } }],
      }),
    ).toThrow(/EventBridge refuses Rule target T: Only one of Input, InputPath, or InputTransformer/);
  });

  it('dead-letters at once, without retries, an event whose filled template is not JSON', async () => {
    const { bus, deadLetters, delivered } = busWith({
      EventPattern: pattern,
      Targets: [
        {
          ...target,
          InputTransformer: {
            InputPathsMap: { sku: '$.detail.data.sku' },
            InputTemplate: '{"sku": "<sku>"}',
          },
          DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:Dlq' },
        },
      ],
    });
    bus.putEvents([entry({ Detail: JSON.stringify({ data: { sku: 'A"1' } }) })]);
    bus.putEvents([entry()]);
    await eventually(() => expect(deadLetters).toHaveLength(1));
    await eventually(() => expect(delivered).toEqual([{ sku: 'A1' }]));
    expect(deadLetters[0]).toMatchObject({ ERROR_CODE: 'InputTransformationFailed' });
  });
});
