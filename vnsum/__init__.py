"""vnsum: faithful Vietnamese⇄English news translation you can check side by side.

The library API is small::

    from vnsum import Translator
    result = Translator().translate(text, target_lang="en")
    print(result.text)

Importing vnsum is cheap: torch and transformers load only when a model is first used.
"""

from vnsum.errors import InputError, ModelUnavailableError, VnsumError
from vnsum.result import Paragraph, Segment, Translation, TranslationStats
from vnsum.translator import TranslateOptions, Translator, translate_text

__all__ = [
    "InputError",
    "ModelUnavailableError",
    "Paragraph",
    "Segment",
    "TranslateOptions",
    "Translation",
    "TranslationStats",
    "Translator",
    "VnsumError",
    "translate_text",
]
__version__ = "0.1.0"
