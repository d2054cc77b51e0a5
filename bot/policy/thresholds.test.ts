import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, mergeThresholds, THRESHOLD_ENV_VARS, thresholdsFromEnv } from './thresholds.ts';

describe('thresholds', () => {
  it('names an environment variable for every threshold', () => {
    expect(THRESHOLD_ENV_VARS.queueMin).toBe('SVAR_BOT_QUEUE_MIN');
    expect(THRESHOLD_ENV_VARS.followUpMaxWords).toBe('SVAR_BOT_FOLLOW_UP_MAX_WORDS');
    expect(Object.keys(THRESHOLD_ENV_VARS).sort()).toEqual(Object.keys(DEFAULT_THRESHOLDS).sort());
  });

  it('reads overrides from the environment and reports bad values', () => {
    const { thresholds, errors } = thresholdsFromEnv({
      SVAR_BOT_QUEUE_MIN: '0.62',
      SVAR_BOT_HANDOVER_MODEL_MIN: 'lots',
      SVAR_BOT_FOLLOW_UP_MAX_WORDS: '99',
      SVAR_BOT_OUT_OF_SCOPE_OVERRIDE: '',
      UNRELATED: '1',
    });
    expect(thresholds).toEqual({ queueMin: 0.62 });
    expect(errors).toHaveLength(2);
    expect(errors.join(' ')).toContain('SVAR_BOT_HANDOVER_MODEL_MIN');
    expect(errors.join(' ')).toContain('SVAR_BOT_FOLLOW_UP_MAX_WORDS');
  });

  it('layers later values over earlier ones', () => {
    const merged = mergeThresholds({ queueMin: 0.6, followUpBlend: 0.2 }, { queueMin: 0.7 });
    expect(merged).toMatchObject({
      queueMin: 0.7,
      followUpBlend: 0.2,
      outOfScopeOverride: DEFAULT_THRESHOLDS.outOfScopeOverride,
    });
  });

  it('has defaults that make sense together', () => {
    const t = DEFAULT_THRESHOLDS;
    expect(t.distressCheckInMin).toBeLessThan(t.distressModerateMin);
    expect(t.distressModerateMin).toBeLessThan(t.distressHighMin);
  });
});
