"""`sopmodel serve`: a live preview of the handbook on 127.0.0.1 that rebuilds on save.

from sopmodel.preview import PreviewServer
with PreviewServer(["procedures/"], port=0) as server:
    print(server.url)   # pages reload by themselves when a file is saved
"""

from sopmodel.preview.server import Builder, PreviewServer, Rebuild, handbook
from sopmodel.preview.web import EVENTS, HOST, LIVE_SCRIPT, PortError

__all__ = [
    "EVENTS",
    "HOST",
    "LIVE_SCRIPT",
    "Builder",
    "PortError",
    "PreviewServer",
    "Rebuild",
    "handbook",
]
