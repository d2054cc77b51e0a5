import { texts } from '../texts/index.ts';
import type { TextKey } from '../texts/index.ts';
import { REPLY_LANGS } from '../types.ts';
import type { EmergencyNumber, ReplyLang } from '../types.ts';

export type Country = 'no' | 'dk';

const entry = (number: string, key: TextKey): EmergencyNumber => ({
  number,
  label: texts('nb')[key],
  labels: Object.fromEntries(REPLY_LANGS.map((l) => [l, texts(l)[key]])) as Record<ReplyLang, string>,
});

/** Shown with every crisis reply; a municipality can replace its country's list in the config. */
export const DEFAULT_EMERGENCY: Readonly<Record<Country, readonly EmergencyNumber[]>> = {
  no: [
    entry('112', 'emergencyPolice'),
    entry('113', 'emergencyMedical'),
    entry('110', 'emergencyFire'),
    entry('116 117', 'emergencyOutOfHoursDoctor'),
    entry('116 123', 'emergencyMentalHelse'),
  ],
  dk: [entry('112', 'emergencyDanishAlarm'), entry('70 201 201', 'emergencyLivslinien')],
};

/** The numbers with labels in the reply language. */
export function emergencyFor(numbers: readonly EmergencyNumber[], lang: ReplyLang): EmergencyNumber[] {
  return numbers.map((n) => ({ label: n.labels?.[lang] ?? n.label, number: n.number }));
}
