/* gongkai: the item picker (gongkai/disclosure/picker.py). Without this script the field is a text field of 索引号
   or #numbers; with it, a combobox (WAI-ARIA 1.2 pattern, list autocomplete) searching data-picker-url as the
   official types, the choices shown as removable chips. The script writes the chips' numbers into the original
   field ("#12，#34"), so the form submits what it submits without the script.
   Keys: ↓/↑ move through the options, Enter chooses, Escape closes the list (then clears the text), Backspace in
   the empty field removes the last chip. */
(function () {
  "use strict";
  var DELAY = 200;

  function format(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function Picker(root) {
    this.root = root;
    this.source = root.querySelector("[data-picker-value]");
    this.chosenList = root.querySelector("[data-picker-chosen]");
    this.multiple = root.getAttribute("data-picker-multiple") === "true";
    this.url = root.getAttribute("data-picker-url");
    this.kind = root.getAttribute("data-picker-kind") || "";
    this.exclude = root.getAttribute("data-picker-exclude") || "";
    try {
      this.texts = JSON.parse(root.getAttribute("data-picker-texts") || "{}");
    } catch (error) {
      this.texts = {};
    }
    this.chosen = [];
    this.options = [];
    this.active = -1;
    this.sequence = 0;
    this.timer = null;
    var self = this;
    this.chosenList.querySelectorAll("li[data-token]").forEach(function (item) {
      var label = item.querySelector(".picker-label");
      self.chosen.push({
        id: item.getAttribute("data-id") ? parseInt(item.getAttribute("data-id"), 10) : null,
        token: item.getAttribute("data-token"),
        label: (label || item).textContent.trim(),
        unknown: item.classList.contains("unknown"),
      });
    });
    this.build();
    this.renderChosen();
  }

  Picker.prototype.build = function () {
    var id = this.source.id;
    var input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.className = "picker-input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "_listbox");
    input.placeholder = this.texts.placeholder || "";
    var status = document.createElement("div");
    status.id = id + "_status";
    status.className = "picker-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    if (this.source.getAttribute("aria-describedby")) {
      input.setAttribute("aria-describedby", this.source.getAttribute("aria-describedby"));
    }
    if (this.source.getAttribute("aria-invalid")) {
      input.setAttribute("aria-invalid", this.source.getAttribute("aria-invalid"));
    }
    var listbox = document.createElement("ul");
    listbox.id = id + "_listbox";
    listbox.className = "picker-listbox";
    listbox.setAttribute("role", "listbox");
    var label = document.querySelector('label[for="' + id + '"]');
    if (label) {
      if (!label.id) {
        label.id = id + "_label";
      }
      listbox.setAttribute("aria-labelledby", label.id);
    }
    listbox.hidden = true;
    // the original field keeps its name and carries the value; the combobox takes its id (and so its label)
    this.source.id = id + "_value";
    this.source.hidden = true;
    this.source.setAttribute("aria-hidden", "true");
    this.source.tabIndex = -1;
    var box = document.createElement("div");
    box.className = "picker-box";
    box.appendChild(input);
    box.appendChild(listbox);
    this.root.insertBefore(box, this.source);
    this.root.appendChild(status);
    this.root.classList.add("picker-ready");
    this.input = input;
    this.listbox = listbox;
    this.status = status;
    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeydown.bind(this));
    input.addEventListener("blur", this.close.bind(this));
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the field
    });
    listbox.addEventListener("click", this.onOptionClick.bind(this));
    this.chosenList.addEventListener("click", this.onChipClick.bind(this));
  };

  Picker.prototype.sync = function () {
    this.source.value = this.chosen
      .map(function (choice) {
        return choice.token;
      })
      .join("，");
  };

  Picker.prototype.renderChosen = function () {
    var self = this;
    this.chosenList.textContent = "";
    this.chosen.forEach(function (choice, index) {
      var item = document.createElement("li");
      item.setAttribute("data-token", choice.token);
      if (choice.id) {
        item.setAttribute("data-id", String(choice.id));
      }
      if (choice.unknown) {
        item.className = "unknown";
      }
      var label = document.createElement("span");
      label.className = "picker-label";
      label.textContent = choice.label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "picker-remove";
      remove.setAttribute("data-index", String(index));
      remove.setAttribute("aria-label", format(self.texts.remove, { label: choice.label }));
      remove.textContent = "×";
      item.appendChild(label);
      item.appendChild(remove);
      self.chosenList.appendChild(item);
    });
    this.chosenList.hidden = this.chosen.length === 0;
    this.sync();
  };

  Picker.prototype.announce = function (text) {
    this.status.textContent = text || "";
  };

  Picker.prototype.onInput = function () {
    var self = this;
    window.clearTimeout(this.timer);
    var query = this.input.value.trim();
    if (!query) {
      this.close();
      this.announce("");
      return;
    }
    this.timer = window.setTimeout(function () {
      self.search(query);
    }, DELAY);
  };

  Picker.prototype.search = function (query) {
    var self = this;
    var sequence = ++this.sequence;
    var params = new URLSearchParams({ q: query, kind: this.kind, exclude: this.exclude });
    fetch(this.url + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        if (sequence !== self.sequence || self.input.value.trim() !== query) {
          return; // a newer search is on its way
        }
        self.show(data.results || [], Boolean(data.more));
      })
      .catch(function () {
        if (sequence === self.sequence) {
          self.close();
          self.announce(self.texts.failed);
        }
      });
  };

  Picker.prototype.isChosen = function (option) {
    return this.chosen.some(function (choice) {
      return choice.id === option.id;
    });
  };

  Picker.prototype.show = function (results, more) {
    var self = this;
    this.options = results.filter(function (option) {
      return !self.isChosen(option);
    });
    this.listbox.textContent = "";
    this.options.forEach(function (option, index) {
      var item = document.createElement("li");
      item.id = self.input.id + "_option_" + index;
      item.className = "picker-option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-index", String(index));
      item.textContent = option.label;
      self.listbox.appendChild(item);
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    if (this.options.length) {
      this.open();
      var text = format(this.texts.results, { count: this.options.length });
      this.announce(more ? text + " " + format(this.texts.more, { count: results.length }) : text);
    } else {
      this.close();
      this.announce(this.texts.none);
    }
  };

  Picker.prototype.open = function () {
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Picker.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Picker.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Picker.prototype.move = function (step) {
    if (!this.options.length) {
      return;
    }
    this.open();
    var count = this.options.length;
    this.active = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    var self = this;
    this.listbox.querySelectorAll("[role=option]").forEach(function (item, index) {
      var selected = index === self.active;
      item.setAttribute("aria-selected", selected ? "true" : "false");
      item.classList.toggle("active", selected);
      if (selected) {
        self.input.setAttribute("aria-activedescendant", item.id);
        if (item.scrollIntoView) {
          item.scrollIntoView({ block: "nearest" });
        }
      }
    });
  };

  Picker.prototype.pick = function (index) {
    var option = this.options[index];
    if (!option) {
      return;
    }
    var choice = { id: option.id, token: option.token, label: option.label };
    if (this.multiple) {
      this.chosen.push(choice);
    } else {
      this.chosen = [choice];
    }
    this.renderChosen();
    this.input.value = "";
    this.options = [];
    this.close();
    this.announce(format(this.texts.added, { label: option.label }));
  };

  Picker.prototype.remove = function (index) {
    var choice = this.chosen[index];
    if (!choice) {
      return;
    }
    this.chosen.splice(index, 1);
    this.renderChosen();
    this.announce(format(this.texts.removed, { label: choice.label }));
    this.input.focus();
  };

  Picker.prototype.onKeydown = function (event) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        this.move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        // never submits the form while something is typed or the list is open
        if (this.isOpen() || this.input.value.trim()) {
          event.preventDefault();
          if (this.active >= 0) {
            this.pick(this.active);
          }
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault();
          this.close();
        } else if (this.input.value) {
          event.preventDefault();
          this.input.value = "";
          this.announce("");
        }
        break;
      case "Backspace":
        if (!this.input.value && this.chosen.length) {
          event.preventDefault();
          this.remove(this.chosen.length - 1);
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Picker.prototype.onOptionClick = function (event) {
    var item = event.target.closest("[role=option]");
    if (item) {
      this.pick(parseInt(item.getAttribute("data-index"), 10));
      this.input.focus();
    }
  };

  Picker.prototype.onChipClick = function (event) {
    var button = event.target.closest(".picker-remove");
    if (button) {
      this.remove(parseInt(button.getAttribute("data-index"), 10));
    }
  };

  function start() {
    document.querySelectorAll("[data-picker]").forEach(function (root) {
      if (!root.classList.contains("picker-ready") && root.querySelector("[data-picker-value]")) {
        new Picker(root);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
