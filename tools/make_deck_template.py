"""Build the default PowerPoint template shipped with sopmodel: 16:9, Calibri (Carlito).

python-pptx's own template is 4:3; this script widens the slide and every placeholder of
the master and layouts, so that a trainer's own 16:9 template and ours behave alike. Run
`python tools/make_deck_template.py` after changing it; a test checks the file is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

OUT = Path(__file__).resolve().parent.parent / "src/sopmodel/exporters/slides/templates"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 in x 7.5 in


def main() -> int:
    """Write deck.pptx into the package (or into the folder given)."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    deck = Presentation()
    factor = WIDTH / deck.slide_width
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    masters = list(deck.slide_masters)
    for master in masters:
        shapes = [*master.shapes, *(s for layout in master.slide_layouts for s in layout.shapes)]
        for shape in shapes:
            own = shape._element.find(".//" + qn("a:xfrm"))  # placeholders may inherit theirs
            if own is not None and shape.left is not None:
                shape.left = Emu(int(shape.left * factor))
                shape.width = Emu(int(shape.width * factor))
    deck.core_properties.title = "sopmodel deck template"
    deck.core_properties.author = "sopmodel"
    target.mkdir(parents=True, exist_ok=True)
    deck.save(target / "deck.pptx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
