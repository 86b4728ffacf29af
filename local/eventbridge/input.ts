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
  const filled = fillTemplate(target.InputTransformer.InputTemplate, values);
  try {
    return JSON.parse(filled);
  } catch {
    return filled;
  }
};

/**
 * Replaces each `<name>` of an input template. Outside a JSON string literal
 * the value goes in as JSON (a string gets its quotes); inside one, as text.
 */
const fillTemplate = (template: string, values: Record<string, unknown>): string => {
  let output = '';
  let inString = false;
  for (let index = 0; index < template.length; index++) {
    const char = template[index] ?? '';
    if (char === '\\' && inString) {
      output += char + (template[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') inString = !inString;
    const placeholder = char === '<' ? /^<([\w.-]+)>/.exec(template.slice(index)) : null;
    const name = placeholder?.[1];
    if (!placeholder || name === undefined || !(name in values)) {
      output += char;
      continue;
    }
    const value = values[name] ?? null;
    const quotedAlone =
      inString && template[index - 1] === '"' && template[index + placeholder[0].length] === '"';
    if (quotedAlone && typeof value !== 'string') {
      // "<total>" where total is an object or number: the value replaces the quoted placeholder.
      output = `${output.slice(0, -1)}${JSON.stringify(value)}`;
      index += placeholder[0].length;
      inString = false;
      continue;
    }
    output += inString
      ? typeof value === 'string'
        ? JSON.stringify(value).slice(1, -1)
        : JSON.stringify(value)
      : JSON.stringify(value);
    index += placeholder[0].length - 1;
  }
  return output;
};
