"use strict";
// What Nx loads (package.json `main`): index.ts, compiled to JavaScript (compiled.cjs says why).
module.exports = require("./compiled.cjs").compiled("index.ts");
