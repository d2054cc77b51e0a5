import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds, THRESHOLD_ENV_VARS, thresholdsFromEnv } from './thresholds.ts';

describe('thresholds', () => {
  it('names an environment variable for every threshold', () => {
    expect(THRESHOLD_ENV_VARS.answerMin).toBe('SVAR_BOT_ANSWER_MIN');
    expect(THRESHOLD_ENV_VARS.followUpMaxWords).toBe('SVAR_BOT_FOLLOW_UP_MAX_WORDS');
    expect(Object.keys(THRESHOLD_ENV_VARS).sort()).toEqual(Object.keys(DEFAULT_THRESHOLDS).sort());
  });

  it('reads overrides from the environment and reports bad values', () => {
    const { thresholds, errors } = thresholdsFromEnv({
      SVAR_BOT_ANSWER_MIN: '0.62',
      SVAR_BOT_MARGIN_MIN: 'lots',
      SVAR_BOT_CLARIFY_MAX: '9',
      SVAR_BOT_QUEUE_MIN: '',
      UNRELATED: '1',
    });
    expect(thresholds).toEqual({ answerMin: 0.62 });
    expect(errors).toHaveLength(2);
    expect(errors.join(' ')).toContain('SVAR_BOT_MARGIN_MIN');
    expect(errors.join(' ')).toContain('SVAR_BOT_CLARIFY_MAX');
  });

  it('layers later values over earlier ones', () => {
    const merged = mergeThresholds({ answerMin: 0.6, marginMin: 0.2 }, { answerMin: 0.7 });
    expect(merged).toMatchObject({
      answerMin: 0.7,
      marginMin: 0.2,
      clarifyMin: DEFAULT_THRESHOLDS.clarifyMin,
    });
  });

  it('has defaults that make sense together', () => {
    const t = DEFAULT_THRESHOLDS;
    expect(t.clarifyMin).toBeLessThan(t.answerMin);
    expect(t.clarifyMinOptions).toBeLessThanOrEqual(t.clarifyMax);
    expect(t.outOfScopeOverride).toBeGreaterThan(t.answerMin);
  });
});
