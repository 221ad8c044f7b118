package dev.llmkit.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmkit.contract.FileServiceContract;
import dev.llmkit.file.FileService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider-neutral file contract, run against WireMock playing a stateful files API. */
class OpenAiFileServiceContractTest extends FileServiceContract {
  private static final FakeFilesServer FILES = new FakeFilesServer();

  @RegisterExtension
  static final WireMockExtension WM =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(FILES))
          .build();

  @BeforeEach
  void setUp() {
    FILES.clear();
    WM.stubFor(
        any(urlPathMatching("/v1/files(/.*)?"))
            .willReturn(aResponse().withTransformers(FakeFilesServer.NAME)));
  }

  @Override
  protected FileService fileService() {
    return CapabilityClients.files(WM.baseUrl());
  }
}
