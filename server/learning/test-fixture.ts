import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Two after-school files close enough that "SFO månedlig beløp" is a clarify until a wording is learned. */
const FILES: Record<string, string> = {
  'oppvekst/sfo-soknad.md': `---
id: sfo-soknad
title: Søke plass i SFO
lang: nb
tags: [sfo, skolefritidsordning, søknad]
questions:
  - Når er fristen for å søke SFO?
  - Hvordan søker jeg SFO-plass?
owner: oppvekst
---
Du søker plass i skolefritidsordningen (SFO) på Min side innen 1. mai.
`,
  'okonomi/sfo-pris.md': `---
id: sfo-pris
title: Pris for SFO
lang: nb
tags: [sfo, skolefritidsordning, pris]
questions:
  - Hva koster SFO?
  - Hva er prisen for SFO-plass?
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
owner: teknisk
---
Kommunen har ingen hundeskatt. Husk båndtvang fra 1. april til 20. august.
`,
  'policy.yaml': 'thresholds:\n  marginMin: 0.5\n',
};

export function writeLearningFixture(dir: string): void {
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}
