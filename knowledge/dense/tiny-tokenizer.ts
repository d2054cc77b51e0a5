/**
 * A small BERT WordPiece tokenizer for the test model, in the tokenizer.json format transformers.js reads.
 * The vocabulary is built from the texts the tests will embed, so words they share map to the same tokens.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const PAD_ID = 0;
const CLS_ID = 2;
const SEP_ID = 3;

/** ASCII symbols count as punctuation for BERT's pre-tokenizer, like Unicode punctuation does. */
const PUNCTUATION = String.raw`\p{P}\u0021-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E`;
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const IS_PUNCTUATION = new RegExp(`^[${PUNCTUATION}]$`, 'u');

/** Words the e5 prefixes bring, plus letters so unseen words fall back to characters instead of [UNK]. */
const ALWAYS = ['query', 'passage', ':', ...'abcdefghijklmnopqrstuvwxyzæøåäöéü0123456789'];
const ASCII_PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

/** Mirrors BertNormalizer (lower-casing, accents kept) + BertPreTokenizer closely enough to pick a vocabulary. */
export function preTokenize(text: string): string[] {
  return text.toLowerCase().match(PRE_TOKEN) ?? [];
}

export function buildVocabulary(texts: readonly string[], maxWords: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of preTokenize(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const vocab: string[] = [...SPECIAL_TOKENS];
  const seen = new Set<string>(vocab);
  const add = (token: string): void => {
    if (!seen.has(token)) {
      seen.add(token);
      vocab.push(token);
    }
  };
  const characters = new Set<string>();
  for (const word of [...ALWAYS, ...counts.keys()]) {
    for (const char of word) if (!IS_PUNCTUATION.test(char)) characters.add(char);
  }
  for (const mark of ASCII_PUNCTUATION) add(mark);
  for (const char of [...characters].sort()) {
    add(char);
    add(`##${char}`);
  }
  for (const word of ALWAYS) add(word);
  // Most frequent first (ties in first-seen order), so a word cap keeps the words that matter most.
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  for (const word of words.slice(0, maxWords)) add(word);
  return vocab;
}

export function tokenizerJson(vocab: readonly string[]): unknown {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      // Nordic letters carry meaning (ø is not o); BERT's default would strip accents when lower-casing.
      strip_accents: false,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [CLS_ID], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [SEP_ID], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

export function tokenizerConfigJson(): unknown {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    model_max_length: 512,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}

export function modelConfigJson(vocabSize: number, dimensions: number): unknown {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    vocab_size: vocabSize,
    hidden_size: dimensions,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: dimensions * 2,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: PAD_ID,
  };
}
