/**
 * Every answer of the editors' gateway that is not what the editor asked for: the HTTP status,
 * the Indonesian sentence the CMS shows the editor (what happened and what to do; their text is
 * never lost, so it says how to keep it), and the English reason the audit log keeps for DKISP's
 * developers. Codes never change: the audit log and the tests refer to them. Refusals of a path
 * come from the path policy (tools/gateway/path-policy.ts), each with its own reason.
 */
interface Refusal<A> {
  status: number;
  /** The heading of the page a refusal shows when it is a page (the SSO round trip), not JSON. */
  title?: string;
  message: (args: A) => string;
  reason: (args: A) => string;
}

function refusal<A = Record<never, never>>(r: Refusal<A>): Refusal<A> {
  return r;
}

const keepYourText = "Isian Anda masih ada di layar: salin dulu, muat ulang halaman, lalu simpan lagi.";

export const gatewayRefusals = {
  "unknown-action": refusal<{ action: string }>({
    status: 422,
    message: () => "Permintaan ini tidak dikenal.",
    reason: ({ action }) => `unknown action ${JSON.stringify(action).slice(0, 80)}`,
  }),
  "unknown-branch": refusal<{ branch: unknown; main: string }>({
    status: 422,
    message: () => "Cabang ini tidak dikenal.",
    reason: ({ branch, main }) => `branch ${JSON.stringify(branch)} is not ${main}`,
  }),
  "registry-is-dkisps": refusal({
    status: 403,
    message: () => "Data unit hanya dapat diubah oleh DKISP.",
    reason: () => "the registry is DKISP's",
  }),
  "no-base-version": refusal({
    status: 428,
    message: () =>
      "Halaman CMS ini belum memuat versi terbaru entri ini, jadi permintaan Anda belum dikirim. Salin dulu isian Anda, muat ulang halaman, lalu coba lagi.",
    reason: () => "no base version (an old admin page, or not Decap's)",
  }),
  "changed-since-loaded": refusal<{ by: "editor" | "verifikator" }>({
    status: 409,
    message: () => `Berkas ini baru saja diubah orang lain, jadi simpanan Anda belum dikirim. ${keepYourText}`,
    reason: ({ by }) =>
      by === "verifikator" ? "changed since the verifikator loaded it" : "changed since it was loaded",
  }),
  "submitted-draft-is-verifikators": refusal<{ status: string }>({
    status: 403,
    message: () => "Draf ini sudah diajukan untuk diperiksa; hanya verifikator unit ini yang dapat menghapusnya.",
    reason: ({ status }) => `a penulis deletes only drafts, not one ${status}`,
  }),
  "unknown-status": refusal<{ status: unknown }>({
    status: 422,
    message: () => "Status draf tidak dikenal.",
    reason: ({ status }) => `unknown status ${JSON.stringify(status)}`,
  }),
  "ready-is-verifikators": refusal({
    status: 403,
    message: () => "Hanya verifikator unit ini yang dapat menandai draf siap terbit.",
    reason: () => "only a verifikator marks a draft ready",
  }),
  "publishing-is-verifikators": refusal({
    status: 403,
    message: () => "Hanya verifikator unit ini yang dapat menerbitkan.",
    reason: () => "only a verifikator publishes",
  }),
  "not-ready": refusal<{ status: string }>({
    status: 409,
    message: () =>
      "Draf ini belum berstatus “Siap terbit”, atau diubah setelah ditandai: periksa isinya, lalu tandai “Siap terbit” lagi.",
    reason: ({ status }) => `not ready to publish: ${status}`,
  }),
  "no-data-file": refusal({
    status: 422,
    message: () => "Tidak ada isi yang disimpan.",
    reason: () => "no data file",
  }),
  "several-data-files": refusal({
    status: 422,
    message: () => "Satu penyimpanan hanya untuk satu entri.",
    reason: () => "more than one data file in one save",
  }),
  "too-many-files": refusal<{ count: number; max: number }>({
    status: 413,
    message: ({ max }) => `Satu penyimpanan paling banyak memuat ${max} berkas baru; simpan sebagian dulu.`,
    reason: ({ count }) => `${count} files in one save`,
  }),
  "no-raw-content": refusal({
    status: 422,
    message: () => "Isi berkas kosong.",
    reason: () => "no raw content",
  }),
  "save-spans-units": refusal({
    status: 403,
    message: () => "Satu penyimpanan hanya untuk satu unit.",
    reason: () => "one save spans units",
  }),
  "saving-to-main-is-publishing": refusal({
    status: 403,
    message: () => "Hanya verifikator yang dapat menerbitkan langsung; simpan sebagai draf.",
    reason: () => "saving to main is publishing",
  }),
  "upload-over-published": refusal<{ name: string }>({
    status: 409,
    message: ({ name }) =>
      `Sudah ada berkas terbit bernama ${name}; beri berkas baru Anda nama lain, lalu unggah lagi.`,
    reason: () => "an upload over a published file",
  }),
  "upload-refused": refusal<{ message: string }>({
    status: 422,
    message: ({ message }) => message,
    reason: ({ message }) => `upload refused: ${message}`,
  }),
  "upload-unreadable": refusal({
    status: 422,
    message: () => "Berkas unggahan tidak terbaca.",
    reason: () => "upload refused: not base64 content",
  }),
  "draft-of-another-unit": refusal({
    status: 403,
    message: () => "Draf ini milik unit lain.",
    reason: () => "the draft's collection is another unit's",
  }),
  "draft-changes-other-files": refusal<{ entry: string; files: string[] }>({
    status: 422,
    message: ({ files }) =>
      `Draf ini hanya dapat mengubah entrinya sendiri dan menambah berkas media baru; ditolak: ${files.join(", ")}. Berkas yang sudah terbit diganti dengan nama berkas baru.`,
    reason: ({ entry }) => `a draft of ${entry} may change only that file and add media`,
  }),
  "uploading-to-main-is-publishing": refusal({
    status: 403,
    message: () => "Unggah berkas lewat isian entri; berkas terbit bersama entri saat diterbitkan verifikator.",
    reason: () => "uploading to main is publishing",
  }),
  "delete-spans-units": refusal({
    status: 422,
    message: () => "Satu penghapusan hanya untuk satu unit.",
    reason: () => "a delete spans units or none",
  }),
  "deleting-from-main-is-publishing": refusal({
    status: 403,
    message: () => "Hanya verifikator yang dapat menghapus isi yang sudah terbit.",
    reason: () => "deleting from main is publishing",
  }),
  // Answers, not refusals: nothing to log.
  "file-not-found": refusal({
    status: 404,
    message: () => "Berkas tidak ditemukan.",
    reason: () => "no such file",
  }),
  "draft-not-found": refusal({
    status: 404,
    message: () => "Draf ini tidak ditemukan.",
    reason: () => "no such draft",
  }),
  "write-failed": refusal<{ detail?: string }>({
    status: 502,
    message: ({ detail }) =>
      `Penyimpanan ke repositori gagal; isian Anda masih ada di layar. Coba simpan lagi sebentar lagi.${detail ? ` (${detail})` : ""}`,
    reason: ({ detail }) => `the Git host did not take the write${detail ? `: ${detail}` : ""}`,
  }),
  "draft-touched-other-files": refusal<{ files: string[] }>({
    status: 422,
    message: ({ files }) =>
      `Draf ini mengubah berkas di luar entrinya (${files.join(", ")}), jadi tidak diterbitkan. Hapus draf ini dan buat lagi.`,
    reason: () => "the draft's branch changes files outside its entry",
  }),
  // --- the path policy (tools/gateway/path-policy.ts): answered 403 with their reason ---
  "path-empty": refusal({ status: 403, message: () => "Alamat berkas kosong.", reason: () => "no path" }),
  "path-not-canonical": refusal<{ raw: string }>({
    status: 403,
    message: () => "Alamat berkas memuat karakter yang tidak diizinkan.",
    reason: ({ raw }) => `not a canonical path: ${JSON.stringify(raw)}`,
  }),
  "path-invalid": refusal<{ why: string }>({
    status: 403,
    message: () => "Alamat berkas tidak sah.",
    reason: ({ why }) => why,
  }),
  "path-outside-units": refusal<{ path: string }>({
    status: 403,
    message: () => "Berkas ini berada di luar folder unit Anda.",
    reason: ({ path }) => `outside the editor's units: ${JSON.stringify(path)}`,
  }),
  "site-json-is-dkisps": refusal<{ slug: string }>({
    status: 403,
    message: () => "Data unit (site.json) hanya dapat diubah oleh DKISP.",
    reason: ({ slug }) => `site.json of ${slug} is DKISP's`,
  }),
  "not-a-content-folder": refusal<{ raw: string }>({
    status: 403,
    message: () => "Folder isi ini tidak dikenal.",
    reason: ({ raw }) => `not a content folder: ${JSON.stringify(raw)}`,
  }),
  "type-on-hub-only": refusal<{ name: string; label: string }>({
    status: 403,
    message: ({ label }) => `${label} hanya dapat dibuat di situs portal.`,
    reason: ({ name }) => `${name} belongs to the hub only`,
  }),
  "type-is-dkisps": refusal<{ name: string; label: string }>({
    status: 403,
    message: ({ label }) => `${label} hanya dapat dibuat oleh DKISP.`,
    reason: ({ name }) => `${name} is DKISP's`,
  }),
  "content-file-name-invalid": refusal<{ file: string }>({
    status: 403,
    message: () => "Nama berkas isi tidak sah.",
    reason: ({ file }) => `not a content file name: ${JSON.stringify(file)}`,
  }),
  "svg-upload": refusal<{ name: string }>({
    status: 403,
    message: () => "Gambar SVG tidak dapat diunggah karena dapat memuat kode program; gunakan JPG, PNG atau WebP.",
    reason: ({ name }) => `an SVG: ${JSON.stringify(name)}`,
  }),
  "upload-kind-unknown": refusal<{ name: string }>({
    status: 403,
    message: () => "Jenis berkas ini tidak dapat diunggah.",
    reason: ({ name }) => `not an image or a document: ${JSON.stringify(name)}`,
  }),
  "dkisp-uploads-logos-only": refusal<{ slug: string }>({
    status: 403,
    message: () => "DKISP hanya dapat mengunggah logo ke folder unit.",
    reason: ({ slug }) => `DKISP writes only images (logos) in ${slug}`,
  }),
  "not-a-draft-branch": refusal<{ raw: string }>({
    status: 403,
    message: () => "Draf ini tidak dikenal.",
    reason: ({ raw }) => `not a draft branch: ${JSON.stringify(raw)}`,
  }),
  // --- the HTTP layer, before any action (tools/gateway/routes/) ---
  "unknown-site": refusal({
    status: 404,
    message: () => "Situs ini tidak dikenal.",
    reason: () => "no such site at this host",
  }),
  "rate-limited": refusal<{ retryAfter: number }>({
    status: 429,
    message: ({ retryAfter }) =>
      `Terlalu banyak permintaan dalam waktu singkat. Tunggu ${retryAfter} detik, lalu coba lagi.`,
    reason: () => "rate limit",
  }),
  "cross-origin": refusal<{ origin: unknown; logout?: boolean }>({
    status: 403,
    message: () => "Permintaan dari luar halaman CMS situs ini ditolak.",
    reason: ({ origin, logout }) =>
      `${logout ? "logout from" : "cross-origin request from"} ${JSON.stringify(origin ?? null)}`,
  }),
  "session-expired": refusal({
    status: 401,
    message: () =>
      "Sesi Anda telah berakhir. Isian Anda masih ada di layar: klik “Masuk lagi” di bagian bawah layar, lalu simpan lagi.",
    reason: () => "session expired",
  }),
  "no-session": refusal({
    status: 401,
    message: () => "Anda belum masuk. Klik “Masuk lagi” di bagian bawah layar untuk masuk dengan akun SSO Kabupaten.",
    reason: () => "no session",
  }),
  "no-local-key": refusal({
    status: 401,
    message: () => "Halaman CMS ini bukan dari npm start yang sedang berjalan: muat ulang /admin/.",
    reason: () => "no local key",
  }),
  "body-too-large": refusal<{ maxBytes: number }>({
    status: 413,
    message: () => "Berkas terlalu besar untuk dikirim sekaligus.",
    reason: ({ maxBytes }) => `body over ${maxBytes} bytes`,
  }),
  "not-json": refusal({
    status: 400,
    message: () => "Permintaan tidak terbaca.",
    reason: () => "not JSON",
  }),
  "no-role-on-site": refusal({
    status: 403,
    message: () => "Akun Anda tidak memiliki peran di situs ini. Hubungi DKISP.",
    reason: () => "no role on this site",
  }),
  "method-not-allowed": refusal({
    status: 405,
    message: () => "Metode tidak diizinkan.",
    reason: () => "method not allowed",
  }),
  "route-not-found": refusal({
    status: 404,
    message: () => "Tidak ditemukan.",
    reason: () => "no such route",
  }),
  "not-logged-in": refusal({
    status: 401,
    message: () => "Belum masuk.",
    reason: () => "no session",
  }),
  "no-sso-locally": refusal({
    status: 404,
    message: () => "Tidak ada SSO dalam mode lokal.",
    reason: () => "no SSO in local mode",
  }),
  "login-expired": refusal({
    status: 400,
    title: "Proses masuk tidak dapat dilanjutkan",
    message: () => "Waktu masuk habis atau dimulai di jendela lain.",
    reason: () => "no pending login (expired, or another window)",
  }),
  "login-failed": refusal<{ detail: string }>({
    status: 400,
    title: "Proses masuk gagal",
    message: () => "SSO tidak mengonfirmasi akun Anda. Silakan coba lagi.",
    reason: ({ detail }) => `SSO login failed: ${detail}`,
  }),
  "preview-not-signed-in": refusal({
    status: 401,
    title: "Pratinjau hanya untuk pengelola isi",
    message: () =>
      "Pratinjau draf hanya dapat dibuka oleh penulis dan verifikator unit ini yang sudah masuk. Masuk ke pengelola isi dulu, lalu buka tautan “Lihat pratinjau” lagi.",
    reason: () => "preview: no session",
  }),
  "preview-not-allowed": refusal({
    status: 403,
    title: "Pratinjau hanya untuk pengelola isi unit ini",
    message: () => "Akun Anda bukan penulis atau verifikator unit ini, jadi pratinjau drafnya tidak dapat dibuka.",
    reason: () => "preview: no role in the draft's unit",
  }),
  "preview-not-found": refusal({
    status: 404,
    title: "Pratinjau tidak ditemukan",
    message: () =>
      "Draf ini tidak ada lagi: mungkin sudah diterbitkan (lihat halamannya di situs) atau dihapus. Buka pengelola isi untuk melihat draf yang ada.",
    reason: () => "preview: no such draft",
  }),
  "preview-page-not-found": refusal({
    status: 404,
    title: "Halaman tidak ditemukan di pratinjau",
    message: () => "Halaman ini tidak ada di pratinjau draf. Kembali ke halaman draf atau ke beranda pratinjau.",
    reason: () => "preview: no such page",
  }),
  "server-error": refusal({
    status: 500,
    message: () => "Terjadi kesalahan di server CMS; isian Anda masih ada di layar. Coba lagi.",
    reason: () => "the gateway failed",
  }),
};

export type GatewayRefusalCode = keyof typeof gatewayRefusals;
export type GatewayRefusalArgs<C extends GatewayRefusalCode> = Parameters<(typeof gatewayRefusals)[C]["message"]>[0];

/** A refusal as the gateway answers and logs it: its status, the editor's sentence, the log's reason. */
export function gatewayRefusal<C extends GatewayRefusalCode>(code: C, args: GatewayRefusalArgs<C>) {
  const entry = gatewayRefusals[code] as Refusal<unknown>;
  return { status: entry.status, title: entry.title, message: entry.message(args), reason: entry.reason(args) };
}
