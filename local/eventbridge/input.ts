/**
 * What a rule hands its target: the whole event, a constant (Input), a part
 * of it (InputPath), or a template filled from it (InputTransformer), as the
 * EventBridge user guide's input-transformation page and the API reference's
 * InputTransformer describe them.
 */
export interface TargetInput {
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Record<string, string>;
    readonly InputTemplate: string;
  };
}

/** A target configuration EventBridge refuses at PutTargets. */
export class InvalidTargetInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTargetInputError';
  }
}

/** A filled template that is not JSON: EventBridge does not deliver it. */
export class InputTransformationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputTransformationError';
  }
}

const MAX_VARIABLES = 100;
const MAX_TEMPLATE_LENGTH = 8192;
const VARIABLE_NAME = /^[A-Za-z0-9_-]+$/;
/** Dot notation, array indices and `*`, as EventBridge supports. */
const JSON_PATH = /^\$(\.[A-Za-z0-9_\-/]+|\.\*|\[(\d+|\*)\])*$/;

const PREDEFINED = {
  ruleArn: 'aws.events.rule-arn',
  ruleName: 'aws.events.rule-name',
  ingestionTime: 'aws.events.event.ingestion-time',
  event: 'aws.events.event',
  eventJson: 'aws.events.event.json',
} as const;
const PREDEFINED_NAMES: ReadonlySet<string> = new Set(Object.values(PREDEFINED));
/** Whole-event variables: their contents are not escaped, so only a JSON value may hold them. */
const JSON_ONLY: ReadonlySet<string> = new Set([PREDEFINED.event, PREDEFINED.eventJson]);

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

/** Checks a target's input as PutTargets does; throws InvalidTargetInputError. */
export const validateTargetInput = (target: TargetInput): void => {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter(
    (part) => part !== undefined,
  );
  if (given.length > 1)
    throw new InvalidTargetInputError('Only one of Input, InputPath, or InputTransformer may be provided.');
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw new InvalidTargetInputError('Input is not valid JSON.');
    }
  }
  if (target.InputPath !== undefined && !JSON_PATH.test(target.InputPath))
    throw new InvalidTargetInputError(`InputPath ${target.InputPath} is not a supported JSON path.`);
  const transformer = target.InputTransformer;
  if (!transformer) return;
  const variables = Object.entries(transformer.InputPathsMap ?? {});
  if (variables.length > MAX_VARIABLES)
    throw new InvalidTargetInputError(`InputPathsMap has more than ${MAX_VARIABLES} variables.`);
  for (const [name, path] of variables) {
    if (!VARIABLE_NAME.test(name) || name.toLowerCase().startsWith('aws'))
      throw new InvalidTargetInputError(
        `InputPathsMap key ${name} is not allowed: letters, digits, _ and - only, not starting with AWS.`,
      );
    if (!JSON_PATH.test(path))
      throw new InvalidTargetInputError(`InputPathsMap value ${path} is not a supported JSON path.`);
  }
  const template = transformer.InputTemplate;
  if (typeof template !== 'string' || template.length === 0 || template.length > MAX_TEMPLATE_LENGTH)
    throw new InvalidTargetInputError(`InputTemplate must hold 1 to ${MAX_TEMPLATE_LENGTH} characters.`);
  const defined = new Set([...variables.map(([name]) => name), ...PREDEFINED_NAMES]);
  for (const piece of scanTemplate(template)) {
    if (piece.kind !== 'placeholder') continue;
    if (!defined.has(piece.name))
      throw new InvalidTargetInputError(
        `InputTemplate uses <${piece.name}>, which InputPathsMap does not define.`,
      );
    if (piece.context === 'key')
      throw new InvalidTargetInputError(`InputTemplate uses <${piece.name}> as an object key.`);
    if (piece.context === 'string' && JSON_ONLY.has(piece.name))
      throw new InvalidTargetInputError(
        `<${piece.name}> may only be the value of a JSON field, not part of a string.`,
      );
  }
  const sample = fill(template, (_, context) => (context === 'string' ? 'x' : '0'));
  try {
    JSON.parse(sample);
  } catch {
    throw new InvalidTargetInputError('InputTemplate is not valid JSON once its placeholders are filled.');
  }
};

/** `$.detail.items[0].sku` against a value; undefined where the path leads nowhere. `*` collects. */
export const selectPath = (value: unknown, path: string): unknown => {
  if (path === '$') return value;
  if (!path.startsWith('$.') && !path.startsWith('$[')) throw new Error(`Unsupported path ${path}`);
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+|\*)\]|\['([^']+)'\]/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
  let current: unknown = value;
  let collected = false;
  for (const step of steps) {
    const from = collected && Array.isArray(current) ? current : [current];
    const next = from.flatMap((item): unknown[] => {
      if (item === null || typeof item !== 'object') return [];
      if (step === '*') return Object.values(item);
      const inner = (item as Record<string, unknown>)[step];
      return inner === undefined ? [] : [inner];
    });
    if (step === '*') collected = true;
    current = collected ? next : next[0];
  }
  return current;
};

export const transformInput = (
  event: Record<string, unknown>,
  target: TargetInput,
  rule: { readonly name: string; readonly arn: string },
  ingestedAt: Date = new Date(),
): unknown => {
  if (target.Input !== undefined) return JSON.parse(target.Input);
  if (target.InputPath) return selectPath(event, target.InputPath);
  if (!target.InputTransformer) return event;
  const { detail: _detail, ...withoutDetail } = event;
  const values: Record<string, unknown> = {
    [PREDEFINED.ruleArn]: rule.arn,
    [PREDEFINED.ruleName]: rule.name,
    [PREDEFINED.ingestionTime]: ingestedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    [PREDEFINED.event]: withoutDetail,
    [PREDEFINED.eventJson]: event,
  };
  for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {}))
    values[name] = selectPath(event, path);
  const filled = fill(target.InputTransformer.InputTemplate, (name, context) =>
    render(values[name], context),
  );
  try {
    return JSON.parse(filled);
  } catch {
    throw new InputTransformationError(`the filled InputTemplate is not valid JSON: ${filled.slice(0, 200)}`);
  }
};

/**
 * A value as EventBridge writes it into a template. As a JSON value: the
 * value as JSON (a string gets its quotes). Inside a string: the text, not
 * escaped (a quote in it spoils the JSON, and the event is not delivered);
 * an object or an array with its quotes removed. A path that leads nowhere
 * gives an empty string.
 */
const render = (value: unknown, context: 'value' | 'string'): string => {
  if (context === 'string') {
    if (value === undefined) return '';
    if (typeof value === 'string') return value;
    return JSON.stringify(value).replaceAll('"', '');
  }
  return value === undefined ? '""' : JSON.stringify(value);
};

type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string; readonly context: 'value' | 'string' | 'key' };

/** Splits a template into text and placeholders, each placeholder with where it stands. */
const scanTemplate = (template: string): Piece[] => {
  const pieces: Piece[] = [];
  let inString = false;
  let text = '';
  for (let index = 0; index < template.length; index++) {
    const char = template[index] ?? '';
    if (inString && char === '\\') {
      text += char + (template[index + 1] ?? '');
      index++;
      continue;
    }
    PLACEHOLDER.lastIndex = index;
    const match = char === '<' ? PLACEHOLDER.exec(template) : null;
    if (match && match.index === index && match[1]) {
      pieces.push({ kind: 'text', text });
      text = '';
      const after = template.slice(index + match[0].length).trimStart();
      const context = inString ? 'string' : after.startsWith(':') ? 'key' : 'value';
      pieces.push({ kind: 'placeholder', name: match[1], context });
      index += match[0].length - 1;
      continue;
    }
    if (char === '"') inString = !inString;
    text += char;
  }
  pieces.push({ kind: 'text', text });
  return pieces;
};

const fill = (template: string, textOf: (name: string, context: 'value' | 'string') => string): string =>
  scanTemplate(template)
    .map((piece) =>
      piece.kind === 'text'
        ? piece.text
        : textOf(piece.name, piece.context === 'string' ? 'string' : 'value'),
    )
    .join('');
