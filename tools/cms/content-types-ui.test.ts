import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { schemas } from "../schema/schemas.ts";
import { parseMarkdown } from "../content/front-matter.ts";
import { hubSlug, startCmsSession, type CmsSession } from "../test/cms-session.ts";
import { sampleDate, sampleDateTime, sampleNumber, sampleText, schemaOf } from "./sample-values.ts";
import type { DecapField } from "./schema-fields.ts";

interface Collection {
  name: string;
  folder: string;
  fields: DecapField[];
}

/**
 * Parity through the real UI, for every content type: the CMS flags exactly the fields the schema
 * requires, and an entry with those fields filled in, as an editor fills them (selects, lists,
 * uploads), is saved and passes validation as committed.
 */
describe("every content type through the CMS's own form", () => {
  let cms: CmsSession;
  let uploads: string;
  /** Files an editor picks from their computer: outside the repository, names the schema accepts. */
  const files = { image: "", document: "" };

  before(async () => {
    cms = await startCmsSession();
    uploads = await mkdtemp(join(tmpdir(), "portal-upload-"));
    files.image = join(uploads, "foto-kegiatan.jpg");
    files.document = join(uploads, "dokumen-uji.pdf");
    await copyFile(join(cms.ws.sitesDir, "dinkes/media/berita/posyandu.jpg"), files.image);
    await copyFile(join(cms.ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf"), files.document);
  });
  after(async () => {
    await cms?.close();
    if (uploads) await rm(uploads, { recursive: true, force: true });
  });

  /** The configuration the site serves its CMS, as Decap receives it. */
  async function collectionOf(page: Page, name: string): Promise<Collection> {
    const config = (await page.evaluate(() => fetch("config.json").then((r) => r.json()))) as {
      collections: Collection[];
    };
    const collection = config.collections.find((c) => c.name === name);
    assert.ok(collection, `${name} in the served config`);
    return collection;
  }

  /** Fills one field as an editor does, with a value validation accepts; `path` names the schema. */
  async function fill(page: Page, type: string, field: DecapField, path: string[]): Promise<void> {
    const input = page.getByLabel(field.label, { exact: true }).last();
    switch (field.widget) {
      case "string":
      case "text":
        return input.fill(sampleText(schemaOf(type, path)));
      case "number":
        return input.fill(String(sampleNumber(field)));
      case "datetime":
        // The browser's own date and date-time inputs.
        return input.fill(field.time_format === false ? sampleDate : sampleDateTime.replace(" ", "T"));
      case "select":
        await input.click();
        return page.getByRole("option", { name: field.options![0]!.label, exact: true }).click();
      case "image":
      case "file":
        return upload(
          page,
          field.widget === "image" ? "Pilih gambar" : "Pilih berkas",
          field.widget === "image" ? files.image : files.document,
        );
      case "list": {
        await page.getByRole("button", { name: `Tambah ${field.label.toLowerCase()}`, exact: true }).click();
        if (field.field)
          return page
            .getByRole("textbox", { name: field.field.label, exact: true })
            .last()
            .fill(sampleText(schemaOf(type, path)).slice(0, 80));
        for (const sub of field.fields!.filter((f) => f.required)) await fill(page, type, sub, [...path, sub.name]);
        return;
      }
      case "object":
        // A required group (a maklumat's signatory, a survey's nine elements): its own fields.
        for (const sub of field.fields!.filter((f) => f.required)) await fill(page, type, sub, [...path, sub.name]);
        return;
      default:
        assert.fail(`no way to fill a ${field.widget} field (${field.name}) in this test`);
    }
  }

  /** Through the media library: choose a file from the computer, then use it. */
  async function upload(page: Page, button: string, file: string): Promise<void> {
    await page.getByRole("button", { name: button, exact: true }).last().click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText(file.split("/").pop()!).first().waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Pakai yang dipilih" }).click();
  }

  /** The labels of the fields Decap marks after a save, by the start of each message. */
  async function flaggedFields(page: Page, fields: DecapField[]): Promise<string[]> {
    // The text as written: the theme of Decap's form shows these messages in capitals.
    const messages = await page.getByRole("listitem").allTextContents();
    const labels = fields.map((f) => f.label).sort((a, b) => b.length - a.length);
    return messages.map((m) => labels.find((l) => m.startsWith(`${l} `))).filter((l): l is string => l !== undefined);
  }

  const cases = [
    ...schemas()
      .types.filter((t) => !t.hubOnly)
      .map((t) => ({ slug: "dinkes", type: t.name })),
    ...schemas()
      .types.filter((t) => t.hubOnly)
      .map((t) => ({ slug: hubSlug, type: t.name })),
  ];
  for (const { slug, type } of cases) {
    it(`${slug}_${type}: requires what the schema requires, and saves what validation accepts`, async () => {
      const page = await cms.login(slug);
      const collection = await collectionOf(page, `${slug}_${type}`);
      const required = collection.fields.filter((f) => f.required);
      await page.goto(`${cms.adminUrl(slug)}#/collections/${collection.name}/new`);

      // An untouched form cannot be saved; touch the first field and leave it empty again.
      const first = page.getByLabel(required[0]!.label, { exact: true });
      await first.fill("x");
      await first.fill("");
      await page.getByRole("button", { name: "Simpan" }).click();
      await page.getByText("Ada kolom wajib yang belum diisi").waitFor({ timeout: 15_000 });
      // Decap flags a required group by its own required fields.
      const flaggable = required.flatMap((f) =>
        f.widget === "object" && f.fields ? f.fields.filter((sub) => sub.required) : [f],
      );
      assert.deepEqual(
        (await flaggedFields(page, [...collection.fields, ...flaggable])).sort(),
        flaggable
          .filter((f) => f.default === undefined)
          .map((f) => f.label)
          .sort(),
      );

      for (const field of required) await fill(page, type, field, [field.name]);
      await page.getByRole("button", { name: "Simpan" }).click();
      await cms.outcome(page, "Tulisan tersimpan");

      const branches = cms
        .git("branch", "--list", "--format=%(refname:short)", `cms/${collection.name}/*`)
        .stdout.trim()
        .split("\n");
      assert.equal(branches.length, 1, branches.join(", "));
      const branch = branches[0]!;
      const changed = cms.git("diff", "--name-only", `main...${branch}`).stdout.trim().split("\n");
      const entry = changed.find((f) => f.startsWith(`${collection.folder}/`));
      assert.ok(entry, `the entry under ${collection.folder}: ${changed.join(", ")}`);
      const uploaded = required.some(
        (f) =>
          ["image", "file"].includes(f.widget) ||
          f.fields?.some((s) => s.required && ["image", "file"].includes(s.widget)),
      );
      assert.equal(
        changed.filter((f) => f.startsWith(`sites/${slug}/media/`)).length,
        uploaded ? 1 : 0,
        changed.join(", "),
      );
      assert.ok(
        changed.every((f) => f.startsWith(`sites/${slug}/`)),
        `nothing outside ${slug}: ${changed.join(", ")}`,
      );

      const { parsed } = parseMarkdown(cms.git("show", `${branch}:${entry}`).stdout, entry);
      assert.deepEqual(
        required.map((f) => f.name).filter((name) => !(name in (parsed?.data ?? {}))),
        [],
        "every required field is stored",
      );
      assert.deepEqual(await cms.problemsAt(slug, branch), []);
      await page.close();
    });
  }

  it("the hub's registry: DKISP edits a unit's record; empty optional parts are left out, a half-filled one is refused", async () => {
    const page = await cms.login(hubSlug);
    await page.goto(`${cms.adminUrl(hubSlug)}#/collections/${hubSlug}_registry/entries/dinkes`);
    await page.getByLabel("Telepon", { exact: true }).first().fill("(0543) 99999");
    // Typed in and cleared again: stored as nothing, not as "" (which breaks the phone pattern).
    const whatsapp = page.getByLabel(/^WhatsApp layanan/);
    await whatsapp.fill("0812");
    await whatsapp.fill("");
    // The head of the unit is optional, but once named, their position is needed too.
    await page.getByLabel(/^Nama lengkap dan gelar/).fill("dr. Hj. Aisyah Rahman, M.Kes.");
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText('Kolom "Jabatan" wajib diisi karena "Pimpinan unit" diisi.').waitFor({ timeout: 15_000 });
    const branch = `cms/${hubSlug}_registry/dinkes`;
    assert.equal(cms.git("branch", "--list", branch).stdout.trim(), "", "nothing was saved");

    // Dismiss that notice, so the next one is read.
    await page.getByRole("button", { name: "close" }).click();
    await page.getByText(/gagal disimpan/).waitFor({ state: "hidden" });
    await page.getByLabel(/^Jabatan/).fill("Kepala Dinas Kesehatan");
    await page.getByRole("button", { name: "Simpan" }).click();
    await cms.outcome(page, "Tulisan tersimpan");
    const record = JSON.parse(cms.git("show", `${branch}:sites/dinkes/site.json`).stdout) as Record<string, unknown>;
    assert.equal(record.phone, "(0543) 99999");
    assert.deepEqual(record.head, { name: "dr. Hj. Aisyah Rahman, M.Kes.", position: "Kepala Dinas Kesehatan" });
    assert.equal(record.slug, "dinkes", "the subdomain is kept");
    assert.equal("whatsapp" in record, false, "a cleared field is left out");
    assert.equal("map" in record, false, "the empty coordinates are left out");
    assert.deepEqual(await cms.problemsAt("dinkes", branch), []);
    await page.close();
  });
});
