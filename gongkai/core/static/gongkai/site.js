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
  function reveal() {
    document.querySelectorAll("[data-print][hidden]").forEach(function (element) {
      element.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
