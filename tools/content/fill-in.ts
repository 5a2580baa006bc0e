/**
 * The marker of a part of a starter page the unit still has to write: the page reads as a form
 * until then, and `npm run report` counts the pages that still hold one.
 */
export const fillIn = (what: string) => `[[Isi: ${what}]]`;

/** Does a page's text still hold a part to fill in? */
export const hasFillIn = (text: string) => /\[\[Isi: /.test(text);
