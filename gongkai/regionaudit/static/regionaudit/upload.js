// 年报体检's upload: while the reports are checked (it takes a while for many), say so and keep the button from a
// second submission.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-ingest]");
  if (!form) return;
  form.addEventListener("submit", () => {
    const input = form.querySelector("input[type=file]");
    const count = input && input.files ? input.files.length : 0;
    const status = document.getElementById("ingest-progress");
    if (status) status.textContent = (form.dataset.progress || "").replace("{count}", String(count));
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
  });
});
