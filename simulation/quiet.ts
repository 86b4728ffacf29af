/**
 * The handlers' Powertools, quiet and local, set before any of them loads: a
 * simulation runs thousands of invocations, whose logs and metrics say nothing here.
 */
const quiet = {
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_SERVICE_NAME: 'simulation',
  POWERTOOLS_METRICS_NAMESPACE: 'Simulation',
  AWS_REGION: 'us-east-1',
};
for (const [name, value] of Object.entries(quiet)) process.env[name] ??= value;
