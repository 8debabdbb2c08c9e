/** Static vocabularies of the world: names, countries, exams, learning items, products, Skills courses, Copilot. */
import { COUNTRY_REGION } from "#core/vocab.ts";

export const FIRST_NAMES = [
  "ana",
  "ben",
  "chen",
  "dana",
  "elif",
  "farah",
  "george",
  "hana",
  "ivan",
  "jun",
  "kofi",
  "lena",
  "mateo",
  "nia",
  "omar",
  "priya",
  "quinn",
  "rosa",
  "sven",
  "tariq",
  "uma",
  "victor",
  "wei",
  "ximena",
  "yusuf",
  "zoe",
  "amara",
  "bruno",
  "carla",
  "diego",
  "emma",
  "felix",
  "grace",
  "hugo",
  "isla",
  "jonas",
  "kenji",
  "lucia",
  "malik",
  "nora",
] as const;

export const LAST_NAMES = [
  "silva",
  "smith",
  "wang",
  "garcia",
  "kumar",
  "muller",
  "nguyen",
  "okafor",
  "rossi",
  "tanaka",
  "novak",
  "kim",
  "haddad",
  "jensen",
  "lopez",
  "martin",
  "patel",
  "santos",
  "schmidt",
  "yilmaz",
  "ivanova",
  "mensah",
  "dubois",
  "costa",
  "fischer",
  "johnson",
  "khan",
  "li",
  "moreau",
  "perez",
] as const;

/**
 * ISO country → sales region: the business's own table (core/vocab.ts), which the world draws its countries from and
 * the goldens derive region with ("" = unknown → UNKNOWN). The sync's normalizers are not involved.
 */
export { COUNTRY_REGION };
export const COUNTRIES = Object.keys(COUNTRY_REGION).sort();
/** Weights aligned with COUNTRIES (sorted). */
export const COUNTRY_WEIGHTS: readonly number[] = COUNTRIES.map((c) =>
  c === "US" ? 22 : c === "IN" ? 16 : c === "BR" || c === "GB" || c === "DE" ? 6 : 2,
);

export type CertCode = "GH-900" | "GH-200" | "GH-300" | "GH-500" | "GH-100";

export interface ExamDef {
  readonly code: CertCode;
  readonly title: string;
  /** first-attempt pass probability */
  readonly passRate: number;
  /** weight as the first certification someone pursues */
  readonly firstWeight: number;
  /** legacy ExamEligibility.ExamName */
  readonly legacyName: string;
}

export const EXAMS: readonly ExamDef[] = [
  { code: "GH-900", title: "GitHub Foundations", passRate: 0.8, firstWeight: 10, legacyName: "GitHub Foundations" },
  { code: "GH-200", title: "GitHub Actions", passRate: 0.66, firstWeight: 3, legacyName: "GitHub Actions" },
  { code: "GH-300", title: "GitHub Copilot", passRate: 0.72, firstWeight: 4, legacyName: "GitHub Copilot" },
  {
    code: "GH-500",
    title: "GitHub Advanced Security",
    passRate: 0.58,
    firstWeight: 1,
    legacyName: "GitHub Advanced Security",
  },
  {
    code: "GH-100",
    title: "GitHub Administration",
    passRate: 0.62,
    firstWeight: 1,
    legacyName: "GitHub Administration",
  },
];

/** Exams launched at different times: none can be registered before its launch. */
export const EXAM_LAUNCH: Readonly<Record<CertCode, string>> = {
  "GH-900": "2021-07-01",
  "GH-200": "2021-09-01",
  "GH-100": "2022-01-15",
  "GH-500": "2022-06-01",
  "GH-300": "2024-04-01",
};

export const PASS_SCORE = 700;

export type LearningType = "module" | "path" | "course" | "event";
/** Upstream LearningEvents.ItemType per golden item_type. */
export const LEARNING_UPSTREAM_TYPE: Readonly<Record<LearningType, string>> = {
  module: "Module",
  path: "LearningPath",
  course: "Course",
  event: "Event",
};

export const LEARNING_ITEMS: readonly { readonly id: string; readonly type: LearningType }[] = [
  { id: "learn-module/introduction-to-github", type: "module" },
  { id: "learn-module/introduction-to-git", type: "module" },
  { id: "learn-module/github-actions-automate-tasks", type: "module" },
  { id: "learn-module/github-actions-ci", type: "module" },
  { id: "learn-module/introduction-to-github-copilot", type: "module" },
  { id: "learn-module/github-copilot-prompt-engineering", type: "module" },
  { id: "learn-module/introduction-code-scanning", type: "module" },
  { id: "learn-module/manage-sensitive-data-and-security-policies", type: "module" },
  { id: "learn-module/github-enterprise-administration", type: "module" },
  { id: "learn-module/manage-changes-pull-requests-github", type: "module" },
  { id: "learn-path/github-foundations", type: "path" },
  { id: "learn-path/github-actions", type: "path" },
  { id: "learn-path/copilot", type: "path" },
  { id: "learn-path/github-advanced-security", type: "path" },
  { id: "learn-path/github-administration", type: "path" },
  { id: "course/github-foundations-instructor-led", type: "course" },
  { id: "course/github-actions-fundamentals", type: "course" },
  { id: "course/copilot-for-developers", type: "course" },
  { id: "event/github-universe-2022", type: "event" },
  { id: "event/github-universe-2023", type: "event" },
  { id: "event/github-universe-2024", type: "event" },
  { id: "event/github-universe-2025", type: "event" },
  { id: "event/copilot-bootcamp", type: "event" },
  { id: "event/ace-study-hall", type: "event" },
];

export type ProductKey = "actions" | "advanced_security" | "codespaces" | "copilot" | "packages";
/** Upstream ProductUsage.Product per golden product; upstream names sort in the same order as the keys. */
export const PRODUCTS: readonly { readonly key: ProductKey; readonly upstream: string; readonly weight: number }[] = [
  { key: "actions", upstream: "Actions", weight: 6 },
  { key: "advanced_security", upstream: "Advanced Security", weight: 1.5 },
  { key: "codespaces", upstream: "Codespaces", weight: 2 },
  { key: "copilot", upstream: "Copilot", weight: 5 },
  { key: "packages", upstream: "Packages", weight: 2 },
];
/** Product boosted by each certification. */
export const CERT_PRODUCT: Readonly<Record<CertCode, ProductKey>> = {
  "GH-900": "actions",
  "GH-200": "actions",
  "GH-300": "copilot",
  "GH-500": "advanced_security",
  "GH-100": "packages",
};

export interface CourseDef {
  readonly name: string;
  readonly title: string;
  readonly created: string;
  readonly template: boolean;
  /** archived from this day on (only visible once it is past) */
  readonly archivedOn?: string;
  readonly topics: readonly string[];
  readonly popularity: number;
}

export const SKILLS_COURSES: readonly CourseDef[] = [
  {
    name: "introduction-to-github",
    title: "Get started using GitHub in less than an hour.",
    created: "2021-09-20T16:00:00Z",
    template: true,
    topics: ["skills-course", "github"],
    popularity: 10,
  },
  {
    name: "communicate-using-markdown",
    title: "Organize ideas and collaborate using Markdown.",
    created: "2021-10-04T15:30:00Z",
    template: true,
    topics: ["skills-course", "markdown"],
    popularity: 5,
  },
  {
    name: "github-pages",
    title: "Create a site or blog from your GitHub repositories with GitHub Pages.",
    created: "2021-10-11T14:00:00Z",
    template: true,
    topics: ["skills-course", "github-pages"],
    popularity: 5,
  },
  {
    name: "review-pull-requests",
    title: "Collaborate and work together on GitHub.",
    created: "2021-11-02T17:20:00Z",
    template: true,
    topics: ["skills-course", "pull-requests"],
    popularity: 3,
  },
  {
    name: "resolve-merge-conflicts",
    title: "Learn why conflicts happen and how to resolve them.",
    created: "2021-11-15T10:05:00Z",
    template: true,
    topics: ["git", "skills-course"],
    popularity: 3,
  },
  {
    name: "hello-github-actions",
    title: "Create a GitHub Action and use it in a workflow.",
    created: "2022-01-10T09:00:00Z",
    template: true,
    topics: ["github-actions", "skills-course"],
    popularity: 6,
  },
  {
    name: "test-with-actions",
    title: "Create workflows that enable you to use Continuous Integration (CI) for your projects.",
    created: "2022-02-07T12:00:00Z",
    template: true,
    topics: ["ci", "github-actions", "skills-course"],
    popularity: 3,
  },
  {
    name: "publish-packages",
    title: "Use GitHub Actions to publish your project to a Docker image.",
    created: "2022-03-01T11:11:00Z",
    template: true,
    topics: ["github-actions", "packages", "skills-course"],
    popularity: 2,
  },
  {
    name: "secure-repository-supply-chain",
    title: "Secure your supply chain, patch vulnerable dependencies.",
    created: "2022-06-14T13:45:00Z",
    template: true,
    topics: ["security", "skills-course"],
    popularity: 2,
  },
  {
    name: "introduction-to-codeql",
    title: "Enable code scanning with CodeQL.",
    created: "2022-09-05T08:30:00Z",
    template: true,
    topics: ["codeql", "security", "skills-course"],
    popularity: 2,
  },
  {
    name: "introduction-to-secret-scanning",
    title: "Enable secret scanning and push protection.",
    created: "2023-02-20T10:00:00Z",
    template: true,
    topics: ["security", "skills-course"],
    popularity: 2,
  },
  {
    name: "code-with-codespaces",
    title: "Develop code using GitHub Codespaces and Visual Studio Code.",
    created: "2022-11-08T16:40:00Z",
    template: true,
    topics: ["codespaces", "skills-course"],
    popularity: 2,
  },
  {
    name: "release-based-workflow",
    title: "Practice a release-based workflow.",
    created: "2022-04-12T09:15:00Z",
    template: true,
    archivedOn: "2025-03-01",
    topics: ["skills-course"],
    popularity: 1,
  },
  {
    name: "write-javascript-actions",
    title: "Write your own GitHub JavaScript Action.",
    created: "2022-05-03T14:25:00Z",
    template: true,
    topics: ["github-actions", "javascript", "skills-course"],
    popularity: 1,
  },
  {
    name: "getting-started-with-github-copilot",
    title: "Get started using GitHub Copilot in less than an hour.",
    created: "2023-11-06T17:00:00Z",
    template: true,
    topics: ["copilot", "skills-course"],
    popularity: 8,
  },
  {
    name: "expand-your-team-with-copilot",
    title: "Use Copilot agent mode to grow your project.",
    created: "2025-06-16T15:00:00Z",
    template: true,
    topics: ["copilot", "skills-course"],
    popularity: 4,
  },
  {
    name: "copilot-code-review",
    title: "Review pull requests with GitHub Copilot.",
    created: "2026-12-08T15:00:00Z",
    template: true,
    topics: ["copilot", "skills-course"],
    popularity: 3,
  },
  {
    name: "exercise-toolkit",
    title: "Shared workflows and templates for Skills exercises.",
    created: "2024-10-01T12:00:00Z",
    template: false,
    topics: ["skills-internal"],
    popularity: 0,
  },
];

/** Default name of a template-generated learner repository. */
export function templateRepoName(course: string): string {
  return `skills-${course}`;
}

export const COPILOT_LANGUAGES = [
  "python",
  "typescript",
  "javascript",
  "java",
  "go",
  "c#",
  "c++",
  "ruby",
  "rust",
  "markdown",
  "yaml",
  "shell",
] as const;
export const COPILOT_LANGUAGE_WEIGHTS = [18, 16, 12, 8, 6, 6, 4, 3, 3, 6, 4, 3] as const;
export const COPILOT_IDES = ["vscode", "visualstudio", "jetbrains", "neovim", "xcode"] as const;
export const COPILOT_IDE_WEIGHTS = [70, 10, 15, 3, 2] as const;
export const COPILOT_FEATURES = [
  "code_completion",
  "chat_panel_ask_mode",
  "chat_panel_edit_mode",
  "chat_panel_agent_mode",
  "agent_edit",
] as const;
export const COPILOT_MODELS = ["gpt-4.1", "claude-sonnet-4", "gpt-5-mini", "gemini-2.5-pro"] as const;

export const EVENT_TYPES = [
  "PushEvent",
  "PullRequestEvent",
  "IssuesEvent",
  "IssueCommentEvent",
  "CreateEvent",
  "WatchEvent",
  "PullRequestReviewEvent",
  "DeleteEvent",
  "ForkEvent",
  "ReleaseEvent",
] as const;
export const EVENT_TYPE_WEIGHTS = [40, 10, 6, 10, 8, 10, 5, 4, 2, 1] as const;

export const REPO_WORDS = [
  "dotfiles",
  "notes",
  "api",
  "website",
  "cli",
  "demo",
  "playground",
  "infra",
  "workflows",
  "bot",
  "docs",
  "app",
  "toolkit",
  "lab",
  "service",
  "scripts",
] as const;
