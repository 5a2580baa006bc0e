import { LineCounter, parseDocument, isMap, isNode, type Document } from "yaml";
import { problem, type Problem } from "./problem.ts";

/**
 * Splits a Markdown file into YAML front matter and body, and parses the YAML the same way the
 * generator does (YAML 1.2 core schema: `2025-08-17` stays a string, so it is validated as text
 * and never silently becomes midnight UTC).
 */
export interface MarkdownFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** 1-based line of a JSON pointer's value (or of its nearest existing parent). */
  lineOf: (pointer: string) => number | undefined;
}

export const yamlOptions = { schema: "core", uniqueKeys: true, prettyErrors: false } as const;

/**
 * Front matter validation has just parsed, by its text, so the build does not parse it again
 * (YAML was a tenth of a cold build). Each entry is used once and removed.
 */
const validated = new Map<string, unknown>();
const keyOf = (yamlText: string) => yamlText.replace(/^(\r?\n)+/, "").trimEnd();

/** The parser Eleventy uses too, so a file means the same thing to validation and to the build. */
export function forgetParsedFrontMatter(): void {
  validated.clear();
}

export function parseYaml(text: string): unknown {
  const key = keyOf(text);
  const cached = validated.get(key);
  if (cached !== undefined) {
    validated.delete(key);
    return cached;
  }
  const doc = parseDocument(text, yamlOptions);
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc.toJS() ?? {};
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { ...yamlOptions, lineCounter });
  // Line 1 of the YAML is line 2 of the file, after the opening "---".
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + 1;

  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) =>
        problem("yaml-syntax", file, "", { detail: yamlErrorText(e.code, e.message) }, lineAt(e.pos[0])),
      ),
    };
  }
  const data = doc.toJS() ?? {};
  if (!isMap(doc.contents) && doc.contents !== null) {
    return { problems: [problem("not-an-object", file, "", {}, 2)] };
  }
  validated.set(keyOf(yamlText), data);

  const bodyStart = open[0].length + close.index + close[0].length;
  const bodyLine = text.slice(0, bodyStart).split("\n").length + 1;
  return {
    parsed: {
      data: data as Record<string, unknown>,
      body: text.slice(bodyStart).replace(/^\r?\n/, ""),
      bodyLine,
      lineOf: (pointer) => lineOfPointer(doc, pointer, lineAt),
    },
    problems: [],
  };
}

function lineOfPointer(doc: Document, pointer: string, lineAt: (offset: number) => number): number | undefined {
  const path = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // Walk up until a node exists: a missing field points at its parent.
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a key that exists, point at the key's line rather than a multi-line value's end.
      return lineAt(node.range[0]);
    }
  }
  return undefined;
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
