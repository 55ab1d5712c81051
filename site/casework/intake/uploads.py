"""Photos sent on a form page are stored at once (privately, with a random name) and joined to the request
when it is sent. A replaced photo is deleted with its file; files of forms never sent go after a day
(casework.retention)."""
from casework.models import Upload


def store(uploaded, previous=None):
    """Store a checked upload; delete the one it replaces (row and file). Returns {id, name} for the draft."""
    if previous:
        for old in Upload.objects.filter(pk=previous["id"], submission__isnull=True):
            old.delete()
    upload = Upload(original_name=uploaded.name[:255], content_type=uploaded.sniffed_type, size=uploaded.size)
    upload.file.save("upload", uploaded, save=False)
    upload.save()
    return {"id": str(upload.pk), "name": upload.original_name}


def attach(photo, submission):
    if photo:
        Upload.objects.filter(pk=photo["id"], submission__isnull=True).update(submission=submission)
