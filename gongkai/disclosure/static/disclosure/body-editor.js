/* gongkai: the rich-text editor of an item's body (gongkai/disclosure/editor.py).

   <textarea data-body-editor='{"bundle": …, "extensions": …, "labels": …, "messages": …}'> becomes a Tiptap editor
   from django-prose-editor's bundle, imported by its URL: no import map, which would be an inline script the
   Content-Security-Policy forbids. Tiptap's own CSS is not injected as a <style> element (the policy forbids that
   too): its rules are in gongkai/site.css. The textarea keeps the HTML and is what the form posts; the server
   sanitises it whatever it holds. Without scripts the textarea stays as it is. */

const MARKER = "data-body-editor";
const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function configOf(textarea) {
  try {
    return JSON.parse(textarea.getAttribute(MARKER) || "{}");
  } catch (error) {
    console.error("body editor: unreadable configuration", error);
    return null;
  }
}

/* The bundle's dialogs ask window.gettext for their words; it is read once, when the bundle is first evaluated. */
function provideMessages(messages) {
  const previous = window.gettext;
  window.gettext = (text) => (messages && messages[text]) || (previous ? previous(text) : text);
}

/* A toolbar button shows an icon font's ligature ("format_bold"): hide that word from assistive technology and give
   the button its Chinese name as (visually hidden) text, so that its accessible name is the text it holds rather
   than an aria-label the visible word contradicts (WCAG 2.5.3, axe's label-content-name-mismatch). */
function nameButton(button, label) {
  button.title = label;
  button.removeAttribute("aria-label");
  const hidden = button.querySelector(".visually-hidden");
  if (hidden) {
    hidden.textContent = label;
    return;
  }
  const icon = document.createElement("span");
  icon.setAttribute("aria-hidden", "true");
  icon.textContent = button.textContent;
  const name = document.createElement("span");
  name.className = "visually-hidden";
  name.textContent = label;
  button.replaceChildren(icon, name);
}

/* django-prose-editor titles its toolbar buttons in English: give them the Chinese labels, by menu name. */
function labelToolbar(editor, labels) {
  const menu = editor.storage.menu && editor.storage.menu.menu;
  if (!menu) {
    return;
  }
  const groups = "blockType lists nodes headings marks link table history utility";
  for (const item of menu.items(groups)) {
    const label = labels[item.name];
    if (!label) {
      continue;
    }
    if (item.button) {
      nameButton(item.button, label);
    }
    if (item.option) {
      item.option.textContent = label;
    }
  }
  editor.view.dispatch(editor.state.tr); // redraw the block-type picker with the new labels
}

/* The bundle's dialogs offer some choices in English (the table's header row: Yes / No) and compare their values:
   show them translated, keeping each value. */
function translateDialogChoices(element, messages) {
  new MutationObserver(() => {
    for (const option of element.querySelectorAll("dialog option:not([data-translated])")) {
      option.dataset.translated = "";
      const text = messages[option.textContent];
      if (text) {
        option.value = option.textContent;
        option.textContent = text;
      }
    }
  }).observe(element, { childList: true, subtree: true });
}

/* The extension without the attributes the server's sanitiser drops (config.removedAttributes), and writing none
   of its other attributes when empty (the link dialog leaves title=""). */
function withoutAttributes(extension, names) {
  if (!names || !names.length) {
    return extension;
  }
  return extension.extend({
    addAttributes() {
      const attributes = { ...(this.parent ? this.parent() : {}) };
      for (const name of names) {
        delete attributes[name];
      }
      for (const [name, spec] of Object.entries(attributes)) {
        const render = spec && spec.renderHTML;
        attributes[name] = {
          ...spec,
          renderHTML: (values) => {
            if (values[name] === "" || values[name] === null || values[name] === undefined) {
              return {};
            }
            return render ? render(values) : { [name]: values[name] };
          },
        };
      }
      return attributes;
    },
  });
}

function createEditor(bundle, textarea, config) {
  const extensions = [];
  const removed = config.removedAttributes || {};
  for (const [name, options] of Object.entries(config.extensions || {})) {
    if (!bundle[name]) {
      console.error(`body editor: no extension ${name}`);
      continue;
    }
    const extension = withoutAttributes(bundle[name], removed[name]);
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  const element = document.createElement("div");
  element.className = "prose-editor";
  textarea.before(element);
  element.append(textarea);
  translateDialogChoices(element, config.messages || {});
  const editor = new bundle.Editor({
    element,
    extensions,
    content: textarea.value,
    injectCSS: false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": config.editorLabel || "",
      },
    },
    onCreate({ editor: created }) {
      // the toolbar is built by the Menu extension on the same "create" event: label it once that has run
      setTimeout(() => {
        labelToolbar(created, config.labels || {});
        element.dataset.ready = "true";
        textarea.dispatchEvent(new CustomEvent("body-editor:ready", { detail: { editor: created }, bubbles: true }));
      }, 0);
    },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = EMPTY.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  return editor;
}

async function start() {
  const areas = Array.from(document.querySelectorAll(`textarea[${MARKER}]`));
  if (!areas.length) {
    return;
  }
  const configs = areas.map(configOf);
  const first = configs.find(Boolean);
  if (!first || !first.bundle) {
    return;
  }
  provideMessages(first.messages);
  const bundle = await import(first.bundle);
  areas.forEach((textarea, index) => {
    if (configs[index]) {
      createEditor(bundle, textarea, configs[index]);
    }
  });
}

start().catch((error) => console.error("body editor:", error));
