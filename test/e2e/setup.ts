// One n8n CLI call takes 2–20 s (a busy 2-core machine), `n8n start` up to a minute, a cold
// machine more: generous limits for every hook and test of the e2e project. The unit project
// keeps its own 30 s (jest.config.js).
jest.setTimeout(10 * 60_000);
