/**
 * Validators turning `unknown` (whatever JSON.parse produced) into the protocol's unions. The helper
 * validates requests; the background validates the helper's messages. Nothing is trusted because it
 * parsed as JSON. Pure: no browser or Node APIs.
 */
import type { ProtocolErrorCode } from './errors.js';
import { isProtocolErrorCode } from './errors.js';
import { MAX_PORT, MIN_PORT } from './limits.js';
import type {
  ErrorMessage,
  HelloMessage,
  HostMessage,
  HostRequest,
  ProgressMessage,
  ResultMessage,
} from './messages.js';
import { MAX_LISTEN_WAIT_MS, MIN_LISTEN_WAIT_MS, REQUEST_ID_PATTERN, REQUEST_TYPES } from './messages.js';
import type { CheckResult, CheckStatus, ClientImpact, Finding, RdpClient, Severity } from './results.js';
import { FINDING_IDS } from './results.js';
import { isIPv6, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, parseTarget, parseTimeout } from './target.js';

export { MAX_TIMEOUT_MS, MIN_TIMEOUT_MS };

export type Validated<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      code: ProtocolErrorCode;
      /** Which field is wrong, for logs and for the `error` message (never echoes the raw value). */
      message: string;
      /** The request id, when it could be read, so the error reply can echo it. */
      id: string | null;
    };

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function fail<T>(code: ProtocolErrorCode, message: string, id: string | null): Validated<T> {
  return { ok: false, code, message, id };
}

/**
 * The probe target: `host` must be a host name or IP literal WITHOUT a port (the port is its own
 * field); both are checked by the same parser the CLI uses (target.ts). Returns the normalised host.
 */
function validateProbeHost(
  host: unknown,
  port: number,
  allowRestricted: boolean,
): { ok: true; host: string } | { ok: false; message: string } {
  if (typeof host !== 'string') return { ok: false, message: 'field "host" must be a host name or IP address' };
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.includes(':') && !isIPv6(bare)) {
    return { ok: false, message: 'field "host" must not carry a port; use the "port" field' };
  }
  const parsed = parseTarget(isIPv6(bare) ? `[${bare}]:${port}` : `${bare}:${port}`, undefined, { allowRestricted });
  if (!parsed.ok) return { ok: false, message: `field "host": ${parsed.code}` };
  return { ok: true, host: parsed.target.host };
}

/** Validate a browser → helper request. */
export function validateRequest(raw: unknown): Validated<HostRequest> {
  if (!isObject(raw)) return fail('invalid-request', 'a request must be a JSON object', null);
  const id = typeof raw.id === 'string' && REQUEST_ID_PATTERN.test(raw.id) ? raw.id : null;
  if (typeof raw.type !== 'string') return fail('invalid-request', 'field "type" must be a string', id);
  if (!(REQUEST_TYPES as readonly string[]).includes(raw.type)) {
    return fail('unknown-type', 'unknown request type', id);
  }
  if (id === null) return fail('invalid-request', 'field "id" must be 1–64 characters of A–Z a–z 0–9 . _ : -', null);
  switch (raw.type) {
    case 'ping':
      return { ok: true, value: { type: 'ping', id } };
    case 'cancel':
      return { ok: true, value: { type: 'cancel', id } };
    case 'probe':
      return validateProbe(raw, id);
    case 'local-checks':
      return validateLocalChecks(raw, id);
    case 'listen-client': {
      if (!isInt(raw.waitMs, MIN_LISTEN_WAIT_MS, MAX_LISTEN_WAIT_MS)) {
        return fail(
          'invalid-request',
          `field "waitMs" must be an integer ${MIN_LISTEN_WAIT_MS}–${MAX_LISTEN_WAIT_MS}`,
          id,
        );
      }
      return { ok: true, value: { type: 'listen-client', id, waitMs: raw.waitMs } };
    }
    default:
      return fail('unknown-type', 'unknown request type', id);
  }
}

const TIMEOUT_RANGE = `field "timeoutMs" must be an integer ${MIN_TIMEOUT_MS}–${MAX_TIMEOUT_MS}`;

function validateProbe(raw: Record<string, unknown>, id: string): Validated<HostRequest> {
  if (!isInt(raw.port, MIN_PORT, MAX_PORT))
    return fail('invalid-target', `field "port" must be an integer ${MIN_PORT}–${MAX_PORT}`, id);
  if (raw.allowRestricted !== undefined && typeof raw.allowRestricted !== 'boolean')
    return fail('invalid-request', 'field "allowRestricted" must be true or false', id);
  const allowRestricted = raw.allowRestricted === true;
  const host = validateProbeHost(raw.host, raw.port, allowRestricted);
  if (!host.ok) return fail('invalid-target', host.message, id);
  if (typeof raw.timeoutMs !== 'number' || !parseTimeout(raw.timeoutMs).ok) {
    return fail('invalid-request', TIMEOUT_RANGE, id);
  }
  return {
    ok: true,
    value: {
      type: 'probe',
      id,
      host: host.host,
      port: raw.port,
      timeoutMs: raw.timeoutMs,
      ...(allowRestricted ? { allowRestricted } : {}),
    },
  };
}

function validateLocalChecks(raw: Record<string, unknown>, id: string): Validated<HostRequest> {
  if (!isInt(raw.timeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS)) return fail('invalid-request', TIMEOUT_RANGE, id);
  const extra: { host?: string; serverTime?: string } = {};
  if (raw.host !== undefined) {
    // Local checks only match the name against policies; nothing connects to it.
    const t = typeof raw.host === 'string' ? parseTarget(raw.host, undefined, { allowRestricted: true }) : undefined;
    if (!t?.ok) return fail('invalid-target', 'field "host" must be a host name or IP address', id);
    extra.host = t.target.host;
  }
  if (raw.serverTime !== undefined) {
    const time = raw.serverTime;
    if (typeof time !== 'string' || time.length > 40 || !Number.isFinite(Date.parse(time))) {
      return fail('invalid-request', 'field "serverTime" must be an ISO 8601 time', id);
    }
    extra.serverTime = time;
  }
  const { timeoutMs } = raw;
  if (raw.checks === undefined) return { ok: true, value: { type: 'local-checks', id, timeoutMs, ...extra } };
  const checks = raw.checks;
  if (
    !Array.isArray(checks) ||
    checks.length > 64 ||
    !checks.every((c) => typeof c === 'string' && /^[a-z0-9-]{1,64}$/.test(c))
  ) {
    return fail('invalid-request', 'field "checks" must be a list of check ids', id);
  }
  return { ok: true, value: { type: 'local-checks', id, timeoutMs, checks: [...(checks as string[])], ...extra } };
}

const STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skipped', 'error'];
const SEVERITIES: readonly Severity[] = ['info', 'warn', 'fail'];

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function validateFinding(raw: unknown): Finding | null | 'invalid' {
  if (!isObject(raw)) return 'invalid';
  if (typeof raw.id !== 'string' || typeof raw.summary !== 'string') return 'invalid';
  if (!(SEVERITIES as readonly string[]).includes(raw.severity as string)) return 'invalid';
  if (!isStringArray(raw.supports) || !isStringArray(raw.rulesOut)) return 'invalid';
  // A newer helper may report finding ids this extension does not know yet: skip them, do not fail.
  if (!(FINDING_IDS as readonly string[]).includes(raw.id)) return null;
  const clients = validateClients(raw.clients);
  if (clients === 'invalid') return 'invalid';
  return {
    id: raw.id as Finding['id'],
    severity: raw.severity as Severity,
    summary: raw.summary,
    supports: [...raw.supports],
    rulesOut: [...raw.rulesOut],
    ...(clients ? { clients } : {}),
  };
}

const RDP_CLIENTS: readonly RdpClient[] = ['mstsc', 'windows-app', 'macos-app', 'freerdp'];
const EFFECTS: readonly ClientImpact['effect'][] = ['refuses', 'warns', 'connects', 'not-documented'];

/** The optional per-client impact list of a finding; entries naming a client this side does not know are dropped. */
function validateClients(raw: unknown): ClientImpact[] | undefined | 'invalid' {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > 16) return 'invalid';
  const out: ClientImpact[] = [];
  for (const c of raw) {
    if (!isObject(c) || typeof c.detail !== 'string' || typeof c.source !== 'string') return 'invalid';
    if (!(EFFECTS as readonly unknown[]).includes(c.effect)) return 'invalid';
    if (!(RDP_CLIENTS as readonly unknown[]).includes(c.client)) continue;
    out.push({
      client: c.client as RdpClient,
      effect: c.effect as ClientImpact['effect'],
      detail: c.detail,
      source: c.source,
    });
  }
  return out;
}

/** Validate one CheckResult; `null` when malformed. Unknown finding ids are dropped. */
export function validateCheckResult(raw: unknown): CheckResult | null {
  if (!isObject(raw)) return null;
  if (typeof raw.checkId !== 'string' || raw.checkId.length === 0) return null;
  if (!(STATUSES as readonly string[]).includes(raw.status as string)) return null;
  if (typeof raw.summary !== 'string') return null;
  if (raw.reason !== undefined && typeof raw.reason !== 'string') return null;
  if (!isObject(raw.evidence)) return null;
  if (!Array.isArray(raw.findings)) return null;
  if (typeof raw.durationMs !== 'number' || !Number.isFinite(raw.durationMs) || raw.durationMs < 0) return null;
  const findings: Finding[] = [];
  for (const f of raw.findings) {
    const v = validateFinding(f);
    if (v === 'invalid') return null;
    if (v !== null) findings.push(v);
  }
  const result: CheckResult = {
    checkId: raw.checkId,
    status: raw.status as CheckStatus,
    summary: raw.summary,
    evidence: raw.evidence,
    findings,
    durationMs: raw.durationMs,
  };
  if (typeof raw.reason === 'string') result.reason = raw.reason;
  return result;
}

const VERSION_PATTERN = /^\d{1,6}\.\d{1,6}$/;

/** Validate a helper → browser message. Errors are `invalid-response`. */
export function validateHostMessage(raw: unknown): Validated<HostMessage> {
  if (!isObject(raw)) return fail('invalid-response', 'a message must be a JSON object', null);
  const id = typeof raw.id === 'string' && REQUEST_ID_PATTERN.test(raw.id) ? raw.id : null;
  const bad = (what: string) => fail<HostMessage>('invalid-response', what, id);
  switch (raw.type) {
    case 'hello':
      return validateHello(raw, bad);
    case 'pong':
      if (id === null) return bad('pong: missing "id"');
      if (typeof raw.hostVersion !== 'string') return bad('pong: "hostVersion" must be a string');
      return { ok: true, value: { type: 'pong', id, hostVersion: raw.hostVersion } };
    case 'progress':
      return id === null ? bad('progress: missing "id"') : validateProgress(raw, id, bad);
    case 'result': {
      if (id === null) return bad('result: missing "id"');
      if (raw.request !== 'probe' && raw.request !== 'local-checks' && raw.request !== 'listen-client')
        return bad('result: unknown "request"');
      if (!isInt(raw.count, 0, 1_000_000)) return bad('result: "count" must be a non-negative integer');
      if (typeof raw.durationMs !== 'number' || !(raw.durationMs >= 0)) return bad('result: "durationMs" must be >= 0');
      const msg: ResultMessage = {
        type: 'result',
        id,
        request: raw.request,
        count: raw.count,
        durationMs: raw.durationMs,
      };
      return { ok: true, value: msg };
    }
    case 'error': {
      if (raw.id !== null && id === null) return bad('error: "id" must be a request id or null');
      // An unknown code from a newer helper is still an error; keep it readable as `internal`.
      const code: ProtocolErrorCode = isProtocolErrorCode(raw.code) ? raw.code : 'internal';
      if (typeof raw.message !== 'string') return bad('error: "message" must be a string');
      const msg: ErrorMessage = { type: 'error', id, code, message: raw.message.slice(0, 500) };
      return { ok: true, value: msg };
    }
    default:
      return bad('unknown message type');
  }
}

type Bad = (what: string) => Validated<HostMessage>;

function validateHello(raw: Record<string, unknown>, bad: Bad): Validated<HostMessage> {
  if (typeof raw.protocolVersion !== 'string' || !VERSION_PATTERN.test(raw.protocolVersion)) {
    return bad('hello: "protocolVersion" must be "MAJOR.MINOR"');
  }
  if (typeof raw.hostVersion !== 'string' || raw.hostVersion.length === 0 || raw.hostVersion.length > 64) {
    return bad('hello: "hostVersion" must be a short string');
  }
  if (!isStringArray(raw.capabilities)) return bad('hello: "capabilities" must be a list of strings');
  const platform = typeof raw.platform === 'string' ? raw.platform : 'unknown';
  const maxConcurrent = isInt(raw.maxConcurrent, 1, 1024) ? raw.maxConcurrent : 1;
  const hello: HelloMessage = {
    type: 'hello',
    protocolVersion: raw.protocolVersion,
    hostVersion: raw.hostVersion,
    capabilities: [...raw.capabilities],
    platform,
    maxConcurrent,
  };
  return { ok: true, value: hello };
}

function validateProgress(raw: Record<string, unknown>, id: string, bad: Bad): Validated<HostMessage> {
  if (!isInt(raw.index, 0, 1_000_000)) return bad('progress: "index" must be a non-negative integer');
  if (raw.total !== undefined && !isInt(raw.total, 0, 1_000_000)) return bad('progress: "total" must be an integer');
  const result = validateCheckResult(raw.result);
  if (result === null) return bad('progress: "result" is not a check result');
  const msg: ProgressMessage = { type: 'progress', id, index: raw.index, result };
  if (typeof raw.total === 'number') msg.total = raw.total;
  return { ok: true, value: msg };
}
