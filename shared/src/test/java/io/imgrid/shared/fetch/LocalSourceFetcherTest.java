package io.imgrid.shared.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code local://} under a root in a temporary directory, with a secret beside it. */
@ExtendWith(VertxExtension.class)
class LocalSourceFetcherTest {
  private static final byte[] IMAGE = "local image bytes".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SECRET = "SECRET".getBytes(StandardCharsets.UTF_8);
  private static final Instant MTIME = Instant.parse("2024-05-01T10:00:00.123456789Z");

  @TempDir Path tmp;
  private Path root;
  private SourceFetcher fetcher;

  @BeforeEach
  void layout(Vertx vertx) throws Exception {
    root = Files.createDirectories(tmp.resolve("img"));
    Files.write(root.resolve("a.png"), IMAGE);
    Files.setLastModifiedTime(root.resolve("a.png"), FileTime.from(MTIME));
    Files.createDirectories(root.resolve("dir"));
    Files.write(root.resolve("dir/b.png"), IMAGE);
    Files.createDirectories(root.resolve("%2e%2e"));
    Files.write(root.resolve("%2e%2e/literal.png"), IMAGE);
    Files.write(tmp.resolve("outside.txt"), SECRET);
    Files.createDirectories(tmp.resolve("img2"));
    Files.write(tmp.resolve("img2/secret.png"), SECRET);
    Files.createSymbolicLink(root.resolve("link-out"), tmp.resolve("outside.txt"));
    Files.createSymbolicLink(root.resolve("dir-out"), tmp.resolve("img2"));
    Files.createSymbolicLink(root.resolve("link-in"), root.resolve("a.png"));
    fetcher = SourceFetcher.create(vertx, config(Map.of()));
  }

  @AfterEach
  void close() throws Exception {
    await(fetcher.close());
  }

  private FetchConfig config(Map<String, String> extra) {
    Map<String, String> vars = new java.util.HashMap<>(extra);
    vars.put("IMGPROXY_LOCAL_FILESYSTEM_ROOT", root.toString());
    Env env = Env.of(vars);
    FetchConfig config = FetchConfig.from(env);
    env.validate();
    return config;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static ImgridException failure(Future<?> future) throws Exception {
    try {
      Object result = future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + result);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ImgridException.class);
      return (ImgridException) e.getCause();
    }
  }

  private static String expectedEtag(String path, long size, Instant mtime) throws Exception {
    long nanos = mtime.getEpochSecond() * 1_000_000_000L + mtime.getNano();
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest((path + "__" + size + "__" + nanos).getBytes(StandardCharsets.UTF_8));
    return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
  }

  @Test
  void readsAFileWithValidators() throws Exception {
    FetchedSource src = await(fetcher.fetch("local:///a.png", FetchRequest.process()));
    assertThat(src.status()).isEqualTo(200);
    assertThat(src.bytes()).isEqualTo(IMAGE);
    assertThat(src.headers().contentLength()).isEqualTo(IMAGE.length);
    assertThat(src.headers().contentType()).isNull();
    assertThat(src.headers().lastModified()).isEqualTo("Wed, 01 May 2024 10:00:00 GMT");
    // The filesystem may keep less than nanoseconds: compute from what it kept.
    Instant kept = Files.getLastModifiedTime(root.resolve("a.png")).toInstant();
    assertThat(src.headers().etag()).isEqualTo(expectedEtag("/a.png", IMAGE.length, kept));
  }

  @Test
  void queryIsCutAtTheSeparatorAndSymlinksInsideTheRootWork() throws Exception {
    assertThat(await(fetcher.fetch("local:///a.png?v=3", FetchRequest.process())).bytes())
        .isEqualTo(IMAGE);
    assertThat(await(fetcher.fetch("local:///link-in", FetchRequest.process())).bytes())
        .isEqualTo(IMAGE);
    assertThat(await(fetcher.fetch("local://dir/b.png", FetchRequest.process())).bytes())
        .isEqualTo(IMAGE);
  }

  @Test
  void percentSequencesAreLiteralNamesInsideTheRoot() throws Exception {
    FetchedSource src = await(fetcher.fetch("local:///%2e%2e/literal.png", FetchRequest.process()));
    assertThat(src.bytes()).isEqualTo(IMAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "local:///../outside.txt",
        "local://../outside.txt",
        "local:///dir/../../outside.txt",
        "local:///./../outside.txt",
        "local:///%2e%2e/outside.txt",
        "local:///%2e%2e/%2e%2e/outside.txt",
        "local:///%252e%252e/outside.txt",
        "local:///..%2foutside.txt",
        "local:///..%252foutside.txt",
        "local:///../img2/secret.png",
        "local:///dir-out/secret.png",
        "local:///link-out",
        "local:///dir/..",
        "local:///",
        "local:///dir",
        "local:///a.png\u0000.txt",
        "local:///nope.png",
      })
  void nothingOutsideTheRootIsEverRead(String url) throws Exception {
    ImgridException e = failure(fetcher.fetch(url, FetchRequest.process()));
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.kind()).isIn(ErrorKind.INVALID_SOURCE_URL, ErrorKind.SOURCE_UNREACHABLE);
  }

  @Test
  void siblingPrefixOfTheRootIsNotTheRoot() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> LocalSourceFetcher.resolveUnderRoot(root, "/../img2/secret.png")))
        .isInstanceOf(ImgridException.class);
  }

  @Test
  void missingFileIsUnreachable() throws Exception {
    ImgridException e = failure(fetcher.fetch("local:///nope.png", FetchRequest.process()));
    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    assertThat(e.publicMessage()).isEqualTo("Source is unreachable");
  }

  @Test
  void answers304ForAMatchingEtagOrAnUnchangedDate() throws Exception {
    String etag = await(fetcher.fetch("local:///a.png", FetchRequest.process())).headers().etag();
    FetchedSource byEtag =
        await(fetcher.fetch("local:///a.png", FetchRequest.process().withConditionals(etag, null)));
    assertThat(byEtag.status()).isEqualTo(304);
    assertThat(byEtag.body().length()).isZero();

    FetchedSource byDate =
        await(
            fetcher.fetch(
                "local:///a.png",
                FetchRequest.process().withConditionals(null, "Wed, 01 May 2024 10:00:00 GMT")));
    assertThat(byDate.status()).isEqualTo(304);

    FetchedSource older =
        await(
            fetcher.fetch(
                "local:///a.png",
                FetchRequest.process().withConditionals(null, "Wed, 01 May 2024 09:59:59 GMT")));
    assertThat(older.status()).isEqualTo(200);

    FetchedSource otherTag =
        await(
            fetcher.fetch(
                "local:///a.png", FetchRequest.process().withConditionals("\"other\"", null)));
    assertThat(otherTag.status()).isEqualTo(200);
  }

  @Test
  void capAppliesToLocalFiles(Vertx vertx) throws Exception {
    ImgridException e =
        failure(fetcher.fetch("local:///a.png", FetchRequest.process().withMaxBytes(4)));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
    SourceFetcher capped =
        SourceFetcher.create(vertx, config(Map.of("IMGPROXY_MAX_SRC_FILE_SIZE", "4")));
    try {
      assertThat(failure(capped.fetch("local:///a.png", FetchRequest.process())).status())
          .isEqualTo(422);
    } finally {
      await(capped.close());
    }
  }

  @Test
  void emptySeparatorKeepsTheQueryInTheName(Vertx vertx) throws Exception {
    Files.write(root.resolve("q.png?v=1"), IMAGE);
    SourceFetcher literal =
        SourceFetcher.create(vertx, config(Map.of("IMGPROXY_SOURCE_URL_QUERY_SEPARATOR", "")));
    try {
      assertThat(await(literal.fetch("local:///q.png?v=1", FetchRequest.process())).bytes())
          .isEqualTo(IMAGE);
    } finally {
      await(literal.close());
    }
  }
}
