/**
 * What the normalizers read from each upstream extract: exactly the result columns (names and Kusto types) of its
 * .kql file. A test checks every .kql against these with Microsoft's analyzer; at run time a response with other
 * columns is schema drift and is refused.
 */
import type { Column } from "./frames.ts";

const cols = (spec: string): Column[] =>
  spec
    .trim()
    .split(/\s*,\s*/)
    .map((p) => {
      const [name = "", type = ""] = p.split(":");
      return { name, type };
    });

export const EXTRACT_COLUMNS = {
  pearson_exam_results: cols(
    "RegistrationId:string, CandidateEmail:string, GitHubHandle:string, ExamCode:string, RegisteredAt:datetime, " +
      "AppointmentAt:datetime, CompletedAt:datetime, Status:string, DeliveryMode:string, Score:int, PassFail:string, " +
      "CountryCode:string",
  ),
  users: cols("Email:string, GitHubLogin:string, FirstSeen:datetime, Country:string"),
  exam_eligibility: cols("EligibilityId:string, Email:string, ExamName:string, EligibleAt:datetime"),
  exam_scheduling: cols("EligibilityId:string, AppointmentAt:datetime, DeliveryType:string, State:string"),
  exam_results: cols("EligibilityId:string, TakenAt:datetime, ScoreValue:real, Passed:bool"),
  product_usage: cols("Email:string, Month:datetime, Product:string, ActiveDays:long, EventCount:long"),
  learning_events: cols("Email:string, Timestamp:datetime, ItemId:string, ItemType:string, Completed:bool"),
} as const satisfies Record<string, readonly Column[]>;

export type ExtractName = keyof typeof EXTRACT_COLUMNS;
export const EXTRACT_NAMES = Object.keys(EXTRACT_COLUMNS) as ExtractName[];
