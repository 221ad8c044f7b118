package dev.llmkit.openai.internal.http;

import dev.llmkit.file.FileUpload;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * A request body that copies a {@link FileUpload}'s content to the socket one Okio segment (8 KiB)
 * at a time, so memory stays constant whatever the file size. Declares the exact length, so the
 * multipart request carries a {@code Content-Length}. An {@code InputStream} source is one-shot:
 * OkHttp will not replay it.
 */
public final class UploadBody extends RequestBody {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");

  private final FileUpload upload;
  private final MediaType contentType;

  public UploadBody(FileUpload upload) {
    this.upload = upload;
    String type = upload.contentType();
    MediaType declared = type == null ? null : MediaType.parse(type);
    this.contentType = declared == null ? OCTET_STREAM : declared;
  }

  @Override
  public MediaType contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return upload.contentLength();
  }

  @Override
  public boolean isOneShot() {
    return !upload.isRepeatable();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    InputStream in;
    try {
      in = upload.openStream();
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e); // a one-shot stream asked for a second time
    }
    long length = upload.contentLength();
    try (Source source = Okio.source(in)) {
      Buffer buffer = sink.getBuffer();
      long remaining = length;
      while (remaining > 0) {
        long read = source.read(buffer, remaining);
        if (read == -1) {
          throw new EOFException(
              "the content of "
                  + upload.filename()
                  + " ended after "
                  + (length - remaining)
                  + " of the "
                  + length
                  + " bytes declared");
        }
        remaining -= read;
        sink.emitCompleteSegments();
      }
    }
  }
}
