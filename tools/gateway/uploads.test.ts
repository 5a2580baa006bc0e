import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crc32 } from "node:zlib";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import sharp from "sharp";
import yazl from "yazl";
import { acceptUpload, maxImageSide } from "./uploads.ts";

const limits = { markdown_kb: 200, image_kb: 5120, document_kb: 20480 };

/** A phone's photo: 3000 × 2000, with the camera's EXIF and a GPS position in Tanah Grogot. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "Ponsel", Model: "Kamera Kader", Artist: "Siti Aminah" },
      IFD3: { GPSLatitudeRef: "S", GPSLatitude: "1/1 54/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "116/1 11/1 0/1" },
    })
    .toBuffer();
}

describe("uploads, checked and rewritten by content", () => {
  it("strips a photo's EXIF, its GPS position included, and caps its size", async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    assert.ok(before.exif, "the fixture carries EXIF");
    assert.match(before.exif!.toString("latin1"), /Siti Aminah/);
    const result = await acceptUpload("kegiatan.jpg", original, limits);
    assert.ok(result.ok);
    const after = await sharp(result.bytes).metadata();
    assert.equal(after.exif, undefined, "no EXIF left");
    assert.doesNotMatch(result.bytes.toString("latin1"), /Siti Aminah|Ponsel|GPS/);
    assert.deepEqual([after.width, after.height, after.format], [maxImageSide, 1600, "jpeg"]);
  });

  it("keeps a PNG a PNG, and a small photo its size", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: "#0b5394" } })
      .png()
      .toBuffer();
    const result = await acceptUpload("logo.png", png, limits);
    assert.ok(result.ok);
    const meta = await sharp(result.bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ["png", 400, 300]);
  });

  it("refuses an SVG, another kind, a file named as what it is not, a truncated photo and one over the limit, in Indonesian", async () => {
    const photo = await phonePhoto();
    const cases: [string, Buffer, RegExp][] = [
      [
        "logo.svg",
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        /SVG tidak dapat diunggah/,
      ],
      ["skrip.php", Buffer.from("<?php system($_GET['c']);"), /Jenis berkas ".php" tidak dapat diunggah/],
      [
        "laporan.pdf",
        Buffer.from("<!doctype html><script>location='https://judi.example'</script>"),
        /Berkas ditolak: isinya .*bukan PDF/,
      ],
      ["foto.jpg", Buffer.from("<!doctype html>"), /Gambar ditolak/],
      ["potong.jpg", photo.subarray(0, Math.floor(photo.length / 2)), /Gambar ditolak/],
      ["besar.jpg", Buffer.alloc(6 * 1024 * 1024, 1), /melebihi batas 5120 KB untuk gambar/],
    ];
    for (const [name, bytes, message] of cases) {
      const result = await acceptUpload(name, bytes, limits);
      assert.equal(result.ok, false, name);
      assert.match(!result.ok ? result.message : "", message, name);
    }
  });

  it("keeps a real PDF byte for byte, one that opens at its first page too", async () => {
    const plain = await pdf();
    const result = await acceptUpload("renstra.pdf", plain, limits);
    assert.ok(result.ok && result.bytes.equals(plain));
    // LibreOffice and Word set the first view with a GoTo open action: harmless, kept.
    const view = await pdf((doc) => {
      doc.catalog.set(PDFName.of("OpenAction"), doc.context.obj({ S: "GoTo", D: [doc.getPage(0).ref, "Fit"] }));
    });
    assert.equal((await acceptUpload("renstra.pdf", view, limits)).ok, true);
  });

  it("polyglot: an HTML page with a PDF's first and last lines in a comment is not a PDF", async () => {
    const page = Buffer.from(
      `<!doctype html><html><script>location="https://slot.example"</script><!--\n%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n-->`,
    );
    const result = await acceptUpload("x.pdf", page, limits);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : "", /isinya halaman web \(HTML\/XML\), bukan PDF/);
  });

  it("active PDF: JavaScript on opening, a launch action, an embedded file, each refused with the reason", async () => {
    const cases: [string, (doc: PDFDocument) => void, RegExp][] = [
      [
        "OpenAction JavaScript",
        (doc) =>
          doc.catalog.set(
            PDFName.of("OpenAction"),
            doc.context.obj({ S: "JavaScript", JS: PDFString.of("app.alert(1)") }),
          ),
        /\/JS, \/JavaScript, \/OpenAction/,
      ],
      [
        "Launch on a link",
        (doc) => {
          const link = doc.context.obj({
            Type: "Annot",
            Subtype: "Link",
            Rect: [0, 0, 100, 100],
            A: { S: "Launch", F: PDFString.of("cmd.exe") },
          });
          doc.getPage(0).node.set(PDFName.of("Annots"), doc.context.obj([doc.context.register(link)]));
        },
        /\/Launch/,
      ],
      [
        "an embedded file",
        (doc) => {
          const file = doc.context.register(doc.context.flateStream("MZ program", { Type: "EmbeddedFile" }));
          const spec = doc.context.obj({ Type: "Filespec", F: PDFString.of("x.exe"), EF: { F: file } });
          doc.catalog.set(
            PDFName.of("Names"),
            doc.context.obj({ EmbeddedFiles: { Names: [PDFString.of("x.exe"), spec] } }),
          );
        },
        /\/EmbeddedFile/,
      ],
      [
        "a page's automatic action",
        (doc) => doc.getPage(0).node.set(PDFName.of("AA"), doc.context.obj({ O: { S: "Named", N: "Print" } })),
        /\/AA/,
      ],
    ];
    for (const [name, change, reason] of cases) {
      // In compressed object streams too, where no string search finds the names.
      for (const useObjectStreams of [false, true]) {
        const result = await acceptUpload("surat.pdf", await pdf(change, useObjectStreams), limits);
        assert.equal(result.ok, false, name);
        assert.match(!result.ok ? result.message : "", /PDF memuat kode atau tindakan otomatis/, name);
        assert.match(!result.ok ? result.message : "", reason, name);
      }
    }
  });

  it("an office document is checked by its structure: any ZIP holding the right strings is not a DOCX; macros refused", async () => {
    const docx = await zip({
      "[Content_Types].xml": contentTypes(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      ),
      "word/document.xml": "<w:document/>",
    });
    assert.equal((await acceptUpload("surat.docx", docx, limits)).ok, true);
    const cases: [string, Buffer, RegExp][] = [
      [
        "strings only",
        await zip({ "notes.txt": "[Content_Types].xml word/ xl/", "payload.html": "<script>alert(1)</script>" }),
        /bukan DOCX/,
      ],
      [
        "the part without its declaration",
        await zip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>" }),
        /bukan DOCX/,
      ],
      [
        "macro-enabled",
        await zip({
          "[Content_Types].xml": contentTypes("application/vnd.ms-word.document.macroEnabled.main+xml"),
          "word/document.xml": "<w:document/>",
        }),
        /makro/,
      ],
      [
        "an OLE object",
        await zip({
          "[Content_Types].xml": contentTypes(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
          ),
          "word/document.xml": "<w:document/>",
          "word/embeddings/oleObject1.bin": "MZ",
        }),
        /objek tertanam/,
      ],
      ["not a zip", Buffer.from("PK\u0003\u0004 broken"), /rusak/],
    ];
    for (const [name, bytes, reason] of cases) {
      const result = await acceptUpload("surat.docx", bytes, limits);
      assert.equal(result.ok, false, name);
      assert.match(!result.ok ? result.message : "", reason, name);
    }
  });

  it("strips every kind of metadata from images: PNG text chunks, XMP, ICC profiles", async () => {
    const base = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const texted = withPngChunks(base, [
      ["tEXt", Buffer.from("Comment\0<script>alert(1)</script>", "latin1")],
      ["tEXt", Buffer.from("Author\0Siti Aminah, Jl. Sudirman 12 Tanah Grogot", "latin1")],
      ["iTXt", Buffer.from("Description\0\0\0\0\0Rumah Siti Aminah", "utf8")],
    ]);
    assert.match(texted.toString("latin1"), /Siti Aminah/);
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Siti Aminah</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const jpeg = await sharp(base).jpeg().toBuffer();
    const xmpJpeg = withJpegSegment(
      jpeg,
      Buffer.concat([Buffer.from("http://ns.adobe.com/xap/1.0/\0"), Buffer.from(xmp)]),
    );
    const iccJpeg = await sharp(base).withMetadata({ icc: "p3" }).jpeg().toBuffer();
    const cases: [string, Buffer][] = [
      ["teks.png", texted],
      ["xmp.jpg", xmpJpeg],
      ["icc.jpg", iccJpeg],
    ];
    assert.ok((await sharp(xmpJpeg).metadata()).xmp, "the fixture carries XMP");
    assert.ok((await sharp(iccJpeg).metadata()).icc, "the fixture carries an ICC profile");
    for (const [name, bytes] of cases) {
      const result = await acceptUpload(name, bytes, limits);
      assert.ok(result.ok, name);
      const meta = await sharp(result.bytes).metadata();
      assert.deepEqual(
        [meta.exif, meta.xmp, meta.icc, meta.comments],
        [undefined, undefined, undefined, undefined],
        name,
      );
      assert.doesNotMatch(result.bytes.toString("latin1"), /Siti Aminah|script|tEXt|iTXt/, name);
    }
  });

  it("refuses an image whose canvas is over 40 megapixels before decoding it", async () => {
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "#fff" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const result = await acceptUpload("spanduk.png", huge, limits);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : "", /8000 × 6000 piksel terlalu besar \(lebih dari 40 megapiksel\)/);
  });
});

/** A real one-page PDF (pdf-lib), changed by `change` before it is written. */
async function pdf(change?: (doc: PDFDocument) => void, useObjectStreams = false): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText("Surat edaran", { x: 60, y: 780, size: 14 });
  change?.(doc);
  return Buffer.from(await doc.save({ useObjectStreams }));
}

/** A ZIP of these files (yazl), as an office program or an attacker would write one. */
function zip(files: Record<string, string>): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) archive.addBuffer(Buffer.from(text), name);
  archive.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on("data", (c: Buffer) => chunks.push(c));
    archive.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    archive.outputStream.on("error", reject);
  });
}

const contentTypes = (main: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

/** A PNG with more chunks before its image data. */
function withPngChunks(png: Buffer, chunks: [string, Buffer][]): Buffer {
  const at = png.indexOf("IDAT") - 4;
  const encoded = chunks.map(([type, data]) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  });
  return Buffer.concat([png.subarray(0, at), ...encoded, png.subarray(at)]);
}

/** A JPEG with an APP1 segment (XMP) right after its start marker. */
function withJpegSegment(jpeg: Buffer, payload: Buffer): Buffer {
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}
