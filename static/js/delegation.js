// "Add another delegate" without a round trip: clone the last delegate block with fresh indices.
// Without JavaScript the same button submits the form and the server adds the block.
(function () {
  "use strict";
  var form = document.getElementById("delegation-form");
  if (!form) return;
  var button = form.querySelector("[data-add-row]");
  var rows = document.getElementById("delegate-rows");
  if (!button || !rows) return;

  var INDEX = /^delegates-(\d+)-/;

  function renumber(element, index) {
    ["id", "name", "for", "aria-describedby"].forEach(function (attr) {
      var value = element.getAttribute(attr);
      if (value) element.setAttribute(attr, value.replace(/delegates-\d+-/g, "delegates-" + index + "-"));
    });
  }

  function nextIndex() {
    var highest = -1;
    rows.querySelectorAll("[name^='delegates-']").forEach(function (input) {
      var match = INDEX.exec(input.name);
      if (match) highest = Math.max(highest, parseInt(match[1], 10));
    });
    return highest + 1;
  }

  button.addEventListener("click", function (event) {
    var all = rows.querySelectorAll("[data-delegate-row]");
    var last = all[all.length - 1];
    if (!last) return;  // nothing to copy: let the server add the block
    event.preventDefault();
    var index = nextIndex();
    var row = last.cloneNode(true);
    row.querySelectorAll(".error").forEach(function (message) { message.remove(); });
    row.querySelectorAll(".has-error").forEach(function (field) { field.classList.remove("has-error"); });
    row.querySelectorAll("[id], [name], [for], [aria-describedby]").forEach(function (element) {
      renumber(element, index);
      element.removeAttribute("aria-invalid");
    });
    row.querySelectorAll("input, textarea, select").forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        input.checked = input.defaultChecked = input.type === "radio" && input.value === "";
      } else if (input.tagName === "SELECT") {
        input.selectedIndex = 0;
      } else {
        input.value = "";
      }
    });
    var number = row.querySelector("[data-row-number]");
    if (number) number.textContent = String(all.length + 1);
    rows.appendChild(row);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  });
})();
