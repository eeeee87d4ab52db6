package io.dqgate.reports.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Drives a real headless Chromium (Debian's {@code chromium} package) from tests: load a local HTML
 * file and dump the DOM after load, or take a screenshot. Each call is one short-lived browser
 * process with a fresh profile, no network services, and a timeout.
 *
 * <p>{@link #requireOrSkip()} skips the calling test when no browser is installed, unless the
 * system property {@value #REQUIRE_PROPERTY} is {@code true} (CI sets it), in which case it fails.
 */
public final class HeadlessChromium {
  /** When {@code true}, a missing browser fails the test instead of skipping it. */
  public static final String REQUIRE_PROPERTY = "dqgate.requireChromium";

  /** An explicit browser binary, tried before the usual places. */
  public static final String BINARY_PROPERTY = "dqgate.chromium";

  private static final List<String> CANDIDATES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

  /**
   * Flags of every run: headless, no sandbox (tests run as root in containers), nothing phoning
   * home.
   */
  public static final List<String> BASE_FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--no-default-browser-check",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--disable-dev-shm-usage",
          "--hide-scrollbars",
          "--mute-audio");

  private final Path binary;
  private final Duration timeout;

  private HeadlessChromium(Path binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  /**
   * The installed browser, if any: {@value #BINARY_PROPERTY}, then /usr/bin/chromium and friends.
   */
  public static Optional<HeadlessChromium> find() {
    List<String> candidates = new ArrayList<>();
    String explicit = System.getProperty(BINARY_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      candidates.add(explicit);
    }
    candidates.addAll(CANDIDATES);
    for (String c : candidates) {
      Path p = Paths.get(c);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(new HeadlessChromium(p, DEFAULT_TIMEOUT));
      }
    }
    return Optional.empty();
  }

  /** The browser, or a skipped test (a failed one when {@value #REQUIRE_PROPERTY}=true). */
  public static HeadlessChromium requireOrSkip() {
    Optional<HeadlessChromium> found = find();
    if (found.isEmpty()) {
      String why =
          "No headless Chromium at "
              + CANDIDATES
              + " (or -D"
              + BINARY_PROPERTY
              + "=...): install Debian's"
              + " 'chromium' package (apt-get install -y chromium) to run browser tests";
      if (Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"))) {
        Assertions.fail(why + "; failing because -D" + REQUIRE_PROPERTY + "=true");
      }
      Assumptions.assumeTrue(false, why);
    }
    return found.get();
  }

  public Path binary() {
    return binary;
  }

  /** The browser's version line, e.g. {@code Chromium 130.0.6723.116 built on Debian ...}. */
  public String version() throws IOException {
    return run(List.of("--version"), false).trim();
  }

  /**
   * The serialized DOM after {@code html} has loaded (what scripts, if any had run, would have
   * changed).
   */
  public String dumpDom(Path html) throws IOException {
    return run(List.of("--dump-dom", html.toUri().toString()), true);
  }

  /** A PNG of the first {@code width}×{@code height} CSS pixels of {@code html}. */
  public Path screenshot(Path html, Path png, int width, int height) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(
        List.of(
            "--screenshot=" + png.toAbsolutePath(),
            "--window-size=" + width + "," + height,
            html.toUri().toString()),
        true);
    if (!Files.isRegularFile(png) || Files.size(png) == 0) {
      throw new IOException(
          "Cannot take a screenshot of " + html + " because Chromium wrote no " + png);
    }
    return png;
  }

  /** The full command line of a run with a given profile directory (for logs and docs). */
  public List<String> command(Path profile, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(BASE_FLAGS);
    cmd.add("--user-data-dir=" + profile);
    cmd.addAll(args);
    return cmd;
  }

  private String run(List<String> args, boolean browser) throws IOException {
    Path work = Files.createTempDirectory("dqgate-chromium-");
    try {
      Path out = work.resolve("stdout.txt");
      Path err = work.resolve("stderr.txt");
      List<String> cmd =
          browser ? command(work.resolve("profile"), args) : prepend(binary.toString(), args);
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("HOME", work.toString());
      Process p = pb.start();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException(
            "Cannot finish "
                + cmd
                + " because it took longer than "
                + timeout
                + "; stderr: "
                + tail(err));
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "Cannot run "
                + cmd
                + " because it exited with "
                + p.exitValue()
                + "; stderr: "
                + tail(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      deleteTree(work);
    }
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    String s = Files.readString(file, StandardCharsets.UTF_8);
    return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp profile is harmless; never fail a test on cleanup.
    }
  }
}
