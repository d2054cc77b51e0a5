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
