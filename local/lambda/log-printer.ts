/** Where the local cloud's log lines go: the terminal, or a test's buffer. */
export type LogSink = (line: string) => void;

const COLORS = [
  '\x1b[36m',
  '\x1b[35m',
  '\x1b[33m',
  '\x1b[32m',
  '\x1b[34m',
  '\x1b[96m',
  '\x1b[95m',
  '\x1b[93m',
];
const RESET = '\x1b[0m';
const colorFor = (name: string) =>
  COLORS[[...name].reduce((sum, char) => sum + char.charCodeAt(0), 0) % COLORS.length] ?? '';

const LEVEL_KEYS = [
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'xray_trace_id',
  'function_name',
  'function_memory_size',
  'function_arn',
  'function_request_id',
  'cold_start',
];

/** A Powertools JSON log line as one readable line; anything else as it came. */
const format = (line: string): string => {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (typeof entry.level !== 'string' || typeof entry.message !== 'string') return line;
    const extra = Object.entries(entry)
      .filter(([key]) => !LEVEL_KEYS.includes(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    return `${entry.level.padEnd(5)} ${entry.message}${extra ? ` ${extra}` : ''}`;
  } catch {
    return line;
  }
};

/** Splits a stream of output into lines, each prefixed by the function's name. */
export const createLogPrinter = (name: string, sink: LogSink, color = process.stdout.isTTY === true) => {
  let buffer = '';
  const prefix = color ? `${colorFor(name)}${name}${RESET}` : name;
  return (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) sink(`${prefix} | ${format(line)}`);
  };
};
