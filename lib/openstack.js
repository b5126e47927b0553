// The OpenStack bindings, each namespace loaded on first use (`cdktf get`'s lazy index). Loading all 173 at once,
// as the typed index.ts would, costs seconds under ts-node; this file and openstack.d.ts give that index's types
// with lazy loading, which TypeScript cannot express in one .ts file.
"use strict";
module.exports = require("../.gen/providers/openstack/lazy-index");
