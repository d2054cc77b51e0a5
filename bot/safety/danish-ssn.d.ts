// danish-ssn ships no types; only the part bot/ uses is declared.
declare module 'danish-ssn' {
  interface DanishSsn {
    (cpr: string): { cpr: string; valid: boolean; date: Date; sex: 'Male' | 'Female' };
    isValid(cpr: string): boolean;
  }
  const cpr: DanishSsn;
  export default cpr;
}
