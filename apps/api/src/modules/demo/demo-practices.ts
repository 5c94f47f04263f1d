import type { PracticeCriterion, PracticePhase, PracticeTopic } from "@insek/contracts";
import sharp from "sharp";
import { type ProcessedImage, processImage } from "../../lib/uploads/images.js";
import { type DemoScene, sceneSvg } from "./demo-practice-scenes.js";

/*
 * The demo's Praxisbeispiele (decision 0035): a dozen published entries of Saxon towns, made up like the demo
 * history and marked "(Demo)" in the title and `origin = 'demo'`, each with one or two drawn pictures that go
 * through the same checks and re-encoding as an upload.
 */

export interface DemoPracticeImage {
  scene: DemoScene;
  variant: number;
  alt: string;
}

export interface DemoPracticePlan {
  title: string;
  summary: string;
  descriptionHtml: string;
  /** The municipalities it is about (first: the lead). */
  ags: string[];
  topics: PracticeTopic[];
  phase: PracticePhase;
  periodFrom: string | null;
  periodTo: string | null;
  partners: string | null;
  outcome: string | null;
  transferability: string | null;
  office: string;
  criteria: PracticeCriterion[];
  /** Municipalities that adopted it, with a note. */
  adopters: { ags: string; note: string | null }[];
  images: DemoPracticeImage[];
  /** Days before the seeding that it was published. */
  publishedDaysAgo: number;
}

export const DEMO_PRACTICES: readonly DemoPracticePlan[] = [
  {
    title: "Probewohnen in der Altstadt",
    summary: "Interessierte wohnen eine Woche kostenlos in einer sanierten Altstadtwohnung und lernen Stadt, Arbeitgeber und Nachbarschaft kennen.",
    descriptionHtml:
      "<p>Die Stadt stellt gemeinsam mit der Wohnungsbaugesellschaft möblierte Wohnungen in der Altstadt für eine Woche zur Verfügung. Die Gäste berichten anschließend, was sie zum Bleiben bewegen würde.</p><ul><li>über 300 Probewohnende seit dem Start</li><li>jede fünfte Familie ist geblieben</li></ul>",
    ags: ["14626110"],
    topics: ["inner_development", "participation"],
    phase: "completed",
    periodFrom: "2019-04-01",
    periodTo: "2023-10-31",
    partners: "Wohnungsbaugesellschaft, Hochschule, Wirtschaftsförderung",
    outcome: "Leerstand in der Altstadt deutlich gesunken; Erkenntnisse flossen in die Fortschreibung des INSEK ein.",
    transferability: "Für Mittelstädte mit Leerstand im Altbau gut übertragbar; nötig sind ein kommunaler Wohnungspartner und eine Ansprechperson im Rathaus.",
    office: "Stadtverwaltung, Sachgebiet Stadtentwicklung",
    criteria: ["innovative", "exemplary"],
    adopters: [
      { ags: "14626610", note: "Probewohnen im Sommer 2024 in der Innenstadt" },
      { ags: "14626290", note: null },
    ],
    images: [
      { scene: "market", variant: 0, alt: "Zeichnung: Altstadtmarkt mit bunten Bürgerhäusern und Marktständen" },
      { scene: "river", variant: 1, alt: "Zeichnung: Häuserzeile am Fluss mit einer Bogenbrücke" },
    ],
    publishedDaysAgo: 410,
  },
  {
    title: "Bürgerhaushalt mit Stadtteilbudgets",
    summary: "Jeder Ortsteil entscheidet jährlich über ein eigenes Budget; Vorschläge kommen aus Bürgerwerkstätten und werden öffentlich abgestimmt.",
    descriptionHtml:
      "<p>Im Haushalt ist für jeden Ortsteil ein fester Betrag eingestellt. In Bürgerwerkstätten entstehen Vorschläge, die Verwaltung prüft sie auf Machbarkeit, danach stimmen die Einwohnerinnen und Einwohner ab.</p>",
    ags: ["14627060"],
    topics: ["participation"],
    phase: "implementation",
    periodFrom: "2022-01-01",
    periodTo: null,
    partners: "Ortschaftsräte, Vereine, Volkshochschule",
    outcome: "Bisher 41 umgesetzte Vorschläge, von Sitzbänken bis zum Dorfgemeinschaftsraum.",
    transferability: "Übertragbar auf Städte und Gemeinden mit Ortsteilen; der Aufwand liegt vor allem in der Moderation.",
    office: "Stadtverwaltung, Bürgerbeteiligung",
    criteria: ["exemplary"],
    adopters: [{ ags: "14627230", note: "Stadtteilbudgets seit 2024" }],
    images: [{ scene: "workshop", variant: 0, alt: "Zeichnung: Bürgerwerkstatt, Menschen am Tisch vor einer Stellwand mit Karten und Notizzetteln" }],
    publishedDaysAgo: 300,
  },
  {
    title: "Mobilstation am Bahnhof: Bus, Rad und Carsharing an einem Ort",
    summary: "Am Bahnhofsvorplatz treffen Stadt- und Regionalbus, Fahrradboxen, Lastenrad-Verleih und Carsharing zusammen.",
    descriptionHtml:
      "<p>Der umgestaltete Bahnhofsvorplatz bündelt die Angebote des Umweltverbunds. Fahrpläne sind aufeinander abgestimmt, eine Informationssäule zeigt die Abfahrten.</p>",
    ags: ["14626610"],
    topics: ["mobility"],
    phase: "completed",
    periodFrom: "2020-03-01",
    periodTo: "2022-09-30",
    partners: "Verkehrsverbund, Landkreis, Carsharing-Verein",
    outcome: "Mehr Fahrgäste im Regionalbus; die Fahrradboxen sind dauerhaft ausgelastet.",
    transferability: "Für Bahnhofsstädte im ländlichen Raum übertragbar; Förderung über Programme des Landes möglich.",
    office: "Stadtverwaltung, Tiefbauamt",
    criteria: ["cooperative"],
    adopters: [{ ags: "14626370", note: "Mobilstation am Busbahnhof" }],
    images: [
      { scene: "mobility", variant: 0, alt: "Zeichnung: Bus an einer Haltestelle neben Fahrradbügeln vor einer Häuserzeile" },
      { scene: "cycleway", variant: 2, alt: "Zeichnung: rot markierter Radweg mit drei Fahrrädern entlang der Straße" },
    ],
    publishedDaysAgo: 260,
  },
  {
    title: "Genossenschaftlicher Dorfladen im Ortsteil",
    summary: "Nach der Schließung des letzten Ladens gründeten Einwohnerinnen und Einwohner eine Genossenschaft; der Laden ist zugleich Treffpunkt.",
    descriptionHtml:
      "<p>Die Gemeinde stellte das leerstehende Gebäude bereit, die Genossenschaft betreibt den Laden mit regionalen Produkten, Postpartner und Café-Ecke.</p>",
    ags: ["14522440"],
    topics: ["services", "cooperation"],
    phase: "completed",
    periodFrom: "2018-05-01",
    periodTo: "2020-06-30",
    partners: "Genossenschaftsverband, Direktvermarkter der Region",
    outcome: "Nahversorgung gesichert, 180 Mitglieder, drei Teilzeitstellen.",
    transferability: "Für Dörfer mit aktiver Einwohnerschaft gut übertragbar; entscheidend ist eine Immobilie zu tragbarer Miete.",
    office: "Stadtverwaltung, Ortschaftsverwaltung",
    criteria: ["exemplary", "cooperative"],
    adopters: [
      { ags: "14522190", note: null },
      { ags: "14730200", note: "Dorfladen im Ortsteil seit 2023" },
    ],
    images: [{ scene: "shop", variant: 1, alt: "Zeichnung: Dorfladen mit grüner Markise, Obstkisten vor dem Eingang und zwei Kundinnen" }],
    publishedDaysAgo: 520,
  },
  {
    title: "Gemeinsames Flächenmanagement an der Mulde",
    summary: "Drei Städte erfassen Brachen und Baulücken in einer gemeinsamen Datenbank und stimmen ihre Innenentwicklung ab.",
    descriptionHtml:
      "<p>Statt in Konkurrenz neue Gebiete auszuweisen, führen die Städte ein gemeinsames Kataster der Innenentwicklungspotenziale und beraten Eigentümer gemeinsam.</p>",
    ags: ["14522310", "14729080", "14729160"],
    topics: ["cooperation", "inner_development"],
    phase: "implementation",
    periodFrom: "2023-01-01",
    periodTo: null,
    partners: "Regionaler Planungsverband, Landkreise",
    outcome: "Kataster mit 260 Flächen; erste Brachen wieder genutzt.",
    transferability: "Übertragbar auf Nachbarstädte einer Region; ein gemeinsamer Kümmerer ist nötig.",
    office: "Stadtverwaltung Leisnig, Bauamt (für die drei Städte)",
    criteria: ["cooperative", "innovative"],
    adopters: [],
    images: [
      { scene: "river", variant: 0, alt: "Zeichnung: Kleinstadt an einem Fluss mit Brücke" },
      { scene: "brownfield", variant: 1, alt: "Zeichnung: alte Fabrikhalle mit Schornstein, davor ein neuer Gemeinschaftsgarten" },
    ],
    publishedDaysAgo: 120,
  },
  {
    title: "Vom Wohnblock zum Stadtwald",
    summary: "Auf den Flächen rückgebauter Wohnblöcke entstand ein Stadtwald mit Wegen, der die Quartiere verbindet.",
    descriptionHtml:
      "<p>Nach dem Rückbau wurden die Flächen nicht brach liegen gelassen, sondern mit Schulklassen und Anwohnenden aufgeforstet. Wege verbinden die verbliebenen Quartiere.</p>",
    ags: ["14626600"],
    topics: ["inner_development", "climate_energy"],
    phase: "completed",
    periodFrom: "2016-03-01",
    periodTo: "2021-11-30",
    partners: "Forstbezirk, Schulen, Wohnungsunternehmen",
    outcome: "12 Hektar neuer Stadtwald; kühlere Sommer in den angrenzenden Straßen.",
    transferability: "Für schrumpfende Städte mit Rückbauflächen übertragbar.",
    office: "Stadtverwaltung, Grünflächenamt",
    criteria: ["exemplary"],
    adopters: [{ ags: "14625240", note: "Aufforstung nach Rückbau in der Neustadt" }],
    images: [{ scene: "park", variant: 0, alt: "Zeichnung: junger Stadtwald mit geschwungenem Weg und einer Bank" }],
    publishedDaysAgo: 640,
  },
  {
    title: "Bürgersolardächer auf Schulen und Turnhallen",
    summary: "Einwohnerinnen und Einwohner finanzieren Photovoltaik auf kommunalen Dächern über eine Energiegenossenschaft mit.",
    descriptionHtml:
      "<p>Die Stadt verpachtet Dachflächen an eine Energiegenossenschaft. Der Strom wird zuerst in den Gebäuden selbst verbraucht, Überschüsse werden eingespeist.</p>",
    ags: ["14521390"],
    topics: ["climate_energy", "participation"],
    phase: "implementation",
    periodFrom: "2023-04-01",
    periodTo: null,
    partners: "Energiegenossenschaft, Stadtwerke",
    outcome: "Bisher sechs Dächer mit zusammen 480 kWp.",
    transferability: "Übertragbar, wo eine Genossenschaft oder Stadtwerke als Partner bereitstehen.",
    office: "Stadtverwaltung, Gebäudemanagement",
    criteria: ["innovative"],
    adopters: [
      { ags: "14521460", note: null },
      { ags: "14521495", note: "zwei Turnhallen seit 2025" },
    ],
    images: [{ scene: "solar", variant: 1, alt: "Zeichnung: drei Gebäude mit Solarmodulen auf den Dächern in der Sonne" }],
    publishedDaysAgo: 90,
  },
  {
    title: "Jugendbeirat mit eigenem Budget",
    summary: "Der gewählte Jugendbeirat berät den Stadtrat und verfügt über ein eigenes Budget für Projekte junger Menschen.",
    descriptionHtml:
      "<p>Jugendliche von 14 bis 21 Jahren wählen alle zwei Jahre ihren Beirat. Er hat Rederecht im Stadtrat und vergibt jährlich Mittel für Projekte.</p>",
    ags: ["14625240"],
    topics: ["youth", "participation"],
    phase: "completed",
    periodFrom: "2019-09-01",
    periodTo: "2024-08-31",
    partners: "Schulen, Jugendhaus, Kreisjugendring",
    outcome: "Skateanlage und Jugendtreff mitgeplant; Wahlbeteiligung von 38 Prozent.",
    transferability: "Für Städte jeder Größe übertragbar; eine feste Begleitung durch die Verwaltung ist wichtig.",
    office: "Stadtverwaltung, Kinder- und Jugendbüro",
    criteria: ["exemplary", "cooperative"],
    adopters: [{ ags: "14625250", note: "Jugendbeirat seit 2024" }],
    images: [{ scene: "youth", variant: 0, alt: "Zeichnung: Jugendtreff mit bunter Fassade und Skateanlage davor" }],
    publishedDaysAgo: 200,
  },
  {
    title: "Digitales Rathaus im Ortsteil",
    summary: "Bürgerdienste per Videoberatung und Terminbuchung, mit einem Bürgerterminal in jedem Ortsteil für alle ohne eigenes Gerät.",
    descriptionHtml:
      "<p>Anträge lassen sich online stellen; wer Hilfe braucht, nutzt das Terminal im Ortsteil mit Videoverbindung ins Bürgerbüro. Ehrenamtliche Digitalpaten helfen vor Ort.</p>",
    ags: ["14522490"],
    topics: ["digital", "services"],
    phase: "implementation",
    periodFrom: "2024-02-01",
    periodTo: null,
    partners: "Landkreis, Digitalpaten-Verein",
    outcome: "Wege ins Rathaus für die Ortsteile deutlich verkürzt.",
    transferability: "Übertragbar auf Flächengemeinden; Voraussetzung ist ein stabiler Breitbandanschluss.",
    office: "Stadtverwaltung, Bürgerbüro",
    criteria: ["innovative"],
    adopters: [],
    images: [{ scene: "digital", variant: 2, alt: "Zeichnung: Rathaus mit Funksignal über dem Dach und einem Bürgerterminal davor" }],
    publishedDaysAgo: 45,
  },
  {
    title: "Stadtbibliothek als Dritter Ort",
    summary: "Die Bibliothek wurde zum offenen Treffpunkt mit langen Öffnungszeiten, Lernplätzen, Werkstatt und Veranstaltungen.",
    descriptionHtml:
      "<p>Im sanierten Gebäude am Markt verbindet die Bibliothek Lesen, Lernen und Begegnung. Mit Selbstverbuchung ist sie auch abends geöffnet.</p>",
    ags: ["14522080"],
    topics: ["services", "inner_development"],
    phase: "completed",
    periodFrom: "2017-01-01",
    periodTo: "2021-05-31",
    partners: "Landesfachstelle für Bibliotheken, Vereine",
    outcome: "Besuche verdoppelt; der Markt ist abends belebter.",
    transferability: "Übertragbar für Städte mit zentraler Bibliothek und Leerstand am Markt.",
    office: "Stadtverwaltung, Kulturamt",
    criteria: ["exemplary"],
    adopters: [{ ags: "14522360", note: null }],
    images: [
      { scene: "library", variant: 0, alt: "Zeichnung: großes Bibliotheksgebäude mit einem Bücherregal im Freien" },
      { scene: "market", variant: 3, alt: "Zeichnung: Marktplatz mit Ständen vor der Bibliothek" },
    ],
    publishedDaysAgo: 700,
  },
  {
    title: "Alte Zuckerfabrik wird Stadtquartier",
    summary: "Die Stadt erwarb die Industriebrache und entwickelt sie schrittweise zu einem Quartier mit Wohnen, Handwerk und Grün.",
    descriptionHtml:
      "<p>Nach einer Zwischennutzung durch Vereine und Handwerk folgt der Umbau der Hallen. Ein Gemeinschaftsgarten macht das Gelände schon heute zugänglich.</p>",
    ags: ["14730070"],
    topics: ["inner_development"],
    phase: "implementation",
    periodFrom: "2021-06-01",
    periodTo: null,
    partners: "Landesentwicklungsgesellschaft, Handwerkskammer",
    outcome: "Erste Werkstätten und der Gemeinschaftsgarten in Nutzung.",
    transferability: "Übertragbar auf Städte mit zentral gelegenen Brachen; ein langer Atem ist nötig.",
    office: "Stadtverwaltung, Stadtplanungsamt",
    criteria: [],
    adopters: [],
    images: [{ scene: "brownfield", variant: 0, alt: "Zeichnung: Fabrikhalle mit Sheddach und Schornstein, davor Beete" }],
    publishedDaysAgo: 30,
  },
  {
    title: "Sichere Schulwege mit dem Rad",
    summary: "Schülerinnen und Schüler kartierten ihre Schulwege; daraus entsteht ein Radverkehrskonzept mit Vorrang für die Schulwege.",
    descriptionHtml:
      "<p>In Projektwochen erfassten Klassen Gefahrenstellen auf ihren Wegen. Die Verwaltung setzt die wichtigsten Maßnahmen zuerst um.</p>",
    ags: ["14521530"],
    topics: ["mobility", "youth"],
    phase: "idea",
    periodFrom: "2025-09-01",
    periodTo: null,
    partners: "Oberschule, Grundschulen, Verkehrswacht",
    outcome: null,
    transferability: "Für jede Schulstadt übertragbar.",
    office: "Stadtverwaltung, Ordnungsamt",
    criteria: ["innovative"],
    adopters: [],
    images: [
      { scene: "cycleway", variant: 0, alt: "Zeichnung: Radweg mit drei Fahrrädern vor einer Häuserzeile" },
      { scene: "park", variant: 2, alt: "Zeichnung: Weg durch einen Park mit Bäumen" },
    ],
    publishedDaysAgo: 10,
  },
];

/** The demo's pictures, drawn and re-encoded once per process (seeding runs once; tests seed many databases). */
const drawn = new Map<string, Promise<ProcessedImage>>();

export function demoPracticeImage(image: Pick<DemoPracticeImage, "scene" | "variant">): Promise<ProcessedImage> {
  const key = `${image.scene}:${image.variant}`;
  let found = drawn.get(key);
  if (!found) {
    // Flat colours compress well at any effort: the fastest settings keep seeding quick.
    found = sharp(Buffer.from(sceneSvg(image.scene, image.variant)))
      .png({ compressionLevel: 0 })
      .toBuffer()
      .then((png) => processImage(png, { effort: 0 }));
    drawn.set(key, found);
    // A failure is not kept: the next seeding tries again.
    found.catch(() => drawn.delete(key));
  }
  return found;
}
