// n8n's official lint config for community nodes (the starter's), applied to the package's sources.
import { config } from '@n8n/node-cli/eslint';

export default [...config, { ignores: ['test/**', 'bench/**', 'scripts/**', 'jest.config.js', 'gulpfile.js', 'index.js', 'eslint.config.mjs'] }];
