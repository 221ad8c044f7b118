package dev.llmkit.openai.internal.http;

import dev.llmkit.openai.internal.wire.ChatCompletionDto;
import dev.llmkit.openai.internal.wire.ChatCompletionRequestDto;
import dev.llmkit.openai.internal.wire.CompletionDto;
import dev.llmkit.openai.internal.wire.CompletionRequestDto;
import dev.llmkit.openai.internal.wire.ModelDto;
import io.reactivex.rxjava3.core.Single;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * The OpenAI endpoints, relative to the base URL ({@code https://api.openai.com/v1/}). Async
 * variants return the whole {@link Response} so errors are mapped by {@link OpenAiTransport}, not
 * surfaced as Retrofit's {@code HttpException}. Streaming goes through {@link SseFlowable}.
 */
public interface OpenAiApi {
  @POST("chat/completions")
  Call<ChatCompletionDto> chat(@Body ChatCompletionRequestDto body);

  @POST("chat/completions")
  Single<Response<ChatCompletionDto>> chatAsync(@Body ChatCompletionRequestDto body);

  @POST("completions")
  Call<CompletionDto> complete(@Body CompletionRequestDto body);

  @POST("completions")
  Single<Response<CompletionDto>> completeAsync(@Body CompletionRequestDto body);

  @GET("models")
  Call<ModelDto.ListDto> listModels();

  @GET("models/{model}")
  Call<ModelDto> retrieveModel(@Path("model") String model);

  @DELETE("models/{model}")
  Call<ModelDto.DeletedDto> deleteModel(@Path("model") String model);
}
