/** Minimal HTML building: escaping, a tagged template that escapes interpolations, and a raw-marker for trusted HTML. */
export class Raw {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

export type Child = Raw | string | number | boolean | null | undefined | readonly Child[];

export function raw(s: string): Raw {
  return new Raw(s);
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function flatten(v: Child): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map((x: Child) => flatten(x)).join("");
  return esc(String(v));
}

/** `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and `raw()` pass through. */
export function html(strings: TemplateStringsArray, ...values: readonly Child[]): Raw {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += flatten(v) + (strings[i + 1] ?? "");
  });
  return new Raw(out);
}

/** Integer or decimal with thousands separators (en-US), fixed so builds are deterministic. */
export function fmtNumber(n: number, digits = 0): string {
  // hand-rolled: Number#toLocaleString is slow enough to show up in build profiles
  const [int = "0", frac] = Math.abs(n).toFixed(digits).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = n < 0 && Number(`${int}.${frac ?? 0}`) !== 0 ? "-" : "";
  return frac === undefined ? sign + grouped : `${sign}${grouped}.${frac}`;
}

export function fmtPercent(r: number, digits = 1): string {
  return `${(r * 100).toFixed(digits)}%`;
}
