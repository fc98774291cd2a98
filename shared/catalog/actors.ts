/**
 * "Who must act", in words: one wording per actor for every face (command line, popup, in-page card).
 * The popup reads the same words through its locale file; `extension/lib/i18n.test.ts` keeps the English
 * messages equal to these.
 */
import type { Actor } from './types.js';

/** Reads after "Who must act: "; a face that starts a line with it capitalises the first letter. */
export const ACTOR_WORDS: Readonly<Record<Actor, string>> = {
  user: 'you (the person connecting)',
  admin: 'your administrator (of the remote computer or the domain)',
  server: "the server's administrator",
  network: 'the network or firewall administrator',
  licensing: 'the Remote Desktop licensing administrator',
  gateway: 'the RD Gateway administrator',
  broker: 'the connection broker / Azure Virtual Desktop administrator',
  client: 'you: the Remote Desktop client on this computer',
  none: 'nobody: this is informational, not a failure',
  unknown: 'not known: RDP Doctor does not know this code',
};
