// Builds static/dist from GOV.UK Frontend and static/src. Run by `make assets`.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const govuk = join(here, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(here, "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "govuk"), { recursive: true });
cpSync(join(govuk, "assets"), join(out, "govuk", "assets"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
cpSync(join(here, "src", "jtai.js"), join(out, "jtai.js"));
cpSync(join(here, "src", "autosave.js"), join(out, "autosave.js"));
cpSync(join(here, "src", "report-progress.js"), join(out, "report-progress.js"));
cpSync(join(here, "src", "autocomplete.js"), join(out, "autocomplete.js"));
cpSync(join(here, "src", "team-agencies.js"), join(out, "team-agencies.js"));
// GOV.UK's accessible autocomplete (npm: accessible-autocomplete), its script and styles with
// the source maps they name (collectstatic's manifest refuses a file naming a missing one).
const autocomplete = join(here, "node_modules", "accessible-autocomplete", "dist");
for (const name of [
  "accessible-autocomplete.min.js",
  "accessible-autocomplete.min.js.map",
  "accessible-autocomplete.min.css",
  "accessible-autocomplete.min.css.map",
]) {
  cpSync(join(autocomplete, name), join(out, name));
}

const css = sass.compile(join(here, "src", "app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), css.css);
console.log("static/dist built: app.css, govuk assets and scripts");
