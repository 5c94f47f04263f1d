import { PRACTICE_TOPICS, type PracticeTopic } from "@insek/contracts";
import type { Column } from "../exports/export-columns.js";
import type { PublishedEntry } from "./practices.service.js";

/*
 * The open-data forms of the published Praxisbeispiele (decision 0033): an Atom feed (RFC 4287) of the newest
 * and the CSV columns. Pure functions of the entries.
 */

/** XML text and attribute values: the five predefined entities, and no character XML 1.0 forbids. */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export const TOPIC_LABELS: Record<PracticeTopic, string> = {
  participation: "Beteiligung",
  inner_development: "Innenentwicklung",
  services: "Daseinsvorsorge",
  climate_energy: "Klima und Energie",
  mobility: "Mobilität",
  digital: "Digitales",
  cooperation: "Interkommunale Kooperation",
  youth: "Jugend",
  other: "Sonstiges",
};

export const PHASE_LABELS = { idea: "Idee", implementation: "in Umsetzung", completed: "abgeschlossen" } as const;

/** The Atom feed of the entries (newest first), as a string. */
export function practiceFeed(entries: readonly PublishedEntry[], meta: { publicUrl: string; selfUrl: string; now: string }): string {
  const base = meta.publicUrl.replace(/\/+$/, "");
  const updated = entries.reduce((latest, e) => (e.lastPublishedAt > latest ? e.lastPublishedAt : latest), entries[0]?.lastPublishedAt ?? meta.now);
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">`,
    `  <id>${xmlEscape(`${base}/api/practices/feed.atom`)}</id>`,
    `  <title>INSEK-Monitor Sachsen: Praxisbeispiele</title>`,
    `  <subtitle>Neu veröffentlichte Praxisbeispiele sächsischer Kommunen</subtitle>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(meta.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${base}/praxisbeispiele`)}"/>`,
    `  <author><name>INSEK-Monitor Sachsen (FS INGE)</name></author>`,
  ];
  for (const e of entries) {
    lines.push(
      `  <entry>`,
      `    <id>${xmlEscape(e.url)}</id>`,
      `    <title type="text">${xmlEscape(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>`,
      `    <published>${xmlEscape(e.publishedAt)}</published>`,
      `    <updated>${xmlEscape(e.lastPublishedAt)}</updated>`,
      ...e.topics.filter((t) => PRACTICE_TOPICS.includes(t)).map((t) => `    <category term="${t}" label="${xmlEscape(TOPIC_LABELS[t])}"/>`),
      `    <summary type="text">${xmlEscape(`${e.municipalities.join(", ")}: ${e.summary}`)}</summary>`,
      `    <content type="html">${xmlEscape(e.descriptionHtml)}</content>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, "");
  return lines.join("\n");
}

/** The open-data CSV's columns (German headers, the conventions of the other exports). */
export const PRACTICE_COLUMNS: Column<PublishedEntry>[] = [
  { header: "ID", kind: "integer", value: (e) => e.id, width: 8 },
  { header: "Titel", kind: "freeText", value: (e) => e.title, width: 40 },
  { header: "Kurzbeschreibung", kind: "freeText", value: (e) => e.summary, width: 60 },
  { header: "AGS", kind: "text", value: (e) => e.ags.join(", "), width: 20 },
  { header: "Kommunen", kind: "freeText", value: (e) => e.municipalities.join(", "), width: 30 },
  { header: "Themen", kind: "text", value: (e) => e.topics.map((t) => TOPIC_LABELS[t]).join(", "), width: 30 },
  { header: "Phase", kind: "text", value: (e) => PHASE_LABELS[e.phase], width: 14 },
  { header: "Zeitraum von", kind: "date", value: (e) => e.periodFrom, width: 12 },
  { header: "Zeitraum bis", kind: "date", value: (e) => e.periodTo, width: 12 },
  { header: "Partner", kind: "freeText", value: (e) => e.partners, width: 30 },
  { header: "Ergebnis", kind: "freeText", value: (e) => e.outcome, width: 40 },
  { header: "Übertragbarkeit", kind: "freeText", value: (e) => e.transferability, width: 40 },
  { header: "Innovativ", kind: "flag", value: (e) => e.innovative, width: 10 },
  { header: "Beispielhaft", kind: "flag", value: (e) => e.exemplary, width: 10 },
  { header: "Kooperativ", kind: "flag", value: (e) => e.cooperative, width: 10 },
  { header: "Anzahl Nachnutzer", kind: "integer", value: (e) => e.adopterCount, width: 10 },
  { header: "Nachnutzer (AGS)", kind: "text", value: (e) => e.adopters.join(", "), width: 30 },
  { header: "Veröffentlicht", kind: "timestamp", value: (e) => e.publishedAt, width: 17 },
  { header: "Adresse", kind: "url", value: (e) => e.url, width: 40 },
];
