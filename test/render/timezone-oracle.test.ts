/**
 * Posts' dates in a site with a `timezone`, printed and through the date filters, against Jekyll:
 * the wall clock in that zone and the zone's offset on that day (summer time included), and the URL;
 * an unquoted YAML time without an offset is read in UTC, a quoted one and a bare date in the zone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jekyllMissing } from './fidelity-harness';
import { oracleSite } from './oracle-site';

const LINE = '{{ page.url }}|{{ page.date }}|{{ page.date | date_to_xmlschema }}|{{ page.date | date: "%Y-%m-%d %H:%M:%S %z %s" }}|'
  + '{{ page.date | date_to_rfc822 }}|{{ page.date | date_to_string }}|{{ page.date | date_to_long_string }}|{{ page.date | jsonify }}\n';

const POSTS: Record<string, string> = {
  '_posts/2024-01-15-from-the-name.html': `---\nlayout: none\n---\n${LINE}`,
  '_posts/2024-07-01-in-summer.html': `---\nlayout: none\ndate: 2024-07-01 10:00:00\n---\n${LINE}`,
  '_posts/2024-01-15-with-an-offset.html': `---\nlayout: none\ndate: 2024-01-15 23:30:00 +0100\n---\n${LINE}`,
  // A YAML time without an offset is UTC: early on the 1st in UTC is still June 30th in Los Angeles, and the URL says so.
  '_posts/2024-07-05-early.html': `---\nlayout: none\ndate: 2024-07-01 02:00:00\n---\n${LINE}`,
  '_posts/2024-07-05-quoted.html': `---\nlayout: none\ndate: "2024-07-01 02:00:00"\n---\n${LINE}`,
  '_posts/2024-07-05-date-only.html': `---\nlayout: none\ndate: 2024-07-01\n---\n${LINE}`,
};

const zones = ['America/Los_Angeles', 'Asia/Kolkata'];
const sites = zones.map((zone) => oracleSite({ '_config.yml': `title: Zoned\ntimezone: ${zone}\n`, ...POSTS }));

zones.forEach((zone, index) => {
  for (const relPath of Object.keys(POSTS)) {
    test(`with timezone ${zone}, ${relPath} prints its date as Jekyll does`, { skip: jekyllMissing }, async () => {
      const { jekyll, preview } = await sites[index].bothOf(relPath);
      assert.equal(preview.trim(), jekyll.trim());
    });
  }
});
