// Copies the icons next to the compiled node and credential, as `n8n-node build` does (tsc emits
// the codex file itself: tsconfig.json includes nodes/**/*.json). Each copy returns its stream, so
// gulp waits for both to finish before `npm run build` ends.
const { parallel, src, dest } = require('gulp');

// encoding: false keeps PNG bytes intact (gulp 5 reads files as UTF-8 by default).
const copy = (from, to) => () => src(`${from}/**/*.{png,svg}`, { encoding: false }).pipe(dest(to));

const copyNodeIcons = copy('nodes', 'dist/nodes');
copyNodeIcons.displayName = 'copy node icons';
const copyCredentialIcons = copy('credentials', 'dist/credentials');
copyCredentialIcons.displayName = 'copy credential icons';

exports['build:icons'] = parallel(copyNodeIcons, copyCredentialIcons);
