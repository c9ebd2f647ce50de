"""The rich-text editor of an item's body: django-prose-editor's Tiptap bundle, started by our own module.

The package's own widget loads its modules through an inline ``<script type="importmap">``, which the
Content-Security-Policy (``script-src 'self'``, gongkai.core.headers) blocks. :class:`BodyEditorWidget` is a plain
textarea (the page works without scripts) whose ``data-body-editor`` attribute carries the editor's configuration
as JSON: the extensions, the URL of the bundle and the Chinese labels of the toolbar and its dialogs.
``disclosure/body-editor.js`` (a module from the site's static files) reads it, imports the bundle by that URL and
creates the editor with Tiptap's ``injectCSS`` off — the few rules Tiptap would inject as a ``<style>`` element
are in the site stylesheet.

Only the extensions whose HTML :func:`gongkai.disclosure.services.clean_body` keeps are configured (tests check
it with the package's own allow-list of each extension), so what the editor writes survives sanitising
unchanged; the sanitiser stays the authority over whatever is posted.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_prose_editor.config import expand_extensions

EXTENSIONS: dict[str, Any] = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    # the page's own title is the h1: the body's headings start at h2 (clean_body keeps h2–h4)
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    # no dialog for the list's start and numbering style: clean_body keeps no attribute of <ol>
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # no "open in a new window": clean_body keeps a link's href and title only
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}

# Attributes an extension would keep on its element that clean_body drops: the editor forgets them too, so it shows
# what will be saved (a list pasted with a start number or a numbering style is a plain numbered list); these
# extensions also write no attribute left empty (the link dialog's empty title).
REMOVED_ATTRIBUTES = {"OrderedList": ["type", "start"], "Link": ["target", "rel", "class"]}

# The toolbar's buttons by their menu names (django-prose-editor titles them in English, outside gettext).
BUTTON_LABELS = {
    "paragraph": gettext_lazy("Paragraph"),
    "heading2": gettext_lazy("Heading level 2"),
    "heading3": gettext_lazy("Heading level 3"),
    "heading4": gettext_lazy("Heading level 4"),
    "bulletList": gettext_lazy("Bulleted list"),
    "orderedList": gettext_lazy("Numbered list"),
    "blockquote": gettext_lazy("Quotation"),
    "bold": gettext_lazy("Bold"),
    "italic": gettext_lazy("Italic"),
    "underline": gettext_lazy("Underline"),
    "link": gettext_lazy("Insert a link"),
    "unlink": gettext_lazy("Remove the link"),
    "table": gettext_lazy("Insert a table"),
    "table:addColumnAfter": gettext_lazy("Add a column"),
    "table:deleteColumn": gettext_lazy("Delete the column"),
    "table:addRowAfter": gettext_lazy("Add a row"),
    "table:deleteRow": gettext_lazy("Delete the row"),
    "table:mergeCells": gettext_lazy("Merge cells"),
    "table:splitCell": gettext_lazy("Split the cell"),
    "table:toggleHeaderCell": gettext_lazy("Header cell on or off"),
    "table:deleteTable": gettext_lazy("Delete the table"),
    "history:undo": gettext_lazy("Undo"),
    "history:redo": gettext_lazy("Redo"),
}

# The dialogs' words, which the bundle asks window.gettext for (its msgids, as the package writes them).
DIALOG_MESSAGES = {
    "Update": gettext_lazy("Update"),
    "Cancel": gettext_lazy("Cancel"),
    "URL": gettext_lazy("Web address"),
    "Title": gettext_lazy("Title"),
    "Edit Link": gettext_lazy("Edit the link"),
    "Rows": gettext_lazy("Rows"),
    "Columns": gettext_lazy("Columns"),
    "Include header row": gettext_lazy("Header row"),
    "Table Properties": gettext_lazy("The table"),
    "Insert Table": gettext_lazy("Insert the table"),
    # the choices of a select in a dialog (the header row): shown translated, their values kept
    "Yes": gettext_lazy("Yes"),
    "No": gettext_lazy("No"),
}


class BodyEditorWidget(forms.Textarea):
    """A textarea that becomes the rich-text editor when scripts run."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"rows": 14, **(attrs or {})})

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                ]
            },
            js=[forms.Script("disclosure/body-editor.js", type="module")],
        )

    def config(self) -> dict[str, Any]:
        return {
            "bundle": static("django_prose_editor/editor.js"),
            "extensions": expand_extensions(EXTENSIONS),
            "removedAttributes": REMOVED_ATTRIBUTES,
            "labels": {name: str(label) for name, label in BUTTON_LABELS.items()},
            "messages": {msgid: str(text) for msgid, text in DIALOG_MESSAGES.items()},
            "editorLabel": _("Body"),
        }

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-body-editor"] = json.dumps(
            self.config(), ensure_ascii=False, separators=(",", ":")
        )
        return context

    def use_required_attribute(self, initial: Any) -> bool:
        return False  # the textarea is hidden while the editor shows: the browser could not point at it
