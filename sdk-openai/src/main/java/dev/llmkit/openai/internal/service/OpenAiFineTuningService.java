package dev.llmkit.openai.internal.service;

import dev.llmkit.common.Page;
import dev.llmkit.finetuning.CreateFineTuningJobRequest;
import dev.llmkit.finetuning.FineTuningCheckpoint;
import dev.llmkit.finetuning.FineTuningJob;
import dev.llmkit.finetuning.FineTuningJobEvent;
import dev.llmkit.finetuning.FineTuningService;
import dev.llmkit.finetuning.JobListRequest;
import dev.llmkit.finetuning.ListRequest;
import dev.llmkit.openai.internal.http.OpenAiCapabilitiesApi;
import dev.llmkit.openai.internal.http.OpenAiTransport;
import dev.llmkit.openai.internal.wire.FineTuningMapper;
import dev.llmkit.openai.internal.wire.FineTuningRequestMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fine-tuning jobs over {@code /fine_tuning/jobs}. The legacy {@code /fine-tunes} endpoint is gone
 * at OpenAI and is not offered. Following a job ({@code awaitCompletionAsync}) uses the interface's
 * polling of {@link #retrieve} and {@link #listEvents}.
 */
public final class OpenAiFineTuningService implements FineTuningService {
  private final OpenAiTransport transport;
  private final OpenAiCapabilitiesApi api;

  public OpenAiFineTuningService(OpenAiTransport transport, OpenAiCapabilitiesApi api) {
    this.transport = transport;
    this.api = api;
  }

  @Override
  public FineTuningJob create(CreateFineTuningJobRequest request) {
    Objects.requireNonNull(request, "request == null");
    Map<String, Object> body = FineTuningRequestMapper.toBody(request);
    return transport.map(transport.execute(api.createJob(body)), FineTuningMapper::job);
  }

  @Override
  public Page<FineTuningJob> list(JobListRequest request) {
    Objects.requireNonNull(request, "request == null");
    Map<String, String> metadata = new LinkedHashMap<>();
    request.metadata().forEach((k, v) -> metadata.put("metadata[" + k + "]", v));
    return transport.map(
        transport.execute(api.listJobs(request.after(), request.limit(), metadata)),
        FineTuningMapper::jobs);
  }

  @Override
  public FineTuningJob retrieve(String jobId) {
    return transport.map(transport.execute(api.retrieveJob(check(jobId))), FineTuningMapper::job);
  }

  @Override
  public FineTuningJob cancel(String jobId) {
    return transport.map(transport.execute(api.cancelJob(check(jobId))), FineTuningMapper::job);
  }

  @Override
  public Page<FineTuningJobEvent> listEvents(String jobId, ListRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.map(
        transport.execute(api.listJobEvents(check(jobId), request.after(), request.limit())),
        FineTuningMapper::events);
  }

  @Override
  public Page<FineTuningCheckpoint> listCheckpoints(String jobId, ListRequest request) {
    Objects.requireNonNull(request, "request == null");
    return transport.map(
        transport.execute(api.listJobCheckpoints(check(jobId), request.after(), request.limit())),
        FineTuningMapper::checkpoints);
  }

  private static String check(String jobId) {
    return Ids.check(jobId, "jobId", "ftjob-abc123");
  }
}
