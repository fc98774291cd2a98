/**
 * Number forms as people paste them: `0x904`, `0X00000904`, `904` after a label, decimal `2308`,
 * signed decimal `-2147467259`, bare HRESULT `80004005`, NTSTATUS `C000006D`, FreeRDP composites
 * `[0x0002000D]`, and two typos seen in the wild (`0x800004005`, `0x90x`).
 */

export interface ParsedNumber {
  /** Unsigned 32-bit value. */
  value: number;
  form: 'hex' | 'decimal' | 'signed' | 'bare-hex';
  /** Hex digits as written (without 0x), for width-sensitive rules (composites are written with ≥ 5 digits). */
  digits: string;
  /** For the typo forms: the value as written could not be a 32-bit code. */
  typo?: 'extra-digit' | 'trailing-x';
}

const MINUS = /^[-−‐‑–]/;

/** Parses one token from the scanner. Returns null for numbers that cannot be codes (too long, empty). */
export function parseNumberToken(token: string): ParsedNumber | null {
  const negative = MINUS.test(token);
  const t = negative ? token.slice(1) : token;
  if (/^0x/i.test(t)) {
    let digits = t.slice(2);
    let typo: ParsedNumber['typo'];
    if (/x$/i.test(digits)) {
      digits = digits.slice(0, -1);
      typo = 'trailing-x';
    }
    if (digits.length === 0) return null;
    const trimmed = digits.replace(/^0+(?=.)/, '');
    if (trimmed.length > 8) {
      if (trimmed.length === 9 && !typo) return { value: Number.NaN, form: 'hex', digits, typo: 'extra-digit' };
      return null;
    }
    const v = Number.parseInt(trimmed, 16);
    if (negative) return null;
    return { value: v >>> 0, form: 'hex', digits, ...(typo ? { typo } : {}) };
  }
  if (/^\d+$/.test(t)) {
    if (t.length > 10) return null;
    const n = Number.parseInt(t, 10);
    if (negative) {
      if (n > 0x80000000) return null;
      return { value: -n >>> 0, form: 'signed', digits: t };
    }
    if (n > 0xffffffff) return null;
    return { value: n, form: 'decimal', digits: t };
  }
  if (!negative && /^[0-9a-f]{8}$/i.test(t)) {
    return { value: Number.parseInt(t, 16) >>> 0, form: 'bare-hex', digits: t };
  }
  return null;
}

/** `0x800004005` → 0x80004005: candidates made by dropping one zero of a run of zeros. */
export function extraDigitCandidates(digits: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i < digits.length; i++) {
    if (digits[i] !== '0') continue;
    const d = digits.slice(0, i) + digits.slice(i + 1);
    if (d.length <= 8) out.add(Number.parseInt(d, 16) >>> 0);
  }
  return [...out];
}

/** `0x90x` → 0x900…0x90F: the last digit replaced by x. */
export function trailingXCandidates(digits: string): number[] {
  const base = Number.parseInt(digits || '0', 16) * 16;
  return Array.from({ length: 16 }, (_, i) => (base + i) >>> 0);
}
