/** The public labelled sets over knowledge/sample, all of them tuning sets by now (README, "Measuring"). */
export const DEFAULT_QUESTIONS = [
  'eval/datasets/tuning.jsonl',
  'eval/datasets/heldout.jsonl',
  'eval/datasets/heldout-2.jsonl',
  'eval/datasets/heldout-3.jsonl',
  'eval/datasets/heldout-4.jsonl',
  'eval/datasets/heldout-5.jsonl',
  'eval/datasets/heldout-6.jsonl',
  'eval/datasets/heldout-7.jsonl',
  'eval/datasets/heldout-8.jsonl',
  'eval/datasets/heldout-9.jsonl',
  'eval/datasets/heldout-10.jsonl',
  'eval/datasets/heldout-11.jsonl',
];

/**
 * Knowledge the answer model was never fitted on, with its question set: the cross-knowledge run. The
 * shipped weights come from knowledge/sample; here they are adjusted to the folder's own probes only.
 * kommune-a was written blind by people who never saw the bot; its first run is in eval/results.
 */
export const CROSS_KNOWLEDGE = [
  {
    label: 'kommune-a',
    knowledge: 'eval/knowledge/kommune-a',
    questions: ['eval/cross-knowledge/kommune-a-questions.jsonl'],
  },
];
