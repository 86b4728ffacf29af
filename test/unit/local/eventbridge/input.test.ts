import { describe, expect, it } from 'vitest';
import { selectPath, transformInput } from '../../../../local/eventbridge/input.js';

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
