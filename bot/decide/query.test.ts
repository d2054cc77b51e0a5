import { describe, expect, it } from 'vitest';
import { retrievalQuery } from './query.ts';

describe('retrievalQuery', () => {
  it.each([
    // a sentence that only says how to reach the citizen is not searched
    [
      'Hva koster beboerkort? Svar gjerne på e-post til kari@example.no eller sms til 48 12 34 56.',
      'Hva koster beboerkort?',
    ],
    [
      'Når er fristen for å søke SFO? Ring meg gjerne på 912 34 567 hvis det er lettere.',
      'Når er fristen for å søke SFO?',
    ],
    ['Hvornår tømmes skraldespanden? Min mail er ole@example.dk', 'Hvornår tømmes skraldespanden?'],
    ['When is the pool open?\nCall me on +47 912 34 567', 'When is the pool open?'],
    // a number inside the only sentence: the number goes, the words stay
    ['Kan dere ringe meg på 912 34 567 om SFO-prisen?', 'Kan dere ringe meg på om SFO-prisen?'],
    // nothing but contact details: keep what words there are rather than search for nothing
    ['Ring meg. 912 34 567', 'Ring meg.'],
    // ID and case numbers are removed as before
    ['Fødselsnummeret mitt er 12039412345. Hva koster SFO?', 'Fødselsnummeret mitt er . Hva koster SFO?'],
  ])('"%s" → "%s"', (message, query) => {
    expect(retrievalQuery(message)).toBe(query);
  });
});
