/**
 * Index partitions for a sparse index whose sort key only grows (a time):
 * DynamoDB cannot split a hot partition of such an index, so its items are
 * spread over `shards` partitions `<prefix>#<n>`, by FNV-1a of their id.
 */
export const shardedPartitions = (prefix: string, shards: number) => ({
  of: (id: string): string => {
    let hash = 0x811c9dc5;
    for (let index = 0; index < id.length; index++) {
      hash ^= id.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return `${prefix}#${hash % shards}`;
  },
  all: Array.from({ length: shards }, (_, shard) => `${prefix}#${shard}`),
});
