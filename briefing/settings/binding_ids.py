"""The id of every key binding of the reader: what ``[keys]`` in the config file may rebind.

Kept here, as plain data, so that ``briefing config`` (which never imports Textual) checks the ids too;
a test checks that the list is the reader's own.
"""

BINDING_IDS = (
    "app.quit", "counts.down", "counts.page", "counts.up", "document.bottom", "document.choose",
    "document.line_down", "document.line_up", "document.next_item", "document.page_down", "document.page_up",
    "document.previous_item", "document.top", "errors.close", "errors.show", "evidence.close", "evidence.next",
    "evidence.previous", "export.cancel", "help.close", "list.down", "list.first", "list.last",
    "list.page_down", "list.page_up", "list.read", "list.up", "main.clear_search", "main.copy_list",
    "main.copy_meeting", "main.edit", "main.errors", "main.evidence", "main.export", "main.facets", "main.flag",
    "main.help", "main.narrower", "main.next_match", "main.open_source", "main.previous_match",
    "main.print_on_exit", "main.quit", "main.read", "main.read_all", "main.reload", "main.search",
    "main.submit_search", "main.timeline", "main.views", "main.wider", "main.zoom", "page.back",
    "page.back_key", "page.down", "page.up", "search.down", "search.up", "views.close",
)  # fmt: skip
