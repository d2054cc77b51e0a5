import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The payload the XSS scenario looks for: it must arrive as text, never as an element. */
export const XSS_MARKUP = '<img src=x onerror="window.__svarXss=1">';

const FILES: Record<string, string> = {
  'oppvekst/barnehage-soknadsfrist.md': `---
id: barnehage-soknadsfrist
title: Søknadsfrist for barnehageplass
lang: nb
tags: [barnehage, opptak, søknad, frist]
questions:
  - Når er fristen for å søke barnehageplass?
  - Hvordan søker jeg plass i barnehage?
link: https://fjordvik.kommune.example/barnehage/sok-plass
owner: oppvekst
---
Søknadsfristen for hovedopptaket i barnehage er **1. mars**.

1. Logg inn på Min side.
2. Velg «Søk barnehageplass».

Du får svar i april.
`,
  'oppvekst/sfo-soknadsfrist.md': `---
id: sfo-soknadsfrist
title: Søke plass i SFO
lang: nb
tags: [sfo, skolefritidsordning, søknad]
questions:
  - Når er fristen for å søke SFO?
  - Hvordan søker jeg SFO-plass?
link: https://fjordvik.kommune.example/sfo/sok
owner: oppvekst
---
Fristen for å søke plass i skolefritidsordningen (SFO) er 1. mai. Du søker på Min side.
`,
  'okonomi/sfo-pris.md': `---
id: sfo-pris
title: Pris for SFO
lang: nb
tags: [sfo, skolefritidsordning, pris]
questions:
  - Hva koster SFO?
  - Hva er prisen for SFO-plass?
link: https://fjordvik.kommune.example/sfo/pris
owner: okonomi
---
En hel plass i SFO koster 3 100 kroner i måneden. Første trinn har tolv gratis timer i uka.
`,
  'teknisk/hundeskatt.md': `---
id: hundeskatt
title: Hundeskatt
lang: nb
tags: [hund, skatt]
questions:
  - Må jeg betale hundeskatt?
  - Finnes det hundeskatt i Fjordvik?
owner: teknisk
---
Fjordvik kommune har ingen hundeskatt. ${XSS_MARKUP} Husk båndtvang fra 1. april til 20. august.
`,
  // Two SFO files close enough that a bare "SFO" question is a clarify, however retrieval is tuned.
  'policy.yaml': `thresholds:
  marginMin: 0.5
`,
  'canned/nb.yaml': `responses:
  - id: hello
    title: Hilsen
    text: "Hei, du snakker nå med en veileder i kommunen. Hva kan jeg hjelpe deg med?"
`,
};

/** A small knowledge folder written into `dir`, in Svar's file format. */
export function writeKnowledgeFixture(dir: string): void {
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
