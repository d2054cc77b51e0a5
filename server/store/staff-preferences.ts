import type { Db } from './db.ts';

/** Per staff member settings that follow them from browser to browser (issue 19: the console language). */
export function staffPreferencesRepo(db: Db) {
  const get = db.prepare<[number], { console_lang: string | null }>(
    'SELECT console_lang FROM staff_preferences WHERE staff_id = ?',
  );
  const setLang = db.prepare(
    `INSERT INTO staff_preferences (staff_id, console_lang) VALUES (?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET console_lang = excluded.console_lang`,
  );
  return {
    consoleLang: (staffId: number): string | null => get.get(staffId)?.console_lang ?? null,
    setConsoleLang(staffId: number, lang: string): void {
      setLang.run(staffId, lang);
    },
  };
}
