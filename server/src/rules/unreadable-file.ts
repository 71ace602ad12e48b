import type { ConfigRule } from './rule';

/**
 * A file or folder of the site that cannot be read (its permissions forbid it): Jekyll stops the
 * build with "Permission denied", where the checks would otherwise skip it silently. Reported on
 * `_config.yml`, since the file itself cannot be opened.
 */
export const unreadableFile: ConfigRule = {
  id: 'unreadable-file',
  defaultSeverity: 'error',
  description: 'A file or folder of the site cannot be read (permissions): Jekyll stops the build, where it would otherwise be skipped silently.',
  target: 'config',
  check({ site, report }) {
    for (const [relPath, kind] of [...site.unreadable].sort(([a], [b]) => a.localeCompare(b))) {
      report({
        start: 0,
        end: 0,
        message: `The ${kind} \`${relPath}\` cannot be read (permission denied), so Jekyll stops the build there and nothing in it is checked. `
          + `Give yourself read access${kind === 'folder' ? ' to the folder (and the right to open it)' : ''}, e.g. \`chmod ${kind === 'folder' ? 'u+rx' : 'u+r'} ${relPath}\`, or add it to \`exclude\` in \`_config.yml\`.`,
      });
    }
  },
};
