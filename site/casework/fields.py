"""Photos and documents sent with a form: size and real file type (read from the content, not the name)."""
import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

ALLOWED_UPLOAD_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "image/heif": "HEIC",
    "application/pdf": "PDF",
}


def check_upload(uploaded):
    """Size and real file type (read from the content, not the name). Returns the content type."""
    max_bytes = settings.CASEWORK_UPLOAD_MAX_BYTES
    if uploaded.size > max_bytes:
        raise ValidationError(f"The file must be smaller than {max_bytes // (1024 * 1024)}MB", code="too_big")
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_UPLOAD_TYPES:
        raise ValidationError("The selected file must be a JPEG, PNG, HEIC or PDF", code="type")
    return kind.mime


class UploadField(forms.FileField):
    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and hasattr(uploaded, "read"):
            uploaded.sniffed_type = check_upload(uploaded)
        return uploaded
