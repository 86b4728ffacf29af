import type { AttributeValue } from '@aws-sdk/client-dynamodb-streams';

type Image = Record<string, AttributeValue>;

/**
 * An attribute value as DynamoDB Streams sends it to Lambda. DynamoDB
 * Local's stream, read through the SDK, gives an empty map (`{ M: {} }`) as
 * `{}`, a value of no type, which `unmarshall` refuses; AWS sends `{ M: {} }`.
 * No other value reads as `{}` (an empty list stays `{ L: [] }`), so `{}` is
 * put back as the empty map, at any depth.
 */
const restored = (value: AttributeValue): AttributeValue => {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: restoredImage(value.M) };
  if (value.L) return { L: value.L.map(restored) };
  return value;
};

const restoredImage = (image: Image): Image =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, restored(value)]));

/** A stream record's keys and images as AWS sends them: empty maps as `{ M: {} }`. */
export const withEmptyMaps = <R extends { Keys?: Image; NewImage?: Image; OldImage?: Image }>(
  record: R,
): R => ({
  ...record,
  ...(record.Keys ? { Keys: restoredImage(record.Keys) } : {}),
  ...(record.NewImage ? { NewImage: restoredImage(record.NewImage) } : {}),
  ...(record.OldImage ? { OldImage: restoredImage(record.OldImage) } : {}),
});
