/**
 * regions.json for the site's fixture data directory: AMER, APAC, EMEA published, LATAM and UNKNOWN merged into
 * "Other regions", one small cell suppressed (with its complement), "all" the sum of the rows. Deterministic.
 */
import { CERTIFICATIONS, type Cell, type Regions } from "#core/aggregated/schemas.ts";

const S: Cell = { value: null, suppressed: true };
const v = (n: number): Cell => ({ value: n, suppressed: false });
const rate = (n: Cell, d: Cell): Cell =>
  n.suppressed || d.suppressed ? S : d.value ? v(Math.round(((n.value ?? 0) / d.value) * 1e4) / 1e4) : v(0);

type Head = Omit<Regions, "file" | "regions" | "certifications" | "by_fiscal_year"> & { file: string };

const ROWS = [
  { region: "amer", label: "AMER", members: ["AMER"], people: 120 },
  { region: "apac", label: "APAC", members: ["APAC"], people: 140 },
  { region: "emea", label: "EMEA", members: ["EMEA"], people: 160 },
  { region: "other", label: "Other regions", members: ["LATAM", "UNKNOWN"], people: 60 },
] as const;
const FYS = ["FY24", "FY25", "FY26", "FY27"] as const;

export function regionsFixture(head: Head): Regions {
  const sum = (f: (i: number) => number) => ROWS.reduce((s, _r, i) => s + f(i), 0);
  const people = (i: number) => ROWS[i]?.people ?? 0;
  const examined = (i: number) => Math.round(people(i) * 0.8);
  const certified = (i: number) => Math.round(people(i) * 0.6);
  const cert = (i: number, c: number) => Math.round(certified(i) * (0.3 + c * 0.1));
  // "Other regions" FY24: 3 exams completed → suppressed, and so is its complement (EMEA FY24)
  const completed = (i: number, y: number) => (i === 3 && y === 0 ? 3 : 10 + i * 5 + y * 20);
  const passed = (i: number, y: number) => Math.round(completed(i, y) * 0.7);
  const hidden = (i: number, y: number) => y === 0 && (i === 3 || i === 2);
  const all = ROWS.length;
  const at = <T>(i: number, own: (i: number) => T, total: () => T) => (i === all ? total() : own(i));
  const slugs = [...ROWS.map((r) => r.region), "all"];
  return {
    ...head,
    file: "regions",
    regions: slugs.map((region, i) => {
      const p = v(at(i, people, () => sum(people)));
      const cp = v(at(i, certified, () => sum(certified)));
      return {
        region,
        label: ROWS[i]?.label ?? "All regions",
        members: i === all ? ["AMER", "APAC", "EMEA", "LATAM", "UNKNOWN"] : [...(ROWS[i]?.members ?? [])],
        merged_for_small_cells: region === "other" ? ["UNKNOWN"] : [],
        people: p,
        people_examined: v(at(i, examined, () => sum(examined))),
        certified_people: cp,
        certified_share: rate(cp, p),
      };
    }),
    certifications: slugs.flatMap((region, i) =>
      CERTIFICATIONS.map((c, ci) => ({
        region,
        certification: c,
        people: v(
          at(
            i,
            (j) => cert(j, ci),
            () => sum((j) => cert(j, ci)),
          ),
        ),
      })),
    ),
    by_fiscal_year: slugs.flatMap((region, i) =>
      FYS.map((fiscal_year, y) => {
        const done = hidden(i, y)
          ? S
          : v(
              at(
                i,
                (j) => completed(j, y),
                () => sum((j) => completed(j, y)),
              ),
            );
        const pass = hidden(i, y)
          ? S
          : v(
              at(
                i,
                (j) => passed(j, y),
                () => sum((j) => passed(j, y)),
              ),
            );
        return { region, fiscal_year, completed: done, passed: pass, pass_rate: rate(pass, done) };
      }),
    ),
  } as Regions;
}
