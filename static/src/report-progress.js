// Shows a report version's progress while it is generated, without reloading the page: a
// reload would wipe what the lead is typing and move their place on the page. Each progress
// region names its job's JSON status (`data-job-status-url`); the region's sentence is a
// polite live region, so a screen reader hears each change of status once. Without this
// script the region's "Check progress" link reloads the page when the lead chooses.
const regions = document.querySelectorAll("[data-job-status-url]");

const INTERVAL_MS = 3000;
const LONGEST_INTERVAL_MS = 30000;
const KIND = { draft: "draft", factual_accuracy: "factual accuracy", final: "final" };

const sentence = (job) => {
  const kind = KIND[job.kind] || "new";
  switch (job.status) {
    case "ready":
      return `The ${kind} version is ready.`;
    case "failed":
      return `Generating the ${kind} version failed. ${job.error || ""}`.trim();
    case "waiting":
      return `The ${kind} version is waiting for the queue. It starts by itself when the queue is back.`;
    case "queued":
      return `The ${kind} version is queued: ${job.progress}% done.`;
    default:
      return `The ${kind} version is being generated: ${job.progress}% done.`;
  }
};

const watch = (region) => {
  const url = region.dataset.jobStatusUrl;
  const said = region.querySelector("[data-job-sentence]");
  const bar = region.querySelector("progress");
  const link = region.querySelector("[data-job-check]");
  let interval = INTERVAL_MS;
  let lastSentence = said ? said.textContent.trim() : "";
  let lastStep = -1;

  const show = (job) => {
    if (bar) {
      bar.value = job.progress;
      bar.textContent = `${job.progress}%`;
    }
    // Announce a change of status, and progress in quarters: not every percent.
    const step = Math.floor(job.progress / 25);
    const text = sentence(job);
    if (said && (text.split(":")[0] !== lastSentence.split(":")[0] || step !== lastStep)) {
      said.textContent = text;
      lastSentence = text;
      lastStep = step;
    }
    region.dataset.jobStatus = job.status;
  };

  const finish = (job) => {
    if (link) {
      link.textContent =
        job.status === "ready" ? "Show the new version on this page" : "Show the details";
    }
    if (bar && job.status === "ready") bar.value = 100;
  };

  const poll = async () => {
    let job;
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      job = await response.json();
      interval = INTERVAL_MS;
    } catch {
      // The network or the server hiccuped: try again, less and less often.
      interval = Math.min(interval * 2, LONGEST_INTERVAL_MS);
      window.setTimeout(poll, interval);
      return;
    }
    show(job);
    if (job.status === "ready" || job.status === "failed") {
      finish(job);
      return;
    }
    window.setTimeout(poll, interval);
  };

  window.setTimeout(poll, INTERVAL_MS);
};

regions.forEach(watch);
