"""Words of a known vocabulary that OCR misread one letter of: 'HARDWAKE' is HARDWARE, 'gmall' is gmail."""
import re

# letter pairs OCR takes one for the other in print
_CONFUSED = frozenset(frozenset(pair) for pair in ("kr", "nm", "hm", "il", "ij", "o0", "s5", "b8", "ef", "uv", "cg",
                                                   "do", "1i", "1l", "rn"))


class Vocabulary:
    """Lower-case words; ``respell`` gives a word back spelled as the one vocabulary word it is one confusable
    letter away from (the misread letter replaced in the word's own case), or unchanged."""

    def __init__(self, words):
        self.words = frozenset(words)
        self._by_length = {}
        for word in self.words:
            self._by_length.setdefault(len(word), []).append(word)

    def respell(self, word):
        lowered = word.lower()
        if lowered in self.words or sum(c.isalpha() for c in word) < 3:
            return word
        fixes = []
        for known in self._by_length.get(len(word), ()):
            differences = [i for i, (a, b) in enumerate(zip(lowered, known)) if a != b]
            if len(differences) == 1 and frozenset((lowered[differences[0]], known[differences[0]])) in _CONFUSED:
                fixes.append((differences[0], known[differences[0]]))
        if len(fixes) != 1:
            return word  # near no word, or near two: nothing says which
        index, letter = fixes[0]
        others = word[:index] + word[index + 1:]
        # in the case of the word's other letters; a first letter keeps its own ("Nart" → "Mart")
        upper = word[index].isupper() if index == 0 and word[0].isalpha() else others.isupper()
        return word[:index] + (letter.upper() if upper else letter) + word[index + 1:]

    def respell_words(self, text, min_length=4):
        """``text`` with each word of ``min_length`` letters or digits or more respelled."""
        return re.sub(rf"[A-Za-z0-9]{{{min_length:d},}}", lambda match: self.respell(match.group(0)), text)
