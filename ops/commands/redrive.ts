import { parseArgs } from 'node:util';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig, runningCloud } from '../../local/commands/running-cloud.js';
import { lambdaFunctions, sqsDeadLetterQueue } from '../redrive/aws-ports.js';
import { redrive } from '../redrive/redrive.js';

/**
 * `npm run redrive`: lists the dead-letter queues and what they hold; with
 * `--queue <part of its name>` hands their messages back to the functions
 * they were meant for (`--dry-run` only says what it would do). Against
 * the running local cloud, or with `--deployed` the AWS account of the
 * environment.
 */
const { values } = parseArgs({
  options: {
    queue: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    max: { type: 'string', default: '100' },
    deployed: { type: 'boolean', default: false },
  },
});

const config = values.deployed ? {} : localClientConfig(runningCloud());
const sqs = new SQSClient(config);
const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({ MaxResults: 1000 }));
const deadLetterQueues = QueueUrls.filter((url) => /DeadLetters/i.test(url));

if (!values.queue) {
  for (const url of deadLetterQueues) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    process.stdout.write(`${Attributes.ApproximateNumberOfMessages ?? '?'}\t${url}\n`);
  }
  process.stdout.write('Redrive one with: npm run redrive -- --queue <part of its name> [--dry-run]\n');
  process.exit(0);
}

const matching = deadLetterQueues.filter((url) => url.includes(values.queue ?? ''));
if (matching.length !== 1) {
  process.stderr.write(`--queue must name exactly one dead-letter queue; it matches ${matching.length}.\n`);
  process.exit(2);
}
const [queueUrl = ''] = matching;
const report = await redrive(sqsDeadLetterQueue(sqs, queueUrl), lambdaFunctions(new LambdaClient(config)), {
  dryRun: values['dry-run'],
  max: Number(values.max),
});
for (const plan of report.plans)
  process.stdout.write(
    plan.action === 'invoke'
      ? `${values['dry-run'] ? 'would invoke' : 'invoked'} ${plan.functionArn}  (${plan.messageId})\n`
      : `skipped ${plan.messageId}: ${plan.why}\n`,
  );
process.stdout.write(
  `${report.plans.length} messages: ${report.redriven} redriven, ${report.skipped} left${values['dry-run'] ? ' (dry run)' : ''}\n`,
);
