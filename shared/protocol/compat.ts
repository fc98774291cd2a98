/**
 * Decide whether the helper that said `hello` can work with this extension, and if not, which side
 * must be updated. Pure and table-tested.
 *
 * Rules (see PROTOCOL.md): versions are "MAJOR.MINOR". Same MAJOR → compatible; a helper with a
 * lower MINOR lacks some capabilities, which the extension gates on `capabilities`. Helper MAJOR
 * lower → update the helper. Helper MAJOR higher → update the extension. Unreadable version → update
 * the helper (only a broken or foreign helper sends one).
 */
import type { HelloMessage } from './messages.js';

export type Compatibility =
  | {
      compatible: true;
      /** Capabilities the helper announced, as a set for quick gating. */
      capabilities: ReadonlySet<string>;
      /** True when the helper's MINOR is lower than ours: works, with fewer features. */
      helperOlderMinor: boolean;
    }
  | {
      compatible: false;
      /** Which side must be updated. */
      update: 'helper' | 'extension';
      reason: 'helper-too-old' | 'helper-too-new' | 'unreadable-version';
      /** One sentence for people, naming both versions. */
      message: string;
    };

interface Version {
  major: number;
  minor: number;
}

export function parseProtocolVersion(v: unknown): Version | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{1,6})\.(\d{1,6})$/.exec(v);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function checkCompatibility(
  hello: Pick<HelloMessage, 'protocolVersion' | 'hostVersion' | 'capabilities'>,
  extensionProtocolVersion: string,
): Compatibility {
  const ours = parseProtocolVersion(extensionProtocolVersion);
  if (ours === null) throw new Error(`extension protocol version "${extensionProtocolVersion}" is not MAJOR.MINOR`);
  const theirs = parseProtocolVersion(hello.protocolVersion);
  if (theirs === null) {
    return {
      compatible: false,
      update: 'helper',
      reason: 'unreadable-version',
      message: `The RDP Doctor helper (version ${hello.hostVersion}) reported an unreadable protocol version; reinstall the helper.`,
    };
  }
  if (theirs.major < ours.major) {
    return {
      compatible: false,
      update: 'helper',
      reason: 'helper-too-old',
      message: `The RDP Doctor helper ${hello.hostVersion} speaks protocol ${hello.protocolVersion}, older than this extension's ${extensionProtocolVersion}: update the helper.`,
    };
  }
  if (theirs.major > ours.major) {
    return {
      compatible: false,
      update: 'extension',
      reason: 'helper-too-new',
      message: `The RDP Doctor helper ${hello.hostVersion} speaks protocol ${hello.protocolVersion}, newer than this extension's ${extensionProtocolVersion}: update the extension.`,
    };
  }
  return {
    compatible: true,
    capabilities: new Set(hello.capabilities),
    helperOlderMinor: theirs.minor < ours.minor,
  };
}
