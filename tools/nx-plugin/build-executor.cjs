"use strict";
// What Nx runs (executors.json): build-executor.ts, compiled to JavaScript (compiled.cjs says why).
module.exports = require("./compiled.cjs").compiled("build-executor.ts");
