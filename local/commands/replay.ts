import { parseArgs } from 'node:util';
import {
  DescribeArchiveCommand,
  EventBridgeClient,
  ListArchivesCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { localClientConfig, runningCloud } from './running-cloud.js';

/**
 * Replays archived events of a time window to their bus:
 *   npm run replay -- --from 2026-11-22T10:00:00Z --to 2026-11-22T11:00:00Z
 * Against the running local cloud by default; `--deployed` uses the AWS
 * credentials and region of the environment instead.
 */
const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    archive: { type: 'string' },
    name: { type: 'string' },
    deployed: { type: 'boolean', default: false },
  },
});

const from = values.from ? new Date(values.from) : undefined;
const to = values.to ? new Date(values.to) : new Date();
if (!from || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
  process.stderr.write(
    'Usage: npm run replay -- --from <ISO time> [--to <ISO time>] [--archive <name>] [--name <replay name>] [--deployed]\n',
  );
  process.exit(2);
}

const client = values.deployed
  ? new EventBridgeClient({})
  : new EventBridgeClient(localClientConfig(runningCloud()));

const { Archives = [] } = await client.send(new ListArchivesCommand({}));
const archiveName =
  values.archive ?? Archives.find((archive) => archive.ArchiveName?.includes('Archive'))?.ArchiveName;
if (!archiveName) {
  process.stderr.write(
    `No archive found; pass --archive. Archives: ${Archives.map((archive) => archive.ArchiveName).join(', ')}\n`,
  );
  process.exit(1);
}
const archive = await client.send(new DescribeArchiveCommand({ ArchiveName: archiveName }));
const replayName =
  values.name ??
  `replay-${from
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14)}-${Date.now()}`;
const replay = await client.send(
  new StartReplayCommand({
    ReplayName: replayName,
    EventSourceArn: archive.ArchiveArn,
    EventStartTime: from,
    EventEndTime: to,
    Destination: { Arn: archive.EventSourceArn },
  }),
);
process.stdout.write(
  `Replay ${replayName} of ${archiveName} (${from.toISOString()} – ${to.toISOString()}): ${replay.State}\n`,
);
