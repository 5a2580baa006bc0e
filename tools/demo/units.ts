import type { SiteRecord, SiteType } from "../core/records.ts";
import { pick, seeded } from "./random.ts";

/** Office addresses, heads and colours for the demo. Names of people are fictional. */
const streets = [
  "Jl. Jenderal Sudirman",
  "Jl. Kusuma Bangsa",
  "Jl. Senopati",
  "Jl. Imam Bonjol",
  "Jl. Ahmad Yani",
  "Jl. R.A. Kartini",
  "Jl. Pangeran Menteri",
  "Jl. Noto Sunardi",
  "Jl. Modang",
  "Jl. Gajah Mada",
];

const kecamatanTowns: Record<string, { town: string; postcode: string; lat: number; lng: number }> = {
  kecbatusopang: { town: "Batu Kajang", postcode: "76252", lat: -1.8005, lng: 115.9806 },
  kecmuarasamu: { town: "Muara Samu", postcode: "76253", lat: -1.8601, lng: 115.7311 },
  kecbatuengau: { town: "Kerang", postcode: "76261", lat: -2.0978, lng: 116.0734 },
  kectanjungharapan: { town: "Tanjung Aru", postcode: "76262", lat: -1.7712, lng: 116.3712 },
  kecpaserbelengkong: { town: "Paser Belengkong", postcode: "76271", lat: -1.9722, lng: 116.1731 },
  kectanahgrogot: { town: "Tanah Grogot", postcode: "76211", lat: -1.9093, lng: 116.1972 },
  keckuaro: { town: "Kuaro", postcode: "76281", lat: -1.8354, lng: 116.0511 },
  keclongikis: { town: "Long Ikis", postcode: "76282", lat: -1.6472, lng: 116.1903 },
  kecmuarakomam: { town: "Muara Komam", postcode: "76283", lat: -1.6967, lng: 115.6292 },
  keclongkali: { town: "Long Kali", postcode: "76284", lat: -1.5011, lng: 116.4989 },
};

// Dark enough that white text on it passes WCAG AA (contrast at least 4.5:1).
const accents: Record<SiteType, string[]> = {
  portal: ["#0b4f6c"],
  sekretariat: ["#5b2a86", "#6b3a2a"],
  inspektorat: ["#3d3d6b"],
  badan: ["#0b5394", "#1f4e79", "#4a3f8c", "#7a3b00", "#8a1c1c", "#205072"],
  dinas: ["#1d5e3b", "#0b5394", "#7b2d26", "#4a4a8a", "#00606b", "#5c4a1f", "#6a1b4d", "#2f5d50", "#8a3c00"],
  kecamatan: ["#33691e", "#004d40", "#3e2723", "#1a237e"],
  kelurahan: ["#33691e"],
  rsud: ["#00695c", "#01579b"],
  puskesmas: ["#00695c"],
  lainnya: ["#37474f"],
};

const firstNames = [
  "Ahmad",
  "Siti",
  "Muhammad",
  "Nur",
  "Rahmat",
  "Dewi",
  "Agus",
  "Rina",
  "Hendra",
  "Fitri",
  "Budi",
  "Yuliana",
  "Syahrul",
  "Marlina",
  "Andi",
  "Hasanah",
  "Irwan",
  "Sri",
  "Jumadi",
  "Lestari",
];
const lastNames = [
  "Hidayat",
  "Rahmawati",
  "Saputra",
  "Wulandari",
  "Kurniawan",
  "Handayani",
  "Setiawan",
  "Ramadhani",
  "Pratama",
  "Maulida",
  "Syahputra",
  "Anggraini",
  "Gunawan",
  "Nurhayati",
];

function person(rand: () => number, title: string): string {
  return `${title}${pick(rand, firstNames)} ${pick(rand, lastNames)}`;
}

export interface UnitSeed {
  slug: string;
  name: string;
  short_name: string;
  type: SiteType;
}

export function siteRecord(unit: UnitSeed, domain: string): SiteRecord {
  const rand = seeded(unit.slug);
  const area = kecamatanTowns[unit.slug];
  const address = area
    ? `${pick(rand, ["Jl. Poros", "Jl. Negara", "Jl. Pendidikan"])} No. ${1 + Math.floor(rand() * 40)}, ${area.town}, Kabupaten Paser, Kalimantan Timur ${area.postcode}`
    : `${pick(rand, streets)} No. ${1 + Math.floor(rand() * 120)}, Tanah Grogot, Kabupaten Paser, Kalimantan Timur 76211`;
  const headTitle =
    unit.type === "kecamatan"
      ? "Camat"
      : unit.type === "rsud"
        ? "Direktur"
        : unit.type === "sekretariat"
          ? unit.slug === "setda"
            ? "Sekretaris Daerah"
            : "Sekretaris DPRD"
          : unit.type === "inspektorat"
            ? "Inspektur"
            : "Kepala";
  const degree = unit.type === "rsud" ? "dr. " : "";
  const record: SiteRecord = {
    slug: unit.slug,
    name:
      unit.type === "kecamatan" ||
      unit.type === "rsud" ||
      unit.type === "portal" ||
      unit.name.includes("Kabupaten Paser")
        ? unit.name
        : `${unit.name} Kabupaten Paser`,
    short_name: unit.short_name,
    type: unit.type,
    description:
      unit.type === "portal"
        ? "Portal resmi Pemerintah Kabupaten Paser: satu pintu ke seluruh perangkat daerah."
        : `Situs resmi ${unit.name}, perangkat daerah Pemerintah Kabupaten Paser.`,
    address,
    phone: `(0543) ${21000 + Math.floor(rand() * 8999)}`,
    email: `${unit.slug}@${domain}`,
    service_hours:
      unit.type === "rsud"
        ? [
            { days: "Instalasi Gawat Darurat", hours: "00.00–24.00" },
            { days: "Poliklinik Senin–Kamis", hours: "08.00–14.00" },
            { days: "Poliklinik Jumat", hours: "08.00–11.00" },
          ]
        : [
            { days: "Senin–Kamis", hours: "07.30–16.00" },
            { days: "Jumat", hours: "07.30–11.30" },
          ],
    map: area
      ? { lat: area.lat, lng: area.lng }
      : { lat: -1.9093 + (rand() - 0.5) * 0.02, lng: 116.1972 + (rand() - 0.5) * 0.02 },
    accent_color: pick(rand, accents[unit.type]),
    head: {
      name: person(rand, degree),
      position:
        unit.type === "portal"
          ? "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian"
          : `${headTitle} ${unit.type === "kecamatan" ? unit.name.replace("Kecamatan ", "") : unit.type === "dinas" || unit.type === "badan" ? unit.name : unit.short_name}`,
    },
    ppid: { name: person(rand, ""), email: `ppid.${unit.slug}@${domain}` },
    lapor_url: "https://www.lapor.go.id",
    status: "active",
  };
  record.map = { lat: Number(record.map!.lat.toFixed(4)), lng: Number(record.map!.lng.toFixed(4)) };
  return record;
}
