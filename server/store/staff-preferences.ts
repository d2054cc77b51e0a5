import type { Sql } from './sql.ts';

/** Per staff member settings that follow them from browser to browser (issue 19: the console language). */
export function staffPreferencesRepo(db: Sql) {
  return {
    consoleLang: async (staffId: number): Promise<string | null> =>
      (
        await db.get<{ console_lang: string | null }>(
          'SELECT console_lang FROM staff_preferences WHERE staff_id = ?',
          [staffId],
        )
      )?.console_lang ?? null,
    async setConsoleLang(staffId: number, lang: string): Promise<void> {
      await db.run(
        `INSERT INTO staff_preferences (staff_id, console_lang) VALUES (?, ?)
         ON CONFLICT (staff_id) DO UPDATE SET console_lang = excluded.console_lang`,
        [staffId, lang],
      );
    },
  };
}
