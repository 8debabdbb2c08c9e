/** A small RFC 4180 reader for tests that read the site's CSV downloads back. */
export type Row = Record<string, string>;

/** RFC 4180 reader for the chart downloads (quoted cells may hold commas and doubled quotes). */
export function parseCsv(text: string): Row[] {
  const records: string[][] = [];
  let cur: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cur.push(cell);
      cell = "";
    } else if (ch === "\n") {
      cur.push(cell);
      records.push(cur);
      cur = [];
      cell = "";
    } else cell += ch;
  }
  const [head = [], ...body] = records;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ""])));
}
