import { lstatSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { lineOfPointer } from "./yaml-positions.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { decodeUtf8 } from "./decode.ts";
import { entryKind } from "./site-files.ts";

/**
 * site.json and portal.json are short records: anything larger is a mistake, or an attempt to
 * exhaust the parser (every build of every unit reads every site.json).
 */
export const jsonLimitKb = 64;

/**
 * The data of a small, regular JSON file, or undefined when it is not one (its own validation
 * says why): for reading other units' records, where their problems are not this reader's.
 */
export function readSmallJson(absPath: string): unknown {
  return parseSmallJson(readSmallFile(absPath));
}

/** The bytes of a small, regular file (at most `jsonLimitKb`), or undefined when it is not one. */
export function readSmallFile(absPath: string): Buffer | undefined {
  try {
    if (entryKind(absPath) !== "file" || lstatSync(absPath).size > jsonLimitKb * 1024) return undefined;
    return readFileSync(absPath);
  } catch {
    return undefined;
  }
}

/** JSON data of bytes readSmallFile returned, or undefined when they are none or not JSON. */
export function parseSmallJson(bytes: Buffer | undefined): unknown {
  try {
    return bytes === undefined ? undefined : JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Reads a JSON file and keeps the position of every value, so schema errors can name the line.
 * JSON is a subset of YAML 1.2, and the YAML parser keeps source ranges where JSON.parse does not.
 */
export async function readJsonWithLines(
  absPath: string,
  file: string,
  /** The file's bytes when the caller has read them already (a build reads each site.json once). */
  bytes?: Buffer,
): Promise<{ data?: unknown; lineOf: (pointer: string) => number | undefined; problems: Problem[] }> {
  const none = () => undefined;
  const size = bytes?.length ?? lstatSync(absPath).size;
  if (size > jsonLimitKb * 1024)
    return {
      lineOf: none,
      problems: [problem("json-too-large", file, "", { sizeKb: Math.ceil(size / 1024), limitKb: jsonLimitKb })],
    };
  const decoded = decodeUtf8(bytes ?? (await readFile(absPath)), file);
  if (decoded.problem) return { lineOf: none, problems: [decoded.problem] };
  const text = decoded.text;
  const depth = nestingDepth(text);
  if (depth > jsonDepthLimit)
    return { lineOf: none, problems: [problem("json-too-deep", file, "", { limit: jsonDepthLimit })] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    const pos = /position (\d+)/.exec(detail);
    const line = pos ? text.slice(0, Number(pos[1])).split("\n").length : undefined;
    return {
      lineOf: none,
      problems: [
        problem("invalid-json", file, "", { detail: detail.replace(/ in JSON at position \d+.*$/, "") }, line),
      ],
    };
  }
  // The lines are found only for a problem to name one: parsing the text again for its positions
  // cost a 500-unit build 0.13 s for 500 site.json files that had none.
  let located: ((pointer: string) => number | undefined) | undefined;
  const lineOf = (pointer: string) => {
    if (!located) {
      const lineCounter = new LineCounter();
      const doc = parseDocument(text, { lineCounter, schema: "json" });
      located = (p) => lineOfPointer(doc, p, (offset) => lineCounter.linePos(offset).line);
    }
    return located(pointer);
  };
  return { data, lineOf, problems: [] };
}

/** site.json and portal.json nest three levels at most; the position parser recurses per level. */
const jsonDepthLimit = 16;

/** How deeply arrays and objects nest in JSON text (brackets inside strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") depth--;
  }
  return deepest;
}
