/**
 * The words a service is known by, for its page and the search index: its own aliases, then every
 * word of the regency's synonym groups (katalog.json) one of whose members its title or an alias
 * holds as whole words. "Perubahan Kartu Keluarga" then carries "KK", and "KTP-el" carries
 * "e-KTP", "ektp" and "KTP elektronik", so the search finds it by any of them.
 */
export function serviceWords(title: string, aliases: readonly string[], synonyms: readonly string[][]): string[] {
  const fold = (text: string) => text.toLocaleLowerCase("id-ID").normalize("NFKC");
  const names = [title, ...aliases].map(fold);
  const words: string[] = [];
  const seen = new Set([fold(title)]);
  const add = (word: string) => {
    const key = fold(word);
    if (seen.has(key)) return;
    seen.add(key);
    words.push(word);
  };
  for (const alias of aliases) add(alias);
  for (const group of synonyms)
    if (group.some((member) => names.some((name) => holdsWords(name, fold(member)))))
      for (const member of group) add(member);
  return words;
}

/** Whether `text` holds `words` with a boundary on each side (not "kk" inside "kkn"). */
export function holdsWords(text: string, words: string): boolean {
  let from = 0;
  for (let at = text.indexOf(words, from); at >= 0; at = text.indexOf(words, from)) {
    const before = at === 0 ? "" : text[at - 1]!;
    const after = text[at + words.length] ?? "";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
  return false;
}
