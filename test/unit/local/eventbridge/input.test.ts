import { describe, expect, it } from 'vitest';
import {
  InputTransformationError,
  InvalidTargetInputError,
  selectPath,
  type TargetInput,
  transformInput,
  validateTargetInput,
} from '../../../../local/eventbridge/input.js';

const event = {
  source: 'shop.orders',
  'detail-type': 'OrderPlaced',
  time: '2026-11-22T10:00:00Z',
  detail: { data: { orderId: 'o-1', items: [{ sku: 'A1' }], total: { amount: 100 } } },
};
const rule = { name: 'StartSaga', arn: 'arn:aws:events:us-east-1:000000000000:rule/StartSaga' };

describe('target input', () => {
  it('is the whole event by default', () => {
    expect(transformInput(event, {}, rule)).toEqual(event);
  });

  it('is a constant with Input', () => {
    expect(transformInput(event, { Input: '{"fixed":true}' }, rule)).toEqual({ fixed: true });
  });

  it('is a part of the event with InputPath', () => {
    expect(transformInput(event, { InputPath: '$.detail.data' }, rule)).toEqual(event.detail.data);
    expect(selectPath(event, '$.detail.data.items[0].sku')).toBe('A1');
  });

  it('fills an InputTransformer template: whole values as JSON, values inside strings as text', () => {
    const input = transformInput(
      event,
      {
        InputTransformer: {
          InputPathsMap: { orderId: '$.detail.data.orderId', total: '$.detail.data.total' },
          InputTemplate:
            '{"id": <orderId>, "total": <total>, "note": "order <orderId> placed", "rule": <aws.events.rule-name>}',
        },
      },
      rule,
    );
    expect(input).toEqual({ id: 'o-1', total: { amount: 100 }, note: 'order o-1 placed', rule: 'StartSaga' });
  });

  it('fills a quoted placeholder with the value', () => {
    const input = transformInput(
      event,
      {
        InputTransformer: { InputPathsMap: { id: '$.detail.data.orderId' }, InputTemplate: '{"id":"<id>"}' },
      },
      rule,
    );
    expect(input).toEqual({ id: 'o-1' });
  });
});

/*
 * Expected answers from the EventBridge user guide's input-transformation
 * page (predefined variables, common issues) and the API reference's
 * InputTransformer.
 */
const transform = (InputPathsMap: Record<string, string>, InputTemplate: string) => {
  const target: TargetInput = { InputTransformer: { InputPathsMap, InputTemplate } };
  validateTargetInput(target);
  return transformInput(event, target, rule, new Date('2026-11-22T10:00:05.123Z'));
};

describe('input transformer values', () => {
  it('writes an object or an array inside a string with its quotes removed', () => {
    expect(transform({ total: '$.detail.data.total' }, '"total is <total>"')).toBe('total is {amount:100}');
    expect(transform({ items: '$.detail.data.items' }, '{"note": "items <items>"}')).toEqual({
      note: 'items [{sku:A1}]',
    });
  });

  it('writes an object or an array as a JSON value unchanged', () => {
    expect(transform({ items: '$.detail.data.items' }, '{"items": <items>}')).toEqual({
      items: [{ sku: 'A1' }],
    });
  });

  it('gives an empty string for a path that leads nowhere', () => {
    expect(transform({ gone: '$.detail.nothing.here' }, '{"a": <gone>, "b": "[<gone>]"}')).toEqual({
      a: '',
      b: '[]',
    });
  });

  it('gives the event without its detail for <aws.events.event>, and whole for <aws.events.event.json>', () => {
    const output = transform({}, '{"e": <aws.events.event>, "full": <aws.events.event.json>}') as {
      e: Record<string, unknown>;
      full: Record<string, unknown>;
    };
    expect(output.e).toEqual({ source: 'shop.orders', 'detail-type': 'OrderPlaced', time: event.time });
    expect(output.full).toEqual(event);
  });

  it('gives the time EventBridge received the event for <aws.events.event.ingestion-time>', () => {
    expect(transform({}, '"<aws.events.event.ingestion-time>"')).toBe('2026-11-22T10:00:05Z');
  });

  it('does not escape a string written inside a string: a quote in it spoils the output, which is not delivered', () => {
    const quoted = { ...event, detail: { data: { note: 'say "hi"' } } };
    const target: TargetInput = {
      InputTransformer: { InputPathsMap: { note: '$.detail.data.note' }, InputTemplate: '{"n": "<note>"}' },
    };
    expect(() => transformInput(quoted, target, rule)).toThrow(InputTransformationError);
  });

  it('collects the values of a * step', () => {
    expect(selectPath(event, '$.detail.data.items[*].sku')).toEqual(['A1']);
  });
});

describe('target inputs EventBridge refuses at PutTargets', () => {
  it.each<[string, TargetInput]>([
    [
      'InputPath beside InputTransformer',
      { InputPath: '$.detail', InputTransformer: { InputTemplate: '"x"' } },
    ],
    ['Input beside InputPath', { Input: '{}', InputPath: '$.detail' }],
    ['an Input that is not JSON', { Input: 'hello' }],
    ['an InputPath that is not a path', { InputPath: 'detail.data' }],
    ['an undefined placeholder', { InputTransformer: { InputPathsMap: {}, InputTemplate: '{"a": <nope>}' } }],
    [
      'a placeholder as an object key',
      { InputTransformer: { InputPathsMap: { k: '$.source' }, InputTemplate: '{<k>: 1}' } },
    ],
    [
      'the whole event inside a string',
      { InputTransformer: { InputPathsMap: {}, InputTemplate: '"event: <aws.events.event>"' } },
    ],
    [
      'a variable named like a predefined one',
      { InputTransformer: { InputPathsMap: { 'aws.events.rule-name': '$.source' }, InputTemplate: '"x"' } },
    ],
    [
      'a variable starting with AWS',
      { InputTransformer: { InputPathsMap: { AWSx: '$.source' }, InputTemplate: '"x"' } },
    ],
    [
      'more than 100 variables',
      {
        InputTransformer: {
          InputPathsMap: Object.fromEntries(
            Array.from({ length: 101 }, (_, index) => [`v${index}`, '$.source']),
          ),
          InputTemplate: '"x"',
        },
      },
    ],
    [
      'a template that is not JSON',
      { InputTransformer: { InputPathsMap: { s: '$.source' }, InputTemplate: 'from <s>' } },
    ],
    ['an empty template', { InputTransformer: { InputPathsMap: {}, InputTemplate: '' } }],
  ])('%s', (_, target) => {
    expect(() => validateTargetInput(target)).toThrow(InvalidTargetInputError);
  });

  it('accepts the shapes the API reference shows', () => {
    const paths = { instance: '$.detail.instance', status: '$.detail.status' };
    for (const InputTemplate of [
      '"<instance> is in state <status>"',
      '"<instance> is in state \\"<status>\\""',
      '{"myInstance": <instance>,"myStatus": "<instance> is in state \\"<status>\\""}',
    ])
      expect(() =>
        validateTargetInput({ InputTransformer: { InputPathsMap: paths, InputTemplate } }),
      ).not.toThrow();
  });
});
