// Keeps each background job's status line up to date until the job has finished.
// The line is a role="status" live region, so screen readers hear each new state once.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;

  function poll(box) {
    var summary = box.querySelector("[data-job-summary]");
    var bar = box.querySelector("progress");
    fetch(box.getAttribute("data-job-status"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        if (summary.textContent !== job.summary) { summary.textContent = job.summary; }
        if (bar) { bar.value = job.percent; bar.textContent = job.percent + "%"; bar.hidden = job.finished; }
        if (job.finished) { box.setAttribute("data-finished", ""); } else { window.setTimeout(function () { poll(box); }, INTERVAL_MS); }
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, INTERVAL_MS * 5); });
  }

  function start() {
    document.querySelectorAll("[data-job-status]:not([data-finished])").forEach(function (box) {
      if (box.hasAttribute("data-polling")) { return; }
      box.setAttribute("data-polling", "");
      window.setTimeout(function () { poll(box); }, INTERVAL_MS);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
