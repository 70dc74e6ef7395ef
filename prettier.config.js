// Prettier formats; ESLint (eslint.config.js) finds defects. Prettier rather than Biome: Biome's linter has no
// type-aware rules (floating promises, unsafe any, unnecessary conditions need the TypeScript checker), so we
// would run typescript-eslint anyway, and Prettier is the formatter that eslint-config-prettier is made for.
// Options match the code as written by hand: single quotes, semicolons, two spaces, trailing commas.
// printWidth 140: the widest that removes the over-long lines with the smallest diff (120 touches 20 more files).
/** @type {import('prettier').Config} */
export default {
  singleQuote: true,
  printWidth: 140,
};
