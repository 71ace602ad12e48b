/** A problem with how the CLI was called or with the site it was pointed at: exit 2 with the usage text. */
export class UsageError extends Error {}
