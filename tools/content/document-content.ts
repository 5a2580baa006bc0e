import type { PDFDocument, PDFName as PDFNameType, PDFObject } from "pdf-lib";
import yauzl from "yauzl";

/**
 * Whether a document is what its name says, read by its structure the way a reader's program
 * will read it, not by strings found somewhere in its bytes: a PDF is parsed (pdf-lib) and an
 * office document's ZIP is opened (yauzl) and its declared content types read. A document that
 * would act when opened (a PDF's JavaScript, launch or open action, an embedded file; an office
 * document's macros or OLE objects) is refused with the reason: it would be published under a
 * government domain, to be opened by citizens.
 */
export type DocumentCheck = { ok: true } | { ok: false; detail: string };

export async function checkDocumentContent(bytes: Buffer, ext: string): Promise<DocumentCheck> {
  const kind = ext.toLowerCase();
  if (kind === ".pdf") return checkPdf(bytes);
  if (kind in officeTypes) return checkOffice(bytes, kind as keyof typeof officeTypes);
  return { ok: false, detail: "jenis berkas tidak dikenal" };
}

/** PDF keys that carry or start code, or another file: refused wherever they appear. */
const activeKeys = new Set(["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA"]);
/** Action types that run something or reach outside the document. */
const activeActions = new Set([
  "JavaScript",
  "Launch",
  "ImportData",
  "SubmitForm",
  "RichMediaExecute",
  "GoToE",
  "GoToR",
  "URI",
  "Rendition",
]);

async function checkPdf(bytes: Buffer): Promise<DocumentCheck> {
  // Loaded when a PDF is checked: every command that reads the workspace imports this file, and
  // pdf-lib alone took 0.12 s of `deploy`'s start.
  const { EncryptedPDFError, PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } = await import("pdf-lib");
  // Byte 0, as a reader requires: an HTML page with "%PDF-" in a comment is still an HTML page.
  if (!bytes.subarray(0, 5).equals(Buffer.from("%PDF-")))
    return { ok: false, detail: `isinya ${describeStart(bytes)}, bukan PDF` };
  if (!bytes.subarray(Math.max(0, bytes.length - 2048)).includes("%%EOF"))
    return { ok: false, detail: "PDF terpotong (akhir berkas tidak ada)" };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError)
      return { ok: false, detail: "PDF dikunci dengan kata sandi; simpan ulang tanpa kunci, lalu unggah lagi" };
    return { ok: false, detail: "PDF rusak dan tidak dapat dibaca" };
  }
  if (doc.getPageCount() === 0) return { ok: false, detail: "PDF tidak memiliki halaman" };
  const found = new Set<string>();
  const seen = new Set<PDFObject>();
  const resolved = (value: PDFObject | undefined) => (value instanceof PDFRef ? doc.context.lookup(value) : value);
  const visit = (value: PDFObject | undefined) => {
    if (value === undefined || seen.has(value)) return;
    seen.add(value);
    const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : undefined;
    if (dict) {
      const type = dict.get(PDFName.of("S"));
      const action = type instanceof PDFName ? type.decodeText() : undefined;
      if (action && activeActions.has(action)) found.add(`/${action}`);
      // Actions run without a click: on opening (a page to open at, GoTo, is how many writers
      // set the first view, and harmless), and on a page's or a field's events (AA), always.
      const open = resolved(dict.get(PDFName.of("OpenAction")));
      if (open instanceof PDFDict && (open.get(PDFName.of("S")) as PDFNameType | undefined)?.decodeText?.() !== "GoTo")
        found.add("/OpenAction");
      if (resolved(dict.get(PDFName.of("AA"))) instanceof PDFDict) found.add("/AA");
      for (const [name, child] of dict.entries()) {
        if (activeKeys.has(name.decodeText())) found.add(`/${name.decodeText()}`);
        visit(child);
      }
    } else if (value instanceof PDFArray) {
      for (const item of value.asArray()) visit(item);
    }
  };
  // Every object the file holds, those in compressed object streams too, whether reachable or not.
  for (const [, object] of doc.context.enumerateIndirectObjects()) visit(object);
  visit(doc.context.trailerInfo.Root);
  if (found.size)
    return {
      ok: false,
      detail: `PDF memuat kode atau tindakan otomatis (${[...found].sort().join(", ")}); cetak ulang sebagai PDF biasa ("Save as PDF"), lalu unggah lagi`,
    };
  return { ok: true };
}

/** Each office kind: its main part, the content type that part must be declared with, and its name. */
const officeTypes = {
  ".docx": {
    part: "word/document.xml",
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    name: "DOCX",
  },
  ".xlsx": {
    part: "xl/workbook.xml",
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    name: "XLSX",
  },
  ".odt": { part: "content.xml", type: "application/vnd.oasis.opendocument.text", name: "ODT" },
  ".ods": { part: "content.xml", type: "application/vnd.oasis.opendocument.spreadsheet", name: "ODS" },
} as const;

/** The most entries a document's ZIP may hold, and the largest declaration read from it. */
const maxEntries = 10_000;
const maxDeclarationBytes = 1024 * 1024;

async function checkOffice(bytes: Buffer, ext: keyof typeof officeTypes): Promise<DocumentCheck> {
  const expected = officeTypes[ext];
  const wrong = { ok: false as const, detail: `isinya ${describeStart(bytes)}, bukan ${expected.name}` };
  if (!bytes.subarray(0, 4).equals(Buffer.from("PK\u0003\u0004", "latin1"))) return wrong;
  let entries: Map<string, yauzl.Entry>;
  let zip: yauzl.ZipFile;
  try {
    ({ zip, entries } = await openZip(bytes));
  } catch {
    return { ok: false, detail: `${expected.name} rusak: arsipnya tidak dapat dibaca` };
  }
  try {
    const names = [...entries.keys()];
    const declaration = ext === ".odt" || ext === ".ods" ? "mimetype" : "[Content_Types].xml";
    const declared = entries.get(declaration);
    if (!declared || !entries.has(expected.part)) return wrong;
    const text = await readEntry(zip, declared);
    if (ext === ".odt" || ext === ".ods") {
      // ODF names its type in the uncompressed "mimetype" entry, which comes first.
      if (names[0] !== "mimetype" || text.trim() !== expected.type) return wrong;
      if (names.some((n) => /^(Basic|Scripts)\//.test(n)))
        return { ok: false, detail: "berkas memuat makro (kode program)" };
      return { ok: true };
    }
    const types = [...text.matchAll(/ContentType="([^"]+)"/g)].map((m) => m[1]!);
    if (types.some((t) => /macroEnabled|vbaProject|activeX/i.test(t)) || names.some((n) => /vbaProject\.bin$/i.test(n)))
      return { ok: false, detail: "berkas memuat makro (kode program)" };
    if (
      !new RegExp(
        `PartName="/${expected.part.replace(/[.]/g, "\\.")}"[^>]*ContentType="${expected.type.replace(/[.+]/g, "\\$&")}"`,
      ).test(text)
    )
      return wrong;
    if (names.some((n) => /(^|\/)activeX\//i.test(n) || /(^|\/)embeddings\/.*\.bin$/i.test(n)))
      return { ok: false, detail: "berkas memuat objek tertanam (ActiveX/OLE) yang dapat menjalankan program" };
    return { ok: true };
  } catch {
    return { ok: false, detail: `${expected.name} rusak: isinya tidak dapat dibaca` };
  } finally {
    zip.close();
  }
}

function openZip(bytes: Buffer): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no zip"));
      const entries = new Map<string, yauzl.Entry>();
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entries.size >= maxEntries) return reject(new Error("too many entries"));
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on("end", () => resolve({ zip, entries }));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  if (entry.uncompressedSize > maxDeclarationBytes) return Promise.reject(new Error("declaration too large"));
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error("no stream"));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // What the header claims is checked by yauzl; this bounds a lie in the other direction.
        if (size > maxDeclarationBytes) stream.destroy(new Error("declaration too large"));
        else chunks.push(chunk);
      });
      stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      stream.on("error", reject);
    });
  });
}

/** What a file's first bytes say it is, for the editor. */
export function describeStart(bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString("latin1");
  if (/^\s*<(!doctype|html|head|body|script|\?xml|svg|!--)/i.test(head)) return "halaman web (HTML/XML)";
  if (head.startsWith("PK\u0003\u0004")) return "arsip ZIP";
  if (head.startsWith("%PDF-")) return "PDF";
  if (head.startsWith("\u00ff\u00d8\u00ff")) return "gambar JPG";
  if (head.startsWith("\u0089PNG")) return "gambar PNG";
  if (head.startsWith("MZ") || head.startsWith("\u007fELF")) return "program";
  return "berkas lain";
}
