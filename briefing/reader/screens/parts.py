"""The base of the main screen's parts (:mod:`.searching`, :mod:`.sharing`…): mixins of one screen.

To the type checker a part is a :class:`~textual.screen.Screen`, so that it may use
the screen's API; at run time it is a plain class, and Textual finds its message
handlers by their names (``on_report_read``), as it does not read ``@on`` outside a
:class:`~textual.message_pump.MessagePump` class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    ScreenPart = Screen[None]
else:
    ScreenPart = object
