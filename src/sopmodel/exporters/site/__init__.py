"""The HTML handbook: a static site of procedures and plans (`sopmodel site`).

from sopmodel.exporters.site import SiteOptions, Handbook
book = Handbook(paths, out_folder, SiteOptions(language=None, live_script=None, findings=False))
result = book.build()                 # everything
result = book.rebuild(changed_paths)  # warm: reload those files, rewrite affected pages
book.url_of(path)                     # site-relative URL of a document's page
"""

from sopmodel.exporters.site.handbook import BuildResult, Handbook, SiteOptions
from sopmodel.exporters.site.html import rich, safe_url
from sopmodel.exporters.site.writer import MANIFEST, SiteWriteError, SiteWriter

__all__ = [
    "MANIFEST",
    "BuildResult",
    "Handbook",
    "SiteOptions",
    "SiteWriteError",
    "SiteWriter",
    "rich",
    "safe_url",
]
