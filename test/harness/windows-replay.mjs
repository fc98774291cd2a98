// A replay server that answers the way a Windows RDP listener does, up to the NTLM CHALLENGE, with bytes
// built from the public specifications and published captures (see test/fixtures/rdp/windows/README.md
// for the source of every layout and value). Run as its own process, like tcp-stub.mjs:
//   node windows-replay.mjs server2019|server2008r2 ADDRESS PORT CERT.pem KEY.pem
// Deliberately independent of native-host/rdp/: the probe's decoders are tested against these bytes.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { serveUntilStopped } from './serve.mjs';

/** Each profile is one Windows default configuration: negotiate security layer with NLA required. */
const PROFILES = {
  server2019: {
    // Windows Server 2019 (10.0.17763), workgroup: every name is the computer name.
    computer: 'WIN-RDPD0CT0R19',
    // RDP_NEG_RSP flags of a current Windows server (nmap-service-probes ms-wbt-server match lines).
    rspFlags: 0x1f,
    hybridEx: true,
    tls: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' },
    credsspVersion: 6,
    version: [10, 0, 17763],
  },
  server2008r2: {
    // Windows Server 2008 R2 SP1 (6.1.7601) before the TLS 1.1/1.2 update for RDP: TLS 1.0 only.
    computer: 'WIN-RDPD0CT2K8R',
    rspFlags: 0x01,
    hybridEx: false,
    tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' },
    credsspVersion: 2,
    version: [6, 1, 7601],
  },
};

const [profileName, address, portText, certPath, keyPath] = process.argv.slice(2);
const profile = PROFILES[profileName];
const port = Number(portText);
if (!profile || !address || !(port > 0 && port < 65536) || !certPath || !keyPath) {
  process.stderr.write('usage: windows-replay.mjs server2019|server2008r2 ADDRESS PORT CERT KEY\n');
  process.exit(2);
}
const context = tls.createSecureContext({
  cert: readFileSync(certPath),
  key: readFileSync(keyPath),
  ...profile.tls,
});

const PROTOCOL_HYBRID = 0x2;
const PROTOCOL_HYBRID_EX = 0x8;
const HYBRID_REQUIRED_BY_SERVER = 5;

/** TPKT (RFC 1006 §6) around an X.224 Connection Confirm (ISO 8073 §13.4; MS-RDPBCGR 2.2.1.2). */
function connectionConfirm(negType, negFlags, value) {
  const out = Buffer.alloc(19);
  out.writeUInt8(3, 0); // TPKT version
  out.writeUInt16BE(19, 2); // TPKT length
  out.writeUInt8(14, 4); // X.224 length indicator
  out.writeUInt8(0xd0, 5); // CC TPDU code
  out.writeUInt16BE(0x0000, 6); // DST-REF
  out.writeUInt16BE(0x1234, 8); // SRC-REF as Windows sends it
  out.writeUInt8(0, 10); // class 0
  out.writeUInt8(negType, 11); // RDP_NEG_RSP (2) or RDP_NEG_FAILURE (3)
  out.writeUInt8(negFlags, 12);
  out.writeUInt16LE(8, 13);
  out.writeUInt32LE(value, 15);
  return out;
}

/** requestedProtocols of the RDP_NEG_REQ at the end of a Connection Request, or undefined (legacy). */
function requestedProtocols(frame) {
  const li = frame[4];
  const end = 5 + li;
  if (frame.length < end || frame[5] !== 0xe0 || end - 8 < 11) return undefined;
  const neg = frame.subarray(end - 8, end);
  if (neg[0] !== 0x01 || neg.readUInt16LE(2) !== 8) return undefined;
  return neg.readUInt32LE(4);
}

function avPair(id, value) {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(value.length, 2);
  return Buffer.concat([head, value]);
}
const utf16 = (s) => Buffer.from(s, 'utf16le');

/** CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2) with VERSION (2.2.2.10) and target info AV pairs (2.2.2.1). */
function challengeMessage() {
  const name = utf16(profile.computer);
  const filetime = Buffer.alloc(8);
  filetime.writeBigUInt64LE(BigInt(Date.now()) * 10_000n + 116_444_736_000_000_000n);
  // Windows' order: NetBIOS domain, NetBIOS computer, DNS domain, DNS computer, timestamp, end.
  const info = Buffer.concat([
    avPair(2, name),
    avPair(1, name),
    avPair(4, name),
    avPair(3, name),
    avPair(7, filetime),
    avPair(0, Buffer.alloc(0)),
  ]);
  const header = Buffer.alloc(56);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(2, 8); // MessageType
  header.writeUInt16LE(name.length, 12); // TargetNameLen
  header.writeUInt16LE(name.length, 14); // TargetNameMaxLen
  header.writeUInt32LE(56, 16); // TargetNameBufferOffset: right after the header and VERSION
  // NegotiateFlags: UNICODE, REQUEST_TARGET, SIGN, SEAL, NTLM, ALWAYS_SIGN, TARGET_TYPE_SERVER,
  // EXTENDED_SESSIONSECURITY, TARGET_INFO, VERSION, 128, KEY_EXCH, 56 (MS-NLMP 2.2.2.5, 3.2.5.1.1).
  header.writeUInt32LE(0xe28a8235, 20);
  randomBytes(8).copy(header, 24); // ServerChallenge; Reserved (32..39) stays zero
  header.writeUInt16LE(info.length, 40); // TargetInfoLen
  header.writeUInt16LE(info.length, 42); // TargetInfoMaxLen
  header.writeUInt32LE(56 + name.length, 44); // TargetInfoBufferOffset
  const [major, minor, build] = profile.version;
  header.writeUInt8(major, 48);
  header.writeUInt8(minor, 49);
  header.writeUInt16LE(build, 50);
  header.writeUInt8(0x0f, 55); // NTLMRevisionCurrent = NTLMSSP_REVISION_W2K3
  return Buffer.concat([header, name, info]);
}

/** DER TLV with a definite length (X.690 §8.1.3). */
function tlv(tag, value) {
  const n = value.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), value]);
}

/** TSRequest { version [0], negoTokens [1] SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING } } (MS-CSSP 2.2.1). */
function tsRequest(token) {
  const version = tlv(0xa0, tlv(0x02, Buffer.from([profile.credsspVersion])));
  const nego = tlv(0xa1, tlv(0x30, tlv(0x30, tlv(0xa0, tlv(0x04, token)))));
  return tlv(0x30, Buffer.concat([version, nego]));
}

/**
 * Reads whole frames off a stream: `lengthOf(buf)` gives a frame's length once its header is in
 * (undefined: not yet; null: not a frame this server understands, so the connection ends).
 */
function frames(stream, lengthOf, onFrame) {
  let buf = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    if (buf.length > 65_536) return stream.destroy();
    for (;;) {
      const n = lengthOf(buf);
      if (n === null) return stream.destroy();
      if (n === undefined || buf.length < n) return;
      const frame = buf.subarray(0, n);
      buf = buf.subarray(n);
      onFrame(frame);
    }
  });
}
const tpktLength = (b) => {
  if (b.length < 4) return undefined;
  return b[0] === 3 && b.readUInt16BE(2) >= 11 ? b.readUInt16BE(2) : null;
};
const derLength = (b) => {
  if (b.length < 2) return undefined;
  if (b[1] < 0x80) return 2 + b[1];
  const k = b[1] & 0x7f;
  if (k === 0 || k > 3) return null; // indefinite or absurd length: not a TSRequest
  if (b.length < 2 + k) return undefined;
  let n = 0;
  for (let i = 0; i < k; i++) n = n * 256 + b[2 + i];
  return 2 + k + n;
};

const held = new Set();
const server = net.createServer((socket) => {
  held.add(socket);
  socket.on('close', () => held.delete(socket));
  socket.on('error', () => {});
  socket.setTimeout(30_000, () => socket.destroy());
  let answered = false;
  frames(socket, tpktLength, (frame) => {
    if (answered) return;
    answered = true;
    socket.removeAllListeners('data');
    const req = requestedProtocols(frame) ?? 0;
    let selected;
    if (req & PROTOCOL_HYBRID_EX && profile.hybridEx) selected = PROTOCOL_HYBRID_EX;
    else if (req & (PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX)) selected = PROTOCOL_HYBRID;
    if (selected === undefined) {
      socket.end(connectionConfirm(0x03, 0x00, HYBRID_REQUIRED_BY_SERVER));
      return;
    }
    socket.write(connectionConfirm(0x02, profile.rspFlags, selected));
    const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
    held.add(secure);
    secure.on('close', () => held.delete(secure));
    secure.on('error', () => socket.destroy());
    let challenged = false;
    frames(secure, derLength, () => {
      // The first TSRequest carries the client's NEGOTIATE; anything after it ends the replay.
      if (challenged) return secure.destroy();
      challenged = true;
      secure.write(tsRequest(challengeMessage()));
    });
  });
});
serveUntilStopped(server, held, address, port);
