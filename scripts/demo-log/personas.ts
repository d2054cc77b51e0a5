import type { Random } from './random.ts';

/** What a demo citizen came to do; what then happens depends on the bot's real replies. */
export type Persona =
  /** One question the knowledge base answers. */
  | 'answer'
  /** Two or three questions in one chat. */
  | 'answerMore'
  /** A question that leans on an earlier one. */
  | 'followUp'
  /** Gets an answer, then still wants a person. */
  | 'answerThenHuman'
  /** Writes something only a person should handle (a case, an ID number, a complaint, a crisis). */
  | 'handover'
  /** Asks what the municipality's knowledge does not cover. */
  | 'fallback'
  /** Says hello first. */
  | 'smalltalk'
  /** Presses "talk to a person" straight away. */
  | 'humanButton'
  /** Opens the chat and closes it again. */
  | 'browse';

/** Out of every twenty chats. */
const DECK: readonly (readonly [Persona, number])[] = [
  ['answer', 6],
  ['answerMore', 2],
  ['followUp', 1],
  ['answerThenHuman', 1],
  ['handover', 4],
  ['fallback', 2],
  ['smalltalk', 2],
  ['humanButton', 1],
  ['browse', 1],
];

/**
 * Personas dealt from shuffled decks rather than drawn one by one: every day gets close to the full mix,
 * so even a two-day log has answers, handovers and fallbacks.
 */
export class PersonaDeck {
  private hand: Persona[] = [];

  constructor(private readonly random: Random) {}

  deal(): Persona {
    if (this.hand.length === 0) {
      this.hand = this.random.shuffle(DECK.flatMap(([p, n]) => Array.from({ length: n }, () => p)));
    }
    return this.hand.pop()!;
  }
}
