/*
 * Pictures for the demo's Praxisbeispiele (decision 0035): simple scenes drawn as SVG (no text, so no font is
 * needed) and rasterised with sharp while seeding, then stored like any upload. Made up, like the demo history.
 */

export const DEMO_SCENES = [
  "market",
  "park",
  "cycleway",
  "solar",
  "workshop",
  "shop",
  "mobility",
  "youth",
  "digital",
  "brownfield",
  "river",
  "library",
] as const;
export type DemoScene = (typeof DEMO_SCENES)[number];

export const SCENE_WIDTH = 1200;
export const SCENE_HEIGHT = 800;
const W = SCENE_WIDTH;
const H = SCENE_HEIGHT;
const GROUND = 560;

/** A small deterministic generator: the same scene and variant draw the same picture. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}

const WALLS = ["#e8d5b7", "#f2e3c6", "#d9a679", "#c7d3dd", "#efc9a9", "#e0e0cf", "#f4d06f"];
const ROOFS = ["#9c3d2e", "#7a4a3a", "#5d4037", "#8d2f23", "#6b5b4b"];

function sky(variant: number, sun: boolean): string {
  const tops = ["#7fb6e8", "#9cc7ef", "#f7c59f", "#8ec5d6"];
  const top = tops[variant % tops.length] ?? "#7fb6e8";
  return `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="#eef6fb"/></linearGradient></defs>
  <rect width="${W}" height="${H}" fill="url(#sky)"/>
  ${sun ? `<circle cx="${980 - variant * 90}" cy="130" r="60" fill="#fff3b0" opacity="0.9"/>` : ""}
  <path d="M0 ${GROUND - 60} C 250 ${GROUND - 170} 450 ${GROUND - 40} 700 ${GROUND - 120} S 1050 ${GROUND - 60} ${W} ${GROUND - 140} L ${W} ${GROUND} L 0 ${GROUND} Z" fill="#9bc48a"/>`;
}

function ground(colour = "#7fae6b"): string {
  return `<rect y="${GROUND}" width="${W}" height="${H - GROUND}" fill="${colour}"/>`;
}

function house(x: number, width: number, height: number, wall: string, roof: string, rnd: () => number): string {
  const top = GROUND - height;
  const windows: string[] = [];
  const rows = Math.max(1, Math.floor((height - 60) / 70));
  const cols = Math.max(1, Math.floor((width - 20) / 50));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const wx = x + 15 + c * ((width - 30) / cols) + ((width - 30) / cols - 26) / 2;
      const wy = top + 25 + r * 70;
      const lit = rnd() < 0.3 ? "#ffe9a8" : "#5b7a99";
      windows.push(`<rect x="${wx.toFixed(1)}" y="${wy}" width="26" height="38" fill="${lit}" stroke="#fff" stroke-width="3"/>`);
    }
  }
  const door = `<rect x="${x + width / 2 - 16}" y="${GROUND - 56}" width="32" height="56" fill="#6d4c41"/>`;
  return `<rect x="${x}" y="${top}" width="${width}" height="${height}" fill="${wall}"/>
  <path d="M${x - 10} ${top} L${x + width / 2} ${top - width * 0.45} L${x + width + 10} ${top} Z" fill="${roof}"/>${windows.join("")}${door}`;
}

function tree(x: number, size: number, colour = "#3f7d3a"): string {
  return `<rect x="${x - size * 0.08}" y="${GROUND - size * 1.1}" width="${size * 0.16}" height="${size * 1.1}" fill="#6b4f2e"/>
  <circle cx="${x}" cy="${GROUND - size * 1.2}" r="${size * 0.55}" fill="${colour}"/>
  <circle cx="${x - size * 0.3}" cy="${GROUND - size * 0.95}" r="${size * 0.4}" fill="${colour}" opacity="0.9"/>
  <circle cx="${x + size * 0.3}" cy="${GROUND - size * 0.95}" r="${size * 0.4}" fill="${colour}" opacity="0.9"/>`;
}

function person(x: number, y: number, colour: string, scale = 1): string {
  return `<circle cx="${x}" cy="${y - 62 * scale}" r="${13 * scale}" fill="#f1c7a3"/>
  <path d="M${x - 20 * scale} ${y} Q${x} ${y - 100 * scale} ${x + 20 * scale} ${y} Z" fill="${colour}"/>`;
}

function bicycle(x: number, y: number, colour: string): string {
  return `<g fill="none" stroke="#333" stroke-width="5"><circle cx="${x}" cy="${y}" r="26"/><circle cx="${x + 80}" cy="${y}" r="26"/></g>
  <path d="M${x} ${y} L${x + 30} ${y - 40} L${x + 65} ${y - 40} L${x + 80} ${y} M${x + 30} ${y - 40} L${x + 40} ${y}" stroke="${colour}" stroke-width="7" fill="none"/>`;
}

function town(rnd: () => number, from = 40, to = W - 40): string {
  const parts: string[] = [];
  let x = from;
  while (x < to - 120) {
    const width = 110 + Math.floor(rnd() * 70);
    const height = 170 + Math.floor(rnd() * 140);
    parts.push(house(x, width, height, WALLS[Math.floor(rnd() * WALLS.length)] ?? "#eee", ROOFS[Math.floor(rnd() * ROOFS.length)] ?? "#933", rnd));
    x += width + 12;
  }
  return parts.join("");
}

const PEOPLE = ["#c0392b", "#2e86c1", "#27ae60", "#8e44ad", "#f39c12", "#16a085", "#d35400"];

function scenePart(scene: DemoScene, rnd: () => number): string {
  switch (scene) {
    case "market": {
      const stalls = [0, 1, 2, 3]
        .map((i) => {
          const x = 140 + i * 250;
          const colour = ["#e74c3c", "#2980b9", "#f1c40f", "#27ae60"][i] ?? "#e74c3c";
          return `<rect x="${x}" y="${GROUND + 40}" width="170" height="80" fill="#a1887f"/><path d="M${x - 15} ${GROUND + 40} L${x + 185} ${GROUND + 40} L${x + 165} ${GROUND - 10} L${x + 5} ${GROUND - 10} Z" fill="${colour}"/>`;
        })
        .join("");
      return `${town(rnd)}${ground("#b7a995")}${stalls}${[0, 1, 2, 3, 4, 5].map((i) => person(120 + i * 190 + rnd() * 40, H - 40, PEOPLE[i] ?? "#333")).join("")}`;
    }
    case "park":
      return `${ground()}<path d="M0 ${H} C 300 ${GROUND + 80} 700 ${GROUND + 140} ${W} ${GROUND + 30} L ${W} ${GROUND + 90} C 700 ${GROUND + 200} 300 ${GROUND + 150} 120 ${H} Z" fill="#d7c9a7"/>
        ${[90, 260, 430, 780, 960, 1110].map((x) => tree(x, 90 + rnd() * 60, rnd() < 0.5 ? "#3f7d3a" : "#5a9a4a")).join("")}
        <rect x="560" y="${GROUND + 110}" width="120" height="14" fill="#6d4c41"/><rect x="570" y="${GROUND + 124}" width="10" height="30" fill="#444"/><rect x="660" y="${GROUND + 124}" width="10" height="30" fill="#444"/>
        ${person(520, H - 30, PEOPLE[1] ?? "#333")}${person(740, H - 50, PEOPLE[4] ?? "#333", 0.8)}`;
    case "cycleway":
      return `${town(rnd, 40, 700)}${tree(820, 110)}${tree(1000, 130)}${ground("#8d8d8d")}
        <rect y="${GROUND + 110}" width="${W}" height="90" fill="#c0392b" opacity="0.85"/>
        <path d="M0 ${GROUND + 110} L${W} ${GROUND + 110}" stroke="#fff" stroke-width="6" stroke-dasharray="40 30"/>
        ${bicycle(200, GROUND + 170, "#2e86c1")}${bicycle(620, GROUND + 175, "#27ae60")}${bicycle(960, GROUND + 168, "#f39c12")}`;
    case "solar": {
      const roofs = [0, 1, 2]
        .map((i) => {
          const x = 80 + i * 370;
          const panels = [0, 1, 2, 3]
            .map((p) => `<path d="M${x + 40 + p * 60} ${GROUND - 250 + p * 0} l50 0 l-10 -60 l-50 0 Z" fill="#1f3a93" stroke="#cfd8e3" stroke-width="3"/>`)
            .join("");
          return `${house(x, 300, 220, WALLS[i] ?? "#eee", "#5d4037", rnd)}${panels}`;
        })
        .join("");
      return `${roofs}${ground()}<circle cx="1080" cy="140" r="70" fill="#ffd54f"/>`;
    }
    case "workshop":
      return `<rect width="${W}" height="${H}" fill="#f5efe6"/><rect x="150" y="90" width="900" height="330" fill="#fff" stroke="#8d6e63" stroke-width="10"/>
        <path d="M200 380 C 350 200 500 330 620 200 S 900 280 1000 140" stroke="#2e86c1" stroke-width="14" fill="none"/>
        ${[0, 1, 2, 3, 4].map((i) => `<rect x="${260 + i * 150}" y="${150 + (i % 2) * 90}" width="90" height="70" fill="${["#f9e79f", "#aed6f1", "#abebc6", "#f5b7b1", "#d7bde2"][i] ?? "#fff"}"/>`).join("")}
        <ellipse cx="600" cy="640" rx="380" ry="90" fill="#a1887f"/>
        ${[0, 1, 2, 3, 4, 5, 6].map((i) => person(260 + i * 115, 560 + (i % 2) * 20, PEOPLE[i] ?? "#333", 1.1)).join("")}`;
    case "shop":
      return `${house(330, 540, 260, "#f2e3c6", "#8d2f23", rnd)}<path d="M320 ${GROUND - 120} L880 ${GROUND - 120} L850 ${GROUND - 70} L350 ${GROUND - 70} Z" fill="#27ae60"/>
        <path d="M320 ${GROUND - 120} L880 ${GROUND - 120}" stroke="#fff" stroke-width="8" stroke-dasharray="35 35"/>
        ${tree(150, 120)}${tree(1050, 110)}${ground()}
        <rect x="400" y="${GROUND + 10}" width="90" height="60" fill="#e67e22"/><rect x="710" y="${GROUND + 10}" width="90" height="60" fill="#c0392b"/>
        ${person(560, H - 60, PEOPLE[3] ?? "#333")}${person(640, H - 50, PEOPLE[0] ?? "#333", 0.7)}`;
    case "mobility":
      return `${town(rnd, 600, W - 20)}${ground("#9e9e9e")}
        <rect x="60" y="${GROUND - 20}" width="500" height="150" rx="30" fill="#f1c40f"/><rect x="90" y="${GROUND + 5}" width="420" height="55" fill="#bde0f6"/>
        <circle cx="150" cy="${GROUND + 135}" r="32" fill="#333"/><circle cx="460" cy="${GROUND + 135}" r="32" fill="#333"/>
        <rect x="620" y="${GROUND - 40}" width="220" height="12" fill="#546e7a"/><rect x="625" y="${GROUND - 30}" width="10" height="190" fill="#546e7a"/><rect x="825" y="${GROUND - 30}" width="10" height="190" fill="#546e7a"/>
        ${bicycle(880, GROUND + 160, "#16a085")}${bicycle(1010, GROUND + 160, "#16a085")}
        ${person(730, H - 80, PEOPLE[2] ?? "#333")}`;
    case "youth":
      return `${house(90, 420, 230, "#aed6f1", "#34495e", rnd)}
        <rect x="110" y="${GROUND - 110}" width="380" height="50" fill="#e74c3c" opacity="0.8"/><rect x="180" y="${GROUND - 100}" width="60" height="30" fill="#f1c40f"/><rect x="300" y="${GROUND - 100}" width="120" height="30" fill="#8e44ad"/>
        ${ground("#b0bec5")}<path d="M640 ${GROUND + 160} Q 760 ${GROUND + 160} 800 ${GROUND + 20} L 800 ${GROUND + 160} Z" fill="#78909c"/>
        <path d="M1150 ${GROUND + 160} Q 1030 ${GROUND + 160} 990 ${GROUND + 20} L 990 ${GROUND + 160} Z" fill="#78909c"/>
        ${person(560, H - 40, PEOPLE[4] ?? "#333")}${person(880, H - 100, PEOPLE[6] ?? "#333", 0.9)}${tree(1100, 90)}`;
    case "digital":
      return `${house(380, 440, 300, "#f2e3c6", "#7a4a3a", rnd)}<rect x="585" y="${GROUND - 440}" width="30" height="120" fill="#7a4a3a"/>
        ${[1, 2, 3].map((i) => `<path d="M${600 - i * 45} ${GROUND - 470 - i * 10} A ${i * 64} ${i * 64} 0 0 1 ${600 + i * 45} ${GROUND - 470 - i * 10}" stroke="#2e86c1" stroke-width="12" fill="none"/>`).join("")}
        ${ground()}${tree(170, 110)}${tree(1020, 120)}
        <rect x="820" y="${GROUND + 50}" width="70" height="110" rx="10" fill="#263238"/><rect x="828" y="${GROUND + 60}" width="54" height="85" fill="#80deea"/>
        ${person(780, H - 40, PEOPLE[5] ?? "#333")}`;
    case "brownfield":
      return `<rect x="120" y="${GROUND - 260}" width="560" height="260" fill="#a1664a"/><path d="M120 ${GROUND - 260} l90 -70 l0 70 l90 -70 l0 70 l90 -70 l0 70 l90 -70 l0 70 l90 -70 l0 70 l110 -70 l0 70 Z" fill="#7b4a35"/>
        <rect x="740" y="${GROUND - 420}" width="60" height="420" fill="#8d5a44"/>
        ${[0, 1, 2, 3, 4].map((i) => `<rect x="${160 + i * 105}" y="${GROUND - 200}" width="70" height="110" fill="#bde0f6" stroke="#fff" stroke-width="5"/>`).join("")}
        ${ground()}${tree(900, 120)}${tree(1080, 100, "#5a9a4a")}
        <rect x="300" y="${GROUND + 40}" width="300" height="120" fill="#6d8b3e"/><path d="M300 ${GROUND + 70} L600 ${GROUND + 70} M300 ${GROUND + 100} L600 ${GROUND + 100} M300 ${GROUND + 130} L600 ${GROUND + 130}" stroke="#4e6b2a" stroke-width="6"/>
        ${person(700, H - 40, PEOPLE[1] ?? "#333")}`;
    case "river":
      return `${town(rnd, 30, W - 30)}${ground()}
        <path d="M0 ${GROUND + 70} C 300 ${GROUND + 40} 800 ${GROUND + 120} ${W} ${GROUND + 60} L ${W} ${H - 30} C 800 ${H} 300 ${H - 60} 0 ${H - 20} Z" fill="#4f8fc0"/>
        <path d="M330 ${GROUND + 150} Q 600 ${GROUND - 10} 870 ${GROUND + 150}" stroke="#b0a08a" stroke-width="30" fill="none"/>
        <path d="M330 ${GROUND + 150} L330 ${H} M870 ${GROUND + 150} L870 ${H} M600 ${GROUND + 70} L600 ${H}" stroke="#b0a08a" stroke-width="26"/>`;
    case "library":
      return `${house(280, 640, 240, "#e0e0cf", "#5d4037", rnd)}${ground()}
        ${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `<rect x="${300 + i * 48}" y="${GROUND + 40 + (i % 3) * 4}" width="36" height="${90 - (i % 3) * 4}" fill="${PEOPLE[i % PEOPLE.length] ?? "#333"}"/>`).join("")}
        <rect x="280" y="${GROUND + 130}" width="620" height="16" fill="#6d4c41"/>
        ${person(150, H - 40, PEOPLE[2] ?? "#333")}${person(1040, H - 40, PEOPLE[6] ?? "#333", 0.8)}`;
  }
}

/** The SVG of a scene; `variant` moves the sun and changes the houses, so two pictures of one scene differ. */
export function sceneSvg(scene: DemoScene, variant = 0): string {
  const rnd = random(DEMO_SCENES.indexOf(scene) * 7919 + variant * 104_729 + 17);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${sky(variant, scene !== "solar")}${scenePart(scene, rnd)}</svg>`;
}
