import { readFileSync } from 'node:fs';
import { shopApp } from './test/support/synth.js';

const { app, outdir } = shopApp({ bundle: false });
const asm = app.synth();
for (const s of asm.stacks) {
  const t = JSON.parse(readFileSync(s.templateFullPath, 'utf8'));
  console.log(s.stackName, Object.keys(t.Resources).length, Object.keys(t.Outputs ?? {}).length);
}
console.log(outdir);
