import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Lambda Node.js runtime provides the AWS SDK v3, so bundles leave
 * `@aws-sdk/*` out. Locally the project's copy plays that part: it is linked
 * beside the assets, and nothing else is, so a bundle that forgot to include
 * some other package fails here as it would in Lambda.
 */
export const provideRuntimeModules = (assemblyDirectory: string, projectRoot: string): void => {
  const modules = join(assemblyDirectory, 'node_modules');
  const link = join(modules, '@aws-sdk');
  if (existsSync(link)) return;
  mkdirSync(modules, { recursive: true });
  symlinkSync(join(projectRoot, 'node_modules', '@aws-sdk'), link, 'dir');
};
