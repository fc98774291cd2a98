/** Small wording helpers shared by the diagnosis lines. */

/** Lower-cases the first letter unless the first word is an acronym or a name with inner capitals (CredSSP, RD). */
export function lowerFirst(s: string): string {
  const [word = '', next = ''] = s.split(' ');
  const article = /^(A|An|The)$/.test(word);
  if (!article && word.length > 1 && word.slice(1) !== word.slice(1).toLowerCase()) return s;
  if (!article && /^[A-Z]/.test(next)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** A cause title without its trailing parenthesis, for use inside a sentence. */
export function shortTitle(title: string): string {
  return title.replace(/\s*\([^()]*\)\s*$/, '');
}
