/* gongkai: the little behaviour pages need, without inline scripts (the Content-Security-Policy allows scripts
   from this site's static files only: gongkai/core/headers.py). Every page works without it. */
(function () {
  "use strict";
  /* <select data-autosubmit>: choosing a value submits its form (the <noscript> button does it otherwise). */
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
  /* <form data-confirm="question">: asks before submitting. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  /* <button data-print hidden>: shown when scripts run, prints the page. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  });
  /* <textarea data-count-max="4000" data-count-format="已输入 %(count)s / %(max)s 字">: a live count under it, marked
     when over the limit (the browser never cuts the text: the server refuses a text too long and keeps it). */
  function countOf(area) {
    return Array.from(area.value.replace(/\r\n?/g, "\n")).length;
  }
  function updateCounter(area) {
    var counter = document.getElementById(area.id + "_counter");
    if (!counter) {
      return;
    }
    var max = parseInt(area.getAttribute("data-count-max"), 10);
    var count = countOf(area);
    counter.textContent = (area.getAttribute("data-count-format") || "%(count)s / %(max)s")
      .replace("%(count)s", String(count))
      .replace("%(max)s", String(max));
    counter.classList.toggle("over", count > max);
  }
  function addCounters() {
    document.querySelectorAll("textarea[data-count-max]").forEach(function (area) {
      if (!area.id || document.getElementById(area.id + "_counter")) {
        return;
      }
      var counter = document.createElement("div");
      counter.id = area.id + "_counter";
      counter.className = "counter";
      counter.setAttribute("aria-live", "polite");
      area.insertAdjacentElement("afterend", counter);
      var described = area.getAttribute("aria-describedby");
      area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      updateCounter(area);
    });
  }
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches && target.matches("textarea[data-count-max]")) {
      updateCounter(target);
    }
  });
  function reveal() {
    document.querySelectorAll("[data-print][hidden]").forEach(function (element) {
      element.hidden = false;
    });
    addCounters();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
