// openapi-diff through its library API: SOURCE DESTINATION OUT writes the verdict to OUT
// as JSON. (Its CLI prints the verdict and exits at once, cutting a long answer short
// when stdout is a pipe.)
"use strict";
const fs = require("fs");
const openapiDiff = require("openapi-diff");

const [source, destination, out] = process.argv.slice(2);
const spec = (location) => ({
  content: fs.readFileSync(location, "utf8"),
  location,
  format: "openapi3",
});

openapiDiff
  .diffSpecs({ sourceSpec: spec(source), destinationSpec: spec(destination) })
  .then((result) => fs.writeFileSync(out, JSON.stringify(result)))
  .catch((error) => {
    console.error(error.message || String(error));
    process.exitCode = 2;
  });
