/** Management commands in the v1 response format: `.show version`, `.show tables`, `.show table T schema as json`. */
import { formatDatetime, SYSTEM_TYPES, V1_DATA_TYPES } from "./encode.ts";
import type { UpstreamCluster } from "./upstream-schema.ts";

export interface V1Table {
  readonly TableName: string;
  readonly Columns: readonly { readonly ColumnName: string; readonly DataType: string; readonly ColumnType: string }[];
  readonly Rows: readonly (readonly unknown[])[];
}

function table(
  columns: readonly (readonly [string, string])[],
  rows: readonly (readonly unknown[])[],
): { Tables: V1Table[] } {
  return {
    Tables: [
      {
        TableName: "Table_0",
        Columns: columns.map(([name, type]) => ({
          ColumnName: name,
          DataType: V1_DATA_TYPES[type] ?? "Object",
          ColumnType: type,
        })),
        Rows: rows,
      },
    ],
  };
}

export type MgmtResult =
  | { readonly ok: true; readonly body: { Tables: V1Table[] } }
  | { readonly ok: false; readonly message: string };

export const SIMULATOR_BUILD = "1.0.9999.0";

export function runMgmt(csl: string, cluster: UpstreamCluster, database: string): MgmtResult {
  const text = csl.trim().replace(/;\s*$/, "").replace(/\s+/g, " ");
  if (/^\.show version$/i.test(text)) {
    return {
      ok: true,
      body: table(
        [
          ["BuildVersion", "string"],
          ["BuildTime", "datetime"],
          ["ServiceType", "string"],
          ["ProductVersion", "string"],
          ["ServiceOffering", "string"],
        ],
        [
          [
            SIMULATOR_BUILD,
            formatDatetime(new Date(Date.UTC(2026, 0, 1))),
            "Engine",
            `KustoRelease_simulator_${SIMULATOR_BUILD}`,
            '{"Type":"Azure Data Explorer"}',
          ],
        ],
      ),
    };
  }
  if (/^\.show tables$/i.test(text)) {
    return {
      ok: true,
      body: table(
        [
          ["TableName", "string"],
          ["DatabaseName", "string"],
          ["Folder", "string"],
          ["DocString", "string"],
        ],
        cluster.tables.map((t) => [t.name, database, "", typeof t["description"] === "string" ? t["description"] : ""]),
      ),
    };
  }
  const schema = /^\.show table \[?['"]?([A-Za-z_][\w]*)['"]?\]? schema as json$/i.exec(text);
  if (schema !== null) {
    const t = cluster.tables.find((x) => x.name === schema[1]);
    if (t === undefined) return { ok: false, message: `Table '${schema[1]}' was not found in database '${database}'` };
    const json = {
      Name: t.name,
      OrderedColumns: t.columns.map((c) => ({
        Name: c.name,
        Type: SYSTEM_TYPES[c.type] ?? "System.Object",
        CslType: c.type,
      })),
    };
    return {
      ok: true,
      body: table(
        [
          ["TableName", "string"],
          ["Schema", "string"],
          ["DatabaseName", "string"],
          ["Folder", "string"],
          ["DocString", "string"],
        ],
        [[t.name, JSON.stringify(json), database, "", typeof t["description"] === "string" ? t["description"] : ""]],
      ),
    };
  }
  return {
    ok: false,
    message: `the simulator serves only '.show version', '.show tables' and '.show table T schema as json', not '${text}'`,
  };
}
