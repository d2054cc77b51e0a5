import type { Config } from '../../config/schema.ts';
import type { Store } from '../../store/store.ts';
import type { StatsFile } from '../file-usage.ts';
import type { OfficeHours } from '../volume.ts';
import { addStaff, SyntheticConversation } from './synthetic-log.ts';

/** Raw ID numbers the sample puts into messages; no statistic may ever show them. */
export const RAW_IDS = ['01017012345', '15057512345'];
export const SAMPLE_PERIOD = { from: '2026-03-02', to: '2026-03-08', timeZone: 'Europe/Oslo' };

export const SAMPLE_FILES: StatsFile[] = [
  { id: 'skolerute', title: 'Skolerute' },
  {
    id: 'parkering',
    title: 'Parkeringstillatelse',
    link: 'https://fjordvik.kommune.example/parkering/soknad',
  },
  { id: 'bibliotek', title: 'Biblioteket' },
  { id: 'renovasjon', title: 'Renovasjon' },
  { id: 'startlan', title: 'Startlån' },
];

/** The switchboard's hours from the sample config, with Thursday 5 March 2026 made a holiday. */
export function sampleOfficeHours(config: Config): OfficeHours {
  return {
    schedule: config.schedules.servicetorget!,
    holidays: { country: 'no', publicHolidays: false, holidays: ['2026-03-05'] },
  };
}

/** Oslo is UTC+1 in early March 2026 (summer time starts 29 March). */
const oslo = (date: string, time: string): string => new Date(`${date}T${time}:00+01:00`).toISOString();

/**
 * One week (Monday 2 – Sunday 8 March 2026) of 20 conversations with known outcomes, plus one just before
 * and one just after the week. The expected figures in compute-stats.test.ts are counted by hand from this.
 */
export function writeSampleWeek(store: Store): {
  agent: number;
  conversations: Map<string, SyntheticConversation>;
} {
  const agent = addStaff(store, 'kari', oslo('2026-03-01', '08:00'));
  const all = new Map<string, SyntheticConversation>();
  const conv = (id: string, date: string, time: string, lang = 'nb') => {
    const c = new SyntheticConversation(store, id, oslo(date, time), lang);
    all.set(id, c);
    return c;
  };
  const answered = (
    c: SyntheticConversation,
    fileId: string,
    q: string,
    extra: { choice?: boolean } = {},
  ) => {
    c.citizen(q);
    return c.decide('answer', { fileId, redacted: q, lang: c.lang, detectedLang: c.lang, ...extra });
  };
  const gap = (c: SyntheticConversation, q: string, loggedAs?: string, reason = 'no_match') => {
    c.citizen(q);
    c.decide('fallback', { fallbackReason: reason, unanswered: true, redacted: loggedAs ?? q });
  };

  // Outside the week: Sunday 1 March 23:30 and Monday 9 March 00:30, local time.
  answered(conv('c00', '2026-03-01', '23:30'), 'skolerute', 'Når starter skolen?');
  answered(conv('c21', '2026-03-09', '00:30'), 'skolerute', 'Når starter skolen?');

  // Monday
  // A log line that slipped an ID number through unredacted: the report must still not show it.
  gap(
    conv('c20', '2026-03-02', '00:30'),
    'Er 15057512345 riktig nummer?',
    'Er 15057512345 riktig nummer?',
    'out_of_scope',
  );
  const c01 = conv('c01', '2026-03-02', '09:00');
  c01.feedback('bot', true, {
    fileId: 'skolerute',
    messageId: answered(c01, 'skolerute', 'Når er høstferien?'),
  });
  const c02 = conv('c02', '2026-03-02', '10:15');
  answered(c02, 'skolerute', 'Skolerute 2026?');
  c02.rawEvent('feedback', { target: 'bot', fileId: 'skolerute' }); // no `helpful`: skipped
  const c03 = conv('c03', '2026-03-02', '14:00', 'en');
  answered(c03, 'parkering', 'How do I get a parking permit?');
  c03.feedback('conversation', true);
  gap(conv('c04', '2026-03-02', '16:00'), 'Hvor kan jeg lade elbilen min?');

  // Tuesday
  const c05 = conv('c05', '2026-03-03', '08:30');
  c05.feedback('bot', false, {
    fileId: 'skolerute',
    messageId: answered(c05, 'skolerute', 'Planleggingsdager?'),
  });
  const c06 = conv('c06', '2026-03-03', '11:00');
  c06.citizen('Jeg vil snakke med noen');
  c06.handover('human_request', 'servicetorget');
  c06.assigned(agent, 'servicetorget', 120);
  c06.agentMessage(agent, 'Hei, hva gjelder det?');
  c06.close('agent', 'assigned', { contactType: 'new_case', handledSeconds: 300, note: 'Søknad registrert' });
  c06.feedback('agent', true);
  const c07 = conv('c07', '2026-03-03', '12:00');
  c07.handover('human_request', 'servicetorget');
  c07.assigned(agent, 'servicetorget', 60);
  c07.close('agent', 'assigned', { contactType: 'case_status_change', handledSeconds: 900 });
  c07.feedback('conversation', false, { comment: 'Ring meg på 412 34 567' });
  const c08 = conv('c08', '2026-03-03', '22:00');
  c08.citizen('Hva er status på byggesaken min?');
  c08.decide('handover', {
    handoverReason: 'personal',
    queue: 'byggesak',
    redacted: 'Hva er status på byggesaken min?',
  });
  c08.handover('personal', 'byggesak');
  c08.offline('office_closed', 'byggesak');
  const t08 = c08.ticket({
    question: 'Status på byggesak?',
    queue: 'byggesak',
    email: 'ola.nordmann@example.no',
  });
  c08.ticketAnswered(t08, 'email', 50_400, agent, 'Saken er under behandling.');

  // Wednesday
  const c09 = conv('c09', '2026-03-04', '09:30', 'nn');
  c09.citizen('Kor mykje kostar det?');
  c09.decide('clarify', { redacted: 'Kor mykje kostar det?' });
  gap(conv('c10', '2026-03-04', '10:00'), 'Kan jeg lade elbilen i garasjen?');
  const c11 = conv('c11', '2026-03-04', '13:00');
  c11.citizen('Jeg vil klage på vedtaket');
  c11.decide('handover', { handoverReason: 'complaint', redacted: 'Jeg vil klage på vedtaket' });
  c11.handover('complaint', 'servicetorget');
  c11.abandoned('servicetorget', 240);
  conv('c12', '2026-03-04', '15:45', 'da').close('citizen', 'bot');

  // Thursday: a holiday in this test, so the office is closed all day.
  gap(
    conv('c13', '2026-03-05', '10:00'),
    'Mitt fødselsnummer er 01017012345, hvordan søker jeg om startlån?',
    'Mitt fødselsnummer er [FNR], hvordan søker jeg om startlån?',
  );
  const c14 = conv('c14', '2026-03-05', '11:00');
  c14.citizen('Når får jeg svar på søknaden min? Tlf 412 34 567');
  c14.decide('handover', {
    handoverReason: 'personal',
    redacted: 'Når får jeg svar på søknaden min? Tlf [PHONE]',
  });
  c14.handover('personal', 'byggesak');
  c14.offline('office_closed', 'byggesak');
  c14.ticket({ question: 'Når får jeg svar?', queue: 'byggesak', phone: '+47 412 34 567' });

  // Friday
  const c15 = conv('c15', '2026-03-06', '09:00');
  c15.citizen('Jeg har det veldig vondt');
  c15.decide('handover', {
    handoverReason: 'crisis',
    priority: 'urgent',
    redacted: 'Jeg har det veldig vondt',
  });
  c15.handover('crisis', 'helse', 'urgent');
  c15.assigned(agent, 'helse', 10);
  c15.close('agent', 'assigned', { contactType: 'wrong_authority', handledSeconds: 600 });
  c15.feedback('conversation', false);
  const c16 = conv('c16', '2026-03-06', '14:59');
  c16.citizen('Hei!');
  c16.decide('smalltalk', { redacted: 'Hei!' });

  // Weekend
  const c17 = conv('c17', '2026-03-07', '12:00');
  c17.feedback('bot', true, {
    fileId: 'bibliotek',
    messageId: answered(c17, 'bibliotek', 'Biblioteket', { choice: true }),
  });
  gap(conv('c18', '2026-03-07', '13:00'), 'Hvor kan jeg lade elbilen min?');
  answered(conv('c19', '2026-03-08', '23:30', 'en'), 'parkering', 'Parking permit for visitors?');

  return { agent, conversations: all };
}
