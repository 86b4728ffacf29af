import { BodyTooLargeError, MalformedJsonError, UnsupportedContentTypeError } from '../errors.js';

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_JSON_DEPTH = 16;

const JSON_MEDIA_TYPE = /^application\/json\s*(;.*)?$/i;

export interface RawBody {
  readonly body?: string;
  readonly isBase64Encoded: boolean;
  readonly contentType?: string;
}

/**
 * The request body as a parsed JSON value: checks the media type, the size in
 * bytes after base64 decoding, syntax and nesting depth, before any schema sees it.
 */
export const parseJsonBody = ({ body, isBase64Encoded, contentType }: RawBody): unknown => {
  if (!contentType || !JSON_MEDIA_TYPE.test(contentType.trim())) {
    throw new UnsupportedContentTypeError('Send the request body as application/json.');
  }
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new BodyTooLargeError(`The request body must not exceed ${MAX_BODY_BYTES} bytes.`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.trim().length === 0)
    throw new MalformedJsonError('The request body is empty; a JSON document is required.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedJsonError('The request body is not valid JSON.');
  }
  const shape = inspect(value);
  if (shape.depth > MAX_JSON_DEPTH) {
    throw new MalformedJsonError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  if (shape.unpairedSurrogate) {
    throw new MalformedJsonError(
      'The request body holds a string with an unpaired surrogate (\\uD800-\\uDFFF).',
    );
  }
  return value;
};

const UNPAIRED_SURROGATE = /\p{Cs}/u;

/** How deep the value nests, and whether a key or string in it is not well-formed UTF-16. */
const inspect = (value: unknown): { depth: number; unpairedSurrogate: boolean } => {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const [node, depth] = next;
    if (typeof node === 'string') {
      if (UNPAIRED_SURROGATE.test(node)) return { depth: deepest, unpairedSurrogate: true };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (level > MAX_JSON_DEPTH) return { depth: level, unpairedSurrogate: false };
    for (const [key, child] of Object.entries(node)) {
      if (UNPAIRED_SURROGATE.test(key)) return { depth: deepest, unpairedSurrogate: true };
      stack.push([child, level]);
    }
  }
  return { depth: deepest, unpairedSurrogate: false };
};
