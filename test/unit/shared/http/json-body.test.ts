import { describe, expect, it } from 'vitest';
import {
  BodyTooLargeError,
  MalformedJsonError,
  UnsupportedContentTypeError,
} from '../../../../functions/shared/errors.js';
import {
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  parseJsonBody,
} from '../../../../functions/shared/http/json-body.js';

const json = 'application/json';

describe('parseJsonBody', () => {
  it('parses a JSON body', () => {
    expect(parseJsonBody({ body: '{"a":1}', isBase64Encoded: false, contentType: json })).toEqual({ a: 1 });
  });

  it('decodes a base64 body first', () => {
    const body = Buffer.from('{"name":"ünï"}').toString('base64');
    expect(parseJsonBody({ body, isBase64Encoded: true, contentType: json })).toEqual({ name: 'ünï' });
  });

  it('accepts a charset parameter and any case in the media type', () => {
    expect(
      parseJsonBody({ body: '[]', isBase64Encoded: false, contentType: 'Application/JSON; charset=utf-8' }),
    ).toEqual([]);
  });

  it.each([
    undefined,
    'text/plain',
    'application/jsonp',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
  ])('refuses the content type %s', (contentType) => {
    expect(() => parseJsonBody({ body: '{}', isBase64Encoded: false, contentType })).toThrow(
      UnsupportedContentTypeError,
    );
  });

  it('refuses a body over 64 KiB, counted in bytes, not characters', () => {
    const text = JSON.stringify({ s: 'é'.repeat(MAX_BODY_BYTES / 2) });
    expect(text.length).toBeLessThan(MAX_BODY_BYTES + 20);
    expect(() => parseJsonBody({ body: text, isBase64Encoded: false, contentType: json })).toThrow(
      BodyTooLargeError,
    );
  });

  it.each(['', '   ', '{', '{"a":}', "{'a':1}", 'undefined'])('refuses the malformed body %j', (body) => {
    expect(() => parseJsonBody({ body, isBase64Encoded: false, contentType: json })).toThrow(
      MalformedJsonError,
    );
  });

  it('refuses a body nested deeper than the limit', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(() => parseJsonBody({ body: deep, isBase64Encoded: false, contentType: json })).toThrow(
      MalformedJsonError,
    );
  });

  it('accepts a body nested exactly to the limit', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseJsonBody({ body: deep, isBase64Encoded: false, contentType: json })).not.toThrow();
  });

  it('refuses a string or a key with an unpaired surrogate, however deep', () => {
    for (const body of ['{"name":"a\\ud800"}', '{"a":{"b":["\\udfff"]}}', '{"\\ud83d":1}']) {
      expect(() => parseJsonBody({ body, isBase64Encoded: false, contentType: json })).toThrow(
        MalformedJsonError,
      );
    }
  });

  it('accepts a surrogate pair (an emoji written as an escape)', () => {
    expect(
      parseJsonBody({ body: '{"name":"\\ud83d\\ude80"}', isBase64Encoded: false, contentType: json }),
    ).toEqual({
      name: '🚀',
    });
  });
});
