import { problem, type Problem } from "../problems/problem.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8: a file saved as Windows-1252 by an old editor is reported, not shown as mojibake. */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { text: string; problem?: undefined } | { text?: undefined; problem: Problem } {
  try {
    // TextDecoder drops a leading BOM by default, which is what we want.
    return { text: utf8.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const line = bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
    return { problem: problem("not-utf8", file, "", { offset: offset + 1 }, line) };
  }
}

/** Where the decoder gave up, to point the editor at the right line. */
function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const extra = c < 0x80 ? 0 : c >> 5 === 6 ? 1 : c >> 4 === 14 ? 2 : c >> 3 === 30 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= b.length || b[i + k]! >> 6 !== 2) return i;
    i += extra + 1;
  }
  return 0;
}
