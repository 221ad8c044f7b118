package dev.llmkit.openai.internal.http;

import dev.llmkit.openai.internal.wire.EmbeddingDtos;
import dev.llmkit.openai.internal.wire.FileDtos;
import dev.llmkit.openai.internal.wire.FineTuningDtos;
import dev.llmkit.openai.internal.wire.ModerationDtos;
import dev.llmkit.openai.internal.wire.WireJson;
import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;
import retrofit2.http.QueryMap;
import retrofit2.http.Streaming;

/**
 * The embeddings, files, fine-tuning jobs and moderation endpoints, relative to the base URL. Calls
 * go through the client's shared OkHttp client (auth, retries, logging) and are executed blocking
 * with {@link OpenAiTransport#execute} or enqueued with {@link
 * OpenAiTransport#async(java.util.function.Supplier)}, so errors map like every other endpoint's.
 */
public interface OpenAiCapabilitiesApi {

  /** Builds the API on the transport's OkHttp client, base URL and JSON mapper. */
  static OpenAiCapabilitiesApi create(OpenAiTransport transport) {
    return new Retrofit.Builder()
        .baseUrl(transport.settings().baseUrl())
        .client(transport.httpClient())
        .addConverterFactory(JacksonConverterFactory.create(WireJson.MAPPER))
        .build()
        .create(OpenAiCapabilitiesApi.class);
  }

  @POST("embeddings")
  Call<EmbeddingDtos.ResponseDto> embed(@Body EmbeddingDtos.RequestDto body);

  /** {@code body} is a multipart form whose file part streams from its source. */
  @POST("files")
  Call<FileDtos.FileDto> uploadFile(@Body RequestBody body);

  @GET("files")
  Call<FileDtos.ListDto> listFiles(
      @Query("after") @Nullable String after,
      @Query("limit") @Nullable Integer limit,
      @Query("order") @Nullable String order,
      @Query("purpose") @Nullable String purpose);

  @GET("files/{file_id}")
  Call<FileDtos.FileDto> retrieveFile(@Path("file_id") String fileId);

  @DELETE("files/{file_id}")
  Call<FileDtos.DeletedDto> deleteFile(@Path("file_id") String fileId);

  /** Not buffered: the body streams from the socket and must be closed by the reader. */
  @Streaming
  @GET("files/{file_id}/content")
  Call<ResponseBody> fileContent(@Path("file_id") String fileId);

  @POST("fine_tuning/jobs")
  Call<FineTuningDtos.JobDto> createJob(@Body Map<String, Object> body);

  /** {@code metadata} keys are already in the wire form {@code metadata[key]}. */
  @GET("fine_tuning/jobs")
  Call<FineTuningDtos.JobListDto> listJobs(
      @Query("after") @Nullable String after,
      @Query("limit") @Nullable Integer limit,
      @QueryMap Map<String, String> metadata);

  @GET("fine_tuning/jobs/{job_id}")
  Call<FineTuningDtos.JobDto> retrieveJob(@Path("job_id") String jobId);

  @POST("fine_tuning/jobs/{job_id}/cancel")
  Call<FineTuningDtos.JobDto> cancelJob(@Path("job_id") String jobId);

  @GET("fine_tuning/jobs/{job_id}/events")
  Call<FineTuningDtos.EventListDto> listJobEvents(
      @Path("job_id") String jobId,
      @Query("after") @Nullable String after,
      @Query("limit") @Nullable Integer limit);

  @GET("fine_tuning/jobs/{job_id}/checkpoints")
  Call<FineTuningDtos.CheckpointListDto> listJobCheckpoints(
      @Path("job_id") String jobId,
      @Query("after") @Nullable String after,
      @Query("limit") @Nullable Integer limit);

  @POST("moderations")
  Call<ModerationDtos.ResponseDto> moderate(@Body ModerationDtos.RequestDto body);
}
