import { describe, expect, it } from 'vitest';
import { isThisMachine, thisMachine } from './this-machine.js';

const me = { hostname: 'rdsh01.corp.example.com', addresses: ['127.0.0.1', '10.0.0.21', 'fe80::1', '::1'] };

describe('isThisMachine', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.2', true],
    ['[::1]', true],
    ['10.0.0.21', true],
    ['RDSH01', true],
    ['rdsh01.corp.example.com.', true],
    ['rdsh02.corp.example.com', false],
    ['rdsh01.other.example.net', false],
    ['10.0.0.22', false],
    ['', false],
  ])('%s → %s', (host, want) => {
    expect(isThisMachine(host, me)).toBe(want);
  });

  it('knows this machine for real', () => {
    const real = thisMachine();
    expect(isThisMachine(real.hostname, real)).toBe(true);
    expect(isThisMachine('rdp-doctor-test.invalid', real)).toBe(false);
  });
});
