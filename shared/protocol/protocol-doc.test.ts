import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_ERROR_CODES } from './errors.js';
import { REQUEST_TYPES } from './messages.js';

const doc = readFileSync(new URL('./PROTOCOL.md', import.meta.url), 'utf8');

describe('PROTOCOL.md', () => {
  it.each([...PROTOCOL_ERROR_CODES])('documents error code %s in a table row', (code) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${code}\`\\s*\\|`, 'm'));
  });
  it.each([...REQUEST_TYPES, 'hello', 'pong', 'progress', 'result', 'error'])('documents message type %s', (type) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${type}\`\\s*\\|`, 'm'));
  });
});
