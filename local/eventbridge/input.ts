/**
 * What a rule hands its target: the whole event, a constant (Input), a part
 * of it (InputPath), or a template filled from it (InputTransformer).
 */
export interface TargetInput {
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Record<string, string>;
    readonly InputTemplate: string;
  };
}

/** `$.detail.items[0].sku` against a value; undefined where the path leads nowhere. */
export const selectPath = (value: unknown, path: string): unknown => {
  if (path === '$') return value;
  if (!path.startsWith('$.') && !path.startsWith('$[')) throw new Error(`Unsupported path ${path}`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
  let current: unknown = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
};

export const transformInput = (
  event: Record<string, unknown>,
  target: TargetInput,
  rule: { readonly name: string; readonly arn: string },
): unknown => {
  if (target.Input !== undefined) return JSON.parse(target.Input);
  if (target.InputPath) return selectPath(event, target.InputPath);
  if (!target.InputTransformer) return event;
  const values: Record<string, unknown> = {
    'aws.events.rule-arn': rule.arn,
    'aws.events.rule-name': rule.name,
    'aws.events.event.ingestion-time': event.time,
    'aws.events.event': event,
    'aws.events.event.json': event,
  };
  for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {}))
    values[name] = selectPath(event, path);
  const template = target.InputTransformer.InputTemplate;
  // A placeholder standing as a whole JSON value gets the value's JSON; inside a string, its text.
  const filled = template
    .replace(/"<([\w.-]+)>"/g, (whole, name: string) =>
      name in values ? JSON.stringify(values[name] ?? null) : whole,
    )
    .replace(/<([\w.-]+)>/g, (whole, name: string) => {
      if (!(name in values)) return whole;
      const value = values[name];
      if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
      return JSON.stringify(value ?? null);
    });
  try {
    return JSON.parse(filled);
  } catch {
    return filled;
  }
};
