"""The app's own limit on uploaded files, whatever the proxy in front lets through.

Django bounds a request's form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not its files:
those are streamed to a temporary file of any size before a view can look at them. This
handler, first in FILE_UPLOAD_HANDLERS, refuses a request whose body is larger than
UPLOAD_MAX_SIZE before anything is written (by its Content-Length), or as soon as the
streamed files pass it (a chunked body states no length). The refusal is
RequestDataTooBig: the 400 page. Each field then has its own, smaller limit, checked by
content where the file is used (apps.dokumen.berkas, apps.usulan.foto, the Excel import).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


def _terlalu_besar() -> RequestDataTooBig:
    return RequestDataTooBig(
        f"Upload larger than settings.UPLOAD_MAX_SIZE ({settings.UPLOAD_MAX_SIZE} bytes)."
    )


class BatasUnggahanHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > settings.UPLOAD_MAX_SIZE:
            raise _terlalu_besar()
        self.diterima = 0
        return None  # the next handlers read the files

    def receive_data_chunk(self, raw_data, start):
        self.diterima += len(raw_data)
        if self.diterima > settings.UPLOAD_MAX_SIZE:
            raise _terlalu_besar()
        return raw_data

    def file_complete(self, file_size):
        return None
