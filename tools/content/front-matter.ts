import { CORE_SCHEMA, load } from "js-yaml";
import { LineCounter, parseDocument } from "yaml";
import { lineOfPointer } from "./yaml-positions.ts";
import { problem, type Problem } from "../problems/problem.ts";

/**
 * Splits a Markdown file into YAML front matter and body. Data is parsed with js-yaml's YAML 1.2
 * core schema, as Eleventy does (so `2025-08-17` stays a string, validated as text, and never
 * silently becomes midnight UTC). The `yaml` package, slower but precise about positions, is used
 * only when there is a problem to place on a line.
 */
export interface MarkdownFile {
  data: Record<string, unknown>;
  /** The YAML between the `---` lines, as written. */
  yamlText: string;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** 1-based line of a JSON pointer's value (or of its nearest existing parent). */
  lineOf: (pointer: string) => number | undefined;
}

/**
 * Limits on what an editor's YAML may make the parser build. Front matter is a flat list of
 * fields with a few lists of small objects (three levels at most), so neither limit costs a
 * real file anything:
 * - no anchors or aliases (`&a`, `*a`): nine nested aliases ("billion laughs") expand into a
 *   billion values for whatever walks the data next (21 s and 2 GB before a RangeError, measured);
 * - at most `maxDepth` levels of nesting (js-yaml's default is 100).
 */
export const yamlLimits = { maxDepth: 12 } as const;

class YamlAnchorError extends Error {
  constructor(readonly line: number) {
    super(`YAML anchors and aliases are not allowed in content (line ${line})`);
  }
}

function parseData(yamlText: string): unknown {
  const listener = (event: string, state: { anchor?: string | null; line: number }) => {
    // Line 1 of the YAML is line 2 of the file, after the opening "---".
    if (event === "close" && state.anchor) throw new YamlAnchorError(state.line + 2);
  };
  return (
    load(yamlText, { schema: CORE_SCHEMA, json: false, listener, maxDepth: yamlLimits.maxDepth } as Parameters<
      typeof load
    >[1]) ?? {}
  );
}

/**
 * The key a run looks front matter up by: Eleventy hands a front-matter engine only the YAML
 * text (gray-matter's extract), with its surrounding blank lines as they were.
 */
export const frontMatterKey = (yamlText: string) => yamlText.replace(/^(\r?\n)+/, "").trimEnd();

/** Eleventy's YAML engine for text validation did not hand over: the same parser, the same limits. */
export function parseYamlData(text: string): unknown {
  return parseData(text);
}

const opening = /^---[ \t]*(\S*)[ \t]*\r?\n/;

export function parseMarkdown(text: string, file: string): { parsed?: MarkdownFile; problems: Problem[] } {
  const open = opening.exec(text);
  if (!open) return { problems: [problem("no-front-matter", file, "", {}, 1)] };
  if (open[1]) return { problems: [problem("script-front-matter", file, "", { language: open[1] }, 1)] };

  const rest = text.slice(open[0].length);
  const close = /^---[ \t]*$/m.exec(rest);
  if (!close) return { problems: [problem("front-matter-not-closed", file, "", {}, 1)] };

  const yamlText = rest.slice(0, close.index);
  let data: unknown;
  try {
    data = parseData(yamlText);
  } catch (error) {
    if (error instanceof YamlAnchorError) return { problems: [problem("yaml-anchor", file, "", {}, error.line)] };
    if (/maxDepth/.test(String((error as Error).message)))
      return { problems: [problem("yaml-too-deep", file, "", { limit: yamlLimits.maxDepth }, 2)] };
    return { problems: syntaxProblems(yamlText, file) };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { problems: [problem("not-an-object", file, "", {}, 2)] };
  }

  let positions: ReturnType<typeof locate> | undefined;
  const bodyStart = open[0].length + close.index + close[0].length;
  return {
    parsed: {
      data: data as Record<string, unknown>,
      yamlText,
      body: text.slice(bodyStart).replace(/^\r?\n/, ""),
      bodyLine: text.slice(0, bodyStart).split("\n").length + 1,
      lineOf: (pointer) => (positions ??= locate(yamlText)).lineOf(pointer),
    },
    problems: [],
  };
}

/** Parses again with positions: only for files that have a problem to report. */
function locate(yamlText: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { schema: "core", uniqueKeys: true, lineCounter });
  // Line 1 of the YAML is line 2 of the file, after the opening "---".
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;
  return { doc, lineAt, lineOf: (pointer: string) => lineOfPointer(doc, pointer, lineAt) };
}

function syntaxProblems(yamlText: string, file: string): Problem[] {
  let located: ReturnType<typeof locate>;
  try {
    located = locate(yamlText);
  } catch {
    // The position parser can give up too (its own limits); the file is still refused.
    return [problem("yaml-syntax", file, "", { detail: "struktur YAML tidak dapat dibaca" }, 2)];
  }
  const { doc, lineAt } = located;
  if (doc.errors.length === 0) {
    // js-yaml refused what the `yaml` package accepts; say so rather than guess a line.
    return [problem("yaml-syntax", file, "", { detail: "struktur YAML tidak dapat dibaca" }, 2)];
  }
  return doc.errors.map((e) =>
    problem("yaml-syntax", file, "", { detail: yamlErrorText(e.code, e.message) }, lineAt(e.pos[0])),
  );
}

/** The yaml package's error codes in words an editor understands; its English text as a fallback. */
const yamlErrors: Record<string, string> = {
  DUPLICATE_KEY: "kolom yang sama ditulis dua kali",
  MISSING_CHAR: "tanda kutip atau kurung tidak ditutup",
  BAD_INDENT: "indentasi (spasi di awal baris) tidak konsisten",
  TAB_AS_INDENT: "indentasi memakai tombol Tab; gunakan spasi",
  MULTILINE_IMPLICIT_KEY: "nama kolom terpotong ke baris berikutnya",
  BLOCK_AS_IMPLICIT_KEY: "nilai kolom tidak boleh dimulai di baris yang sama dengan daftar",
  UNEXPECTED_TOKEN: "ada karakter yang tidak diharapkan",
  BAD_SCALAR_START: "nilai diawali karakter khusus; apit nilainya dengan tanda kutip",
  MISSING_ANCHOR: "rujukan (*) ke jangkar yang tidak ada",
};

function yamlErrorText(code: string, message: string): string {
  return yamlErrors[code] ?? message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
