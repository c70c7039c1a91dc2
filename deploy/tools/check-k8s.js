// Validates every document of the given files against kubernetes-models' OpenAPI schemas.
const fs = require('fs'); const yaml = require('js-yaml');
let bad = 0, n = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
    if (!doc) continue; n++;
    const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
    const mod = group ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/${version}/${doc.kind}`;
    try {
      const Cls = require(mod)[doc.kind];
      new Cls(doc).validate();
      console.log(`ok   ${file}: ${doc.kind} ${doc.metadata.name}`);
    } catch (e) { bad++; console.log(`FAIL ${file}: ${doc.kind} ${doc.metadata && doc.metadata.name}: ${e.message}`); }
  }
}
console.log(`${n} documents, ${bad} invalid`); process.exit(bad ? 1 : 0);
