import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { clientOnFirstSend, onFirstUse, sdkPackage } from '../../../functions/shared/lazy-sdk.js';

describe('onFirstUse', () => {
  it('makes nothing until asked, then once for every caller', () => {
    let made = 0;
    const client = onFirstUse(() => ({ id: ++made }));
    expect(made).toBe(0);
    const first = client();
    expect(client()).toBe(first);
    expect(made).toBe(1);
  });

  it('tries again after a failure instead of keeping it', () => {
    let attempts = 0;
    const client = onFirstUse(() => {
      attempts++;
      if (attempts === 1) throw new Error('not yet');
      return 'ready';
    });
    expect(() => client()).toThrow('not yet');
    expect(client()).toBe('ready');
    expect(attempts).toBe(2);
  });
});

describe('sdkPackage', () => {
  it('loads an SDK package through require, the same module every time', () => {
    type StepFunctions = typeof import('@aws-sdk/client-sfn');
    const loaded = sdkPackage<StepFunctions>('@aws-sdk/client-sfn');
    expect(typeof loaded.SFNClient).toBe('function');
    expect(sdkPackage<StepFunctions>('@aws-sdk/client-sfn')).toBe(loaded);
    expect(loaded).toBe(createRequire(import.meta.url)('@aws-sdk/client-sfn'));
  });
});

describe('clientOnFirstSend', () => {
  it('makes the client on the first send, and sends every command through that one', async () => {
    const made: string[][] = [];
    const client = clientOnFirstSend<string, string>(() => {
      const sent: string[] = [];
      made.push(sent);
      return {
        send: async (command) => {
          sent.push(command);
          return `done ${command}`;
        },
      };
    });
    expect(made).toEqual([]);
    expect(await client.send('a')).toBe('done a');
    expect(await client.send('b')).toBe('done b');
    expect(made).toEqual([['a', 'b']]);
  });
});
