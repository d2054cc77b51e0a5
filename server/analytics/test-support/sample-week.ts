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
export async function writeSampleWeek(store: Store): Promise<{
  agent: number;
  conversations: Map<string, SyntheticConversation>;
}> {
  const agent = await addStaff(store, 'kari', oslo('2026-03-01', '08:00'));
  const all = new Map<string, SyntheticConversation>();
  const conv = async (id: string, date: string, time: string, lang = 'nb') => {
    const c = await SyntheticConversation.start(store, id, oslo(date, time), lang);
    all.set(id, c);
    return c;
  };
  const answered = async (
    c: SyntheticConversation,
    fileId: string,
    q: string,
    extra: { choice?: boolean } = {},
  ) => {
    await c.citizen(q);
    return await c.decide('answer', { fileId, redacted: q, lang: c.lang, detectedLang: c.lang, ...extra });
  };
  const gap = async (c: SyntheticConversation, q: string, loggedAs?: string, reason = 'no_match') => {
    await c.citizen(q);
    await c.decide('fallback', { fallbackReason: reason, unanswered: true, redacted: loggedAs ?? q });
  };

  // Outside the week: Sunday 1 March 23:30 and Monday 9 March 00:30, local time.
  await answered(await conv('c00', '2026-03-01', '23:30'), 'skolerute', 'Når starter skolen?');
  await answered(await conv('c21', '2026-03-09', '00:30'), 'skolerute', 'Når starter skolen?');

  // Monday
  // A log line that slipped an ID number through unredacted: the report must still not show it.
  await gap(
    await conv('c20', '2026-03-02', '00:30'),
    'Er 15057512345 riktig nummer?',
    'Er 15057512345 riktig nummer?',
    'out_of_scope',
  );
  const c01 = await conv('c01', '2026-03-02', '09:00');
  await c01.feedback('bot', true, {
    fileId: 'skolerute',
    messageId: await answered(c01, 'skolerute', 'Når er høstferien?'),
  });
  const c02 = await conv('c02', '2026-03-02', '10:15');
  await answered(c02, 'skolerute', 'Skolerute 2026?');
  await c02.rawEvent('feedback', { target: 'bot', fileId: 'skolerute' }); // no `helpful`: skipped
  const c03 = await conv('c03', '2026-03-02', '14:00', 'en');
  await answered(c03, 'parkering', 'How do I get a parking permit?');
  await c03.feedback('conversation', true);
  await gap(await conv('c04', '2026-03-02', '16:00'), 'Hvor kan jeg lade elbilen min?');

  // Tuesday
  const c05 = await conv('c05', '2026-03-03', '08:30');
  await c05.feedback('bot', false, {
    fileId: 'skolerute',
    messageId: await answered(c05, 'skolerute', 'Planleggingsdager?'),
  });
  const c06 = await conv('c06', '2026-03-03', '11:00');
  await c06.citizen('Jeg vil snakke med noen');
  await c06.handover('human_request', 'servicetorget');
  await c06.assigned(agent, 'servicetorget', 120);
  await c06.agentMessage(agent, 'Hei, hva gjelder det?');
  await c06.close('agent', 'assigned', {
    contactType: 'new_case',
    handledSeconds: 300,
    note: 'Søknad registrert',
  });
  await c06.feedback('agent', true);
  const c07 = await conv('c07', '2026-03-03', '12:00');
  await c07.handover('human_request', 'servicetorget');
  await c07.assigned(agent, 'servicetorget', 60);
  await c07.close('agent', 'assigned', { contactType: 'case_status_change', handledSeconds: 900 });
  await c07.feedback('conversation', false, { comment: 'Ring meg på 412 34 567' });
  const c08 = await conv('c08', '2026-03-03', '22:00');
  await c08.citizen('Hva er status på byggesaken min?');
  await c08.decide('handover', {
    handoverReason: 'personal',
    queue: 'byggesak',
    redacted: 'Hva er status på byggesaken min?',
  });
  await c08.handover('personal', 'byggesak');
  await c08.offline('office_closed', 'byggesak');
  const t08 = await c08.ticket({
    question: 'Status på byggesak?',
    queue: 'byggesak',
    email: 'ola.nordmann@example.no',
  });
  await c08.ticketAnswered(t08, 'email', 50_400, agent, 'Saken er under behandling.');

  // Wednesday
  const c09 = await conv('c09', '2026-03-04', '09:30', 'nn');
  await c09.citizen('Kor mykje kostar det?');
  await c09.decide('clarify', { redacted: 'Kor mykje kostar det?' });
  await gap(await conv('c10', '2026-03-04', '10:00'), 'Kan jeg lade elbilen i garasjen?');
  const c11 = await conv('c11', '2026-03-04', '13:00');
  await c11.citizen('Jeg vil klage på vedtaket');
  await c11.decide('handover', { handoverReason: 'complaint', redacted: 'Jeg vil klage på vedtaket' });
  await c11.handover('complaint', 'servicetorget');
  await c11.abandoned('servicetorget', 240);
  await (await conv('c12', '2026-03-04', '15:45', 'da')).close('citizen', 'bot');

  // Thursday: a holiday in this test, so the office is closed all day.
  await gap(
    await conv('c13', '2026-03-05', '10:00'),
    'Mitt fødselsnummer er 01017012345, hvordan søker jeg om startlån?',
    'Mitt fødselsnummer er [FNR], hvordan søker jeg om startlån?',
  );
  const c14 = await conv('c14', '2026-03-05', '11:00');
  await c14.citizen('Når får jeg svar på søknaden min? Tlf 412 34 567');
  await c14.decide('handover', {
    handoverReason: 'personal',
    redacted: 'Når får jeg svar på søknaden min? Tlf [PHONE]',
  });
  await c14.handover('personal', 'byggesak');
  await c14.offline('office_closed', 'byggesak');
  await c14.ticket({ question: 'Når får jeg svar?', queue: 'byggesak', phone: '+47 412 34 567' });

  // Friday
  const c15 = await conv('c15', '2026-03-06', '09:00');
  await c15.citizen('Jeg har det veldig vondt');
  await c15.decide('handover', {
    handoverReason: 'crisis',
    priority: 'urgent',
    redacted: 'Jeg har det veldig vondt',
  });
  await c15.handover('crisis', 'helse', 'urgent');
  await c15.assigned(agent, 'helse', 10);
  await c15.close('agent', 'assigned', { contactType: 'wrong_authority', handledSeconds: 600 });
  await c15.feedback('conversation', false);
  const c16 = await conv('c16', '2026-03-06', '14:59');
  await c16.citizen('Hei!');
  await c16.decide('smalltalk', { redacted: 'Hei!' });

  // Weekend
  const c17 = await conv('c17', '2026-03-07', '12:00');
  await c17.feedback('bot', true, {
    fileId: 'bibliotek',
    messageId: await answered(c17, 'bibliotek', 'Biblioteket', { choice: true }),
  });
  await gap(await conv('c18', '2026-03-07', '13:00'), 'Hvor kan jeg lade elbilen min?');
  await answered(await conv('c19', '2026-03-08', '23:30', 'en'), 'parkering', 'Parking permit for visitors?');

  return { agent, conversations: all };
}
