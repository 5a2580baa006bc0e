import assert from "node:assert/strict";
import { describe, it } from "node:test";
import sharp from "sharp";
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

  it("keeps a real PDF byte for byte", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const result = await acceptUpload("renstra.pdf", pdf, limits);
    assert.ok(result.ok && result.bytes.equals(pdf));
  });
});
