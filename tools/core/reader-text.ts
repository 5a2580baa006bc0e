/**
 * Text as a reader sees it, the one reading every check of editors' text decides on (the spam
 * check, blank fields, the gateway through validation): a check that reads the bytes as written
 * is fooled by "sl&#111;t", "sl\u00adot" or a Cyrillic "ѕ", which a browser shows as "slot".
 */
import { Buffer } from "node:buffer";
import { remove as foldConfusables } from "confusables";
import { decodeHTML } from "entities";

/**
 * Characters a reader never sees: the soft hyphen, the combining grapheme joiner, the Arabic
 * letter mark, Hangul and Khmer fillers, the Mongolian separators, zero-width spaces and joiners,
 * direction marks and embeddings, word joiners and invisible operators, variation selectors, the
 * byte-order mark, tag characters and musical-notation format characters.
 */
// Combining characters (U+034F, the Mongolian and Unicode variation selectors) stand alone in
// the alternation: each is removed on its own, not as part of the character before it.
const invisible =
  /\u034f|[\u180b-\u180f]|[\ufe00-\ufe0f]|[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\u{e0000}-\u{e0fff}\u{1d173}-\u{1d17a}]/gu;

/**
 * Bidirectional controls: they reorder what a reader sees (an override turns "gpj.exe" into
 * "exe.jpg" on screen), and no Indonesian text needs one.
 */
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Control characters other than tab and line breaks (C0, DEL, C1): no editor types one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/** Everything that ends a line for some reader: a terminal, a log, GitHub's Markdown, a browser's text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: line-ending controls are what this finds
const lineBreaks = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/gu;

/**
 * What a reader sees of a text: HTML entities decoded once (a page built from Markdown shows
 * "&#111;" as "o"), invisible characters removed (or read as `invisibleAs`: between two words a
 * zero-width space separates them), compatibility forms folded (NFKC: fullwidth letters,
 * ligatures, mathematical letters).
 */
export function visibleText(text: string, invisibleAs = ""): string {
  return decodeHTML(text).replace(invisible, invisibleAs).normalize("NFKC");
}

/** Whether a text shows nothing: empty, spaces, or only invisible characters. */
export function isBlank(text: string): boolean {
  return visibleText(text).trim() === "";
}

/** The first bidirectional control in a text, as "U+202E", or undefined. */
export function bidiControlIn(text: string): string | undefined {
  const found = bidiControls.exec(text);
  return found ? codePoint(found[0]) : undefined;
}

/** The first control character in a text (line breaks too when `oneLine`), as "U+0007", or undefined. */
export function controlCharacterIn(text: string, oneLine: boolean): string | undefined {
  const found = controlCharacters.exec(text) ?? (oneLine ? new RegExp(lineBreaks.source, "u").exec(text) : null);
  return found ? codePoint(found[0].slice(-1)) : undefined;
}

/**
 * A text on one line, for places where a line break would change the meaning of what follows:
 * an issue body (a new paragraph, a rule, a heading), a CI log (a line starting "::" is a
 * command to the runner). Line breaks and control characters become spaces; nothing is dropped.
 */
export function oneLine(text: string): string {
  return text.replace(lineBreaks, " ").replace(new RegExp(controlCharacters.source, "gu"), " ");
}

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Digits and signs written for letters ("s1ot g4cor", "$lot"), read back as letters inside a
 * word that has letters, or standing alone among letters spaced out ("s c 4 t t e r", "e |."); a
 * year or a price (two digits in a row) stays a number. "1" reads as "l" or as "i", so a word
 * has two readings.
 */
const lookAlikeSigns: Record<string, [string, string]> = {
  "0": ["o", "o"],
  "1": ["l", "i"],
  "3": ["e", "e"],
  "4": ["a", "a"],
  "5": ["s", "s"],
  "7": ["t", "t"],
  "8": ["b", "b"],
  "9": ["g", "g"],
  "@": ["a", "a"],
  $: ["s", "s"],
  "|": ["l", "l"],
  "!": ["i", "i"],
};
const signs = /[01345789@$|!]/g;

/**
 * The words a reader reads in a text, each reading once: after `visibleText`, confusable letters
 * folded to Latin (Cyrillic "ѕ", Greek "ο": Unicode's confusables), accents dropped, signs
 * for letters read as letters, lower case, and letters spaced out one by one ("s l o t") read as
 * the word they spell, and punctuation inside a word read past ("sl_o_t"). Each reading is a
 * list of words; an invisible character is read both as nothing (inside a word: "gac\u200bor")
 * and as a space (between words: "slot\u200bgacor").
 */
export function readings(text: string): string[][] {
  const forms = new Set<string>();
  for (const invisibleAs of ["", " "]) {
    const seen = folded(visibleText(text, invisibleAs));
    for (const variant of [0, 1] as const) {
      const read = seen.replace(/\S+/g, (chunk) =>
        /\p{L}/u.test(chunk) || !/\d\d/.test(chunk) ? chunk.replace(signs, (s) => lookAlikeSigns[s]![variant]) : chunk,
      );
      forms.add(read);
      // Punctuation inside a word is read past: "sl_o_t", "s.l.o.t", "slot-gacor" run together.
      forms.add(read.replace(/\S+/g, (chunk) => chunk.replace(/[^\p{L}\p{N}]/gu, "")));
    }
  }
  return [...forms].flatMap(words);
}

/**
 * Look-alikes folded to Latin, accents dropped, lower case. Lower case first: the confusables
 * table knows "ɡ" but not its capital "Ɡ" (which a reader still reads as "G").
 */
function folded(text: string): string {
  return foldConfusables(withoutMarks(text).toLowerCase()).toLowerCase();
}

/** Accents dropped ("slöt" → "slot"): letters decomposed (NFD), their combining marks removed. */
function withoutMarks(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/**
 * The words of a text, read two ways: runs of letters and digits with runs of single letters
 * joined ("s l o t" → "slot"), and the same with a joined run running on into the word after it
 * ("t o g e l88" → "togel88").
 */
function words(text: string): string[][] {
  const apart: string[] = [];
  const runOn: string[] = [];
  let spelled = "";
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if ([...word].length === 1 && /\p{L}/u.test(word)) {
      spelled += word;
      continue;
    }
    if (spelled) apart.push(spelled);
    apart.push(word);
    if (spelled) runOn.push(spelled + word);
    else runOn.push(word);
    spelled = "";
  }
  if (spelled) {
    apart.push(spelled);
    runOn.push(spelled);
  }
  return [apart, runOn];
}

/**
 * Whether a reading holds a phrase (given as its words): the words in order with the last one
 * only the start of a word ("togel88", "slot gacor4d"), or all of them written together at the
 * start of one word ("slotgacor", "togel4d"). A phrase is never found across a word's middle
 * ("foto gelap" holds no "togel").
 */
export function holdsPhrase(reading: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  const joined = phrase.join("");
  for (let i = 0; i < reading.length; i++) {
    if (reading[i]!.startsWith(joined)) return true;
    if (phrase.length > 1 && i + phrase.length <= reading.length) {
      const last = phrase.length - 1;
      if (phrase.every((w, k) => (k === last ? reading[i + k]!.startsWith(w) : reading[i + k] === w))) return true;
    }
  }
  return false;
}

/**
 * Every letter a reader could read in a text, in order, with nothing between them: after
 * `visibleText`, look-alikes folded, accents dropped, lower case, every sign read as a letter and
 * the letters that pass for each other ("i", "l", "1", "|", "!") as one, everything else dropped.
 * Whatever `readings` finds a phrase in holds the phrase's `letters` here, so a text without them
 * need not be read word by word (most texts: the check stays cheap).
 */
export function letters(text: string): string {
  // Most of what editors write is plain ASCII, which every step of the reading leaves as it is but
  // for case: no entity without "&", nothing invisible, no mark, no confusable (a tab and line
  // breaks included; other control characters are removed by the confusables table). Read by a
  // table, 4,000 files of the 40 × 100 benchmark took 67 ms instead of 146; into bytes rather than
  // a string grown a character at a time (a rope V8 must flatten before searching it), 44 ms.
  if (plainText.test(text)) {
    if (text.length > asciiRead.length) asciiRead = Buffer.allocUnsafe(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const code = asciiLetterCodes[text.charCodeAt(i)]!;
      if (code !== 0) asciiRead[n++] = code;
    }
    return asciiRead.toString("latin1", 0, n);
  }
  return folded(visibleText(text))
    .replace(/[01345789@$|!i]/g, letterOfSign)
    .replace(/[^\p{L}]/gu, "");
}

/** Printable ASCII but "&" (an entity's start), tabs and line breaks. */
const plainText = /^[\t\n\v\f\r -%'-~]*$/;

/** A sign, or "i", as the letter `letters` reads it: the letters that pass for each other as "l". */
const letterOfSign = (c: string) => (c === "1" || c === "|" || c === "!" || c === "i" ? "l" : lookAlikeSigns[c]![0]);

/** What `letters` reads each ASCII character as: lower case, signs as letters, the rest nothing (0). */
const asciiLetterCodes = Uint8Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code).toLowerCase();
  const read = /[01345789@$|!i]/.test(c) ? letterOfSign(c) : /[a-z]/.test(c) ? c : "";
  return read === "" ? 0 : read.charCodeAt(0);
});

/** Where `letters` reads a plain text into, grown to the longest text read (it is synchronous). */
let asciiRead = Buffer.allocUnsafe(4096);

/** A phrase as words, read as the text it is looked for in is read (the first reading). */
export function phraseWords(phrase: string): string[] {
  return readings(phrase)[0] ?? [];
}
