// The one result schema, as the page sees it: every run answers with a Result, whether it finished, its code
// did not load, it was stopped or Python crashed; tests and Run code alike. Python's twin, with the meaning
// of each field, is py/playground/schema.py: the two change together, and VERSION with them.

export const VERSION = 3;

/**
 * @typedef {"finished" | "error" | "stopped" | "crashed"} Status
 * @typedef {"passed" | "failed" | "error" | "stopped" | "not_run" | "pending"} Outcome
 * @typedef {{type: string, line: number | null, message: string, traceback: string}} RunError
 * @typedef {{reason: "user" | "time" | null, phase: "waiting" | "loading" | "testing" | "running",
 *            line: number | null, restarted: boolean}} Stopped
 * @typedef {{id: string, name: string, tier: "required" | "challenge", outcome: Outcome, message: string,
 *            output: string, duration: number, line: number | null, traceback: string, graph: object | null,
 *            hint: string | null, progress: {what: string, count: number} | null}} TestResult
 * @typedef {{x: number[], y: number[], n: number, values: number[], points: number[][], labels: number[],
 *            accuracy: number | null}} Boundary
 * @typedef {{steps: number[], losses: number[], count: number, last: number[] | null, total: number | null,
 *            boundary: Boundary | null}} Plot
 * @typedef {{version: number, kind: "tests" | "script", problem: string | null, status: Status,
 *            error: RunError | null, stopped: Stopped | null, output: string, tests: TestResult[],
 *            passed: number, total: number, challenge: {passed: number, total: number}, solved: boolean,
 *            shared_message: string | null, graphs: object[], plot: Plot | null,
 *            timings: {total: number}}} Result
 */
