package dev.llmkit.openai.internal.http;

import dev.llmkit.openai.internal.wire.ChatCompletionDto;
import dev.llmkit.openai.internal.wire.ChatCompletionRequestDto;
import dev.llmkit.openai.internal.wire.CompletionDto;
import dev.llmkit.openai.internal.wire.CompletionRequestDto;
import dev.llmkit.openai.internal.wire.ModelDto;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * The OpenAI endpoints, relative to the base URL ({@code https://api.openai.com/v1/}). Each {@link
 * Call} is run blocking with {@link OpenAiTransport#execute} or natively async with {@link
 * OpenAiTransport#async} (enqueued on OkHttp's dispatcher). Streaming goes through {@link
 * SseFlowable}.
 *
 * <p>Async methods deliberately return {@code Call}, not Retrofit's RxJava {@code Single}: the
 * RxJava adapter drops the failure of a call that OkHttp cancelled itself, as its call timeout
 * does, so a timed-out {@code Single} would never terminate.
 */
public interface OpenAiApi {
  @POST("chat/completions")
  Call<ChatCompletionDto> chat(@Body ChatCompletionRequestDto body);

  @POST("completions")
  Call<CompletionDto> complete(@Body CompletionRequestDto body);

  @GET("models")
  Call<ModelDto.ListDto> listModels();

  @GET("models/{model}")
  Call<ModelDto> retrieveModel(@Path("model") String model);

  @DELETE("models/{model}")
  Call<ModelDto.DeletedDto> deleteModel(@Path("model") String model);
}
