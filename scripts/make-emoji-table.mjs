// Writes server/src/render/generated/emoji.json, the emoji jemoji knows (gemoji's names) and the
// image file of each, from the npm `gemoji` package (GitHub's gemoji data; ESM-only, so read here
// rather than at run time): `node scripts/make-emoji-table.mjs` after updating that package.
import { writeFileSync } from 'node:fs';
import { gemoji } from 'gemoji';

/**
 * gemoji's `Emoji::Character#image_filename` (gemoji 4): `unicode/` and the code points in hex,
 * four digits at least, joined by `-`, without the variation selector and zero-width joiners.
 */
function imageName(emoji) {
  const hex = [...emoji].map((char) => char.codePointAt(0).toString(16).padStart(4, '0')).join('-');
  return hex.replace(/-(fe0f|200d)\b/g, '');
}

/** gemoji's own images (entries of its db/emoji.json without a Unicode character): `<name>.png`, by alias. */
const CUSTOM = {
  atom: 'atom', basecamp: 'basecamp', basecampy: 'basecampy', bowtie: 'bowtie', dependabot: 'dependabot',
  electron: 'electron', feelsgood: 'feelsgood', finnadie: 'finnadie', fishsticks: 'fishsticks', goberserk: 'goberserk',
  godmode: 'godmode', hurtrealbad: 'hurtrealbad', neckbeard: 'neckbeard', octocat: 'octocat', rage1: 'rage1',
  rage2: 'rage2', rage3: 'rage3', rage4: 'rage4', shipit: 'shipit', squirrel: 'shipit', suspect: 'suspect', trollface: 'trollface',
};

const unicode = {};
for (const { emoji, names } of gemoji) for (const name of names) unicode[name] = imageName(emoji);
const table = { unicode: Object.fromEntries(Object.entries(unicode).sort(([a], [b]) => (a < b ? -1 : 1))), custom: CUSTOM };
writeFileSync(new URL('../server/src/render/generated/emoji.json', import.meta.url), `${JSON.stringify(table)}\n`);
console.log(`${Object.keys(unicode).length} names of Unicode emoji, ${Object.keys(CUSTOM).length} of gemoji's own images`);
