// The package's main: the node and credential classes that package.json's n8n section lists,
// by class name, loaded from the build (n8n itself reads the n8n section, not this file).
const { n8n } = require('./package.json');

for (const path of [...n8n.nodes, ...n8n.credentials]) {
	Object.assign(module.exports, require(`./${path}`));
}
