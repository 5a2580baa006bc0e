import sharp from "sharp";
import { pick, seeded } from "./random.ts";

/**
 * A stand-in photograph: a landscape of sky, hills, buildings and people drawn as SVG and encoded
 * as a camera-like JPEG. No text (fonts differ between machines) and nothing downloaded.
 */
export async function makePhoto(seed: string, accent: string, width = 1600, height = 1067): Promise<Buffer> {
  const rand = seeded(seed);
  const skies = [
    ["#9cc9ef", "#e8f3fb"],
    ["#f6c28b", "#fbe7d0"],
    ["#87b6d8", "#d9ecf7"],
    ["#b9d7c9", "#eef6f1"],
  ];
  const [skyTop, skyBottom] = pick(rand, skies);
  const shapes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const y = height * (0.45 + i * 0.12);
    const green = ["#5f8f4e", "#4c7a3f", "#3b6331"][i];
    shapes.push(
      `<path d="M0 ${y} Q ${width * rand()} ${y - 120 * rand()} ${width} ${y + 40 * rand()} L ${width} ${height} L 0 ${height} Z" fill="${green}"/>`,
    );
  }
  const buildings = 2 + Math.floor(rand() * 4);
  for (let i = 0; i < buildings; i++) {
    const w = 160 + rand() * 260;
    const h = 120 + rand() * 260;
    const x = rand() * (width - w);
    const y = height * 0.62 - h;
    shapes.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${pick(rand, ["#f4f1ea", "#e9e4d8", "#dcd6c8"])}"/>`,
    );
    shapes.push(
      `<path d="M${x - 20} ${y} L ${x + w / 2} ${y - 70 - rand() * 40} L ${x + w + 20} ${y} Z" fill="${accent}"/>`,
    );
    for (let k = 0; k < Math.floor(w / 60); k++) {
      shapes.push(`<rect x="${x + 20 + k * 60}" y="${y + 40}" width="30" height="40" fill="#6b7c8c"/>`);
    }
  }
  const people = 4 + Math.floor(rand() * 10);
  for (let i = 0; i < people; i++) {
    const x = rand() * width;
    const y = height * (0.72 + rand() * 0.2);
    const s = 0.8 + rand() * 0.8;
    const shirt = pick(rand, [accent, "#c0392b", "#f1c40f", "#ecf0f1", "#2c3e50", "#8e44ad"]);
    shapes.push(`<circle cx="${x}" cy="${y - 95 * s}" r="${18 * s}" fill="#8d5a3b"/>`);
    shapes.push(
      `<rect x="${x - 22 * s}" y="${y - 75 * s}" width="${44 * s}" height="${75 * s}" rx="${10 * s}" fill="${shirt}"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyBottom}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#s)"/>
<circle cx="${width * (0.15 + rand() * 0.7)}" cy="${height * 0.18}" r="${50 + rand() * 30}" fill="#fff6d5" opacity=".9"/>
${shapes.join("\n")}
</svg>`;
  // A touch of noise makes the JPEG behave like a real photo (flat vectors compress unrealistically well).
  return sharp(Buffer.from(svg)).blur(1.2).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}

/** A square logo: the unit's accent colour with a simple emblem. */
export async function makeLogo(seed: string, accent: string): Promise<Buffer> {
  const rand = seeded(seed);
  const points = 5 + Math.floor(rand() * 4);
  const star = Array.from({ length: points * 2 }, (_, i) => {
    const r = i % 2 === 0 ? 150 : 70;
    const a = (Math.PI * i) / points - Math.PI / 2;
    return `${256 + r * Math.cos(a)},${256 + r * Math.sin(a)}`;
  }).join(" ");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><rect width="512" height="512" rx="80" fill="${accent}"/><circle cx="256" cy="256" r="200" fill="none" stroke="#f5d76e" stroke-width="18"/><polygon points="${star}" fill="#f5d76e"/></svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

/**
 * The demo regency's emblem: a drawn shield, taller than wide (as most regencies' emblems are), so
 * the theme is seen to keep a mark's own proportions. Invented; not Kabupaten Paser's emblem.
 */
export async function makeEmblem(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="480" viewBox="0 0 400 480">
<path d="M200 12 L380 60 L380 250 C380 360 300 430 200 468 C100 430 20 360 20 250 L20 60 Z" fill="#f2c230"/>
<path d="M200 34 L358 76 L358 250 C358 346 288 408 200 444 C112 408 42 346 42 250 L42 76 Z" fill="#1d6b3a"/>
<polygon points="200,70 214,112 258,112 222,138 236,180 200,154 164,180 178,138 142,112 186,112" fill="#ffffff"/>
<path d="M110 300 C150 200 250 200 290 300" fill="none" stroke="#f2c230" stroke-width="14"/>
<g fill="#f2c230">${Array.from({ length: 9 }, (_, i) => {
    const a = Math.PI * (0.15 + (i * 0.7) / 8);
    return `<ellipse cx="${200 - 95 * Math.cos(a)}" cy="${300 - 95 * Math.sin(a)}" rx="9" ry="18" transform="rotate(${(a * 180) / Math.PI - 90} ${200 - 95 * Math.cos(a)} ${300 - 95 * Math.sin(a)})"/>`;
  }).join("")}</g>
<path d="M70 330 Q100 312 130 330 T190 330 T250 330 T310 330 T340 330" fill="none" stroke="#7cc3e8" stroke-width="12"/>
<path d="M80 364 Q110 346 140 364 T200 364 T260 364 T320 364" fill="none" stroke="#7cc3e8" stroke-width="12"/>
<rect x="150" y="200" width="100" height="70" fill="#ffffff"/>
<path d="M140 200 L200 160 L260 200 Z" fill="#b8322a"/>
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}
