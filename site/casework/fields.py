"""Photos and documents sent with a form: size, real file type (read from the content), a name that says the same
type, and images that really decode (Pillow). Downloads are named from the type, never from what was sent."""
from pathlib import PurePosixPath

import filetype
import pillow_heif
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from PIL import Image

pillow_heif.register_heif_opener()  # iPhones send HEIC photos

# The types we take, by content, and the name endings each may have (the first is the one downloads get).
UPLOAD_TYPES = {
    "image/jpeg": (".jpg", ".jpeg", ".jpe"),
    "image/png": (".png",),
    "image/heic": (".heic", ".heif"),
    "image/heif": (".heif", ".heic"),
    "application/pdf": (".pdf",),
}
IMAGE_TYPES = {"image/jpeg", "image/png", "image/heic", "image/heif"}
WRONG_TYPE = "The selected file must be a JPEG, PNG, HEIC or PDF"


def decodes_as_an_image(uploaded):
    try:
        with Image.open(uploaded) as image:
            image.verify()  # reads the whole file: a truncated or doctored image fails here
        return True
    except Exception:  # Pillow raises many kinds (SyntaxError, OSError, DecompressionBombError...) for bad files
        return False
    finally:
        uploaded.seek(0)


def check_upload(uploaded):
    """Size, real file type (read from the content), a name ending that matches it, and, for images, that Pillow can
    read it. Returns the content type."""
    max_bytes = settings.CASEWORK_UPLOAD_MAX_BYTES
    if uploaded.size > max_bytes:
        raise ValidationError(f"The file must be smaller than {max_bytes // (1024 * 1024)}MB", code="too_big")
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in UPLOAD_TYPES:
        raise ValidationError(WRONG_TYPE, code="type")
    if PurePosixPath((uploaded.name or "").lower()).suffix not in UPLOAD_TYPES[kind.mime]:
        raise ValidationError(WRONG_TYPE, code="type")  # "evil.png.html": the name says something else
    if kind.mime in IMAGE_TYPES and not decodes_as_an_image(uploaded):
        raise ValidationError(WRONG_TYPE, code="type")
    return kind.mime


def download_name(original_name, content_type):
    """A safe name for a download: the sent name's words (letters, digits, hyphens) and the ending of the file's real
    type, so no download opens as anything but what it is ("evil.png.html" -> "evil-png.png")."""
    name = (original_name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return (slugify(stem.replace(".", " "))[:60] or "file") + UPLOAD_TYPES.get(content_type, (".bin",))[0]


class UploadField(forms.FileField):
    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "read"):
            uploaded.sniffed_type = check_upload(uploaded)
        return uploaded
