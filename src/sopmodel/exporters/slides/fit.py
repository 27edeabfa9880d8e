"""Fit text to boxes with the metrics of the font the deck really uses (read with fontTools)."""

from __future__ import annotations

from sopmodel.exporters.fonts import FontMetrics, font_metrics

__all__ = ["FontMetrics", "count_lines", "font_metrics", "wrap"]


def _cut(word: str, width: float, size: float, metrics: FontMetrics) -> list[str]:
    """Return a word wider than width cut into pieces that fit (at least one character each)."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, character in enumerate(word):
        advance = metrics.width(character, size)
        if used + advance > width and index > start:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += advance
    pieces.append(word[start:])
    return pieces


def wrap(text: str, width: float, size: float, metrics: FontMetrics) -> list[str]:
    """Return text broken into lines no wider than width points (long words are cut).

    Each character is measured once, so that the time grows with the length of the text.
    """
    lines: list[str] = []
    space = metrics.width(" ", size)
    for paragraph in text.splitlines() or [""]:
        current, used = "", 0.0
        for word in paragraph.split():
            word_width = metrics.width(word, size)
            if word_width > width:  # a word longer than the line: cut it
                *whole, word = _cut(word, width, size, metrics)
                if current:
                    lines.append(current)
                    current, used = "", 0.0
                lines += whole
                word_width = metrics.width(word, size)
            needed = word_width + (space if current else 0.0)
            if current and used + needed > width:
                lines.append(current)
                current, used = word, word_width
            else:
                current = f"{current} {word}" if current else word
                used += needed
        lines.append(current)
    return lines


def count_lines(segments: list[tuple[str, FontMetrics]], width: float, size: float) -> int:
    """Return how many lines runs of text take, each run measured with its own font.

    Words are broken at spaces and line breaks as `wrap` does; a word longer than the line
    is cut between characters.
    """
    advances = [
        (character, metrics.width(character, size))
        for text, metrics in segments
        for character in text
    ]
    count, used, word, current = 1, 0.0, 0.0, False
    space = 0.0

    def place(word_width: float) -> None:
        nonlocal count, used, current
        if word_width > width:  # a word longer than the line: it fills whole lines
            if current:
                count += 1
            full = int(word_width // width)
            count += full
            used = word_width - full * width
            current = True
            return
        if current and used + space + word_width > width:
            count += 1
            used, current = 0.0, False
        used += (space if current else 0.0) + word_width
        current = True

    for character, advance in advances:
        if character == "\n":
            if word:
                place(word)
            count, used, word, current = count + 1, 0.0, 0.0, False
        elif character in " \t":  # a no-break space joins words, as it does on the slide
            if word:
                place(word)
            space, word = advance, 0.0
        else:
            word += advance
    if word:
        place(word)
    return count
