import { describe, expect, it } from 'vitest';
import { STORE_EXTENSION_IDS } from '../../shared/protocol/release.js';
import { collectExtensionIds, launcherText, parseLauncher } from './manifest.js';

describe('launcher', () => {
  it('round-trips POSIX paths with quotes and spaces', () => {
    const text = launcherText('linux', '/opt/my node/bin/node', "/home/o'neil/rdp doctor/host.mjs");
    expect(text).toContain(`exec '/opt/my node/bin/node' '/home/o'\\''neil/rdp doctor/host.mjs' "$@"`);
    expect(parseLauncher(text)).toEqual({
      node: '/opt/my node/bin/node',
      hostScript: "/home/o'neil/rdp doctor/host.mjs",
    });
  });
  it('round-trips a Windows .cmd and a single-file helper', () => {
    const text = launcherText('win32', 'C:\\Program Files\\RDP Doctor\\rdp-doctor-host.exe', null);
    expect(text).toBe(
      '@echo off\r\nrem RDP Doctor native helper launcher (written by "rdp-doctor host install"; do not edit)\r\n"C:\\Program Files\\RDP Doctor\\rdp-doctor-host.exe" %*\r\n',
    );
    expect(parseLauncher(text)).toEqual({
      node: 'C:\\Program Files\\RDP Doctor\\rdp-doctor-host.exe',
      hostScript: null,
    });
  });
  it('refuses paths a shell or cmd.exe would misread', () => {
    expect(() => launcherText('linux', '/usr/bin/node', '/opt/x\ny.mjs')).toThrow(/line break/);
    expect(() => launcherText('win32', 'C:\\node.exe', 'C:\\100%\\host.mjs')).toThrow(/cmd.exe/);
    expect(() => launcherText('win32', 'C:\\node.exe', 'C:\\a&b\\host.mjs')).toThrow(/cmd.exe/);
  });
  it('does not claim launchers it did not write', () => {
    expect(parseLauncher('#!/bin/sh\nexec node host.js\n')).toBeNull();
  });
});

describe('extension ids', () => {
  it('sorts Chromium and Firefox ids after the published ones, reports bad ones', () => {
    const r = collectExtensionIds([
      'abcdefghijklmnopabcdefghijklmnop',
      'x@y.org',
      'ABC',
      '',
      'abcdefghijklmnopabcdefghijklmnop',
    ]);
    expect(r.ids.chromium).toEqual([...STORE_EXTENSION_IDS.chromium, 'abcdefghijklmnopabcdefghijklmnop']);
    expect(r.ids.firefox).toEqual(['rdp-doctor@rdpdoctor.dev', 'x@y.org']);
    expect(r.invalid).toEqual(['ABC']);
  });
  it('allows a development id only when one is asked for', () => {
    const dev = 'ponmlkjihgfedcbaponmlkjihgfedcba';
    expect(collectExtensionIds([]).ids.chromium).not.toContain(dev);
    expect(collectExtensionIds([]).ids.chromium).toEqual([...STORE_EXTENSION_IDS.chromium]);
    expect(collectExtensionIds([], dev).ids.chromium).toContain(dev);
  });
});
