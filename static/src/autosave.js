// Autosaves a judgement's draft while the inspector types. Progressive enhancement: the form
// posts and works without it. Each save sends the version the page holds; the API answers 409
// when someone else saved first, and then autosave stops and says so, leaving the typed text
// in the form for a deliberate "Save as draft", which shows what changed.
const form = document.querySelector("form[data-autosave-url]");

if (form) {
  const url = form.dataset.autosaveUrl;
  const status = document.getElementById("autosave-status");
  const version = form.querySelector('input[name="version"]');
  const csrf = form.querySelector('input[name="csrfmiddlewaretoken"]');
  const DELAY_MS = 2000;
  let timer = null;
  let saving = false;
  let again = false;
  let stopped = false;

  const say = (text) => {
    if (status) status.textContent = text;
  };
  const hhmm = (date) =>
    `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  const lines = (name) =>
    (form.elements[name] ? form.elements[name].value : "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);

  const payload = () => {
    const body = {
      version: Number(version.value),
      strengths: lines("strengths"),
      improvements: lines("improvements"),
      evidence_summary: form.elements.evidence_summary ? form.elements.evidence_summary.value : "",
      complete: false,
    };
    if (form.querySelector('input[name="grade"]')) {
      const grade = form.querySelector('input[name="grade"]:checked');
      body.grade = grade ? grade.value : "";
    }
    return body;
  };

  const save = async () => {
    if (stopped) return;
    if (saving) {
      again = true;
      return;
    }
    saving = true;
    try {
      const response = await fetch(url, {
        method: "PATCH",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrf ? csrf.value : "",
        },
        body: JSON.stringify(payload()),
      });
      if (response.ok) {
        const data = await response.json();
        version.value = data.version;
        say(`Saved at ${hhmm(new Date())}`);
      } else if (response.status === 409) {
        stopped = true;
        say(
          "Someone else has saved this judgement since you opened it, so your changes were not " +
            "saved automatically. Your text is still here: select \u201cSave as draft\u201d to " +
            "see what they changed.",
        );
      } else if (response.status === 400) {
        const data = await response.json();
        say(`Not saved automatically: ${data.detail || "check your answers"}`);
      } else {
        say("Not saved automatically. Select \u201cSave as draft\u201d to save your changes.");
      }
    } catch {
      say("Not saved automatically: check your connection, then select \u201cSave as draft\u201d.");
    } finally {
      saving = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  };

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", () => {
    stopped = true;
    clearTimeout(timer);
  });
}
