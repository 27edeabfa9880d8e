"""Slides added to a python-pptx presentation in constant time each.

python-pptx walks every part of the package to name each new notes slide or picture and to
find whether an image is already stored, and every relationship and slide id of the
presentation to add a slide: adding n slides costs n² steps (500 steps took 11 s, 2,000
steps 82 s). Once the template's own slides are dropped, the deck is the only writer of its
package, so the names, ids and images taken can be remembered instead.
"""

from __future__ import annotations

import re
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import SlidePart

__all__ = ["SlideAdder"]

_NUMBER = re.compile(r"(\d+)(?=\.[^./]+$)")


class _Names:
    """The part numbers taken in a package, by prefix ('/ppt/notesSlides/notesSlide')."""

    def __init__(self, package: Any) -> None:
        self.by_prefix: dict[str, set[int]] = {}
        for part in package.iter_parts():
            name = str(part.partname)
            found = _NUMBER.search(name)
            if found:
                self.by_prefix.setdefault(name[: found.start()], set()).add(int(found.group(1)))
        self.next: dict[str, int] = {}

    def take(self, prefix: str) -> int:
        """Return the lowest number above those handed out that no part of the prefix uses."""
        taken = self.by_prefix.setdefault(prefix, set())
        number = self.next.get(prefix, 1)
        while number in taken:
            number += 1
        taken.add(number)
        self.next[prefix] = number + 1
        return number


class SlideAdder:
    """Adds slides to a presentation in constant time each; nothing else may change it."""

    def __init__(self, presentation: Any) -> None:
        """Remember the names, ids and images the presentation already has.

        Call it after the template's slides are dropped and before slides are added.
        """
        self.presentation = presentation
        package = presentation.part.package
        names = _Names(package)
        images: dict[str, ImagePart] = {
            part.sha1: part for part in package.iter_parts() if isinstance(part, ImagePart)
        }
        self.names = names
        ids = [int(slide_id.id) for slide_id in presentation.slides._sldIdLst.sldId_lst]
        self.next_id = max([255, *ids]) + 1

        def next_partname(template: str) -> PackURI:
            prefix = template[: (template % 42).find("42")]
            return PackURI(template % names.take(prefix))

        def next_image_partname(ext: str) -> PackURI:
            return PackURI(f"/ppt/media/image{names.take('/ppt/media/image')}.{ext}")

        def get_or_add_image_part(image_file: Any) -> ImagePart:
            image = Image.from_file(image_file)
            part = images.get(image.sha1)
            if part is None:
                part = images[image.sha1] = ImagePart.new(package, image)
            return part

        package.next_partname = next_partname
        package.next_image_partname = next_image_partname
        package.get_or_add_image_part = get_or_add_image_part

    def add_slide(self, layout: Any) -> Any:
        """Return a new slide of a layout at the end of the deck, as `slides.add_slide` does."""
        part = self.presentation.part
        name = PackURI(f"/ppt/slides/slide{self.names.take('/ppt/slides/slide')}.xml")
        slide_part = SlidePart.new(name, part.package, layout.part)  # type: ignore[no-untyped-call]
        relationship = part.rels._add_relationship(RT.SLIDE, slide_part)  # a new part: no match
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        self.presentation.slides._sldIdLst._add_sldId(id=self.next_id, rId=relationship)
        self.next_id += 1
        return slide
