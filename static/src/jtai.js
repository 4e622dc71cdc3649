// Marks the page as supporting GOV.UK Frontend's JavaScript and starts its components.
// An external file, because the Content Security Policy forbids inline scripts.
import { initAll } from "./govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
