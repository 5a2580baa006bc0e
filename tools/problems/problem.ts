import { oneLine } from "../core/reader-text.ts";
import { catalogue, type ProblemCode, type ProblemArgs } from "./problem-catalogue.ts";

/**
 * One thing wrong with one file. Problems are data first (like ajv's errors) and formatted later,
 * so every command reports them the same way and all of them at once.
 */
export interface Problem {
  code: ProblemCode;
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  /** JSON pointer into the file's data (`/date`), or "" for the file as a whole. */
  pointer: string;
  /** 1-based line in the file, where known. */
  line?: number;
  /** What the catalogue's sentences are written from: the data a tool can act on. */
  args: Record<string, unknown>;
  /** The catalogue's Indonesian sentence and fix, for people (formatProblem prints both). */
  message: string;
  fix: string;
}

export function problem<C extends ProblemCode>(
  code: C,
  file: string,
  pointer: string,
  args: ProblemArgs<C>,
  line?: number,
): Problem {
  const entry = catalogue[code];
  // One line each: problems are printed into CI logs, where a line starting "::" is a command to
  // the runner, and they quote what a unit wrote (a value, a file name with a line break in it).
  const p: Problem = {
    code,
    file: oneLine(file),
    pointer: oneLine(pointer),
    args: args as Record<string, unknown>,
    message: oneLine((entry.message as (a: ProblemArgs<C>) => string)(args)),
    fix: oneLine((entry.fix as (a: ProblemArgs<C>) => string)(args)),
  };
  if (line !== undefined) p.line = line;
  return p;
}

/** `sites/dinkes/content/berita/x.md:3: /date: tanggal tidak valid (tulis ...)` */
export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const pointer = p.pointer ? `${p.pointer}: ` : "";
  return `${where}: ${pointer}${p.message} (${p.fix})`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.pointer.localeCompare(b.pointer),
  );
}
