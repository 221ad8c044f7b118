package dev.llmkit.openai.internal.service;

import dev.llmkit.common.Page;
import dev.llmkit.file.FileDeletion;
import dev.llmkit.file.FileExpiration;
import dev.llmkit.file.FileListRequest;
import dev.llmkit.file.FilePurpose;
import dev.llmkit.file.FileService;
import dev.llmkit.file.FileUpload;
import dev.llmkit.file.SortOrder;
import dev.llmkit.file.StoredFile;
import dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.http.UploadBody;
import dev.llmkit.openai.internal.wire.FileMapper;
import java.io.InputStream;
import java.util.Objects;
import okhttp3.MultipartBody;
import okhttp3.ResponseBody;
import retrofit2.Call;

/**
 * Files over {@code /files}. Uploads stream the content from its source in 8 KiB segments;
 * downloads return the socket's stream. Neither is bounded by the client's call timeout, whose
 * default would cut large transfers: the read and write timeouts bound each stall instead.
 */
public final class OpenAiFileService implements FileService {
  private final OpenAiTransport transport;
  private final OpenAiCapabilitiesApi api;

  public OpenAiFileService(OpenAiTransport transport, OpenAiCapabilitiesApi api) {
    this.transport = transport;
    this.api = api;
  }

  @Override
  public StoredFile upload(FileUpload upload) {
    Objects.requireNonNull(upload, "upload == null");
    MultipartBody.Builder form =
        new MultipartBody.Builder()
            .setType(MultipartBody.FORM)
            .addFormDataPart("purpose", upload.purpose().value());
    FileExpiration expires = upload.expiresAfter();
    if (expires != null) {
      form.addFormDataPart("expires_after[anchor]", expires.anchor())
          .addFormDataPart("expires_after[seconds]", Long.toString(expires.seconds()));
    }
    form.addFormDataPart("file", upload.filename(), new UploadBody(upload));
    return transport.map(
        transport.execute(untimed(api.uploadFile(form.build()))), FileMapper::file);
  }

  @Override
  public Page<StoredFile> list(FileListRequest request) {
    Objects.requireNonNull(request, "request == null");
    SortOrder order = request.order();
    FilePurpose purpose = request.purpose();
    return transport.map(
        transport.execute(
            api.listFiles(
                request.after(),
                request.limit(),
                order == null ? null : order.value(),
                purpose == null ? null : purpose.value())),
        FileMapper::page);
  }

  @Override
  public StoredFile retrieve(String fileId) {
    return transport.map(transport.execute(api.retrieveFile(check(fileId))), FileMapper::file);
  }

  @Override
  public FileDeletion delete(String fileId) {
    return transport.map(transport.execute(api.deleteFile(check(fileId))), FileMapper::deletion);
  }

  /**
   * Returns the body's stream as it arrives from the socket. Closing it releases the connection;
   * reading it to the end does too.
   */
  @Override
  public InputStream content(String fileId) {
    ResponseBody body = transport.execute(untimed(api.fileContent(check(fileId))));
    return body.byteStream();
  }

  private static <T> Call<T> untimed(Call<T> call) {
    call.timeout().clearTimeout();
    return call;
  }

  private static String check(String fileId) {
    return Ids.check(fileId, "fileId", "file-abc123");
  }
}
