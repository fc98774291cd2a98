/**
 * For tests: a small KQL checker for the queries RDP Doctor writes. It tokenizes (strings with KQL
 * escape rules, `datetime(…)` literals, timespans, comments), checks brackets and statements, that every
 * pipe is followed by a tabular operator, and that every name is a keyword, a known function, a table
 * or column of the documented Azure Virtual Desktop schema, or a name the query itself declares.
 *
 * Schema: Azure Monitor Logs table reference for WVDConnections, WVDCheckpoints and WVDErrors
 * (learn.microsoft.com/azure/azure-monitor/reference/tables/wvdconnections, …/wvdcheckpoints,
 * …/wvderrors), read on 2026-12-03.
 */

const COMMON = [
  'TimeGenerated',
  'CorrelationId',
  'UserName',
  '_ResourceId',
  'Type',
  'TenantId',
  'SourceSystem',
  '_SubscriptionId',
];
export const SCHEMA: Record<string, readonly string[]> = {
  WVDConnections: [
    ...COMMON,
    'AadTenantId',
    'ClientOS',
    'ClientSideIPAddress',
    'ClientType',
    'ClientVersion',
    'ConnectionType',
    'GatewayRegion',
    'PredecessorConnectionId',
    'ResourceAlias',
    'SessionHostAgentVersion',
    'SessionHostAzureVmId',
    'SessionHostIPAddress',
    'SessionHostJoinType',
    'SessionHostName',
    'SessionHostOSDescription',
    'SessionHostOSVersion',
    'SessionHostPoolType',
    'SessionHostSessionId',
    'SessionHostSxSStackVersion',
    'State',
    'UdpUse',
  ],
  WVDCheckpoints: [...COMMON, 'ActivityType', 'Name', 'Parameters', 'Source'],
  WVDErrors: [...COMMON, 'ActivityType', 'Code', 'CodeSymbolic', 'Message', 'Operation', 'ServiceError', 'Source'],
};

const KEYWORDS = new Set([
  'let',
  'union',
  'isfuzzy',
  'null',
  'true',
  'false',
  'by',
  'asc',
  'desc',
  'between',
  'and',
  'or',
  'not',
  'kind',
  'on',
]);
const OPERATORS = new Set([
  'where',
  'project',
  'extend',
  'summarize',
  'order',
  'sort',
  'take',
  'top',
  'project-away',
  'distinct',
  'count',
]);
const FUNCTIONS = new Set([
  'column_ifexists',
  'dcount',
  'dcountif',
  'count',
  'countif',
  'max',
  'min',
  'arg_max',
  'toscalar',
  'case',
  'iff',
  'ago',
  'long',
  'bool',
  'dynamic',
  'tostring',
  'strcat',
  'isnotempty',
  'make_set',
]);

export type Token =
  | { t: 'str'; v: string }
  | { t: 'id'; v: string }
  | { t: 'num'; v: string }
  | { t: 'span'; v: string }
  | { t: 'datetime'; v: string }
  | { t: 'op'; v: string };

/** Tokens of a query; throws on an unterminated string or an unknown character. */
export function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) i++;
    else if (q.startsWith('//', i)) i = q.indexOf('\n', i) < 0 ? q.length : q.indexOf('\n', i);
    else if (c === '"' || c === "'") {
      let v = '';
      let j = i + 1;
      for (;;) {
        const d = q[j];
        if (d === undefined || d === '\n') throw new Error(`unterminated string at ${i}`);
        if (d === '\\') {
          const e = q[j + 1];
          if (e === undefined || !'\\"\'ntr'.includes(e)) throw new Error(`bad escape at ${j}`);
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          j += 2;
        } else if (d === c) break;
        else {
          v += d;
          j++;
        }
      }
      out.push({ t: 'str', v });
      i = j + 1;
    } else if (q.startsWith('datetime(', i)) {
      const end = q.indexOf(')', i);
      const v = q.slice(i + 9, end);
      if (end < 0 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) throw new Error(`bad datetime at ${i}`);
      out.push({ t: 'datetime', v });
      i = end + 1;
    } else if (/\d/.test(c)) {
      const m = /^\d+(?:\.\d+)?([dhms])?/.exec(q.slice(i))!;
      out.push({ t: m[1] ? 'span' : 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:-away)?/.exec(q.slice(i))!;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const m = /^(?:==|=~|!=|!~|<=|>=|\.\.|[|()[\]{},;=<>+\-*/.:])/.exec(q.slice(i));
      if (!m) throw new Error(`unexpected "${c}" at ${i}`);
      out.push({ t: 'op', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export interface KqlCheck {
  errors: string[];
  tables: string[];
  strings: string[];
  datetimes: string[];
}

/** Checks a query against the grammar subset and the documented schema. */
export function checkKql(q: string): KqlCheck {
  const errors: string[] = [];
  let toks: Token[];
  try {
    toks = tokenize(q);
  } catch (e) {
    return { errors: [(e as Error).message], tables: [], strings: [], datetimes: [] };
  }
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const t of toks) {
    if (t.t !== 'op') continue;
    if ('([{'.includes(t.v)) stack.push(t.v);
    else if (t.v in pairs && stack.pop() !== pairs[t.v]) errors.push(`unbalanced ${t.v}`);
  }
  if (stack.length > 0) errors.push('unclosed bracket');
  const declared = new Set<string>();
  const tables = new Set<string>();
  const columns = new Set(Object.values(SCHEMA).flat());
  toks.forEach((t, k) => {
    const next = toks[k + 1];
    const prev = toks[k - 1];
    if (t.t === 'id' && t.v === 'let') {
      if (next?.t !== 'id' || toks[k + 2]?.v !== '=') errors.push('let without "name ="');
      else declared.add(next.v);
    }
    // Names introduced by `Name =` (extend, summarize, project) become columns.
    if (t.t === 'id' && next?.v === '=' && prev?.v !== 'let') declared.add(t.v);
    if (t.t === 'op' && t.v === '|') {
      const op = next?.t === 'id' ? next.v : '';
      if (!OPERATORS.has(op)) errors.push(`"| ${next?.v ?? ''}" is not a tabular operator here`);
      if ((op === 'order' || op === 'sort') && toks[k + 2]?.v !== 'by') errors.push(`${op} without by`);
    }
    if (t.t === 'id' && t.v === 'column_ifexists') {
      const name = toks[k + 2];
      if (name?.t !== 'str' || !columns.has(name.v))
        errors.push(`column_ifexists of an undocumented column ${name?.v}`);
    }
  });
  toks.forEach((t, k) => {
    if (t.t !== 'id') return;
    const v = t.v;
    if (v in SCHEMA) {
      tables.add(v);
      return;
    }
    if (KEYWORDS.has(v) || OPERATORS.has(v) || declared.has(v) || columns.has(v)) return;
    if (FUNCTIONS.has(v) && toks[k + 1]?.v === '(') return;
    errors.push(`unknown name ${v}`);
  });
  const last = toks[toks.length - 1];
  if (last?.v === ';' || last?.v === '|') errors.push('query ends in a separator');
  return {
    errors,
    tables: [...tables],
    strings: toks.filter((t) => t.t === 'str').map((t) => t.v),
    datetimes: toks.filter((t) => t.t === 'datetime').map((t) => t.v),
  };
}
